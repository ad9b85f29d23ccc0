"""A dense library grid keeps the window's thread free (issue 21, point 3).

Thumbnails are read from the project and decoded on a worker with its own connection, what
is on screen first; the contact sheet shows placeholders until they arrive, then the
pictures with their marks and the selection, as the delegate draws them.
"""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QItemSelectionModel, QRect
from PySide6.QtGui import QColor, QImage, QPalette

from curator.core.model import CaptionField, CaptionStatus, Photo, PhotoFlag
from curator.core.repositories.media import StoredThumbnail
from curator.core.services import ProjectService
from curator.ui.tasks import TaskRunner
from curator.ui.views.library_delegate import HeadlineLines, cell_text_rect, text_lines
from curator.ui.views.library_model import SMALLEST_THUMBNAIL
from curator.ui.views.thumbnail_loader import ThumbnailLoader, decode_thumbnails

pytestmark = [pytest.mark.gui]

#: Stored thumbnails in a few plain colours, so the grid's pixels say which were drawn.
COLOURS = [(200, 30, 30), (30, 160, 40), (40, 60, 210)]
PLACEHOLDER = QColor("#d8d8d8")


def _jpeg(colour: tuple[int, int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (256, 171), colour).save(buffer, "JPEG", quality=95)
    return buffer.getvalue()


def _library(project_path: Path, count: int, damaged_at: int | None = None) -> list[str]:
    """``count`` photos whose originals are offline: only the stored thumbnails show.

    The first photo has three stars and a pick, the fourth five stars, a reject and a green
    label; the photo at ``damaged_at`` has stored bytes
    that are not a picture.
    """
    jpegs = [_jpeg(colour) for colour in COLOURS]
    ids: list[str] = []
    with ProjectService.open(project_path) as service, service.store.transaction():
        for index in range(count):
            photo = service.photos.add(
                Photo(
                    id="",
                    path=project_path.parent / "offline" / f"p{index:05}.jpg",
                    sha256=f"{index:064x}",
                    width=6000,
                    height=4000,
                    rating={0: 3, 3: 5}.get(index, 0),
                    flag={0: PhotoFlag.PICK, 3: PhotoFlag.REJECT}.get(index),
                    label="green" if index == 3 else None,
                )
            )
            data = b"not a jpeg" if index == damaged_at else jpegs[index % len(jpegs)]
            service.media.put_thumbnail(photo.id, StoredThumbnail(256, 171, data))
            ids.append(photo.id)
    return ids


def _near(colour: QColor, expected: tuple[int, int, int] | QColor, slack: int = 24) -> bool:
    want = expected if isinstance(expected, QColor) else QColor(*expected)
    return (
        abs(colour.red() - want.red()) <= slack
        and abs(colour.green() - want.green()) <= slack
        and abs(colour.blue() - want.blue()) <= slack
    )


def _dense(bundle, project_path: Path):
    assert bundle.controller.open_project(project_path)
    library = bundle.window.library
    bundle.window.resize(1400, 900)
    library.set_thumbnail_size(SMALLEST_THUMBNAIL)
    bundle.window.set_library_only(True)
    return library


def _laid_out(library) -> bool:
    """Whether the grid is laid out to its last photo (a large library is laid out in slices)."""
    bar = library.view.verticalScrollBar()
    bar.setValue(bar.maximum())
    span = library.view.visible_rows()
    return span is not None and span[1] == library.model.rowCount() - 1


def _shown(library) -> list[int]:
    span = library.view.visible_rows()
    assert span is not None
    return list(range(span[0], span[1] + 1))


def _centre(picture: QImage, library, row: int) -> QColor:
    return picture.pixelColor(library.view.visualRect(library.model.index(row)).center())


def test_a_dense_grid_shows_placeholders_then_the_stored_thumbnails_read_off_the_windows_thread(
    curator_window, project_path: Path, qtbot
) -> None:
    ids = _library(project_path, 400)
    library = _dense(curator_window, project_path)
    service = curator_window.controller.service
    statements: list[str] = []  # every statement the window's own connection runs
    service.store.conn.set_trace_callback(statements.append)
    view, model = library.view, library.model
    qtbot.waitUntil(lambda: len(_shown(library)) > 100, timeout=10000)  # a dense grid
    # Before the worker's pictures are taken in, the sheet shows placeholders.
    qtbot.waitUntil(lambda: _laid_out(library), timeout=20000)
    picture = view.viewport().grab().toImage()
    visible = _shown(library)
    assert visible[-1] == len(ids) - 1
    assert all(_near(_centre(picture, library, row), PLACEHOLDER, 8) for row in visible)
    qtbot.waitUntil(
        lambda: all(model.has_thumbnail(model.item(row).photo.id) for row in visible),
        timeout=20000,
    )
    picture = view.viewport().grab().toImage()
    for row in visible:
        photo_index = ids.index(model.item(row).photo.id)
        assert _near(_centre(picture, library, row), COLOURS[photo_index % 3]), row
    # The window's connection never read a thumbnail: the worker did, with its own.
    assert not [s for s in statements if "thumbnail" in s.lower()]
    service.store.conn.set_trace_callback(None)
    # The top: the rated, picked photo has its stars and tick, a plain one has none; a
    # selected photo's cell is highlighted around its picture.
    view.verticalScrollBar().setValue(0)
    qtbot.waitUntil(
        lambda: all(model.has_thumbnail(model.item(row).photo.id) for row in range(12)),
        timeout=20000,
    )
    plain = 5
    view.selectionModel().setCurrentIndex(
        model.index(plain), QItemSelectionModel.SelectionFlag.ClearAndSelect
    )
    picture = view.viewport().grab().toImage()

    def yellow_in(row: int) -> int:
        rect = view.visualRect(model.index(row))
        return sum(
            1
            for y in range(rect.top(), rect.bottom())
            for x in range(rect.left(), rect.right())
            if _near(picture.pixelColor(x, y), (0xFF, 0xD5, 0x4F), 40)
        )

    first = model.row_of(ids[0])
    assert first == 0
    assert yellow_in(first) > 5
    assert yellow_in(plain) == 0
    highlight = view.palette().color(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight)
    inactive = view.palette().color(QPalette.ColorGroup.Inactive, QPalette.ColorRole.Highlight)
    corner = view.visualRect(model.index(plain)).topLeft()
    assert picture.pixelColor(corner) in (highlight, inactive)
    corner = view.visualRect(model.index(plain + 1)).topLeft()
    assert picture.pixelColor(corner) not in (highlight, inactive)


def test_rows_scrolled_past_are_not_decoded_and_the_last_screen_comes(
    curator_window, project_path: Path, qtbot
) -> None:
    ids = _library(project_path, 6000)
    library = _dense(curator_window, project_path)
    view, model = library.view, library.model
    qtbot.waitUntil(lambda: len(_shown(library)) > 100, timeout=10000)
    bar = view.verticalScrollBar()
    qtbot.waitUntil(lambda: _laid_out(library), timeout=20000)
    screen = len(_shown(library))
    # Forty screens dragged past, top to bottom, each painted, none waited for.
    for step in range(41):
        bar.setValue(bar.maximum() * step // 40)
        view.viewport().repaint()
    last = _shown(library)
    assert last[-1] == len(ids) - 1
    # What waits for the worker is the last screen, not the forty.
    assert model.loader.waiting() <= len(last)
    qtbot.waitUntil(
        lambda: all(model.has_thumbnail(model.item(row).photo.id) for row in last),
        timeout=20000,
    )
    curator_window.tasks.wait(10000)
    qtbot.wait(100)
    # Far fewer decoded than the screens asked for on the way (every photo).
    assert model.loaded_thumbnails() < len(ids) / 2, (model.loaded_thumbnails(), screen)
    picture = view.viewport().grab().toImage()
    for row in last:
        photo_index = ids.index(model.item(row).photo.id)
        assert _near(_centre(picture, library, row), COLOURS[photo_index % 3]), row


def test_a_thumbnail_that_cannot_be_decoded_keeps_its_placeholder_without_asking_again(
    curator_window, project_path: Path, qtbot
) -> None:
    ids = _library(project_path, 30, damaged_at=4)
    library = _dense(curator_window, project_path)
    view, model = library.view, library.model
    qtbot.waitUntil(lambda: model.loaded_thumbnails() == len(ids) - 1, timeout=20000)
    for _ in range(3):
        view.viewport().repaint()
        assert model.loader.waiting() == 0  # not asked for again at every paint
    qtbot.wait(200)
    assert model.loaded_thumbnails() == len(ids) - 1
    row = model.row_of(ids[4])
    assert row is not None
    assert _near(_centre(view.viewport().grab().toImage(), library, row), PLACEHOLDER, 8)


def test_closing_the_project_closes_the_workers_connection(
    curator_window, project_path: Path, qtbot
) -> None:
    _library(project_path, 600)
    library = _dense(curator_window, project_path)
    bar = library.view.verticalScrollBar()
    qtbot.waitUntil(lambda: _laid_out(library), timeout=20000)
    for step in range(5):
        bar.setValue(bar.maximum() * step // 4)
        library.view.viewport().repaint()
    curator_window.controller.close_project()  # while the worker may be reading
    # The closed project is one file again: no connection kept its log beside it.
    assert not Path(f"{project_path}-wal").exists()
    assert not Path(f"{project_path}-shm").exists()


def test_thumbnails_that_cannot_be_read_are_decoded_from_the_originals(
    tmp_path: Path, qtbot
) -> None:
    original = tmp_path / "here.jpg"
    Image.new("RGB", (800, 600), (10, 200, 10)).save(original)

    class Unreadable:
        def read(self, _photo_ids: list[str]) -> dict[str, bytes]:
            raise sqlite3.OperationalError("disk I/O error")

        def close(self) -> None:
            return None

    tasks = TaskRunner(max_threads=1)
    loader = ThumbnailLoader(tasks)
    loader.source = Unreadable
    delivered: list[tuple[str, QImage | None]] = []
    loader.loaded.connect(lambda images, _size: delivered.extend(images))
    loader.want([("a", original), ("b", tmp_path / "gone.jpg")], SMALLEST_THUMBNAIL)
    qtbot.waitUntil(lambda: len(delivered) == 2, timeout=10000)
    assert loader.stop()
    images = dict(delivered)
    image = images["a"]
    assert image is not None and max(image.width(), image.height()) == SMALLEST_THUMBNAIL
    assert _near(image.pixelColor(10, 10), (10, 200, 10))
    assert images["b"] is None  # no stored bytes and no original: the placeholder stays
    # Stored bytes are decoded at the size asked for.
    decoded = decode_thumbnails([("c", _jpeg((40, 60, 210)), tmp_path / "x.jpg")], 64)
    picture = decoded[0][1]
    assert picture is not None and picture.width() == 64 and 42 <= picture.height() <= 43


def test_the_sheet_painted_at_once_is_the_sheet_the_delegate_paints(
    curator_window, project_path: Path, qtbot
) -> None:
    _library(project_path, 300, damaged_at=7)
    library = _dense(curator_window, project_path)
    view, model = library.view, library.model
    qtbot.waitUntil(lambda: len(_shown(library)) > 100, timeout=10000)
    visible = _shown(library)
    qtbot.waitUntil(
        lambda: (
            sum(model.has_thumbnail(model.item(row).photo.id) for row in visible)
            >= len(visible) - 1
        ),
        timeout=20000,
    )
    for row in (2, 3, 40, 41, 42):
        view.selectionModel().select(model.index(row), QItemSelectionModel.SelectionFlag.Select)
    assert view.sheet
    at_once = view.viewport().grab().toImage()
    view.sheet = False  # Qt's own painting, a cell at a time through the delegate
    try:
        by_cell = view.viewport().grab().toImage()
    finally:
        view.sheet = True
    assert at_once == by_cell
    # The scroll bar's holder paints its own background: the same as what was behind it.
    holder = view.verticalScrollBar().parentWidget()
    assert holder.autoFillBackground()
    window = curator_window.window
    own = window.grab().toImage()
    holder.setAutoFillBackground(False)
    try:
        behind = window.grab().toImage()
    finally:
        holder.setAutoFillBackground(True)
    assert own == behind
    # And it is a real sheet: pictures, placeholders, the marks and the selection.
    assert (
        len({at_once.pixelColor(view.visualRect(model.index(r)).center()).name() for r in visible})
        >= 3
    )


def test_the_rows_on_screen_worked_out_from_the_grid_are_the_rows_qt_shows(
    curator_window, project_path: Path, qtbot
) -> None:
    """The sheet's rows on screen come from its geometry, not a search among Qt's places."""
    import random

    _library(project_path, 1503)  # the last line is short
    library = _dense(curator_window, project_path)
    view, model = library.view, library.model
    qtbot.waitUntil(lambda: _laid_out(library), timeout=20000)
    bar = view.verticalScrollBar()
    rng = random.Random(5)
    for value in [0, 1, bar.maximum(), *(rng.randint(0, bar.maximum()) for _ in range(60))]:
        bar.setValue(value)
        view.viewport().repaint()
        reckoned = view._reckoned_rows(model.rowCount(), view.viewport().height())
        assert reckoned is not None, value  # the geometry is known once the sheet is painted
        # Each row Qt places on screen is in the span; the rows around it are not.
        first, last = reckoned
        height = view.viewport().height()
        assert view.visualRect(model.index(first)).bottom() >= 0
        assert first == 0 or view.visualRect(model.index(first - 1)).bottom() < 0
        assert view.visualRect(model.index(last)).top() < height
        assert (
            last == model.rowCount() - 1 or view.visualRect(model.index(last + 1)).top() >= height
        )


@pytest.mark.parametrize("size", [112, 160])
def test_a_grid_with_headlines_painted_at_once_is_the_grid_the_delegate_paints(
    curator_window, project_path: Path, qtbot, size: int
) -> None:
    ids = _library(project_path, 120)
    long = "Hội đàm cấp cao giữa hai phái đoàn tại Phủ Chủ tịch, Hà Nội, sáng thứ Hai"
    with ProjectService.open(project_path) as service:
        for photo_id in ids[:6]:
            service.captions.set(photo_id, "en", CaptionField.HEADLINE, long, CaptionStatus.DRAFT)
    library = _dense(curator_window, project_path)
    library.set_thumbnail_size(size)
    view, model = library.view, library.model
    qtbot.waitUntil(lambda: len(_shown(library)) > 10, timeout=10000)
    visible = _shown(library)
    qtbot.waitUntil(
        lambda: all(model.has_thumbnail(model.item(row).photo.id) for row in visible),
        timeout=20000,
    )
    for row in (1, 2):
        view.selectionModel().select(model.index(row), QItemSelectionModel.SelectionFlag.Select)
    assert view.sheet
    at_once = view.viewport().grab().toImage()
    view.sheet = False  # Qt's own painting, a cell at a time through the delegate
    try:
        by_cell = view.viewport().grab().toImage()
    finally:
        view.sheet = True
    assert at_once == by_cell
    # The long headline is shown cut short with an ellipsis in the lines the size has.
    delegate = library.delegate
    cell = view.visualRect(model.index(0))
    width = cell_text_rect(cell.width(), cell.height(), size, text_lines(size), 1).width()
    shown = delegate.headlines.lines(long, width, text_lines(size), view.font())
    assert len(shown) == text_lines(size)
    assert shown[-1].endswith("…")
    assert all(view.fontMetrics().horizontalAdvance(line) <= width for line in shown)
    if len(shown) == 2:
        assert long.startswith(shown[0])  # whole words on the first line
    # Text is drawn under the picture: the text strip of a cell is not all one colour.
    strip = cell_text_rect(cell.width(), cell.height(), size, text_lines(size), 14)
    strip = strip.translated(cell.topLeft())
    colours = {
        at_once.pixelColor(x, y).name()
        for x in range(strip.left(), strip.right())
        for y in range(strip.top(), strip.bottom())
    }
    assert len(colours) > 2


def test_headlines_are_laid_out_once_per_text_and_width(qtbot) -> None:
    from PySide6.QtGui import QFont, QPainter

    lines = HeadlineLines()
    font = QFont()
    assert lines.lines("Short", 200, 2, font) == ["Short"]
    assert lines.lines("", 200, 1, font) == [""]
    canvas = QImage(300, 100, QImage.Format.Format_RGB32)
    painter = QPainter(canvas)
    try:
        for _repeat in range(3):
            lines.draw(
                painter, QRect(0, 0, 90, 40), "Переговоры в Кремле, понедельник", 2, QColor("black")
            )
            lines.draw(painter, QRect(0, 50, 90, 40), "Talks", 2, QColor("black"))
    finally:
        painter.end()
    assert len(lines._laid) == 2

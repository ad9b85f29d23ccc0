"""The window at a curator's pace (issue 21): real clicks, keys and drops on the real window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QScrollArea

from curator.core.model import CaptionField
from curator.demo import write_demo
from curator.i18n import PSEUDO_LANGUAGE

pytestmark = [pytest.mark.gui, pytest.mark.filterwarnings("ignore::DeprecationWarning")]


@pytest.fixture
def demo(curator_window, tmp_path: Path):
    """The demo exhibition open (three sections), nothing laid out yet."""
    path, _created = write_demo(tmp_path / "demo")
    curator_window.controller.open_project(path)
    # Keys reach the window's shortcuts only in the active window: on a real display (Xvfb,
    # QT_QPA_PLATFORM=xcb) with no window manager nothing activates it for the test.
    curator_window.window.activateWindow()
    QTest.qWaitForWindowActive(curator_window.window)
    service = curator_window.controller.service
    return curator_window, service, [s.id for s in service.exhibition.sections()]


def _click_row(tree, item, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    tree.scrollToItem(item)
    QTest.mouseClick(
        tree.viewport(), Qt.MouseButton.LeftButton, modifier, tree.visualItemRect(item).center()
    )


def test_a_clicked_section_is_the_one_drawn_and_laid_out(demo, qtbot) -> None:
    bundle, service, sections = demo
    window = bundle.window
    window.workspace.setCurrentWidget(window.layout_canvas)
    panel = window.exhibition
    # Before any section is shown the button says what it will do: lay out every section.
    assert bundle.layout.lay_out_button.text() == "Lay Out Every Section"
    for index in (1, 2, 1, 0, 2):
        _click_row(panel.tree, panel.item_for(sections[index]))
        qtbot.waitUntil(
            lambda i=index: bundle.layout.drawn_section_id == sections[i], timeout=20000
        )
        assert window.layout_canvas.section_id == sections[index]
    # A photo's row shows its section too.
    photo = service.exhibition.photo_ids(sections[1])[0]
    _click_row(panel.tree, panel.item_for(sections[1], photo))
    qtbot.waitUntil(lambda: bundle.layout.drawn_section_id == sections[1], timeout=20000)
    _click_row(panel.tree, panel.item_for(sections[2]))
    qtbot.waitUntil(lambda: bundle.layout.drawn_section_id == sections[2], timeout=20000)
    assert bundle.layout.lay_out_button.text() == "Lay Out This Section"
    QTest.mouseClick(bundle.layout.lay_out_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not bundle.layout.busy, timeout=20000)
    # Only the highlighted section was laid out.
    assert service.exhibition.panels(sections[2])
    assert service.exhibition.panels(sections[0]) == []
    assert service.exhibition.panels(sections[1]) == []
    assert bundle.layout.drawn_section_id in (None, sections[2])
    qtbot.waitUntil(lambda: bundle.layout.drawn_section_id == sections[2], timeout=20000)


def _drag_events(widget, mime, point):
    buttons, modifiers = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(point, Qt.DropAction.CopyAction, mime, buttons, modifiers)
    move = QDragMoveEvent(point, Qt.DropAction.CopyAction, mime, buttons, modifiers)
    drop = QDropEvent(QPointF(point), Qt.DropAction.CopyAction, mime, buttons, modifiers)
    return enter, move, drop


def test_library_and_exhibition_are_both_in_view(demo) -> None:
    bundle, _service, _sections = demo
    window = bundle.window
    assert window.library.isVisible() and window.exhibition.isVisible()
    assert window.library_dock not in window.tabifiedDockWidgets(window.exhibition_dock)
    assert window.exhibition.tree.visibleRegion().boundingRect().height() > 60
    assert window.library.view.visibleRegion().boundingRect().height() > 60


def test_a_drag_held_over_the_layout_tab_brings_the_canvas_forward(demo, qtbot) -> None:
    bundle, _service, _sections = demo
    window = bundle.window
    window.workspace.setCurrentWidget(window.photo_view)
    library = window.library
    mime = library.model.mimeData([library.model.index(0)])
    bar = window.workspace.tabBar()
    point = bar.tabRect(1).center()
    enter, move, _drop = _drag_events(bar, mime, point)
    QApplication.sendEvent(bar, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(bar, move)
    qtbot.waitUntil(lambda: window.workspace.currentWidget() is window.layout_canvas, timeout=5000)


def test_photos_dropped_on_an_empty_canvas_join_the_section_shown(demo, qtbot) -> None:
    bundle, service, sections = demo
    window = bundle.window
    window.workspace.setCurrentWidget(window.layout_canvas)
    panel = window.exhibition
    _click_row(panel.tree, panel.item_for(sections[1]))
    qtbot.waitUntil(lambda: bundle.layout.drawn_section_id == sections[1], timeout=20000)
    assert window.layout_canvas.panels == []  # nothing laid out yet
    stranger = service.exhibition.photo_ids(sections[0])[0]
    library = window.library
    mime = library.model.mimeData([library.model.index(library.model.row_of(stranger))])
    viewport = window.layout_canvas.view.viewport()
    enter, move, drop = _drag_events(viewport, mime, viewport.rect().center())
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(viewport, move)
    assert move.isAccepted()
    QApplication.sendEvent(viewport, drop)
    assert drop.isAccepted()
    assert service.exhibition.section_of(stranger) == sections[1]
    assert service.exhibition.panels(sections[1])  # laid out, so the photo is seen
    qtbot.waitUntil(lambda: bundle.layout.drawn_section_id == sections[1], timeout=20000)
    qtbot.waitUntil(lambda: bool(window.layout_canvas.panels), timeout=20000)
    shown = {slot.photo_id for p in window.layout_canvas.panels for slot in p.slots}
    assert stranger in shown
    bundle.captions.undo_action.trigger()
    assert service.exhibition.section_of(stranger) == sections[0]
    assert service.exhibition.panels(sections[1]) == []


def test_the_library_menu_and_b_send_photos_to_a_section(demo, qtbot) -> None:
    bundle, service, sections = demo
    window = bundle.window
    library = window.library
    loose = service.exhibition.photo_ids(sections[0])[:2]
    # Right-click on a photo: it is selected and the menu lists every section.
    row = library.model.row_of(loose[0])
    rect = library.view.visualRect(library.model.index(row))
    QTest.mouseClick(library.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    library.view.customContextMenuRequested.emit(rect.center())
    menu = bundle.sections.add_to_section_menu
    titles = [a.text() for a in menu.actions() if a.text()]
    assert len([t for t in titles if t[0].isdigit()]) == len(sections)
    menu.actions()[2].trigger()  # "3. …"
    assert service.exhibition.section_of(loose[0]) == sections[2]
    assert bundle.sections.target_section_id == sections[2]
    assert "added to" in window.statusBar().currentMessage()
    # B sends the next photo there too, from the keyboard.
    row = library.model.row_of(loose[1])
    rect = library.view.visualRect(library.model.index(row))
    library.view.scrollTo(library.model.index(row))
    rect = library.view.visualRect(library.model.index(row))
    QTest.mouseClick(library.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert library.selected_photo_ids() == [loose[1]]
    library.view.setFocus()
    QTest.keyClick(library.view, Qt.Key.Key_B)
    assert service.exhibition.section_of(loose[1]) == sections[2]
    assert service.exhibition.photo_ids(sections[2])[-2:] == loose
    assert window.exhibition.item_for(sections[2], loose[1]) is not None
    bundle.captions.undo_action.trigger()
    assert service.exhibition.section_of(loose[1]) == sections[0]


def test_b_without_a_section_chosen_says_what_to_do(demo) -> None:
    bundle, service, _sections = demo
    window = bundle.window
    window.exhibition.tree.setCurrentItem(None)
    window.library.view.setFocus()
    before = [service.exhibition.photo_ids(s.id) for s in service.exhibition.sections()]
    QTest.keyClick(window.library.view, Qt.Key.Key_B)
    assert "Choose a section first" in window.statusBar().currentMessage()
    assert [service.exhibition.photo_ids(s.id) for s in service.exhibition.sections()] == before


def test_the_size_slider_makes_a_dense_grid_and_g_shows_the_library_alone(demo, qtbot) -> None:
    bundle, _service, _sections = demo
    window = bundle.window
    library = window.library
    slider = library.size_slider
    before = library.view.gridSize()
    slider.setFocus()
    QTest.keyClick(slider, Qt.Key.Key_Home)  # the smallest: a contact sheet
    small = library.view.gridSize()
    assert small.width() < before.width() / 2
    assert library.view.iconSize().width() == slider.minimum()
    QTest.keyClick(slider, Qt.Key.Key_End)
    assert library.view.gridSize().width() > before.width()
    QTest.keyClick(slider, Qt.Key.Key_Home)
    # G in the library: the library alone over the whole window; G again brings back the rest.
    library.view.setFocus()
    width_before = library.width()
    QTest.keyClick(library.view, Qt.Key.Key_G)
    assert window.library_only_action.isChecked()
    assert not window.central.isVisible()
    assert not window.captions_dock.isVisible() and not window.exhibition_dock.isVisible()
    qtbot.waitUntil(lambda: library.width() > width_before * 1.5, timeout=5000)
    # Many more photos a row than before.
    qtbot.waitUntil(lambda: library.view.width() // small.width() >= 8, timeout=5000)
    QTest.keyClick(library.view, Qt.Key.Key_G)
    assert window.central.isVisible()
    assert window.captions_dock.isVisible() and window.exhibition_dock.isVisible()


def test_sorting_and_the_headline_in_the_interface_language(demo, qtbot) -> None:
    bundle, service, _sections = demo
    library = bundle.window.library
    model = library.model
    box = library.sort_box
    names = lambda: [model.item(r).photo.path.name for r in range(model.rowCount())]  # noqa: E731
    box.setFocus()
    chosen = {}
    for _step in range(box.count()):
        chosen[box.currentData()] = names()
        QTest.keyClick(box, Qt.Key.Key_Down)
    assert sorted(chosen["name"]) == chosen["name"] == sorted(names(), key=str.casefold)
    box.setCurrentIndex(box.findData("rating"))
    ratings = [model.item(r).photo.rating or 0 for r in range(model.rowCount())]
    assert ratings == sorted(ratings, reverse=True)
    box.setCurrentIndex(box.findData("capture"))
    times = [model.item(r).photo.captured_at for r in range(model.rowCount())]
    dated = [t for t in times if t is not None]
    assert dated == sorted(dated)
    # The selected photo stays selected across a sort.
    library.select_photo(model.item(3).photo.id)
    picked = library.selected_photo_ids()
    box.setCurrentIndex(box.findData("headline"))
    assert library.selected_photo_ids() == picked
    # Headlines: Russian for a Russian interface when there is one, else the source's.
    photo = model.item(0).photo
    texts = model.item(0).headlines
    bundle.set_interface_language("ru")
    try:
        shown = model.data(model.index(model.row_of(photo.id)))
        assert shown == (texts.get("ru") or texts[service.project.get().source_language])
        assert library.selected_photo_ids() == picked
    finally:
        bundle.set_interface_language("en")


def test_label_keys_full_screen_preview_and_metadata(demo, qtbot) -> None:
    bundle, service, _sections = demo
    window = bundle.window
    library = window.library
    first = library.model.item(0).photo.id
    library.select_photo(first)
    library.view.setFocus()
    # 7 gives a yellow label as in Lightroom; 7 again takes it off; undo brings it back.
    QTest.keyClick(library.view, Qt.Key.Key_7)
    assert service.photos.get(first).label == "yellow"
    assert library.model.item(0).photo.label == "yellow"  # drawn on the thumbnail
    QTest.keyClick(library.view, Qt.Key.Key_7)
    assert service.photos.get(first).label is None
    bundle.captions.undo_action.trigger()
    assert service.photos.get(first).label == "yellow"
    # The metadata panel says what the file said, with the label.
    rows = dict(window.metadata.rows())
    assert rows["File"] == service.photos.get(first).path.name
    assert rows["Colour label"] == "Yellow"
    assert "Pixels" in rows
    # F: the photo over the whole screen; arrows go through the library; keys still rate.
    QTest.keyClick(library.view, Qt.Key.Key_F)
    preview = window.full_preview
    assert preview.isVisible() and preview.isFullScreen()
    # The whole screen, also on a display without a window manager (Xvfb, a kiosk).
    qtbot.waitUntil(lambda: preview.geometry() == window.screen().geometry(), timeout=5000)
    assert preview.view.photo is not None and preview.view.photo.id == first
    preview.activateWindow()
    preview.setFocus()
    QTest.keyClick(preview, Qt.Key.Key_Right)
    second = library.model.item(1).photo.id
    assert library.selected_photo_ids() == [second]
    assert preview.view.photo is not None and preview.view.photo.id == second
    assert window.metadata.rows()[0][1] == service.photos.get(second).path.name
    QTest.keyClick(preview, Qt.Key.Key_3)
    assert service.photos.get(second).rating == 3
    QTest.keyClick(preview, Qt.Key.Key_Left)
    assert library.selected_photo_ids() == [first]
    QTest.keyClick(preview, Qt.Key.Key_Escape)
    assert not preview.isVisible()
    assert not window.full_preview_action.isChecked()


def test_the_preview_is_folded_away_until_asked_for(demo) -> None:
    bundle, _service, _sections = demo
    window = bundle.window
    assert not window.preview_dock.isVisible()
    assert window.readiness_dock.isVisible() or window.metadata_dock.isVisible()
    window.preview_dock.toggleViewAction().trigger()
    assert window.preview_dock.isVisible()


def test_all_five_fields_of_three_languages_fit_at_1280_by_800(demo, qtbot) -> None:
    bundle, _service, _sections = demo
    window = bundle.window
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: window.width() <= 1280, timeout=3000)
    panel = window.captions
    qtbot.waitUntil(lambda: panel.grid_host.isVisible(), timeout=5000)
    scroll = panel.grid_host.parentWidget().parentWidget()
    assert isinstance(scroll, QScrollArea)
    # Nothing to scroll to: every field is on screen at once.
    viewport = scroll.viewport()

    def all_on_screen() -> bool:
        return scroll.verticalScrollBar().maximum() == 0 and all(
            cell.mapTo(viewport, cell.rect().bottomLeft()).y() < viewport.height()
            for cell in panel.cells()
            if cell.isVisible()  # the alt text group is closed: its cells are hidden
        )

    qtbot.waitUntil(all_on_screen, timeout=3000)
    assert sum(cell.isVisible() for cell in panel.cells()) == 5 * 3
    # The status is a compact mark with its name in the tooltip.
    cell = panel.cells()[0]
    assert cell.status_button.width() < 40
    assert cell.status_text in {"Empty", "Draft", "Needs review", "Final"}


def test_glossary_kinds_are_translated_and_names_are_not_cut(demo, qtbot) -> None:
    from curator.core.model import GlossaryEntry, GlossaryKind

    bundle, _service, _sections = demo
    panel = bundle.window.glossary
    name = "Vũ Việt Hà Nguyễn Thị Minh Khai"
    entry = GlossaryEntry(
        id=1, code="vvh", kind=GlossaryKind.PERSON, terms={"vi": name, "ru": "Ву Вьет Ха"}
    )
    panel.show_entries([entry], ["vi", "ru", "en"])
    table = panel.table
    item = table.item(0, 2)
    assert item.text() == name
    fits = table.fontMetrics().horizontalAdvance(name)
    assert table.columnWidth(2) >= fits
    # The kind goes through the interface's translation (the pseudo-locale shows it does).
    bundle.set_interface_language(PSEUDO_LANGUAGE)
    try:
        assert table.item(0, 1).text() not in ("person", "")
    finally:
        bundle.set_interface_language("en")
    assert table.item(0, 1).text() == "person"


def test_the_new_section_dialog_moves_on_with_tab_and_accepts_with_return(demo, qtbot) -> None:
    from curator.ui.views.exhibition_panel import SectionDialog

    _bundle, _service, _sections = demo
    dialog = SectionDialog(["vi", "ru", "en"], None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    title, intro = dialog.title_edits["vi"], dialog.intro_edits["vi"]
    title.setFocus()
    qtbot.waitUntil(title.hasFocus, timeout=3000)
    QTest.keyClicks(title, "Ha Noi")
    QTest.keyClick(title, Qt.Key.Key_Tab)
    assert intro.hasFocus()
    QTest.keyClicks(intro, "Autumn")
    QTest.keyClick(intro, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(intro, "of 2025")
    QTest.keyClick(intro, Qt.Key.Key_Tab)
    assert not intro.hasFocus()
    assert intro.toPlainText() == "Autumn\nof 2025"
    intro.setFocus()
    QTest.keyClick(intro, Qt.Key.Key_Return)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.intros()["vi"] == "Autumn\nof 2025"
    assert dialog.titles()["vi"] == "Ha Noi"


def test_a_photo_without_a_headline_shows_its_file_name_in_the_tree(
    curator_window, tmp_path
) -> None:
    from PIL import Image

    from curator.core.editing import sections
    from curator.core.model import Photo
    from curator.core.services import ProjectService

    path = tmp_path / "ex.curator"
    with ProjectService.create(path, title="T", languages=["vi", "en"]) as service:
        image = tmp_path / "DSC_0042.jpg"
        Image.new("RGB", (40, 30)).save(image)
        with service.store.transaction():
            photo = service.photos.add(Photo("", image, "a", 40, 30))
        section = sections.add_section(service, {"en": "A"}, photo_ids=[photo.id])[0]
    curator_window.controller.open_project(path)
    item = curator_window.window.exhibition.item_for(section.id, photo.id)
    assert item.text(0) == "DSC_0042.jpg"


def test_in_russian_at_1280_the_language_columns_share_the_width(demo, qtbot) -> None:
    """Long Russian headers wrap; the three columns are as wide, nothing scrolls sideways."""
    bundle, _service, _sections = demo
    window = bundle.window
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: window.width() <= 1280, timeout=3000)
    panel = window.captions
    qtbot.waitUntil(lambda: panel.grid_host.isVisible(), timeout=5000)
    bundle.set_interface_language("ru")
    try:
        scroll = panel.grid_host.parentWidget().parentWidget()
        assert isinstance(scroll, QScrollArea)

        def columns() -> list[int]:
            return [panel.cell(tag, CaptionField.HEADLINE).width() for tag in ("vi", "ru", "en")]

        def whole(header: QLabel) -> bool:
            return header.wordWrap() and header.heightForWidth(header.width()) <= header.height()

        def shared() -> bool:
            widths = columns()
            return (
                scroll.horizontalScrollBar().maximum() == 0
                and max(widths) - min(widths) <= 2
                and all(whole(header) for header in panel.header_labels())
            )

        # Every header is whole: wrapped into its column, not cut.
        qtbot.waitUntil(shared, timeout=3000)
        assert min(columns()) > 120  # the narrowest was 95 px before
    finally:
        bundle.set_interface_language("en")


def test_in_russian_the_sort_order_and_the_capture_time_read_whole(demo, qtbot) -> None:
    """The sort box grows to "Порядок импорта"; the metadata's time is written as in Russian."""
    from PySide6.QtWidgets import QStyle, QStyleOptionComboBox

    bundle, _service, _sections = demo
    window = bundle.window
    library = window.library
    first = library.model.item(0).photo
    rect = library.view.visualRect(library.model.index(0))
    QTest.mouseClick(library.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    bundle.set_interface_language("ru")
    try:
        box = library.sort_box

        def text_fits() -> bool:
            option = QStyleOptionComboBox()
            box.initStyleOption(option)
            field = box.style().subControlRect(
                QStyle.ComplexControl.CC_ComboBox,
                option,
                QStyle.SubControl.SC_ComboBoxEditField,
                box,
            )
            return box.fontMetrics().horizontalAdvance(box.currentText()) <= field.width()

        box.setFocus()
        for _step in range(box.count()):  # every order, chosen from the keyboard
            QTest.keyClick(box, Qt.Key.Key_Down)
            qtbot.waitUntil(text_fits, timeout=3000)
        rows = dict(window.metadata.rows())
        taken = rows["Создана"]
        assert first.captured_at is not None
        assert str(first.captured_at.year) in taken
        assert first.captured_at.isoformat(sep=" ") not in taken  # not the raw ISO text
        assert "февр." in taken and "(UTC+07:00)" in taken
        assert "," in rows["Диафрагма"]  # f/2,8
    finally:
        bundle.set_interface_language("en")


def test_metadata_rows_take_the_height_of_their_text_at_any_width(demo, qtbot) -> None:
    """Filled while the dock was narrow, the rows shrink back when it is made wider."""
    from curator.ui.views.metadata_panel import MetadataPanel

    _bundle, service, sections = demo
    photo = service.photos.get(service.exhibition.photo_ids(sections[0])[0])
    panel = MetadataPanel()
    qtbot.addWidget(panel)
    panel.resize(160, 700)  # a narrow dock: long values wrap onto many lines
    panel.show()
    qtbot.waitExposed(panel)
    panel.show_photo(photo)
    table = panel.table
    row = [label for label, _value in panel.rows()].index("Keywords")
    tall = table.rowHeight(row)
    panel.resize(1100, 700)
    qtbot.waitUntil(lambda: table.rowHeight(row) < tall / 2, timeout=3000)  # lines given back

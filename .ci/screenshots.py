"""The screenshot series for the user guide: every main area of the window, per language.

Run under a display::

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python .ci/screenshots.py docs/images
    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python .ci/screenshots.py OUT en,vi,ru
    QT_SCALE_FACTOR=2 xvfb-run -a -s "-screen 0 3200x2000x24" .venv/bin/python \\
        .ci/screenshots.py OUT en --raw

For each interface language it writes the demo exhibition into a temporary folder, gives a
few photos stars and flags, lays the sections out and readies a translator's Russian file
with a conflict in it, then opens the real window (its own temporary settings) and shoots:
the library with its marks and an active filter, the captions with spell-check underlines,
the layout canvas, the hall's plan (a room built when the demo has no hall), preflight's
findings, the translator import plan, the catalogue's Export dialog with its PDF preview,
project settings and the new-project wizard. Modal dialogs are shown by a ``Dialogs`` that
photographs them instead of waiting for a person.

Files are ``AREA-TAG.png``, at most ``--width`` pixels wide (1200; ``--raw`` keeps the size),
quantised to 256 colours and optimised so the series stays small in the repository.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import polib
from PIL import Image
from PySide6.QtCore import QEvent, QEventLoop, QPointF, QSettings, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QApplication, QDialog, QDockWidget, QWidget, QWizard

from curator.core.editing.layout_service import auto_layout
from curator.core.editing.shortlist import set_marks
from curator.core.hall.model import Door, Support
from curator.core.library.library_order import LibrarySort
from curator.core.library.photo_filter import FlagFilter
from curator.core.model import CaptionField, PhotoFlag
from curator.core.services import ProjectService
from curator.core.translators.caption_exchange import ExportScope, build_export, layout_budgets
from curator.demo import write_demo
from curator.exchange.captions import write_caption_file
from curator.export.text_measure import ReportlabMeasure
from curator.ui.app import CuratorWindow, build_window
from curator.ui.settings import Preferences
from curator.ui.views.dialogs import Dialogs
from curator.ui.views.library import THUMBNAIL_SIZE
from curator.ui.views.new_project_dialog import NewProjectDialog

WINDOW_SIZE = (1280, 800)
#: The catalogue page the Export dialog's preview shows (0: the cover).
PREVIEW_PAGE = 5
AREAS = (
    "library",
    "captions",
    "layout",
    "hall",
    "preflight",
    "import-plan",
    "export",
    "settings",
    "wizard",
)


def pump(seconds: float = 0.0, until: Callable[[], bool] | None = None) -> bool:
    """Let Qt work for ``seconds``, or until ``until()`` holds (at most 60 s); True if it did."""
    app = QApplication.instance()
    assert app is not None
    deadline = time.monotonic() + (seconds if until is None else 60.0)
    while time.monotonic() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        if until is not None and until():
            return True
        time.sleep(0.02)
    if until is not None:
        print(
            f"waited in vain for {until.__code__.co_filename}:{until.__code__.co_firstlineno}",
            file=sys.stderr,
        )
    return until is None


def type_text(widget: QWidget, text: str) -> None:
    """Type into ``widget`` as the keyboard would, one key event per character."""
    widget.setFocus()
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


class Shooter:
    """Saves widgets as small PNGs named ``AREA-TAG.png``."""

    def __init__(self, out_dir: Path, tag: str, width: int | None) -> None:
        self.out_dir = out_dir
        self.tag = tag
        self.width = width
        self.saved: list[Path] = []

    def save(self, widget: QWidget, area: str) -> None:
        """Grab ``widget`` as painted now and write it."""
        pump(0.4)
        path = self.out_dir / f"{area}-{self.tag}.png"
        raw = path.with_suffix(".raw.png")
        widget.grab().save(str(raw))
        with Image.open(raw) as image:
            picture = image.convert("RGB")
        raw.unlink()
        if self.width and picture.width > self.width:
            height = round(picture.height * self.width / picture.width)
            picture = picture.resize((self.width, height), Image.Resampling.LANCZOS)
        if self.width:
            picture = picture.quantize(
                256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
            )
        picture.save(path, optimize=True)
        self.saved.append(path)
        print(f"{path} {path.stat().st_size // 1024} KB", flush=True)


class PhotographingDialogs(Dialogs):
    """Shows each modal dialog without blocking, photographs it, then closes it."""

    def __init__(self, shooter: Shooter) -> None:
        self.shooter = shooter
        #: What to photograph the next dialog as, and how to prepare it first.
        self.next_area = ""
        self.prepare: Callable[[QDialog], None] | None = None
        self.messages: list[str] = []

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        self.messages.append(f"error: {title}: {text}")

    def warning(self, parent: QWidget | None, title: str, text: str) -> None:
        self.messages.append(f"warning: {title}: {text}")

    def confirm(self, parent: QWidget | None, title: str, text: str, accept_text: str) -> bool:
        self.messages.append(f"question: {text}")
        return False

    def run(self, dialog: QDialog) -> bool:
        area, self.next_area = self.next_area, ""
        if not area:
            self.messages.append(f"unexpected dialog: {dialog.windowTitle()}")
            return False
        dialog.show()
        pump(0.5)
        if self.prepare is not None:
            self.prepare(dialog)
            self.prepare = None
        self.shooter.save(dialog, area)
        dialog.reject()
        return False


def hall_for_demo(service: ProjectService) -> None:
    """A room for the demo when it has no hall: four walls, a door, a stand, panels placed."""
    hall = service.operations.hall
    if hall.get().walls:
        return
    corners = [(0.0, 0.0), (12000.0, 0.0), (12000.0, 8000.0), (0.0, 8000.0)]
    for index, start in enumerate(corners):
        end = corners[(index + 1) % 4]
        doors = (Door(1500.0, 1200.0, 2400.0),) if index == 0 else ()
        hall.add_wall(start, end, 3500.0, doors)
    hall.add_stand((6000.0, 4000.0), 90.0, 3000.0, 2200.0)
    last = hall.panels()[-1]
    hall.place(last.panel_id, Support("stand", 1, 1), 1000.0)  # face B, towards the door
    hall.place_auto()
    route_for_demo(service)


def route_for_demo(service: ProjectService) -> None:
    """A state visit through the demo's hall when it has no route: five stops, one over time."""
    visit = service.operations.visit
    if visit.routes():
        return
    visit.add_route("State visit", allotted_min=8.0)
    panels = [p.panel_id for p in service.operations.hall.panels()]
    for panel_id, minutes in zip(panels[:5], (3.0, 2.0, 4.0, 2.0, 2.0), strict=False):
        visit.add_stop("State visit", panel_id=panel_id, minutes=minutes)
    visit.set_points(
        "State visit", 1, "en", "The two delegations at the talks: who sits where, and why."
    )


def prepare_project(folder: Path) -> tuple[Path, Path]:
    """The demo with marks, panels and a translator's Russian file (one conflict in it)."""
    project, _created = write_demo(folder / "demo")
    measure = ReportlabMeasure()
    with ProjectService.open(project) as service:
        by_name = {photo.path.name: photo.id for photo in service.photos.all()}
        set_marks(service, [by_name["01-talks.jpg"], by_name["03-signing.jpg"]], rating=5)
        set_marks(service, [by_name["08-lotus.jpg"]], rating=4, flag=PhotoFlag.PICK)
        set_marks(service, [by_name["06-hanoi-lanterns.jpg"]], rating=3, flag=PhotoFlag.PICK)
        set_marks(service, [by_name["02-press-room.jpg"]], rating=1, flag=PhotoFlag.REJECT)
        auto_layout(service, measure=measure, backup=False)
        hall_for_demo(service)
        scope = ExportScope(target_language="ru", source_language="vi")
        document = build_export(service, scope, layout_budgets(service, measure, "ru"))
        po_file = folder / "ru.po"
        write_caption_file(po_file, document, "po")
        lotus, snow = by_name["08-lotus.jpg"], by_name["09-moscow-snow.jpg"]
        # Meanwhile the curator rewrites a headline the translator is also translating.
        service.set_caption(lotus, "ru", CaptionField.HEADLINE, "Лотосы Западного озера")
    catalog = polib.pofile(str(po_file))
    entries = {entry.msgctxt: entry for entry in catalog}
    entries[f"{lotus}|caption"].msgstr = (
        "Розовый лотос раскрывается ранним утром на Западном озере. Каждое лето жители "
        "Ханоя и туристы приходят на рассвете полюбоваться цветами."
    )
    entries[f"{lotus}|headline"].msgstr = "Сезон лотосов на Западном озере"
    entries[f"{snow}|headline"].msgstr = "Первый снег на Красной площади"
    catalog.save(str(po_file))
    return project, po_file


def shoot_language(tag: str, out_dir: Path, width: int | None, areas: set[str]) -> list[str]:
    """Every area in one interface language; returns what the dialogs were told."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    with tempfile.TemporaryDirectory(prefix="Exhibitions-") as temp:
        folder = Path(temp)
        project, po_file = prepare_project(folder)
        settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
        preferences = Preferences(settings)
        preferences.interface_language = tag
        (folder / "Exhibitions").mkdir()
        preferences.project_folder = folder / "Exhibitions"
        shooter = Shooter(out_dir, tag, width)
        dialogs = PhotographingDialogs(shooter)
        bundle = build_window(app, preferences, dialogs)
        window = bundle.window
        window.resize(*WINDOW_SIZE)
        window.show()
        pump(0.2)
        window.resizeDocks([window.library_dock], [400], Qt.Orientation.Horizontal)
        window.activateWindow()
        try:
            bundle.controller.open_project(project)
            _shoot_window(bundle, shooter, areas)
            _shoot_dialogs(bundle, dialogs, po_file, areas)
        finally:
            bundle.controller.close_project()
            bundle.tasks.wait(10000)
            window.close()
            window.deleteLater()
            pump(0.2)
        return dialogs.messages


def _shoot_window(bundle: CuratorWindow, shooter: Shooter, areas: set[str]) -> None:
    window = bundle.window
    library = window.library
    pump(until=lambda: library.model.loaded_thumbnails() >= 2)
    pump(until=lambda: window.photo_view.image_shown)
    if "library" in areas:
        bar = library.filter_bar
        bar.flag_combo.setCurrentIndex(bar.flag_combo.findData(FlagFilter.NOT_REJECTED))
        pump(until=lambda: library.model.rowCount() == 8)
        library.set_thumbnail_size(112)  # a denser sheet than the default
        library.set_order(LibrarySort.CAPTURE)
        library.select_photo(library.model.item(1).photo.id)
        pump(until=lambda: window.photo_view.image_shown)
        shooter.save(window, "library")
        bar.clear()
        library.set_thumbnail_size(THUMBNAIL_SIZE)
        library.set_order(LibrarySort.IMPORT)
        pump(until=lambda: library.model.rowCount() == 9)
    if "captions" in areas:
        spelling = bundle.spelling
        assert spelling is not None
        pump(until=lambda: len(spelling.checked_languages()) == 3)
        lotus = next(
            library.model.item(row).photo.id
            for row in range(library.model.rowCount())
            if library.model.item(row).photo.path.name == "08-lotus.jpg"
        )
        library.select_photo(lotus)  # the editor at its own height: every field in view
        panel = window.captions
        editor = panel.cell("ru", CaptionField.CAPTION).editor
        empty = panel.cell("ru", CaptionField.CAPTION).status_button.text()
        panel.focus_cell("ru", CaptionField.CAPTION)
        type_text(editor, "Розовый лотос раскрываеться ранним утром на Западном озере.")
        pump(until=lambda: panel.cell("ru", CaptionField.CAPTION).status_button.text() != empty)
        shooter.save(window, "captions")
    if "layout" in areas:
        tree = window.exhibition.tree
        window.exhibition_dock.raise_()
        tree.setCurrentItem(tree.topLevelItem(2))
        window.workspace.setCurrentWidget(window.layout_canvas)
        window.resizeDocks([window.captions_dock], [120], Qt.Orientation.Vertical)  # layout shot
        pump(until=lambda: bundle.layout.drawn_section_id is not None)
        pump(0.5)
        window.layout_canvas.fit()
        pump(1.0)
        shooter.save(window, "layout")
        window.resizeDocks([window.captions_dock], [290], Qt.Orientation.Vertical)
    if "hall" in areas:
        window.workspace.setCurrentWidget(window.hall_tab)
        window.resizeDocks([window.captions_dock], [120], Qt.Orientation.Vertical)
        pump(0.5)
        window.hall_tab.view.fit()
        pump(0.5)
        shooter.save(window, "hall")
        tab = window.hall_tab
        tab.route_button.setChecked(True)  # the route beside the plan, stop 1 chosen
        hidden = [
            dock
            for dock in window.findChildren(QDockWidget)
            if dock.isVisible() and dock not in (window.library_dock, window.exhibition_dock)
        ]
        for dock in hidden:
            dock.hide()
        window.resizeDocks([window.library_dock], [300], Qt.Orientation.Horizontal)
        pump(0.3)
        tab.route_panel.stops_table.selectRow(0)
        tab.view.fit()
        pump(0.5)
        shooter.save(window, "hall-route")
        tab.route_button.setChecked(False)
        for dock in hidden:
            dock.show()
        window.resizeDocks([window.library_dock], [400], Qt.Orientation.Horizontal)
        window.resizeDocks([window.captions_dock], [290], Qt.Orientation.Vertical)
    if "preflight" in areas:
        panel = window.preflight
        window.preflight_dock.raise_()
        window.resizeDocks([window.preflight_dock], [420], Qt.Orientation.Horizontal)
        panel.product.setCurrentIndex(panel.product.findData("panels"))
        before = panel.summary.text()
        panel.check_button.click()
        pump(until=lambda: panel.summary.text() != before and panel.list.count() > 0)
        panel.list.setCurrentRow(0)
        bundle.preflight.go_to(panel.list.item(0).data(Qt.ItemDataRole.UserRole))
        panel.list.setFocus()
        pump(1.0)
        shooter.save(window, "preflight")
        window.preview_dock.raise_()
        window.resizeDocks([window.preview_dock], [260], Qt.Orientation.Horizontal)
    if "export" in areas:
        window.export_catalogue_action.trigger()
        dialog = bundle.exporter.dialog
        assert dialog is not None
        dialog.resize(1200, 800)
        pump(until=lambda: dialog.document.status() == QPdfDocument.Status.Ready)
        pump(until=lambda: not bundle.exporter.job.running)
        pump(1.0)
        dialog.view.pageNavigator().jump(PREVIEW_PAGE, QPointF(0, 0))  # a page of photos
        pump(1.0)
        shooter.save(dialog, "export")
        dialog.close()


def _shoot_dialogs(
    bundle: CuratorWindow, dialogs: PhotographingDialogs, po_file: Path, areas: set[str]
) -> None:
    if "import-plan" in areas:
        dialogs.next_area = "import-plan"
        exchange = bundle.exchange
        assert exchange is not None
        exchange.plan_file(po_file)
        pump(until=lambda: not dialogs.next_area)
    if "settings" in areas:
        dialogs.next_area = "settings"
        assert bundle.settings is not None
        bundle.settings.open_dialog()
    if "wizard" in areas:
        dialogs.next_area = "wizard"

        def fill(dialog: QDialog) -> None:
            assert isinstance(dialog, NewProjectDialog)
            dialog.details.title_edit.setText("Hà Nội – Moskva 2026")
            dialog.button(QWizard.WizardButton.NextButton).click()
            dialog.languages_page.editor.search_edit.setText("fr")
            pump(0.5)

        dialogs.prepare = fill
        bundle.controller.new_project()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("languages", nargs="?", default="en,vi,ru")
    parser.add_argument("--areas", default=",".join(AREAS))
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--raw", action="store_true", help="full size, full colour")
    args = parser.parse_args()
    args.out_dir.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Curator")
    messages: list[str] = []
    for tag in args.languages.split(","):
        messages += shoot_language(
            tag, args.out_dir, None if args.raw else args.width, set(args.areas.split(","))
        )
    for message in messages:
        print(message, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

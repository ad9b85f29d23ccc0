"""Wiring the window once: the application, preferences, language, tasks, controllers.

``run_window`` is what ``curator`` and ``curator open`` call. ``CuratorWindow`` bundles the
wired pieces so tests can build exactly what a user gets, with their own settings and
dialogs.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from curator import i18n
from curator.core.errors import CuratorError
from curator.core.storage.address import ServerAddress
from curator.i18n import _
from curator.resources import resource
from curator.ui.collector import settle
from curator.ui.controllers.backup_controller import BackupController
from curator.ui.controllers.caption_controller import CaptionController
from curator.ui.controllers.catalogue_texts_controller import CatalogueTextsController
from curator.ui.controllers.deliver_controller import DeliverController
from curator.ui.controllers.exchange_controller import ExchangeController
from curator.ui.controllers.export_controller import ExportController
from curator.ui.controllers.glossary_controller import GlossaryController
from curator.ui.controllers.hall_controller import HallController
from curator.ui.controllers.hall_unplaced_controller import HallUnplacedController
from curator.ui.controllers.import_controller import ImportController
from curator.ui.controllers.layout_controller import LayoutController
from curator.ui.controllers.preflight_controller import PreflightController
from curator.ui.controllers.project_controller import ProjectController
from curator.ui.controllers.project_settings_controller import ProjectSettingsController
from curator.ui.controllers.remote_controller import RemoteChangesController
from curator.ui.controllers.reread_controller import RereadController
from curator.ui.controllers.rights_controller import RightsController
from curator.ui.controllers.rights_gate import RightsGate
from curator.ui.controllers.route_controller import RouteController
from curator.ui.controllers.section_controller import SectionController
from curator.ui.controllers.server_controller import ServerController
from curator.ui.controllers.shortlist_controller import ShortlistController
from curator.ui.controllers.shown_controller import ShownController
from curator.ui.controllers.spell_controller import SpellController
from curator.ui.language import LanguageSwitcher
from curator.ui.main_window import WINDOW_STATE_VERSION, MainWindow
from curator.ui.settings import Preferences
from curator.ui.tasks import TaskRunner
from curator.ui.views.caption_batch_view import CaptionBatchController
from curator.ui.views.caption_checks_view import CaptionChecksController
from curator.ui.views.dialogs import Dialogs
from curator.ui.views.glossary_completion import CaseFormCompletion
from curator.ui.views.keywords_view import KeywordsController
from curator.ui.views.memory_suggestions import MemoryController


@dataclass
class CuratorWindow:
    """The main window with everything wired to it."""

    window: MainWindow
    controller: ProjectController
    importer: ImportController
    captions: CaptionController
    glossary: GlossaryController
    sections: SectionController
    layout: LayoutController
    preflight: PreflightController
    backups: BackupController
    exporter: ExportController
    switcher: LanguageSwitcher
    preferences: Preferences
    tasks: TaskRunner
    exchange: ExchangeController | None = None
    delivery: DeliverController | None = None
    settings: ProjectSettingsController | None = None
    spelling: SpellController | None = None
    shortlist: ShortlistController | None = None
    catalogue_texts: CatalogueTextsController | None = None
    memory: MemoryController | None = None
    checks: CaptionChecksController | None = None
    batch: CaptionBatchController | None = None
    case_forms: CaseFormCompletion | None = None
    reread: RereadController | None = None
    servers: ServerController | None = None
    rights: RightsController | None = None
    shown: ShownController | None = None
    keywords: KeywordsController | None = None
    hall: HallController | None = None
    routes: RouteController | None = None
    hall_unplaced: HallUnplacedController | None = None
    remote: RemoteChangesController | None = None
    gate: RightsGate | None = None

    def set_interface_language(self, tag: str) -> str:
        """Switch the interface language live and remember the choice."""
        used = self.switcher.apply(tag)
        self.preferences.interface_language = used
        return used


def build_window(
    app: QApplication,
    preferences: Preferences,
    dialogs: Dialogs | None = None,
) -> CuratorWindow:
    """Create the main window and its controllers, in the preferred interface language."""
    switcher = LanguageSwitcher(app)
    tasks = TaskRunner(app)
    window = MainWindow(tasks)
    dialogs = dialogs or Dialogs()
    controller = ProjectController(window, preferences, dialogs, tasks)
    backups = BackupController(window, controller, dialogs, tasks)
    importer = ImportController(window, controller, dialogs, tasks, backups)
    reread = RereadController(window, controller, dialogs, tasks)
    captions = CaptionController(window, controller, dialogs)
    glossary = GlossaryController(
        window, controller, dialogs, tasks, backups, undo_stack=captions.undo_stack
    )
    spelling = SpellController(
        window, controller, dialogs, tasks, on_glossary_changed=glossary.reload
    )
    glossary.on_reloaded = spelling.refresh_known_words
    case_forms = CaseFormCompletion(
        window.captions,
        lambda code: (
            controller.service.queries.glossary_entry(code) if controller.service else None
        ),
    )
    sections = SectionController(window, controller, dialogs, captions.undo_stack, backups)
    layout = LayoutController(
        window,
        controller,
        dialogs,
        tasks,
        captions.undo_stack,
        backups,
        on_structure_changed=sections.show_structure,
    )
    preflight = PreflightController(window, controller, layout, dialogs, tasks)
    preflight.remove_photos = sections.remove_photos
    preflight.go_on_without_backup = backups.go_on_without_backup
    exchange = ExchangeController(
        window, controller, dialogs, tasks, captions.undo_stack, backups, captions=captions
    )
    delivery = DeliverController(window, controller, dialogs, tasks)
    exporter = ExportController(window, controller, dialogs, tasks, preferences)
    settings = ProjectSettingsController(
        window,
        controller,
        dialogs,
        tasks,
        captions.undo_stack,
        on_captions_changed=partial(_both, captions.show_selection, controller.refresh_readiness),
    )
    shortlist = ShortlistController(window, controller, dialogs, tasks, captions.undo_stack)
    catalogue_texts = CatalogueTextsController(
        window, controller, dialogs, captions.undo_stack, spelling
    )
    exporter.open_texts = catalogue_texts.open_dialog
    rights = RightsController(window, controller, dialogs, captions.undo_stack)
    memory = MemoryController(window, controller)
    shown = ShownController(window, controller, dialogs, captions.undo_stack, shortlist.menu)
    checks = CaptionChecksController(window, controller, dialogs)
    checks.attach(captions.keyboard.menu)
    batch = CaptionBatchController(window, controller, dialogs, captions)
    batch.attach(captions.keyboard.menu)
    keywords = KeywordsController(window, controller, captions.undo_stack)
    keywords.attach(captions.keyboard.menu)
    remote = RemoteChangesController(window, controller, captions, layout, shortlist)
    gate = RightsGate(window, controller, tasks)
    gate.guard(
        importer.import_files_action,
        importer.import_folder_action,
        importer.locate_missing_action,
        reread.reread_action,
        sections.add_to_target_action,
        window.exhibition.new_section_action,
        window.exhibition.rename_section_action,
        window.exhibition.remove_photos_action,
        window.exhibition.delete_section_action,
        window.library.remove_from_section_action,
        window.library.relink_action,
        window.preflight.relink_action,
        window.preflight.remove_from_section_action,
        *shortlist.marking_actions,
    )
    hall = HallController(window, controller, dialogs, captions.undo_stack)
    remote.plan_changed.connect(hall.refresh)
    bundle = CuratorWindow(
        window,
        controller,
        importer,
        captions,
        glossary,
        sections,
        layout,
        preflight,
        backups,
        exporter,
        switcher,
        preferences,
        tasks,
        exchange=exchange,
        delivery=delivery,
        settings=settings,
        spelling=spelling,
        shortlist=shortlist,
        catalogue_texts=catalogue_texts,
        memory=memory,
        checks=checks,
        batch=batch,
        case_forms=case_forms,
        reread=reread,
        servers=ServerController(window, controller, preferences, dialogs, tasks),
        rights=rights,
        shown=shown,
        keywords=keywords,
        hall=hall,
        routes=RouteController(window, controller, dialogs, captions.undo_stack, hall),
        hall_unplaced=HallUnplacedController(window, controller, captions.undo_stack),
        remote=remote,
        gate=gate,
    )

    def on_language_changed(tag: str) -> None:
        window.retranslate_ui()
        controller.retranslate()
        importer.retranslate_ui()
        reread.retranslate_ui()
        captions.retranslate_ui()
        layout.retranslate_ui()
        exchange.retranslate_ui()
        delivery.retranslate_ui()
        backups.retranslate_ui()
        exporter.retranslate_ui()
        settings.retranslate_ui()
        spelling.retranslate_ui()
        shortlist.retranslate_ui()
        catalogue_texts.retranslate_ui()
        rights.retranslate_ui()
        checks.retranslate_ui()
        batch.retranslate_ui()
        shown.retranslate_ui()
        keywords.retranslate_ui()
        if bundle.hall is not None:
            bundle.hall.retranslate_ui()
        if bundle.hall_unplaced is not None:
            bundle.hall_unplaced.retranslate_ui()
        gate.apply()  # the reasons in the new language
        action = window.language_actions.get(tag)
        if action is not None:
            action.setChecked(True)

    switcher.language_changed.connect(on_language_changed)
    window.language_group.triggered.connect(
        lambda action: bundle.set_interface_language(str(action.data()))
    )
    language = preferences.interface_language or i18n.language_from_environment()
    switcher.apply(language)
    if preferences.window_geometry is not None:
        window.restoreGeometry(preferences.window_geometry)
    if preferences.window_state is not None:
        window.restoreState(preferences.window_state, WINDOW_STATE_VERSION)

    def save_layout() -> None:
        preferences.window_geometry = window.saveGeometry()
        preferences.window_state = window.saveState(WINDOW_STATE_VERSION)

    app.aboutToQuit.connect(save_layout)
    app.aboutToQuit.connect(exporter.shutdown)
    return bundle


def _check_display() -> None:
    """Refuse clearly when there is no screen, instead of Qt's abort."""
    if not sys.platform.startswith("linux"):
        return
    if any(os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")):
        return
    raise CuratorError(
        _(
            "There is no display to open the window on. Run Curator in a desktop session, "
            "or use its commands (curator --help)."
        )
    )


def paint_on_the_windows_thread() -> None:
    """Let Qt paint on the window's thread alone (call before the QApplication is made).

    Qt splits a fill taller than about 64 lines between helper threads and waits for them.
    On a busy 2-core machine that wait (for the helpers to be given a core) held the
    window's thread for tens of milliseconds at each scroll step of the library, to fill a
    scroll bar 14 pixels wide; the fills themselves take microseconds.
    """
    os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")


def run_window(project: Path | ServerAddress | None) -> int:
    """Open the window (on ``project``, or the last project, or the start page)."""
    _check_display()
    paint_on_the_windows_thread()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Curator")
    app.setOrganizationName("Curator")
    app.setApplicationDisplayName("Curator")
    icon = resource("icons", "curator.svg")
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    preferences = Preferences(QSettings())
    bundle = build_window(app, preferences)
    settle()  # what lives as long as the window leaves the collector's sight
    bundle.window.show()
    if isinstance(project, ServerAddress):
        assert bundle.servers is not None
        bundle.servers.open_address(project)
    elif project is not None:
        bundle.controller.open_project(project)
    else:
        recent = preferences.recent_projects()
        if recent and recent[0].exists():
            bundle.controller.open_project(recent[0])
    code = app.exec()
    bundle.tasks.wait(2000)
    return int(code)


def _both(first: Callable[[], None], second: Callable[[], None]) -> None:
    first()
    second()

"""The main window: it assembles docks, menus, actions and the status bar, nothing more.

Behaviour lives in the controllers (``ProjectController``); every visible text is set in
``retranslate_ui`` so the interface language can change while the window is open.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QTabBar,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from curator import i18n
from curator.i18n import _
from curator.ui.tasks import TaskRunner
from curator.ui.views.captions_panel import CaptionsPanel
from curator.ui.views.exhibition_panel import ExhibitionPanel
from curator.ui.views.full_preview import FullScreenPreview
from curator.ui.views.glossary_panel import GlossaryPanel
from curator.ui.views.hall_tab import HallTab
from curator.ui.views.layout_canvas import LayoutCanvas
from curator.ui.views.library import LibraryPanel
from curator.ui.views.metadata_panel import MetadataPanel
from curator.ui.views.photo_view import PhotoView
from curator.ui.views.preflight_panel import PreflightPanel
from curator.ui.views.readiness_panel import ReadinessPanel
from curator.ui.views.start_page import StartPage


class PreviewPanel(QWidget):
    """Where the exported PDF will be previewed; says so until there is one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Set every visible text in the interface language."""
        self.label.setText(_("No PDF exported yet. Exports are previewed here."))


#: The version of the dock layout that ``saveState`` writes; a layout saved by an older
#: Curator (library and exhibition as tabs of one dock) is not restored over the new one.
WINDOW_STATE_VERSION = 2


class MainWindow(QMainWindow):
    """Docks: library, exhibition, captions, preview; a start page or the photo in the middle."""

    def __init__(self, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.start_page = StartPage()
        self.photo_view = PhotoView(tasks)
        self.layout_canvas = LayoutCanvas()
        self.workspace = QTabWidget()
        self.workspace.addTab(self.photo_view, "")
        self.workspace.addTab(self.layout_canvas, "")
        self.hall_tab = HallTab()
        self.workspace.addTab(self.hall_tab, "")
        self.central = QStackedWidget()
        self.central.addWidget(self.start_page)
        self.central.addWidget(self.workspace)
        self.setCentralWidget(self.central)

        self.library = LibraryPanel(tasks)
        self.exhibition = ExhibitionPanel()
        self.captions = CaptionsPanel()
        self.preview = PreviewPanel()
        self.readiness = ReadinessPanel()
        self.glossary = GlossaryPanel()
        self.preflight = PreflightPanel()
        self.metadata = MetadataPanel()
        #: F: the photo over the whole screen.
        self.full_preview = FullScreenPreview(tasks, self)
        self.library_dock = self._dock(
            "LibraryDock", self.library, Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.exhibition_dock = self._dock(
            "ExhibitionDock", self.exhibition, Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.captions_dock = self._dock(
            "CaptionsDock", self.captions, Qt.DockWidgetArea.BottomDockWidgetArea
        )
        self.preview_dock = self._dock(
            "PreviewDock", self.preview, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.readiness_dock = self._dock(
            "ReadinessDock", self.readiness, Qt.DockWidgetArea.RightDockWidgetArea
        )
        # The library above the exhibition, both in view: photos are dragged from one to
        # the other (as tabs of one dock the tree was hidden during the drag).
        self.splitDockWidget(self.library_dock, self.exhibition_dock, Qt.Orientation.Vertical)
        self.glossary_dock = self._dock(
            "GlossaryDock", self.glossary, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.tabifyDockWidget(self.preview_dock, self.readiness_dock)
        self.preflight_dock = self._dock(
            "PreflightDock", self.preflight, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.tabifyDockWidget(self.readiness_dock, self.glossary_dock)
        self.tabifyDockWidget(self.glossary_dock, self.preflight_dock)
        self.metadata_dock = self._dock(
            "MetadataDock", self.metadata, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.tabifyDockWidget(self.preflight_dock, self.metadata_dock)
        # Four tabs across a 260 px column were cut to "Prev…", "Readin…": down its side
        # they have the column's height, and the column runs the window's whole height
        # (the captions below keep the width of the library and the photo).
        self.setTabPosition(Qt.DockWidgetArea.RightDockWidgetArea, QTabWidget.TabPosition.East)
        self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        # The library and the exhibition run the window's whole height too, so both have
        # room at 1280 × 800; the captions take the width between them and the right column.
        self.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.readiness_dock.raise_()
        self.library_dock.raise_()
        self.resizeDocks([self.library_dock], [420], Qt.Orientation.Horizontal)
        self.resizeDocks(
            [self.library_dock, self.exhibition_dock], [500, 260], Qt.Orientation.Vertical
        )
        # Five fields of three languages, no scrolling (the caption box shows three lines).
        self.resizeDocks([self.captions_dock], [290], Qt.Orientation.Vertical)
        self.resizeDocks([self.preview_dock], [260], Qt.Orientation.Horizontal)

        self.new_action = QAction(self)
        self.new_action.setShortcut(QKeySequence.StandardKey.New)
        self.open_action = QAction(self)
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_server_action = QAction(self)
        self.demo_action = QAction(self)
        self.export_catalogue_action = QAction(self)
        self.export_cover_action = QAction(self)
        self.export_panels_action = QAction(self)
        self.export_labels_action = QAction(self)
        self.export_proof_action = QAction(self)
        self.export_web_action = QAction(self)
        self.close_action = QAction(self)
        self.close_action.setShortcut(QKeySequence.StandardKey.Close)
        self.backups_action = QAction(self)
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.about_action = QAction(self)
        self.recent_menu = QMenu(self)
        self.language_menu = QMenu(self)
        self.language_group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for tag in i18n.available_languages():
            action = QAction(i18n.INTERFACE_LANGUAGES[tag], self)
            action.setCheckable(True)
            action.setData(tag)
            self.language_group.addAction(action)
            self.language_menu.addAction(action)
            self.language_actions[tag] = action

        self.file_menu = self.menuBar().addMenu("")
        for action in (self.new_action, self.open_action, self.open_server_action):
            self.file_menu.addAction(action)
        self.file_menu.addMenu(self.recent_menu)
        self.file_menu.addAction(self.demo_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.backups_action)
        for action in self.export_actions():
            self.file_menu.addAction(action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.close_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.view_menu = self.menuBar().addMenu("")
        #: G: the library alone, a dense grid over the whole window (Lightroom's G).
        self.library_only_action = QAction(self)
        self.library_only_action.setCheckable(True)
        self.library_only_action.toggled.connect(self.set_library_only)
        self._key_on_photos(self.library_only_action, "G")
        self.view_menu.addAction(self.library_only_action)
        self.full_preview_action = QAction(self)
        self.full_preview_action.setCheckable(True)
        self.full_preview_action.toggled.connect(self.set_full_preview)
        self._key_on_photos(self.full_preview_action, "F")
        self.full_preview.leave.connect(lambda: self.set_full_preview(False))
        self.view_menu.addAction(self.full_preview_action)
        self.view_menu.addSeparator()
        self._before_library_only: dict[QDockWidget, bool] | None = None
        for dock in self._docks():
            self.view_menu.addAction(dock.toggleViewAction())
        self.view_menu.addSeparator()
        self.view_menu.addMenu(self.language_menu)
        self.help_menu = self.menuBar().addMenu("")
        self.help_menu.addAction(self.about_action)

        self.project_label = QLabel()
        self.access_label = QLabel()
        #: Background work (previews) reports here, so it never hides a job's summary.
        self.background_label = QLabel()
        self.statusBar().addPermanentWidget(self.background_label)
        self.statusBar().addPermanentWidget(self.access_label)
        self.statusBar().addPermanentWidget(self.project_label)
        self.close_handler: Callable[[], bool] | None = None
        self._project_title = ""
        # The PDF preview stays folded away until there is a PDF to preview (View > Preview
        # brings it back): "No PDF exported yet" took a fifth of the width.
        self._dock_visibility: dict[QDockWidget, bool] = {self.preview_dock: False}
        self.show_start_page(True)
        self.retranslate_ui()
        self._fit_to_screen()
        self.switch_tabs_on_drag()
        for dock in self._docks():
            dock.dockLocationChanged.connect(lambda _area: self.switch_tabs_on_drag())

    def photo_widgets(self) -> tuple[QWidget, ...]:
        """Where the one-letter photo keys work: the library, the photo, the full screen."""
        return (self.library, self.photo_view, self.full_preview)

    def _key_on_photos(self, action: QAction, key: str) -> None:
        """A one-letter key for ``action`` in the library and on the photo only.

        (Window-wide, a bare letter would also fire in the exhibition tree or a list.)
        """
        for widget in self.photo_widgets():
            shortcut = QAction(widget)
            shortcut.setShortcut(QKeySequence(key))
            shortcut.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.triggered.connect(action.trigger)
            widget.addAction(shortcut)

    def set_full_preview(self, on: bool) -> None:
        """Show the selected photo over the whole screen, or come back to the window."""
        if self.full_preview_action.isChecked() != on:
            self.full_preview_action.setChecked(on)  # comes back here through toggled
            return
        if on:
            self.full_preview.view.show_photo(self.photo_view.photo)
            # The window's screen, covered even where no window manager honours full screen
            # (a kiosk, a bare X session): showFullScreen alone left a small window there.
            self.full_preview.setGeometry(self.screen().geometry())
            self.full_preview.showFullScreen()
            self.full_preview.activateWindow()
            self.full_preview.setFocus()
        elif self.full_preview.isVisible():
            self.full_preview.hide()
            self.activateWindow()
            self.library.view.setFocus()

    def set_library_only(self, on: bool) -> None:
        """Show the library alone over the whole window, or bring the other docks back."""
        if self.library_only_action.isChecked() != on:
            self.library_only_action.setChecked(on)  # comes back here through toggled
            return
        if on == (self._before_library_only is not None):
            return
        if on:
            self._before_library_only = {dock: dock.isVisible() for dock in self._docks()}
            for dock in self._docks():
                dock.setVisible(dock is self.library_dock)
            self.library_dock.show()
            self.central.hide()
            self.library.view.setFocus()
        else:
            before, self._before_library_only = self._before_library_only or {}, None
            self.central.show()
            for dock, visible in before.items():
                dock.setVisible(visible)

    def switch_tabs_on_drag(self) -> None:
        """A drag held over a tab (Photo/Layout, or a tabbed dock) brings that tab forward.

        The docks' tab bars are made by Qt as docks are tabbed, so this runs again whenever
        a dock moves.
        """
        for bar in self.findChildren(QTabBar):
            if not bar.changeCurrentOnDrag():
                bar.setChangeCurrentOnDrag(True)
                bar.setAcceptDrops(True)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.switch_tabs_on_drag()

    def export_actions(self) -> tuple[QAction, ...]:
        """File > Export…: the catalogue, its cover, panels, labels, the proof, the web edition."""
        return (
            self.export_catalogue_action,
            self.export_cover_action,
            self.export_panels_action,
            self.export_labels_action,
            self.export_proof_action,
            self.export_web_action,
        )

    def _fit_to_screen(self) -> None:
        screen = self.screen()
        available = screen.availableGeometry() if screen is not None else None
        if available is None or available.isEmpty():
            self.resize(1400, 900)
            return
        self.resize(
            min(1400, int(available.width() * 0.92)), min(900, int(available.height() * 0.9))
        )

    def _docks(self) -> tuple[QDockWidget, ...]:
        return (
            self.library_dock,
            self.exhibition_dock,
            self.captions_dock,
            self.preview_dock,
            self.readiness_dock,
            self.glossary_dock,
            self.preflight_dock,
            self.metadata_dock,
        )

    def _dock(self, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def retranslate_ui(self) -> None:
        """Set every visible text in the interface language."""
        self.file_menu.setTitle(_("&File"))
        self.view_menu.setTitle(_("&View"))
        self.help_menu.setTitle(_("&Help"))
        self.new_action.setText(_("&New Project…"))
        self.open_action.setText(_("&Open Project…"))
        self.open_server_action.setText(_("Open from Server…"))
        self.recent_menu.setTitle(_("Open &Recent"))
        self.demo_action.setText(_("Open the &Demo Exhibition"))
        self.export_catalogue_action.setText(_("&Export Catalogue…"))
        self.export_cover_action.setText(_("Export Catalogue Co&ver…"))
        self.export_panels_action.setText(_("Export &Panel Proofs…"))
        self.export_labels_action.setText(_("Export &Wall Labels…"))
        self.export_proof_action.setText(_("Export &Approval Proof…"))
        # TRANSLATORS: no accelerator letter was free in every language; add one if yours has.
        self.export_web_action.setText(_("Export Web Edition…"))
        self.close_action.setText(_("&Close Project"))
        self.backups_action.setText(_("&Backups…"))
        self.quit_action.setText(_("&Quit"))
        self.about_action.setText(_("&About Curator"))
        self.language_menu.setTitle(_("Interface &Language"))
        self.library_only_action.setText(_("Library &Grid") + "\tG")
        self.full_preview_action.setText(_("&Full-Screen Preview") + "\tF")
        self.metadata_dock.setWindowTitle(_("Metadata"))
        self.library_dock.setWindowTitle(_("Library"))
        self.exhibition_dock.setWindowTitle(_("Exhibition"))
        self.captions_dock.setWindowTitle(_("Captions"))
        self.preview_dock.setWindowTitle(_("Preview"))
        self.readiness_dock.setWindowTitle(_("Readiness"))
        self.glossary_dock.setWindowTitle(_("Glossary"))
        self.preflight_dock.setWindowTitle(_("Preflight"))
        self.workspace.setTabText(0, _("Photo"))
        self.workspace.setTabText(1, _("Layout"))
        self.workspace.setTabText(2, _("Hall"))
        for widget in (
            self.start_page,
            self.photo_view,
            self.library,
            self.exhibition,
            self.captions,
            self.preview,
            self.readiness,
            self.glossary,
            self.layout_canvas,
            self.hall_tab,
            self.preflight,
            self.metadata,
            self.full_preview,
        ):
            widget.retranslate_ui()
        self.set_project_title(self._project_title)

    def set_project_title(self, title: str) -> None:
        """Show the open project's title in the window title (empty: none open)."""
        self._project_title = title
        self.setWindowTitle(f"{title} — {_('Curator')}" if title else _("Curator"))

    def show_start_page(self, visible: bool) -> None:
        """The start page alone when no project is open, else the photo view and the docks."""
        if visible:
            self.set_library_only(False)
            self.set_full_preview(False)
        self.library_only_action.setEnabled(not visible)
        self.full_preview_action.setEnabled(not visible)
        docks = self._docks()
        if visible and self.central.currentWidget() is not self.start_page:
            self._dock_visibility = {dock: dock.isVisible() for dock in docks}
        self.central.setCurrentWidget(self.start_page if visible else self.workspace)
        for dock in docks:
            dock.setVisible(not visible and self._dock_visibility.get(dock, True))
            dock.toggleViewAction().setEnabled(not visible)
        self.close_action.setEnabled(not visible)
        for action in self.export_actions():
            action.setEnabled(not visible)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.close_handler is not None and not self.close_handler():
            event.ignore()
            return
        event.accept()

"""The layout canvas in the window: which section it shows, laying out, arranging by hand.

A slot's context menu chooses the catalogue page template of its photo
(:mod:`curator.core.publishing.page_choices`), undoable like the rest.

The geometry comes from ``curator.core.editing.layout_service.section_geometry`` with the PDF's own
text measure (``curator.export``), so the canvas shows what will print. Every change - laying
out one section or all of them, photos dropped on a panel, slots swapped, a panel moved, a
crop - is written through ``curator.core`` first and then pushed on the window's one undo
stack as a pair of exhibition snapshots (before, after), so undo and redo bring back exactly
the panels, slots and sections there were, with their ids.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QTimer
from PySide6.QtGui import QActionGroup, QPixmap, QUndoStack
from PySide6.QtWidgets import QMenu, QPushButton

from curator.core.editing.layout_service import auto_layout, section_geometry
from curator.core.errors import BackupError, CuratorError
from curator.core.layout import PanelGeometry, TextMeasure
from curator.core.layout.catalogue_model import PAGE_CHOICE_HELP, PageChoice
from curator.core.operations import ChangeSet, ExhibitionSnapshot, Undo
from curator.core.progress import ProgressCallback
from curator.core.publishing.page_choices import page_choices, set_page_choice
from curator.core.services import ProjectService
from curator.export.text_measure import ReportlabMeasure
from curator.i18n import _, ngettext
from curator.ui.busy import BusyRunner
from curator.ui.controllers.project_controller import ProjectController
from curator.ui.main_window import MainWindow
from curator.ui.tasks import TaskRunner
from curator.ui.undo import ChangeCommand, WrittenCommand
from curator.ui.views.canvas_pictures import THUMBNAIL_PX, CanvasPictures
from curator.ui.views.crop_dialog import CropDialog
from curator.ui.views.dialogs import Dialogs
from curator.ui.views.layout_view import page_choice_label

if TYPE_CHECKING:
    from curator.ui.controllers.backup_controller import BackupController

Edit = Callable[[ProjectService], ChangeSet]


class LayoutController:
    """Shows the selected section's panels; lays out and arranges them, with undo."""

    def __init__(
        self,
        window: MainWindow,
        projects: ProjectController,
        dialogs: Dialogs,
        tasks: TaskRunner,
        undo_stack: QUndoStack,
        backups: BackupController | None = None,
        on_structure_changed: Callable[[], None] | None = None,
    ) -> None:
        self._window = window
        self._backups = backups
        self._undo_stack = undo_stack
        self._before: ExhibitionSnapshot | None = None
        self._projects = projects
        self._dialogs = dialogs
        self._tasks = tasks
        self._busy = BusyRunner(window, tasks, dialogs)
        self._on_structure_changed = on_structure_changed or projects.refresh
        self.busy = False
        self._generation = 0
        #: Whether the canvas waits for the Layout tab to be shown to draw ``section_id``.
        self._stale = False
        #: Whether a read of the section shown is due at the end of this turn of the loop.
        self._read_due = False
        #: The section whose geometry is on the canvas now (None while one is being computed).
        self.drawn_section_id: str | None = None
        self._focus: tuple[str, str | None] | None = None
        self._measure: TextMeasure | None = None
        canvas = window.layout_canvas
        self.pictures = CanvasPictures(
            tasks, lambda: projects.service, window.photo_view.preview_for, self._on_sharper
        )
        #: The crop dialog open now, and its photo (it gets the preview when it arrives).
        self._cropping: tuple[CropDialog, str] | None = None
        #: A slot's context menu while it is open (the last one shown).
        self.menu: QMenu | None = None
        self.section_id: str | None = None
        self.lay_out_button = QPushButton()
        canvas.layout().itemAt(0).layout().insertWidget(0, self.lay_out_button)  # type: ignore[union-attr]
        self.lay_out_button.clicked.connect(self.lay_out_section)
        view = canvas.view
        view.photos_dropped.connect(self.place_photos)
        view.photos_dropped_beside.connect(self.place_in_section)
        view.slot_dropped.connect(self._on_slot_dropped)
        view.panel_dropped.connect(self._on_panel_dropped)
        view.slot_clicked.connect(self._on_slot_clicked)
        view.slot_double_clicked.connect(self.edit_crop)
        view.slot_menu_requested.connect(self._on_slot_menu)
        view.zoomed.connect(self._on_zoomed)
        window.exhibition.tree.currentItemChanged.connect(lambda *_args: self._on_tree_changed())
        window.workspace.currentChanged.connect(self._on_workspace_changed)
        # Any edit, undo or redo (a caption typed, a section renamed) may change what is drawn.
        undo_stack.indexChanged.connect(lambda _index: self._redraw())
        projects.project_opened.connect(self._on_opened)
        projects.project_closed.connect(self._reset)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Set every visible text in the interface language."""
        self._update_button()
        self._window.layout_canvas.retranslate_ui()

    def _update_button(self) -> None:
        """Say what the button will lay out: the section shown, or (none shown) every one."""
        self.lay_out_button.setText(
            _("Lay Out This Section") if self.section_id else _("Lay Out Every Section")
        )

    @property
    def measure(self) -> TextMeasure:
        """The PDF's text measure (fonts registered on first use)."""
        if self._measure is None:
            self._measure = ReportlabMeasure()
        return self._measure

    # -- showing ----------------------------------------------------------------------------

    def show_section(
        self, section_id: str | None, panel_id: str | None = None, slot_id: str | None = None
    ) -> None:
        """Draw a section's panels (None: nothing), read off the GUI thread.

        A hidden canvas (the Photo tab in front) is drawn when the Layout tab is shown: a
        section chosen in the tree costs nothing until then. With ``panel_id`` the canvas then
        shows that panel whole, with ``slot_id`` outlined.
        """
        service = self._projects.service
        self._focus = (panel_id, slot_id) if panel_id else None
        self.section_id = section_id
        self._window.layout_canvas.view.section_shown = section_id is not None
        self._update_button()
        self.drawn_section_id = None
        self._generation += 1
        self._stale = True
        if service is None or section_id is None:
            self._stale = False
            self._window.layout_canvas.show_panels([], self.pictures.picture)
            return
        if self.showing():
            self._read()

    def showing(self) -> bool:
        """Whether the Layout tab is the one shown (a hidden canvas is drawn once shown)."""
        return self._window.workspace.currentWidget() is self._window.layout_canvas

    def _on_workspace_changed(self, _index: int) -> None:
        if self._stale and self.showing() and self.section_id:
            self._read()

    def _read(self) -> None:
        """Read the section shown on a worker and draw it, once the loop's turn is over.

        Requests made in one turn are read once (a section move asks twice: for the section
        the tree selects, then for the undo step pushed).
        """
        self._stale = False
        if not self._read_due:
            self._read_due = True
            QTimer.singleShot(0, self._read_now)

    def _read_now(self) -> None:
        self._read_due = False
        service, section_id = self._projects.service, self.section_id
        if service is None or section_id is None or self.busy:
            return  # nothing to show, or a layout under way (it draws when done)
        if not self.showing():
            self._stale = True
            return
        generation = self._generation
        measure = self.measure
        self._projects.read_in_background(
            lambda reader: section_geometry(reader, section_id, measure),
            lambda panels: self._draw(generation, section_id, panels),
            _("Cannot show the layout"),
        )

    def _draw(self, generation: int, section_id: str, panels: list[PanelGeometry]) -> None:
        if generation != self._generation:
            return  # asked for before a newer request (another section, a new layout)
        canvas = self._window.layout_canvas
        transform = canvas.view.transform() if section_id == canvas.section_id else None
        canvas.section_id = section_id
        canvas.show_panels(panels, self.pictures.picture)
        if self._focus is not None:
            canvas.focus(*self._focus)
        elif transform is not None:  # the same section again (after an edit): keep the view
            canvas.view.setTransform(transform)
            self._on_zoomed(canvas.view.pixels_per_mm())
        self.drawn_section_id = section_id

    def _redraw(self) -> None:
        if self.section_id is not None and not self.busy and self._projects.service is not None:
            self.show_section(self.section_id)

    def _on_zoomed(self, pixels_per_mm: float) -> None:
        """Zoomed in past the thumbnails' sharpness: load the previews of the photos shown."""
        slots = [slot for panel in self._window.layout_canvas.panels for slot in panel.slots]
        wanted = [
            slot.photo_id
            for slot in slots
            if slot.photo_id
            and slot.image.width_mm * slot.source.width_mm * pixels_per_mm > THUMBNAIL_PX
        ]
        self.pictures.sharpen(wanted)

    # -- laying out -------------------------------------------------------------------------

    def lay_out_section(self, *, backup: bool = True) -> bool:
        """Auto-layout the shown section (or every section) in the background, then draw it.

        Panels already there are replaced after a snapshot of the project (on the worker);
        if it cannot be written the person chooses whether to go on (``backup=False``).
        """
        service = self._projects.service
        if service is None or not service.may_arrange or self.busy:
            return False
        section_id, measure = self.section_id, self.measure
        # Everything, so that undo also takes back a section made for photos in no section.
        self._before = service.operations.panels.snapshot()

        def job(
            writer: ProjectService, on_progress: ProgressCallback, cancel: threading.Event
        ) -> str | None:
            auto_layout(
                writer,
                section_id,
                measure=measure,
                backup=backup,
                on_progress=on_progress,
                cancel=cancel,
            )
            sections = writer.queries.sections()
            return section_id or (sections[0].id if sections else None)

        every = section_id is None
        handle = self._busy.run(
            service,
            _("Laying out every section…") if every else _("Laying out the section…"),
            job,
            lambda shown: self._on_laid_out(shown, every),
            _("Cannot lay out the section"),
            on_failure=self._on_layout_failed,
        )
        if handle is None:
            self._before = None
            return False
        self.busy = True
        self._generation += 1  # what was being drawn is about to change
        self.drawn_section_id = None
        return True

    def _on_laid_out(self, section_id: str | None, every: bool) -> None:
        self.busy = False
        service = self._projects.service
        if self._before is not None and service is not None:
            after = service.operations.panels.snapshot()
            label = _("Lay out every section") if every else _("Lay out the section")
            self._undo_stack.push(
                WrittenCommand(
                    label, partial(self.restore, self._before), partial(self.restore, after)
                )
            )
        self._before = None
        self._projects.refresh()
        self.show_section(section_id)
        self._window.workspace.setCurrentWidget(self._window.layout_canvas)

    def _on_layout_failed(self, error: Exception) -> bool:
        """Take a failed layout's error; False lets the busy runner show it."""
        self.busy = False
        self._before = None
        self.show_section(self.section_id)  # the layout was rolled back: draw what is there
        if isinstance(error, BackupError) and self._backups is not None:
            if self._backups.go_on_without_backup(error):
                self.lay_out_section(backup=False)
            return True
        return False

    def restore(self, snapshot: ExhibitionSnapshot) -> None:
        """Put the exhibition back as a snapshot had it (undo and redo)."""
        service = self._projects.service
        if service is None:
            return
        service.operations.panels.restore(snapshot)
        self._show_restored(service)

    def _show_restored(self, service: ProjectService) -> None:
        self._on_structure_changed()
        sections = [section.id for section in service.queries.sections()]
        shown = self.section_id if self.section_id in sections else None
        self.show_section(shown or (sections[0] if sections else None))

    # -- arranging by hand ------------------------------------------------------------------

    def apply(self, label: str, edit: Edit) -> bool:
        """Write an edit, push it for undo, and show the result (a refusal: a message)."""
        service = self._projects.service
        if service is None or not service.may_arrange:
            return False
        try:
            changes = edit(service)
        except CuratorError as error:
            self._dialogs.error(self._window, _("The change was not saved"), error.message)
            return False
        if changes.undo is None:
            return False
        self._undo_stack.push(ChangeCommand(label, self._step, changes.undo))
        self._on_structure_changed()
        self.show_section(self.section_id)
        return True

    def _step(self, undo: Undo) -> ChangeSet | None:
        """Undo or redo a change on the panels, and show it (as :meth:`restore` does)."""
        service = self._projects.service
        if service is None:
            return None
        changes = service.operations.undo(undo)
        self._show_restored(service)
        return changes

    def place_photos(self, photo_ids: list[str], panel_id: str) -> bool:
        """Put photos (from the library or the tree) on a panel of the canvas."""
        label = ngettext(
            "Place %(count)d photo on a panel", "Place %(count)d photos on a panel", len(photo_ids)
        ) % {"count": len(photo_ids)}
        measure = self.measure
        return self.apply(
            label, lambda s: s.operations.panels.place_on_panel(panel_id, photo_ids, measure)
        )

    def place_in_section(self, photo_ids: list[str]) -> bool:
        """Put photos dropped beside the panels into the section shown, on its panels."""
        section_id = self.section_id
        if section_id is None or not photo_ids:
            return False
        label = ngettext(
            "Place %(count)d photo in the section",
            "Place %(count)d photos in the section",
            len(photo_ids),
        ) % {"count": len(photo_ids)}
        measure = self.measure
        return self.apply(
            label, lambda s: s.operations.panels.place_in_section(section_id, photo_ids, measure)
        )

    def swap_slots(self, slot_id: str, other_slot_id: str) -> bool:
        """Swap the photos of two slots."""
        measure = self.measure
        return self.apply(
            _("Swap two photos"),
            lambda s: s.operations.panels.swap_slots(slot_id, other_slot_id, measure),
        )

    def move_panel(self, panel_id: str, index: int) -> bool:
        """Move a panel to ``index`` of its section (0 first)."""
        measure = self.measure
        return self.apply(
            _("Move a panel"), lambda s: s.operations.panels.move_panel(panel_id, index, measure)
        )

    def edit_crop(self, slot_id: str) -> bool:
        """Ask for a slot's crop (rectangle or focus point) and set it."""
        service = self._projects.service
        slot = self._window.layout_canvas.slot(slot_id)
        if service is None or not service.may_arrange or slot is None or not slot.photo_id:
            return False
        pixmap = self.pictures.picture(slot.photo_id)
        if pixmap is None or pixmap.isNull():
            return False
        stored = service.queries.slot(slot_id)
        aspect = slot.image.width_mm / max(slot.image.height_mm, 1e-9)
        dialog = CropDialog(pixmap, aspect, stored.crop, self._window)
        self._cropping = (dialog, slot.photo_id)
        self.pictures.sharpen([slot.photo_id])  # the thumbnail until the preview is read
        try:
            if not self._dialogs.run(dialog):
                return False
        finally:
            self._cropping = None
        crop, measure = dialog.crop(), self.measure
        return self.apply(
            _("Crop a photo"), lambda s: s.operations.panels.set_crop(slot_id, crop, measure)
        )

    def slot_menu(self, slot_id: str) -> QMenu | None:
        """The context menu of a slot: its photo's catalogue page template, and its crop."""
        service = self._projects.service
        slot = self._window.layout_canvas.slot(slot_id)
        if service is None or slot is None or not slot.photo_id:
            return None
        photo_id = slot.photo_id
        menu = QMenu(self._window)
        pages = menu.addMenu(_("Catalogue Page"))
        current = page_choices(service).get(photo_id, PageChoice.AUTO)
        group = QActionGroup(pages)
        for choice in PageChoice:
            action = pages.addAction(page_choice_label(choice))
            action.setToolTip(_(PAGE_CHOICE_HELP[choice]))
            action.setCheckable(True)
            action.setChecked(choice is current)
            action.setEnabled(service.may_arrange)
            action.setData(choice.value)
            group.addAction(action)
            action.triggered.connect(partial(self.choose_page, photo_id, choice))
        pages.setToolTipsVisible(True)
        crop = menu.addAction(_("Crop…"))
        crop.setEnabled(service.may_arrange)
        crop.triggered.connect(partial(self.edit_crop, slot_id))
        return menu

    def _on_slot_menu(self, slot_id: str, position: QPoint) -> None:
        if self.menu is not None:
            self.menu.close()
        self.menu = self.slot_menu(slot_id)
        if self.menu is not None:
            self.menu.popup(position)  # not exec(): the window's events go on meanwhile

    def choose_page(self, photo_id: str, choice: PageChoice) -> bool:
        """Choose the catalogue page template of a photo, as an undoable edit."""
        service = self._projects.service
        if service is None or not service.may_arrange:
            return False
        try:
            before = set_page_choice(service, photo_id, choice)
        except CuratorError as error:
            self._dialogs.error(self._window, _("The change was not saved"), error.message)
            return False
        if before is choice:
            return False

        def write(value: PageChoice) -> None:
            current = self._projects.service
            if current is not None:
                set_page_choice(current, photo_id, value)

        label = _("Catalogue page: %(template)s") % {"template": page_choice_label(choice)}
        self._undo_stack.push(WrittenCommand(label, partial(write, before), partial(write, choice)))
        return True

    def _on_sharper(self, photo_id: str, pixmap: QPixmap) -> None:
        self._window.layout_canvas.set_picture(photo_id, pixmap)
        if self._cropping is not None and self._cropping[1] == photo_id:
            self._cropping[0].set_picture(pixmap)

    def _on_slot_dropped(self, slot_id: str, panel_id: str, target_slot_id: str) -> None:
        if target_slot_id:
            if target_slot_id != slot_id:
                self.swap_slots(slot_id, target_slot_id)
            return
        slot = self._window.layout_canvas.slot(slot_id)
        source_panel = self._window.layout_canvas.panel_of(slot_id)
        if slot is not None and slot.photo_id and source_panel != panel_id:
            self.place_photos([slot.photo_id], panel_id)

    def _on_panel_dropped(self, panel_id: str, target_id: str, after: bool) -> None:
        order = [panel.panel_id for panel in self._window.layout_canvas.panels]
        if panel_id == target_id or panel_id not in order or target_id not in order:
            return
        order.remove(panel_id)
        index = order.index(target_id) + (1 if after else 0)
        self.move_panel(panel_id, index)

    def _on_slot_clicked(self, slot_id: str) -> None:
        slot = self._window.layout_canvas.slot(slot_id)
        if slot is not None and slot.photo_id:
            self._window.library.select_photo(slot.photo_id)

    # -- the project ------------------------------------------------------------------------

    def _on_tree_changed(self) -> None:
        # A rebuilt tree has no current item for a moment: keep showing the section then.
        section_id = self._window.exhibition.current_section_id()
        if section_id is not None and section_id != self.section_id:
            self.show_section(section_id)

    def _on_opened(self, service: ProjectService) -> None:
        self._reset()
        self._window.layout_canvas.view.editable = service.may_arrange

    def _reset(self) -> None:
        self.pictures.clear()
        self._window.layout_canvas.view.editable = False
        self._window.layout_canvas.section_id = None
        self.section_id = None
        self.show_section(None)

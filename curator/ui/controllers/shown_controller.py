"""Photo ▸ People and Places Shown: the selected photo's shown data as undoable edits.

Every change the dialog asks for (a name added, an item removed, a rectangle drawn, an event
typed) is one operation of :mod:`curator.core.operations.shown` (one transaction) pushed on
the window's undo stack, so Edit ▸ Undo and the dialog's Undo take it back. A name the
glossary lacks, or a refused change, is said under the list and nothing is written. The
dialog's loop is :class:`~curator.ui.controllers.dialog_edits.DialogEditController`'s.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QPixmap, QUndoStack
from PySide6.QtWidgets import QMenu

from curator.core.errors import CuratorError
from curator.core.model import GlossaryEntry, GlossaryKind
from curator.core.operations.shown import find_entry, rendering
from curator.core.services import ProjectService
from curator.core.shown import Region, Shown, ShownLocation
from curator.i18n import _
from curator.ui.controllers.dialog_edits import DialogEditController
from curator.ui.controllers.project_controller import ProjectController
from curator.ui.main_window import MainWindow
from curator.ui.views.dialogs import Dialogs
from curator.ui.views.shown_dialog import ShownDialog, ShownItem

_KINDS = {
    "person": GlossaryKind.PERSON,
    "organisation": GlossaryKind.ORGANISATION,
    "place": GlossaryKind.PLACE,
}


class ShownController(DialogEditController[ShownDialog]):
    """Opens the dialog for the one selected photo and writes what is changed there."""

    def __init__(
        self,
        window: MainWindow,
        projects: ProjectController,
        dialogs: Dialogs,
        undo_stack: QUndoStack,
        menu: QMenu,
    ) -> None:
        self.photo_id: str | None = None
        #: The glossary while the (modal) dialog is open: it cannot change meanwhile.
        self._entries: dict[int, GlossaryEntry] = {}
        super().__init__(window, projects, dialogs, undo_stack, menu)
        window.library.selection_changed.connect(self._on_selection_changed)
        undo_stack.indexChanged.connect(lambda _index: self._show())
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Set every visible text in the interface language."""
        self.action.setText(_("People and Places &Shown…"))
        if self.dialog is not None:
            self.dialog.retranslate_ui()
            self._show()

    def _on_project_opened(self, _service: ProjectService) -> None:
        """The action waits for one photo to be selected."""

    def _on_selection_changed(self, photo_ids: list[str]) -> None:
        self.action.setEnabled(self._projects.service is not None and len(photo_ids) == 1)

    def _make_dialog(self, service: ProjectService) -> ShownDialog | None:
        """The selected photo's persons, places and event (None unless one photo is selected)."""
        selected = self._window.library.selected_photo_ids()
        if len(selected) != 1:
            return None
        self.photo_id = selected[0]
        languages = service.queries.languages()
        dialog = ShownDialog(languages, self._window)
        pixmap = QPixmap()
        jpeg = service.queries.thumbnail_jpeg(self.photo_id)
        if jpeg:
            pixmap.loadFromData(jpeg, "JPEG")
        dialog.canvas.set_photo(pixmap)
        entries = service.queries.glossary()
        self._entries = {entry.id: entry for entry in entries}
        dialog.set_completions(
            {
                key: sorted({text for e in entries if e.kind is kind for text in e.terms.values()})
                for key, kind in _KINDS.items()
            }
        )
        dialog.set_editable(service.may_arrange)
        dialog.add_requested.connect(self._on_dialog_add_requested)
        dialog.remove_requested.connect(self._on_dialog_remove_requested)
        dialog.region_requested.connect(self._on_dialog_region_requested)
        dialog.event_edited.connect(self._on_dialog_event_edited)
        # Its Undo takes back the newest edit on the stack, whichever it is.
        dialog.location_requested.connect(self._on_dialog_location_requested)
        dialog.undo_button.clicked.connect(self.undo_stack.undo)
        return dialog

    def _show_values(self) -> None:
        self._show()

    def _follow_rights(self, dialog: ShownDialog, service: ProjectService) -> None:
        dialog.set_editable(service.may_arrange)
        self._show_values()

    def _closed(self) -> None:
        self.photo_id = None
        self._entries = {}

    def _show(self) -> None:
        service, dialog, photo_id = self._projects.service, self.dialog, self.photo_id
        if service is None or dialog is None or photo_id is None:
            return
        shown = service.operations.shown.get(photo_id)
        languages = service.queries.languages()
        by_id = self._entries

        def name(entry_id: int) -> str:
            entry = by_id.get(entry_id)
            return "" if entry is None else _names(entry, languages)

        items = [
            ShownItem(
                "person",
                person.entry_id,
                (_("Person: %(name)s") % {"name": name(person.entry_id)})
                + (" ▭" if person.region is not None else ""),
                person.region,
            )
            for person in shown.persons
        ]
        items += [
            ShownItem(
                "organisation", entry_id, _("Organisation: %(name)s") % {"name": name(entry_id)}
            )
            for entry_id in shown.organisations
        ]
        for position, location in enumerate(shown.locations):
            first = location.parts[0][1]
            text = ", ".join(name(entry_id) for _part, entry_id in location.parts)
            parts = tuple(
                (part, rendering(by_id[e], "", languages) if e in by_id else "")
                for part, e in location.parts
            )
            text = _("Place: %(name)s") % {"name": text}
            items.append(ShownItem("place", first, text, None, position, parts))
        dialog.show_items(items, dict(shown.events))
        index = self.undo_stack.index()
        dialog.undo_button.setEnabled(index > 0)

    # -- edits ------------------------------------------------------------------------------

    def _change(self, edit: Callable[[ProjectService, Shown], Shown], label: str) -> None:
        service, dialog, photo_id = self._projects.service, self.dialog, self.photo_id
        if service is None or dialog is None or photo_id is None:
            return
        try:
            ops = service.operations.shown
            changes = ops.set(photo_id, edit(service, ops.get(photo_id)))
        except CuratorError as error:
            dialog.show_status(error.message)
            return
        dialog.show_status("")
        self.push_changes(label, changes)

    def _on_dialog_add_requested(self, kind: str, name: str) -> None:
        def add(_service: ProjectService, shown: Shown) -> Shown:
            entry = find_entry(list(self._entries.values()), name, (_KINDS[kind],))
            if kind == "person":
                return shown.with_person(entry.id)
            if kind == "organisation":
                return shown.with_organisation(entry.id)
            return shown.with_location(ShownLocation((("name", entry.id),)))

        self._change(add, _("Add “%(name)s” to the photo") % {"name": name})
        if self.dialog is not None and not self.dialog.status.text():
            self.dialog.name.clear()

    def _on_dialog_location_requested(self, position: object, parts: object) -> None:
        def edit(_service: ProjectService, shown: Shown) -> Shown:
            entries, kinds = list(self._entries.values()), (GlossaryKind.PLACE,)
            named = dict(parts) if isinstance(parts, dict) else {}
            location = ShownLocation(
                tuple((part, find_entry(entries, text, kinds).id) for part, text in named.items())
            )
            if isinstance(position, int):
                return shown.with_location_at(position, location)
            return shown.with_location(location)

        label = _("Add a place to the photo") if position is None else _("Change a place shown")
        self._change(edit, label)
        if self.dialog is not None and not self.dialog.status.text() and position is None:
            self.dialog.name.clear()

    def _on_dialog_remove_requested(self, item: object) -> None:
        if not isinstance(item, ShownItem):
            return

        def remove(_service: ProjectService, shown: Shown) -> Shown:
            if item.kind == "person":
                return shown.without_person(item.entry_id)
            if item.kind == "organisation":
                return shown.without_organisation(item.entry_id)
            return shown.without_location(item.entry_id)

        self._change(remove, _("Remove from the photo"))

    def _on_dialog_region_requested(self, entry_id: int, region: object) -> None:
        if isinstance(region, Region):
            self._change(
                lambda _service, shown: shown.with_person(entry_id, region),
                _("Mark a person on the photo"),
            )

    def _on_dialog_event_edited(self, language: str, text: str) -> None:
        self._change(
            lambda _service, shown: shown.with_event(language, text),
            _("Edit the event (%(language)s)") % {"language": language},
        )


def _names(entry: GlossaryEntry, languages: list[str]) -> str:
    names = [entry.terms[tag] for tag in languages if entry.terms.get(tag)]
    return " / ".join(dict.fromkeys(names)) or rendering(entry, "")

"""File ▸ Agency Rights: agencies' rights templates and photos' origin, as undoable edits.

Each save, removal or photo change goes through ``service.operations.rights`` (checked, one
transaction) and is pushed on the window's undo stack as its change set's undo data, so
Edit ▸ Undo (and the dialog's own Undo) takes it back. A refusal (an unknown data mining
value, a licensor address that is not a web address) is shown under the form and nothing is
written. The dialog's loop is
:class:`~curator.ui.controllers.dialog_edits.DialogEditController`'s.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtGui import QUndoStack

from curator.core.errors import CuratorError
from curator.core.operations import ChangeSet
from curator.core.rights import RightsTemplate, checked_template
from curator.core.services import ProjectService
from curator.i18n import _
from curator.ui.controllers.dialog_edits import DialogEditController
from curator.ui.controllers.project_controller import ProjectController
from curator.ui.controllers.rights_gate import arrange_refusal
from curator.ui.main_window import MainWindow
from curator.ui.views.dialogs import Dialogs
from curator.ui.views.rights_dialog import RightsDialog

_PhotoChange = Callable[[ProjectService, list[str]], ChangeSet]


class RightsController(DialogEditController[RightsDialog]):
    """Opens the Agency Rights dialog and turns what is done there into edits."""

    def __init__(
        self,
        window: MainWindow,
        projects: ProjectController,
        dialogs: Dialogs,
        undo_stack: QUndoStack,
    ) -> None:
        super().__init__(window, projects, dialogs, undo_stack)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Set every visible text in the interface language."""
        self.action.setText(_("Agenc&y Rights…"))
        if self.dialog is not None:
            self.dialog.retranslate_ui()

    def _make_dialog(self, service: ProjectService) -> RightsDialog:
        dialog = RightsDialog(service.queries.languages(), self._window)
        dialog.save_requested.connect(self._on_save_requested)
        dialog.remove_requested.connect(self.remove_template)
        dialog.source_type_requested.connect(self.set_source_type)
        dialog.assign_requested.connect(self.assign)
        # Its Undo takes back the newest edit on the stack, whichever it is.
        dialog.undo_button.clicked.connect(self.undo_stack.undo)
        return dialog

    def _show_values(self) -> None:
        self._refresh()

    def _follow_rights(self, dialog: RightsDialog, service: ProjectService) -> None:
        self._show_values()
        self._opened(dialog)

    def _opened(self, dialog: RightsDialog) -> None:
        service = self._projects.service
        read_only = service is None or not service.may_arrange
        dialog.set_editable(not read_only)
        if service is not None and read_only and not service.read_only:
            dialog.show_status(arrange_refusal(service), error=True)
        elif read_only:
            dialog.show_status(
                _("The project is open read-only; its rights templates cannot be changed."),
                error=True,
            )

    def save_template(self, values: Mapping[str, object]) -> RightsTemplate | None:
        """Check and write one agency's template (None, and the reason shown, when refused)."""
        service = self._writable()
        if service is None:
            return None
        try:
            terms = values.get("usage_terms")
            template = checked_template(
                str(values.get("agency", "")),
                copyright=str(values.get("copyright", "")),
                usage_terms={str(k): str(v) for k, v in terms.items()}
                if isinstance(terms, Mapping)
                else {},
                credit_line=str(values.get("credit_line", "")),
                source=str(values.get("source", "")),
                licensor_name=str(values.get("licensor_name", "")),
                licensor_url=str(values.get("licensor_url", "")),
                data_mining=str(values.get("data_mining", "")),
            )
            changes = service.operations.rights.put_template(template)
        except CuratorError as error:
            self._status(error.message, error=True)
            return None
        self.push_changes(_("Save Rights Template"), changes)
        self._status(_("Saved the rights template of %(agency)s.") % {"agency": template.agency})
        if self.dialog is not None:
            self.dialog.show_templates(service.queries.rights_templates(), template.agency)
        return template

    def remove_template(self, agency: str) -> None:
        """Delete an agency's template, as one undoable edit."""
        service = self._writable()
        if service is None:
            return
        try:
            changes = service.operations.rights.remove_template(agency)
        except CuratorError as error:
            self._status(error.message, error=True)
            return
        self.push_changes(_("Remove Rights Template"), changes)
        self._status(_("Removed the rights template of %(agency)s.") % {"agency": agency})

    def set_source_type(self, code: str) -> None:
        """Set the library's selected photos' digital source type."""
        self._change_photos(
            _("Set Digital Source Type"),
            lambda service, ids: service.operations.rights.set_source_type(ids, code),
        )

    def assign(self, agency: str) -> None:
        """Give the selected photos an agency's template ('' : by their credits)."""
        self._change_photos(
            _("Set Rights Template"),
            lambda service, ids: service.operations.rights.assign(ids, agency),
        )

    def _change_photos(self, label: str, change: _PhotoChange) -> None:
        service = self._writable()
        photo_ids = self._window.library.selected_photo_ids()
        if service is None or not photo_ids:
            return
        try:
            changes = change(service, photo_ids)
        except CuratorError as error:
            self._status(error.message, error=True)
            return
        self.push_changes(label, changes)
        self._status(
            _("Changed %(count)d of the %(total)d selected photos.")
            % {"count": len(changes.photos), "total": len(photo_ids)}
        )

    def _refresh(self) -> None:
        """Show the templates again, and the selected photo's rows in the metadata panel."""
        service = self._projects.service
        if service is None:
            return
        if self.dialog is not None:
            self.dialog.show_templates(service.queries.rights_templates())
            self.dialog.show_selection(len(self._window.library.selected_photo_ids()))
        selected = self._window.library.selected_photo_ids()
        if len(selected) == 1:
            photo = service.queries.photo(selected[0])
            self._window.metadata.update_photo(photo, service.queries.photo_rights(selected)[0])

    def _on_save_requested(self) -> None:
        if self.dialog is not None:
            self.save_template(self.dialog.form_values())

    def _status(self, text: str, *, error: bool = False) -> None:
        if self.dialog is not None:
            self.dialog.show_status(text, error=error)
        else:
            self._window.statusBar().showMessage(text)

    def _writable(self) -> ProjectService | None:
        service = self._projects.service
        if service is None or service.read_only:
            return None
        return service

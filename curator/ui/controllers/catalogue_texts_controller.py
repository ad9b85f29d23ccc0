"""File ▸ Catalogue Texts: the catalogue's own texts and images as undoable edits.

Each text the person leaves in the dialog is checked and written by
:mod:`curator.core.publishing.catalogue_texts` (one transaction) and pushed on the window's undo
stack;
a refusal (a wrong ISBN, a text too long) is shown under the fields and nothing is written.
Images are read as the export will read them before they are kept in the project. The
fields are spell-checked in their language by the window's
:class:`~curator.ui.controllers.spell_controller.SpellController`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QFileDialog, QPushButton

from curator.core.errors import CuratorError, UsageError
from curator.core.language.library_messages import reason as library_reason
from curator.core.operations import ChangeSet, Undo
from curator.core.publishing.catalogue_texts import (
    MAX_ASSET_BYTES,
    AssetRole,
    read_texts,
)
from curator.core.services import ProjectService
from curator.export.assets import verify_image
from curator.i18n import _
from curator.ui.controllers.dialog_edits import DialogEditController
from curator.ui.controllers.project_controller import ProjectController
from curator.ui.controllers.rights_gate import arrange_refusal
from curator.ui.controllers.spell_controller import SpellController
from curator.ui.main_window import MainWindow
from curator.ui.undo import WrittenCommand
from curator.ui.views.catalogue_texts_dialog import CatalogueTextsDialog
from curator.ui.views.dialogs import Dialogs, file_dialog


class _TextsCommand(WrittenCommand):
    """A change of the catalogue's texts or images (the dialog's own Undo acts on these)."""


class CatalogueTextsController(DialogEditController[CatalogueTextsDialog]):
    """Opens the Catalogue Texts dialog and turns what is entered there into edits."""

    command = _TextsCommand

    def __init__(
        self,
        window: MainWindow,
        projects: ProjectController,
        dialogs: Dialogs,
        undo_stack: QUndoStack,
        spelling: SpellController | None = None,
    ) -> None:
        super().__init__(window, projects, dialogs, undo_stack)
        self._spelling = spelling
        undo_stack.indexChanged.connect(lambda _index: self._show_values())
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Set every visible text in the interface language."""
        self.action.setText(_("Catalogue &Texts…"))
        if self.dialog is not None:
            self.dialog.retranslate_ui()

    def _make_dialog(self, service: ProjectService) -> CatalogueTextsDialog:
        dialog = CatalogueTextsDialog(service.queries.languages(), self._window)
        dialog.text_entered.connect(self._on_dialog_text_entered)
        dialog.add_logo_button.clicked.connect(lambda: self._choose_image(AssetRole.LOGO))
        dialog.signature_button.clicked.connect(lambda: self._choose_image(AssetRole.SIGNATURE))
        dialog.remove_image_button.clicked.connect(self._on_remove_image_clicked)
        return dialog

    def _undo_button(self, dialog: CatalogueTextsDialog) -> QPushButton:
        return dialog.undo_button

    def _opened(self, dialog: CatalogueTextsDialog) -> None:
        if self._spelling is not None:
            self._spelling.check_fields(dialog.fields)

    def _closed(self) -> None:
        if self._spelling is not None:
            self._spelling.forget_fields()

    def _show_values(self) -> None:
        service, dialog = self._projects.service, self.dialog
        if service is None or dialog is None:
            return
        dialog.show_texts(read_texts(service))
        rights = service.login_rights
        languages = rights.languages if rights is not None and not service.read_only else ()
        dialog.set_editable(service.may_arrange, languages, arrange_refusal(service))
        if service.read_only:
            dialog.show_status(
                _("The project is open read-only; its catalogue texts cannot be changed."),
                error=True,
            )

    def _writable(self) -> ProjectService | None:
        service = self._projects.service
        return None if service is None or service.read_only else service

    # -- texts ------------------------------------------------------------------------------

    def set_text(self, key: str, language: str, text: str) -> bool:
        """Write one text as an undoable edit; False (and why, in the dialog) if refused."""
        service = self._writable()
        if service is None:
            return False
        try:
            changes = service.operations.catalogue.set_texts([(key, language or "-", text)])
        except CuratorError as error:
            if self.dialog is not None:
                self.dialog.show_status(error.message, error=True)
            return False
        if self.dialog is not None:
            self.dialog.show_status("")
        self._push_change(_("Edit the catalogue's texts"), changes)
        return True

    def _push_change(self, text: str, changes: ChangeSet) -> None:
        """Push a change set as the dialog's kind of step: undo and redo apply its undo data.

        Each step keeps the undo data of what it wrote, so the next one (redo after undo,
        undo after redo) goes back again.
        """
        if changes.undo is None:
            return
        way_back: list[Undo | None] = [changes.undo]

        def step() -> None:
            service = self._projects.service
            undo = way_back[0]
            if service is None or undo is None:
                return
            try:
                way_back[0] = service.operations.undo(undo).undo
            except CuratorError as error:
                self._dialogs.error(
                    self._window, _("Cannot change the catalogue texts"), error.message
                )

        self.push(text, step, step)

    def _on_dialog_text_entered(self, key: str, language: str, text: str) -> None:
        self.set_text(key, language, text)

    # -- images -----------------------------------------------------------------------------

    def _choose_image(self, role: AssetRole) -> None:
        if self.dialog is None:
            return
        title = _("Add Logo") if role is AssetRole.LOGO else _("Choose Signature")
        chooser = file_dialog(self.dialog, title, _("Choose"))
        chooser.setFileMode(QFileDialog.FileMode.ExistingFile)
        chooser.setNameFilters([_("Logos (*.svg *.pdf *.png)"), _("All files (*)")])
        if self._dialogs.run(chooser) and chooser.selectedFiles():
            self.add_image(role, Path(chooser.selectedFiles()[0]))

    def add_image(self, role: AssetRole, path: Path) -> bool:
        """Keep an image in the project as an undoable edit; False (and why) if refused."""
        service = self._writable()
        if service is None:
            return False
        try:
            data = _read_image(path)
            verify_image(path.name, data)
            _added, changes = service.operations.catalogue.add_image(role, path.name, data)
        except CuratorError as error:
            if self.dialog is not None:
                self.dialog.show_status(error.message, error=True)
            return False
        self._push_change(_("Add a catalogue image"), changes)
        self._show_values()
        return True

    def remove_image(self, asset_id: int) -> None:
        """Forget a logo or the signature, as an undoable edit."""
        service = self._writable()
        if service is None:
            return
        try:
            _removed, changes = service.operations.catalogue.remove_image(asset_id)
        except CuratorError as error:
            if self.dialog is not None:
                self.dialog.show_status(error.message, error=True)
            return
        self._push_change(_("Remove a catalogue image"), changes)
        self._show_values()

    def _on_remove_image_clicked(self) -> None:
        if self.dialog is not None and self.dialog.selected_image() is not None:
            self.remove_image(int(self.dialog.selected_image() or 0))


def _read_image(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_ASSET_BYTES + 1)
    except OSError as error:
        raise UsageError(
            _("Cannot read %(file)s: %(reason)s") % {"file": path, "reason": library_reason(error)},
            path=path,
        ) from error
    return data

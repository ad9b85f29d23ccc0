"""Message boxes and file dialogs whose every visible word is Curator's own.

Qt ships no Vietnamese catalogue, so standard buttons get explicit, translated texts here
rather than Qt's English ones. Controllers call :class:`Dialogs`; tests may swap it for a
recorder, since a modal ``exec()`` would block them.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from curator.i18n import _

PROJECT_SUFFIX = ".curator"


def message_box(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    details: str = "",
) -> QMessageBox:
    """A message box with an OK button in the interface language."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.button(QMessageBox.StandardButton.Ok).setText(_("OK"))
    if details:
        box.setInformativeText(details)
    return box


def file_dialog(parent: QWidget | None, title: str, accept_text: str) -> QFileDialog:
    """Qt's own file dialog with every label in the interface language.

    Qt ships no Vietnamese catalogue, so the labels are set here rather than left to Qt.
    """
    dialog = QFileDialog(parent, title)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setLabelText(QFileDialog.DialogLabel.Accept, accept_text)
    dialog.setLabelText(QFileDialog.DialogLabel.Reject, _("Cancel"))
    dialog.setLabelText(QFileDialog.DialogLabel.LookIn, _("Look in:"))
    dialog.setLabelText(QFileDialog.DialogLabel.FileName, _("File name:"))
    dialog.setLabelText(QFileDialog.DialogLabel.FileType, _("Files of type:"))
    return dialog


def project_file_dialog(parent: QWidget | None, *, save: bool) -> QFileDialog:
    """The dialog for choosing a project file, labelled in the interface language."""
    if save:
        dialog = file_dialog(parent, _("New project"), _("Create"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    else:
        dialog = file_dialog(parent, _("Open project"), _("Open"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setNameFilters([_("Curator projects (*.curator)"), _("All files (*)")])
    dialog.setDefaultSuffix(PROJECT_SUFFIX.lstrip("."))
    return dialog


class Dialogs:
    """What controllers use to talk to the person at the screen."""

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        """Show an error and wait for OK."""
        message_box(parent, QMessageBox.Icon.Critical, title, text).exec()

    def warning(self, parent: QWidget | None, title: str, text: str) -> None:
        """Show a warning and wait for OK."""
        message_box(parent, QMessageBox.Icon.Warning, title, text).exec()

    def choose_project(self, parent: QWidget | None, *, save: bool) -> Path | None:
        """Ask for a project file to open or create; None when cancelled."""
        dialog = project_file_dialog(parent, save=save)
        if dialog.exec() != QFileDialog.DialogCode.Accepted:
            return None
        files = dialog.selectedFiles()
        return Path(files[0]) if files else None

    def confirm(self, parent: QWidget | None, title: str, text: str, accept_text: str) -> bool:
        """Ask a yes/no question; the accept button says what it does."""
        box = QMessageBox(
            QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent
        )
        accept = box.addButton(accept_text, QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)
        box.exec()
        return box.clickedButton() is accept

    def run(self, dialog: QDialog) -> bool:
        """Run a modal dialog; True when accepted."""
        return dialog.exec() == QDialog.DialogCode.Accepted

"""Find and Replace across captions, and caption templates, in the window (issue 21, point 5).

*Captions → Find and Replace…* (Ctrl+H) previews every change
(:func:`curator.core.editing.caption_batch.preview_replace`) in a table - photo, field, language,
before,
after - and **Replace All** writes them as one edit, one step on the caption editor's undo stack.
*Captions → Caption Templates…* makes and edits templates (a name, then a field × language
table whose cells may use ``{date}``, ``{place}`` and ``{photographer}``) and applies the chosen
one to the photos selected in the library, also as one undo step; saving or deleting a template
is an undo step too.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from curator.core.editing import caption_batch
from curator.core.editing.caption_batch import CaptionRewrite, FindOptions
from curator.core.errors import CuratorError
from curator.core.language.languages import heading_name
from curator.core.model import FIELD_LABELS, CaptionField
from curator.core.operations import CaptionEdit, ChangeSet, Undo
from curator.core.services import ProjectService
from curator.i18n import _, current_language, ngettext
from curator.ui.controllers.caption_controller import CaptionController
from curator.ui.controllers.project_controller import ProjectController
from curator.ui.main_window import MainWindow
from curator.ui.undo import ChangeCommand
from curator.ui.views.dialogs import Dialogs


class FindReplaceView(QDialog):
    """Layout only: what to find, the options, the preview table and the buttons."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.find_edit = QLineEdit()
        self.replace_edit = QLineEdit()
        self.language = QComboBox()
        self.field = QComboBox()
        self.whole_words = QCheckBox()
        self.match_case = QCheckBox()
        self.match_accents = QCheckBox()
        self.preview = QTreeWidget()
        self.preview.setRootIsDecorated(False)
        self.summary = QLabel()
        self.preview_button = QPushButton()
        self.replace_button = QPushButton()
        self.replace_button.setEnabled(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.addButton(self.preview_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.replace_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.close)
        self.form = QFormLayout()
        self.labels = [QLabel() for _row in range(4)]
        for label, widget in zip(
            self.labels, (self.find_edit, self.replace_edit, self.language, self.field), strict=True
        ):
            label.setBuddy(widget)
            self.form.addRow(label, widget)
        options = QHBoxLayout()
        for box in (self.whole_words, self.match_case, self.match_accents):
            options.addWidget(box)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addLayout(options)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        self.resize(820, 480)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Every visible text in the interface language."""
        self.setWindowTitle(_("Find and Replace in Captions"))
        texts = (_("Fi&nd:"), _("Replace wit&h:"), _("&Language:"), _("Fi&eld:"))
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        self.whole_words.setText(_("&Whole words"))
        self.match_case.setText(_("Match &case"))
        self.match_accents.setText(_("Match &accents"))
        self.preview.setHeaderLabels(
            [_("Photo"), _("Field"), _("Language"), _("Before"), _("After")]
        )
        self.preview_button.setText(_("&Preview"))
        self.replace_button.setText(_("&Replace All"))
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        if close is not None:
            close.setText(_("Close"))
        if self.field.count():
            self.field.setItemText(0, _("All fields"))
            for index, field in enumerate(CaptionField, start=1):
                self.field.setItemText(index, _(FIELD_LABELS[field]))


class TemplatesView(QDialog):
    """Layout only: the template's name, its field × language table, and the buttons."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = QComboBox()
        self.name.setEditable(True)
        self.table = QTableWidget(len(CaptionField), 0)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.save_button = QPushButton()
        self.delete_button = QPushButton()
        self.apply_button = QPushButton()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        for button in (self.save_button, self.delete_button, self.apply_button):
            self.buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.close)
        self.name_label = QLabel()
        row = QHBoxLayout()
        row.addWidget(self.name_label)
        row.addWidget(self.name, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)
        self.resize(760, 360)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Every visible text in the interface language."""
        self.setWindowTitle(_("Caption Templates"))
        self.name_label.setText(_("Template:"))
        self.table.setVerticalHeaderLabels([_(FIELD_LABELS[field]) for field in CaptionField])
        self.hint.setText(
            _(
                "A cell may use {date}, {place} and {photographer}: they are filled for each "
                "photo in each language."
            )
        )
        self.save_button.setText(_("&Save"))
        self.delete_button.setText(_("&Delete"))
        self.apply_button.setText(_("&Apply to Selected Photos"))
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        if close is not None:
            close.setText(_("Close"))


class CaptionBatchController:
    """Find and Replace and caption templates: preview, write as one edit, undo as one step."""

    def __init__(
        self,
        window: MainWindow,
        projects: ProjectController,
        dialogs: Dialogs,
        captions: CaptionController,
    ) -> None:
        self._window = window
        self._projects = projects
        self._dialogs = dialogs
        self._captions = captions
        self._changes: list[CaptionRewrite] = []
        self.find_view = FindReplaceView(window)
        self.templates_view = TemplatesView(window)
        self.find_action = QAction(window)
        self.find_action.setShortcut(QKeySequence("Ctrl+H"))
        self.find_action.triggered.connect(self.show_find)
        self.templates_action = QAction(window)
        self.templates_action.triggered.connect(self.show_templates)
        view = self.find_view
        view.preview_button.clicked.connect(self.preview)
        view.replace_button.clicked.connect(self.replace_all)
        view.find_edit.returnPressed.connect(self.preview)
        view.replace_edit.returnPressed.connect(self.preview)
        for edit in (view.find_edit, view.replace_edit):
            edit.textEdited.connect(lambda _text: self._forget_preview())
        for box in (view.whole_words, view.match_case, view.match_accents):
            box.toggled.connect(lambda _on: self._forget_preview())
        view.language.currentIndexChanged.connect(lambda _i: self._forget_preview())
        view.field.currentIndexChanged.connect(lambda _i: self._forget_preview())
        tv = self.templates_view
        tv.name.currentTextChanged.connect(self._show_template)
        tv.save_button.clicked.connect(self.save_template)
        tv.delete_button.clicked.connect(self.delete_template)
        tv.apply_button.clicked.connect(self.apply_template)
        projects.project_closing.connect(self.find_view.close)
        projects.project_closing.connect(self.templates_view.close)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """The actions' and the views' texts."""
        self.find_action.setText(_("Find and Replac&e…"))
        self.templates_action.setText(_("Caption &Templates…"))
        self.find_view.retranslate_ui()
        self.templates_view.retranslate_ui()

    def attach(self, menu_owner: QWidget) -> None:
        """Put the actions into a menu (the Captions menu)."""
        menu_owner.addAction(self.find_action)
        menu_owner.addAction(self.templates_action)

    # -- find and replace -----------------------------------------------------------------

    def show_find(self) -> None:
        """Open Find and Replace on the project's languages."""
        service = self._projects.service
        if service is None:
            return
        view = self.find_view
        view.language.blockSignals(True)
        view.language.clear()
        for language in service.queries.languages():
            view.language.addItem(_language_label(language), language)
        view.language.blockSignals(False)
        if not view.field.count():
            view.field.addItem("", None)
            for field in CaptionField:
                view.field.addItem("", field.value)
            view.retranslate_ui()
        self._forget_preview()
        view.show()
        view.raise_()
        view.find_edit.setFocus()

    def _forget_preview(self) -> None:
        self._changes = []
        self.find_view.preview.clear()
        self.find_view.summary.setText("")
        self.find_view.replace_button.setEnabled(False)

    def preview(self) -> None:
        """List every change the replace would make; nothing is written."""
        self._window.captions.flush()  # the preview sees what is being typed in the editor
        service = self._projects.service
        view = self.find_view
        if service is None or not view.find_edit.text().strip():
            return
        field_value = view.field.currentData()
        options = FindOptions(
            view.whole_words.isChecked(),
            view.match_case.isChecked(),
            view.match_accents.isChecked(),
        )
        try:
            changes = caption_batch.preview_replace(
                service,
                str(view.language.currentData()),
                view.find_edit.text(),
                view.replace_edit.text(),
                field=CaptionField(field_value) if field_value else None,
                options=options,
            )
        except CuratorError as error:
            self._dialogs.error(view, _("Cannot find and replace"), error.message)
            return
        self._show_changes(service, changes)

    def _show_changes(self, service: ProjectService, changes: list[CaptionRewrite]) -> None:
        view = self.find_view
        view.preview.clear()
        names = {photo.id: photo.path.name for photo in service.queries.all_photos()}
        for change in changes:
            view.preview.addTopLevelItem(
                QTreeWidgetItem(
                    [
                        names.get(change.photo_id, change.photo_id),
                        _(FIELD_LABELS[change.field]),
                        _language_label(change.language),
                        change.old,
                        change.new,
                    ]
                )
            )
        self._changes = changes
        count = len(changes)
        view.summary.setText(
            ngettext("%(count)d field will change.", "%(count)d fields will change.", count)
            % {"count": count}
            if count
            else _("Nothing matches.")
        )
        view.replace_button.setEnabled(bool(count))

    def replace_all(self) -> None:
        """Write the previewed changes as one edit and one undo step."""
        if not self._changes:
            return
        label = _("Replace “%(find)s” with “%(replace)s”") % {
            "find": self.find_view.find_edit.text(),
            "replace": self.find_view.replace_edit.text(),
        }
        if self._write(self._changes, label, self.find_view):
            count = len(self._changes)
            self._forget_preview()
            self.find_view.summary.setText(
                ngettext("%(count)d field changed.", "%(count)d fields changed.", count)
                % {"count": count}
            )

    def _write(self, changes: list[CaptionRewrite], label: str, parent: QWidget) -> bool:
        self._window.captions.flush()  # what is being typed in the editor is written first
        service = self._projects.service
        if service is None:
            return False
        try:
            written = service.operations.captions.rewrite(changes)
        except CuratorError as error:
            self._dialogs.error(parent, _("The change was not saved"), error.message)
            return False
        self._refresh(changes)
        # Undo and redo check each field's revision: a field someone changed since refuses.
        self._captions.push(label, written)
        return True

    def _refresh(self, edits: list[CaptionEdit] | list[CaptionRewrite]) -> None:
        self._captions.show_selection()
        self._projects.refresh_readiness()
        headlines = sorted({e.photo_id for e in edits if e.field == CaptionField.HEADLINE})
        if headlines:
            self._projects.update_headlines(headlines)

    # -- templates ------------------------------------------------------------------------

    def show_templates(self) -> None:
        """Open the templates dialog on the project's languages and templates."""
        service = self._projects.service
        if service is None:
            return
        view = self.templates_view
        languages = service.queries.languages()
        view.table.setColumnCount(len(languages))
        view.table.setHorizontalHeaderLabels([_language_label(tag) for tag in languages])
        for column, tag in enumerate(languages):
            header = view.table.horizontalHeaderItem(column)
            if header is not None:
                header.setData(Qt.ItemDataRole.UserRole, tag)  # the tag, under its name
        self._reload_names(service, view.name.currentText())
        view.retranslate_ui()
        view.show()
        view.raise_()

    def _reload_names(self, service: ProjectService, current: str) -> None:
        view = self.templates_view
        view.name.blockSignals(True)
        view.name.clear()
        view.name.addItems(sorted(caption_batch.templates(service)))
        view.name.setCurrentText(current)
        view.name.blockSignals(False)
        self._show_template(current)

    def _languages(self) -> list[str]:
        table = self.templates_view.table
        headers = (table.horizontalHeaderItem(c) for c in range(table.columnCount()))
        return [str(header.data(Qt.ItemDataRole.UserRole)) for header in headers if header]

    def _show_template(self, name: str) -> None:
        service = self._projects.service
        if service is None:
            return
        template = caption_batch.templates(service).get(name, {})
        table = self.templates_view.table
        for column, language in enumerate(self._languages()):
            for row, field in enumerate(CaptionField):
                text = template.get(language, {}).get(field.value, "")
                table.setItem(row, column, QTableWidgetItem(text))

    def save_template(self) -> None:
        """Store the table as the named template (empty cells are left out)."""
        service = self._projects.service
        view = self.templates_view
        name = view.name.currentText().strip()
        if service is None:
            return
        if not name:
            self._dialogs.error(view, _("Cannot save the template"), _("A template needs a name."))
            return
        editor = view.table.indexWidget(view.table.currentIndex())
        if editor is not None:  # a cell still being edited: keep what was typed
            view.table.itemDelegate().commitData.emit(editor)
        fields = [
            (language, field, item.text() if (item := view.table.item(row, column)) else "")
            for column, language in enumerate(self._languages())
            for row, field in enumerate(CaptionField)
        ]
        try:
            _templates, changes = service.operations.templates.set_fields(name, fields)
        except CuratorError as error:
            self._dialogs.error(view, _("Cannot save the template"), error.message)
            return
        self._reload_names(service, name)
        self._push_template(_("Save template “%(name)s”") % {"name": name}, changes)

    def delete_template(self) -> None:
        """Forget the named template."""
        service = self._projects.service
        view = self.templates_view
        if service is None:
            return
        name = view.name.currentText().strip()
        try:
            _templates, changes = service.operations.templates.delete(name)
        except CuratorError as error:
            self._dialogs.error(view, _("Cannot delete the template"), error.message)
            return
        self._reload_names(service, "")
        self._push_template(_("Delete template “%(name)s”") % {"name": name}, changes)

    def _push_template(self, label: str, changes: ChangeSet) -> None:
        """Put a template's change on the window's undo stack, with the caption edits."""
        if changes.undo is not None:
            self._captions.undo_stack.push(ChangeCommand(label, self._template_step, changes.undo))

    def _template_step(self, undo: Undo) -> ChangeSet | None:
        service = self._projects.service
        if service is None:
            return None
        changes = service.operations.undo(undo)
        if self.templates_view.isVisible():  # the dialog shows the template as it is now
            self._reload_names(service, self.templates_view.name.currentText())
        return changes

    def apply_template(self) -> None:
        """Fill the selected photos' fields from the template, as one edit and undo step."""
        service = self._projects.service
        view = self.templates_view
        photo_ids = self._window.library.selected_photo_ids()
        if service is None:
            return
        if not photo_ids:
            self._dialogs.error(
                view, _("Cannot apply the template"), _("Select photos in the library first.")
            )
            return
        name = view.name.currentText().strip()
        self._window.captions.flush()
        try:
            changes = caption_batch.preview_template(service, name, photo_ids)
        except CuratorError as error:
            self._dialogs.error(view, _("Cannot apply the template"), error.message)
            return
        if changes:
            self._write(changes, _("Apply template “%(name)s”") % {"name": name}, view)


def _language_label(tag: str) -> str:
    """A caption language as the interface names it, with its tag: "Tiếng Việt (vi)"."""
    return f"{heading_name(tag, current_language())} ({tag})"

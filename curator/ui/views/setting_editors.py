"""One editor per project setting, chosen by the setting's kind.

A check box for yes/no, a list for choices, a line for everything else (lengths take a
unit, as on the command line). An editor only shows a value and says what the person
entered (:attr:`SettingEditor.entered`, with text or a bool); the controller checks it, and
an editor shows the refusal under itself.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from curator.core.delivery_planning.iim import IIM_POLICY_LABELS, IimPolicy
from curator.core.language.languages import heading_name
from curator.core.settings.project_settings import SettingState
from curator.core.settings.setting_values import SettingKind, SettingSpec, format_value
from curator.i18n import _, current_language

ERROR_STYLE = "color: #b00020;"


def choice_label(spec: SettingSpec, choice: str) -> str:
    """A choice as people read it: the IIM policy's words, a language's name."""
    if spec.key == "delivery.iim":
        return _(IIM_POLICY_LABELS[IimPolicy(choice)])
    if spec.key == "delivery.main_language":
        return f"{heading_name(choice, current_language())} — {choice}"
    return choice


class SettingEditor(QObject):
    """The field, its reset button and its inline message, for one setting."""

    #: (key, what was entered: the text typed, the choice picked or the box's state)
    entered = Signal(str, object)
    reset_requested = Signal(str)

    def __init__(
        self, spec: SettingSpec, parent: QWidget | None = None, *, show_hint: bool = True
    ) -> None:
        super().__init__(parent)
        self.spec = spec
        self.field: QCheckBox | QComboBox | QLineEdit
        if spec.kind is SettingKind.BOOLEAN:
            self.field = QCheckBox()
            self.field.clicked.connect(lambda checked: self.entered.emit(spec.key, checked))
        elif spec.kind is SettingKind.CHOICE:
            self.field = QComboBox()
            for choice in spec.choices:
                self.field.addItem("", choice)
            self.field.activated.connect(
                lambda index: self.entered.emit(spec.key, str(self.field.itemData(index)))
            )
        else:
            self.field = QLineEdit()
            self.field.editingFinished.connect(self._on_field_editing_finished)
        self.field.setObjectName(spec.key)
        self.reset_button = QToolButton()
        self.reset_button.clicked.connect(lambda: self.reset_requested.emit(spec.key))
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setEnabled(False)  # drawn greyed: an aside
        self.hint.setVisible(bool(spec.help) and show_hint)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.hide()
        self.row = QWidget()
        line = QHBoxLayout()
        line.addWidget(self.field, 1)
        line.addWidget(self.reset_button)
        layout = QVBoxLayout(self.row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(line)
        layout.addWidget(self.hint)
        layout.addWidget(self.message)
        self._shown = ""
        self.state: SettingState | None = None

    def retranslate_ui(self) -> None:
        """Set every visible text in the interface language."""
        self.reset_button.setText(_("Default"))
        self.reset_button.setToolTip(_("Go back to the default value"))
        self.field.setToolTip(_(self.spec.help) if self.spec.help else "")
        self.hint.setText(_(self.spec.help) if self.spec.help else "")
        if isinstance(self.field, QCheckBox):
            self.field.setText(_("yes"))
        if isinstance(self.field, QComboBox):
            for index, choice in enumerate(self.spec.choices):
                self.field.setItemText(index, choice_label(self.spec, choice))
        if self.state is not None:
            self.show_state(self.state)

    def show_state(self, state: SettingState) -> None:
        """Show a stored value (and clear any message)."""
        self.state = state
        field = self.field
        if isinstance(field, QCheckBox):
            field.setChecked(bool(state.value))
        elif isinstance(field, QComboBox):
            field.setCurrentIndex(field.findData(state.value))
        else:
            self._shown = format_value(state.spec, state.value)
            field.setText(self._shown)
            field.setModified(False)
        self.reset_button.setEnabled(not state.is_default and field.isEnabled())
        self.show_message(None)

    def show_message(self, message: str | None) -> None:
        """Show why what was entered was refused (None: nothing to say)."""
        self.message.setText(message or "")
        self.message.setVisible(bool(message))

    def set_editable(self, editable: bool) -> None:
        """Allow or forbid changes (a read-only project, a change being written)."""
        self.field.setEnabled(editable)
        self.reset_button.setEnabled(
            editable and self.state is not None and not self.state.is_default
        )

    def _on_field_editing_finished(self) -> None:
        assert isinstance(self.field, QLineEdit)
        text = self.field.text()
        if text.strip() == self._shown.strip():
            self.show_message(None)
            return
        self.entered.emit(self.spec.key, text)

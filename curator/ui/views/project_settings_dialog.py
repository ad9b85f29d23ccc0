"""The Project Settings dialog: what shapes output, on one tab per group.

A view only. It lays out one :class:`SettingEditor` per setting it is given, shows the
values it is told, and passes on what the person entered; the
:class:`~curator.ui.controllers.project_settings_controller.ProjectSettingsController` checks and
writes each change (one undoable edit) and tells the dialog the outcome.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from curator.core.language.languages import heading_name
from curator.core.settings.project_settings import SettingState
from curator.core.settings.setting_specs import OTHER_LANGUAGES
from curator.core.settings.setting_values import SettingGroup, SettingSpec
from curator.i18n import N_, _, current_language
from curator.ui.views.setting_editors import ERROR_STYLE, SettingEditor

TAB_TITLES: dict[SettingGroup, str] = {
    SettingGroup.CREDITS: N_("Credits"),
    SettingGroup.PREFLIGHT: N_("Preflight"),
    SettingGroup.CATALOGUE: N_("Catalogue"),
    SettingGroup.WALL: N_("Wall type"),
    SettingGroup.DELIVERY: N_("Delivery"),
    SettingGroup.BACKUPS: N_("Backups"),
    SettingGroup.WEB: N_("Web edition"),
    SettingGroup.HALL: N_("Hall"),
}
TAB_INTROS: dict[SettingGroup, str] = {
    SettingGroup.CREDITS: N_(
        "How credit lines are written in each language. Write {photographer} and {agency} "
        "where the names go. Credit lines you have not edited follow these templates."
    ),
    SettingGroup.PREFLIGHT: N_(
        "Preflight warns when a photo prints below the first resolution and reports an error "
        "below the second. Auto-layout makes a photo smaller rather than print it below its "
        "lowest resolution."
    ),
    SettingGroup.CATALOGUE: N_(
        "The printed catalogue's page. Lengths are in millimetres unless you write a unit "
        "(0.5in, 1cm)."
    ),
    SettingGroup.WALL: N_(
        "How large the text on panels and wall labels is, from how far it is read. The "
        "first language is set larger; no panel text is below 18 pt and no label text below "
        "12 pt in any language, and text is never set smaller to fit."
    ),
    SettingGroup.DELIVERY: N_(
        "What a delivery of captioned copies starts from. The Deliver dialog and "
        "curator deliver start from these and remember what was last used."
    ),
    SettingGroup.WEB: N_(
        "What the web edition (File > Export, curator export web) puts into the copies of "
        "the photos it publishes."
    ),
    SettingGroup.HALL: N_(
        "The hall's plan (curator hall): the gap automatic placement keeps between panels, "
        "and the narrowest aisle the checks accept."
    ),
    SettingGroup.BACKUPS: N_(
        "Snapshots of the project are kept in a folder beside it; the oldest are removed "
        "when they need more room than this."
    ),
}


#: The dialog's short row labels for credit templates (under a heading naming the language).
_CREDIT_ROLE_LABELS: dict[str, str] = {
    "photo": N_("Photo"),
    "archive": N_("Archive photo"),
    "provided": N_("Photo provided by"),
}


def section_title(spec: SettingSpec) -> str:
    """The heading over a setting's box: a credit template's language, or its section."""
    if spec.group is SettingGroup.CREDITS:
        language = spec.key.split(".")[1]
        if language == OTHER_LANGUAGES:
            return _("Any other language")
        return f"{heading_name(language, current_language())} — {language}"
    return _(spec.section) if spec.section else ""


def row_label(spec: SettingSpec) -> str:
    """The label of a setting's row."""
    if spec.group is SettingGroup.CREDITS:
        return _("%(label)s:") % {"label": _(_CREDIT_ROLE_LABELS[spec.key.split(".")[2]])}
    return _("%(label)s:") % {"label": _(spec.label)}


class ProjectSettingsDialog(QDialog):
    """Tabs of settings; every entry is passed on at once, there is nothing to confirm."""

    entered = Signal(str, object)
    reset_requested = Signal(str)

    def __init__(self, specs: list[SettingSpec], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ProjectSettingsDialog")
        self.tabs = QTabWidget()
        self.editors: dict[str, SettingEditor] = {}
        self._labels: dict[str, QLabel] = {}
        self._intros: dict[SettingGroup, QLabel] = {}
        self._boxes: dict[QGroupBox, SettingSpec] = {}
        for group in SettingGroup:
            in_group = [spec for spec in specs if spec.group is group]
            if in_group:
                self.tabs.addTab(self._tab(group, in_group), "")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.undo_button = QPushButton()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.addButton(self.undo_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        for button in self.buttons.buttons():
            # Enter confirms the field being edited; it must not close the dialog too.
            if isinstance(button, QPushButton):
                button.setAutoDefault(False)
                button.setDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.retranslate_ui()
        # Wide enough for every tab's title in any language (eight tabs since the hall's).
        self.resize(max(760, self.tabs.tabBar().sizeHint().width() + 48), 560)

    def _tab(self, group: SettingGroup, specs: list[SettingSpec]) -> QWidget:
        intro = QLabel()
        intro.setWordWrap(True)
        self._intros[group] = intro
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(intro)
        sections: dict[str, QFormLayout] = {}
        for spec in specs:
            section = self._section_key(spec)
            form = sections.get(section)
            if form is None:
                form = sections[section] = QFormLayout()
                if section:
                    box = QGroupBox()
                    box.setLayout(form)
                    layout.addWidget(box)
                    self._boxes[box] = spec
                else:
                    layout.addLayout(form)
            editor = SettingEditor(spec, self, show_hint=group is not SettingGroup.CREDITS)
            editor.entered.connect(self.entered)
            editor.reset_requested.connect(self.reset_requested)
            label = QLabel()
            label.setBuddy(editor.field)
            form.addRow(label, editor.row)
            self.editors[spec.key] = editor
            self._labels[spec.key] = label
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        scroll.setProperty("group", group.value)
        return scroll

    @staticmethod
    def _section_key(spec: SettingSpec) -> str:
        if spec.group is SettingGroup.CREDITS:
            return spec.key.split(".")[1]
        return spec.section

    def retranslate_ui(self) -> None:
        """Set every visible text in the interface language."""
        self.setWindowTitle(_("Project Settings"))
        for index in range(self.tabs.count()):
            group = SettingGroup(self._tab_widget(index).property("group"))
            self.tabs.setTabText(index, _(TAB_TITLES[group]))
            self._intros[group].setText(_(TAB_INTROS[group]))
        for box, spec in self._boxes.items():
            box.setTitle(section_title(spec))
        for key, editor in self.editors.items():
            self._labels[key].setText(row_label(editor.spec))
            editor.retranslate_ui()
        self.undo_button.setText(_("&Undo"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))

    def show_states(self, states: list[SettingState]) -> None:
        """Show these values (after opening, a change, an undo)."""
        for state in states:
            editor = self.editors.get(state.key)
            if editor is not None:
                editor.show_state(state)

    def show_refusal(self, key: str, message: str) -> None:
        """Say under the setting why what was entered was refused; the field keeps it."""
        editor = self.editors[key]
        editor.show_message(message)
        self.tabs.setCurrentWidget(self._tab_of(editor))
        editor.field.setFocus()

    def show_status(self, text: str, *, error: bool = False) -> None:
        """A line under the tabs: the project is read-only, credit lines are being rewritten."""
        self.status.setText(text)
        self.status.setStyleSheet(ERROR_STYLE if error else "")

    def set_editable(self, editable: bool) -> None:
        """Allow or forbid changes."""
        for editor in self.editors.values():
            editor.set_editable(editable)

    def _tab_of(self, editor: SettingEditor) -> QWidget:
        for index in range(self.tabs.count()):
            tab = self._tab_widget(index)
            if tab.property("group") == editor.spec.group.value:
                return tab
        return self._tab_widget(self.tabs.currentIndex())

    def _tab_widget(self, index: int) -> QWidget:
        tab = self.tabs.widget(index)
        assert tab is not None  # index comes from the tab count
        return tab

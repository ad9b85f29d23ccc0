"""The Checks view: the cross-language caption findings (issue 22, point 4) in the window.

*Captions → Check Across Languages…* runs
:func:`curator.core.checks.caption_checks.caption_findings`
on a worker and lists each finding: photo, language, field, code and message. Double-click (or
Enter) goes to the photo and puts the cursor in the field; **Accept** keeps the selected
findings as accepted in the project (one transaction), and they leave the list. These are
warnings and never part of the Preflight panel.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from curator.core.checks.caption_checks import CaptionFinding, caption_findings
from curator.core.errors import CuratorError
from curator.core.model import FIELD_LABELS, CaptionField
from curator.core.services import ProjectService
from curator.i18n import _, ngettext
from curator.ui.controllers.project_controller import ProjectController
from curator.ui.main_window import MainWindow
from curator.ui.views.dialogs import Dialogs

_FINDING = Qt.ItemDataRole.UserRole


class CaptionChecksView(QDialog):
    """Layout only: the summary, the list, Accept and Close."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel()
        self.tree = QTreeWidget()
        self.tree.setRootIsDecorated(False)
        self.tree.setSelectionMode(QTreeWidget.SelectionMode.ExtendedSelection)
        self.accept_button = QPushButton()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.addButton(self.accept_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.buttons)
        self.resize(760, 420)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Every visible text in the interface language."""
        self.setWindowTitle(_("Checks Across Languages"))
        self.tree.setHeaderLabels([_("Photo"), _("Language"), _("Field"), _("Problem")])
        self.accept_button.setText(_("Accept"))
        self.accept_button.setToolTip(
            _("Keep the selected findings as accepted: they are not raised again.")
        )
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        if close is not None:
            close.setText(_("Close"))


class CaptionChecksController:
    """Runs the checks off the GUI thread, shows them, goes to a finding, accepts findings."""

    def __init__(self, window: MainWindow, projects: ProjectController, dialogs: Dialogs) -> None:
        self._window = window
        self._projects = projects
        self._dialogs = dialogs
        self.view = CaptionChecksView(window)
        self.action = QAction(window)
        self.action.triggered.connect(self.show_checks)
        self.view.tree.itemActivated.connect(lambda item, _column: self.go_to(item))
        self.view.accept_button.clicked.connect(self.accept_selected)
        projects.project_closing.connect(self.view.close)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """The action's and the view's texts."""
        self.action.setText(_("&Check Across Languages…"))
        self.view.retranslate_ui()

    def attach(self, menu_owner: QWidget) -> None:
        """Put the action into a menu (the Captions menu)."""
        menu_owner.addAction(self.action)

    def findings(self) -> list[CaptionFinding]:
        """The findings listed now (for tests)."""
        tree = self.view.tree
        items = (tree.topLevelItem(i) for i in range(tree.topLevelItemCount()))
        return [item.data(0, _FINDING) for item in items if item is not None]

    def show_checks(self) -> None:
        """Open the view and run the checks on a worker."""
        from curator.export.text_measure import ReportlabMeasure

        self.view.tree.clear()
        self.view.summary.setText(_("Checking the captions…"))
        self.view.show()
        self.view.raise_()

        def read(service: ProjectService) -> list[CaptionFinding]:
            return caption_findings(service, ReportlabMeasure())

        self._projects.read_in_background(read, self._show, _("Cannot check the captions"))

    def _show(self, findings: list[CaptionFinding]) -> None:
        self.view.tree.clear()
        names = {}
        service = self._projects.service
        if service is not None:
            names = {photo.id: photo.path.name for photo in service.queries.all_photos()}
        for finding in findings:
            item = QTreeWidgetItem(
                [
                    names.get(finding.photo_id, finding.photo_id),
                    finding.language,
                    _(FIELD_LABELS[CaptionField(finding.field)]),
                    finding.message,
                ]
            )
            item.setToolTip(3, f"{finding.code}: {finding.message}")
            item.setData(0, _FINDING, finding)
            self.view.tree.addTopLevelItem(item)
        self._summarise()

    def _summarise(self) -> None:
        count = self.view.tree.topLevelItemCount()
        self.view.summary.setText(
            ngettext("%(count)d finding.", "%(count)d findings.", count) % {"count": count}
            if count
            else _("The languages agree: nothing found.")
        )

    def go_to(self, item: QTreeWidgetItem) -> None:
        """Select the finding's photo and put the cursor into its field."""
        finding: CaptionFinding = item.data(0, _FINDING)
        if self._window.library.select_photo(finding.photo_id):
            self._window.captions.focus_cell(finding.language, CaptionField(finding.field))

    def accept_selected(self) -> None:
        """Keep the selected findings as accepted, in one transaction."""
        service = self._projects.service
        items = self.view.tree.selectedItems()
        if service is None or not items:
            return
        try:
            service.operations.records.accept_findings(item.data(0, _FINDING).key for item in items)
        except CuratorError as error:
            self._dialogs.error(self.view, _("Cannot accept the findings"), error.message)
            return
        for item in items:
            self.view.tree.takeTopLevelItem(self.view.tree.indexOfTopLevelItem(item))
        self._summarise()

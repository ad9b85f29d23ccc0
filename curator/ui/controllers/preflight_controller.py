"""Preflight in the window: run the checks off the GUI thread, and go to a finding's place."""

from __future__ import annotations

import threading
from collections.abc import Callable

from curator.core.checks.preflight import Finding, check
from curator.core.layout.style import Product
from curator.core.progress import ProgressCallback
from curator.core.services import ProjectService
from curator.export.originals import OriginalsDecoder
from curator.i18n import _
from curator.ui.busy import BusyRunner
from curator.ui.controllers.layout_controller import LayoutController
from curator.ui.controllers.project_controller import ProjectController
from curator.ui.main_window import MainWindow
from curator.ui.tasks import TaskRunner
from curator.ui.views.dialogs import Dialogs


class PreflightController:
    """Connects the preflight dock to the project, the library and the canvas."""

    def __init__(
        self,
        window: MainWindow,
        projects: ProjectController,
        layout: LayoutController,
        dialogs: Dialogs,
        tasks: TaskRunner,
    ) -> None:
        self._window = window
        self._projects = projects
        self._layout = layout
        self._dialogs = dialogs
        self._tasks = tasks
        self._busy = BusyRunner(window, tasks, dialogs)
        panel = window.preflight
        panel.check_requested.connect(self.run_check)
        panel.finding_activated.connect(self.go_to)
        panel.remove_from_section_requested.connect(self._on_remove_from_section_requested)
        self._last_product: str | None = None
        #: Takes photos out of their sections as one undoable edit (the section controller's).
        self.remove_photos: Callable[[list[str]], bool] | None = None
        projects.project_closed.connect(lambda: panel.show_findings(None))
        projects.project_opened.connect(lambda _service: panel.show_findings(None))

    def run_check(self, product: str) -> None:
        """Check the open project for ``product``, in the background."""
        service = self._projects.service
        if service is None:
            return
        measure = self._layout.measure
        panel = self._window.preflight
        panel.summary.setText(_("Checking…"))
        self._last_product = product

        def job(
            reader: ProjectService, _progress: ProgressCallback, cancel: threading.Event
        ) -> list[Finding]:
            decode = OriginalsDecoder.for_project(reader.path)
            return check(reader, Product(product), measure, cancel=cancel, decode=decode)

        def failed(_error: Exception) -> bool:
            panel.show_findings(None)
            return False

        self._busy.run(
            service,
            _("Checking the project…"),
            job,
            panel.show_findings,
            _("Cannot check the project"),
            on_failure=failed,
        )

    def _on_remove_from_section_requested(self, photo_id: str) -> None:
        removed = self.remove_photos is not None and self.remove_photos([photo_id])
        if removed and self._last_product is not None:
            self.run_check(self._last_product)

    def go_to(self, finding: Finding) -> None:
        """Show the finding's photo, and its panel (its slot outlined) on the canvas."""
        if finding.photo_id:
            self._window.library.select_photo(finding.photo_id)
        if finding.section_id and finding.panel_id:
            self._layout.show_section(finding.section_id, finding.panel_id, finding.slot_id)
            self._window.workspace.setCurrentWidget(self._window.layout_canvas)

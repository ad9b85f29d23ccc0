"""Opening a project on a PostgreSQL server from the window (File ▸ Open from Server…).

Connecting may wait on the network, so the project is opened on a worker thread; the window
says that it is connecting and stays usable. The opened project is shown as a file project
is (:meth:`ProjectController.show_opened`); the address goes to the recent servers.
"""

from __future__ import annotations

from curator.core.errors import CuratorError
from curator.core.language.library_messages import explained
from curator.core.services import ProjectService
from curator.core.storage.address import ServerAddress
from curator.i18n import _
from curator.ui.controllers.project_controller import ProjectController
from curator.ui.controllers.worker_controller import WorkerController
from curator.ui.main_window import MainWindow
from curator.ui.settings import Preferences
from curator.ui.tasks import TaskRunner
from curator.ui.views.dialogs import Dialogs
from curator.ui.views.server_dialog import OpenFromServerDialog


class ServerController(WorkerController):
    """File ▸ Open from Server… and opening an address given on the command line.

    Built on :class:`WorkerController` for the window, dialogs and task runner it keeps; the
    connection is opened with the task runner itself, since there is no project to connect
    from yet.
    """

    def __init__(
        self,
        window: MainWindow,
        projects: ProjectController,
        preferences: Preferences,
        dialogs: Dialogs,
        tasks: TaskRunner,
    ) -> None:
        super().__init__(window, projects, dialogs, tasks)
        self._preferences = preferences
        #: The address being opened (None when nothing is under way).
        self.opening: ServerAddress | None = None
        window.open_server_action.triggered.connect(self.choose_and_open)

    def choose_and_open(self) -> None:
        """Ask for an address (the recent servers offered) and open it."""
        dialog = OpenFromServerDialog(self._preferences.recent_servers, self._window)
        if self._dialogs.run(dialog) and dialog.address is not None:
            self.open_address(dialog.address)

    def open_address(self, address: ServerAddress) -> None:
        """Open the project at ``address`` on a worker; shown when connected."""
        self.opening = address
        self._window.statusBar().showMessage(
            _("Connecting to %(address)s…") % {"address": address.display()}
        )
        self._tasks.submit(
            ProjectService.open,
            address,
            on_result=self._on_opened,
            on_error=self._on_failed,
        )

    def _on_opened(self, service: ProjectService) -> None:
        self.opening = None
        self._window.statusBar().clearMessage()
        self._preferences.add_recent_server(service.location)
        self._projects.show_opened(service)

    def _on_failed(self, error: Exception) -> None:
        self.opening = None
        self._window.statusBar().clearMessage()
        message = error.message if isinstance(error, CuratorError) else explained(error)
        self._dialogs.error(self._window, _("Cannot open project"), message)

"""Snapshots in the window: before destructive actions, every few minutes, and restore.

:meth:`BackupController.guard` is what a controller calls before an action that replaces or
deletes work done on the GUI thread: the snapshot is written on a worker, and the action
runs (on the GUI thread) once it is safe; if the snapshot cannot be written the person is
told why and chooses whether to go on without one. Actions that already run on a worker
(layout, relink) take their snapshot there and ask :meth:`go_on_without_backup` when it
fails. A timer takes an interval snapshot when the project's interval has passed and
something changed. Restore closes the project (giving up its lock), puts the snapshot back
on a worker, and opens the project again.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer

from curator.core.errors import BackupError
from curator.core.language.library_messages import explained
from curator.core.services import ProjectService
from curator.core.storage.backups import (
    Snapshot,
    SnapshotReason,
    SnapshotSchedule,
    backup_folder,
    change_marker,
    interval_seconds,
    list_snapshots,
    snapshot_file,
    snapshot_file_before,
)
from curator.core.storage.restore import RestoreReport, restore_snapshot
from curator.i18n import _
from curator.ui.controllers.project_controller import ProjectController
from curator.ui.controllers.worker_controller import WorkerController
from curator.ui.main_window import MainWindow
from curator.ui.tasks import TaskRunner
from curator.ui.views.backups_dialog import BackupsDialog, when_text
from curator.ui.views.dialogs import Dialogs

log = logging.getLogger(__name__)

#: How often the timer looks whether an interval snapshot is due.
TICK_MS = 60_000


def _message(error: Exception) -> str:
    return explained(error)


class BackupController(WorkerController):
    """Takes, lists and restores the open project's snapshots."""

    def __init__(
        self,
        window: MainWindow,
        projects: ProjectController,
        dialogs: Dialogs,
        tasks: TaskRunner,
    ) -> None:
        super().__init__(window, projects, dialogs, tasks)
        self.schedule: SnapshotSchedule | None = None
        self.dialog: BackupsDialog | None = None
        self._restoring = False
        self._interval_running = False
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._on_timer_timeout)
        window.backups_action.triggered.connect(self.show_backups)
        window.backups_action.setEnabled(False)
        projects.project_opened.connect(self._on_projects_project_opened)
        projects.project_closed.connect(self._on_projects_project_closed)

    @property
    def busy(self) -> bool:
        """Whether an interval snapshot or a restore is being written."""
        return self._restoring or self._interval_running

    # -- before destructive actions ---------------------------------------------------------

    def guard(self, reason: SnapshotReason, detail: str, proceed: Callable[[], object]) -> None:
        """Snapshot the project on a worker, then run ``proceed`` on the GUI thread.

        ``proceed`` must call the core operation with ``backup=False`` (the snapshot is
        already taken). If the snapshot fails the person decides whether to go on.
        """
        service = self._writable()
        if service is None:
            return
        if service.store.is_server:
            proceed()  # no file here to snapshot: the server keeps what is committed
            return
        marker, now = change_marker(service.store), time.monotonic()
        self._window.statusBar().showMessage(_("Saving a backup of the project…"))

        def taken(_snapshot: Snapshot) -> None:
            self._window.statusBar().clearMessage()
            if self.schedule is not None:
                self.schedule.taken(marker, now)
            self._refresh_dialog()
            if self._projects.service is service:
                proceed()

        def failed(error: Exception) -> None:
            self._window.statusBar().clearMessage()
            if self._projects.service is not service:
                return
            if isinstance(error, BackupError) and self.go_on_without_backup(error):
                proceed()
            elif not isinstance(error, BackupError):
                self._dialogs.error(self._window, _("Cannot save a backup"), _message(error))

        self._tasks.submit(
            snapshot_file_before, service.path, reason, detail, on_result=taken, on_error=failed
        )

    def go_on_without_backup(self, error: BackupError) -> bool:
        """Ask whether to go on after a snapshot failed; True when the person says so."""
        if not error.can_go_on:
            self._dialogs.error(self._window, _("Cannot save a backup"), error.message)
            return False
        return self._dialogs.confirm(
            self._window,
            _("No backup"),
            error.message
            + "\n\n"
            + _(
                "Go on without a backup? What this replaces or deletes can then only be "
                "brought back with Edit > Undo."
            ),
            _("Go On Without a Backup"),
        )

    # -- every few minutes -----------------------------------------------------------------

    def check_interval(self, now: float | None = None) -> bool:
        """Start an interval snapshot if one is due; True when one was started."""
        service = self._writable()
        if service is None or self.schedule is None or self.busy:
            return False
        now = time.monotonic() if now is None else now
        marker = change_marker(service.store)
        if not self.schedule.due(marker, now):
            return False
        schedule = self.schedule
        self._interval_running = True

        def taken(_snapshot: Snapshot) -> None:
            self._interval_running = False
            schedule.taken(marker, now)
            self._refresh_dialog()

        def failed(error: Exception) -> None:
            self._interval_running = False
            schedule.last_time = now  # try again after another interval, not every minute
            log.warning("interval snapshot failed: %s", error)
            self._window.statusBar().showMessage(
                _("No backup could be saved: %(reason)s") % {"reason": _message(error)}, 30000
            )

        self._tasks.submit(
            snapshot_file, service.path, SnapshotReason.INTERVAL, "", on_result=taken,
            on_error=failed,
        )  # fmt: skip
        return True

    def _on_timer_timeout(self) -> None:
        self.check_interval()

    # -- the dialog and restore -------------------------------------------------------------

    def show_backups(self) -> BackupsDialog | None:
        """Open the Backups dialog on the open project's snapshots."""
        service = self._projects.service
        if service is None:
            return None
        if self.dialog is None:
            self.dialog = BackupsDialog(self._window)
            self.dialog.restore_requested.connect(self.restore)
        self._refresh_dialog()
        self.dialog.show()
        self.dialog.raise_()
        return self.dialog

    def _refresh_dialog(self) -> None:
        dialog, service = self.dialog, self._projects.service
        if dialog is None or service is None:
            return
        path = service.path
        self._tasks.submit(
            list_snapshots,
            path,
            on_result=lambda snapshots: dialog.set_snapshots(snapshots, str(backup_folder(path))),
            on_error=lambda error: self._dialogs.error(
                self._window, _("Cannot read the backups"), _message(error)
            ),
        )

    def restore(self, name: str, *, backup: bool = True) -> bool:
        """After confirmation, put snapshot ``name`` back in place of the open project."""
        service = self._writable()
        if service is None or self.busy:
            return False
        path = service.path
        snapshot = next((s for s in list_snapshots(path) if s.name == name), None)
        when = when_text(snapshot) if snapshot is not None else name
        if backup and not self._dialogs.confirm(
            self._window,
            _("Restore Backup"),
            _(
                "Replace the project with the snapshot of %(when)s? The project as it is now "
                "is saved as a snapshot first, so this can be undone by restoring that one."
            )
            % {"when": when},
            _("Restore"),
        ):
            return False
        self._restoring = True
        if self.dialog is not None:
            self.dialog.set_busy(True)
        self._projects.close_project()  # gives the lock up for the restore
        self._window.statusBar().showMessage(_("Restoring the backup…"))
        self._tasks.submit(
            lambda: restore_snapshot(path, name, backup=backup),
            on_result=lambda report: self._on_restored(path, report),
            on_error=lambda error: self._on_restore_failed(path, name, error),
        )
        return True

    def _on_restored(self, path: Path, report: RestoreReport) -> None:
        self._restore_done()
        self._projects.open_project(path)
        self._window.statusBar().showMessage(
            _("Restored the snapshot of %(when)s.") % {"when": when_text(report.restored)},
            30000,
        )
        self._refresh_dialog()

    def _on_restore_failed(self, path: Path, name: str, error: Exception) -> None:
        self._restore_done()
        self._projects.open_project(path)
        if isinstance(error, BackupError) and error.can_go_on:
            if self.go_on_without_backup(error):
                self.restore(name, backup=False)
            return
        self._dialogs.error(self._window, _("Cannot restore the backup"), _message(error))

    def _restore_done(self) -> None:
        self._restoring = False
        self._window.statusBar().clearMessage()
        if self.dialog is not None:
            self.dialog.set_busy(False)

    # -- helpers ---------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        """Set every visible text in the interface language."""
        if self.dialog is not None:
            self.dialog.retranslate_ui()

    def _writable(self) -> ProjectService | None:
        service = self._projects.service
        return None if service is None or service.read_only else service

    def _on_projects_project_opened(self, service: ProjectService) -> None:
        self._window.backups_action.setEnabled(not service.store.is_server)
        if service.read_only or service.store.is_server:
            self.schedule = None
            self.timer.stop()
            return
        self.schedule = SnapshotSchedule(
            interval_s=interval_seconds(service.store),
            last_time=time.monotonic(),
            last_marker=change_marker(service.store),
        )
        self.timer.start()

    def _on_projects_project_closed(self) -> None:
        self._window.backups_action.setEnabled(False)
        self.schedule = None
        self.timer.stop()
        self._interval_running = False  # its result is dropped with the closed project
        if self.dialog is not None and not self._restoring:
            self.dialog.hide()

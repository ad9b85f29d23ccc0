"""Importing photos from the window: menu actions, drag-and-drop, progress with Cancel.

The import runs as a job on the task runner with its own connection to the project; each
batch it writes is shown in the library at once, so the first photos appear while the rest
are still being read.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog

from curator.core.errors import BackupError, CuratorError
from curator.core.language.library_messages import explained
from curator.core.progress import Progress
from curator.core.services import ProjectService
from curator.i18n import _
from curator.ingest.importer import ImportOptions, ImportReport, import_paths
from curator.ingest.previews import build_previews, share_preview
from curator.ingest.relink import RelinkReport, relink
from curator.ingest.scan import escaped_name
from curator.ui.controllers.photo_follow import follow_photos
from curator.ui.controllers.project_controller import ProjectController
from curator.ui.controllers.worker_controller import WorkerController
from curator.ui.main_window import MainWindow
from curator.ui.tasks import JobHandle, TaskRunner
from curator.ui.views.dialogs import Dialogs, file_dialog

if TYPE_CHECKING:
    from curator.ui.controllers.backup_controller import BackupController

_MAX_LISTED_PROBLEMS = 12


class ImportController(WorkerController):
    """Import actions and the running import."""

    def __init__(
        self,
        window: MainWindow,
        projects: ProjectController,
        dialogs: Dialogs,
        tasks: TaskRunner,
        backups: BackupController | None = None,
    ) -> None:
        super().__init__(window, projects, dialogs, tasks)
        self._backups = backups
        self._preview_job: JobHandle | None = None
        self.last_report: ImportReport | None = None
        self.last_relink: RelinkReport | None = None
        self.import_files_action = QAction(window)
        self.import_files_action.setShortcut(QKeySequence("Ctrl+I"))
        self.import_folder_action = QAction(window)
        self.locate_missing_action = QAction(window)
        self.locate_missing_action.triggered.connect(self._on_locate_missing_action_triggered)
        self.import_files_action.triggered.connect(self._on_import_files_action_triggered)
        self.import_folder_action.triggered.connect(self._on_import_folder_action_triggered)
        window.file_menu.insertAction(window.close_action, self.import_files_action)
        window.file_menu.insertAction(window.close_action, self.import_folder_action)
        window.file_menu.insertAction(window.close_action, self.locate_missing_action)
        window.file_menu.insertSeparator(window.close_action)
        window.library.files_dropped.connect(self.start_import)
        #: Photos whose missing preview was asked of the server since the project opened.
        self._asked_server: set[str] = set()
        window.photo_view.image_failed.connect(self._on_image_failed)
        for view in (window.photo_view, window.full_preview.view):
            view.preview_made.connect(self._on_preview_made)
        self.follow_project()
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Set every visible text in the interface language."""
        self.import_files_action.setText(_("&Import Photos…"))
        self.import_folder_action.setText(_("Import &Folder…"))
        self.locate_missing_action.setText(_("Locate &Missing Originals…"))

    def start_import(self, paths: list[Path]) -> bool:
        """Import ``paths`` into the open project in the background."""
        service = self._projects.service
        if service is None or self.running or not paths:
            return False
        if service.read_only:
            self._dialogs.warning(
                self._window,
                _("Cannot import"),
                _("%(file)s is open read-only.") % {"file": service.path.name},
            )
            return False
        if not service.may_arrange:
            self._dialogs.warning(
                self._window,
                _("Cannot import"),
                _("Your login may not import photos into this project: ask a curator."),
            )
            return False
        if not self.start_job(
            service,
            _("Cannot import"),
            lambda worker, on_progress, cancel: import_paths(
                worker, paths, ImportOptions(), on_progress, cancel
            ),
            on_progress=self._on_job_progress,
            on_result=self._on_job_finished,
            on_error=self._on_job_failed,
        ):
            return False
        self.show_progress(_("Importing photos"), _("Looking for photos…"), show_after_ms=400)
        return True

    def locate_missing(self, folders: list[Path], *, backup: bool = True) -> bool:
        """Look in ``folders`` for moved originals, in the background.

        Paths are rewritten after a snapshot of the project (taken on the worker); if it
        cannot be written the person chooses whether to go on without (``backup=False``).
        """
        service = self._projects.service
        if service is None or service.read_only or self.running or not folders:
            return False
        started = self.start_job(
            service,
            _("Cannot look for originals"),
            lambda worker, on_progress, cancel: relink(
                worker, folders, on_progress, cancel, backup=backup
            ),
            on_result=self._on_relink_finished,
            on_error=lambda error: self._on_relink_failed(folders, error),
        )
        if started:
            self._window.statusBar().showMessage(_("Looking for missing originals…"))
        return started

    def _on_relink_finished(self, report: RelinkReport) -> None:
        self._update_actions()
        service = self._projects.service
        if service is not None:
            follow_photos(self._window, service, report.changes.photos)
        message = _("%(found)d found again, %(missing)d still missing") % {
            "found": len(report.relinked),
            "missing": len(report.still_missing),
        }
        self.last_relink = report
        self._window.statusBar().showMessage(message, 15000)

    def _on_locate_missing_action_triggered(self) -> None:
        dialog = file_dialog(self._window, _("Where are the missing originals?"), _("Search"))
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        if self._dialogs.run(dialog):
            self.locate_missing([Path(name) for name in dialog.selectedFiles()])

    def cancel_and_wait(self) -> None:
        """Stop a running import or preview pass (the project is about to close)."""
        if self._preview_job is not None and self._preview_job.running:
            self._preview_job.cancel()
            if not self.running:  # else the wait for the import covers it
                self._tasks.wait(30000)
        self._preview_job = None
        super().cancel_and_wait()

    def _on_job_progress(self, progress: Progress) -> None:
        self.show_step(
            progress,
            _("Imported %(done)d of %(total)d files…")
            % {"done": progress.done, "total": progress.total},
        )
        if progress.items:
            self._projects.append_photos(list(progress.items))

    def _on_job_finished(self, report: ImportReport) -> None:
        self.close_progress()
        self.last_report = report
        self._projects.refresh()
        self._window.statusBar().showMessage(report.summary(), 15000)
        notes = report.notes()
        if report.refused or notes:
            # A name that is not UTF-8 is shown with its odd bytes as \xNN (Qt would drop them).
            lines = [
                f"{escaped_name(path.name)}: {problem.message}" for path, problem in report.refused
            ]
            lines += notes  # names shown the glossary lacks, kept in the originals
            if len(lines) > _MAX_LISTED_PROBLEMS:
                hidden = len(lines) - _MAX_LISTED_PROBLEMS
                lines = [
                    *lines[:_MAX_LISTED_PROBLEMS],
                    _("… and %(count)d more") % {"count": hidden},
                ]
            self._dialogs.warning(
                self._window,
                _("Some files were not imported")
                if report.refused
                else _("Some names shown are not in the glossary"),
                report.summary() + "\n\n" + "\n".join(lines),
            )

        self._start_previews()

    def _on_project_opened(self, service: ProjectService) -> None:
        super()._on_project_opened(service)
        self._asked_server.clear()
        if service.store.is_server:  # take the previews this workstation lacks from the server
            self._start_previews()

    def _on_preview_made(self, sha256: str) -> None:
        """A preview the window just made to show a photo goes to the server now (off the GUI).

        On a server project only; the next preview pass would be late for the others.
        """
        service = self._projects.service
        if service is None or not service.store.is_server or service.read_only:
            return
        self._tasks.submit(
            share_preview,
            service,
            sha256,
            on_result=lambda _went: None,
            on_error=lambda _error: None,  # not shared now: the next preview pass hands it over
        )

    def _on_image_failed(self, photo_id: str) -> None:
        """A photo without a preview here nor its original: the server may have one since."""
        service = self._projects.service
        if service is None or not service.store.is_server or photo_id in self._asked_server:
            return
        if self._preview_job is None:  # else the running pass shows the photo again when done
            self._asked_server.add(photo_id)  # once: a preview nobody made is not asked again
            self._start_previews()

    def _start_previews(self) -> None:
        """Make the missing screen previews in the background, after the thumbnails.

        On a server project this also takes the server's previews into this workstation's
        cache (a viewer's too) and hands the server those made here.
        """
        service = self._projects.service
        if (
            service is None
            or (service.read_only and not service.store.is_server)
            or self._preview_job is not None
        ):
            return

        def finished(_result: object) -> None:
            self._preview_job = None
            self._window.background_label.clear()
            view = self._window.photo_view
            if view.photo is not None and not view.image_shown:  # it waited for its preview
                view.show_photo(view.photo)

        try:
            self._preview_job = self.run_on_worker(
                service,
                build_previews,
                finished,
                lambda _error: finished(None),
                self._on_preview_progress,
            )
        except CuratorError:
            return

    def _on_preview_progress(self, progress: Progress) -> None:
        self._window.background_label.setText(
            _("Making previews: %(done)d of %(total)d")
            % {"done": progress.done, "total": progress.total}
        )

    def _on_relink_failed(self, folders: list[Path], error: Exception) -> None:
        if isinstance(error, BackupError) and self._backups is not None:
            self.close_progress()
            self._window.statusBar().clearMessage()
            if self._backups.go_on_without_backup(error):
                self.locate_missing(folders, backup=False)
            return
        self._on_job_failed(error)

    def _on_job_failed(self, error: Exception) -> None:
        self.close_progress()
        self._projects.refresh()
        message = explained(error)
        self._dialogs.error(self._window, _("Import failed"), message)

    def _update_actions(self) -> None:
        service = self._projects.service
        enabled = service is not None and service.may_arrange and not self.running
        self.import_files_action.setEnabled(enabled)
        self.import_folder_action.setEnabled(enabled)
        self.locate_missing_action.setEnabled(enabled)

    def _on_import_files_action_triggered(self) -> None:
        dialog = file_dialog(self._window, _("Import photos"), _("Import"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.setNameFilters(
            [
                _("Images (*.jpg *.jpeg *.tif *.tiff *.png *.JPG *.JPEG *.TIF *.TIFF *.PNG)"),
                _("All files (*)"),
            ]
        )
        if self._dialogs.run(dialog):
            self.start_import([Path(name) for name in dialog.selectedFiles()])

    def _on_import_folder_action_triggered(self) -> None:
        dialog = file_dialog(self._window, _("Import a folder of photos"), _("Import"))
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        if self._dialogs.run(dialog):
            self.start_import([Path(name) for name in dialog.selectedFiles()])

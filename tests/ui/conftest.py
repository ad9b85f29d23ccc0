"""Window fixtures: the real wired window, the hidden window controller tests build on,
private settings, dialogs that record."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from curator.ui.app import CuratorWindow, build_window
from curator.ui.controllers.project_controller import ProjectController
from curator.ui.main_window import MainWindow
from curator.ui.settings import Preferences
from curator.ui.tasks import TaskRunner
from curator.ui.views.dialogs import Dialogs


class RecordingDialogs(Dialogs):
    """Answers like a person would, and remembers what it was shown."""

    def __init__(self) -> None:
        self.errors: list[tuple[str, str]] = []
        self.warnings: list[tuple[str, str]] = []
        self.questions: list[str] = []
        self.confirm_answer = False
        self.chosen_path: Path | None = None
        self.dialog_hook = None

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        self.errors.append((title, text))

    def warning(self, parent: QWidget | None, title: str, text: str) -> None:
        self.warnings.append((title, text))

    def confirm(self, parent, title: str, text: str, accept_text: str) -> bool:
        self.questions.append(text)
        return self.confirm_answer

    def choose_project(self, parent, *, save: bool) -> Path | None:
        return self.chosen_path

    def run(self, dialog: QDialog) -> bool:
        assert self.dialog_hook is not None, "a dialog opened that the test did not expect"
        self.dialog_hook(dialog)
        return dialog.result() == QDialog.DialogCode.Accepted


@pytest.fixture
def dialogs() -> RecordingDialogs:
    return RecordingDialogs()


@pytest.fixture
def curator_window(qtbot, tmp_path: Path, dialogs: RecordingDialogs) -> Iterator[CuratorWindow]:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    bundle = build_window(app, Preferences(settings), dialogs)
    qtbot.addWidget(bundle.window)
    bundle.window.show()
    yield bundle
    bundle.controller.close_project()
    bundle.tasks.wait(5000)
    bundle.switcher.apply("en")


@dataclass
class HiddenWindow:
    """A main window never shown, with what every controller is built on.

    As the window builds them: the project controller (private settings, recording dialogs),
    the task runner, and the window's one undo stack. A controller test adds its controller.
    """

    window: MainWindow
    projects: ProjectController
    tasks: TaskRunner
    undo: QUndoStack
    dialogs: RecordingDialogs


@pytest.fixture
def hidden_window(qtbot, tmp_path: Path, dialogs: RecordingDialogs) -> Iterator[HiddenWindow]:
    """The hidden window; the project is closed and the workers waited for afterwards."""
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    tasks = TaskRunner(QApplication.instance())
    window = MainWindow(tasks)
    qtbot.addWidget(window)
    projects = ProjectController(window, Preferences(settings), dialogs, tasks)
    yield HiddenWindow(window, projects, tasks, QUndoStack(window), dialogs)
    projects.close_project()
    tasks.wait(5000)

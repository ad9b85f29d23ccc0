"""Long jobs in the window: a progress dialog with Cancel, and a cancel that says so."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QPushButton

from curator.core.progress import Progress, stop_if_cancelled
from curator.ui.busy import BusyRunner

pytestmark = pytest.mark.gui


def test_cancel_stops_the_job_and_says_so(curator_window, project_path, dialogs, qtbot) -> None:
    curator_window.controller.open_project(project_path)
    window = curator_window.window
    busy = BusyRunner(window, curator_window.tasks, dialogs)
    results: list[object] = []

    def job(reader, on_progress, cancel: threading.Event) -> str:
        for step in range(200):
            on_progress(Progress(step, 200, "Working…"))
            if cancel.wait(0.05):
                break
        stop_if_cancelled(cancel)
        return "finished"

    handle = busy.run(
        curator_window.controller.service, "A long job", job, results.append, "It failed"
    )
    assert handle is not None
    qtbot.waitUntil(lambda: busy.dialog is not None and busy.dialog.isVisible(), timeout=5000)
    assert busy.dialog.labelText() == "Working…"
    [button] = busy.dialog.findChildren(QPushButton)
    assert button.text() == "Cancel"
    button.click()
    qtbot.waitUntil(lambda: not handle.running, timeout=5000)
    assert results == [] and dialogs.errors == []
    assert window.statusBar().currentMessage() == "Stopped; nothing was changed."
    assert busy.dialog is None


def test_a_quick_job_shows_no_dialog_and_delivers(
    curator_window, project_path, dialogs, qtbot
) -> None:
    curator_window.controller.open_project(project_path)
    busy = BusyRunner(curator_window.window, curator_window.tasks, dialogs)
    results: list[object] = []
    busy.run(
        curator_window.controller.service,
        "Quick",
        lambda reader, _p, _c: reader.project.get().title,
        results.append,
        "It failed",
    )
    qtbot.waitUntil(lambda: bool(results), timeout=5000)
    assert results == ["Việt Nam – Nga"]

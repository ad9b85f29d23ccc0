"""The window's export, translator, glossary and deliver dialogs refuse a file Curator knows.

They call the same core check as the command line (``ProtectedFiles``); the person sees why
in a message, and the file is left byte-identical.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from curator.core.storage.backups import backup_folder, take_snapshot
from curator.core.storage.locking import lock_path_for
from curator.demo import write_demo
from curator.ui.views.exchange_dialogs import ExportChoice

pytestmark = pytest.mark.gui

REFUSED = "Curator never writes over it"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def opened(curator_window, tmp_path: Path):
    path, _created = write_demo(tmp_path / "demo")
    assert curator_window.controller.open_project(path)
    return curator_window, path


def test_export_dialog_refuses_the_project_and_an_original(opened, qtbot, dialogs, tmp_path):
    window, project = opened
    window.window.export_proof_action.trigger()
    exporter = window.exporter
    qtbot.waitUntil(lambda: not exporter.job.running, timeout=60000)
    original = next((project.parent / "photos").iterdir())
    link = tmp_path / "link.pdf"
    link.symlink_to(original)
    for target in (project, link, lock_path_for(project)):
        before = _digest(target)
        assert not exporter.export_to(target)
        assert REFUSED in dialogs.errors[-1][1]
        assert _digest(target) == before


def test_translator_and_glossary_exports_refuse_the_project(opened, dialogs, tmp_path):
    window, project = opened
    before = _digest(project)
    choice = ExportChoice("ru", "vi", "po", None, False, ",")
    assert not window.exchange.export_file(choice, project)
    assert REFUSED in dialogs.errors[-1][1]
    assert not window.exchange.export_file(choice, project, package=True)
    assert REFUSED in dialogs.errors[-1][1]
    link = tmp_path / "glossary.csv"
    link.symlink_to(project)
    assert not window.glossary.export_file(link)
    assert REFUSED in dialogs.errors[-1][1]
    assert _digest(project) == before and link.is_symlink()


def test_deliver_dialog_refuses_the_backups_folder_and_offers_replace(opened, dialogs):
    window, project = opened
    take_snapshot(window.controller.service.store, "manual")
    dialog = window.delivery.make_dialog()
    dialog.folder_edit.setText(str(backup_folder(project)))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert REFUSED in dialog.error_label.text() and dialog.request is None
    dialog.folder_edit.setText(str(project.parent / "out"))
    assert not dialog.replace_check.isChecked()
    dialog.replace_check.setChecked(True)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.request is not None and dialog.request.replace

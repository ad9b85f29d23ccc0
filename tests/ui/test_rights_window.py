"""File ▸ Agency Rights: a template typed, refused inline, saved and undone; photos' origin.

The demo exhibition opens in the real window; the dialog is driven with QTest key and mouse
input. Saving writes the template through the operations layer; the dialog's Undo and the
window's undo stack take it back; the selected photo's digital source type is set from the
dialog and shows in the metadata panel.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox

from curator.core.services import ProjectService
from curator.demo import write_demo
from curator.ingest.importer import import_paths
from curator.ui.controllers.deliver_controller import DeliveryReportDialog
from curator.ui.views.deliver_dialog import DeliverDialog
from curator.ui.views.rights_dialog import RightsDialog
from tests.deliver.c2pa_helpers import make_pki, sign_photo
from tests.ui.test_spelling_window import type_text

pytestmark = pytest.mark.gui


def _type(widget, text: str) -> None:
    """Replace the field's text by typing ``text`` (key events carry any letter)."""
    widget.selectAll()
    type_text(widget, text)


def _click(button) -> None:
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def test_agency_rights_are_typed_refused_saved_and_undone(
    curator_window, dialogs, qtbot, tmp_path: Path
) -> None:
    bundle = curator_window
    rights = bundle.rights
    assert rights is not None and not rights.action.isEnabled()
    path, _created = write_demo(tmp_path / "demo")
    bundle.controller.open_project(path)
    assert rights.action.isEnabled() and rights.action in bundle.window.file_menu.actions()
    service = bundle.controller.service
    assert service is not None
    ttxvn = next(p.id for p in service.queries.all_photos() if p.credit == "TTXVN")
    assert bundle.window.library.select_photo(ttxvn)
    seen: list[str] = []

    def use(dialog: RightsDialog) -> None:
        dialog.show()
        assert dialog.agencies.count() == 0
        _click(dialog.new_button)
        _type(dialog.agency, "TTXVN")
        _type(dialog.fields["copyright"], "© Thông tấn xã Việt Nam")
        _type(dialog.usage_terms["ru"], "Только для выставки")
        _type(dialog.fields["licensor_url"], "vnanet.vn")  # not a web address
        _click(dialog.save_button)
        assert "must start with http:// or https://" in dialog.status.text()
        assert service.queries.rights_templates() == {}
        _type(dialog.fields["licensor_url"], "https://vnanet.vn")
        dialog.data_mining.setCurrentIndex(dialog.data_mining.findData("DMI-PROHIBITED"))
        _click(dialog.save_button)
        saved = service.queries.rights_templates()["ttxvn"]
        assert saved.usage_terms == {"ru": "Только для выставки"}
        assert saved.data_mining == "DMI-PROHIBITED"
        assert [dialog.agencies.item(i).text() for i in range(dialog.agencies.count())] == ["TTXVN"]
        _click(dialog.undo_button)
        assert service.queries.rights_templates() == {}
        assert dialog.agencies.count() == 0
        rights.undo_stack.redo()
        assert "ttxvn" in service.queries.rights_templates()
        # The selected photo: a composite made with generative AI.
        assert dialog.photos_box.isEnabled()
        dialog.source_type.setCurrentIndex(
            dialog.source_type.findData("compositeWithTrainedAlgorithmicMedia")
        )
        _click(dialog.set_source_type_button)
        assert service.queries.provenance(ttxvn).source_type == (
            "compositeWithTrainedAlgorithmicMedia"
        )
        seen.append(dialog.status.text())
        dialog.reject()

    dialogs.dialog_hook = use
    rights.action.trigger()
    assert seen == ["Changed 1 of the 1 selected photos."]
    rows = dict(bundle.window.metadata.rows())
    assert rows["Digital source type"] == "Composite including generative AI"
    assert rows["Rights template"] == "TTXVN"
    rights.undo_stack.undo()
    assert service.queries.provenance(ttxvn).source_type == ""
    assert dict(bundle.window.metadata.rows())["Digital source type"] == ""


def test_the_deliver_dialog_offers_a_sidecar_for_a_signed_photo(
    curator_window, dialogs, qtbot, tmp_path: Path
) -> None:
    demo, _created = write_demo(tmp_path / "demo")
    pki = make_pki(tmp_path / "pki")
    (tmp_path / "in").mkdir()
    original = sorted((demo.parent / "photos").iterdir())[0]
    signed = sign_photo(original, tmp_path / "in" / "signed.jpg", pki)
    project = tmp_path / "signed.curator"
    with ProjectService.create(project, title="t", languages=["vi", "en"]) as service:
        assert import_paths(service, [signed]).credentials
    assert curator_window.controller.open_project(project)
    controller = curator_window.delivery
    assert controller is not None
    out = tmp_path / "out"
    shown: list[object] = []

    def hook(dialog) -> None:
        shown.append(dialog)
        if isinstance(dialog, DeliverDialog):
            dialog.show()
            assert dialog.credentials_label.isVisible()
            assert dialog.credentials_label.text().startswith(
                "1 photo carries Content Credentials (C2PA). Without a signing certificate"
            )
            assert dialog.sidecar_check.isVisible()
            dialog.folder_edit.setText(str(out))
            _click(dialog.sidecar_check)
            _click(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))

    dialogs.dialog_hook = hook
    controller.deliver_action.trigger()
    qtbot.waitUntil(lambda: controller.last_report is not None, timeout=60000)
    (delivered,) = controller.last_report.files
    assert delivered.c2pa == "sidecar" and delivered.sidecar is not None
    assert delivered.path.read_bytes() == signed.read_bytes()
    assert isinstance(shown[-1], DeliveryReportDialog)
    assert "1 of 1 photos delivered" in shown[-1].summary_label.text()

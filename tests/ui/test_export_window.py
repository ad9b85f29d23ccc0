"""Export Catalogue in the window: the real PDF previewed, exported, cancelled."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument

from curator.demo import write_demo

pytestmark = pytest.mark.gui


@pytest.fixture
def opened(curator_window, tmp_path: Path):
    path, _created = write_demo(tmp_path / "demo")
    assert curator_window.controller.open_project(path)
    return curator_window


def test_menu_action_opens_a_dialog_previewing_the_real_pdf(opened, qtbot) -> None:
    window = opened.window
    assert window.export_catalogue_action.isEnabled()
    window.export_catalogue_action.trigger()
    dialog = opened.exporter.dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.document.status() == QPdfDocument.Status.Ready, timeout=60000)
    assert dialog.document.pageCount() >= 12
    assert "warnings" in dialog.findings_label.text()
    texts = [dialog.findings.item(i).text() for i in range(dialog.findings.count())]
    assert sum("has no" in t for t in texts) == 2  # the demo's two empty captions
    image = dialog.document.render(0, dialog.document.pagePointSize(0).toSize())
    assert not image.isNull()


def test_export_writes_the_chosen_file_in_the_chosen_order(
    opened, qtbot, tmp_path: Path, dialogs
) -> None:
    opened.window.export_catalogue_action.trigger()
    exporter, dialog = opened.exporter, opened.exporter.dialog
    qtbot.waitUntil(lambda: not exporter.job.running, timeout=60000)
    russian = dialog.languages.item(1)
    dialog.languages.takeItem(1)
    dialog.languages.insertItem(0, russian)  # Russian leads
    dialog.languages.item(1).setCheckState(Qt.CheckState.Unchecked)  # no Vietnamese
    assert dialog.options().languages == ("ru", "en")
    target = tmp_path / "out" / "catalogue.pdf"
    target.parent.mkdir()
    assert exporter.export_to(target)
    qtbot.waitUntil(lambda: not exporter.job.running, timeout=60000)
    assert target.is_file() and (target.parent / "catalogue.report.txt").is_file()
    assert exporter.last_result is not None and exporter.last_result.path == target
    assert not dialogs.errors


def test_cancel_stops_the_export_and_writes_nothing(opened, qtbot, tmp_path: Path) -> None:
    opened.window.export_catalogue_action.trigger()
    exporter, dialog = opened.exporter, opened.exporter.dialog
    qtbot.waitUntil(lambda: not exporter.job.running, timeout=60000)
    target = tmp_path / "cancelled.pdf"
    assert exporter.export_to(target)
    assert dialog.cancel_button.isEnabled()
    dialog.cancel_button.click()
    qtbot.waitUntil(lambda: not exporter.job.running, timeout=60000)
    assert not target.exists()
    assert "Cancelled" in dialog.status.text()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".cancelled")]


CMYK = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")
RGB = Path("/usr/share/color/icc/ghostscript/default_rgb.icc")


@pytest.fixture
def laid_out(curator_window, tmp_path: Path):
    from curator.core.editing.layout_service import auto_layout
    from curator.core.services import ProjectService
    from curator.export.text_measure import ReportlabMeasure

    path, _created = write_demo(tmp_path / "laid")
    with ProjectService.open(path) as service:
        auto_layout(service, measure=ReportlabMeasure(), backup=False)
    assert curator_window.controller.open_project(path)
    return curator_window


def _ready(qtbot, exporter) -> None:
    qtbot.waitUntil(lambda: not exporter.job.running, timeout=60000)
    qtbot.waitUntil(
        lambda: exporter.dialog.document.status() == QPdfDocument.Status.Ready, timeout=60000
    )


def test_panel_proofs_preview_and_export_scaled_onto_a3(laid_out, qtbot, tmp_path, dialogs):
    window, exporter = laid_out.window, laid_out.exporter
    assert window.export_panels_action.isEnabled()
    window.export_panels_action.trigger()
    dialog = exporter.dialog
    assert dialog.product == "panels" and dialog.windowTitle() == "Export Panel Proofs"
    _ready(qtbot, exporter)
    assert dialog.document.pageCount() == 3
    width = dialog.document.pagePointSize(0).width()
    assert width == pytest.approx(1000 / 25.4 * 72, abs=1)  # real size
    dialog.paper.setCurrentIndex(dialog.paper.findText("A3"))
    target = tmp_path / "panels-a3.pdf"
    assert exporter.export_to(target)
    _ready(qtbot, exporter)
    assert exporter.last_result.scales == [4] and target.is_file()
    assert not dialogs.errors


def test_wall_labels_with_an_output_profile_are_pdfx(laid_out, qtbot, tmp_path, dialogs):
    import subprocess

    laid_out.window.export_labels_action.trigger()
    exporter = laid_out.exporter
    dialog = exporter.dialog
    assert dialog.product == "labels"
    _ready(qtbot, exporter)
    assert dialog.document.pageCount() == 5
    assert "warnings" in dialog.findings_label.text()
    if CMYK.is_file():
        assert exporter.set_profile(CMYK)
        assert "PDF/X-4" in dialog.profile_name.text()
    target = tmp_path / "labels.pdf"
    assert exporter.export_to(target)
    _ready(qtbot, exporter)
    assert exporter.last_result.labels == 9
    if CMYK.is_file():
        info = subprocess.run(["pdfinfo", str(target)], capture_output=True, text=True).stdout
        assert "PDF/X-4" in info
    assert not dialogs.errors


def test_an_rgb_profile_is_refused_with_a_message(laid_out, qtbot, dialogs) -> None:
    laid_out.window.export_proof_action.trigger()
    exporter = laid_out.exporter
    _ready(qtbot, exporter)
    dialog = exporter.dialog
    assert dialog.product == "proof" and dialog.document.pageCount() >= 3
    assert "notes" in dialog.findings_label.text()
    assert not exporter.set_profile(RGB)
    assert dialogs.errors and "not a CMYK output profile" in dialogs.errors[-1][1]
    assert dialog.profile_path is None


def test_the_dialog_says_what_will_be_printed_before_anything_runs(
    opened, qtbot, tmp_path: Path
) -> None:
    from curator.core.editing.shortlist import set_marks
    from curator.core.model import PhotoFlag

    service = opened.controller.service
    photos = {photo.path.name: photo.id for photo in service.photos.all()}
    set_marks(service, [photos["07-red-river.jpg"]], flag=PhotoFlag.REJECT)
    set_marks(service, [photos["01-talks.jpg"]], flag=PhotoFlag.PICK)
    with service.store.transaction():
        service.exhibition.unassign([photos["09-moscow-snow.jpg"]])
    opened.window.export_labels_action.trigger()
    exporter, dialog = opened.exporter, opened.exporter.dialog
    assert dialog.scope.text() == (
        "9 photos: 8 in sections, 1 rejected, 1 in no section — 7 will be printed."
    )
    qtbot.waitUntil(lambda: not exporter.job.running, timeout=60000)
    dialog.picks_only.setChecked(True)
    assert dialog.scope.text().endswith("— 1 will be printed.")
    assert dialog.options().picks_only
    target = tmp_path / "labels.pdf"
    assert exporter.export_to(target)
    qtbot.waitUntil(lambda: not exporter.job.running, timeout=60000)
    assert exporter.last_result.labels == 1


def test_the_dialog_says_what_the_catalogue_prints_of_its_own(opened, qtbot, dialogs) -> None:
    from curator.core.publishing.catalogue_texts import TextKey
    from curator.ui.views.catalogue_texts_dialog import CatalogueTextsDialog

    opened.window.export_catalogue_action.trigger()
    exporter, dialog = opened.exporter, opened.exporter.dialog
    qtbot.waitUntil(lambda: not exporter.job.running, timeout=60000)
    assert dialog.texts_summary.text() == (
        "Title in Vietnamese, Russian, English. Foreword in Vietnamese, Russian, English. "
        "2 logos, a signature."
    )
    count = dialog.document.pageCount()

    def clear_russian_title(texts: CatalogueTextsDialog) -> None:
        assert opened.catalogue_texts.set_text(TextKey.TITLE.value, "ru", "")
        texts.reject()

    dialogs.dialog_hook = clear_russian_title
    dialog.texts_button.click()
    assert dialog.texts_summary.text().startswith(
        "Title in Vietnamese, English. No title in Russian: none is printed there."
    )
    qtbot.waitUntil(lambda: not exporter.job.running, timeout=60000)  # previewed again
    assert dialog.document.pageCount() == count
    assert any("no title in Russian" in dialog.findings.item(i).text()
               for i in range(dialog.findings.count()))  # fmt: skip


def test_cover_sheet_from_the_menu_with_a_chosen_photo(
    opened, qtbot, tmp_path: Path, dialogs
) -> None:
    opened.window.export_cover_action.trigger()
    exporter, dialog = opened.exporter, opened.exporter.dialog
    qtbot.waitUntil(lambda: not exporter.job.running, timeout=60000)
    assert dialog.product == "cover" and dialog.document.pageCount() == 1
    size = dialog.document.pagePointSize(0)
    assert size.width() > 1.3 * size.height()  # back, spine and front side by side (A4 pages)
    # the default, then every photo in a section to choose from
    assert dialog.cover_photo.currentData() is None and dialog.cover_photo.count() > 5
    dialog.cover_photo.setCurrentIndex(3)
    chosen = dialog.cover_photo.currentData()
    target = tmp_path / "cover.pdf"
    assert exporter.export_to(target)
    qtbot.waitUntil(lambda: not exporter.job.running, timeout=60000)
    assert target.is_file() and not dialogs.errors
    result = exporter.last_result
    assert result.photo_id == chosen and result.spine_mm == pytest.approx(result.book_pages / 20)


def test_the_cover_photo_chosen_in_the_dialog_is_kept_in_the_project(opened, qtbot) -> None:
    from curator.core.publishing.cover_service import stored_cover_photo

    opened.window.export_cover_action.trigger()
    exporter, dialog = opened.exporter, opened.exporter.dialog
    qtbot.waitUntil(lambda: not exporter.job.running, timeout=60000)
    dialog.cover_photo.setCurrentIndex(4)
    chosen = dialog.cover_photo.currentData()
    dialog.cover_photo.activated.emit(4)  # as a person choosing it does
    service = opened.controller.service
    assert stored_cover_photo(service) == chosen
    qtbot.waitUntil(lambda: not exporter.job.running, timeout=60000)  # previewed again
    texts = [dialog.findings.item(i).text() for i in range(dialog.findings.count())]
    name = service.photos.get(chosen).path.name
    assert any(f"{name} prints at" in text for text in texts), texts  # the cover's preflight
    exporter._close_dialog()
    opened.window.export_cover_action.trigger()  # opened again: the kept photo is chosen
    dialog = exporter.dialog
    assert dialog.cover_photo.currentData() == chosen
    qtbot.waitUntil(lambda: not exporter.job.running, timeout=60000)
    dialog.cover_photo.setCurrentIndex(0)
    dialog.cover_photo.activated.emit(0)  # back to the first photo of the first section
    assert stored_cover_photo(service) is None
    qtbot.waitUntil(lambda: not exporter.job.running, timeout=60000)
    # the Preflight panel checks the cover too
    preflight = opened.window.preflight
    preflight.product.setCurrentIndex(preflight.product.findData("cover"))
    preflight.list.clear()
    preflight.check_button.click()
    qtbot.waitUntil(lambda: preflight.list.count() > 0, timeout=60000)
    shown = [preflight.list.item(r).text() for r in range(preflight.list.count())]
    assert any("across the cover's front" in text for text in shown), shown

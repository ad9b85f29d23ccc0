import json
from pathlib import Path

from curator import cli
from curator.core.checks.preflight import Severity, check
from curator.core.editing.layout_service import auto_layout
from curator.core.layout.style import Product
from curator.core.model import CaptionField
from curator.core.services import ProjectService
from curator.demo import write_demo
from curator.export.text_measure import ReportlabMeasure


def _demo(tmp_path: Path) -> Path:
    path, _created = write_demo(tmp_path / "demo")
    return path


def test_a_laid_out_demo_has_only_warnings(tmp_path: Path, capsys) -> None:
    path = _demo(tmp_path)
    assert cli.main(["layout", "auto", str(path)]) == 0
    capsys.readouterr()
    assert cli.main(["check", str(path), "--json"]) == 0
    findings = json.loads(capsys.readouterr().out)
    assert findings and {f["severity"] for f in findings} == {"warning"}
    assert {f["code"] for f in findings} == {"caption-missing"}


def test_a_photo_capped_at_the_minimum_ppi_is_not_reported(tmp_path: Path) -> None:
    path = _demo(tmp_path)
    measure = ReportlabMeasure()
    with ProjectService.open(path) as service:
        auto_layout(service, panel_size=(594, 841), measure=measure)  # A1: the cap applies
        findings = check(service, Product.PANELS, measure)
    assert not [f for f in findings if f.code == "low-resolution"]


def test_overflow_missing_glyphs_low_resolution_and_missing_file(tmp_path: Path, capsys) -> None:
    path = _demo(tmp_path)
    measure = ReportlabMeasure()
    with ProjectService.open(path) as service:
        auto_layout(service, measure=measure)
        section = service.exhibition.sections()[0]
        first, second = service.exhibition.photo_ids(section.id)[:2]
        service.set_caption(first, "ru", CaptionField.CAPTION, "Очень длинная подпись. " * 120)
        service.set_caption(second, "en", CaptionField.HEADLINE, "Talks 会谈")
        with service.store.transaction():
            service.project.set_setting(
                "preflight", {"panels": {"ppi_warning": 400, "ppi_error": 300}}
            )
        findings = check(service, Product.PANELS, measure)
        photo = service.photos.get(first)
    codes = {(f.code, f.severity, f.language) for f in findings}
    assert ("caption-overflow", Severity.ERROR, "ru") in codes
    assert ("missing-glyphs", Severity.ERROR, "en") in codes
    assert any(f.code == "low-resolution" and f.severity is Severity.ERROR for f in findings)
    overflow = next(f for f in findings if f.code == "caption-overflow")
    assert overflow.section_id == section.id and overflow.panel_id and overflow.slot_id
    assert overflow.photo_id == first
    assert findings[0].severity is Severity.ERROR  # errors first
    photo.path.rename(photo.path.with_suffix(".moved"))
    assert cli.main(["check", str(path)]) == 2
    out = capsys.readouterr().out
    assert "is not at" in out and "errors" in out
    assert cli.main(["check", str(path), "--product", "catalogue", "--json"]) == 2
    catalogue = json.loads(capsys.readouterr().out)
    # The catalogue's own pages: the long Russian caption overflows there too, on a page.
    overflowing = [f for f in catalogue if f["code"] == "caption-overflow"]
    assert overflowing and all(f["language"] == "ru" and f["page"] > 1 for f in overflowing)
    assert "missing-glyphs" in {f["code"] for f in catalogue}


def test_a_photo_moved_to_another_section_keeps_a_slot_that_is_flagged(
    tmp_path: Path, capsys
) -> None:
    path = _demo(tmp_path)
    measure = ReportlabMeasure()
    with ProjectService.open(path) as service:
        auto_layout(service, measure=measure)
        first, second = service.exhibition.sections()[:2]
        moved = service.exhibition.photo_ids(first.id)[0]
        service.exhibition.assign(second.id, [moved])  # moved in the tree, not laid out again
        (slot,) = service.exhibition.slots_of_photo(moved)
        file_name = service.photos.get(moved).path.name
    capsys.readouterr()
    assert cli.main(["check", str(path), "--json"]) == 0  # a warning, not an error
    findings = [f for f in json.loads(capsys.readouterr().out) if f["code"] == "slot-wrong-section"]
    assert findings == [
        {
            "severity": "warning",
            "code": "slot-wrong-section",
            "message": f"{file_name} is on a panel of “{first.title['vi']}” but now belongs to "
            f"“{second.title['vi']}”: lay out the sections again, or drag it onto a panel "
            "of its section.",
            "section_id": first.id,
            "panel_id": slot.panel_id,
            "slot_id": slot.id,
            "photo_id": moved,
        }
    ]


def test_a_section_title_too_long_for_its_line_is_an_error(tmp_path: Path) -> None:
    path = _demo(tmp_path)
    measure = ReportlabMeasure()
    with ProjectService.open(path) as service:
        auto_layout(service, measure=measure)
        section = service.exhibition.sections()[0]
        with service.store.transaction():
            service.exhibition.set_section_texts(section.id, "title", {"ru": "Очень " * 60})
        findings = check(service, Product.PANELS, measure)
    (finding,) = [f for f in findings if f.code == "title-overflow"]
    assert finding.severity is Severity.ERROR and finding.language == "ru"
    assert finding.section_id == section.id and finding.panel_id

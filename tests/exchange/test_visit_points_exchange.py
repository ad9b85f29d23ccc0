"""The visit's talking points travel to translators with the captions (issue 26), as their own
``visit:STOP_ID`` units: every format, gettext's and translate-toolkit's tools, the conflicts."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

from curator.core.model import CaptionField
from curator.core.services import ProjectService
from curator.core.translators.caption_exchange import ExportScope, build_export, record_export
from curator.core.translators.exchange_apply import apply_plan
from curator.core.translators.exchange_plan import PlanAction, plan_import
from curator.exchange.captions import SUFFIXES, read_caption_file, write_caption_file

SCHEMAS = Path(__file__).resolve().parents[3] / "shared" / "data" / "schemas"
X12 = "{urn:oasis:names:tc:xliff:document:1.2}"
X20 = "{urn:oasis:names:tc:xliff:document:2.0}"
FORMATS = ("po", "xliff12", "xliff20", "csv", "xlsx")
POINTS = ("Chào mừng đoàn đến với triển lãm.", "Bức ảnh này chụp năm 1955.\nHai dòng.")
PREFIX = "visit:"


@pytest.fixture
def visited(captioned) -> Iterator[tuple[ProjectService, list[str]]]:
    """The caption project with a route of two stops with Vietnamese talking points."""
    service, _ids = captioned
    section = service.add_section({"vi": "Một", "ru": "Один", "en": "One"})
    with service.store.transaction():
        panels = [service.exhibition.add_panel(section.id, 1000.0, 1500.0).id for _ in range(2)]
    visit = service.operations.visit
    visit.add_route("State visit")
    for number, (panel, text) in enumerate(zip(panels, POINTS, strict=True), 1):
        visit.add_stop("State visit", panel_id=panel)
        visit.set_points("State visit", number, "vi", text)
    yield service, [stop.stop_id for stop in visit.route("State visit").stops]


def _export(service: ProjectService, folder: Path, fmt: str, name: str = "ru") -> Path:
    document = build_export(service, ExportScope("ru"), {})
    record_export(service, document, fmt)
    path = folder / f"{name}{SUFFIXES[fmt]}"
    write_caption_file(path, document, fmt)
    return path


def _ru(text: str) -> str:
    return "\n".join(f"[ru] {line}" for line in text.split("\n"))


def _translate(path: Path, fmt: str) -> None:
    """Fill every ``visit:`` unit's target as a translator's tool saves it."""
    if fmt == "po":
        import polib

        catalog = polib.pofile(str(path))
        for entry in catalog:
            if (entry.msgctxt or "").startswith(PREFIX):
                entry.msgstr, entry.flags = _ru(entry.msgid), []
        catalog.save(str(path))
    elif fmt in ("xliff12", "xliff20"):
        ns = X12 if fmt == "xliff12" else X20
        ET.register_namespace("", ns[1:-1])
        tree = ET.parse(path)
        for unit in tree.getroot().iter(f"{ns}trans-unit" if fmt == "xliff12" else f"{ns}unit"):
            if not (unit.get("id") if fmt == "xliff12" else unit.get("name")).startswith(PREFIX):
                continue
            holder = unit if fmt == "xliff12" else unit.find(f"{ns}segment")
            target = holder.find(f"{ns}target")
            if target is None:
                target = ET.SubElement(holder, f"{ns}target")
            target.text = _ru(holder.find(f"{ns}source").text)
            (target if fmt == "xliff12" else holder).set("state", "translated")
        tree.write(path, encoding="utf-8", xml_declaration=True)
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(path.read_text("utf-8-sig"), newline="")))
        for row in rows[1:]:
            if row[0].startswith(PREFIX):
                row[2] = _ru(row[1])
        out = io.StringIO(newline="")
        csv.writer(out, lineterminator="\r\n").writerows(rows)
        path.write_text("\ufeff" + out.getvalue(), "utf-8")
    else:
        from openpyxl import load_workbook

        book = load_workbook(path)
        for row in book.active.iter_rows(min_row=2):
            if str(row[0].value or "").startswith(PREFIX):
                row[2].value = _ru(row[1].value)
        book.save(path)


def _captions(service: ProjectService) -> list[dict[str, dict[str, str]]]:
    return [service.queries.texts(field) for field in (CaptionField.CAPTION, CaptionField.HEADLINE)]


def _points(service: ProjectService, language: str) -> list[str]:
    return [s.point(language) for s in service.operations.visit.route("State visit").stops]


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_carries_the_talking_points_apart_and_brings_them_back(
    visited, tmp_path: Path, fmt: str
) -> None:
    service, stops = visited
    captions_before = _captions(service)
    path = _export(service, tmp_path, fmt)
    keys = [entry.key for entry in read_caption_file(path).entries]
    assert keys[-2:] == [f"visit:{stop}" for stop in stops]  # last, after captions and catalogue
    assert all("|" in key for key in keys[:-2])  # the rest are captions
    _translate(path, fmt)
    plan = plan_import(service, read_caption_file(path), path)
    points = [e for e in plan.entries if e.stop_id is not None]
    assert [(e.stop_id, e.action, e.photo_id) for e in points] == [
        (stop, PlanAction.NEW, None) for stop in stops
    ]
    applied = apply_plan(service, plan, backup=False)
    assert applied.written == 2
    assert applied.changes.routes and not applied.changes.captions
    assert _points(service, "ru") == [_ru(text) for text in POINTS]
    assert _points(service, "vi") == list(POINTS)
    assert _captions(service) == captions_before  # no caption took a talking point
    assert applied.changes.undo is not None
    undone = service.operations.undo(applied.changes.undo)
    assert _points(service, "ru") == ["", ""]
    assert undone.routes and undone.undo is not None
    service.operations.undo(undone.undo)
    assert _points(service, "ru") == [_ru(text) for text in POINTS]


def test_a_section_file_carries_no_talking_points(visited) -> None:
    service, _stops = visited
    section = service.exhibition.sections()[0].id
    document = build_export(service, ExportScope("ru", section_id=section), {})
    assert document.visit == ()


def test_a_stop_removed_since_is_refused_and_the_others_written(visited, tmp_path: Path) -> None:
    service, stops = visited
    path = _export(service, tmp_path, "po")
    _translate(path, "po")
    service.operations.visit.remove_stop("State visit", 1)
    plan = plan_import(service, read_caption_file(path), path)
    actions = {e.key: e.action for e in plan.entries if e.key.startswith(PREFIX)}
    assert actions == {
        f"visit:{stops[0]}": PlanAction.UNKNOWN_ID,
        f"visit:{stops[1]}": PlanAction.NEW,
    }
    apply_plan(service, plan, backup=False)
    assert _points(service, "ru") == [_ru(POINTS[1])]


@pytest.mark.skipif(shutil.which("msgmerge") is None, reason="needs gettext's msgmerge")
def test_msgmerge_keeps_the_curators_newer_points_as_a_conflict(visited, tmp_path: Path) -> None:
    service, stops = visited
    old = _export(service, tmp_path, "po", name="old")
    _translate(old, "po")
    service.operations.visit.set_points("State visit", 1, "ru", "Текст куратора")
    fresh = _export(service, tmp_path, "po", name="fresh")
    merged = tmp_path / "merged.po"
    subprocess.run(["msgmerge", "--quiet", "-o", merged, old, fresh], check=True, timeout=60)
    plan = plan_import(service, read_caption_file(merged), merged)
    actions = {e.stop_id: e.action for e in plan.entries if e.stop_id is not None}
    assert actions == {stops[0]: PlanAction.CONFLICT, stops[1]: PlanAction.NEW}
    apply_plan(service, plan, backup=False)
    assert _points(service, "ru") == ["Текст куратора", _ru(POINTS[1])]


def test_po2xliff_keeps_the_talking_points(visited, tmp_path: Path) -> None:
    """translate-toolkit drops the PO's msgctxt; Curator's record of origin names it again."""
    po2xliff = shutil.which("po2xliff") or str(Path(os.sys.executable).parent / "po2xliff")
    if not Path(po2xliff).exists():
        pytest.skip("needs translate-toolkit's po2xliff")
    service, stops = visited
    document = build_export(service, ExportScope("ru"), {})
    record_export(service, document, "xliff12")
    template = tmp_path / "ru.xlf"
    write_caption_file(template, document, "xliff12")
    po = tmp_path / "ru.po"
    write_caption_file(po, document, "po")
    _translate(po, "po")
    xlf = tmp_path / "ru-tt.xlf"
    subprocess.run([po2xliff, "-t", template, po, xlf], check=True, capture_output=True)
    plan = plan_import(service, read_caption_file(xlf), xlf)
    assert [e.stop_id for e in plan.entries if e.action == PlanAction.NEW] == stops
    apply_plan(service, plan, backup=False)
    assert _points(service, "ru") == [_ru(text) for text in POINTS]


@pytest.mark.skipif(shutil.which("xmllint") is None, reason="needs xmllint")
@pytest.mark.skipif(not SCHEMAS.is_dir(), reason="needs ../shared/data/schemas")
@pytest.mark.parametrize(
    ("fmt", "schema"),
    [("xliff12", "xliff-core-1.2-transitional.xsd"), ("xliff20", "xliff-core-2.0.xsd")],
)
def test_xliff_with_the_visit_group_validates(visited, tmp_path: Path, fmt: str, schema: str):
    service, _stops = visited
    path = _export(service, tmp_path, fmt)
    result = subprocess.run(
        ["xmllint", "--nonet", "--noout", "--schema", str(SCHEMAS / schema), str(path)],
        capture_output=True,
        text=True,
        env={**os.environ, "XML_CATALOG_FILES": str(SCHEMAS / "catalog.xml")},
    )
    assert result.returncode == 0, result.stderr
    ns = X12 if fmt == "xliff12" else X20
    groups = [g.get("id") for g in ET.parse(path).getroot().iter(f"{ns}group")]
    assert groups[-1] == "visit"

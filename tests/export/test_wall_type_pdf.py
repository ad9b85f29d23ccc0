"""Issue 19.6 in print: the wall type settings read from the PDFs themselves (pdftotext -bbox).

Word boxes in Noto Sans and Noto Serif are 1.362 em high (ascender to descender), so a
word's height in points over 1.362 is the size it was set at.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from printing import needs_tools, run_tool

from curator import cli
from curator.core.layout.wall_sizes import label_styles, panel_style
from curator.demo import write_demo

pytestmark = needs_tools("pdftotext", "pdffonts")

EM_BOX = 1.362
#: The installer's reference under each label (cut away with the gap): 6 pt.
REFERENCE_PT = 6.0
_WORD = re.compile(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">')


def _sizes(pdf: Path) -> list[float]:
    """The size of every word of the PDF, in points, rounded to a tenth."""
    xhtml = run_tool("pdftotext", "-bbox", pdf, "-")
    return [round((float(b) - float(a)) / EM_BOX, 1) for a, b in _WORD.findall(xhtml)]


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    path, _created = write_demo(tmp_path)
    assert cli.main(["layout", "auto", str(path)]) == 0
    return path


def _export(demo: Path, product: str, out: Path, capsys, *options: str) -> int:
    capsys.readouterr()
    return cli.main(["export", product, str(demo), "-o", str(out), *options])


def test_the_demo_prints_its_panels_and_labels_with_the_defaults(demo: Path, capsys) -> None:
    for product in ("panels", "labels"):
        assert cli.main(["check", str(demo), "--product", product]) == 0, product
        assert "0 errors" in capsys.readouterr().out
    panels, labels = demo.parent / "panels.pdf", demo.parent / "labels.pdf"
    assert _export(demo, "panels", panels, capsys) == 0
    assert _export(demo, "labels", labels, capsys) == 0
    panel_sizes = _sizes(panels)
    assert panel_sizes and min(panel_sizes) >= 18.0
    assert max(panel_sizes) >= panel_style().title_pt - 0.5  # the section titles
    label_sizes = _sizes(labels)
    text = [size for size in label_sizes if size != REFERENCE_PT]
    assert text and min(text) >= 12.0
    lead, others = label_styles()
    assert {lead.body_pt, others.body_pt, lead.headline_pt} <= set(text)
    assert "Type 3" not in run_tool("pdffonts", labels)


def test_labels_read_from_further_away_print_larger_or_say_what_is_over(demo: Path, capsys) -> None:
    path = str(demo)
    assert cli.main(["settings", path, "wall.labels.viewing_distance_cm", "100"]) == 0
    lead, others = label_styles(100)
    assert others.body_pt == 18.5
    labels = demo.parent / "labels.pdf"
    # the demo's longest captions need a larger label at 18.5 pt: A3 sheets of 190 × 200 mm
    assert _export(demo, "labels", labels, capsys, "--label", "190x200", "--paper", "A3") == 0
    text = [size for size in _sizes(labels) if size != REFERENCE_PT]
    assert min(text) >= others.body_pt - 0.1
    assert lead.body_pt in text
    # at 80 cm (15 pt) they fit 130 mm labels on A4: the tallest grow on sheets turned upright
    assert cli.main(["settings", path, "wall.labels.viewing_distance_cm", "80"]) == 0
    assert _export(demo, "labels", labels, capsys) == 0
    text = [size for size in _sizes(labels) if size != REFERENCE_PT]
    assert label_styles(80)[1].body_pt == 15.0
    assert min(text) >= 15.0 - 0.1
    pages = re.findall(r"size:\s+([\d.]+) x ([\d.]+) pts", run_tool("pdfinfo", "-l", "99", labels))
    turns = {float(w) < float(h) for w, h in pages}
    assert turns == {True, False}  # upright sheets for the tallest labels, the rest across
    # at 150 cm they no longer fit 130 mm labels on A4: errors naming each photo, no shrinking
    assert cli.main(["settings", path, "wall.labels.viewing_distance_cm", "150"]) == 0
    capsys.readouterr()
    assert cli.main(["check", path, "--product", "labels", "--json"]) == 2
    findings = json.loads(capsys.readouterr().out)
    over = [f for f in findings if f["code"] == "label-overflow"]
    assert over and all(f["photo_id"] for f in over)
    assert all("mm too long" in f["message"] and "27.5 pt" in f["message"] for f in over)
    labels.unlink()
    assert _export(demo, "labels", labels, capsys) == 2  # preflight errors stop the export
    assert not labels.exists()


def test_panels_follow_the_distance_and_a_relaid_section_fits(demo: Path, capsys) -> None:
    path = str(demo)
    assert cli.main(["settings", path, "wall.panels.viewing_distance_cm", "200"]) == 0
    # the panels laid out for 120 cm now hold too much text: errors with the lines over
    capsys.readouterr()
    assert cli.main(["check", path, "--product", "panels", "--json"]) == 2
    findings = json.loads(capsys.readouterr().out)
    over = [f for f in findings if f["code"] == "caption-overflow"]
    assert over and all(f["photo_id"] and f["language"] for f in over)
    for finding in over:
        size = "40.5" if finding["language"] == "vi" else "37"  # the lead, a step larger
        assert re.search(rf"\d+ lines? (is|are) over \(text at {size} pt", finding["message"])
    # laid out again at the new size, every caption fits, and it prints at that size
    assert cli.main(["layout", "auto", path]) == 0
    assert cli.main(["check", path, "--product", "panels"]) == 0
    panels = demo.parent / "panels.pdf"
    assert _export(demo, "panels", panels, capsys) == 0
    style = panel_style(200)
    sizes = _sizes(panels)
    assert min(sizes) >= style.credit_pt - 0.1
    assert style.body_pt in sizes and style.body_pt + style.lead_step_pt in sizes

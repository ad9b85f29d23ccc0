"""Issue 19.3/19.6: the cover sheet as a preflight product, its photo kept in the project.

Read from the real PDF: pdfimages (the photo's resolution), pdffonts (reversed type is bold),
pdftotext -bbox (reversed type sizes; a word box is 1.362 em high in the Noto faces) and
pdfinfo -box (the spine the settings make).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import replace
from pathlib import Path

import pytest
from printing import needs_tools, run_tool

from curator import cli
from curator.core.checks.preflight_cover import cover_checks
from curator.core.layout.catalogue_model import PageText, Tone
from curator.core.layout.cover import MIN_REVERSED_PT
from curator.core.publishing.cover_service import project_cover, stored_cover_photo
from curator.core.services import ProjectService
from curator.demo import write_demo
from curator.export.text_measure import ReportlabMeasure

pytestmark = needs_tools("pdftotext", "pdffonts", "pdfimages", "pdfinfo")

EM_BOX = 1.362
_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<'
)
MM = 72 / 25.4


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    path, _created = write_demo(tmp_path)
    return path


def _check(project: Path, capsys) -> tuple[int, list[dict]]:
    capsys.readouterr()
    code = cli.main(["check", str(project), "--product", "cover", "--json"])
    return code, json.loads(capsys.readouterr().out)


def _export(project: Path, out: Path, capsys, *options: str) -> tuple[int, dict]:
    capsys.readouterr()
    code = cli.main(["export", "cover", str(project), "-o", str(out), "--json", *options])
    return code, json.loads(capsys.readouterr().out)


def _photo_ids(project: Path) -> list[str]:
    with ProjectService.open(project, read_only=True) as service:
        sections = service.exhibition.sections()
        return [pid for s in sections for pid in service.exhibition.photo_ids(s.id)]


def test_the_demo_cover_checks_with_warnings_and_exports_with_nothing_set(
    demo: Path, capsys
) -> None:
    code, findings = _check(demo, capsys)
    assert code == 0  # warnings only: the cover works with nothing chosen
    codes = {f["code"]: f for f in findings}
    assert set(codes) == {"cover-photo-resolution", "spine-too-thin"}
    first = _photo_ids(demo)[0]
    low = codes["cover-photo-resolution"]
    assert low["photo_id"] == first and low["severity"] == "warning"
    out = demo.parent / "cover.pdf"
    code, result = _export(demo, out, capsys)
    assert code == 0 and result["photo"] == first
    assert [f["code"] for f in result["findings"]] == [f["code"] for f in findings]
    # the ppi the finding names is the ppi the PDF has
    listing = run_tool("pdfimages", "-list", out).splitlines()[2:]
    x_ppi = int(listing[0].split()[12])
    assert f"prints at {x_ppi} ppi" in low["message"]
    assert "below 150 ppi" in low["message"]  # under the catalogue's error threshold
    # the spine the finding describes is the spine of the sheet
    pages = result["book_pages"]
    assert (
        f"{math.ceil(pages / 2) * 0.1:.1f} mm wide ({pages} pages"
        in codes["spine-too-thin"]["message"]
    )


def test_reversed_type_is_bold_and_at_least_9_pt_in_the_pdf(demo: Path, capsys) -> None:
    assert cli.main(["settings", str(demo), "catalogue.paper_caliper_mm", "0.8"]) == 0
    out = demo.parent / "cover.pdf"
    code, result = _export(demo, out, capsys)
    assert code == 0 and result["spine_languages"]  # a spine wide enough for its title
    fonts = run_tool("pdffonts", out)
    assert "Bold" in fonts and "Regular" not in fonts  # every face on the ground is bold
    box = re.search(r"TrimBox:\s+([\d.]+)\s+[\d.]+\s+([\d.]+)", run_tool("pdfinfo", "-box", out))
    left, right = float(box.group(1)), float(box.group(2))
    spine = math.ceil(result["book_pages"] / 2) * 0.8
    # the spine from the settings: two A4 panels and the leaves at 0.8 mm
    assert (right - left) / MM == pytest.approx(420 + spine, abs=0.05)
    spine_x = (left + 210 * MM, left + (210 + spine) * MM)
    xhtml = run_tool("pdftotext", "-bbox", out, "-")
    sizes, spine_words = [], []
    for x0, y0, x1, y1, word in _WORD.findall(xhtml):
        turned = spine_x[0] <= float(x0) and float(x1) <= spine_x[1]  # head to foot
        extent = float(x1) - float(x0) if turned else float(y1) - float(y0)
        sizes.append(extent / EM_BOX)
        if turned:
            spine_words.append(word)
    assert sizes and min(sizes) >= MIN_REVERSED_PT - 0.05
    assert "Việt" in spine_words  # the lead title on the spine
    code, findings = _check(demo, capsys)
    assert "spine-too-thin" not in {f["code"] for f in findings}


def test_a_spine_that_cannot_hold_every_title_names_the_language_left_out(
    demo: Path, capsys
) -> None:
    assert cli.main(["settings", str(demo), "catalogue.paper_caliper_mm", "0.8"]) == 0
    long_title = "Một tiêu đề rất dài cho gáy sách " * 4
    assert cli.main(["catalogue", "texts", str(demo), "--set", "title", "ru", long_title]) == 0
    code, findings = _check(demo, capsys)
    left = [f for f in findings if f["code"] == "spine-title-left-out"]
    assert code == 0 and len(left) == 1
    assert left[0]["language"] == "ru" and "Russian is left out" in left[0]["message"]
    code, result = _export(demo, demo.parent / "cover.pdf", capsys)
    assert "ru" not in result["spine_languages"] and "vi" in result["spine_languages"]


def test_a_language_without_a_title_is_a_warning(demo: Path, capsys) -> None:
    assert cli.main(["catalogue", "texts", str(demo), "--set", "title", "en", ""]) == 0
    code, findings = _check(demo, capsys)
    missing = [f for f in findings if f["code"] == "cover-title-missing"]
    assert code == 0 and [f["language"] for f in missing] == ["en"]
    assert "English" in missing[0]["message"]


def test_small_or_thin_reversed_type_is_an_error(demo: Path) -> None:
    with ProjectService.open(demo, read_only=True) as service:
        cover = project_cover(service, ReportlabMeasure())
        assert not [f for f in cover_checks(service, cover) if f.code == "cover-reversed-type"]
        base = cover.sheet.page.texts[0]
        small = PageText("tiny", "NotoSans-Bold", 8.0, base.x_mm, base.baseline_mm, Tone.INVERSE)
        thin = replace(small, text="thin", font="NotoSans-Regular", size_pt=10.0)
        grey = replace(small, text="grey", tone=Tone.SECOND)  # not reversed: not checked
        page = replace(cover.sheet.page, texts=(*cover.sheet.page.texts, small, thin, grey))
        broken = replace(cover, sheet=replace(cover.sheet, page=page))
        errors = [f for f in cover_checks(service, broken) if f.code == "cover-reversed-type"]
    assert [f.severity for f in errors] == ["error", "error"]
    assert "“tiny” is reversed out of the cover's ground at 8 pt" in errors[0].message
    assert "at 10 pt, not bold" in errors[1].message


def test_the_photo_chosen_is_kept_and_a_gone_one_falls_back(demo: Path, capsys) -> None:
    ids = _photo_ids(demo)
    out = demo.parent / "cover.pdf"
    code, result = _export(demo, out, capsys, "--photo", ids[4])
    assert code == 0 and result["photo"] == ids[4]
    with ProjectService.open(demo, read_only=True) as service:
        assert stored_cover_photo(service) == ids[4]
    code, result = _export(demo, out, capsys)  # the next export, nothing said
    assert result["photo"] == ids[4]
    assert cli.main(["settings", str(demo), "catalogue.cover_photo", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["value"] == ids[4]
    # a photo the project does not have is not kept; the kept one stays
    code, result = _export(demo, out, capsys, "--photo", "nosuchph")
    assert code == 0 and result["photo"] == ids[0]
    assert "cover-photo-missing" in {f["code"] for f in result["findings"]}
    with ProjectService.open(demo, read_only=True) as service:
        assert stored_cover_photo(service) == ids[4]
    # a kept photo that is gone (here: set by hand) falls back with a warning
    assert cli.main(["settings", str(demo), "catalogue.cover_photo", "gone1234"]) == 0
    code, findings = _check(demo, capsys)
    gone = [f for f in findings if f["code"] == "cover-photo-missing"]
    assert code == 0 and gone and gone[0]["photo_id"] == "gone1234"
    code, result = _export(demo, out, capsys)
    assert code == 0 and result["photo"] == ids[0]


def test_a_missing_original_of_the_cover_photo_stops_the_export(demo: Path, capsys) -> None:
    first = _photo_ids(demo)[0]
    with ProjectService.open(demo, read_only=True) as service:
        original = service.photos.get(first).path
    original.rename(original.with_suffix(".moved"))
    code, findings = _check(demo, capsys)
    assert code == 2
    assert [f["photo_id"] for f in findings if f["code"] == "photo-missing"] == [first]
    out = demo.parent / "cover.pdf"
    code, result = _export(demo, out, capsys)
    assert code == 2 and result["exported"] is False and not out.exists()

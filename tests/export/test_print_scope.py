"""What the products print (issue 18.1): the photos placed in sections, never a rejected one.

Read back from the real PDFs with pdftotext and pdfimages: the rejected photo's caption and
the unplaced photo's caption are in no catalogue, panel or label; ``--picks-only`` narrows
every product to the picked photos; preflight names the photo in no section; the proof
lists it in a part of its own.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from printing import needs_tools, run_tool

from curator import cli
from curator.core.checks.print_scope import scope_summary
from curator.core.editing.layout_service import auto_layout
from curator.core.editing.shortlist import set_marks
from curator.core.model import PhotoFlag
from curator.core.services import ProjectService
from curator.demo import write_demo
from curator.export.text_measure import ReportlabMeasure

REJECTED = "07-red-river.jpg"  # "Sunset over the Red River", in a section
UNPLACED = "09-moscow-snow.jpg"  # "Snow on Red Square", taken out of its section
PICKED = ("01-talks.jpg", "08-lotus.jpg")
HEADLINES = {
    REJECTED: "Sunset over the Red River",
    UNPLACED: "Snow on Red Square",
    "01-talks.jpg": "VNA and TASS hold New Year talks",
    "08-lotus.jpg": "Lotus season on West Lake",
    "03-signing.jpg": "Cooperation agreement signed",
}


def _ids(service: ProjectService) -> dict[str, str]:
    return {photo.path.name: photo.id for photo in service.photos.all()}


@pytest.fixture(scope="module")
def scoped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo laid out; then one placed photo rejected, one taken out of its section."""
    path, _created = write_demo(tmp_path_factory.mktemp("scope"))
    with ProjectService.open(path) as service:
        auto_layout(service, measure=ReportlabMeasure(), backup=False)
        ids = _ids(service)
        set_marks(service, [ids[REJECTED]], flag=PhotoFlag.REJECT)
        set_marks(service, [ids[name] for name in PICKED], flag=PhotoFlag.PICK)
        with service.store.transaction():
            service.exhibition.unassign([ids[UNPLACED]])
    return path


def _text(pdf: Path) -> str:
    return " ".join(run_tool("pdftotext", pdf, "-").split())


def test_the_summary_counts_what_will_be_printed(scoped: Path) -> None:
    with ProjectService.open(scoped, read_only=True) as service:
        summary = scope_summary(service)
        assert summary.sentence() == (
            "9 photos: 8 in sections, 1 rejected, 1 in no section — 7 will be printed."
        )
        assert scope_summary(service, picks_only=True).printed == 2


@needs_tools("pdftotext")
@pytest.mark.parametrize("product", ["catalogue", "labels"])
def test_catalogue_and_labels_print_placed_photos_only(
    scoped: Path, tmp_path: Path, product: str, capsys
) -> None:
    pdf = tmp_path / f"{product}.pdf"
    assert cli.main(["export", product, str(scoped), "-o", str(pdf), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    text = _text(pdf)
    assert HEADLINES["08-lotus.jpg"] in text and HEADLINES["03-signing.jpg"] in text
    assert HEADLINES[REJECTED] not in text
    assert HEADLINES[UNPLACED] not in text
    unplaced = [f for f in report["findings"] if f["code"] == "photo-unplaced"]
    assert len(unplaced) == 1 and UNPLACED in unplaced[0]["message"]
    assert "1 photo is in no section" in unplaced[0]["message"]


@needs_tools("pdftotext")
@pytest.mark.parametrize("product", ["catalogue", "labels", "proof", "panels"])
def test_picks_only_narrows_every_product(scoped: Path, tmp_path: Path, product: str) -> None:
    pdf = tmp_path / f"{product}-picks.pdf"
    assert cli.main(["export", product, str(scoped), "-o", str(pdf), "--picks-only"]) == 0
    text = _text(pdf)
    if product == "panels":
        # panels print their slots: the picked photos' images only
        listing = run_tool("pdfimages", "-list", pdf).splitlines()[2:]
        assert len(listing) == 2
        return
    for name in PICKED:
        headline = HEADLINES[name]
        # labels and proof print the whole headline; catalogue too
        assert headline.split()[0] in text
    assert HEADLINES["03-signing.jpg"] not in text
    assert HEADLINES[REJECTED] not in text


@needs_tools("pdftotext", "pdfimages")
def test_panels_leave_a_rejected_photos_slot_empty_and_say_so(
    scoped: Path, tmp_path: Path, capsys
) -> None:
    pdf = tmp_path / "panels.pdf"
    assert cli.main(["export", "panels", str(scoped), "-o", str(pdf), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert HEADLINES[REJECTED] not in _text(pdf)
    assert [f["code"] for f in report["findings"]].count("slot-rejected") == 1
    # 9 photos: one rejected (its slot empty), one out of its section (its slot empty)
    listing = run_tool("pdfimages", "-list", pdf).splitlines()[2:]
    assert len(listing) == 7


@needs_tools("pdftotext")
def test_the_proof_lists_unplaced_photos_in_their_own_part(scoped: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "proof.pdf"
    assert cli.main(["export", "proof", str(scoped), "-o", str(pdf)]) == 0
    text = _text(pdf)
    assert "Photos in no section (not printed)" in text
    assert text.index(HEADLINES["08-lotus.jpg"]) < text.index("Photos in no section")
    assert text.index("Photos in no section") < text.index(HEADLINES[UNPLACED])
    assert HEADLINES[REJECTED] not in text


def test_a_project_printing_nothing_is_an_error(project_path: Path, tmp_path: Path, capsys):
    assert cli.main(["check", str(project_path), "--product", "catalogue", "--json"]) == 2
    codes = [f["code"] for f in json.loads(capsys.readouterr().out)]
    assert "nothing-printed" in codes


def test_layout_auto_gathers_only_when_there_is_no_section(tmp_path: Path) -> None:
    path, _created = write_demo(tmp_path / "demo")
    with ProjectService.open(path) as service:
        ids = _ids(service)
        with service.store.transaction():
            service.exhibition.unassign([ids[UNPLACED]])
        sections = len(service.exhibition.sections())
        auto_layout(service, backup=False)
        assert len(service.exhibition.sections()) == sections
        assert service.exhibition.section_of(ids[UNPLACED]) is None
        # A project with no section: every photo but the rejected one is gathered.
        with service.store.transaction():
            for section in service.exhibition.sections():
                service.exhibition.delete_section(section.id)
        set_marks(service, [ids[REJECTED]], flag=PhotoFlag.REJECT)
        auto_layout(service, backup=False)
        (gathered,) = service.exhibition.sections()
        placed = service.exhibition.photo_ids(gathered.id)
        assert len(placed) == 8 and ids[REJECTED] not in placed
        slotted = {
            slot.photo_id
            for panel in service.exhibition.panels(gathered.id)
            for slot in service.exhibition.slots(panel.id)
        }
        assert slotted == set(placed)


@needs_tools("pdftotext")
@pytest.mark.parametrize("fmt", ["po", "xlsx", "csv"])
def test_the_contact_sheet_shows_exactly_the_caption_files_photos(
    scoped: Path, tmp_path: Path, fmt: str
) -> None:
    import re
    import zipfile

    with ProjectService.open(scoped) as service:
        ids = _ids(service)
        section = service.exhibition.section_of(ids["08-lotus.jpg"])
        assert section is not None
        # a caption longer than a page: its photo is on the sheet all the same
        from curator.core.model import CaptionField

        long_text = " ".join(["A very long caption that goes on."] * 400)
        service.set_caption(ids["08-lotus.jpg"], "en", CaptionField.CAPTION, long_text)
        in_section = set(service.exhibition.photo_ids(section))
    package = tmp_path / "package.zip"
    args = ["exchange", "package", str(scoped), "--lang", "ru", "--format", fmt]
    args += ["--source-lang", "en"]
    args += ["-o", str(package), "--section", section, "--only-unfinished"]
    assert cli.main(args) == 0
    with zipfile.ZipFile(package) as archive:
        (member,) = [n for n in archive.namelist() if n.startswith("captions-")]
        archive.extract(member, tmp_path)
        archive.extract("contact-sheet.pdf", tmp_path)
    if fmt == "xlsx":
        from openpyxl import load_workbook

        sheet = load_workbook(tmp_path / member, read_only=True).active
        caption_text = " ".join(str(row[0]) for row in sheet.iter_rows(values_only=True))
    else:
        caption_text = (tmp_path / member).read_text(encoding="utf-8-sig")
    in_file = set(re.findall(r"\b(p[a-z0-9]{7})\|", caption_text))
    sheet_text = run_tool("pdftotext", tmp_path / "contact-sheet.pdf", "-")
    on_sheet = set(re.findall(r"\b(p[a-z0-9]{7}) ·", sheet_text))
    assert in_file == on_sheet
    assert ids["08-lotus.jpg"] in on_sheet and on_sheet <= in_section
    assert f": {len(in_file)} · " in sheet_text  # "фотографий: 2 · страница 1"

"""Caption files through the tools translators use (issue 17, points 3, 5, 6, 7): OmegaT in
console mode, LibreOffice headless, translate-toolkit, xmllint; every text compared byte for
byte after the import is applied."""

from __future__ import annotations

import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

from curator.core.model import CaptionField, CaptionStatus, Photo
from curator.core.services import CaptionEdit, ProjectService
from curator.core.translators.caption_exchange import ExportScope, build_export, record_export
from curator.core.translators.exchange_apply import apply_plan
from curator.core.translators.exchange_plan import PlanAction, plan_import
from curator.exchange.captions import SUFFIXES, read_caption_file, write_caption_file
from tests.omegat_tool import need_omegat, omegat_project, tmx, translate

SHARED = Path(__file__).resolve().parents[3] / "shared"
SCHEMAS = SHARED / "data" / "schemas"
X12 = "{urn:oasis:names:tc:xliff:document:1.2}"
X20 = "{urn:oasis:names:tc:xliff:document:2.0}"


def _export(service: ProjectService, folder: Path, fmt: str, name: str = "ru") -> Path:
    """Export and record, as the command and the window do."""
    document = build_export(service, ExportScope("ru"), {})
    record_export(service, document, fmt)
    path = folder / f"{name}{SUFFIXES[fmt]}"
    write_caption_file(path, document, fmt)
    return path


def _plan(service: ProjectService, path: Path):
    return plan_import(service, read_caption_file(path), path)


def _by_key(plan) -> dict:
    return {entry.key: entry for entry in plan.entries}


# -- point 3: every part of every file is read ----------------------------------------------


def test_xliff12_with_several_file_elements_is_read_whole(captioned, tmp_path: Path) -> None:
    service, ids = captioned
    path = _export(service, tmp_path, "xliff12")
    ET.register_namespace("", X12[1:-1])
    tree = ET.parse(path)
    root = tree.getroot()
    [first] = root.findall(f"{X12}file")
    units = first.findall(f".//{X12}trans-unit")
    # A tool splits the file per photo, as CAT tools and translate-toolkit's templates do:
    # the second <file> names another original and holds the later units.
    second = ET.SubElement(root, f"{X12}file", dict(first.attrib, original="second.po"))
    body = ET.SubElement(second, f"{X12}body")
    for unit in units[2:]:
        first.find(f"{X12}body").remove(unit)
        body.append(unit)
    for unit in units:
        unit.find(f"{X12}target").text = f"[ru] {unit.find(f'{X12}source').text}"
        unit.find(f"{X12}target").set("state", "translated")
    tree.write(path, encoding="utf-8", xml_declaration=True)
    plan = _plan(service, path)
    assert len(plan.entries) == len(units) == 6
    apply_plan(service, plan)
    for photo_id in ids:
        for field in (CaptionField.HEADLINE, CaptionField.CAPTION):
            source = service.captions.get(photo_id, "vi", field).text
            assert service.captions.get(photo_id, "ru", field).text == f"[ru] {source}"


def test_xliff20_segments_and_ignorables_are_joined_as_the_standard_says(
    captioned, tmp_path: Path
) -> None:
    service, ids = captioned
    path = _export(service, tmp_path, "xliff20")
    ET.register_namespace("", X20[1:-1])
    tree = ET.parse(path)
    key = f"{ids[1]}|caption"
    [unit] = [u for u in tree.getroot().iter(f"{X20}unit") if u.get("name") == key]
    [segment] = unit.findall(f"{X20}segment")
    unit.remove(segment)
    # A CAT tool segmented "Lễ ký kết. Thỏa thuận." into two sentences and a space.
    parts = [
        ("segment", "Lễ ký kết.", "Церемония подписания."),
        ("ignorable", " ", None),
        ("segment", "Thỏa thuận.", "Соглашение."),
    ]
    for index, (kind, source, target) in enumerate(parts, start=1):
        part = ET.SubElement(unit, f"{X20}{kind}", id=f"s{index}")
        if kind == "segment":
            part.set("state", "translated")
        ET.SubElement(part, f"{X20}source").text = source
        if target is not None:
            ET.SubElement(part, f"{X20}target").text = target
    tree.write(path, encoding="utf-8", xml_declaration=True)
    plan = _plan(service, path)
    entry = _by_key(plan)[key]
    assert entry.incoming_text == "Церемония подписания. Соглашение."
    assert read_caption_file(path).entries[3].source == "Lễ ký kết. Thỏa thuận."
    # A translation whose sentences the translator swapped (``order``) comes back in order.
    targets = unit.findall(f"{X20}segment/{X20}target")
    targets[0].set("order", "3")
    targets[1].set("order", "1")
    tree.write(path, encoding="utf-8", xml_declaration=True)
    assert _by_key(_plan(service, path))[key].incoming_text == ("Соглашение. Церемония подписания.")


# -- point 7: standard states, both ways ------------------------------------------------------


def _final_and_draft(service: ProjectService, ids: list[str]) -> None:
    service.set_caption(ids[1], "ru", CaptionField.CAPTION, "Подписание.", CaptionStatus.FINAL)
    service.set_caption(ids[2], "ru", CaptionField.CAPTION, "Корреспондент.")


@pytest.mark.skipif(shutil.which("xmllint") is None, reason="needs xmllint")
@pytest.mark.skipif(not SCHEMAS.is_dir(), reason="needs ../shared/data/schemas")
@pytest.mark.parametrize(
    ("fmt", "schema"),
    [("xliff12", "xliff-core-1.2-transitional.xsd"), ("xliff20", "xliff-core-2.0.xsd")],
)
def test_every_status_is_written_in_the_standards_terms_and_validates(
    captioned, tmp_path: Path, fmt: str, schema: str
) -> None:
    service, ids = captioned
    _final_and_draft(service, ids)
    path = _export(service, tmp_path, fmt)
    result = subprocess.run(
        ["xmllint", "--nonet", "--noout", "--schema", str(SCHEMAS / schema), str(path)],
        capture_output=True,
        text=True,
        env={**os.environ, "XML_CATALOG_FILES": str(SCHEMAS / "catalog.xml")},
    )
    assert result.returncode == 0, result.stderr
    root = ET.parse(path).getroot()
    if fmt == "xliff12":
        units = {u.get("id"): u for u in root.iter(f"{X12}trans-unit")}
        final = units[f"{ids[1]}|caption"]
        assert final.get("approved") == "yes"
        assert final.find(f"{X12}target").get("state") == "final"
        assert final.find(f"{X12}target").text == "Подписание."
        draft = units[f"{ids[2]}|caption"]
        assert draft.find(f"{X12}target").get("state") == "new"
        assert draft.find(f"{X12}target").text == draft.find(f"{X12}source").text
        proposal = draft.find(f"{X12}alt-trans/{X12}target")
        assert proposal.text == "Корреспондент." and proposal.get("state") == "translated"
        review = units[f"{ids[0]}|caption"].find(f"{X12}alt-trans/{X12}target")
        assert review.get("state") == "needs-review-translation"
    else:
        units = {u.get("name"): u.find(f"{X20}segment") for u in root.iter(f"{X20}unit")}
        assert units[f"{ids[1]}|caption"].get("state") == "final"
        assert units[f"{ids[2]}|caption"].get("state") == "translated"
        assert units[f"{ids[0]}|caption"].get("state") == "translated"
        assert units[f"{ids[0]}|caption"].get("subState") == "curator:needs-review"
        assert units[f"{ids[0]}|headline"].get("state") == "initial"
        assert units[f"{ids[0]}|headline"].find(f"{X20}target") is None


def test_xliff12_states_read_back(captioned, tmp_path: Path) -> None:
    service, ids = captioned
    _final_and_draft(service, ids)
    path = _export(service, tmp_path, "xliff12")
    tree = ET.parse(path)
    units = {u.get("id"): u for u in tree.getroot().iter(f"{X12}trans-unit")}

    def target(key: str, text: str, state: str, approved: str | None = None) -> None:
        element = units[key].find(f"{X12}target")
        element.text, element.attrib["state"] = text, state
        if approved:
            units[key].set("approved", approved)

    # translate-toolkit writes a fuzzy translation as needs-translation.
    target(f"{ids[0]}|headline", "Гендиректор", "needs-translation")
    # Approved on a changed text: never final by itself.
    target(f"{ids[1]}|caption", "Подписание соглашения.", "final", "yes")
    # Signed off on the text as it was sent: confirms it (it was final already: unchanged).
    target(f"{ids[2]}|caption", "Корреспондент.", "signed-off")
    target(f"{ids[1]}|headline", "Церемония", "translated")
    ET.register_namespace("", X12[1:-1])
    tree.write(path, encoding="utf-8", xml_declaration=True)
    plan = _by_key(_plan(service, path))
    assert plan[f"{ids[0]}|headline"].new_status == CaptionStatus.NEEDS_REVIEW
    assert plan[f"{ids[1]}|caption"].new_status == CaptionStatus.NEEDS_REVIEW
    assert plan[f"{ids[2]}|caption"].new_status == CaptionStatus.FINAL
    assert plan[f"{ids[2]}|caption"].action == PlanAction.CHANGED
    assert plan[f"{ids[1]}|headline"].new_status == CaptionStatus.DRAFT
    # Untouched units (still the copy of the source) are not translations.
    assert plan[f"{ids[2]}|headline"].action == PlanAction.UNTRANSLATED


def test_xliff20_reviewed_confirms_only_an_unchanged_text(captioned, tmp_path: Path) -> None:
    service, ids = captioned
    _final_and_draft(service, ids)
    path = _export(service, tmp_path, "xliff20")
    tree = ET.parse(path)
    units = {u.get("name"): u.find(f"{X20}segment") for u in tree.getroot().iter(f"{X20}unit")}
    units[f"{ids[2]}|caption"].set("state", "reviewed")  # the draft, as sent
    units[f"{ids[0]}|caption"].set("state", "reviewed")
    units[f"{ids[0]}|caption"].attrib.pop("subState")
    units[f"{ids[0]}|caption"].find(f"{X20}target").text = "Переговоры."
    ET.register_namespace("", X20[1:-1])
    tree.write(path, encoding="utf-8", xml_declaration=True)
    plan = _by_key(_plan(service, path))
    assert plan[f"{ids[2]}|caption"].new_status == CaptionStatus.FINAL
    assert plan[f"{ids[0]}|caption"].new_status == CaptionStatus.NEEDS_REVIEW


# -- point 5: spreadsheets never turn captions into formulas ---------------------------------

FORMULAS = [
    "=1+1",
    '=HYPERLINK("http://example.com/x";"Nhấn vào đây")',
    "+84 24 3825 2931",
    "-5 °C ở Moskva",
    "@TTXVN đưa tin",
    "'Tết' ở Hà Nội",
]


@pytest.fixture
def formulas(captioned) -> Iterator[tuple[ProjectService, list[str]]]:
    """Captions that a spreadsheet would evaluate, in the source and in the target."""
    service, ids = captioned
    edits = []
    for index, text in enumerate(FORMULAS):
        photo_id = ids[index % len(ids)]
        field = (CaptionField.CAPTION, CaptionField.HEADLINE)[index // len(ids)]
        edits.append(CaptionEdit(photo_id, "vi", field, text, CaptionStatus.FINAL))
        edits.append(CaptionEdit(photo_id, "ru", field, f"{text[0]}{text}", CaptionStatus.DRAFT))
    service.set_captions(edits)
    yield service, ids


def _unchanged_byte_for_byte(service: ProjectService, path: Path, original: Path) -> None:
    incoming = read_caption_file(path)
    plan = plan_import(service, incoming, original)
    assert {entry.action for entry in plan.entries} == {PlanAction.UNCHANGED}, [
        (e.key, e.action, e.incoming_text) for e in plan.entries if e.action != "unchanged"
    ]
    document = build_export(service, ExportScope("ru"), {})
    sources = {unit.key: unit.source for unit in document.units}
    for entry in incoming.entries:
        assert entry.source == sources[entry.key]


def _profile(tmp_path: Path) -> str:
    """A LibreOffice profile of the test's own: one shared profile lets concurrent runs fail."""
    return f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice")
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_libreoffice_never_evaluates_a_caption(formulas, tmp_path: Path, fmt: str) -> None:
    from openpyxl import load_workbook

    service, _ids = formulas
    path = _export(service, tmp_path, fmt)
    if fmt == "csv":
        text = path.read_text("utf-8-sig")
        assert '"\'=1+1"' in text or ",'=1+1," in text
    out = tmp_path / "lo"
    # Opened as LibreOffice opens a UTF-8 CSV, saved as a workbook and as CSV again.
    for target in ("xlsx", "csv:Text - txt - csv (StarCalc):44,34,76"):
        subprocess.run(
            [
                "soffice",
                _profile(tmp_path),
                "--headless",
                *(["--infilter=CSV:44,34,76"] if fmt == "csv" else []),
                "--convert-to",
                target,
                "--outdir",
                str(out / target[:4]),
                str(path),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
    book = out / "xlsx" / "ru.xlsx"
    cells = [cell for row in load_workbook(book).active.iter_rows() for cell in row]
    assert not [cell.value for cell in cells if cell.data_type == "f"]
    _unchanged_byte_for_byte(service, book, path)
    _unchanged_byte_for_byte(service, out / "csv:" / "ru.csv", path)


# -- point 6: OmegaT works for every entry ------------------------------------------------------


def _ru(source: str) -> str:
    return f"Перевод: {source}"


@pytest.fixture(scope="module")
def omegat_run(tmp_path_factory) -> Iterator[tuple[Path, list[str], Path, dict]]:
    """One OmegaT console run over a PO and an XLIFF 1.2 export of one project.

    The project holds empty fields, a draft and a needs-review translation. The
    translator's work is OmegaT's own project memory (``omegat/project_save.tmx``) with a
    translation of every source text OmegaT shows; ``tm/`` holds an older TMX, as usual.
    """
    need_omegat()
    folder = tmp_path_factory.mktemp("omegat")
    path = folder / "exhibition.curator"
    service = ProjectService.create(path, title="Việt Nam – Nga", languages=["vi", "ru"])
    ids = []
    with service.store.transaction():
        for index in range(3):
            photo = Photo(
                id="", path=Path(f"/photos/{index}.jpg"), sha256=f"h{index}", width=60, height=40
            )
            ids.append(service.photos.add(photo).id)
    sources = ["Hội đàm tại Hà Nội.", "Lễ ký kết thỏa thuận.", "Phóng viên tại Moskva."]
    edits = []
    for photo_id, source in zip(ids, sources, strict=True):
        edits.append(CaptionEdit(photo_id, "vi", CaptionField.CAPTION, source))
        edits.append(CaptionEdit(photo_id, "vi", CaptionField.HEADLINE, source.split()[0]))
    edits.append(CaptionEdit(ids[0], "ru", CaptionField.CAPTION, "Переговоры.", None))
    edits.append(
        CaptionEdit(ids[1], "ru", CaptionField.CAPTION, "Подписание.", CaptionStatus.NEEDS_REVIEW)
    )
    service.set_captions(edits)
    project = folder / "omegat-project"
    omegat_project(project)
    exported = {}
    for fmt in ("po", "xliff12"):
        exported[fmt] = _export(service, project / "source", fmt, name=f"captions-{fmt}")
    service.close()
    every = sources + [source.split()[0] for source in sources]
    (project / "tm" / "older.tmx").write_text(tmx({"Hội": "Переговоры"}), "utf-8")
    (project / "omegat" / "project_save.tmx").write_text(
        tmx({source: _ru(source) for source in every}), "utf-8"
    )
    translate(project)
    yield path, ids, project, exported


@pytest.mark.parametrize("fmt", ["po", "xliff12"])
def test_omegat_translates_every_entry_and_it_imports(omegat_run, fmt: str) -> None:
    path, ids, project, exported = omegat_run
    # Every entry comes back translated from OmegaT's memory, which is keyed by the source
    # text OmegaT showed: so OmegaT showed the source of every entry, the draft's too.
    translated = project / "target" / exported[fmt].name
    with ProjectService.open(path, read_only=True) as service:
        plan = plan_import(service, read_caption_file(translated), translated)
    actions = {entry.key: entry.action for entry in plan.entries}
    assert actions == {
        f"{ids[0]}|caption": PlanAction.CHANGED,
        f"{ids[1]}|caption": PlanAction.CHANGED,
        f"{ids[2]}|caption": PlanAction.NEW,
        **{f"{photo}|headline": PlanAction.NEW for photo in ids},
    }, [(e.key, e.action, e.incoming_text) for e in plan.entries]
    copy = path.parent / f"applied-{fmt}.curator"
    shutil.copyfile(path, copy)
    with ProjectService.open(copy) as service:
        apply_plan(service, plan, backup=False)
        for photo_id in ids:
            for field in (CaptionField.CAPTION, CaptionField.HEADLINE):
                source = service.captions.get(photo_id, "vi", field).text
                caption = service.captions.get(photo_id, "ru", field)
                assert caption.text == _ru(source)
                # A translation from OmegaT is a draft: OmegaT marks nothing finer.
                assert caption.status == CaptionStatus.DRAFT


def test_po2xliff_with_a_template_writes_a_second_file_that_is_read(
    captioned, tmp_path: Path
) -> None:
    """``po2xliff -t`` keeps the template's <file> and adds the PO's, without its keys."""
    import polib

    po2xliff = shutil.which("po2xliff") or str(Path(os.sys.executable).parent / "po2xliff")
    if not Path(po2xliff).exists():
        pytest.skip("needs translate-toolkit's po2xliff")
    service, ids = captioned
    document = build_export(service, ExportScope("ru"), {})
    record_export(service, document, "xliff12")
    template = tmp_path / "ru.xlf"
    write_caption_file(template, document, "xliff12")
    po = tmp_path / "ru.po"
    write_caption_file(po, document, "po")  # the same export, as PO
    catalog = polib.pofile(str(po))
    for entry in catalog:
        if entry.msgctxt != "curator|end":
            entry.msgstr = f"[ru] {entry.msgid}"
            entry.flags = []
    catalog.save(str(po))
    out = tmp_path / "out.xlf"
    subprocess.run([po2xliff, "-t", template, po, out], check=True, capture_output=True)
    root = ET.parse(out).getroot()
    assert len([f for f in root.iter() if f.tag.endswith("}file")]) == 2
    plan = _plan(service, out)
    apply_plan(service, plan)
    assert plan.count(PlanAction.MALFORMED) == 0, [
        (e.key, e.message) for e in plan.entries if e.action == PlanAction.MALFORMED
    ]
    for photo_id in ids:
        for field in (CaptionField.HEADLINE, CaptionField.CAPTION):
            source = service.captions.get(photo_id, "vi", field).text
            assert service.captions.get(photo_id, "ru", field).text == f"[ru] {source}"

"""Caption files in every format: checked by translators' tools, edited by them, read back."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from curator.core.errors import UsageError
from curator.core.model import CaptionField, CaptionStatus
from curator.core.services import ProjectService
from curator.core.translators.caption_exchange import ExportScope, build_export
from curator.core.translators.exchange_apply import apply_plan
from curator.core.translators.exchange_plan import PlanAction, plan_import
from curator.exchange.captions import (
    FORMATS,
    SUFFIXES,
    read_caption_bytes,
    read_caption_file,
    write_caption_file,
)

SHARED = Path(__file__).resolve().parents[3] / "shared"
SCHEMAS = SHARED / "data" / "schemas"
REALWORLD = SHARED / "data" / "realworld" / "captions"


def _export(service: ProjectService, tmp_path: Path, fmt: str, **kwargs) -> Path:
    document = build_export(service, ExportScope("ru"), {})
    path = tmp_path / f"ru{SUFFIXES[fmt]}"
    write_caption_file(path, document, fmt, **kwargs)
    return path


def _translate(text: str) -> str:
    return f"[ru] {text}"


def _apply(service: ProjectService, path: Path) -> dict[str, PlanAction]:
    plan = plan_import(service, read_caption_file(path), path)
    apply_plan(service, plan)
    return {entry.key: entry.action for entry in plan.entries}


def _assert_all_translated(service: ProjectService, ids: list[str]) -> None:
    for photo_id in ids:
        for field in (CaptionField.HEADLINE, CaptionField.CAPTION):
            source = service.captions.get(photo_id, "vi", field)
            target = service.captions.get(photo_id, "ru", field)
            assert target is not None and target.text == _translate(source.text), (photo_id, field)


# -- the translators' own tools ---------------------------------------------------------


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="needs gettext's msgfmt")
def test_exported_po_passes_msgfmt_check(captioned, tmp_path: Path) -> None:
    service, _ids = captioned
    path = _export(service, tmp_path, "po")
    result = subprocess.run(
        ["msgfmt", "-c", "-o", os.devnull, str(path)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    text = path.read_text("utf-8")
    assert 'msgctxt "' in text and "#: \u206800 ảnh.jpg\u2069" in text
    assert "#, fuzzy" in text  # the Russian caption that needs review


@pytest.mark.skipif(shutil.which("xmllint") is None, reason="needs xmllint")
@pytest.mark.skipif(not SCHEMAS.is_dir(), reason="needs ../shared/data/schemas")
@pytest.mark.parametrize(
    ("fmt", "schema"),
    [("xliff12", "xliff-core-1.2-transitional.xsd"), ("xliff20", "xliff-core-2.0.xsd")],
)
def test_exported_xliff_validates_against_the_official_schema(
    captioned, tmp_path: Path, fmt: str, schema: str
) -> None:
    service, _ids = captioned
    document = build_export(service, ExportScope("ru"), {})
    budgets = {(unit.photo_id, unit.field): 80 for unit in document.units}
    document = build_export(service, ExportScope("ru"), budgets)
    path = tmp_path / "ru.xlf"
    write_caption_file(path, document, fmt)
    result = subprocess.run(
        ["xmllint", "--nonet", "--noout", "--schema", str(SCHEMAS / schema), str(path)],
        capture_output=True,
        text=True,
        env={**os.environ, "XML_CATALOG_FILES": str(SCHEMAS / "catalog.xml")},
    )
    assert result.returncode == 0, result.stderr
    text = path.read_text("utf-8")
    if fmt == "xliff12":
        assert 'maxwidth="80"' in text and 'size-unit="char"' in text
        assert 'state="needs-review-translation"' in text
    else:
        assert 'slr:sizeRestriction="80"' in text and 'subState="curator:needs-review"' in text


def test_translate_toolkit_reads_po_and_xliff(captioned, tmp_path: Path) -> None:
    from translate.convert import po2xliff, xliff2po
    from translate.storage import po, xliff

    service, _ids = captioned
    document = build_export(service, ExportScope("ru"), {})
    po_path = _export(service, tmp_path, "po")
    store = po.pofile(po_path.read_bytes())
    units = [unit for unit in store.units if not unit.isheader()]
    assert units[-1].getcontext() == "curator|end"  # the end mark, nothing to translate
    units = units[:-1]
    assert [unit.getcontext() for unit in units] == [u.key for u in document.units]
    assert [unit.source for unit in units] == [u.source for u in document.units]
    assert po2xliff.convertpo(io.BytesIO(po_path.read_bytes()), io.BytesIO(), None) == 1
    xliff_path = _export(service, tmp_path, "xliff12")
    parsed = xliff.xlifffile(xliff_path.read_bytes())
    assert [unit.getid().split("\x04")[-1] for unit in parsed.units] == [
        u.key for u in document.units
    ]
    # Every target starts as a copy of the source (OmegaT translates the <target>); a draft
    # travels beside it as an <alt-trans> proposal.
    assert [unit.target for unit in parsed.units] == [u.source for u in document.units]
    drafts = [u.target for u in document.units if u.target]
    assert drafts and all(draft in xliff_path.read_text("utf-8") for draft in drafts)
    assert xliff2po.convertxliff(io.BytesIO(xliff_path.read_bytes()), io.BytesIO(), None) == 1


# -- full round trips, edited as the tools edit -------------------------------------------


def test_po_round_trip_through_polib_and_msgcat(captioned, tmp_path: Path) -> None:
    import polib

    service, ids = captioned
    path = _export(service, tmp_path, "po")
    catalog = polib.pofile(str(path))
    for entry in catalog:
        entry.msgstr = _translate(entry.msgid)
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    catalog.reverse()  # reordered entries
    catalog.metadata["Last-Translator"] = "Переводчик <t@example.org>"
    catalog.save(str(path))
    if shutil.which("msgcat"):
        subprocess.run(["msgcat", "--width=30", "-o", str(path), str(path)], check=True)
        strings = [line for line in path.read_text("utf-8").splitlines() if line.startswith('"')]
        assert len(strings) > 20 and max(len(line) for line in strings) <= 40
    # CRLF and a byte-order mark, as some Windows tools write.
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    _apply(service, path)
    _assert_all_translated(service, ids)
    assert service.captions.get(ids[0], "ru", CaptionField.CAPTION).status == CaptionStatus.DRAFT


def test_xliff12_round_trip_through_translate_toolkit(captioned, tmp_path: Path) -> None:
    from translate.storage import xliff

    service, ids = captioned
    path = _export(service, tmp_path, "xliff12")
    store = xliff.xlifffile(path.read_bytes())
    for unit in store.units:
        unit.target = _translate(unit.source)
        unit.addalttrans("Машинный перевод", origin="mt")  # what CAT tools add
        unit.addnote("Проверено", origin="translator")
    path.write_bytes(bytes(store))
    _apply(service, path)
    _assert_all_translated(service, ids)


def _resave_xml(path: Path, edit) -> None:
    """Re-save as a CAT tool might: parsed, edited, attributes re-ordered, re-indented."""
    tree = ET.parse(path)
    root = tree.getroot()
    for element in root.iter():
        if element.attrib:
            items = sorted(element.attrib.items(), reverse=True)
            element.attrib.clear()
            element.attrib.update(items)
    edit(root)
    ET.indent(root, space="\t")
    tree.write(path, encoding="utf-8", xml_declaration=True)


def test_xliff20_round_trip_with_states_changed(captioned, tmp_path: Path) -> None:
    service, ids = captioned
    path = _export(service, tmp_path, "xliff20")
    ns = "{urn:oasis:names:tc:xliff:document:2.0}"

    def edit(root: ET.Element) -> None:
        for segment in root.iter(f"{ns}segment"):
            target = segment.find(f"{ns}target")
            if target is None:
                target = ET.SubElement(segment, f"{ns}target")
            target.text = _translate(segment.find(f"{ns}source").text)
            segment.set("state", "reviewed")
            segment.attrib.pop("subState", None)

    _resave_xml(path, edit)
    _apply(service, path)
    _assert_all_translated(service, ids)


def test_xlsx_round_trip_through_openpyxl(captioned, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    service, ids = captioned
    path = _export(service, tmp_path, "xlsx")
    workbook = load_workbook(path)
    sheet = workbook["Captions"]
    header = [cell.value for cell in sheet[1]]
    assert header[:8] == [
        "key",
        "source",
        "target",
        "status",
        "notes",
        "budget_chars",
        "revision",
        "source_hash",
    ]
    for row in sheet.iter_rows(min_row=2):
        row[2].value = _translate(row[1].value)
        row[3].value = "draft"
    sheet.insert_cols(9)  # a translator's own column
    workbook.save(path)
    _apply(service, path)
    _assert_all_translated(service, ids)


def _profile(tmp_path: Path) -> str:
    """A LibreOffice profile of the test's own: one shared profile lets concurrent runs fail."""
    return f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice")
def test_xlsx_resaved_by_libreoffice_reads_back(captioned, tmp_path: Path) -> None:
    service, _ids = captioned
    path = _export(service, tmp_path, "xlsx")
    out = tmp_path / "lo"
    subprocess.run(
        [
            "soffice",
            _profile(tmp_path),
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    incoming = read_caption_file(out / "ru.xlsx")
    plan = plan_import(service, incoming, path)
    assert plan.count(PlanAction.UNCHANGED) + plan.count(PlanAction.UNTRANSLATED) == len(
        plan.entries
    )


def _csv_rows(path: Path, encoding: str = "utf-8-sig") -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode(encoding), newline="")))


def test_csv_is_utf8_with_bom_and_the_contract_columns(captioned, tmp_path: Path) -> None:
    service, _ids = captioned
    path = _export(service, tmp_path, "csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = _csv_rows(path)
    assert rows[0][:8] == [
        "key",
        "source",
        "target",
        "status",
        "notes",
        "budget_chars",
        "revision",
        "source_hash",
    ]
    semicolon = _export(service, tmp_path, "csv", csv_separator=";")
    assert semicolon.read_bytes().decode("utf-8-sig").splitlines()[0].startswith("key;source;")


@pytest.mark.parametrize(("separator", "encoding"), [(";", "utf-8-sig"), ("\t", "utf-16")])
def test_csv_resaved_by_excel_reads_back(
    captioned, tmp_path: Path, separator: str, encoding: str
) -> None:
    service, ids = captioned
    path = _export(service, tmp_path, "csv")
    rows = _csv_rows(path)
    for row in rows[1:]:
        row[2] = _translate(row[1])
    stream = io.StringIO(newline="")
    csv.writer(stream, delimiter=separator, lineterminator="\r\n").writerows(rows)
    path.write_bytes(stream.getvalue().encode(encoding))
    _apply(service, path)
    _assert_all_translated(service, ids)


def test_csv_without_its_extra_columns_needs_the_language(captioned, tmp_path: Path) -> None:
    service, ids = captioned
    path = _export(service, tmp_path, "csv")
    rows = [row[:8] for row in _csv_rows(path)]
    for row in rows[1:]:
        row[2] = _translate(row[1])
    stream = io.StringIO(newline="")
    csv.writer(stream).writerows(rows)
    path.write_text(stream.getvalue(), "utf-8")
    with pytest.raises(UsageError, match="does not say which language"):
        plan_import(service, read_caption_file(path), path)
    plan = plan_import(service, read_caption_file(path), path, target_language="ru")
    apply_plan(service, plan)
    _assert_all_translated(service, ids)


# -- refused files ----------------------------------------------------------------------


@pytest.mark.skipif(not REALWORLD.is_dir(), reason="needs ../shared/data/realworld")
@pytest.mark.parametrize(
    "name",
    [
        "poedit/de.po",
        "poedit/testfile_cs.po",
        "poedit/crowdin.xliff",
        "poedit/smartcat_ai.xliff",
        "poedit/TYPO3_xliff10_sample.xlf",
        "poedit/xcode.xliff",
        "poedit/angular_xliff12.xliff",
        "rapid-photo-downloader/hu.po",
        "picard/countries/de.po",
        "rapid-photo-downloader/ja.po",
    ],
)
def test_other_programs_files_are_refused_with_their_line(name: str) -> None:
    path = REALWORLD / name
    with pytest.raises(UsageError, match="not a Curator caption file") as raised:
        read_caption_file(path)
    assert str(path) in raised.value.message
    assert ", line " in raised.value.message


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'msgid ""\nmsgstr ""\n\nmsgctxt "a|caption"\nmsgid "x\nmsgstr ""\n', "line 5"),
        (b'msgctxt "a|caption"\nmsgid "x"\nmsgstr "y"\nbogus line\n', "line 4"),
        (b'<?xml version="1.0"?>\n<xliff version="1.2">\n<file>\n</xliff>\n', "line 4"),
        (
            b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "aaaa">]>\n<xliff>&a;</xliff>',
            "entities",
        ),
        (b"key,source\r\n", "first row"),
        (b"\xff\xfe\x00\xd8", "UTF"),
        (b"PK\x03\x04 not really a zip", "XLSX"),
    ],
)
def test_malformed_files_name_the_line(data: bytes, message: str, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=message):
        read_caption_bytes(data, tmp_path / "bad")


def test_a_refused_file_changes_nothing(captioned, tmp_path: Path) -> None:
    service, _ids = captioned
    before = service.captions.status_counts(["vi", "ru", "en"])
    path = _export(service, tmp_path, "po")
    path.write_bytes(path.read_bytes().replace(b'msgstr ""\n"Project', b'msgstr "\n"Project'))
    with pytest.raises(UsageError):
        read_caption_file(path)
    assert service.captions.status_counts(["vi", "ru", "en"]) == before


def test_every_format_reads_back_what_it_wrote(captioned, tmp_path: Path) -> None:
    service, _ids = captioned
    for fmt in FORMATS:
        path = _export(service, tmp_path, fmt)
        plan = plan_import(service, read_caption_file(path), path)
        assert {entry.action for entry in plan.entries} <= {
            PlanAction.UNCHANGED,
            PlanAction.UNTRANSLATED,
        }, fmt


@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice")
@pytest.mark.parametrize(("separator", "code"), [(",", 44), (";", 59)])
def test_csv_opens_in_libreoffice_with_every_letter(
    captioned, tmp_path: Path, separator: str, code: int
) -> None:
    from openpyxl import load_workbook

    service, _ids = captioned
    path = _export(service, tmp_path, "csv", csv_separator=separator)
    out = tmp_path / "lo"
    # What LibreOffice's Text Import dialog sets for a UTF-8 file: separator, quote, UTF-8.
    subprocess.run(
        [
            "soffice",
            _profile(tmp_path),
            "--headless",
            f"--infilter=CSV:{code},34,76",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    rows = list(load_workbook(out / "ru.xlsx").active.iter_rows(values_only=True))
    assert rows[0][:3] == ("key", "source", "target")
    document = build_export(service, ExportScope("ru"), {})
    assert [row[1] for row in rows[1:]] == [unit.source for unit in document.units]
    assert [row[2] or "" for row in rows[1:]] == [unit.target for unit in document.units]


def test_an_xlsx_zip_bomb_or_entity_is_refused(tmp_path: Path) -> None:
    import zipfile

    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("xl/sharedStrings.xml", b"\0" * (210 * 1024 * 1024))
    with pytest.raises(UsageError, match="unpacks to more than"):
        read_caption_bytes(bomb.getvalue(), tmp_path / "bomb.xlsx")
    # A workbook whose XML declares entities (billion laughs) is refused by defusedxml.
    from openpyxl import Workbook

    book = io.BytesIO()
    Workbook().save(book)
    hostile = io.BytesIO()
    with zipfile.ZipFile(book) as source, zipfile.ZipFile(hostile, "w") as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "xl/workbook.xml":
                content = content.replace(
                    b"?>", b'?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]>', 1
                )
            target.writestr(item, content)
    with pytest.raises(UsageError):
        read_caption_bytes(hostile.getvalue(), tmp_path / "laughs.xlsx")

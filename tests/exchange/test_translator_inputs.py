"""Issue 17's classes tried again with the texts a real exhibition has (audit aud17): numbers
and dates a spreadsheet converts, keys a translate-toolkit conversion drops, through the real
tools (LibreOffice headless, translate-toolkit); every text compared byte for byte."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from curator.core.model import CaptionField, CaptionStatus, Photo
from curator.core.services import CaptionEdit, ProjectService
from curator.core.translators.caption_exchange import ExportScope, build_export, record_export
from curator.core.translators.exchange_apply import apply_plan
from curator.core.translators.exchange_plan import PlanAction, plan_import
from curator.exchange.captions import SUFFIXES, read_caption_file, write_caption_file

#: Captions a spreadsheet takes for a number, a date, a time or a truth value when it opens
#: a CSV (a year and a date are whole headlines in a press exhibition).
NUMBERS = ["0123", "02/09", "30/4/1975", "1e5", "TRUE", "12:30", "(5)", "50%", "1975-04-30"]


@pytest.fixture
def numbers(tmp_path: Path) -> Iterator[tuple[ProjectService, list[str]]]:
    """vi captions and ru translations that are numbers, dates, times to a spreadsheet."""
    path = tmp_path / "exhibition.curator"
    service = ProjectService.create(path, title="Việt Nam – Nga", languages=["vi", "ru"])
    ids: list[str] = []
    with service.store.transaction():
        for index in range(len(NUMBERS)):
            photo = Photo(
                id="", path=Path(f"/p/{index}.jpg"), sha256=f"h{index}", width=60, height=40
            )
            ids.append(service.photos.add(photo).id)
    edits = []
    for photo_id, text in zip(ids, NUMBERS, strict=True):
        edits.append(CaptionEdit(photo_id, "vi", CaptionField.CAPTION, text, CaptionStatus.FINAL))
        edits.append(CaptionEdit(photo_id, "ru", CaptionField.CAPTION, text, CaptionStatus.DRAFT))
    service.set_captions(edits)
    yield service, ids
    service.close()


def _export(service: ProjectService, folder: Path, fmt: str) -> Path:
    document = build_export(service, ExportScope("ru"), {})
    record_export(service, document, fmt)
    path = folder / f"ru{SUFFIXES[fmt]}"
    write_caption_file(path, document, fmt)
    return path


def _libreoffice(tmp_path: Path, path: Path, target: str, csv: bool) -> Path:
    """``path`` opened in LibreOffice as a translator opens it and saved as ``target``."""
    out = tmp_path / "lo" / target[:4]
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}",
            "--headless",
            *(["--infilter=CSV:44,34,76"] if csv else []),
            "--convert-to",
            target,
            "--outdir",
            str(out),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    [saved] = out.iterdir()
    return saved


@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice")
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_numbers_and_dates_survive_a_spreadsheet(numbers, tmp_path: Path, fmt: str) -> None:
    """Opened in LibreOffice and saved again, untouched translations stay as they were."""
    service, _ids = numbers
    path = _export(service, tmp_path, fmt)
    for target in ("xlsx", "csv:Text - txt - csv (StarCalc):44,34,76,1"):
        saved = _libreoffice(tmp_path, path, target, csv=fmt == "csv")
        incoming = read_caption_file(saved)
        plan = plan_import(service, incoming, saved)
        assert {entry.action for entry in plan.entries} == {PlanAction.UNCHANGED}, [
            (entry.current_text, entry.incoming_text)
            for entry in plan.entries
            if entry.action != PlanAction.UNCHANGED
        ]
        assert sorted(entry.source or "" for entry in incoming.entries) == sorted(NUMBERS)


def test_a_truth_value_typed_in_a_workbook_reads_as_the_sheet_shows_it(
    numbers, tmp_path: Path
) -> None:
    """Excel turns a typed ``TRUE`` into a truth value; it comes back as ``TRUE``, not ``True``."""
    from openpyxl import load_workbook

    service, ids = numbers
    path = _export(service, tmp_path, "xlsx")
    book = load_workbook(path)
    sheet = book.active
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == f"{ids[0]}|caption")
    row[2].value = True
    book.save(path)
    plan = plan_import(service, read_caption_file(path), path)
    [entry] = [e for e in plan.entries if e.key == f"{ids[0]}|caption"]
    assert entry.action == PlanAction.CHANGED
    apply_plan(service, plan, backup=False)
    assert service.captions.get(ids[0], "ru", CaptionField.CAPTION).text == "TRUE"


# -- keys a translate-toolkit conversion drops ------------------------------------------------

#: Captions that stress a conversion: line breaks, a tab, markup and entities as text,
#: placeholders a tool may take for its own, emoji, right-to-left scripts, a long caption.
TEXTS = [
    "Dòng một\nDòng hai\n\nĐoạn ba",
    "Cột\tmột\tcột hai",
    '<b>Hà Nội</b> &amp; Moskva & TASS < 5 "trích dẫn"',
    "%s được %(x)s gửi {name} lúc %d%%",
    "🇻🇳🤝🇷🇺 👍🏽 Ngày hội",
    "صورة من هانوي עם תמונה מהאנוי",
    ("Phóng viên TTXVN tác nghiệp tại Moskva. " * 130)[:5000].strip(),
]


@pytest.fixture
def stressed(tmp_path: Path) -> Iterator[tuple[ProjectService, list[str]]]:
    """vi captions that stress a conversion (English too: a tool may call the source en-US)."""
    path = tmp_path / "exhibition.curator"
    service = ProjectService.create(path, title="Việt Nam – Nga", languages=["vi", "ru", "en"])
    ids: list[str] = []
    with service.store.transaction():
        for index in range(len(TEXTS)):
            photo = Photo(
                id="", path=Path(f"/p/{index} ảnh.jpg"), sha256=f"h{index}", width=60, height=40
            )
            ids.append(service.photos.add(photo).id)
    edits = []
    for photo_id, text in zip(ids, TEXTS, strict=True):
        edits.append(CaptionEdit(photo_id, "vi", CaptionField.CAPTION, text, CaptionStatus.FINAL))
        edits.append(CaptionEdit(photo_id, "en", CaptionField.CAPTION, f"English {photo_id}"))
    service.set_captions(edits)
    yield service, ids
    service.close()


def _toolkit(name: str) -> str:
    found = shutil.which(name) or str(Path(sys.executable).parent / name)
    if not Path(found).exists():
        pytest.skip(f"needs translate-toolkit's {name}")
    return found


def _translated_po(service: ProjectService, tmp_path: Path) -> Path:
    """A PO export every entry of which the translator translated (with polib)."""
    import polib

    path = _export(service, tmp_path, "po")
    catalog = polib.pofile(str(path))
    for entry in catalog:
        if entry.msgctxt and "|" in entry.msgctxt and entry.msgctxt != "curator|end":
            entry.msgstr = f"RU {entry.msgid}"
    catalog.save(str(path))
    return path


def _applied_byte_for_byte(service: ProjectService, ids: list[str], path: Path) -> None:
    plan = plan_import(service, read_caption_file(path), path)
    assert {entry.action for entry in plan.entries} == {PlanAction.NEW}, [
        (entry.key, entry.action, entry.message) for entry in plan.entries
    ]
    apply_plan(service, plan, backup=False)
    for photo_id, text in zip(ids, TEXTS, strict=True):
        caption = service.captions.get(photo_id, "ru", CaptionField.CAPTION)
        assert caption is not None and caption.text == f"RU {text}"


def test_po2xliff_without_a_template_is_read_through_the_po_header(
    stressed, tmp_path: Path
) -> None:
    """``po2xliff ru.po ru.xlf`` (no template): the keys are gone and the file says its source
    is en-US; the PO header it keeps as a unit names the project, export and languages."""
    service, ids = stressed
    po = _translated_po(service, tmp_path)
    out = tmp_path / "converted.xlf"
    subprocess.run([_toolkit("po2xliff"), str(po), str(out)], check=True, capture_output=True)
    assert b'source-language="en-US"' in out.read_bytes()
    _applied_byte_for_byte(service, ids, out)


def test_po2xliff_then_xliff2po_is_read_through_the_record_of_origin(
    stressed, tmp_path: Path
) -> None:
    """Back to PO through XLIFF: no msgctxt any more, but Curator's comments and header."""
    service, ids = stressed
    po = _translated_po(service, tmp_path)
    xliff, back = tmp_path / "converted.xlf", tmp_path / "back.po"
    subprocess.run([_toolkit("po2xliff"), str(po), str(xliff)], check=True, capture_output=True)
    subprocess.run([_toolkit("xliff2po"), str(xliff), str(back)], check=True, capture_output=True)
    assert "msgctxt" not in back.read_text("utf-8")
    _applied_byte_for_byte(service, ids, back)


# -- a file cut in the middle ------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["po", "csv"])
def test_a_file_cut_inside_a_character_is_refused_as_cut_short(
    stressed, tmp_path: Path, fmt: str
) -> None:
    """Cut inside a Vietnamese letter's bytes, the file is called cut, not mis-encoded."""
    from curator.core.errors import UsageError

    service, _ids = stressed
    path = _export(service, tmp_path, fmt)
    data = path.read_bytes()
    cut = data.find("ột".encode()) + 1  # between the bytes of "ộ"
    path.write_bytes(data[:cut])
    with pytest.raises(UsageError) as refused:
        read_caption_file(path)
    assert "cut short" in str(refused.value)
    assert "another encoding" not in str(refused.value)


@pytest.mark.parametrize("fmt", ["xliff12", "xliff20"])
@pytest.mark.parametrize("share", [0.3, 0.6, 0.95])
def test_an_xliff_cut_short_is_refused_as_cut_short(
    stressed, tmp_path: Path, fmt: str, share: float
) -> None:
    """Cut anywhere, an XLIFF says it was cut short, not that its XML is malformed."""
    from curator.core.errors import UsageError

    service, _ids = stressed
    path = _export(service, tmp_path, fmt)
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * share)])
    with pytest.raises(UsageError) as refused:
        read_caption_file(path)
    assert "cut short" in str(refused.value)


# -- LibreOffice's own format ------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice")
def test_a_workbook_saved_as_ods_by_libreoffice_imports_byte_for_byte(
    stressed, tmp_path: Path
) -> None:
    """Translated in the XLSX, saved by LibreOffice in its own format (ODS)."""
    from openpyxl import load_workbook

    service, ids = stressed
    path = _export(service, tmp_path, "xlsx")
    book = load_workbook(path)
    for row in book.active.iter_rows(min_row=2):
        row[2].value = f"RU {row[1].value}"
    book.save(path)
    saved = _libreoffice(tmp_path, path, "ods", csv=False)
    assert saved.suffix == ".ods"
    _applied_byte_for_byte(service, ids, saved)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice")
def test_an_untouched_csv_saved_as_ods_changes_nothing(numbers, tmp_path: Path) -> None:
    service, _ids = numbers
    path = _export(service, tmp_path, "csv")
    saved = _libreoffice(tmp_path, path, "ods", csv=True)
    plan = plan_import(service, read_caption_file(saved), saved)
    assert {entry.action for entry in plan.entries} == {PlanAction.UNCHANGED}, [
        (entry.current_text, entry.incoming_text) for entry in plan.entries
    ]


def _ods(content: bytes) -> bytes:
    import io
    import zipfile

    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
    return stream.getvalue()


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (
            b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>',
            "entities",
        ),
        (
            b'<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:'
            b'office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
            b'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body>'
            b'<office:spreadsheet><table:table table:name="Budget"><table:table-row '
            b'table:number-rows-repeated="1048576"><table:table-cell><text:p>Hello</text:p>'
            b"</table:table-cell></table:table-row></table:table></office:spreadsheet>"
            b"</office:body></office:document-content>",
            "not a Curator caption file",
        ),
    ],
)
def test_an_ods_of_something_else_is_refused(tmp_path: Path, content: bytes, words: str) -> None:
    from curator.core.errors import UsageError
    from curator.exchange.captions import read_caption_bytes

    with pytest.raises(UsageError, match=words):
        read_caption_bytes(_ods(content), tmp_path / "sheet.ods")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice")
def test_a_source_hash_of_digits_survives_a_spreadsheet(tmp_path: Path) -> None:
    """A record of origin that happens to be all digits is not rounded to 9267311108063780."""
    path = tmp_path / "exhibition.curator"
    with ProjectService.create(path, title="T", languages=["vi", "ru"]) as service:
        with service.store.transaction():
            photo = service.photos.add(
                Photo(id="", path=Path("/p/a.jpg"), sha256="h", width=60, height=40)
            )
        # Its source hash is 9267311108063776: sixteen digits, past what a spreadsheet keeps.
        service.set_caption(photo.id, "vi", CaptionField.CAPTION, "Ảnh số 4324")
        exported = _export(service, tmp_path, "csv")
        saved = _libreoffice(tmp_path, exported, "csv:Text - txt - csv (StarCalc):44,34,76,1", True)
        [entry] = read_caption_file(saved).entries
        assert entry.source_hash == "9267311108063776"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice")
@pytest.mark.parametrize("target", ["xlsx", "ods"])
def test_a_reworked_workbook_is_read_by_its_sheet_name_and_column_names(
    stressed, tmp_path: Path, target: str
) -> None:
    """A sheet of the translator's own first, a column inserted, the key column moved."""
    from openpyxl import load_workbook

    service, ids = stressed
    path = _export(service, tmp_path, "xlsx")
    book = load_workbook(path)
    sheet = book["Captions"]
    sheet.insert_cols(3)
    sheet.cell(1, 3).value = "Comment"
    sheet.move_range(f"A1:A{sheet.max_row}", cols=20)
    for row in sheet.iter_rows(min_row=2):
        row[3].value = f"RU {row[1].value}"
    notes = book.create_sheet("Notes", 0)
    notes.append(["key", "target"])
    notes.append(["x|caption", "a note of the translator's"])
    book.save(path)
    saved = _libreoffice(tmp_path, path, target, csv=False)
    _applied_byte_for_byte(service, ids, saved)

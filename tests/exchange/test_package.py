"""The translator's package: what is in the zip, and the caption file coming back."""

from __future__ import annotations

import io
import subprocess
import zipfile
from pathlib import Path

import pytest

from curator.core.errors import UsageError
from curator.core.translators.caption_exchange import ExportScope, build_export
from curator.core.translators.exchange_plan import PlanAction, plan_import
from curator.exchange.captions import read_caption_bytes, read_caption_file
from curator.exchange.package import caption_file_in_zip
from curator.exchange.translator_package import translator_package


def _package(service, fmt: str = "po") -> tuple[bytes, object]:
    document = build_export(service, ExportScope("ru"))
    return translator_package(service, document, fmt), document


def test_the_package_holds_caption_file_sheet_glossary_and_note(captioned, tmp_path) -> None:
    service, ids = captioned
    data, _document = _package(service)
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert sorted(archive.namelist()) == [
        "captions-ru.po",
        "contact-sheet.pdf",
        "glossary.tbx",
        "note-ru.pdf",
        "note-ru.txt",
    ]
    sheet = tmp_path / "sheet.pdf"
    sheet.write_bytes(archive.read("contact-sheet.pdf"))
    text = subprocess.run(
        ["pdftotext", "-layout", str(sheet), "-"], capture_output=True, text=True, check=True
    ).stdout
    for photo_id in ids:
        assert photo_id in text
    assert "Генеральный директор ВИА" in text  # the current Russian caption
    assert "Tổng Giám đốc TTXVN" in text
    fonts = subprocess.run(["pdffonts", str(sheet)], capture_output=True, text=True).stdout
    assert all(" yes yes " in line for line in fonts.splitlines()[2:])
    assert b"<martif" in archive.read("glossary.tbx")
    # The note speaks the target language, whatever the interface speaks.
    note = archive.read("note-ru.txt").decode("utf-8")
    assert "PHOTO_ID|field" in note


@pytest.mark.parametrize("fmt", ["po", "xliff12", "xlsx"])
def test_the_caption_file_imports_back_unchanged(captioned, tmp_path: Path, fmt: str) -> None:
    service, _ids = captioned
    data, _document = _package(service, fmt)
    path = tmp_path / "ru.zip"
    path.write_bytes(data)
    name, inner = caption_file_in_zip(data, path)
    for incoming in (read_caption_bytes(inner, tmp_path / name), read_caption_file(path)):
        plan = plan_import(service, incoming, path)
        assert {entry.action for entry in plan.entries} <= {
            PlanAction.UNCHANGED,
            PlanAction.UNTRANSLATED,
        }


def test_unsafe_or_ambiguous_packages_are_refused(tmp_path: Path) -> None:
    def zipped(*names: str) -> bytes:
        stream = io.BytesIO()
        with zipfile.ZipFile(stream, "w") as archive:
            for name in names:
                archive.writestr(name, b'msgctxt "a|caption"\nmsgid "x"\nmsgstr "y"\n')
        return stream.getvalue()

    with pytest.raises(UsageError, match="unsafe file name"):
        read_caption_bytes(zipped("../../etc/evil.po"), tmp_path / "a.zip")
    with pytest.raises(UsageError, match="unsafe file name"):
        read_caption_bytes(zipped("/abs.po"), tmp_path / "a.zip")
    with pytest.raises(UsageError, match="several caption files"):
        read_caption_bytes(zipped("a.po", "b.po"), tmp_path / "a.zip")
    with pytest.raises(UsageError, match="no caption file"):
        read_caption_bytes(zipped("readme.txt"), tmp_path / "a.zip")

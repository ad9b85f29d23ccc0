"""Libraries' own English never reaches a person: real errors from Pillow, Qt, SQLite, XML,
zip, CSV, reportlab and the system are put in Curator's translated words."""

from __future__ import annotations

import csv
import errno
import io
import sqlite3
import struct
import xml.etree.ElementTree as ElementTree
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from curator import i18n
from curator.core.checks.problems import Problem
from curator.core.language import library_messages as lm
from curator.ingest.imaging import ImagingError, probe

CLAUSES = {value for name, value in vars(lm).items() if name.isupper() and isinstance(value, str)}


def _jpeg(tmp_path: Path) -> Path:
    path = tmp_path / "photo.jpg"
    Image.effect_noise((64, 48), 40).convert("RGB").save(path, quality=90)
    return path


def _capture(action: Callable[[], object]) -> BaseException:
    try:
        action()
    except Exception as error:
        return error
    raise AssertionError("the library did not fail")


def _pillow_garbage(tmp_path: Path) -> BaseException:
    return _capture(lambda: Image.open(io.BytesIO(b"not an image at all" * 10)))


def _pillow_truncated(tmp_path: Path) -> BaseException:
    data = _jpeg(tmp_path).read_bytes()
    return _capture(lambda: Image.open(io.BytesIO(data[: len(data) // 2])).load())


def _tiff_without_size(tmp_path: Path) -> BaseException:
    # A TIFF whose only directory entry is its photometric interpretation: no width, no height.
    entry = struct.pack("<HHIHH", 262, 3, 1, 2, 0)
    data = b"II*\x00" + struct.pack("<I", 8) + struct.pack("<H", 1) + entry + b"\x00" * 4
    return _capture(lambda: Image.open(io.BytesIO(data)).load())


def _sqlite_garbage(tmp_path: Path) -> BaseException:
    path = tmp_path / "garbage.curator"
    path.write_bytes(b"x" * 4096)
    return _capture(lambda: sqlite3.connect(path).execute("SELECT * FROM sqlite_master").fetchall())


def _xml_broken(tmp_path: Path) -> BaseException:
    return _capture(lambda: ElementTree.fromstring("<a><b></a>"))


def _zip_broken(tmp_path: Path) -> BaseException:
    return _capture(lambda: zipfile.ZipFile(io.BytesIO(b"PK not really")))


def _csv_field(tmp_path: Path) -> BaseException:
    line = "a," + "b" * (csv.field_size_limit() + 10) + "\n"
    return _capture(lambda: list(csv.reader(io.StringIO(line))))


def _missing_file(tmp_path: Path) -> BaseException:
    return _capture(lambda: (tmp_path / "gone.jpg").open("rb"))


def _folder_as_file(tmp_path: Path) -> BaseException:
    return _capture(lambda: tmp_path.open("rb"))


def _reportlab_font(tmp_path: Path) -> BaseException:
    from reportlab.pdfbase.ttfonts import TTFont

    bad = tmp_path / "broken.ttf"
    bad.write_bytes(b"\x00\x01\x00\x00" + b"\x00" * 40)
    return _capture(lambda: TTFont("Broken", str(bad)))


def _qt_reader(tmp_path: Path) -> BaseException:
    from PySide6.QtGui import QImageReader

    path = tmp_path / "noise.jpg"
    path.write_bytes(b"\xff\xd8\xff garbage" * 20)
    reader = QImageReader(str(path))
    assert reader.read().isNull()
    return OSError(reader.errorString())  # as curator.ui.views.library raises it


REAL_ERRORS = {
    "pillow-garbage": (_pillow_garbage, lm.NOT_IMAGE),
    "pillow-truncated": (_pillow_truncated, lm.TRUNCATED),
    "tiff-missing-dimensions": (_tiff_without_size, None),
    "sqlite-not-a-database": (_sqlite_garbage, lm.DATABASE_DAMAGED),
    "xml-mismatched-tag": (_xml_broken, lm.BAD_XML),
    "zip-bad": (_zip_broken, lm.NOT_ZIP),
    "csv-field-too-long": (_csv_field, lm.CSV_FIELD_TOO_LONG),
    "missing-file": (_missing_file, lm.NOT_FOUND),
    "folder-as-file": (_folder_as_file, lm.IS_FOLDER),
    "reportlab-font": (_reportlab_font, lm.FONT),
    "qt-reader": (_qt_reader, None),
}


@pytest.mark.parametrize("language", ["vi", "ru"])
@pytest.mark.parametrize("case", sorted(REAL_ERRORS))
def test_a_real_library_error_is_said_in_curators_words(
    case: str, language: str, tmp_path: Path
) -> None:
    make, expected = REAL_ERRORS[case]
    error = make(tmp_path)
    raw = str(error)
    i18n.set_language(language)
    said = lm.reason(error)
    translated = {i18n._(clause) for clause in CLAUSES}
    assert said in translated, f"{case}: {raw!r} came out as {said!r}"
    if expected is not None:
        assert said == i18n._(expected)
    assert raw not in said
    assert not any(word in said for word in ("image", "file", "database", "error"))


@pytest.mark.parametrize(
    ("text", "clause"),
    [
        ("image file is truncated (3 bytes not processed)", lm.TRUNCATED),
        ("not identified by this driver", lm.NOT_IMAGE),
        ("Missing dimensions", lm.NO_DIMENSIONS),
        ("cannot identify image file 'x.jpg'", lm.NOT_IMAGE),
        ("Image size (200000000 pixels) exceeds limit of 178956970 pixels", lm.TOO_MANY_PIXELS),
        ("No space left on device", lm.DISK_FULL),
        ("database disk image is malformed", lm.DATABASE_DAMAGED),
        ("database is locked", lm.DATABASE_LOCKED),
        ("the end of the file is missing", lm.TRUNCATED),
        ("dataset 2:120 is truncated", lm.TRUNCATED),
        ("worker died", lm.WORKER_DIED),
        ("Unsupported image format", lm.NOT_IMAGE),
        ("Unable to read image data", lm.DAMAGED),
    ],
)
def test_stored_details_from_older_projects_are_mapped_too(text: str, clause: str) -> None:
    i18n.set_language("vi")
    assert lm.reason(text) == i18n._(clause)
    assert i18n._(clause) != clause  # the catalogue has it


def test_an_unknown_message_is_not_shown_but_named_by_its_kind() -> None:
    i18n.set_language("ru")
    said = lm.reason(RuntimeError("frobnicator jammed at 0x7f"))
    assert "frobnicator" not in said
    assert "RuntimeError" in said
    assert "Curator" in said  # the translated sentence around it


def test_system_errors_go_by_their_number_not_their_english() -> None:
    i18n.set_language("vi")
    full = OSError(errno.ENOSPC, "No space left on device")
    assert lm.reason(full) == i18n._(lm.DISK_FULL)
    assert "No space" not in lm.reason(full)
    odd = OSError(errno.EPROTO, "Protocol error")
    assert "EPROTO" in lm.reason(odd)
    assert "Protocol error" not in lm.reason(odd)


@pytest.mark.parametrize("language", ["vi", "ru"])
def test_a_refused_photo_says_why_in_the_persons_language(language: str, tmp_path: Path) -> None:
    """The import's reader (Pillow underneath) on a cut JPEG and a TIFF with no size."""
    photo = _jpeg(tmp_path)
    cut = tmp_path / "cut.jpg"
    cut.write_bytes(photo.read_bytes()[:300])
    sizeless = tmp_path / "sizeless.tif"
    entry = struct.pack("<HHIHH", 262, 3, 1, 2, 0)
    sizeless.write_bytes(
        b"II*\x00" + struct.pack("<I", 8) + struct.pack("<H", 1) + entry + bytes(4)
    )
    i18n.set_language(language)
    for path in (cut, sizeless):
        with pytest.raises(ImagingError) as caught:
            probe(path)
        message = caught.value.problem.message
        for english in ("truncated", "identified", "driver", "Missing", "dimensions", "cannot"):
            assert english not in message, message


def test_curators_own_names_in_a_detail_stay() -> None:
    i18n.set_language("ru")
    assert "/photos/a.jpg" in Problem("missing-original", "/photos/a.jpg").message
    assert "GIF" in Problem("unsupported-format", "GIF").message
    assert "pixel mode" not in Problem("unsupported-format", "pixel mode CMYK: bad mode").message


@pytest.mark.parametrize("language", ["vi", "ru"])
def test_special_files_and_odd_names_are_said_in_the_persons_language(language: str) -> None:
    i18n.set_language(language)
    fifo = Problem("special-file", "named pipe (FIFO)").message
    assert "named pipe" not in fifo and "FIFO" in fifo
    odd = Problem("file-name-encoding", "caf\\xe9.jpg").message
    assert "caf\\xe9.jpg" in odd  # the name itself, as it is on the disk
    link = Problem("unreadable-file", "the link points nowhere").message
    assert "points nowhere" not in link
    assert i18n._(lm.LINK_NOWHERE) in link
    vips = Problem("corrupt-image", "VipsForeignLoad: “x.jpg” is not a known file format").message
    assert i18n._(lm.NOT_IMAGE) in vips


def test_an_image_too_large_to_import_says_its_size(tmp_path: Path, capsys) -> None:
    """Curator's own refusal names the pixels, in the interface language's digits."""
    from curator import cli
    from tests.ingest.images import write_png_bomb

    bomb = write_png_bomb(tmp_path, side=40_000)
    project = tmp_path / "p.curator"
    assert cli.main(["new", str(project), "--languages", "vi,en"]) == 0
    capsys.readouterr()
    assert cli.main(["import", str(project), str(bomb)]) == 1
    err = capsys.readouterr().err
    assert "too large to import safely: 40000 × 40000 pixels, 1,600 megapixels" in err
    assert "cannot describe" not in err

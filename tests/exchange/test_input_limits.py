"""Caption and glossary files from outside: bounded memory, honest messages, every encoding.

Memory is measured, never time: each file is imported by the real command line in a fresh
process, and the peak resident memory of that process is read by its parent through
``resource.getrusage(RUSAGE_CHILDREN)``. The process may not address more than 2 GB, so a
regression fails here (a MemoryError, or a peak above the limit) instead of taking the
machine's memory. The inputs are the ones the README's reliability table counts.
"""

from __future__ import annotations

import codecs
import io
import json
import os
import sqlite3
import struct
import subprocess
import sys
import zipfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from curator import cli
from curator.core.model import CaptionField, CaptionStatus, Photo
from curator.core.services import CaptionEdit, ProjectService
from curator.core.translators.caption_exchange import ExportScope, build_export
from curator.exchange.captions import caption_file_bytes, read_caption_bytes

ROOT = Path(__file__).resolve().parents[2]
#: Issue 16: any caption or glossary file is refused or planned in less than this.
LIMIT_MB = 300
BIG = 46 * 2**20

_WRAPPER = """
import resource, subprocess, sys
def guard():
    resource.setrlimit(resource.RLIMIT_AS, (2 * 2**30, 2 * 2**30))
done = subprocess.run(sys.argv[1:], capture_output=True, text=True, preexec_fn=guard)
sys.stderr.write(done.stderr)
sys.stdout.write(done.stdout)
print("exit", done.returncode)
print("peak", resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)
"""


def run_measured(*args: str) -> tuple[int, int, str, str]:
    """Run ``curator ARGS`` in a fresh process: (exit code, peak MB, stdout, stderr)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LANGUAGE": "en"}
    done = subprocess.run(
        [sys.executable, "-c", _WRAPPER, sys.executable, "-m", "curator", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        check=True,
    )
    lines = done.stdout.splitlines()
    code = int(lines[-2].split()[1])
    peak = int(lines[-1].split()[1])
    return code, peak, "\n".join(lines[:-2]), done.stderr


def _zipped(name: str, data: bytes) -> bytes:
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, data)
    return stream.getvalue()


def _lying_zip(name: str, data: bytes, declared: int) -> bytes:
    """A zip whose headers say the member unpacks to ``declared`` bytes."""
    raw = bytearray(_zipped(name, data))
    local = raw.find(b"PK\x03\x04")
    struct.pack_into("<I", raw, local + 22, declared)
    central = raw.find(b"PK\x01\x02")
    struct.pack_into("<I", raw, central + 24, declared)
    return bytes(raw)


def _giant_po() -> bytes:
    return b'msgctxt "a|caption"\nmsgid "x"\nmsgstr "' + "ж".encode() * (BIG // 2) + b'"\n'


def _xlsx_with_shared_strings(count: int) -> bytes:
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr(
            "xl/sharedStrings.xml",
            b"<sst>" + b"<si><t>a</t></si>" * count + b"</sst>",
        )
    return stream.getvalue()


HOSTILE_CAPTIONS: dict[str, Callable[[], bytes]] = {
    # A 46 MB PO whose msgstr is one line (6 GB before it was refused).
    "giant-line.po": _giant_po,
    # The same zipped as a translator's package: 215 KB on disk.
    "giant-line-package.zip": lambda: _zipped("captions-ru.po", _giant_po()),
    # A package whose header claims a small member that inflates to 46 MB.
    "lying-header.zip": lambda: _lying_zip("captions-ru.po", _giant_po(), 1000),
    # One msgstr continued over 800,000 short lines.
    "many-lines.po": lambda: (
        b'msgctxt "a|caption"\nmsgid "x"\nmsgstr ""\n' + (b'"' + b"a" * 50 + b'"\n') * (BIG // 54)
    ),
    "giant-cell.csv": lambda: b'key,source,target\na|caption,x,"' + b"a" * BIG + b'"\n',
    "tiny-elements.xlf": lambda: (
        b'<xliff version="1.2"><file>' + b"<a/>" * (BIG // 4) + b"</file></xliff>"
    ),
    "many-names.xlf": lambda: (
        b'<xliff version="1.2"><file>'
        + b"".join(b"<a%d/>" % i for i in range(BIG // 10))
        + b"</file></xliff>"
    ),
    "deep.xlf": lambda: b'<xliff version="1.2">' + b"<g>" * (BIG // 8) + b"</g>" * (BIG // 8),
    "utf16-giant-text.xlf": lambda: (
        '<xliff version="1.2"><file><body><trans-unit id="a|caption"><source>'
        + "a" * (BIG // 2)
        + "</source></trans-unit></body></file></xliff>"
    ).encode("utf-16"),
    "shared-strings.xlsx": lambda: _xlsx_with_shared_strings(3_000_000),
}

HOSTILE_GLOSSARIES: dict[str, Callable[[], bytes]] = {
    "deep.tbx": lambda: b"<martif><text><body>" + b"<x>" * (BIG // 8) + b"</x>" * (BIG // 8),
    "tiny-elements.tbx": lambda: b"<martif><text><body>" + b"<a/>" * (BIG // 4) + b"</body>",
    "giant-line.csv": lambda: b"code,kind,vi\nx,term," + b"a" * BIG + b"\n",
    "million-rows.csv": lambda: (
        b"code,kind,vi,ru\n" + b"".join(b"t%d,term,v%d,r%d\n" % (i, i, i) for i in range(10**6))
    ),
}


@pytest.mark.parametrize("name", sorted(HOSTILE_CAPTIONS))
def test_a_hostile_caption_file_is_refused_in_bounded_memory(
    name: str, project_path: Path, tmp_path: Path
) -> None:
    path = tmp_path / name
    path.write_bytes(HOSTILE_CAPTIONS[name]())
    code, peak, _out, err = run_measured("exchange", "import", str(project_path), str(path))
    assert code == 2, err
    assert name in err and "Nothing was changed." in err and "Traceback" not in err
    assert "MemoryError" not in err
    assert peak < LIMIT_MB, f"{name}: {peak} MB"


@pytest.mark.parametrize("name", sorted(HOSTILE_GLOSSARIES))
def test_a_hostile_glossary_is_refused_in_bounded_memory(
    name: str, project_path: Path, tmp_path: Path
) -> None:
    path = tmp_path / name
    path.write_bytes(HOSTILE_GLOSSARIES[name]())
    code, peak, _out, err = run_measured("glossary", "import", str(project_path), str(path))
    assert code == 2, err
    assert name in err and "Nothing was changed." in err and "Traceback" not in err
    assert peak < LIMIT_MB, f"{name}: {peak} MB"


@pytest.fixture(scope="module")
def big_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """10,000 photos with Vietnamese captions and headlines: a very large exhibition."""
    path = tmp_path_factory.mktemp("big") / "big.curator"
    service = ProjectService.create(path, title="Lớn", languages=["vi", "ru", "en"])
    text = "Tổng Giám đốc TTXVN Vũ Việt Trang hội đàm với Tổng giám đốc TASS."
    with service.store.transaction():
        ids = [
            service.photos.add(
                Photo(id="", path=Path(f"/p/{i}.jpg"), sha256=f"h{i}", width=60, height=40)
            ).id
            for i in range(10_000)
        ]
    fields = (CaptionField.HEADLINE, CaptionField.CAPTION, CaptionField.PLACE)
    service.set_captions([CaptionEdit(pid, "vi", field, text) for pid in ids for field in fields])
    service.close()
    return path


@pytest.mark.parametrize("fmt", ["po", "xliff12", "xliff20", "csv", "xlsx"])
def test_the_largest_exhibitions_file_is_planned_in_bounded_memory(
    fmt: str, big_project: Path, tmp_path: Path
) -> None:
    """Every caption of 10,000 photos (30,000 entries), translated, in each format."""
    with ProjectService.open(big_project, read_only=True) as service:
        document = build_export(service, ExportScope("ru"))
    # Final, so XLIFF 1.2 carries the translation as its target (a draft would travel as an
    # alt-trans proposal beside a copy of the source).
    units = tuple(
        replace(unit, target="Перевод", status=CaptionStatus.FINAL) for unit in document.units
    )
    data = caption_file_bytes(replace(document, units=units), fmt)
    path = tmp_path / f"ru.{fmt}"
    path.write_bytes(data)
    code, peak, out, err = run_measured("exchange", "import", str(big_project), str(path), "--json")
    assert code == 0, err
    plan = json.loads(out)
    assert len(plan["entries"]) == 30_000
    assert {entry["action"] for entry in plan["entries"]} == {"new"}
    assert peak < LIMIT_MB, f"{fmt}: {peak} MB"


# -- what a file is ---------------------------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 40
NOT_CAPTIONS = {
    "photo.po": (PNG, "this is a PNG image"),
    "scan.xlf": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + b"\x00" * 50, "this is a PDF document"),
    "letter.csv": (b"", "a Word document"),
    "archive.po": (b"\x1f\x8b\x08\x00" + b"\x00" * 40, "this is a gzip archive"),
    "old.csv": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 40, "an old Microsoft Office"),
}


def _docx() -> bytes:
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return stream.getvalue()


@pytest.mark.parametrize("name", sorted(NOT_CAPTIONS))
def test_a_file_that_is_no_caption_file_is_called_what_it_is(
    name: str, project_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data, expected = NOT_CAPTIONS[name]
    path = tmp_path / name
    path.write_bytes(data or _docx())
    assert cli.main(["exchange", "import", str(project_path), str(path)]) == 2
    err = capsys.readouterr().err
    assert expected in err and "Nothing was changed." in err
    assert "UTF-8" not in err and "Traceback" not in err


@pytest.mark.parametrize("suffix", [".csv", ".tbx"])
def test_an_image_renamed_as_a_glossary_is_called_an_image(
    suffix: str, project_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / f"names{suffix}"
    path.write_bytes(PNG)
    assert cli.main(["glossary", "import", str(project_path), str(path)]) == 2
    err = capsys.readouterr().err
    assert "this is a PNG image" in err and "Nothing was changed." in err


def test_a_pipe_named_like_a_caption_file_is_refused_without_waiting(
    project_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "ru.po"
    os.mkfifo(path)  # nothing ever writes to it: reading would wait forever
    assert cli.main(["exchange", "import", str(project_path), str(path)]) == 2
    assert "not a regular file" in capsys.readouterr().err


# -- encodings --------------------------------------------------------------------------


def _exported(service: ProjectService, fmt: str) -> bytes:
    return caption_file_bytes(build_export(service, ExportScope("ru")), fmt)


XML_ENCODINGS: dict[str, Callable[[str], bytes]] = {
    "utf-16-le-bom": lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
    "utf-16-be-bom": lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
    "utf-16-le-declared": lambda text: text.encode("utf-16-le"),  # no mark: the declaration
    "utf-16-be-declared": lambda text: text.encode("utf-16-be"),
}


@pytest.mark.parametrize("fmt", ["xliff12", "xliff20"])
@pytest.mark.parametrize("encoding", sorted(XML_ENCODINGS))
def test_utf16_xliff_reads_as_its_utf8_original(captioned, fmt: str, encoding: str) -> None:
    service, _ids = captioned
    original = _exported(service, fmt)
    declaration, rest = original.decode("utf-8").split("\n", 1)
    assert "encoding='utf-8'" in declaration
    text = '<?xml version="1.0" encoding="UTF-16"?>\n' + rest
    converted = XML_ENCODINGS[encoding](text)
    assert read_caption_bytes(converted, Path("ru.xlf")) == read_caption_bytes(
        original, Path("ru.xlf")
    )


@pytest.mark.parametrize(
    "encode",
    [
        lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
        lambda text: text.encode("utf-16"),  # with the machine's byte-order mark
        lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
        lambda text: codecs.BOM_UTF16_LE + text.replace("\n", "\r\n").encode("utf-16-le"),
    ],
    ids=["utf-8-bom", "utf-16", "utf-16-be-bom", "utf-16-le-bom-crlf"],
)
def test_po_with_a_byte_order_mark_reads_as_its_original(
    captioned, encode: Callable[[str], bytes]
) -> None:
    service, _ids = captioned
    original = _exported(service, "po")
    converted = encode(original.decode("utf-8"))
    assert read_caption_bytes(converted, Path("ru.po")) == read_caption_bytes(
        original, Path("ru.po")
    )


def test_a_utf16_tbx_glossary_imports(
    project_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "names.tbx"
    text = (
        '<?xml version="1.0" encoding="UTF-16"?>\n<martif type="TBX" xml:lang="vi"><text><body>'
        '<termEntry id="code-hue"><langSet xml:lang="vi"><tig><term>Huế</term></tig></langSet>'
        '<langSet xml:lang="ru"><tig><term>Хюэ</term></tig></langSet></termEntry>'
        "</body></text></martif>"
    )
    path.write_bytes(text.encode("utf-16-be"))
    assert cli.main(["glossary", "import", str(project_path), str(path)]) == 0
    assert "1 entry added." in capsys.readouterr().out


# -- glossary size ----------------------------------------------------------------------


def test_a_glossary_of_more_entries_than_the_limit_is_refused_by_its_size(
    project_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from curator.exchange import MAX_GLOSSARY_ENTRIES

    path = tmp_path / "huge.csv"
    rows = (f"t{i},term,v{i}\n" for i in range(MAX_GLOSSARY_ENTRIES + 1))
    path.write_text("code,kind,vi\n" + "".join(rows), "utf-8")
    assert cli.main(["glossary", "import", str(project_path), str(path)]) == 2
    err = capsys.readouterr().err
    assert f"more than {MAX_GLOSSARY_ENTRIES} rows" in err and "Nothing was changed." in err


def test_a_project_with_300000_glossary_entries_still_imports_a_glossary(
    project_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """SQLite's variable limit (250,000 here) no longer caps the glossary."""
    conn = sqlite3.connect(project_path)
    with conn:
        conn.executemany(
            "INSERT INTO glossary_entry (id, kind, note) VALUES (?, 'term', '')",
            ((i,) for i in range(1, 300_001)),
        )
        conn.executemany(
            "INSERT INTO glossary_term (entry_id, language, text) VALUES (?, 'vi', ?)",
            ((i, f"từ {i}") for i in range(1, 300_001)),
        )
    conn.close()
    path = tmp_path / "one.csv"
    path.write_text("code,kind,vi,ru\nhue,place,Huế,Хюэ\n", "utf-8")
    assert cli.main(["glossary", "import", str(project_path), str(path), "--no-backup"]) == 0
    assert "1 entry added." in capsys.readouterr().out
    with ProjectService.open(project_path, read_only=True) as service:
        assert service.glossary.count() == 300_001
        assert service.glossary.all()[-1].terms == {"vi": "Huế", "ru": "Хюэ"}

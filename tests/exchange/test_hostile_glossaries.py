"""Hostile glossary files: XML bombs, external entities, enormous cells and nesting.

Each is refused with a message naming the file and saying why, and the project is byte for
byte what it was. What is asserted is behaviour, never time (a loaded machine is slow):
that each refusal comes from the limit meant to stop that input, before it is read whole
(test_input_limits.py measures the memory). The number of bad inputs is in the README.
"""

from __future__ import annotations

import socket
import sqlite3
from pathlib import Path

import pytest

from curator import cli
from curator.core.errors import UsageError
from curator.exchange import read_glossary

TBX_HEAD = b'<?xml version="1.0" encoding="UTF-8"?>\n'
TBX_BODY = (
    b'<martif type="TBX" xml:lang="en"><text><body><termEntry id="e1">'
    b'<langSet xml:lang="vi"><tig><term>TERM</term></tig></langSet>'
    b"</termEntry></body></text></martif>"
)
LAUGHS = (
    b'<!DOCTYPE martif [<!ENTITY a "hahahahaha">'
    + b"".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">'.encode() for i in range(9)
    )
    + b"]>"
)


def dump(path: Path) -> list[str]:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def _tbx(term: bytes, doctype: bytes = b"") -> bytes:
    return TBX_HEAD + doctype + TBX_BODY.replace(b"TERM", term)


BLOWUP = b'<!DOCTYPE martif [<!ENTITY a "' + b"x" * 50_000 + b'">]>'
#: What each refusal says: the limit or check that stopped the file.
REASONS = {
    "billion-laughs": "declares XML entities",
    "quadratic-blowup": "declares XML entities",
    "external-entity": "declares XML entities",
    "parameter-entity": "declares XML entities",
    "huge-term": "a text is longer than 200000 characters",
    "deep-nesting": "line 2: elements are nested more than 64 deep",
    "utf16-bomb": "encoding specified in XML declaration is incorrect",  # it says UTF-8
    "not-xml": "not well-formed XML",
}
HOSTILE_TBX = {
    "billion-laughs": _tbx(b"&j;", LAUGHS),
    "quadratic-blowup": _tbx(b"&a;" * 50_000, BLOWUP),
    "external-entity": _tbx(b"&e;", b'<!DOCTYPE martif [<!ENTITY e SYSTEM "file:///etc/passwd">]>'),
    "parameter-entity": _tbx(
        b"x", b'<!DOCTYPE martif [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>'
    ),
    "huge-term": _tbx(b"x" * 20_000_000),
    "deep-nesting": _tbx(b"<x>" * 300_000 + b"</x>" * 300_000),
    "utf16-bomb": _tbx(b"&j;", LAUGHS).decode().encode("utf-16"),
    "not-xml": b"\x00\xff" * 1000,
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(HOSTILE_TBX))
def test_hostile_tbx_is_refused_and_changes_nothing(
    name: str, project_path: Path, tmp_path: Path, capsys
) -> None:
    path = tmp_path / f"{name}.tbx"
    path.write_bytes(HOSTILE_TBX[name])
    before = dump(project_path)
    assert cli.main(["glossary", "import", str(project_path), str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{name}.tbx" in err and "Traceback" not in err
    assert REASONS[name] in err and "Nothing was changed." in err
    assert "root:" not in err  # nothing of /etc/passwd leaked into a message
    assert dump(project_path) == before


def test_an_external_dtd_is_never_fetched(tmp_path: Path) -> None:
    """TBX files name their DTD; Curator reads them without asking anyone for it."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    server.settimeout(0.3)
    port = server.getsockname()[1]
    path = tmp_path / "names.tbx"
    path.write_bytes(
        _tbx(
            b"Hu\xe1\xba\xbf", f'<!DOCTYPE martif SYSTEM "http://127.0.0.1:{port}/x.dtd">'.encode()
        )
    )
    try:
        (draft,) = read_glossary(path)
        assert draft.terms == {"vi": "Huế"}
        with pytest.raises(TimeoutError):
            server.accept()
    finally:
        server.close()


def test_a_csv_with_a_hundred_million_character_cell_is_refused_by_its_size(
    project_path: Path, tmp_path: Path, capsys
) -> None:
    path = tmp_path / "huge.csv"
    with path.open("wb") as handle:
        handle.write(b'code,kind,vi\nx,term,"')
        chunk = b"a" * 1_000_000
        for _ in range(100):
            handle.write(chunk)
        handle.write(b'"\n')
    before = dump(project_path)
    assert cli.main(["glossary", "import", str(project_path), str(path)]) == 2
    # Refused from its size on disk, before a byte of it is read.
    assert "is too large to import (95 MB; the limit is 50 MB)" in capsys.readouterr().err
    assert dump(project_path) == before


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("big-cell", b'code,kind,vi\nx,term,"' + b"b" * 20_000_000 + b'"\n', "line 2"),
        ("long-term", b"code,kind,vi\nx,term," + b"c" * 50_000 + b"\n", "line 2"),
        ("many-columns", b"code,kind," + b",".join(b"vi" for _ in range(200_000)) + b"\n", ""),
        ("unclosed-quote", b'code,kind,vi\nx,term,"never closed\n' * 1000, ""),
        ("nul-bytes", b"code,kind,vi\n\x00\x00\x00,term,x\n", ""),
        ("latin1", "code,kind,vi\nx,term,Hu\xe9\n".encode("latin-1"), ""),
    ],
)
def test_hostile_csv_is_refused_with_its_place(
    name: str, content: bytes, expected: str, project_path: Path, tmp_path: Path, capsys
) -> None:
    path = tmp_path / f"{name}.csv"
    path.write_bytes(content)
    before = dump(project_path)
    assert cli.main(["glossary", "import", str(project_path), str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{name}.csv" in err and expected in err and "Traceback" not in err
    assert dump(project_path) == before


def test_read_glossary_raises_only_usage_errors_for_these(tmp_path: Path) -> None:
    for name, data in HOSTILE_TBX.items():
        path = tmp_path / f"{name}.tbx"
        path.write_bytes(data)
        with pytest.raises(UsageError):
            read_glossary(path)

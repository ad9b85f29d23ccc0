"""Property tests: any bytes fed to glossary import give drafts or a CuratorError, never more.

A refused file leaves the project byte for byte as it was; an accepted one leaves it whole.
Examples are few and derandomised so CI stays fast and repeatable.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from curator.core.errors import CuratorError
from curator.core.language.glossary_import import plan_import
from curator.core.services import ProjectService
from curator.exchange import apply_glossary_plan, read_glossary

PROPERTY = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

HEADERS = [
    "code,kind,vi,ru,en",
    "kind;vi;en;note",
    "code,kind,vi,variant:vi,forbidden:ru,ru",
    "vi",
    "",
]
KINDS = ["person", "place", "agency", "term", "", "spaceship"]
cells = st.one_of(
    st.text(max_size=30),
    st.sampled_from(KINDS),
    st.text(alphabet='",;\n\r=\x00 ', max_size=8),
)


@st.composite
def csv_files(draw: st.DrawFn) -> bytes:
    header = draw(st.sampled_from(HEADERS))
    separator = ";" if ";" in header else ","
    rows = draw(st.lists(st.lists(cells, max_size=7), max_size=6))
    text = header + "\n" + "\n".join(separator.join(row) for row in rows)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
    return text.encode(encoding, "surrogatepass")


XML_BITS = st.sampled_from(
    [
        "<termEntry>", "</termEntry>", '<termEntry id="x">', '<langSet xml:lang="vi">',
        '<langSet xml:lang="zz-??">', "</langSet>", "<tig>", "</tig>", "<term>", "</term>",
        "Huế", "Москва", '<termNote type="administrativeStatus">deprecatedTerm-admn-sts',
        "</termNote>", "<note>", "</note>", "<descrip type=\"subjectField\">place</descrip>",
        "&amp;", "&lt;", "&#0;", "&#x110000;", "<![CDATA[x]]>", "<!-- c -->", "&e;", "<",
    ]
)  # fmt: skip


@st.composite
def tbx_files(draw: st.DrawFn) -> bytes:
    inside = "".join(draw(st.lists(st.one_of(XML_BITS, st.text(max_size=10)), max_size=25)))
    head = draw(st.sampled_from(["", '<?xml version="1.0" encoding="UTF-8"?>']))
    return (
        f'{head}<martif type="TBX" xml:lang="en"><text><body>{inside}</body></text></martif>'
    ).encode("utf-8", "surrogatepass")


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("base") / "base.curator"
    with ProjectService.create(path, title="T", languages=["vi", "ru", "en"]) as service:
        from curator.core.language.glossary_import import GlossaryDraft
        from curator.core.model import GlossaryKind

        drafts = [GlossaryDraft(GlossaryKind.PLACE, {"vi": "Huế", "en": "Hue"}, code="hue")]
        apply_glossary_plan(service, plan_import([], drafts), backup=False)
    return path


def dump(path: Path) -> list[str]:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def _import(baseline: Path, work: Path, data: bytes, suffix: str) -> None:
    project = work / "p.curator"
    shutil.copyfile(baseline, project)
    before = dump(project)
    source = work / f"g{suffix}"
    source.write_bytes(data)
    with ProjectService.open(project) as service:
        try:
            plan = plan_import(service.glossary.all(), read_glossary(source))
            apply_glossary_plan(service, plan, backup=False)
        except CuratorError as error:
            assert error.message and "Traceback" not in error.message
            refused = True
        else:
            refused = False
        assert service.store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    event("refused" if refused else "imported")
    if refused:
        assert dump(project) == before


@PROPERTY
@given(data=st.one_of(st.binary(max_size=400), csv_files()))
def test_any_csv_is_imported_or_refused_cleanly(baseline: Path, tmp_path: Path, data: bytes):
    _import(baseline, tmp_path, data, ".csv")


@PROPERTY
@given(data=st.one_of(st.binary(max_size=400), tbx_files()))
def test_any_tbx_is_imported_or_refused_cleanly(baseline: Path, tmp_path: Path, data: bytes):
    _import(baseline, tmp_path, data, ".tbx")

"""Hostile caption files: random bytes, huge files, a million entries — refused, nothing changed."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from curator.core.errors import CuratorError, UsageError
from curator.core.translators.caption_exchange import ExportScope, build_export
from curator.core.translators.exchange_apply import apply_plan
from curator.core.translators.exchange_plan import plan_import
from curator.exchange.captions import caption_file_bytes, read_caption_bytes, read_caption_file
from curator.exchange.captions.common import MAX_ENTRIES

PATH = Path("hostile")


@settings(max_examples=150, deadline=None, derandomize=True)
@given(data=st.binary(max_size=2000))
def test_random_bytes_raise_only_curators_errors(data: bytes) -> None:
    with contextlib.suppress(CuratorError):
        read_caption_bytes(data, PATH)


@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    fmt=st.sampled_from(["po", "xliff12", "xliff20", "csv", "xlsx"]),
    cut=st.integers(0, 4000),
    junk=st.binary(max_size=40),
)
def test_damaged_exports_change_nothing(captioned, fmt: str, cut: int, junk: bytes) -> None:
    service, _ids = captioned
    before = service.captions.status_counts(["vi", "ru", "en"])
    data = caption_file_bytes(build_export(service, ExportScope("ru")), fmt)
    damaged = data[:cut] + junk + data[cut + len(junk) :]
    try:
        incoming = read_caption_bytes(damaged, PATH)
        plan = plan_import(service, incoming, PATH)
    except CuratorError:
        assert service.captions.status_counts(["vi", "ru", "en"]) == before
        return
    apply_plan(service, plan, backup=False)  # whatever survived is applied as planned


def test_a_million_entries_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "million.po"
    entry = 'msgctxt "p%07d|caption"\nmsgid "x"\nmsgstr "y"\n\n'
    path.write_text("".join(entry % index for index in range(1_000_000)), "utf-8")
    with pytest.raises(UsageError, match=f"more than {MAX_ENTRIES} entries"):
        read_caption_file(path)


def test_a_billion_character_cell_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    with path.open("wb") as handle:
        handle.write(b"key,source,target\r\na|caption,x,")
        handle.truncate(1_100_000_000)  # a sparse cell of a billion characters and more
    with pytest.raises(UsageError, match="too large"):
        read_caption_file(path)


def test_a_huge_cell_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "cell.csv"
    path.write_bytes(b"key,source,target\r\n" + b"a|caption,x," + b"y" * 2_000_000 + b"\r\n")
    with pytest.raises(UsageError, match="line 2"):
        read_caption_file(path)

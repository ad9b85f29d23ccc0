"""The pages are drawn while preflight runs, and nothing is written unless it passed.

``write_document(check=...)`` draws the chunks on a thread of their own while the check
runs on the caller's: a catalogue's pages do not wait for preflight, yet the output file
appears only once the check returned, a failed check leaves no file, and no page is
reported as done before the check passed.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from reportlab.pdfgen.canvas import Canvas

from curator.core.errors import CuratorError
from curator.core.progress import Progress
from curator.core.storage.protected_files import ProtectedFiles
from curator.export.document import Document, write_document
from curator.export.pdf import PageFrame

FRAME = PageFrame(210.0, 297.0, 0.0, False)
PAGES = list(range(1, 8))


class _Drawn:
    def __init__(self) -> None:
        self.pages: list[int] = []
        self.first = threading.Event()

    def draw(self, canvas: Canvas, page: int, _workdir: Path) -> None:
        canvas.drawString(72, 72, f"page {page}")
        self.pages.append(page)
        self.first.set()


def _document(drawn: _Drawn) -> Document[int]:
    return Document(
        pages=PAGES,
        frame=lambda _page: FRAME,
        draw=drawn.draw,
        label=lambda page: f"Page {page}",
        title="Beside",
    )


def test_pages_are_drawn_while_the_check_runs(tmp_path: Path) -> None:
    drawn = _Drawn()
    reported: list[Progress] = []
    seen: dict[str, object] = {}
    out = tmp_path / "beside.pdf"

    def check() -> None:
        seen["drawing"] = drawn.first.wait(60)  # a page is drawn before the check ends
        seen["reported"] = list(reported)
        seen["written"] = out.exists()

    write_document(_document(drawn), out, reported.append, chunk_pages=3,
                   guard=ProtectedFiles.nothing(), check=check)  # fmt: skip
    assert seen == {"drawing": True, "reported": [], "written": False}
    assert drawn.pages == PAGES
    assert reported[-1].done == len(PAGES) == reported[-1].total
    assert out.read_bytes().startswith(b"%PDF")


def test_a_failed_check_writes_nothing_and_reports_no_page(tmp_path: Path) -> None:
    drawn = _Drawn()
    reported: list[Progress] = []
    out = tmp_path / "failed.pdf"

    def check() -> None:
        drawn.first.wait(60)
        raise CuratorError("preflight found an error")

    with pytest.raises(CuratorError, match="preflight found an error"):
        write_document(_document(drawn), out, reported.append, chunk_pages=3,
                       guard=ProtectedFiles.nothing(), check=check)  # fmt: skip
    assert drawn.pages  # it had started
    assert reported == []
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir()] == []

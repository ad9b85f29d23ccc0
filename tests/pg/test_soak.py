"""The soak run in the test suite: 8 curators on one server project, nothing lost.

Short by default (``CURATOR_SOAK_SECONDS``, 6 s); ``benchmarks/soak_bench.py`` runs it for
60 s and prints the figures.
"""

from __future__ import annotations

import os
from pathlib import Path

import curator.server.store  # noqa: F401  (registers the server's store)
from tests.pg import soak


def test_eight_curators_at_once_lose_nothing_and_deadlock_never(
    server_project: str, tmp_path: Path
) -> None:
    seconds = float(os.environ.get("CURATOR_SOAK_SECONDS", "6"))
    soak.prepare(server_project, tmp_path)
    report, log = soak.run(server_project, tmp_path, seconds)
    assert soak.check(server_project, report, log) == []
    # Not vacuous: the curators wrote, collided and were told, and the translator's file came.
    assert report.writes > 20 and report.ratings and report.moves
    assert report.conflicts > 0
    assert report.translated == soak.PHOTOS

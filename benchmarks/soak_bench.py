"""Soak: 8 curators (4 writing Vietnamese, 4 Russian) on one server project for 60 s.

Usage: ``.venv/bin/python benchmarks/soak_bench.py [SECONDS] [--postgresql URL]``

Each curator has a connection of their own and, as fast as the server lets them, edits
caption fields typed over the revision they read (a pause of up to 20 ms to "type"), rates
photos and moves sections; halfway through an English translator's file is applied. Then the
database is checked against what every curator was told (``tests/pg/soak.py``): every
accepted caption write is in the field's history, the last one is stored, every refused one
was reported as a conflict and not stored, ratings are ones written, sections all there once,
the translator's texts in, and nobody hung. Prints writes/s, conflicts and the longest single
write; exits 1 on any problem. Without ``--postgresql`` a throwaway server is started here, as
the tests start theirs. Not a test: figures depend on the machine.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import curator.server.store  # noqa: F401  (registers the server's store)
from tests.pg import soak


@contextlib.contextmanager
def _server(url: str | None) -> Iterator[str]:
    if url:
        yield f"{url}{'&' if '?' in url else '?'}project=soak{uuid.uuid4().hex[:8]}"
        return
    import psycopg

    from tests.pg.conftest import running_server

    with running_server() as server:
        with psycopg.connect(server.uri(), autocommit=True) as admin:
            admin.execute("CREATE DATABASE soak")
        yield server.uri("soak") + "&project=soak"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seconds", nargs="?", type=float, default=60.0)
    parser.add_argument("--postgresql", metavar="URL", default=None)
    args = parser.parse_args()
    with _server(args.postgresql) as address, tempfile.TemporaryDirectory() as folder:
        soak.prepare(address, Path(folder))
        report, log = soak.run(address, Path(folder), args.seconds)
        problems = soak.check(address, report, log)
    print(f"curators            {report.curators} (vi ×4, ru ×4) + 1 translator's file")
    print(f"seconds             {report.seconds:.1f}")
    print(f"caption writes      {report.writes} ({report.writes_per_second:.1f}/s)")
    print(f"conflicts reported  {report.conflicts}")
    print(f"photos rated        {report.ratings}; section moves {report.moves}")
    print(f"translated fields   {report.translated}")
    print(f"longest write       {report.longest_wait_ms:.0f} ms")
    print(f"finished            {'yes' if report.finished else 'NO (hung)'}")
    for problem in problems:
        print("PROBLEM", problem)
    print("nothing lost" if not problems else f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

"""GUI-thread responsiveness while a 10,000-photo project opens, against an older Curator.

Usage: ``QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/open_bench.py [N]
[--baseline REV] [--rounds R]``

Builds a project of N photos (10,000 by default) as ``library_scroll_bench`` does (stored
thumbnails, headlines in three languages, four in five placed in 20 sections), then opens
it R times (5 by default) in the real wired window of this Curator and of the baseline's
(``git archive REV``, ``main`` by default), one process per opening,
taking turns so that both meet the same load. The grid is at its densest (the smallest
thumbnails, the library alone). A 1 ms heartbeat timer on the GUI thread measures, from
the call that opens the project until the library, its layout and the exhibition tree are
filled: the longest busy stretch of the GUI thread and the time of the opening call
itself. Prints the median and worst of each per version, and the load average. Not a
test: numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent


def child(project: Path, count: int) -> None:
    """One opening, in this process (run with the version's ``curator`` on the path)."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from curator.ui.app import build_window, paint_on_the_windows_thread
    from curator.ui.settings import Preferences
    from curator.ui.views.library_model import SMALLEST_THUMBNAIL

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from library_scroll_bench import (
        SECTIONS,
        Heartbeat,
        _last_row_laid_out,
        settle_as_the_window_does,
    )

    paint_on_the_windows_thread()
    app = QApplication(sys.argv[:1])
    settings = QSettings(str(project.parent / "s.ini"), QSettings.Format.IniFormat)
    bundle = build_window(app, Preferences(settings))
    settle_as_the_window_does()
    bundle.window.resize(1400, 900)
    bundle.window.show()
    app.processEvents()
    bundle.window.library.set_thumbnail_size(SMALLEST_THUMBNAIL)
    bundle.window.set_library_only(True)
    app.processEvents()
    view, model = bundle.window.library.view, bundle.window.library.model
    tree = bundle.window.exhibition
    heartbeat = Heartbeat()
    started = time.perf_counter()
    bundle.controller.open_project(project)
    opened = time.perf_counter() - started
    while (
        model.rowCount() < count
        or not _last_row_laid_out(view)
        or tree.tree.topLevelItemCount() < SECTIONS
        or getattr(getattr(tree, "filler", None), "busy", False)
        or getattr(getattr(bundle.controller, "showing", None), "busy", False)
    ) and (time.perf_counter() - started < 120):
        app.processEvents()
    filled = time.perf_counter() - started
    heartbeat.stop()
    result = {
        "longest": max(heartbeat.gaps, default=0.0),
        "opened": opened,
        "filled": filled,
        "over50": sum(1 for gap in heartbeat.gaps if gap > 0.050),
    }
    bundle.tasks.wait(10000)
    bundle.controller.close_project()
    print("RESULT " + json.dumps(result))


def _run(source: Path, project: Path, count: int) -> dict[str, float]:
    """One opening in a fresh process, with ``source``'s ``curator`` package."""
    fresh = project.parent / f"open-{time.monotonic_ns()}" / project.name
    fresh.parent.mkdir()
    shutil.copy(project, fresh)
    environment = dict(os.environ, PYTHONPATH=str(source), QT_QPA_PLATFORM="offscreen")
    command = [sys.executable, str(Path(__file__).resolve()), "--child", str(fresh), str(count)]
    done = subprocess.run(
        command, capture_output=True, text=True, check=False, env=environment, cwd=source
    )
    shutil.rmtree(fresh.parent, ignore_errors=True)
    for line in done.stdout.splitlines():
        if line.startswith("RESULT "):
            loaded: dict[str, float] = json.loads(line[len("RESULT ") :])
            return loaded
    raise RuntimeError(f"the opening in {source} failed:\n{done.stderr[-2000:]}")


def _baseline(revision: str, into: Path) -> Path:
    """The ``curator`` package of ``revision``, unpacked into ``into``."""
    archive = subprocess.run(
        ["git", "-C", str(REPOSITORY), "archive", revision, "curator"],
        capture_output=True,
        check=True,
    )
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)
    return into


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", nargs="?", type=int, default=10_000)
    parser.add_argument("--baseline", default="main", help="the revision to compare with")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.child is not None:
        child(arguments.child, arguments.count)
        return 0
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from library_scroll_bench import build_project

    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "big.curator"
        started = time.perf_counter()
        build_project(project, arguments.count)
        print(f"built a {arguments.count}-photo project in {time.perf_counter() - started:.1f} s")
        base = Path(tmp) / "baseline"
        base.mkdir()
        versions = {
            "this": REPOSITORY,
            f"baseline {arguments.baseline}": _baseline(arguments.baseline, base),
        }
        results: dict[str, list[dict[str, float]]] = {name: [] for name in versions}
        loads = []
        for round_ in range(arguments.rounds):
            # Taking turns, the first one alternating: both meet the same load.
            names = list(versions) if round_ % 2 == 0 else list(reversed(versions))
            for name in names:
                results[name].append(_run(versions[name], project, arguments.count))
                loads.append(os.getloadavg()[0])
                print(f"  {name}: {results[name][-1]['longest'] * 1000:.0f} ms", file=sys.stderr)
    print(f"load average (1 min) during the runs {min(loads):.1f}–{max(loads):.1f}")
    for name, runs in results.items():
        longest = [run["longest"] * 1000 for run in runs]
        opened = [run["opened"] * 1000 for run in runs]
        filled = [run["filled"] for run in runs]
        print(
            f"{name}: longest GUI stretch median {statistics.median(longest):.0f} ms,"
            f" worst {max(longest):.0f} ms; opening call median"
            f" {statistics.median(opened):.0f} ms, worst {max(opened):.0f} ms;"
            f" filled after {statistics.median(filled):.1f} s;"
            f" stretches over 50 ms {sum(int(run['over50']) for run in runs)}"
            f" in {len(runs)} openings"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

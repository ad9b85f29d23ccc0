"""GUI-thread work and SQL statements per edit in the real window, on a large project.

Usage: ``QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/edit_bench.py [PHOTOS]``

Builds a project of PHOTOS photos (10,000 by default) in 50 sections with a 1,000-term
glossary and three languages of headlines and captions, opens it in the real wired window,
and performs, 50 times each: a caption commit (what the caption panel sends after typing),
a rating of 50 selected photos, a section move (what a drop in the section tree does), an
undo, and a section move again with the Layout tab in front (the canvas then draws the
section the move selects; behind the Photo tab it waits until shown). Each operation runs
from the event loop; a 1 ms heartbeat timer measures how long the GUI thread was busy with
it (the longest gap between two ticks in the 40 ms after it started, which covers the
repaints and signals it caused). SQL statements on the window's
connection are counted with ``sqlite3``'s trace callback from one operation to the next
(the statements FTS5 runs inside the caption index are SQLite's, not counted). A caption
commit is timed as it happens after typing: the text is already in the field.
Prints the median and 95th percentile of the busy time, of the GUI thread's CPU time from
the start of an operation to the next one (which a busy machine does not inflate as it does
the busy time; "nothing" gives the floor, the heartbeat's own ticks) and the statement counts.
Not a test: times depend on the machine (the statement counts do not).
"""

from __future__ import annotations

import io
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QItemSelectionModel, QObject, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication

from curator.core.model import CaptionField, CaptionStatus, GlossaryKind, Photo
from curator.core.repositories.media import StoredThumbnail
from curator.core.services import ProjectService
from curator.ui.app import CuratorWindow, build_window
from curator.ui.settings import Preferences

SECTIONS = 50
TERMS = 1000
REPEATS = 50
#: How long after an operation starts its effects (repaints, queued signals) are counted.
SETTLE = 0.040


class Heartbeat(QObject):
    """A 1 ms timer on the GUI thread: a gap between two ticks is time the loop was busy."""

    def __init__(self) -> None:
        super().__init__()
        self.ticks: list[tuple[float, float]] = []  # (time of the tick, gap before it)
        self._last = time.perf_counter()
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._tick)
        self._timer.start(1)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.ticks.append((now, now - self._last))
        self._last = now

    def busy_after(self, start: float) -> float:
        """The longest stretch the loop was busy in the settle time after ``start``."""
        return max(
            (
                gap
                for tick, gap in self.ticks
                if tick > start and start - 0.003 <= tick - gap < start + SETTLE
            ),
            default=0.0,
        )


def _curators(statement: str) -> bool:
    """Whether Curator sent this statement (SQLite traces those FTS5 runs inside it too)."""
    return not statement.startswith("--") and "'main'." not in statement


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


def build_project(path: Path, count: int) -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (256, 171), (90, 120, 200)).save(buffer, "JPEG")
    thumbnail = buffer.getvalue()  # stored, as an import stores one: the library keeps it
    with (
        ProjectService.create(path, title="Edits", languages=["vi", "ru", "en"]) as service,
        service.store.transaction(),
    ):
        ids = []
        for index in range(count):
            photo = service.photos.add(
                Photo(
                    id="",
                    path=path.parent / f"missing-{index:05}.jpg",
                    sha256=f"{index:064x}",
                    width=6000,
                    height=4000,
                )
            )
            ids.append(photo.id)
            service.media.put_thumbnail(photo.id, StoredThumbnail(256, 171, thumbnail))
            for tag, text in (("vi", "Hội đàm"), ("ru", "Переговоры"), ("en", "Talks")):
                service.captions.set(
                    photo.id, tag, CaptionField.HEADLINE, f"{text} {index}", CaptionStatus.DRAFT
                )
                service.captions.set(
                    photo.id, tag, CaptionField.CAPTION, f"{text} {index}.", CaptionStatus.FINAL
                )
        per_section = count // SECTIONS
        for number in range(SECTIONS):
            section = service.exhibition.add_section({"en": f"Section {number + 1}"})
            service.exhibition.assign(
                section.id, ids[number * per_section : (number + 1) * per_section]
            )
        for number in range(TERMS):
            service.glossary.add(
                GlossaryKind.PLACE,
                {"vi": f"Địa danh {number}", "ru": f"Место {number}", "en": f"Place {number}"},
                code=f"p{number}",
            )


def select_rows(bundle: CuratorWindow, rows: range) -> None:
    library = bundle.window.library
    model, selection = library.model, library.view.selectionModel()
    flag = QItemSelectionModel.SelectionFlag
    selection.setCurrentIndex(model.index(rows[0]), flag.ClearAndSelect)
    for row in rows[1:]:
        selection.select(model.index(row), flag.Select)


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "edits.curator"
        started = time.perf_counter()
        build_project(project, count)
        print(f"built a {count}-photo, {SECTIONS}-section, {TERMS}-term project"
              f" in {time.perf_counter() - started:.1f} s")  # fmt: skip
        settings = QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat)
        bundle = build_window(app, Preferences(settings))
        bundle.window.resize(1400, 900)
        bundle.window.show()
        bundle.controller.open_project(project)
        service = bundle.controller.service
        assert service is not None
        deadline = time.perf_counter() + 120
        while bundle.window.library.model.rowCount() < count and time.perf_counter() < deadline:
            app.processEvents()
            time.sleep(0.01)
        statements: list[str] = []
        service.store.conn.set_trace_callback(statements.append)
        sections = service.queries.section_order()
        window = bundle.window

        editor = window.captions.cell("en", CaptionField.CAPTION).editor

        def typed(step: int) -> None:
            # What typing left in the field (not measured): the commit sends it.
            editor.blockSignals(True)
            editor.setPlainText(f"Talks in Hanoi, take {step}")
            editor.blockSignals(False)

        def caption(step: int) -> None:
            window.captions.text_edited.emit("caption", "en", editor.toPlainText())

        shortlist = bundle.shortlist
        assert shortlist is not None

        def rating(step: int) -> None:
            shortlist.mark(rating=step % 5 + 1)

        def move(step: int) -> None:
            bundle.sections.move_section(sections[step % SECTIONS], (step * 7) % SECTIONS)

        def undo(_step: int) -> None:
            bundle.captions.undo_action.trigger()

        def nothing(_step: int) -> None:
            pass

        def show_layout() -> None:
            window.workspace.setCurrentWidget(window.layout_canvas)

        plan: list[tuple[str, Callable[[int], None], Callable[[], None], Callable[[int], None]]]
        plan = [
            ("caption commit", caption, lambda: select_rows(bundle, range(5, 6)), typed),
            ("rating of 50 photos", rating, lambda: select_rows(bundle, range(100, 150)), nothing),
            ("section move", move, lambda: None, nothing),
            ("undo", undo, lambda: None, nothing),
            # The canvas draws the section selected after a move only when its tab is shown.
            ("section move, Layout", move, show_layout, nothing),
            # The floor: what the heartbeat and the idle window cost in the same time.
            ("nothing", nothing, lambda: None, nothing),
        ]
        heartbeat = Heartbeat()
        results: dict[str, tuple[list[float], list[int], list[float]]] = {}
        queue = [(name, run, prepare, before, step) for name, run, prepare, before in plan
                 for step in range(REPEATS)]  # fmt: skip
        starts: list[tuple[str, float, int, float]] = []

        def next_operation() -> None:
            if starts:
                name, _start, first, cpu = starts[-1]
                ours = [s for s in statements[first:] if _curators(s)]
                result = results.setdefault(name, ([], [], []))
                result[1].append(len(ours))
                result[2].append(time.thread_time() - cpu)
            if not queue:
                QTimer.singleShot(int(SETTLE * 2000), app.quit)
                return
            name, run, prepare, before, step = queue.pop(0)
            if step == 0:
                prepare()
                app.processEvents()
            before(step)

            def measured() -> None:
                starts.append((name, time.perf_counter(), len(statements), time.thread_time()))
                run(step)
                QTimer.singleShot(int(SETTLE * 1000) + 20, next_operation)

            QTimer.singleShot(15, measured)

        QTimer.singleShot(200, next_operation)
        app.exec()
        for name, start, _first, _cpu in starts:
            results[name][0].append(heartbeat.busy_after(start))
        bundle.controller.close_project()
        bundle.tasks.wait(10000)
    print(
        f"{REPEATS} of each operation; GUI-thread busy time (ms), the GUI thread's CPU time"
        f" (ms, in the {SETTLE * 1000 + 20:.0f} ms each gets) and SQL statements each:"
    )
    for name, (busy, counts, cpu) in results.items():
        print(
            f"  {name:22} median {statistics.median(busy) * 1000:6.1f}"
            f"  p95 {_p95(busy) * 1000:6.1f}"
            f"  CPU median {statistics.median(cpu) * 1000:5.1f} p95 {_p95(cpu) * 1000:5.1f}"
            f"  statements min {min(counts)} median {statistics.median(counts):g}"
            f" max {max(counts)}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

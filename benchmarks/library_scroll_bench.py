"""GUI-thread responsiveness while scrolling a 10,000-photo library.

Usage: ``QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/library_scroll_bench.py [N] [SIZE]``

(SIZE: the thumbnails' size in pixels, the smallest by default; 112 or 160 show headlines.)

Builds a project of N photos (stored thumbnails, headlines in three languages, four in five
placed in 20 sections), opens it in the real wired window, and scrolls the library from top
to bottom with wheel events, then jumps to random positions as a dragged scroll bar would,
with the grid at its densest (the smallest thumbnails, the library alone over the window).
Every event the GUI thread handles is covered by a 1 ms heartbeat timer: the longest gap
between two ticks bounds the longest event. Prints the longest gap, the 99th percentile,
the time to open the project, the longest gap while it opened (the library sorted, the
tree filled) and the load average. Not a test: numbers depend on the machine (run two
versions one after the other to compare them under the same load).
"""

from __future__ import annotations

import io
import os
import random
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QObject, QPoint, QPointF, QSettings, Qt, QTimer
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QListView

from curator.core.model import CaptionField, CaptionStatus, Photo
from curator.core.repositories.media import StoredThumbnail
from curator.core.services import ProjectService
from curator.ui.app import build_window, paint_on_the_windows_thread
from curator.ui.settings import Preferences
from curator.ui.views.library_model import SMALLEST_THUMBNAIL


class Heartbeat(QObject):
    """A 1 ms timer on the GUI thread: a gap between two ticks is time the loop was busy.

    (Overriding ``QApplication.notify`` from Python crashes PySide6 6.12, so the event loop
    is watched from inside instead: no event can run longer than the gap it causes.)
    """

    def __init__(self) -> None:
        super().__init__()
        self.gaps: list[float] = []
        self._last = time.perf_counter()
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._tick)
        self._timer.start(1)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append(now - self._last)
        self._last = now

    def reset(self) -> None:
        self.gaps.clear()
        self._last = time.perf_counter()

    def stop(self) -> None:
        """Measure no more (the gap from the last tick is counted: it was busy too)."""
        self._tick()
        self._timer.stop()


#: Sections the placed photos are shared between (the exhibition tree fills on opening).
SECTIONS = 20


def build_project(path: Path, count: int) -> None:
    thumbnails = []
    for index in range(16):
        buffer = io.BytesIO()
        Image.new("RGB", (256, 171), (index * 15, 80, 200 - index * 10)).save(buffer, "JPEG")
        thumbnails.append(buffer.getvalue())
    ids: list[str] = []
    with (
        ProjectService.create(path, title="10k", languages=["vi", "ru", "en"]) as service,
        service.store.transaction(),
    ):
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
            service.media.put_thumbnail(
                photo.id, StoredThumbnail(256, 171, thumbnails[index % len(thumbnails)])
            )
            for tag, text in (("vi", "Hội đàm"), ("ru", "Переговоры"), ("en", "Talks")):
                service.captions.set(
                    photo.id, tag, CaptionField.HEADLINE, f"{text} {index}", CaptionStatus.DRAFT
                )
            ids.append(photo.id)
        placed = count * 4 // 5
        for number in range(SECTIONS):
            section = service.exhibition.add_section(
                {"vi": f"Phần {number + 1}", "ru": f"Раздел {number + 1}", "en": f"Part {number}"}
            )
            share = ids[number * placed // SECTIONS : (number + 1) * placed // SECTIONS]
            service.exhibition.assign(section.id, share)


def settle_as_the_window_does() -> None:
    """What the window does once built (``curator.ui.collector``; absent before issue 21's
    second round, so that the open benchmark can run an older Curator too)."""
    try:
        from curator.ui.collector import settle
    except ImportError:
        return
    settle()


def _last_row_laid_out(view: QListView) -> bool:
    """Whether the grid's last photo has its place (a large grid is laid out in slices)."""
    model = view.model()
    count = model.rowCount()
    return count > 0 and view.visualRect(model.index(count - 1, 0)).isValid()


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    size = int(sys.argv[2]) if len(sys.argv) > 2 else SMALLEST_THUMBNAIL
    paint_on_the_windows_thread()  # as the window does
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "big.curator"
        started = time.perf_counter()
        build_project(project, count)
        print(f"built a {count}-photo project in {time.perf_counter() - started:.1f} s")
        settings = QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat)
        bundle = build_window(app, Preferences(settings))
        settle_as_the_window_does()
        bundle.window.resize(1400, 900)
        bundle.window.show()
        app.processEvents()
        # The densest grid: the smallest thumbnails over the whole window (G).
        bundle.window.library.set_thumbnail_size(size)
        bundle.window.set_library_only(True)
        app.processEvents()
        heartbeat = Heartbeat()
        started = time.perf_counter()
        bundle.controller.open_project(project)
        opened = time.perf_counter() - started
        # A large project is read on a worker and shown when it arrives: wait for that, and
        # for the grid's layout, before scrolling (measured apart: it is not scrolling).
        view = bundle.window.library.view
        model = bundle.window.library.model
        tree = bundle.window.exhibition
        while (
            model.rowCount() < count
            or not _last_row_laid_out(view)
            or tree.tree.topLevelItemCount() < SECTIONS
            or getattr(getattr(tree, "filler", None), "busy", False)
            or getattr(getattr(bundle.controller, "showing", None), "busy", False)
        ) and (time.perf_counter() - started < 120):
            app.processEvents()
        filled = time.perf_counter() - started
        filling = max(heartbeat.gaps, default=0.0)
        heartbeat.reset()
        bar = view.verticalScrollBar()
        rng = random.Random(7)
        steps = {"wheel": 0, "jump": 0}

        def step() -> None:
            if bar.value() < bar.maximum() and steps["wheel"] < 4000:
                steps["wheel"] += 1
                wheel = QWheelEvent(
                    QPointF(50, 50),
                    QPointF(view.viewport().mapToGlobal(QPoint(50, 50))),
                    QPoint(0, 0),
                    QPoint(0, -360),
                    Qt.MouseButton.NoButton,
                    Qt.KeyboardModifier.NoModifier,
                    Qt.ScrollPhase.NoScrollPhase,
                    False,
                )
                QApplication.postEvent(view.viewport(), wheel)
            elif steps["jump"] < 200:
                steps["jump"] += 1
                bar.setValue(rng.randint(0, bar.maximum()))
            else:
                heartbeat.stop()  # closing the window as the loop ends is not scrolling
                app.quit()
                return
            QTimer.singleShot(5, step)

        QTimer.singleShot(0, step)
        app.exec()
        bundle.tasks.wait(10000)
        bundle.controller.close_project()
    gaps = sorted(heartbeat.gaps)
    slowest = gaps[-1]
    p99 = gaps[int(len(gaps) * 0.99)]
    over = sum(1 for gap in gaps if gap > 0.050)
    print("load average " + " ".join(f"{value:.1f}" for value in os.getloadavg()))
    print(f"opened the project in {opened * 1000:.0f} ms (one GUI-thread call)")
    print(
        f"the library filled and laid out {filled:.1f} s after opening;"
        f" longest busy stretch of the GUI thread meanwhile {filling * 1000:.1f} ms"
    )
    print(
        f"scrolled ({size} px) with {steps['wheel']} wheel steps and {steps['jump']} jumps:"
        f" longest busy stretch of the GUI thread {slowest * 1000:.1f} ms,"
        f" p99 {p99 * 1000:.2f} ms over {len(gaps)} ticks, {over} over 50 ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

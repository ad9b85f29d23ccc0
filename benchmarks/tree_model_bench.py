"""The exhibition tree's model: what a section move and a fill cost with each kind, same run.

Usage: ``QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/tree_model_bench.py [SECTIONS PER]``

Issue 20 asked whether the exhibition tree (a ``QTreeWidget``, whose model has no
``moveRows``) should become a ``QTreeView`` over a model of our own, so that a section move
is one ``beginMoveRows``/``endMoveRows``. This bench shows the same tree (50 sections of 200
photos by default: 10,000 expanded photo rows, uniform row heights, 600 px tall) three ways:

- ``QTreeWidget``: what the panel uses; a move takes the section's row and inserts it.
- ``QStandardItemModel``: Qt's other C++ tree model; a move takes the row and inserts it.
- a Python ``QAbstractItemModel``: sections and photos held in lists, a move is one
  ``beginMoveRows``/``endMoveRows`` (the least a model of our own must answer: index,
  parent, rowCount, columnCount, data, flags with drag and drop).

For each: building and showing the 10,000 rows (until the event loop is idle), then 30
section moves, each timed from the call until the event loop is idle again (the view's
delayed relayout and the repaint included), and 30 headline changes of one photo row.
Prints the median and 95th percentile of each and the ratio to ``QTreeWidget``, plus the
calls Qt made into the Python model during one move. Not a test: times depend on the machine.
"""

from __future__ import annotations

import collections
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QTreeView, QTreeWidget, QTreeWidgetItem

from curator.ui.qt_compat import make_singletons_immortal

REPEATS = 30
ROOT = QModelIndex()
Index = QModelIndex | QPersistentModelIndex
#: What a section's and a photo's row allow (as the exhibition tree's do).
SECTION_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled
    | Qt.ItemFlag.ItemIsSelectable
    | Qt.ItemFlag.ItemIsDragEnabled
    | Qt.ItemFlag.ItemIsDropEnabled
)
PHOTO_FLAGS = SECTION_FLAGS | Qt.ItemFlag.ItemNeverHasChildren


class ListTreeModel(QAbstractItemModel):
    """Sections of photos in Python lists; a photo's index carries its section's key."""

    def __init__(self, sections: int, per: int) -> None:
        super().__init__()
        self.titles = [f"{s + 1}. Section {s + 1}" for s in range(sections)]
        self.photos = [[f"Photo {s}-{i}" for i in range(per)] for s in range(sections)]
        self.keys = list(range(1, sections + 1))  # a section's key stays when it moves
        self.row_of = {key: row for row, key in enumerate(self.keys)}
        self.calls: collections.Counter[str] = collections.Counter()
        self.counting = False

    def _count(self, name: str) -> None:
        if self.counting:
            self.calls[name] += 1

    def index(self, row: int, column: int, parent: Index = ROOT) -> QModelIndex:
        self._count("index")
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        return self.createIndex(row, column, self.keys[parent.row()])

    def parent(self, child: Index = ROOT) -> QModelIndex:  # type: ignore[override]
        self._count("parent")
        key = child.internalId() if child.isValid() else 0
        return self.createIndex(self.row_of[key], 0, 0) if key else QModelIndex()

    def rowCount(self, parent: Index = ROOT) -> int:  # noqa: N802 - Qt's name
        self._count("rowCount")
        if not parent.isValid():
            return len(self.keys)
        return 0 if parent.internalId() else len(self.photos[parent.row()])

    def columnCount(self, parent: Index = ROOT) -> int:  # noqa: N802 - Qt's name
        return 1

    def flags(self, index: Index) -> Qt.ItemFlag:
        self._count("flags")
        return PHOTO_FLAGS if index.internalId() else SECTION_FLAGS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        self._count("data")
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        key = index.internalId()
        if not key:
            return self.titles[index.row()]
        return self.photos[self.row_of[key]][index.row()]

    def move_section(self, row: int, to: int) -> None:
        self.beginMoveRows(ROOT, row, row, ROOT, to + 1 if to > row else to)
        for rows in (self.titles, self.photos, self.keys):
            rows.insert(to, rows.pop(row))  # type: ignore[attr-defined]
        self.row_of = {key: number for number, key in enumerate(self.keys)}
        self.endMoveRows()

    def set_headline(self, section: int, row: int, text: str) -> None:
        self.photos[section][row] = text
        index = self.index(row, 0, self.index(section, 0))
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole])


def _widget(sections: int, per: int) -> tuple[QTreeWidget, Callable[[int, int], None], Any]:
    tree = QTreeWidget()
    tree.setUniformRowHeights(True)
    for s in range(sections):
        item = QTreeWidgetItem([f"{s + 1}. Section {s + 1}"])
        item.addChildren([QTreeWidgetItem([f"Photo {s}-{i}"]) for i in range(per)])
        tree.addTopLevelItem(item)
        item.setExpanded(True)

    def move(row: int, to: int) -> None:
        item = tree.takeTopLevelItem(row)
        tree.insertTopLevelItem(to, item)
        item.setExpanded(True)

    def headline(section: int, row: int, text: str) -> None:
        tree.topLevelItem(section).child(row).setText(0, text)

    return tree, move, headline


def _standard(sections: int, per: int) -> tuple[QTreeView, Callable[[int, int], None], Any]:
    model = QStandardItemModel()
    for s in range(sections):
        item = QStandardItem(f"{s + 1}. Section {s + 1}")
        item.appendRows([QStandardItem(f"Photo {s}-{i}") for i in range(per)])
        model.appendRow(item)
    view = QTreeView()
    view.setUniformRowHeights(True)
    view.setModel(model)
    view.expandAll()

    def move(row: int, to: int) -> None:
        model.insertRow(to, model.takeRow(row))
        view.expand(model.index(to, 0))

    def headline(section: int, row: int, text: str) -> None:
        model.item(section).child(row).setText(text)

    return view, move, headline


def _ours(sections: int, per: int) -> tuple[QTreeView, Callable[[int, int], None], Any]:
    model = ListTreeModel(sections, per)
    view = QTreeView()
    view.setUniformRowHeights(True)
    view.setModel(model)
    view.expandAll()
    view.model_of_ours = model  # type: ignore[attr-defined]
    return view, model.move_section, model.set_headline


def _idle(app: QApplication, started: float) -> float:
    app.processEvents()
    app.processEvents()
    return time.perf_counter() - started


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


def main() -> int:
    sections = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    per = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    make_singletons_immortal()  # as the window does (tens of thousands of calls below)
    app = QApplication(sys.argv[:1])
    kinds = [
        ("QTreeWidget", _widget),
        ("QStandardItemModel", _standard),
        ("Python QAbstractItemModel", _ours),
    ]
    results: dict[str, tuple[float, list[float], list[float]]] = {}
    calls: collections.Counter[str] = collections.Counter()
    for name, make in kinds:
        started = time.perf_counter()
        view, move, headline = make(sections, per)
        view.resize(320, 600)
        view.show()
        fill = _idle(app, started)
        moves, headlines = [], []
        for step in range(REPEATS):
            started = time.perf_counter()
            move(step % sections, (step * 7 + 3) % sections)
            moves.append(_idle(app, started))
            started = time.perf_counter()
            headline(0, step % per, f"Edited {step}")
            headlines.append(_idle(app, started))
        model = getattr(view, "model_of_ours", None)
        if model is not None:
            model.counting = True
            move(0, sections - 1)
            _idle(app, time.perf_counter())
            calls = model.calls
        results[name] = (fill, moves, headlines)
        view.close()
        view.deleteLater()
        app.processEvents()
    print(
        f"{sections} sections of {per} photos ({sections * per} expanded rows), {REPEATS} of each;"
        " ms until the event loop is idle again (ratio to QTreeWidget):"
    )
    base = results["QTreeWidget"]
    for name, (fill, moves, headlines) in results.items():
        print(
            f"  {name:26} fill {fill * 1000:7.1f} ({fill / base[0]:5.1f}x)"
            f"  section move median {statistics.median(moves) * 1000:6.1f}"
            f" ({statistics.median(moves) / statistics.median(base[1]):5.1f}x)"
            f" p95 {_p95(moves) * 1000:6.1f}"
            f"  headline median {statistics.median(headlines) * 1000:5.2f}"
            f" p95 {_p95(headlines) * 1000:5.2f}"
        )
    print(f"  calls into the Python model during one move: {dict(calls)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

import sys

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtWidgets import QLabel

import curator.ui  # noqa: F401 - applies the workaround, as the window does


class _Sender(QObject):
    fired = Signal(int)


class _Model(QAbstractListModel):
    def rowCount(self, parent=QModelIndex()):  # noqa: B008, N802 - Qt override
        return 3

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        return None


def test_a_long_session_of_qt_calls_does_not_abort(qapp) -> None:
    """Without curator.ui.qt_compat, PySide6 6.12 on Python 3.11 aborts within this loop."""
    sender = _Sender()
    received: list[int] = []
    sender.fired.connect(received.append)
    model = _Model()
    index = model.index(0)
    label = QLabel()
    for value in range(200_000):
        sender.fired.emit(value)
        model.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])
        label.setText("Hội đàm")
    assert len(received) == 200_000
    assert sys.getrefcount(None) > 1_000_000

"""Qt's image reader over a file proven regular: the window never opens an original by name.

``QImageReader(path)`` opens the path itself: an original swapped for a FIFO (or a device)
since it was imported would block the worker thread for ever, and the window with it. The
file is opened here through :func:`curator.decode.files.open_regular` and Qt reads that
descriptor.

Qt reads that descriptor through a file object of its own (``/proc/self/fd/N``), never
through a ``QFile`` made in Python: every read of a device PySide made asks the interpreter's
lock (to look for a Python override), and Qt holds its image-plugin lock while it reads. A
worker decoding a photo then waits for the interpreter while the window's thread, holding
the interpreter, waits for the plugin lock to load an icon: both wait for ever.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QFile, QFileDevice, QIODevice
from PySide6.QtGui import QImageReader

from curator.decode.files import open_regular


@contextmanager
def image_reader(path: Path) -> Iterator[QImageReader]:
    """A reader over ``path`` once it is proven a regular file.

    Raises:
        SpecialFileError: It is a FIFO, a device or a socket.
        OSError: It cannot be opened.
    """
    with open_regular(path) as handle:
        by_descriptor = Path(f"/proc/self/fd/{handle.fileno()}")
        if by_descriptor.exists():
            # The very file opened above (a regular one), opened again by Qt in C++.
            yield QImageReader(str(by_descriptor))
            return
        device = QFile()
        opened = device.open(
            handle.fileno(),
            QIODevice.OpenModeFlag.ReadOnly,
            QFileDevice.FileHandleFlag.DontCloseHandle,
        )
        if not opened:
            raise OSError(device.errorString())
        try:
            yield QImageReader(device)
        finally:
            device.close()

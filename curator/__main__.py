"""The composition root: ``curator`` opens the window, ``curator COMMAND`` runs headless.

This is the only module that knows both faces. Qt is imported only when a window opens, so
the command line starts fast and works on machines without a display. Likewise the
PostgreSQL store (``curator.server``, psycopg) is loaded only when a project on a server is
opened: it is handed to the domain here, as a loader.
"""

from __future__ import annotations

import sys
from pathlib import Path

from curator import cli
from curator.core.storage.address import ServerAddress
from curator.core.storage.opening import ServerStores, register_server_loader


def _server_stores() -> ServerStores:
    from curator.server.store import ServerStore

    return ServerStore


def _open_window(project: Path | ServerAddress | None) -> int:
    from curator.ui.app import run_window

    return run_window(project)


def main() -> int:
    """Entry point of the ``curator`` executable."""
    register_server_loader(_server_stores)
    return cli.main(sys.argv[1:], open_window=_open_window)


if __name__ == "__main__":
    sys.exit(main())

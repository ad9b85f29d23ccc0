"""The composition root: ``curator`` opens the window, ``curator COMMAND`` runs headless.

This is the only module that knows both faces. Qt is imported only when a window opens, so
the command line starts fast and works on machines without a display.
"""

from __future__ import annotations

import sys
from pathlib import Path

from curator import cli


def _open_window(project: Path | None) -> int:
    from curator.ui.app import run_window

    return run_window(project)


def main() -> int:
    """Entry point of the ``curator`` executable."""
    return cli.main(sys.argv[1:], open_window=_open_window)


if __name__ == "__main__":
    sys.exit(main())

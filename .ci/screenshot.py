"""Screenshots of the real Curator window, one per interface language.

Run under a display (``xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python
.ci/screenshot.py PROJECT OUTDIR``) to look at the window as a user sees it. Settings go to
a temporary folder so a person's own preferences are untouched. ``layout[:N][:ZOOM]`` as the
fourth argument shows the Layout tab on the N-th section (0 first), zoomed ZOOM times
past "Fit", and names the files ``layout-TAG.png``.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from curator.ui.app import build_window
from curator.ui.settings import Preferences


def main() -> int:
    project = Path(sys.argv[1])
    out_dir = Path(sys.argv[2])
    languages = sys.argv[3].split(",") if len(sys.argv) > 3 else ["en", "vi", "ru"]
    out_dir.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as settings_dir:
        settings = QSettings(str(Path(settings_dir) / "s.ini"), QSettings.Format.IniFormat)
        bundle = build_window(app, Preferences(settings))
        bundle.window.resize(app.primaryScreen().availableGeometry().size())
        bundle.window.show()
        if project.name != "-":
            bundle.controller.open_project(project)
        layout = sys.argv[4].split(":") if len(sys.argv) > 4 else []
        prefix = "layout" if layout else "window"
        if layout:
            tree = bundle.window.exhibition.tree
            index = int(layout[1]) if len(layout) > 1 else 0
            tree.setCurrentItem(tree.topLevelItem(index))
            bundle.window.workspace.setCurrentWidget(bundle.window.layout_canvas)
            zoom = float(layout[2]) if len(layout) > 2 else 1.0

            def zoom_in() -> None:
                bundle.window.layout_canvas.fit()
                bundle.window.layout_canvas.view.zoom(zoom)

            QTimer.singleShot(1200, zoom_in)
        pending = list(languages)

        def shoot() -> None:
            if not pending:
                app.quit()
                return
            tag = pending.pop(0)
            bundle.set_interface_language(tag)
            QTimer.singleShot(1500, lambda: grab(tag))

        def grab(tag: str) -> None:
            screen = app.primaryScreen()
            screen.grabWindow(0).save(str(out_dir / f"{prefix}-{tag}.png"))
            shoot()

        QTimer.singleShot(500, shoot)
        app.exec()
        bundle.controller.close_project()
    return 0


if __name__ == "__main__":
    sys.exit(main())

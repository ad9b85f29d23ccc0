"""Handing a project's view data to the window's panels, one panel an event-loop turn.

A large project's data arrives from the reading worker at once. Handing it to every panel
in one call held the window's thread for ~40 ms of CPU (110–165 ms under load): the
caption editor's fields for the project's languages, the exhibition tree's sections, the
library's 10,000 rows and its first selection, the readiness matrix. Here each panel is a
step, and the steps of a large project run one per event-loop turn, so a paint, a key or
a scroll is handled between them; the status bar says the project is being shown until
the last one ran. A small project is shown in one call (every step at once).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from curator.core.services import ProjectService
from curator.i18n import _, ngettext
from curator.ui.controllers.project_view_data import ViewData
from curator.ui.main_window import MainWindow

Step = Callable[[], None]


def panel_steps(window: MainWindow, data: ViewData) -> list[Step]:
    """The steps showing ``data`` in the window's panels (readiness and status apart)."""
    project = data.info.project
    languages = list(project.languages)

    def captions() -> None:
        window.set_project_title(project.title)
        window.captions.set_languages(languages, project.source_language)

    def exhibition() -> None:
        # A photo without a headline shows its file name in the tree, never its id.
        window.exhibition.file_names = data.file_names
        window.exhibition.set_structure(data.structure, languages, data.unplaced)

    def library() -> None:
        window.library.set_items(data.items, data.order, data.rows)

    # The library's rows before the tree's: the grid is what the person looks at first.
    return [captions, library, exhibition]


class SteppedShow(QObject):
    """Runs steps one per event-loop turn; a new :meth:`run` or :meth:`cancel` drops the rest."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._steps: deque[Step] = deque()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._on_timer_timeout)

    @property
    def busy(self) -> bool:
        """Whether steps wait to run."""
        return bool(self._steps)

    def run(self, steps: list[Step]) -> None:
        """Run ``steps`` in order, the first at the next turn of the event loop."""
        self._steps = deque(steps)
        if self._steps:
            self._timer.start()

    def cancel(self) -> None:
        """Drop the steps not run yet (the project closed)."""
        self._steps.clear()
        self._timer.stop()

    def _on_timer_timeout(self) -> None:
        if not self._steps:
            return
        step = self._steps.popleft()
        try:
            step()
        finally:
            # After the step: what it asked for (a repaint, a timer) runs before the next
            # one; a step that fails leaves the rest to run.
            if self._steps:
                self._timer.start()


def show_status(window: MainWindow, service: ProjectService, photo_count: int) -> None:
    """The status bar's photo count and place, and what the login may change."""
    window.project_label.setText(
        ngettext("%(count)d photo", "%(count)d photos", photo_count) % {"count": photo_count}
        + "  ·  "
        + service.location
    )
    if service.read_only:
        window.access_label.setText(_("Read-only: changes cannot be saved"))
        window.statusBar().showMessage(
            _("%(file)s is open read-only.")
            % {"file": service.location if service.store.is_server else service.path.name}
        )
    elif service.login_rights is not None and not service.may_arrange:
        rights = service.login_rights
        window.access_label.setText(
            _("Editor (%(languages)s): only these captions can be changed")
            % {"languages": ", ".join(rights.languages)}
        )
    else:
        window.access_label.clear()

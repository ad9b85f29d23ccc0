"""The one place where the window follows a server login's rights, and keeps following them.

On a server project the login's role decides what may change (``curator.server.access``):
an editor writes the captions and texts of its languages only, a viewer nothing. The gate
greys every action that arranges the project (imports, sections, the layout canvas, ratings,
project settings and the hall, agency rights, people shown, keywords, catalogue images…) for
a login that may not arrange, each with a tooltip saying why, and makes the caption fields of
other languages read-only. Controllers keep enabling and disabling their actions as they do
for a file project; the gate remembers what each one wants and holds it off while the rights
forbid it, so the greying survives a controller's own updates.

The rights are read once when the project opens (on the opening worker), then again on a
worker whenever the window regains focus (at most every few seconds) and every minute: a
grant or a revocation takes effect in an open window without reopening the project.
"""

from __future__ import annotations

import time
from functools import partial

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from curator.core.services import ProjectService
from curator.core.storage.login_rights import LoginRights, ReportsLoginRights
from curator.i18n import _
from curator.ui.controllers.project_controller import ProjectController
from curator.ui.main_window import MainWindow
from curator.ui.tasks import TaskRunner

#: How often an open server project's rights are read again, in milliseconds.
REREAD_EVERY_MS = 60_000
#: A window regaining focus reads them again only if the last read is this old (seconds).
FOCUS_REREAD_AFTER_S = 5.0


def _read_rights(service: ProjectService) -> LoginRights | None:
    """The login's rights asked of the server now, over a connection of the worker's own."""
    store = service.store.for_thread()
    try:
        return store.login_rights() if isinstance(store, ReportsLoginRights) else None
    finally:
        store.close()


def arrange_refusal(service: ProjectService) -> str:
    """Why this project may not be arranged here ("" when it may)."""
    if service.may_arrange:
        return ""
    rights = service.login_rights
    login = rights.login if rights is not None else ""
    if rights is not None and rights.languages and not service.read_only:
        return _(
            "Your login %(login)s may edit texts in %(languages)s only; arranging the "
            "project is for its curators."
        ) % {"login": login, "languages": ", ".join(rights.languages)}
    if rights is not None:
        return _("Your login %(login)s may read this project but not change it.") % {"login": login}
    return _("The project is open read-only.")


def _own_tooltip(action: QAction) -> str:
    """The tooltip an action's controller gave it ("" when Qt makes one from its text)."""
    tip = action.toolTip()
    from_text = action.text().split("\t")[0].replace("&", "").removesuffix("...").rstrip("…")
    return "" if tip in (from_text, action.text().replace("&", "")) else tip


def _same(one: LoginRights | None, other: LoginRights | None) -> bool:
    if one is None or other is None:
        return one is other
    return (one.role, tuple(one.languages), one.can_arrange) == (
        other.role,
        tuple(other.languages),
        other.can_arrange,
    )


class RightsGate(QObject):
    """Greys what the login's rights forbid (with the reason) and re-reads the rights."""

    def __init__(self, window: MainWindow, projects: ProjectController, tasks: TaskRunner) -> None:
        super().__init__(window)
        self._window = window
        self._projects = projects
        self._tasks = tasks
        #: Each guarded action and whether its controller wants it enabled.
        self._wanted: dict[QAction, bool] = {}
        #: The actions the gate holds off for now, with the reason shown as their tooltip.
        self._held: dict[QAction, str] = {}
        #: Each guarded action's own tooltip (shown again once it is no longer held).
        self._own_tip: dict[QAction, str] = {}
        self._applying = False
        self._reading = False
        self._last_read = 0.0
        #: Reads the rights again every :data:`REREAD_EVERY_MS` while a server project is open.
        self.timer = QTimer(self)
        self.timer.setInterval(REREAD_EVERY_MS)
        self.timer.timeout.connect(self.reread)
        projects.project_opened.connect(self._on_project_opened)
        projects.project_closed.connect(self._on_project_closed)
        window.installEventFilter(self)

    # -- what is guarded --------------------------------------------------------------------

    def guard(self, *actions: QAction) -> None:
        """Hold these actions off while the login may not arrange the project."""
        for action in actions:
            if action in self._wanted:
                continue
            self._wanted[action] = action.isEnabled()
            self._own_tip[action] = _own_tooltip(action)
            action.changed.connect(partial(self._on_action_changed, action))
            for owner in action.associatedObjects():
                if isinstance(owner, QMenu):
                    owner.setToolTipsVisible(True)  # the reason shows on the greyed entry
        self.apply()

    def _on_action_changed(self, action: QAction) -> None:
        if self._applying:
            return
        enabled = action.isEnabled()
        if action in self._held:
            if not enabled:  # its text or tooltip changed (a new language); held as before
                if action.toolTip() != self._held[action]:
                    self._own_tip[action] = _own_tooltip(action)
                    self._set(action, False, self.reason())
                return
        else:
            self._own_tip[action] = _own_tooltip(action)
        self._wanted[action] = enabled
        if enabled and not self._may_arrange():
            self._set(action, False, self.reason())

    def _set(self, action: QAction, enabled: bool, reason: str) -> None:
        """Enable an action with its own tooltip, or hold it off with ``reason`` as tooltip."""
        held = bool(reason) and not enabled
        self._applying = True
        try:
            action.setEnabled(enabled)
            action.setToolTip(reason if held else self._own_tip.get(action, ""))
        finally:
            self._applying = False
        if held:
            self._held[action] = reason
        else:
            self._held.pop(action, None)

    # -- applying the rights ----------------------------------------------------------------

    def _may_arrange(self) -> bool:
        service = self._projects.service
        return service is None or service.may_arrange

    def reason(self) -> str:
        """Why the guarded actions are greyed ("" when they are not)."""
        service = self._projects.service
        return "" if service is None else arrange_refusal(service)

    def apply(self) -> None:
        """Grey or restore every guarded action and the editing widgets for the rights now."""
        allowed = self._may_arrange()
        reason = self.reason()
        for action, wanted in self._wanted.items():
            if allowed:
                self._set(action, wanted, "")
            else:
                self._set(action, False, reason)
        service = self._projects.service
        if service is None:
            return
        window = self._window
        window.captions.editable = not service.read_only
        self._projects.follow_login_rights(service)
        window.exhibition.set_editable(service.may_arrange)
        window.layout_canvas.view.editable = service.may_arrange
        window.layout_canvas.view.setToolTip(reason)

    # -- reading the rights again -----------------------------------------------------------

    def _on_project_opened(self, service: ProjectService) -> None:
        self._reading = False  # a read for the project before was dropped with it
        self._last_read = time.monotonic()
        if service.store.is_server:
            self.timer.start()
        self.apply()

    def _on_project_closed(self) -> None:
        self._reading = False
        self.timer.stop()
        self.apply()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The window regained focus: read the rights again (unless read a moment ago)."""
        if (
            watched is self._window
            and event.type() == QEvent.Type.WindowActivate
            and time.monotonic() - self._last_read >= FOCUS_REREAD_AFTER_S
        ):
            self.reread()
        return False

    def reread(self) -> None:
        """Ask the server for the login's rights on a worker; apply them if they changed."""
        service = self._projects.service
        if service is None or not service.store.is_server or self._reading:
            return
        self._reading = True
        self._last_read = time.monotonic()
        self._tasks.submit(
            _read_rights,
            service,
            on_result=partial(self._on_rights_read, service),
            on_error=self._on_read_failed,
        )

    def _on_read_failed(self, _error: Exception) -> None:
        self._reading = False  # the server did not answer: the rights stay as they were

    def _on_rights_read(self, service: ProjectService, rights: LoginRights | None) -> None:
        self._reading = False
        if service is not self._projects.service or rights is None:
            return
        if _same(rights, service.login_rights):
            return
        service.login_rights = rights
        self._projects.rights_changed.emit(service)  # controllers update their actions
        self.apply()
        self._projects.show_status()
        self._window.statusBar().showMessage(_("Your rights in this project changed."), 10000)

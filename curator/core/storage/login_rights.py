"""What the login connected to a server project may do, as the window needs to know it.

A project file has no logins: whoever can write the file may do everything. On a server
(``curator.server``) the store reports the connected login's rights, read from the server
once when the project is opened (:meth:`~curator.core.services.ProjectService.open`).
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable


class LoginRights(Protocol):
    """The connected login's part in the project (``curator.server.access.Rights``)."""

    @property
    def login(self) -> str:
        """The login's name."""

    @property
    def role(self) -> str | None:
        """``owner``, ``admin``, ``curator``, ``editor``, ``viewer`` or None (no part)."""

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages whose texts the login may write, in the project's order."""

    @property
    def can_arrange(self) -> bool:
        """Whether it may import, arrange and change everything besides texts."""

    @property
    def can_manage_access(self) -> bool:
        """Whether it may give and take back roles."""


@runtime_checkable
class ReportsLoginRights(Protocol):
    """A store whose connection belongs to a login with a role (a server's)."""

    def login_rights(self) -> LoginRights:
        """Asked of the server now."""

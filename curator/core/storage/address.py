"""What a project address is: a project file, or a project on a PostgreSQL server.

A file address is a path, as always. A server address is a libpq connection URI,
``postgresql://…`` or ``postgres://…`` (any case), handed to libpq unchanged but for one
parameter of Curator's own:

* ``project=NAME`` names the project in the database. Each project lives in its own schema,
  ``curator_NAME``; without ``project`` the address means the database's default project,
  ``default`` (schema ``curator_default``). A name is 1-40 lowercase ASCII letters, digits
  or underscores, starting with a letter, so the schema name never needs quoting. libpq
  itself refuses unknown parameters, so ``project`` is taken out of the query and every
  other byte of the URI goes to libpq as written (``postgresql:///db?host=/socket/dir&user=NAME``,
  several hosts, ``sslmode``, ``service``, ``passfile`` …).

Passwords: Curator never holds one. A URI that carries a password (``user:secret@host`` or
``password=…``) is refused with a message that shows the address without it; libpq's own
sources (``~/.pgpass`` or ``passfile``, ``PGPASSWORD``, a service file) are where a password
lives. So :meth:`ServerAddress.display` and every message built from an address show no
password, because an accepted address has none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from curator.core.errors import UsageError
from curator.i18n import _

#: The URI schemes libpq accepts.
SCHEMES = ("postgresql://", "postgres://")
#: The query parameter that names the project in the database (Curator's, not libpq's).
PROJECT_PARAMETER = "project"
#: The project an address that names none means.
DEFAULT_PROJECT = "default"
#: Every project's schema is this prefix and its name.
SCHEMA_PREFIX = "curator_"

_PROJECT_NAME = re.compile(r"[a-z][a-z0-9_]{0,39}")
_REDACTED = "***"


class AddressError(UsageError):
    """An address Curator refuses (a password in it, a bad project name); nothing was opened."""


@dataclass(frozen=True, slots=True)
class FileAddress:
    """A project file on a disk."""

    path: Path

    def display(self) -> str:
        """The address as shown to a person."""
        return str(self.path)


@dataclass(frozen=True, slots=True)
class ServerAddress:
    """A project in a PostgreSQL database.

    ``conninfo`` is the URI for libpq (the ``project`` parameter taken out, nothing else
    changed); ``project`` the project's name; it never holds a password.
    """

    conninfo: str
    project: str

    @property
    def schema(self) -> str:
        """The schema that holds the project's tables (a safe, unquoted identifier)."""
        return SCHEMA_PREFIX + self.project

    def display(self) -> str:
        """The address as a person would type it again: the URI, and the project if named."""
        if self.project == DEFAULT_PROJECT:
            return self.conninfo
        joiner = "&" if "?" in self.conninfo else "?"
        return f"{self.conninfo}{joiner}{PROJECT_PARAMETER}={self.project}"


ProjectAddress = FileAddress | ServerAddress


def is_server_address(text: str) -> bool:
    """Whether ``text`` is a PostgreSQL URI rather than a file path."""
    return text.lower().startswith(SCHEMES)


def parse_address(text: str | Path) -> ProjectAddress:
    """A file path or a server URI, checked. Raises :class:`AddressError` for a bad URI."""
    if isinstance(text, Path) or not is_server_address(text):
        return FileAddress(Path(text))
    if _has_password(text):
        raise AddressError(
            _(
                "The server address %(address)s contains a password. Curator never stores or"
                " shows one: remove it and put it in ~/.pgpass, the PGPASSWORD environment"
                " variable or a PostgreSQL service file."
            )
            % {"address": redact(text)}
        )
    if "#" in text:
        raise AddressError(
            _("A server address cannot have a '#' part: %(address)s") % {"address": text}
        )
    head, question, query = text.partition("?")
    kept: list[str] = []
    named: list[str] = []
    for part in query.split("&") if query else []:
        key, _eq, value = part.partition("=")
        if unquote(key) != PROJECT_PARAMETER:
            kept.append(part)
            continue
        project = unquote(value)
        named.append(project)
        if len(named) > 1:
            raise AddressError(
                _("The server address %(address)s names more than one project.") % {"address": text}
            )
        if not _PROJECT_NAME.fullmatch(project):
            raise AddressError(
                _(
                    "%(name)r is not a project name in %(address)s: use 1 to 40 lowercase"
                    " letters a-z, digits or underscores, starting with a letter."
                )
                % {"name": project, "address": text}
            )
    conninfo = head + (question + "&".join(kept) if kept else "")
    return ServerAddress(conninfo=conninfo, project=named[0] if named else DEFAULT_PROJECT)


def redact(text: str) -> str:
    """``text`` with any password in a URI replaced by ``***`` (for messages about it)."""
    if not is_server_address(text):
        return text
    scheme, userinfo, at, rest, query = _split(text)
    if at and ":" in userinfo:
        userinfo = userinfo.partition(":")[0] + ":" + _REDACTED
    parts = [
        f"{part.partition('=')[0]}={_REDACTED}" if _is_password_part(part) else part
        for part in query.split("&")
    ]
    return f"{scheme}{userinfo}{at}{rest}" + ("?" + "&".join(parts) if query else "")


def _split(text: str) -> tuple[str, str, str, str, str]:
    """Scheme, user info, '@' (or ''), hosts and path, query: by the last '@' before '?'.

    The last '@', not the first '/': a password written unencoded may hold '/', '#' or '@',
    and must still be found to be refused and redacted.
    """
    separator = text.index("://") + 3
    scheme, rest = text[:separator], text[separator:]
    before_query, question, query = rest.partition("?")
    userinfo, at, hosts = before_query.rpartition("@")
    return scheme, userinfo, at, hosts, query if question else ""


def _is_password_part(part: str) -> bool:
    return unquote(part.partition("=")[0]).strip() == "password"


def _has_password(text: str) -> bool:
    _scheme, userinfo, at, _hosts, query = _split(text)
    if at and ":" in userinfo:
        return True
    return any(_is_password_part(part) for part in query.split("&") if query)

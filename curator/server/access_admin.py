"""Handing out and taking back the roles of a server project (``curator access``).

A login holds one kind of role in a project (:data:`~curator.server.access.ROLE_KINDS`);
granting another replaces it. An editor also holds the languages granted, exactly those
given. Everything happens in one transaction, as the connected login: PostgreSQL decides who
may hand out a role (the project's owner, a superuser, a login with ``CREATEROLE``, or an
admin of the project), and a refusal is an :class:`AccessError` saying so. Nothing here
reads, sets or prints a password: a login's password is the server administrator's business.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

import psycopg
from psycopg import sql

from curator.core.errors import UnknownLanguageError, UsageError
from curator.core.language.languages import normalize_language, not_a_project_language
from curator.i18n import _
from curator.server import access, migrations
from curator.server.schema import Connection


class AccessError(UsageError):
    """A grant or revoke Curator or the server refused; nothing was changed (exit 2)."""


@dataclass(frozen=True, slots=True)
class Member:
    """A login's part in a project: ``owner`` or a role kind, and an editor's languages."""

    login: str
    role: str
    languages: tuple[str, ...] = field(default=())

    def to_json(self) -> dict[str, object]:
        """As ``curator access list --json`` prints it."""
        return {"login": self.login, "role": self.role, "languages": list(self.languages)}


def members(conn: Connection, schema: str) -> list[Member]:
    """Every login with a part in the project: its owner first, then by role and name."""
    with _managing(conn, changing=False):
        return _members(conn, schema)


def _members(conn: Connection, schema: str) -> list[Member]:
    languages = _project_languages(conn, schema)
    roles = access.project_roles(conn, schema)
    by_role_name = {roles.kind(kind): kind for kind in access.ROLE_KINDS}
    by_role_name |= {roles.language(tag): tag for tag in languages}
    rows = conn.execute(
        "SELECT m.rolname, g.rolname FROM pg_auth_members a"
        " JOIN pg_roles g ON g.oid = a.roleid JOIN pg_roles m ON m.oid = a.member"
        " WHERE starts_with(g.rolname, %s) AND m.rolcanlogin",
        (roles.prefix,),
    ).fetchall()
    held: dict[str, set[str]] = {}
    for login, group in rows:
        if str(group) in by_role_name:
            held.setdefault(str(login), set()).add(by_role_name[str(group)])
    found: list[Member] = []
    owner = conn.execute(
        "SELECT r.rolname FROM pg_namespace n JOIN pg_roles r ON r.oid = n.nspowner"
        " WHERE n.nspname = %s AND r.rolcanlogin",
        (schema,),
    ).fetchone()
    if owner is not None:
        found.append(Member(str(owner[0]), access.OWNER))
        held.pop(str(owner[0]), None)
    order = {kind: index for index, kind in enumerate(access.ROLE_KINDS)}
    for login, names in held.items():
        kinds = [kind for kind in access.ROLE_KINDS if kind in names]
        if not kinds:
            continue  # a language without a role: writes nothing (no table privilege)
        granted = tuple(tag for tag in languages if tag in names) if kinds[0] == "editor" else ()
        found.append(Member(login, kinds[0], granted))
    found[1 if owner else 0 :] = sorted(
        found[1 if owner else 0 :], key=lambda m: (order[m.role], m.login)
    )
    return found


def grant(
    conn: Connection, schema: str, login: str, role: str, languages: Sequence[str] = ()
) -> Member:
    """Give ``login`` the ``role`` in the project (an editor: exactly ``languages``)."""
    if role not in access.ROLE_KINDS:
        raise AccessError(
            _("Unknown role %(role)s: use one of %(roles)s.")
            % {"role": role, "roles": ", ".join(access.ROLE_KINDS)}
        )
    if role == "editor" and not languages:
        raise AccessError(
            _("An editor writes only the languages granted: give them with --languages.")
        )
    if role != "editor" and languages:
        raise AccessError(
            _("Only an editor is granted languages; a %(role)s has no --languages.")
            % {"role": role}
        )
    with _managing(conn):
        project_tags = _project_languages(conn, schema)
        tags = _checked_languages(languages, project_tags)
        _check_login(conn, login, schema)
        roles = access.project_roles(conn, schema)
        had = access.existing_roles(conn, _all_names(roles, project_tags))
        present = access.ensure_roles(conn, roles, project_tags)
        needed = [roles.kind(role)] + [roles.language(tag) for tag in tags]
        missing = [name for name in needed if name not in present]
        if missing:
            raise AccessError(
                _(
                    "The project's roles (%(roles)s) do not exist yet and your login may not"
                    " create them: ask the project's owner or a login with CREATEROLE to run"
                    " this grant first."
                )
                % {"roles": ", ".join(missing)}
            )
        if present - had:
            version = migrations.schema_version(conn, schema)
            access.apply_rules(conn, schema, version)
        _take_back(conn, roles, project_tags, login, keep=set(needed))
        for name in needed:
            conn.execute(
                sql.SQL("GRANT {} TO {}").format(sql.Identifier(name), sql.Identifier(login))
            )
    return Member(login, role, tuple(tags))


def revoke(
    conn: Connection, schema: str, login: str, languages: Sequence[str] = ()
) -> Member | None:
    """Take back ``login``'s role in the project, or only some of an editor's languages.

    Returns what the login still holds (None: nothing).
    """
    with _managing(conn):
        project_tags = _project_languages(conn, schema)
        tags = _checked_languages(languages, project_tags)
        _check_login(conn, login, schema)
        roles = access.project_roles(conn, schema)
        if tags:
            names = {roles.language(tag) for tag in tags}
            for name in sorted(access.existing_roles(conn, names)):
                _revoke_one(conn, name, login)
        else:
            _take_back(conn, roles, project_tags, login, keep=set())
        return next((m for m in _members(conn, schema) if m.login == login), None)


def _all_names(roles: access.ProjectRoles, tags: Sequence[str]) -> list[str]:
    return [roles.kind(kind) for kind in access.ROLE_KINDS] + [roles.language(t) for t in tags]


def _take_back(
    conn: Connection,
    roles: access.ProjectRoles,
    tags: Sequence[str],
    login: str,
    keep: set[str],
) -> None:
    held = conn.execute(
        "SELECT g.rolname FROM pg_auth_members a JOIN pg_roles g ON g.oid = a.roleid"
        " JOIN pg_roles m ON m.oid = a.member WHERE m.rolname = %s AND g.rolname = ANY(%s)",
        (login, _all_names(roles, tags)),
    ).fetchall()
    for (name,) in held:
        if str(name) not in keep:
            _revoke_one(conn, str(name), login)


def _revoke_one(conn: Connection, group: str, login: str) -> None:
    conn.execute(sql.SQL("REVOKE {} FROM {}").format(sql.Identifier(group), sql.Identifier(login)))


@contextmanager
def _managing(conn: Connection, *, changing: bool = True) -> Iterator[None]:
    """One transaction for access; the server's refusal as :class:`AccessError`."""
    try:
        with conn.transaction():
            yield
    except psycopg.errors.InsufficientPrivilege as error:
        if changing:
            message = _(
                "The server refused: your login may not change who has access to this"
                " project. Ask its owner, or an admin of the project."
            )
        else:
            message = _(
                "The server refused: your login has no part in this project. Ask its owner,"
                " or an admin of the project."
            )
        raise AccessError(message) from error


def _project_languages(conn: Connection, schema: str) -> list[str]:
    tags = access.project_languages(conn, schema)
    if not tags:
        raise AccessError(
            _("There is no project in schema %(schema)s of this database.") % {"schema": schema}
        )
    return tags


def _checked_languages(languages: Sequence[str], project_tags: Sequence[str]) -> list[str]:
    tags: list[str] = []
    for given in languages:
        try:
            tag = normalize_language(given)
        except UnknownLanguageError as error:
            raise AccessError(error.message) from error
        if tag not in project_tags:
            raise AccessError(not_a_project_language(tag, project_tags).message)
        if tag not in tags:
            tags.append(tag)
    return tags


def _check_login(conn: Connection, login: str, schema: str) -> None:
    row = conn.execute("SELECT rolcanlogin FROM pg_roles WHERE rolname = %s", (login,)).fetchone()
    if row is None or not row[0]:
        raise AccessError(
            _(
                "There is no login %(login)s on this server: the server's administrator creates"
                " it (createuser %(login)s), then it can be granted a role."
            )
            % {"login": login}
        )
    owner = conn.execute(
        "SELECT r.rolname FROM pg_namespace n JOIN pg_roles r ON r.oid = n.nspowner"
        " WHERE n.nspname = %s",
        (schema,),
    ).fetchone()
    if owner is not None and str(owner[0]) == login:
        raise AccessError(
            _("%(login)s owns the project and may do everything in it already.") % {"login": login}
        )

"""Who may do what in a server project, enforced by PostgreSQL itself.

Each project (schema ``curator_NAME``) has its own group roles (``NOLOGIN``), one per kind of
person and one per content language::

    cur_<db>_<project>_viewer    reads everything (USAGE on the schema, SELECT on every table)
    cur_<db>_<project>_editor    a viewer who writes the per-language text tables (below)
    cur_<db>_<project>_curator   a viewer who writes every table: arranges, approves, imports
    cur_<db>_<project>_admin     a curator who may also hand out the roles above
    cur_<db>_<project>_w_<tag>   the right to write texts in one language (``w_ru``, ``w_vi``)

``<db>`` is six hex digits of the md5 of the database's name: roles are shared by every
database of a server, projects are not, so two databases' ``default`` projects never share
a role. An editor is a login in the editor role and in the language roles granted to them.

Row-level security on every per-language table (:data:`LANGUAGE_TABLES`) lets everyone who
can read a row read it, and lets a row be written (inserted, changed to, changed from or
deleted) only when :func:`may_write_sql` allows its language: a curator or admin writes every
language, an editor only the languages granted. The project's owner (who created it) owns the
tables and bypasses these rules, as PostgreSQL's table owners do. Other tables have no row
rule: the editor role simply has no INSERT, UPDATE or DELETE on them, so an editor's own SQL
cannot move a photo, rate it or rename a section.

:func:`apply_rules` (re)applies all of this. :func:`curator.server.migrations.migrate` calls
it, as the owner, whenever a step has run (a new table gets its grants before anyone works
on it) or the project has a language with no role yet. Creating roles
needs a login with ``CREATEROLE`` (or a superuser); without it the rules are applied to the
roles that exist and the project stays its owner's alone until someone who may creates them
(``curator access grant`` does). :func:`rights` says what the connected login may do.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import LiteralString

from psycopg import sql

from curator.core.storage.address import SCHEMA_PREFIX
from curator.server.schema import Connection

#: The kinds of people in a project, from the most rights to the fewest.
ROLE_KINDS = ("admin", "curator", "editor", "viewer")
#: What :func:`rights` reports for the login that owns the project's tables.
OWNER = "owner"

#: The tables holding text in one language, and the SQL giving a row's language (a column, or
#: the language of the row it belongs to).
LANGUAGE_TABLES: dict[str, LiteralString] = {
    "caption": "language",
    "caption_search": "language",
    "caption_alternative": "language",
    "section_text": "language",
    "catalogue_text": "language",
    "catalogue_text_alternative": "language",
    "glossary_term": "language",
    "glossary_form": "language",
    "glossary_surname": "language",
    "glossary_case": "language",
    "memory_unit": "target_language",
    "check_acceptance": "language",
    "photo_event": "language",
    "exchange_export": "language",
    "exchange_export_unit": (
        "(SELECT e.language FROM {schema}.exchange_export e WHERE e.id = export_id)"
    ),
}
#: Tables nobody but the owner writes (the migrations' own bookkeeping).
OWNER_ONLY_TABLES = ("schema_version",)
#: Tables an editor adds to though they hold no language: the previews its workstation makes
#: from the originals it has (rows are never changed, so INSERT only).
EDITOR_ADDS_TO = ("shared_preview",)
#: Bumped when :func:`apply_rules` (or the server-only tables) change, so projects get the
#: new rules when their owner next opens them.
RULES_VERSION = 2
#: The function the row rules call.
MAY_WRITE_FUNCTION = "curator_may_write"
_READ_POLICY = "curator_read"
_WRITE_POLICY = "curator_write"
#: A language's own part of its role's name is the tag itself up to this length (a role name
#: has at most 63 bytes), else ``h`` and eight hex digits of the tag's md5.
_TAG_IN_NAME = 9


@dataclass(frozen=True, slots=True)
class ProjectRoles:
    """The names of one project's group roles."""

    prefix: str

    def kind(self, kind: str) -> str:
        """The group role of a kind of person (one of :data:`ROLE_KINDS`)."""
        return f"{self.prefix}{kind}"

    def language(self, tag: str) -> str:
        """The group role whose members write texts in ``tag``."""
        return f"{self.prefix}w_{_tag_part(tag)}"

    @property
    def language_prefix(self) -> str:
        """What every language role's name starts with."""
        return f"{self.prefix}w_"


def _tag_part(tag: str) -> str:
    if len(tag.encode()) <= _TAG_IN_NAME:
        return tag
    return "h" + hashlib.md5(tag.encode(), usedforsecurity=False).hexdigest()[:8]


def project_roles(conn: Connection, schema: str) -> ProjectRoles:
    """The role names of the project in ``schema`` of the connected database."""
    row = conn.execute("SELECT left(md5(current_database()), 6)").fetchone()
    assert row is not None
    project = schema.removeprefix(SCHEMA_PREFIX)
    return ProjectRoles(prefix=f"cur_{row[0]}_{project}_")


def _tables(conn: Connection, schema: str) -> list[str]:
    rows = conn.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = %s ORDER BY tablename", (schema,)
    ).fetchall()
    return [str(name) for (name,) in rows]


def project_languages(conn: Connection, schema: str) -> list[str]:
    """The project's content languages in their order (none before the project is made)."""
    if "project_language" not in _tables(conn, schema):
        return []
    rows = conn.execute(
        sql.SQL("SELECT tag FROM {}.project_language ORDER BY position").format(
            sql.Identifier(schema)
        )
    ).fetchall()
    return [str(tag) for (tag,) in rows]


def existing_roles(conn: Connection, names: Iterable[str]) -> set[str]:
    """Which of ``names`` are roles on the server."""
    rows = conn.execute(
        "SELECT rolname FROM pg_roles WHERE rolname = ANY(%s)", (list(names),)
    ).fetchall()
    return {str(name) for (name,) in rows}


def may_create_roles(conn: Connection) -> bool:
    """Whether the connected login may create roles (a superuser, or ``CREATEROLE``)."""
    row = conn.execute(
        "SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user"
    ).fetchone()
    return bool(row and row[0])


def ensure_roles(conn: Connection, roles: ProjectRoles, languages: Iterable[str]) -> set[str]:
    """Create the project's missing group roles where the login may; the roles that exist."""
    wanted = [roles.kind(kind) for kind in ROLE_KINDS] + [roles.language(t) for t in languages]
    present = existing_roles(conn, wanted)
    missing = [name for name in wanted if name not in present]
    if missing and may_create_roles(conn):
        for name in missing:
            conn.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(name)))
        present.update(missing)
    return present


def owns_schema(conn: Connection, schema: str) -> bool:
    """Whether the connected login owns the project's schema (or is a superuser)."""
    row = conn.execute(
        "SELECT pg_has_role(current_user, nspowner, 'USAGE') FROM pg_namespace WHERE nspname = %s",
        (schema,),
    ).fetchone()
    return bool(row and row[0])


def _marker(version: int, languages: Iterable[str]) -> str:
    tags = ",".join(languages)
    return f"curator access rules {RULES_VERSION} for schema {version}, languages {tags}"


def rules_applied(conn: Connection, schema: str, version: int) -> bool:
    """Whether :func:`apply_rules` ran since the project reached ``version`` and its languages.

    A language added since has no role yet: the owner's next opening creates it.
    """
    row = conn.execute(
        "SELECT obj_description(p.oid, 'pg_proc') FROM pg_proc p"
        " JOIN pg_namespace n ON n.oid = p.pronamespace"
        " WHERE n.nspname = %s AND p.proname = %s",
        (schema, MAY_WRITE_FUNCTION),
    ).fetchone()
    return row is not None and row[0] == _marker(version, project_languages(conn, schema))


def shut_out(conn: Connection, schema: str) -> bool:
    """Whether the project exists and the connected login may not even read it."""
    row = conn.execute(
        "SELECT NOT has_schema_privilege(current_user, oid, 'USAGE') FROM pg_namespace"
        " WHERE nspname = %s",
        (schema,),
    ).fetchone()
    return bool(row and row[0])


def apply_rules(conn: Connection, schema: str, version: int) -> bool:
    """(Re)apply the project's roles, grants and row rules; whether they could be applied.

    Runs in the caller's transaction; ``version`` is the project's schema version, noted with
    the project's languages so that the migrations apply the rules again once a step has run
    or a language was added. Only the owner of the project's schema (or a superuser) may:
    for anyone else nothing is done and False is returned.
    """
    if not owns_schema(conn, schema):
        return False
    roles = project_roles(conn, schema)
    languages = project_languages(conn, schema)
    present = ensure_roles(conn, roles, languages)
    _write_function(conn, schema, roles)
    conn.execute(
        sql.SQL("COMMENT ON FUNCTION {}(text) IS {}").format(
            sql.Identifier(schema, MAY_WRITE_FUNCTION), sql.Literal(_marker(version, languages))
        )
    )
    tables = _tables(conn, schema)
    for table, language in LANGUAGE_TABLES.items():
        if table in tables:
            _row_rules(conn, schema, table, language)
    _grants(conn, schema, roles, tables, present)
    return True


def _write_function(conn: Connection, schema: str, roles: ProjectRoles) -> None:
    """``curator_may_write(tag)``: whether the current login may write texts in ``tag``."""
    body = sql.SQL(
        "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_roles r"
        " WHERE (r.rolname = {curator} OR r.rolname = {prefix} || CASE"
        " WHEN pg_catalog.octet_length(tag) <= {short} THEN tag"
        " ELSE 'h' || pg_catalog.left(pg_catalog.md5(tag), 8) END)"
        " AND pg_catalog.pg_has_role(current_user, r.oid, 'USAGE'))"
    ).format(
        curator=sql.Literal(roles.kind("curator")),
        prefix=sql.Literal(roles.language_prefix),
        short=sql.Literal(_TAG_IN_NAME),
    )
    conn.execute(
        sql.SQL(
            "CREATE OR REPLACE FUNCTION {function}(tag text) RETURNS boolean"
            " LANGUAGE sql STABLE AS {body}"
        ).format(
            function=sql.Identifier(schema, MAY_WRITE_FUNCTION),
            body=sql.Literal(body.as_string(conn)),
        )
    )


def may_write_sql(schema: str, language: LiteralString) -> sql.Composable:
    """The row rule's condition for a row whose language is the SQL ``language``."""
    expression = sql.SQL(language.replace("{schema}", "{0}")).format(sql.Identifier(schema))
    return sql.SQL("{}({})").format(sql.Identifier(schema, MAY_WRITE_FUNCTION), expression)


def _row_rules(conn: Connection, schema: str, table: str, language: LiteralString) -> None:
    target = sql.Identifier(schema, table)
    condition = may_write_sql(schema, language)
    conn.execute(sql.SQL("ALTER TABLE {} ENABLE ROW LEVEL SECURITY").format(target))
    for policy in (_READ_POLICY, _WRITE_POLICY):
        conn.execute(
            sql.SQL("DROP POLICY IF EXISTS {} ON {}").format(sql.Identifier(policy), target)
        )
    conn.execute(
        sql.SQL("CREATE POLICY {} ON {} FOR SELECT USING (true)").format(
            sql.Identifier(_READ_POLICY), target
        )
    )
    conn.execute(
        sql.SQL("CREATE POLICY {} ON {} FOR ALL USING ({}) WITH CHECK ({})").format(
            sql.Identifier(_WRITE_POLICY), target, condition, condition
        )
    )


def _grants(
    conn: Connection, schema: str, roles: ProjectRoles, tables: list[str], present: set[str]
) -> None:
    """Table privileges and the roles' places in each other (only for roles that exist)."""
    ident = sql.Identifier
    space = ident(schema)
    viewer, editor, curator, admin = (
        roles.kind(k) for k in ("viewer", "editor", "curator", "admin")
    )

    def run(template: LiteralString, *names: str) -> None:
        conn.execute(sql.SQL(template).format(space, *(ident(n) for n in names)))

    if viewer in present:
        run("GRANT USAGE ON SCHEMA {} TO {}", viewer)
        run("GRANT SELECT ON ALL TABLES IN SCHEMA {} TO {}", viewer)
    for writer in (editor, curator):
        if writer in present:
            run("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {} TO {}", writer)
    if curator in present:
        run("GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {} TO {}", curator)
        for table in OWNER_ONLY_TABLES:
            if table in tables:
                run("REVOKE INSERT, UPDATE, DELETE ON {}.{} FROM {}", table, curator)
    if editor in present:
        for table in LANGUAGE_TABLES:
            if table in tables:
                run("GRANT INSERT, UPDATE, DELETE ON {}.{} TO {}", table, editor)
        for table in EDITOR_ADDS_TO:
            if table in tables:
                run("GRANT INSERT ON {}.{} TO {}", table, editor)
    members = [(viewer, editor), (viewer, curator), (curator, admin)]
    for group, member in members:
        if group in present and member in present:
            conn.execute(sql.SQL("GRANT {} TO {}").format(ident(group), ident(member)))
    if admin in present:
        handed_out = [name for name in present if name != admin and (name.startswith(roles.prefix))]
        for name in sorted(handed_out):
            conn.execute(
                sql.SQL("GRANT {} TO {} WITH ADMIN OPTION").format(ident(name), ident(admin))
            )


@dataclass(frozen=True, slots=True)
class Rights:
    """What the connected login may do in the project (for the window to grey out the rest).

    ``role`` is ``owner``, one of :data:`ROLE_KINDS`, or None when the login has no part in
    the project; ``languages`` are those whose texts it may write, in the project's order.
    """

    login: str
    role: str | None
    languages: tuple[str, ...]
    can_read: bool
    can_arrange: bool
    can_manage_access: bool

    def can_write(self, language: str) -> bool:
        """Whether the login may change texts (captions, titles) in ``language``."""
        return language in self.languages

    def to_json(self) -> dict[str, object]:
        """The rights as JSON."""
        return {
            "login": self.login,
            "role": self.role,
            "languages": list(self.languages),
            "can_read": self.can_read,
            "can_arrange": self.can_arrange,
            "can_manage_access": self.can_manage_access,
        }


def rights(conn: Connection, schema: str | None = None) -> Rights:
    """What the connected login may do in the project of ``schema``.

    Without ``schema``, the project the connection's ``search_path`` is on (as
    :func:`curator.server.connection.connect` sets it). Asked of the server, with the same
    function its row rules use, so what it says is what the server will accept.
    """
    if schema is None:
        row = conn.execute("SELECT current_schema()").fetchone()
        schema = str(row[0]) if row and row[0] else ""
    login_row = conn.execute("SELECT current_user::text").fetchone()
    login = str(login_row[0]) if login_row else ""
    roles = project_roles(conn, schema)
    if owns_schema(conn, schema):
        languages = tuple(project_languages(conn, schema))
        return Rights(login, OWNER, languages, True, True, True)
    held = [kind for kind in ROLE_KINDS if _has_role(conn, roles.kind(kind))]
    if not held:
        return Rights(login, None, (), False, False, False)
    languages = tuple(
        tag
        for tag in project_languages(conn, schema)
        if _scalar(
            conn,
            sql.SQL("SELECT {}(%s)").format(sql.Identifier(schema, MAY_WRITE_FUNCTION)),
            tag,
        )
    )
    role = held[0]
    return Rights(
        login,
        role,
        languages,
        can_read=True,
        can_arrange=role in ("admin", "curator"),
        can_manage_access=role == "admin" or may_create_roles(conn),
    )


def _has_role(conn: Connection, name: str) -> bool:
    row = conn.execute(
        "SELECT pg_has_role(current_user, oid, 'USAGE') FROM pg_roles WHERE rolname = %s",
        (name,),
    ).fetchone()
    return bool(row and row[0])


def _scalar(conn: Connection, query: sql.Composed, *params: object) -> bool:
    row = conn.execute(query, params).fetchone()
    return bool(row and row[0])

"""Bringing a project's schema on a PostgreSQL server to the version this Curator writes.

A project is one schema (``curator_NAME``, see :mod:`curator.core.storage.address`). Its
version is the one row of ``schema_version`` there (a file project keeps it in ``PRAGMA
user_version``). Each step runs in its own transaction with the new version (PostgreSQL's DDL
is transactional: a failure leaves the previous version whole), under an advisory lock on the
schema, so two workstations opening an old project at once migrate it once.
"""

from __future__ import annotations

from typing import LiteralString

import psycopg
from psycopg import sql

from curator.core.errors import ProjectOpenError
from curator.core.storage.address import ServerAddress
from curator.core.storage.migrations import MIGRATIONS, SCHEMA_VERSION
from curator.i18n import _
from curator.server import access, schema_shared
from curator.server.schema import PG_STEPS, Connection, PgStep


def steps() -> tuple[PgStep, ...]:
    """The PostgreSQL steps, checked against the SQLite ones: one twin for every version."""
    pg = [step.version for step in PG_STEPS]
    sqlite = [migration.version for migration in MIGRATIONS]
    if pg != sqlite:
        raise RuntimeError(f"PostgreSQL steps {pg} do not match the SQLite migrations {sqlite}")
    return PG_STEPS


def schema_version(conn: Connection, schema: str) -> int:
    """The project's version (0: no project in this schema yet)."""
    row = conn.execute(
        "SELECT EXISTS (SELECT 1 FROM pg_tables"
        " WHERE schemaname = %s AND tablename = 'schema_version')",
        (schema,),
    ).fetchone()
    if row is None or not row[0]:
        return 0
    found = conn.execute(
        _in_schema("SELECT version FROM {schema}.schema_version", schema)
    ).fetchone()
    return int(str(found[0])) if found else 0


def migrate(conn: Connection, address: ServerAddress, *, target: int = SCHEMA_VERSION) -> int:
    """Create the project's schema if needed and bring it to ``target``; the version reached.

    ``conn`` is in autocommit mode. A project newer than this Curator is refused with a
    :class:`ProjectOpenError` and left as it is. A project already at ``target`` is only
    read, so a login that may not change the schema (an editor, a viewer) opens it too; a
    login with no part in the project is refused with a :class:`ProjectOpenError`.
    """
    schema = address.schema
    if access.shut_out(conn, schema):
        raise ProjectOpenError(
            _(
                "Your login has no access to the project %(address)s: its owner or an admin"
                " can grant it (curator access grant)."
            )
            % {"address": address.display()}
        )
    found = schema_version(conn, schema)
    if found >= max(target, 1) and (
        found > SCHEMA_VERSION
        or access.rules_applied(conn, schema, found)
        or not access.owns_schema(conn, schema)
    ):
        _refuse_newer(address, found)
        return found
    try:
        return _migrate(conn, address, target)
    except psycopg.errors.InsufficientPrivilege as error:
        values = {"address": address.display(), "reason": str(error).strip().splitlines()[0]}
        if not found:
            message = _("Your login may not create the project %(address)s: %(reason)s")
        else:
            message = _(
                "The project %(address)s needs updating to this version of Curator, which"
                " only its owner may do: %(reason)s"
            )
        raise ProjectOpenError(message % values) from error


def _migrate(conn: Connection, address: ServerAddress, target: int) -> int:
    schema = address.schema
    for step in steps():
        if step.version > target:
            break
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (f"curator:{schema}",))
            current = _prepare(conn, address)
            if step.version <= current:
                continue
            conn.execute(_in_schema("SET LOCAL search_path TO {schema}", schema))
            step.apply(conn)
            conn.execute(
                _in_schema("UPDATE {schema}.schema_version SET version = %s", schema),
                (step.version,),
            )
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (f"curator:{schema}",))
        reached = _prepare(conn, address)
        schema_shared.create(conn, schema)
        if not access.rules_applied(conn, schema, reached):
            # New tables get the project's grants and row rules (see curator.server.access).
            access.apply_rules(conn, schema, reached)
        return reached


def _prepare(conn: Connection, address: ServerAddress) -> int:
    """The schema and its version row exist; the version, if this Curator can open it."""
    schema = address.schema
    conn.execute(_in_schema("CREATE SCHEMA IF NOT EXISTS {schema}", schema))
    conn.execute(
        _in_schema(
            "CREATE TABLE IF NOT EXISTS {schema}.schema_version ("
            " singleton bigint PRIMARY KEY DEFAULT 1 CHECK (singleton = 1),"
            " version bigint NOT NULL)",
            schema,
        )
    )
    conn.execute(
        _in_schema(
            "INSERT INTO {schema}.schema_version (version) VALUES (0) ON CONFLICT DO NOTHING",
            schema,
        )
    )
    current = schema_version(conn, schema)
    _refuse_newer(address, current)
    return current


def _refuse_newer(address: ServerAddress, current: int) -> None:
    if current > SCHEMA_VERSION:
        raise ProjectOpenError(
            _(
                "The project %(address)s was written by a newer Curator (schema %(found)d;"
                " this one knows up to %(known)d). Update Curator to open it."
            )
            % {"address": address.display(), "found": current, "known": SCHEMA_VERSION}
        )


def _in_schema(template: LiteralString, schema: str) -> sql.Composed:
    """``template`` with ``{schema}`` as the quoted schema name."""
    return sql.SQL(template).format(schema=sql.Identifier(schema))

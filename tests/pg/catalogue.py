"""Both engines' catalogues in one shape: per table its columns, keys, checks and indexes."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

import psycopg

#: SQLite's declared types and their PostgreSQL forms (curator/server/schema.py).
TYPES = {"TEXT": "text", "INTEGER": "bigint", "REAL": "double precision", "BLOB": "bytea"}
ON_DELETE = {"a": "NO ACTION", "c": "CASCADE", "n": "SET NULL", "r": "RESTRICT", "d": "SET DEFAULT"}


@dataclass(frozen=True)
class Table:
    columns: tuple[tuple[str, str, bool, str | None], ...]  # name, type, not null, default
    primary_key: tuple[str, ...]
    foreign_keys: frozenset[tuple[tuple[str, ...], str, tuple[str, ...], str]]
    checks: tuple[str, ...]  # the column each CHECK is about, sorted
    indexes: frozenset[
        tuple[tuple[str, ...], bool, bool, str | None]
    ]  # cols, unique, partial, name


def _default(text: str | None) -> str | None:
    if text is None:
        return None
    text = re.sub(r"::[a-z ]+$", "", text.strip())
    while text.startswith("(") and text.endswith(")"):
        text = text[1:-1]
    return text


def sqlite_catalogue(conn: sqlite3.Connection, skip: set[str]) -> dict[str, Table]:
    tables = {}
    for name, sql in conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ):
        if name in skip or any(name.startswith(s + "_") for s in skip):
            continue
        info = conn.execute(f"PRAGMA table_info({name})").fetchall()
        columns = tuple(
            # An INTEGER PRIMARY KEY is the rowid: never NULL (PostgreSQL: an identity column).
            (r[1], TYPES[r[2]], bool(r[3]) or bool(r[5]), _default(r[4]))
            for r in info
        )
        primary_key = tuple(r[1] for r in sorted((r for r in info if r[5]), key=lambda r: r[5]))
        groups: dict[int, list[tuple[object, ...]]] = {}
        for row in conn.execute(f"PRAGMA foreign_key_list({name})"):
            groups.setdefault(row[0], []).append(row)
        foreign_keys = set()
        for rows in groups.values():
            rows.sort(key=lambda r: r[1])
            target = str(rows[0][2])
            to = tuple(str(r[4]) for r in rows)
            if None in (r[4] for r in rows):
                to = tuple(r[1] for r in conn.execute(f"PRAGMA table_info({target})") if r[5])
            foreign_keys.add((tuple(str(r[3]) for r in rows), target, to, str(rows[0][6])))
        indexes = set()
        for _seq, index, unique, origin, partial in conn.execute(f"PRAGMA index_list({name})"):
            if origin == "pk":
                continue
            cols = tuple(r[2] for r in conn.execute(f"PRAGMA index_info({index})"))
            indexes.add((cols, bool(unique), bool(partial), index if origin == "c" else None))
        tables[name] = Table(
            columns=columns,
            primary_key=primary_key,
            foreign_keys=frozenset(foreign_keys),
            checks=tuple(sorted(re.findall(r"CHECK \((\w+)", sql))),
            indexes=frozenset(indexes),
        )
    return tables


def pg_catalogue(
    conn: psycopg.Connection[tuple[object, ...]], schema: str, skip: set[str]
) -> dict[str, Table]:
    tables = {}
    names = [
        str(r[0])
        for r in conn.execute(
            "SELECT table_name FROM information_schema.tables"
            " WHERE table_schema = %s AND table_type = 'BASE TABLE'",
            (schema,),
        )
    ]
    for name in names:
        if name in skip:
            continue
        relid = f"{schema}.{name}"
        columns = tuple(
            (str(c), str(t), n == "NO", _default(d if d is None else str(d)))
            for c, t, n, d in conn.execute(
                "SELECT column_name, data_type, is_nullable, column_default"
                " FROM information_schema.columns WHERE table_schema = %s AND table_name = %s"
                " ORDER BY ordinal_position",
                (schema, name),
            )
        )

        def attnames(relation: str, numbers: object) -> tuple[str, ...]:
            return tuple(
                str(
                    conn.execute(
                        "SELECT attname FROM pg_attribute WHERE attrelid = %s::regclass"
                        " AND attnum = %s",
                        (relation, n),
                    ).fetchone()[0]
                )  # type: ignore[index]
                for n in numbers  # type: ignore[attr-defined]
            )

        constraints = conn.execute(
            "SELECT contype, conkey, confrelid::regclass::text, confkey, confdeltype, conindid"
            " FROM pg_constraint WHERE conrelid = %s::regclass",
            (relid,),
        ).fetchall()
        primary_key: tuple[str, ...] = ()
        foreign_keys = set()
        checks = []
        constraint_indexes = set()
        for kind, key, target, target_key, on_delete, index in constraints:
            if kind == "p":
                primary_key = attnames(relid, key)
            elif kind == "f":
                short = str(target).rpartition(".")[2]
                foreign_keys.add(
                    (
                        attnames(relid, key),
                        short,
                        attnames(str(target), target_key),
                        ON_DELETE[str(on_delete)],
                    )
                )
            elif kind == "c":
                checks.extend(attnames(relid, key))
            if kind in ("p", "u"):
                constraint_indexes.add(index)
        indexes = set()
        for index_oid, index, unique, primary, partial, keys in conn.execute(
            "SELECT i.indexrelid, c.relname, i.indisunique, i.indisprimary,"
            " i.indpred IS NOT NULL, i.indkey::int2[] FROM pg_index i"
            " JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = %s::regclass",
            (relid,),
        ):
            if primary:
                continue
            cols = attnames(relid, keys)
            named = None if index_oid in constraint_indexes else str(index)
            indexes.add((cols, bool(unique), bool(partial), named))
        tables[name] = Table(
            columns=columns,
            primary_key=primary_key,
            foreign_keys=frozenset(foreign_keys),
            checks=tuple(sorted(checks)),
            indexes=frozenset(indexes),
        )
    return tables

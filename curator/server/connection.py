"""Connecting to a project on a PostgreSQL server."""

from __future__ import annotations

import psycopg
from psycopg import sql

from curator.core.errors import ProjectOpenError
from curator.core.storage.address import ServerAddress
from curator.i18n import _


def connect(
    address: ServerAddress, *, autocommit: bool = True
) -> psycopg.Connection[tuple[object, ...]]:
    """A connection to the server of ``address``, its ``search_path`` on the project's schema.

    The URI goes to libpq as it is (passwords come from libpq's own sources). A failure to
    connect is a :class:`ProjectOpenError` naming the address, never showing a password.
    """
    try:
        conn = psycopg.connect(address.conninfo, autocommit=autocommit)
    except psycopg.Error as error:
        raise ProjectOpenError(
            _("Could not connect to %(address)s: %(reason)s")
            % {"address": address.display(), "reason": server_reason(error)}
        ) from error
    conn.execute(sql.SQL("SET search_path TO {}").format(sql.Identifier(address.schema)))
    if not autocommit:
        conn.commit()
    return conn


def server_reason(error: psycopg.Error) -> str:
    """The message of libpq, first line (it names host and socket, never a password)."""
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__

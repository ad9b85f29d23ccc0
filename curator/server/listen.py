"""Listening to a project's announcements: what other writers changed, within a second.

Every write on a server project notifies the project's channel (the triggers of
:mod:`curator.server.schema_notify`). :class:`ChangeListener` holds a connection of its own in
autocommit mode, listens there on a thread of its own, gathers what arrives in short
rounds (a tenth of a second) and hands each round to ``report`` as one
:class:`~curator.core.storage.database.RemoteChanges`. Announcements of the store's
own connections (its workers' too) are left out: that window already shows its edits. A lost
connection is made again; the round after it says ``everything`` (announcements may have
been missed meanwhile).
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import Callable
from typing import Any

import psycopg
from psycopg import sql

from curator.core.storage.address import ServerAddress
from curator.core.storage.database import RemoteChanges
from curator.server.connection import connect
from curator.server.schema_notify import channel

#: How long one round gathers announcements before reporting them (seconds).
ROUND = 0.1
#: How long to wait before connecting again after the server went away (seconds).
_RECONNECT = 1.0


def parse(payloads: list[str]) -> RemoteChanges:
    """One round of notification payloads as a change report (unknown ones are skipped)."""
    captions: set[tuple[str, str, str]] = set()
    photos: set[str] = set()
    tables: set[str] = set()
    for payload in payloads:
        try:
            item = json.loads(payload)
        except ValueError:
            continue
        if not isinstance(item, list) or not item:
            continue
        kind, rest = item[0], [str(part) for part in item[1:]]
        if kind == "caption" and len(rest) == 3:
            captions.add((rest[0], rest[1], rest[2]))
        elif kind == "photo" and len(rest) == 1:
            photos.add(rest[0])
        elif kind == "table" and len(rest) == 1:
            tables.add(rest[0])
    return RemoteChanges(frozenset(captions), frozenset(photos), frozenset(tables))


class ChangeListener:
    """Listens to one project's channel on its own thread; :meth:`stop` ends it."""

    def __init__(
        self,
        address: ServerAddress,
        report: Callable[[RemoteChanges], None],
        *,
        own_pids: dict[int, float] | None = None,
    ) -> None:
        self._address = address
        self._report = report
        #: Server processes whose announcements are left out, each until when.
        self._own_pids = own_pids if own_pids is not None else {}
        self._stopping = threading.Event()
        self._conn: psycopg.Connection[tuple[Any, ...]] | None = None
        #: Set once the channel is listened to (or connecting failed and is tried again).
        self.ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name="curator-listen", daemon=True)

    def start(self) -> ChangeListener:
        """Start the thread (connecting happens there: :attr:`ready` says when it listens)."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop listening; returns once the thread ended (within a round)."""
        self._stopping.set()
        if self._thread.is_alive() and threading.current_thread() is not self._thread:
            self._thread.join(5)

    def _run(self) -> None:
        missed = False
        while not self._stopping.is_set():
            try:
                conn = self._listen()
            except Exception:
                self.ready.set()
                missed = True
                self._stopping.wait(_RECONNECT)
                continue
            if missed:
                self._report(RemoteChanges(everything=True))
                missed = False
            try:
                self._rounds(conn)
            except psycopg.Error:
                missed = True
                self._stopping.wait(_RECONNECT)
            finally:
                with contextlib.suppress(psycopg.Error):
                    conn.close()

    def _listen(self) -> psycopg.Connection[tuple[Any, ...]]:
        conn = connect(self._address)  # autocommit: a notification arrives between queries
        conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(channel(self._address.schema))))
        self.ready.set()
        return conn

    def _rounds(self, conn: psycopg.Connection[tuple[Any, ...]]) -> None:
        while not self._stopping.is_set():
            payloads = [
                notify.payload
                for notify in conn.notifies(timeout=ROUND)
                if self._own_pids.get(notify.pid, 0.0) < time.monotonic()
            ]
            if payloads and not self._stopping.is_set():
                changes = parse(payloads)
                if changes.captions or changes.photos or changes.tables:
                    self._report(changes)

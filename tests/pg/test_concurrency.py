"""Many writers on one server project: no lost update, retries, and announcements."""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

import curator.server.store  # noqa: F401  (registers the server's store)
from curator.core.editing import sections
from curator.core.errors import CaptionConflictError
from curator.core.model import CaptionField, Photo
from curator.core.services import ProjectService
from curator.core.storage.address import ServerAddress, parse_address
from curator.core.storage.database import RemoteChanges
from curator.server.connection import connect
from curator.server.store import ServerStore

#: Generous: announcements arrive within a round (0.1 s); a loaded CI machine is slower.
_PATIENCE = 15.0


def _photo(service: ProjectService, sha: str = "h1") -> str:
    with service.store.transaction():
        return service.photos.add(
            Photo(id="", path=Path(f"/p/{sha}.jpg"), sha256=sha, width=30, height=20)
        ).id


def _text(service: ProjectService, photo: str, tag: str, field: CaptionField) -> str:
    caption = service.queries.caption(photo, tag, field)
    return "" if caption is None else caption.text


def _revision(service: ProjectService, photo: str, tag: str, field: CaptionField) -> int:
    caption = service.queries.caption(photo, tag, field)
    return 0 if caption is None else caption.revision


@pytest.fixture
def two(server_project: str) -> Iterator[tuple[ProjectService, ProjectService, str]]:
    """Two workstations' stores on one new server project, with one photo."""
    first = ProjectService.create(server_project, title="Hà Nội", languages=["vi", "ru", "en"])
    photo = _photo(first)
    second = ProjectService.open(server_project)
    with first, second:
        yield first, second, photo


def test_a_stale_write_from_another_store_is_refused_with_the_other_text(two) -> None:
    ttxvn, tass, photo = two
    read = _revision(ttxvn, photo, "vi", CaptionField.CAPTION)
    read_there = _revision(tass, photo, "vi", CaptionField.CAPTION)
    tass.operations.captions.set_text(
        [photo], "vi", CaptionField.CAPTION, "Cầu Rồng", {photo: read_there}
    )
    with pytest.raises(CaptionConflictError) as refused:
        ttxvn.operations.captions.set_text(
            [photo], "vi", CaptionField.CAPTION, "Cầu Sông Hàn", {photo: read}
        )
    assert (refused.value.theirs, refused.value.mine) == ("Cầu Rồng", "Cầu Sông Hàn")
    assert _text(ttxvn, photo, "vi", CaptionField.CAPTION) == "Cầu Rồng"


def test_edits_of_different_fields_from_two_stores_are_both_applied(two) -> None:
    ttxvn, tass, photo = two
    vi = _revision(ttxvn, photo, "vi", CaptionField.CAPTION)
    ru = _revision(tass, photo, "ru", CaptionField.CAPTION)
    headline = _revision(tass, photo, "vi", CaptionField.HEADLINE)
    ttxvn.operations.captions.set_text([photo], "vi", CaptionField.CAPTION, "Cầu Rồng", {photo: vi})
    tass.operations.captions.set_text([photo], "ru", CaptionField.CAPTION, "Мост", {photo: ru})
    tass.operations.captions.set_text(
        [photo], "vi", CaptionField.HEADLINE, "Đà Nẵng", {photo: headline}
    )
    for service in two[:2]:
        assert _text(service, photo, "vi", CaptionField.CAPTION) == "Cầu Rồng"
        assert _text(service, photo, "ru", CaptionField.CAPTION) == "Мост"
        assert _text(service, photo, "vi", CaptionField.HEADLINE) == "Đà Nẵng"


def _waiting_on_a_lock(admin: psycopg.Connection, query: str) -> bool:
    row = admin.execute(
        "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE %s",
        (query + "%",),
    ).fetchone()
    return bool(row and row[0])


def _until(condition, what: str) -> None:
    deadline = time.monotonic() + _PATIENCE
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.02)


def test_a_write_the_server_ends_in_a_deadlock_is_run_again(two, server_project: str) -> None:
    """Another client's SQL locks the caption row, then waits for Curator's write lock.

    The server breaks the deadlock by ending Curator's transaction (it waited first);
    Curator runs the edit again once the other client is done, and it is written.
    """
    ttxvn, _tass, photo = two
    ttxvn.set_caption(photo, "vi", CaptionField.CAPTION, "Cầu Rồng")
    store = ttxvn.store
    assert isinstance(store, ServerStore)
    address = parse_address(server_project)
    assert isinstance(address, ServerAddress)
    other = connect(address, autocommit=False)
    admin = connect(address)
    try:
        other.execute(
            "UPDATE caption SET updated_at = updated_at"
            " WHERE photo_id = %s AND language = 'vi' AND field = 'caption'",
            (photo,),
        )
        errors: list[BaseException] = []

        def edit() -> None:
            try:
                ttxvn.operations.captions.set_text(
                    [photo], "vi", CaptionField.CAPTION, "Cầu Sông Hàn"
                )
            except BaseException as error:
                errors.append(error)

        writer = threading.Thread(target=edit)
        writer.start()
        _until(lambda: _waiting_on_a_lock(admin, "INSERT INTO caption"), "the edit never waited")
        locker = threading.Thread(
            target=lambda: other.execute(
                "SELECT pg_advisory_xact_lock(hashtext(%s))",
                (f"curator-write:{address.schema}",),
            )
        )
        locker.start()
        locker.join(_PATIENCE)  # granted once the server ended Curator's transaction
        assert not locker.is_alive()
        other.commit()
        writer.join(_PATIENCE)
        assert not writer.is_alive() and errors == []
    finally:
        other.close()
        admin.close()
    assert store.retries == 1
    assert _text(ttxvn, photo, "vi", CaptionField.CAPTION) == "Cầu Sông Hàn"


def _collect(reports: queue.Queue[RemoteChanges], wanted) -> list[RemoteChanges]:
    seen: list[RemoteChanges] = []
    deadline = time.monotonic() + _PATIENCE
    while not any(wanted(changes) for changes in seen):
        remaining = deadline - time.monotonic()
        assert remaining > 0, f"not announced; seen {seen}"
        try:
            seen.append(reports.get(timeout=remaining))
        except queue.Empty:
            continue
    return seen


def test_other_writers_changes_are_announced_and_ones_own_are_not(two, server_project) -> None:
    ttxvn, tass, photo = two
    reports: queue.Queue[RemoteChanges] = queue.Queue()
    store = ttxvn.store
    assert isinstance(store, ServerStore)
    listening = store.listen(reports.put)
    assert listening.ready.wait(_PATIENCE)
    try:
        ttxvn.set_caption(photo, "vi", CaptionField.CAPTION, "Cầu Rồng")  # its own: not told
        with ttxvn.for_thread() as worker:  # nor what its own workers write
            worker.set_caption(photo, "en", CaptionField.CAPTION, "Dragon Bridge")
        tass.set_caption(photo, "ru", CaptionField.HEADLINE, "Мост")
        seen = _collect(reports, lambda c: (photo, "ru", "headline") in c.captions)
        for changes in seen:
            assert (photo, "vi", "caption") not in changes.captions
            assert (photo, "en", "caption") not in changes.captions
        tass.operations.photos.set_marks([photo], rating=4)
        _collect(reports, lambda c: photo in c.photos)
        sections.add_section(tass, {"vi": "Miền Trung"})
        _collect(reports, lambda c: "section" in c.tables)
        # Any client's SQL is announced too (the server's triggers, not Curator, tell).
        address = parse_address(server_project)
        assert isinstance(address, ServerAddress)
        with connect(address) as other:
            other.execute(
                "UPDATE caption SET text = 'Мост Дракона' WHERE photo_id = %s"
                " AND language = 'ru' AND field = 'headline'",
                (photo,),
            )
        _collect(reports, lambda c: (photo, "ru", "headline") in c.captions)
    finally:
        listening.stop()


def test_a_listener_whose_connection_was_cut_listens_again_and_says_read_everything(
    two, server_project
) -> None:
    ttxvn, tass, photo = two
    store = ttxvn.store
    assert isinstance(store, ServerStore)
    reports: queue.Queue[RemoteChanges] = queue.Queue()
    listening = store.listen(reports.put)
    assert listening.ready.wait(_PATIENCE)
    address = parse_address(server_project)
    assert isinstance(address, ServerAddress)
    try:
        with connect(address) as admin:
            cut = admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE query LIKE 'LISTEN %%' AND pid <> pg_backend_pid()"
            ).fetchall()
        assert cut == [(True,)]
        _collect(reports, lambda c: c.everything)
        tass.set_caption(photo, "ru", CaptionField.CAPTION, "Мост")
        _collect(reports, lambda c: (photo, "ru", "caption") in c.captions)
    finally:
        listening.stop()

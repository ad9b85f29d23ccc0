"""A project on the server: the same services as a file, and the server's own rules."""

from __future__ import annotations

import threading
from pathlib import Path

import psycopg
import pytest

import curator.server.store  # noqa: F401  (registers the server's store)
from curator.core.errors import (
    ProjectExistsError,
    ProjectMissingError,
    ProjectOpenError,
    ProjectWriteError,
    ReadOnlyProjectError,
)
from curator.core.model import CaptionField, CaptionStatus, Photo
from curator.core.services import ProjectService
from curator.core.storage.address import AddressError, ServerAddress, parse_address
from curator.server.store import ServerStore


def _photo(service: ProjectService, sha: str = "h1") -> str:
    with service.store.transaction():
        return service.photos.add(
            Photo(id="", path=Path(f"/p/{sha}.jpg"), sha256=sha, width=30, height=20)
        ).id


def test_a_server_project_is_made_opened_and_read_like_a_file(server_project: str) -> None:
    with ProjectService.create(
        server_project, title="Hà Nội – Москва", languages=["vi", "ru", "en"]
    ) as service:
        assert service.store.is_server and service.location == server_project
        photo = _photo(service)
        service.set_caption(photo, "vi", CaptionField.CAPTION, "Cầu Rồng ở Đà Nẵng")
        service.set_caption(photo, "ru", CaptionField.CAPTION, "Ёлка", CaptionStatus.FINAL)
    with ProjectService.open(server_project, read_only=True) as again:
        info = again.info()
        assert info.project.title == "Hà Nội – Москва"
        assert info.project.languages == ("vi", "ru", "en")
        assert info.counts.photos == 1
        assert info.location == server_project
        assert again.search.photo_ids("da nang") == {photo}
        assert again.search.photo_ids("елка") == {photo}
        caption = again.queries.caption(photo, "ru", CaptionField.CAPTION)
        assert caption is not None and caption.status == CaptionStatus.FINAL


def test_a_second_project_in_the_same_schema_is_refused(server_project: str) -> None:
    ProjectService.create(server_project, title="A", languages=["vi"]).close()
    with pytest.raises(ProjectExistsError) as refused:
        ProjectService.create(server_project, title="B", languages=["ru"])
    assert "already holds a project" in refused.value.message
    with ProjectService.open(server_project) as service:
        assert service.info().project.title == "A"


def test_an_address_without_a_project_says_how_to_make_one(server_project: str) -> None:
    with pytest.raises(ProjectMissingError) as missing:
        ProjectService.open(server_project)
    assert f"curator new {server_project}" in missing.value.message


def test_a_password_in_the_address_is_refused_before_connecting(server_project: str) -> None:
    with pytest.raises(AddressError) as refused:
        ProjectService.open(server_project.replace("user=", "password=hunter2&user="))
    assert "hunter2" not in refused.value.message and "***" in refused.value.message


def test_read_only_is_refused_by_curator_and_by_the_server(server_project: str) -> None:
    ProjectService.create(server_project, title="A", languages=["vi"]).close()
    with ProjectService.open(server_project, read_only=True) as service:
        with pytest.raises(ReadOnlyProjectError):
            service.set_title("B")
        raw = service.store.conn
        with pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
            raw.execute("UPDATE project SET title = ?", ("B",))


def test_one_writer_at_a_time_and_the_next_one_sees_the_last_write(server_project: str) -> None:
    """While one workstation's edit is in flight, another's waits, then builds on it."""
    ProjectService.create(server_project, title="A", languages=["vi"]).close()
    address = parse_address(server_project)
    assert isinstance(address, ServerAddress)
    first = ServerStore.open(address)
    second = ProjectService.open(server_project)
    entered, release, done = threading.Event(), threading.Event(), threading.Event()
    photo = _photo(second)

    def other_edit() -> None:
        entered.wait(10)
        second.set_caption(photo, "vi", CaptionField.CAPTION, "sau")
        done.set()

    worker = threading.Thread(target=other_edit)
    worker.start()
    try:
        with first.transaction() as conn:
            conn.execute(
                "INSERT INTO caption (photo_id, language, field, text, status, revision,"
                " updated_at) VALUES (?, 'vi', 'caption', 'trước', 'draft', 1, 'now')",
                (photo,),
            )
            entered.set()
            # The other edit waits for the lock: it cannot finish while this one is open.
            assert not done.wait(0.5)
            release.set()
        worker.join(10)
        assert done.is_set()
        caption = second.queries.caption(photo, "vi", CaptionField.CAPTION)
        assert caption is not None and (caption.text, caption.revision) == ("sau", 2)
    finally:
        worker.join(10)
        first.close()
        second.close()


def test_a_connection_cut_by_the_server_is_said_in_words_not_a_traceback(
    server_project: str,
) -> None:
    with ProjectService.create(server_project, title="A", languages=["vi"]) as service:
        raw = service.store.conn.raw  # type: ignore[attr-defined]
        pid = raw.info.backend_pid
        with psycopg.connect(server_project.partition("&project=")[0], autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
        with pytest.raises(ProjectOpenError) as lost:
            service.info()
        assert "did not answer" in lost.value.message and "password" not in lost.value.message
        with pytest.raises(ProjectWriteError):
            service.set_title("B")

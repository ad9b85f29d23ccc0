"""``curator copy``: a whole project from a file to a real PostgreSQL server and back."""

from __future__ import annotations

import json
import sqlite3
import threading
from contextlib import closing
from pathlib import Path

import psycopg
import pytest

from curator import cli
from curator.core.errors import (
    CancelledError,
    NewerSchemaError,
    ProjectExistsError,
    ProjectMissingError,
)
from curator.core.progress import Progress
from curator.core.services import ProjectService
from curator.core.storage import migrations as sqlite_migrations
from curator.core.storage.address import FileAddress
from curator.core.storage.migrations import SCHEMA_VERSION
from curator.core.storage.protected_files import ProtectedFileError
from curator.demo import write_demo
from curator.server.copy import copy_project
from tests.pg.copy_dumps import (
    as_on_a_server,
    file_dump,
    schemas,
    server_address,
    server_dump,
)

SHARED_IMAGES = Path(__file__).resolve().parents[3] / "shared" / "data" / "realworld" / "images"


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    return write_demo(tmp_path / "demo")[0]


def test_the_demo_goes_to_a_server_and_back_with_every_row(
    demo: Path, pg_database: str, tmp_path: Path
):
    server = server_address(pg_database, "trip")
    back = tmp_path / "back.curator"
    seen: list[Progress] = []
    report = copy_project(FileAddress(demo), server, on_progress=seen.append)
    original = file_dump(demo)
    on_server = server_dump(server)
    assert on_server == as_on_a_server(original)
    copy_project(server, FileAddress(back))
    assert file_dump(back) == original
    # Not vacuous: the demo has photos, captions in three languages, thumbnails and a glossary.
    for table in ("photo", "caption", "thumbnail", "glossary_entry", "section", "caption_search"):
        assert len(original[table]) > 2, table
    assert report.rows["caption"] == len(original["caption"])
    assert seen[-1].done == seen[-1].total == sum(report.rows.values())
    assert [p.done for p in seen] == sorted(p.done for p in seen)
    with ProjectService.open(back) as service:  # the copy is a project Curator opens and writes
        assert service.info().counts.photos == len(original["photo"])
        assert service.store.schema_version == SCHEMA_VERSION


def test_new_rows_on_the_server_get_ids_after_the_copied_ones(demo: Path, pg_database: str):
    server = server_address(pg_database, "ids")
    copy_project(FileAddress(demo), server)
    with psycopg.connect(server.conninfo) as conn:
        conn.execute(f"SET search_path TO {server.schema}")
        before = conn.execute("SELECT max(id) FROM glossary_entry").fetchone()
        assert before is not None and isinstance(before[0], int)
        row = conn.execute(
            "INSERT INTO glossary_entry (kind, note) VALUES ('person', '') RETURNING id"
        ).fetchone()
        assert row is not None and row[0] == before[0] + 1


@pytest.mark.skipif(not SHARED_IMAGES.is_dir(), reason="the shared real-world corpus is absent")
def test_a_real_imported_project_round_trips_through_the_command_line(
    pg_database: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    project, back = tmp_path / "real.curator", tmp_path / "real-back.curator"
    assert cli.main(["new", str(project), "--languages", "vi,ru,en"]) == 0
    folders = [str(SHARED_IMAGES / name) for name in ("digikam", "exiv2", "pillow")]
    assert cli.main(["import", str(project), *folders]) in (0, 1)  # some files are broken
    url = f"{pg_database}&project=real"
    capsys.readouterr()
    assert cli.main(["copy", str(project), url, "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["destination"] == server_address(pg_database, "real").display()
    assert report["rows"]["photo"] > 10 and report["rows"]["import_problem"] > 0
    assert cli.main(["copy", url, str(back)]) == 0
    assert "Copied" in capsys.readouterr().out
    assert file_dump(back) == file_dump(project)


def test_server_to_server_into_another_project_of_the_database(demo: Path, pg_database: str):
    first, second = server_address(pg_database, "first"), server_address(pg_database, "second")
    copy_project(FileAddress(demo), first)
    copy_project(first, second)
    assert server_dump(second) == server_dump(first)


def test_a_destination_holding_a_project_is_refused_and_left_as_it_is(
    demo: Path, pg_database: str, tmp_path: Path
):
    server = server_address(pg_database, "taken")
    copy_project(FileAddress(demo), server)
    other = write_demo(tmp_path / "other")[0]
    with ProjectService.open(other) as service:
        service.store.conn.execute("DELETE FROM glossary_entry")
    before = server_dump(server)
    with pytest.raises(ProjectExistsError, match="already holds a project"):
        copy_project(FileAddress(other), server)
    assert server_dump(server) == before
    existing = tmp_path / "existing.curator"
    existing.write_bytes(b"mine")
    with pytest.raises(ProjectExistsError, match="already exists"):
        copy_project(server, FileAddress(existing))
    assert existing.read_bytes() == b"mine"


def test_a_file_the_source_knows_is_refused(demo: Path, pg_database: str, tmp_path: Path):
    backups = demo.with_name(demo.stem + ".curator-backups")
    backups.mkdir(exist_ok=True)
    with pytest.raises(ProtectedFileError):
        copy_project(FileAddress(demo), FileAddress(backups / "copy.curator"))
    with pytest.raises(ProtectedFileError):
        copy_project(FileAddress(demo), FileAddress(Path(f"{demo}-wal")))
    assert list(backups.iterdir()) == []
    server = server_address(pg_database, "guard")
    copy_project(FileAddress(demo), server)
    with closing(sqlite3.connect(demo)) as conn:
        original = Path(str(conn.execute("SELECT path FROM photo LIMIT 1").fetchone()[0]))
    content = original.read_bytes()
    with pytest.raises(ProtectedFileError, match="original of photo"):
        copy_project(server, FileAddress(original))
    assert original.read_bytes() == content


def test_no_source_or_a_newer_one_is_refused(demo: Path, pg_database: str, tmp_path: Path):
    with pytest.raises(ProjectMissingError):
        copy_project(server_address(pg_database, "nothing"), FileAddress(tmp_path / "x.curator"))
    assert not (tmp_path / "x.curator").exists()
    with closing(sqlite3.connect(demo)) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(NewerSchemaError):
        copy_project(FileAddress(demo), server_address(pg_database, "newer"))
    assert schemas(pg_database) == []


def test_an_older_file_is_copied_at_the_current_version_and_left_unchanged(
    pg_database: str, tmp_path: Path
):
    older = tmp_path / "older.curator"
    with closing(sqlite3.connect(older, isolation_level=None)) as conn:
        sqlite_migrations.migrate(conn, target=4)
        conn.execute("INSERT INTO project VALUES (1, 'u', 'Old', 'vi', '2025-01-01')")
        conn.execute(
            "INSERT INTO photo (id, sha256, path, width, height, imported_at, rating)"
            " VALUES ('p', 'h', '/p.jpg', 1, 1, 'now', -1)"
        )
        conn.execute(
            "INSERT INTO caption (photo_id, language, field, text, updated_at)"
            " VALUES ('p', 'vi', 'caption', 'Hà Nội', 'now')"
        )
    content = older.read_bytes()
    server = server_address(pg_database, "old")
    copy_project(FileAddress(older), server)
    assert older.read_bytes() == content
    dump = server_dump(server)
    assert dump["caption_search"] == [("p", "vi", "caption", "ha noi")]
    assert [row[-1] for row in dump["photo"]] != []  # migrated: the reject flag exists
    with psycopg.connect(server.conninfo) as conn:
        row = conn.execute(f"SELECT flag, rating FROM {server.schema}.photo").fetchone()
        assert row == ("reject", None)


def test_a_cancelled_copy_leaves_nothing(demo: Path, pg_database: str, tmp_path: Path):
    cancel = threading.Event()

    def stop_midway(progress: Progress) -> None:
        if 0 < progress.done < progress.total:
            cancel.set()

    server = server_address(pg_database, "cancelled")
    with pytest.raises(CancelledError):
        copy_project(FileAddress(demo), server, on_progress=stop_midway, cancel=cancel)
    assert schemas(pg_database) == []
    copy_project(FileAddress(demo), server)
    cancel.clear()
    target = tmp_path / "out" / "back.curator"
    target.parent.mkdir()
    with pytest.raises(CancelledError):
        copy_project(server, FileAddress(target), on_progress=stop_midway, cancel=cancel)
    assert list(target.parent.iterdir()) == []


def test_the_same_project_twice_is_refused(demo: Path):
    with pytest.raises(Exception, match="same project"):
        copy_project(FileAddress(demo), FileAddress(demo))


def test_rows_written_on_the_server_during_a_copy_are_not_half_in_it(
    demo: Path, pg_database: str, tmp_path: Path
):
    server = server_address(pg_database, "busy")
    copy_project(FileAddress(demo), server)
    before = server_dump(server)
    written = []

    def write_meanwhile(progress: Progress) -> None:
        if 0 < progress.done < progress.total and not written:
            with psycopg.connect(server.conninfo) as other:  # another curator, committed
                other.execute(f"SET search_path TO {server.schema}")
                other.execute("UPDATE caption SET text = text || ' (late)'")
                other.execute("DELETE FROM photo WHERE id = (SELECT min(id) FROM photo)")
            written.append(progress.done)

    target = tmp_path / "snapshot.curator"
    copy_project(server, FileAddress(target), on_progress=write_meanwhile)
    assert written, "the write happened while the copy was reading"
    assert as_on_a_server(file_dump(target)) == before
    assert server_dump(server) != before


def test_a_file_open_in_curator_is_copied_as_it_was_when_the_copy_began(
    demo: Path, pg_database: str
):
    server = server_address(pg_database, "in_use")
    before = file_dump(demo)
    written = []
    with ProjectService.open(demo) as service:  # the window has it open, in WAL mode

        def write_meanwhile(progress: Progress) -> None:
            if 0 < progress.done < progress.total and not written:
                service.store.conn.execute("UPDATE caption SET text = text || ' (late)'")
                written.append(progress.done)

        copy_project(FileAddress(demo), server, on_progress=write_meanwhile)
    assert written
    assert server_dump(server) == as_on_a_server(before)
    assert file_dump(demo) != before

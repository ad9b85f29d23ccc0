"""Snapshots: taken before what replaces or deletes work, pruned to a budget, restored whole."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from curator.core.editing import sections
from curator.core.editing.layout_service import auto_layout
from curator.core.errors import (
    BackupError,
    NotFoundError,
    ProjectLockedError,
    UsageError,
)
from curator.core.model import CaptionField, GlossaryKind, Photo
from curator.core.services import ProjectService
from curator.core.storage.backups import (
    BUDGET_SETTING,
    SnapshotReason,
    SnapshotSchedule,
    backup_folder,
    change_marker,
    find_snapshot,
    list_snapshots,
    take_snapshot,
)
from curator.core.storage.restore import restore_snapshot


def _photos(service: ProjectService, count: int) -> list[str]:
    with service.store.transaction():
        return [
            service.photos.add(
                Photo(id="", path=Path(f"/p/{i}.jpg"), sha256=f"h{i}", width=3000, height=2000)
            ).id
            for i in range(count)
        ]


def dump(path: Path) -> list[str]:
    """Every row of a project file, as SQL."""
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def test_snapshot_is_a_whole_project_beside_it_with_its_reason(service: ProjectService) -> None:
    ids = _photos(service, 2)
    service.set_caption(ids[0], "vi", CaptionField.CAPTION, "Hà Nội, 1975")
    snapshot = take_snapshot(service.store, SnapshotReason.MANUAL, "by hand")
    assert snapshot.path.parent == backup_folder(service.path)
    assert snapshot.path.parent.name == "exhibition.curator-backups"
    assert snapshot.reason == "manual" and snapshot.detail == "by hand"
    assert snapshot.size == snapshot.path.stat().st_size > 0
    # A self-contained file (no log beside it) holding what was committed.
    assert not Path(f"{snapshot.path}-wal").exists()
    with ProjectService.open(snapshot.path, read_only=True) as copy:
        assert copy.captions.get(ids[0], "vi", CaptionField.CAPTION).text == "Hà Nội, 1975"
    assert [s.name for s in list_snapshots(service.path)] == [snapshot.name]


def test_a_lost_index_loses_only_the_details(service: ProjectService) -> None:
    snapshot = take_snapshot(service.store, SnapshotReason.LAYOUT, "Hà Nội")
    (backup_folder(service.path) / "index.json").write_text("{not json", encoding="utf-8")
    (listed,) = list_snapshots(service.path)
    assert (listed.name, listed.reason, listed.detail) == (snapshot.name, "layout", "")


def test_deleting_a_section_is_preceded_by_a_snapshot_that_restores_it(
    project_path: Path,
) -> None:
    with ProjectService.open(project_path) as service:
        ids = _photos(service, 3)
        section, _before = sections.add_section(service, {"vi": "Miền Bắc"}, photo_ids=ids)
        service.set_caption(ids[1], "ru", CaptionField.CAPTION, "Ханой")
        sections.delete_section(service, section.id)
        # A caption cleared afterwards comes back with the restore too.
        service.set_caption(ids[1], "ru", CaptionField.CAPTION, "")
        assert service.exhibition.sections() == []
    (snapshot,) = list_snapshots(project_path)
    assert snapshot.reason == SnapshotReason.DELETE_SECTION and snapshot.detail == "Miền Bắc"
    before = dump(project_path)
    report = restore_snapshot(project_path, snapshot.name)
    with ProjectService.open(project_path) as service:
        (back,) = service.exhibition.sections()
        assert back.id == section.id and service.exhibition.photo_ids(back.id) == ids
        assert service.captions.get(ids[1], "ru", CaptionField.CAPTION).text == "Ханой"
        assert service.store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    # The state before the restore was kept: restoring it undoes the restore.
    assert report.before is not None and report.before.reason == SnapshotReason.RESTORE
    assert dump(report.before.path) == before


def test_restore_refuses_while_the_project_is_open(service: ProjectService) -> None:
    snapshot = take_snapshot(service.store, SnapshotReason.MANUAL)
    with pytest.raises(ProjectLockedError, match="already open"):
        restore_snapshot(service.path, snapshot.name)
    assert len(list_snapshots(service.path)) == 1


def test_restore_refuses_unknown_and_damaged_snapshots(project_path: Path) -> None:
    with ProjectService.open(project_path) as service:
        snapshot = take_snapshot(service.store, SnapshotReason.MANUAL)
    before = project_path.read_bytes()
    with pytest.raises(NotFoundError, match="no backup named"):
        restore_snapshot(project_path, "20000101")
    data = bytearray(snapshot.path.read_bytes())
    data[4096:8192] = b"\xff" * 4096
    snapshot.path.write_bytes(bytes(data))
    with pytest.raises(UsageError, match="damaged"):
        restore_snapshot(project_path, snapshot.name[:20])
    assert project_path.read_bytes() == before


def test_restore_brings_back_a_project_file_that_was_deleted(project_path: Path) -> None:
    with ProjectService.open(project_path) as service:
        service.set_title("Kept")
        snapshot = take_snapshot(service.store, SnapshotReason.MANUAL)
    project_path.unlink()
    restore_snapshot(project_path, snapshot.name)
    with ProjectService.open(project_path) as service:
        assert service.project.get().title == "Kept"


def test_restore_over_a_file_sqlite_cannot_read_keeps_its_bytes(project_path: Path) -> None:
    with ProjectService.open(project_path) as service:
        snapshot = take_snapshot(service.store, SnapshotReason.MANUAL)
    project_path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 84 + b"garbage" * 100)
    restore_snapshot(project_path, snapshot.name)
    kept = backup_folder(project_path) / f"damaged-{project_path.name}"
    assert kept.read_bytes().endswith(b"garbage")
    with ProjectService.open(project_path) as service:
        assert service.project.get().title == "Việt Nam – Nga"


def test_oldest_snapshots_are_pruned_to_the_budget_keeping_the_newest(
    service: ProjectService,
) -> None:
    with service.store.transaction():
        service.project.set_setting(BUDGET_SETTING, 0.5)  # MB: room for about two
    taken = [take_snapshot(service.store, SnapshotReason.MANUAL, str(i)) for i in range(6)]
    kept = list_snapshots(service.path)
    assert kept[-1].name == taken[-1].name
    assert 1 <= len(kept) < 6
    assert sum(s.size for s in kept) <= 0.5 * 1024 * 1024 or len(kept) == 1
    assert [s.name for s in kept] == [s.name for s in taken[-len(kept) :]]
    with service.store.transaction():
        service.project.set_setting(BUDGET_SETTING, 0.001)  # smaller than one snapshot
    newest = take_snapshot(service.store, SnapshotReason.MANUAL)
    assert [s.name for s in list_snapshots(service.path)] == [newest.name]
    index = json.loads((backup_folder(service.path) / "index.json").read_text("utf-8"))
    assert list(index["snapshots"]) == [newest.name]


def test_find_snapshot_by_name_stem_or_unique_start(service: ProjectService) -> None:
    first = take_snapshot(service.store, SnapshotReason.MANUAL)
    assert find_snapshot(service.path, first.name) == first
    assert find_snapshot(service.path, first.name.removesuffix(".curator")) == first
    take_snapshot(service.store, SnapshotReason.INTERVAL)
    with pytest.raises(NotFoundError, match="several"):
        find_snapshot(service.path, first.name[:4])


def test_layout_snapshots_only_when_it_replaces_panels(service: ProjectService) -> None:
    ids = _photos(service, 4)
    section, _before = sections.add_section(service, {"en": "One"}, photo_ids=ids)
    auto_layout(service, section.id)
    assert list_snapshots(service.path) == []  # nothing was there to lose
    auto_layout(service, section.id, template=None)
    auto_layout(service)
    reasons = [(s.reason, s.detail) for s in list_snapshots(service.path)]
    assert reasons == [("layout", "One"), ("layout", "")]
    auto_layout(service, section.id, backup=False)
    assert len(list_snapshots(service.path)) == 2


def test_glossary_import_snapshots_when_it_changes_something(service: ProjectService) -> None:
    from curator.core.language.glossary_import import GlossaryDraft, plan_import
    from curator.exchange import apply_glossary_plan

    drafts = [GlossaryDraft(kind=GlossaryKind.PLACE, terms={"vi": "Huế", "en": "Hue"}, line=2)]
    apply_glossary_plan(service, plan_import([], drafts), source="places.csv")
    (snapshot,) = list_snapshots(service.path)
    assert (snapshot.reason, snapshot.detail) == ("glossary-import", "places.csv")
    apply_glossary_plan(service, plan_import(service.glossary.all(), drafts))
    assert len(list_snapshots(service.path)) == 1  # the same file again changes nothing


def test_relink_snapshots_before_rewriting_paths(service: ProjectService, tmp_path: Path) -> None:
    from curator.ingest.analysis import file_sha256
    from curator.ingest.relink import relink

    moved = tmp_path / "moved" / "a.jpg"
    moved.parent.mkdir()
    moved.write_bytes(b"\xff\xd8 not really a jpeg but hashed all the same")
    with service.store.transaction():
        photo = service.photos.add(
            Photo(
                id="",
                path=tmp_path / "gone.jpg",
                sha256=file_sha256(moved),
                width=1,
                height=1,
                file_size=moved.stat().st_size,
            )
        )
    relink(service, [tmp_path / "nowhere"])
    assert list_snapshots(service.path) == []  # nothing found, nothing rewritten
    report = relink(service, [moved.parent])
    assert report.relinked == [(photo.id, moved)]
    (snapshot,) = list_snapshots(service.path)
    assert snapshot.reason == "relink"
    with ProjectService.open(snapshot.path, read_only=True) as copy:
        assert copy.photos.get(photo.id).path == tmp_path / "gone.jpg"


def test_a_failed_snapshot_refuses_the_deletion_unless_asked_to_go_on(
    service: ProjectService,
) -> None:
    section, _before = sections.add_section(service, {"en": "One"})
    backup_folder(service.path).write_text("a file where the folder should be")
    with pytest.raises(BackupError, match="Nothing was changed") as caught:
        sections.delete_section(service, section.id)
    assert caught.value.can_go_on
    assert [s.id for s in service.exhibition.sections()] == [section.id]
    sections.delete_section(service, section.id, backup=False)  # the person chose to go on
    assert service.exhibition.sections() == []


def test_interval_schedule_waits_for_time_and_changes(service: ProjectService) -> None:
    worker = service.for_thread()
    try:
        schedule = SnapshotSchedule(interval_s=600, last_time=0.0)
        marker = change_marker(service.store)
        schedule.taken(marker, now=0.0)
        assert not schedule.due(change_marker(service.store), now=900)  # nothing changed
        worker.set_title("changed by a worker thread's connection")
        assert change_marker(service.store) != marker
        assert not schedule.due(change_marker(service.store), now=300)  # too soon
        assert schedule.due(change_marker(service.store), now=900)
        schedule.taken(change_marker(service.store), now=900)
        service.set_title("changed here")
        assert schedule.due(change_marker(service.store), now=1500)
    finally:
        worker.close()


def _older_project(path: Path, version: int) -> None:
    from curator.core.storage.migrations import migrate

    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, target=version)
    conn.execute(
        "INSERT INTO project (singleton, uid, title, source_language, created_at)"
        " VALUES (1, 'u1', 'Old', 'vi', '2024-01-01T00:00:00+00:00')"
    )
    conn.execute("INSERT INTO project_language (tag, position) VALUES ('vi', 0)")
    conn.close()


def test_an_older_project_is_backed_up_then_migrated(tmp_path: Path) -> None:
    from curator.core.storage.migrations import SCHEMA_VERSION

    path = tmp_path / "old.curator"
    _older_project(path, 2)
    before = dump(path)
    with ProjectService.open(path) as service:
        assert service.store.schema_version == SCHEMA_VERSION
        assert service.project.get().title == "Old"
    (snapshot,) = list_snapshots(path)
    assert snapshot.reason == "migration" and snapshot.schema_version == 2
    assert dump(snapshot.path) == before
    with ProjectService.open(path) as service:  # already migrated: no second snapshot
        pass
    assert len(list_snapshots(path)) == 1


def test_an_older_project_is_not_migrated_without_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "old.curator"
    _older_project(path, 2)
    before = dump(path)
    backup_folder(path).write_text("not a folder")
    with pytest.raises(BackupError, match="older Curator"):
        ProjectService.open(path)
    assert dump(path) == before
    with ProjectService.open(path, read_only=True) as service:  # reading still works
        assert service.project.get().title == "Old"
    backup_folder(path).unlink()
    with ProjectService.open(path) as service:  # the lock was given back
        assert service.project.get().title == "Old"
    assert [s.reason for s in list_snapshots(path)] == ["migration"]


def test_snapshots_of_a_project_being_written_by_another_process(project_path: Path) -> None:
    """A snapshot holds what was committed, while another process keeps committing."""
    writer = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys\n"
            "from pathlib import Path\n"
            "from curator.core.services import ProjectService\n"
            "with ProjectService.open(Path(sys.argv[1])) as s:\n"
            "    for i in range(400):\n"
            "        s.set_title(f'title {i}')\n",
            str(project_path),
        ]
    )
    try:
        from curator.core.storage.backups import snapshot_file

        for _attempt in range(5):
            snapshot = snapshot_file(project_path, SnapshotReason.MANUAL)
            conn = sqlite3.connect(snapshot.path)
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            conn.close()
    finally:
        assert writer.wait(60) == 0

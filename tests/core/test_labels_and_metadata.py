"""Colour labels (6-9 in the window) and the metadata rows (issue 21, point 4)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from curator.core.editing.shortlist import restore_labels, set_label
from curator.core.errors import NotFoundError, UsageError
from curator.core.library.photo_info import metadata_rows
from curator.core.model import GeoPoint, Photo
from curator.core.services import ProjectService


@pytest.fixture
def service(tmp_path: Path):
    with ProjectService.create(tmp_path / "p.curator", title="T", languages=["en"]) as service:
        yield service


def _add(service: ProjectService, name: str, label: str | None = None) -> str:
    with service.store.transaction():
        photo = Photo("", Path(f"/p/{name}"), name, 10, 10, label=label)
        return service.photos.add(photo).id


def test_a_label_key_sets_then_takes_off_and_undoes(service) -> None:
    a, b = _add(service, "a.jpg"), _add(service, "b.jpg", "Red")
    before, after = set_label(service, [a, b], "yellow", toggle=True)
    assert [service.photos.get(p).label for p in (a, b)] == ["yellow", "yellow"]
    assert [item.label for item in before] == [None, "Red"]
    # The same key again: every photo has it, so it comes off.
    _old, cleared = set_label(service, [a, b], "yellow", toggle=True)
    assert [item.label for item in cleared] == [None, None]
    assert service.photos.get(a).label is None
    restore_labels(service, after)
    assert service.photos.get(b).label == "yellow"
    restore_labels(service, before)
    assert service.photos.get(b).label == "Red"
    # "Red" as a file wrote it counts as red: nothing changes.
    assert set_label(service, [b], "red") == ([], [])
    with pytest.raises(UsageError):
        set_label(service, [a], "mauve")
    with pytest.raises(NotFoundError):
        set_label(service, [a, "nope"], "red")
    assert service.photos.get(a).label is None


def test_a_label_is_one_operation_whose_undo_puts_the_old_ones_back(service) -> None:
    a, b = _add(service, "a.jpg"), _add(service, "b.jpg", "blue")
    changes = service.operations.photos.set_label([a, b, a], "green")
    assert changes.photos == {a, b}
    assert [(c.before, c.after) for c in changes.labels] == [(None, "green"), ("blue", "green")]
    assert changes.undo is not None
    redo = service.operations.undo(changes.undo)
    assert [service.photos.get(p).label for p in (a, b)] == [None, "blue"]
    assert redo.undo is not None
    service.operations.undo(redo.undo)
    assert [service.photos.get(p).label for p in (a, b)] == ["green", "green"]
    assert service.operations.photos.set_label([a], "Green").empty


def test_metadata_rows_say_what_the_file_said() -> None:
    photo = Photo(
        "",
        Path("/archive/2025/08-lotus.jpg"),
        "x",
        2400,
        1600,
        file_size=2_500_000,
        captured_at=datetime(2025, 6, 15, 6, 20),
        camera="Nikon D850",
        gps=GeoPoint(21.0285, -105.8542),
        byline="Tuấn Anh",
        copyright="© TTXVN",
        city="Hà Nội",
        sublocation="Hồ Tây",
        country="Việt Nam",
        keywords=("lotus", "summer"),
        label="green",
    )
    rows = dict(metadata_rows(photo))
    assert rows["Camera"] == "Nikon D850"
    assert rows["GPS coordinates"] == "21.028500° N, 105.854200° W"
    assert rows["Location"] == "Hồ Tây, Hà Nội, Việt Nam"
    assert rows["Keywords"] == "lotus; summer"
    assert rows["Byline"] == "Tuấn Anh" and rows["Copyright"] == "© TTXVN"
    assert rows["Colour label"] == "Green"
    assert rows["File size"] == "2.4 MB"
    assert "Credit" not in rows  # nothing recorded: no empty row
    shouting = dict(metadata_rows(photo, str.upper))
    assert shouting["CAMERA"] == "Nikon D850" and shouting["COLOUR LABEL"] == "GREEN"

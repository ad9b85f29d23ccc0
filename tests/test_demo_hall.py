"""The demo exhibition comes with a hall: a room with a door, two stands, every panel hung."""

from __future__ import annotations

from pathlib import Path

import pytest

from curator import cli
from curator.core.services import ProjectService
from curator.demo import write_demo


def test_the_demo_has_a_hall_with_every_panel_placed_and_no_findings(tmp_path: Path) -> None:
    project, created = write_demo(tmp_path / "demo", hall=True)
    assert created
    with ProjectService.open(project, read_only=True) as service:
        hall = service.operations.hall.get()
        panels = service.operations.hall.panels()
        assert len(hall.walls) == 4 and len(hall.stands) == 2
        assert [len(wall.doors) for wall in hall.walls] == [1, 0, 0, 0]
        assert panels, "the demo's sections are laid out into panels"
        assert {p.panel_id for p in hall.placements} == {p.panel_id for p in panels}
        assert service.operations.hall.check() == []
    assert cli.main(["hall", "check", str(project)]) == 0


def test_curator_demo_writes_the_demo_with_its_hall(tmp_path: Path, capsys) -> None:
    assert cli.main(["demo", str(tmp_path / "demo")]) == 0
    project = Path(capsys.readouterr().out.strip())
    with ProjectService.open(project, read_only=True) as service:
        assert len(service.operations.hall.get().walls) == 4
        assert service.operations.hall.get().placements


def test_a_demo_that_fails_half_way_leaves_no_project(tmp_path: Path, monkeypatch) -> None:
    """Each step is an operation of its own; the project takes its name only when complete."""
    from curator.core.errors import CuratorError
    from curator.core.operations.records import RecordOperations

    def full_disk(self: RecordOperations, drafts: object) -> None:
        raise CuratorError("The disk is full.")

    folder = tmp_path / "demo"
    with monkeypatch.context() as patched:  # the glossary comes last, after the other steps
        patched.setattr(RecordOperations, "add_glossary_entries", full_disk)
        with pytest.raises(CuratorError, match="disk is full"):
            write_demo(folder)
    assert not folder.exists()  # nor a partial project, nor the photos it had copied
    project, created = write_demo(folder)
    assert created
    with ProjectService.open(project, read_only=True) as service:
        assert service.queries.glossary_entry("hn") is not None
        assert len(service.queries.sections()) == 3


def test_a_demo_on_a_full_disk_takes_back_what_it_wrote(tmp_path: Path) -> None:
    """A real 2 MB tmpfs: the photos stop half-way; no half demo stays, a person's file does."""
    from curator.core.errors import CuratorError
    from tests.crashes.test_full_disk_outputs import _mount

    for tiny in _mount(tmp_path / "tiny", "size=2m"):
        (tiny / "mine").mkdir()
        (tiny / "mine" / "notes.txt").write_text("a person's notes", encoding="utf-8")
        with pytest.raises(CuratorError, match="is full"):
            write_demo(tiny / "demo")
        assert not (tiny / "demo").exists()
        with pytest.raises(CuratorError, match="is full"):
            write_demo(tiny / "mine")
        assert [p.name for p in (tiny / "mine").iterdir()] == ["notes.txt"]
        assert (tiny / "mine" / "notes.txt").read_text(encoding="utf-8") == "a person's notes"

"""DXF floor plans: the walls of one layer become walls of the hall, as one undoable edit."""

from __future__ import annotations

import json
from pathlib import Path

import ezdxf
import pytest

from curator import cli
from curator.core.errors import UsageError
from curator.core.hall.dxf import MAX_ENTITIES, DxfError, read_dxf_walls
from curator.core.progress import Progress
from curator.core.services import ProjectService


def _plan(path: Path, units: int = 4, scale: float = 1.0) -> Path:
    """A room 8 × 6 m drawn as a LINE, an open LWPOLYLINE and a POLYLINE, plus furniture."""
    doc = ezdxf.new("R2010", units=units)
    msp = doc.modelspace()
    walls = {"layer": "A-WALL"}
    msp.add_line((0, 0), (8000 * scale, 0), dxfattribs=walls)
    msp.add_lwpolyline([(8000 * scale, 0), (8000 * scale, 6000 * scale), (0, 6000 * scale)],
                       dxfattribs=walls)  # fmt: skip
    msp.add_circle((1000 * scale, 1000 * scale), 300 * scale, dxfattribs={"layer": "FURNITURE"})
    msp.add_polyline2d([(0, 6000 * scale), (0, 0)], dxfattribs=walls)
    msp.add_line((0, 3000 * scale), (10, 3000 * scale), dxfattribs={"layer": "FURNITURE"})
    doc.saveas(path)
    return path


def test_the_walls_of_a_layer_are_read_in_mm(tmp_path: Path) -> None:
    plan = read_dxf_walls(_plan(tmp_path / "hall.dxf"), "a-wall")
    assert plan.layer == "A-WALL"
    assert plan.segments == (
        ((0.0, 0.0), (8000.0, 0.0)),
        ((8000.0, 0.0), (8000.0, 6000.0)),
        ((8000.0, 6000.0), (0.0, 6000.0)),
        ((0.0, 6000.0), (0.0, 0.0)),
    )
    # A plan in metres: its header says so, and --unit says otherwise when given.
    metres = _plan(tmp_path / "m.dxf", units=6, scale=0.001)
    assert read_dxf_walls(metres, "A-WALL").segments[0] == ((0.0, 0.0), (8000.0, 0.0))
    assert read_dxf_walls(metres, "A-WALL", "mm").segments[0] == ((0.0, 0.0), (8.0, 0.0))


def test_a_missing_or_wrong_layer_lists_the_layers(tmp_path: Path) -> None:
    path = _plan(tmp_path / "hall.dxf")
    for layer in (None, "WALLS"):
        with pytest.raises(UsageError) as raised:
            read_dxf_walls(path, layer)
        text = str(raised.value)
        assert "A-WALL: 3 lines or polylines, 0 other" in text
        assert "FURNITURE: 1 line or polyline, 1 other" in text
    with pytest.raises(UsageError, match="no layer WALLS"):
        read_dxf_walls(path, "WALLS")


def test_a_cut_or_foreign_file_is_refused(tmp_path: Path) -> None:
    data = _plan(tmp_path / "hall.dxf").read_bytes()
    cut = tmp_path / "cut.dxf"
    for end in (len(data) // 2, len(data) - 20):
        cut.write_bytes(data[:end])
        with pytest.raises(DxfError, match="cut or damaged"):
            read_dxf_walls(cut, "A-WALL")
    photo = tmp_path / "photo.dxf"
    photo.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 40)
    with pytest.raises(DxfError, match="not a DXF"):
        read_dxf_walls(photo, "A-WALL")
    garbled = tmp_path / "garbled.dxf"
    garbled.write_bytes(b"  0\nSECTION\nnot a code\nENTITIES\n  0\nEOF\n")
    with pytest.raises(DxfError, match="Curator can read"):
        read_dxf_walls(garbled, "A-WALL")


def test_a_huge_file_is_refused_after_a_bounded_read(tmp_path: Path) -> None:
    huge = tmp_path / "huge.dxf"
    line = b"  0\nLINE\n  8\nDETAIL\n 10\n0.0\n 20\n0.0\n 11\n100.0\n 21\n0.0\n"
    with huge.open("wb") as stream:
        stream.write(b"  0\nSECTION\n  2\nENTITIES\n")
        for _block in range(100):
            stream.write(line * 10_000)  # 1,000,000 entities in all
        stream.write(b"  0\nENDSEC\n  0\nEOF\n")
    told: list[Progress] = []
    with pytest.raises(DxfError, match=f"more than {MAX_ENTITIES} drawing entities"):
        read_dxf_walls(huge, "WALLS", on_progress=told.append)
    # Read up to the cap, about a tenth of the file, with progress in kilobytes on the way.
    total = huge.stat().st_size // 1024
    assert told and {p.total for p in told} == {total}
    done = [p.done for p in told]
    assert done == sorted(done) and total // 20 < done[-1] < total // 5


def test_import_dxf_adds_walls_as_one_undoable_edit(project_path: Path, tmp_path: Path,
                                                    capsys) -> None:  # fmt: skip
    path = _plan(tmp_path / "hall.dxf")
    with ProjectService.open(project_path) as service:
        service.operations.hall.add_stand((4000.0, 3000.0), 0.0, 2000.0, 2000.0)
        change = service.operations.hall.add_walls(
            read_dxf_walls(path, "A-WALL").segments, 2800.0, replace_walls=True
        )
        assert [w.length_mm for w in service.operations.hall.get().walls] == [8000, 6000] * 2
        assert change.undo is not None
        service.operations.undo(change.undo)
        assert service.operations.hall.get().walls == ()
        assert len(service.operations.hall.get().stands) == 1
    capsys.readouterr()
    args = ["hall", "import-dxf", str(project_path), str(path), "--layer", "A-WALL",
            "--height", "2800"]  # fmt: skip

    def walls() -> list[dict[str, object]]:
        capsys.readouterr()
        assert cli.main(["hall", "list", str(project_path), "--json"]) == 0
        listed: list[dict[str, object]] = json.loads(capsys.readouterr().out)["walls"]
        return listed

    assert cli.main(args) == 0
    assert "Added 4 walls from layer A-WALL" in capsys.readouterr().err
    assert [(w["number"], w["height_mm"]) for w in walls()] == [(n, 2800.0) for n in (1, 2, 3, 4)]
    assert cli.main(args) == 0  # appended
    assert len(walls()) == 8
    assert cli.main([*args, "--replace"]) == 0
    assert len(walls()) == 4
    assert cli.main(["hall", "import-dxf", str(project_path), str(path)]) == 2
    assert "A-WALL: 3 lines or polylines" in capsys.readouterr().err


def test_walls_and_stands_are_named_in_the_interface_language() -> None:
    from curator import i18n
    from curator.core.hall.checks import check_hall
    from curator.core.hall.model import Hall, PanelSize, Placement, Stand, Support, Wall

    hall = Hall(
        (Wall(1, (0.0, 0.0), (1000.0, 0.0), 3000.0),),
        (Stand(1, (500.0, 500.0), 0.0, 1000.0, 2000.0),),
        (Placement("p", Support("wall", 1), 0.0), Placement("q", Support("stand", 1, 1), 0.0)),
    )
    panels = [PanelSize("p", "1.1", 2000.0, 1000.0), PanelSize("q", "1.2", 500.0, 2500.0)]
    i18n.set_language(i18n.PSEUDO_LANGUAGE)
    try:
        messages = {f.code: f.message for f in check_hall(hall, panels, 1500.0)}
        supports = [f.supports for f in check_hall(hall, panels, 1500.0)]
    finally:
        i18n.set_language("en")
    assert "[wáll 1" in messages["panel-too-long"]
    assert "[stáñd 1, fáçé B" in messages["panel-too-tall"]
    assert "[wáll 1" in messages["aisle-too-narrow"]
    assert "[stáñd 1" in messages["aisle-too-narrow"]
    # The stable names of --json stay English.
    assert supports == [("wall 1",), ("stand 1/B",), ("wall 1", "stand 1")]
    english = {f.code: f.message for f in check_hall(hall, panels, 1500.0)}
    assert "longer than wall 1 (1000 mm)" in english["panel-too-long"]


def test_one_huge_polyline_is_refused_too(tmp_path: Path, monkeypatch) -> None:
    from curator.core.hall import dxf

    monkeypatch.setattr(dxf, "MAX_VALUES", 20_000)  # the caps, smaller for a quick test
    monkeypatch.setattr(dxf, "MAX_ENTITIES", 10_000)
    header = b"  0\nSECTION\n  2\nENTITIES\n"
    footer = b"  0\nENDSEC\n  0\nEOF\n"
    points = tmp_path / "points.dxf"  # one LWPOLYLINE of 15,000 points
    with points.open("wb") as stream:
        stream.write(header + b"  0\nLWPOLYLINE\n  8\nWALLS\n 90\n15000\n")
        stream.write(b" 10\n0.0\n 20\n0.0\n" * 15_000 + footer)
    with pytest.raises(DxfError, match="more than 20000 values"):
        read_dxf_walls(points, "WALLS")
    vertices = tmp_path / "vertices.dxf"  # one POLYLINE of 15,000 VERTEX entities
    with vertices.open("wb") as stream:
        stream.write(header + b"  0\nPOLYLINE\n  8\nWALLS\n 66\n1\n")
        stream.write(b"  0\nVERTEX\n  8\nWALLS\n 10\n0.0\n 20\n0.0\n" * 15_000)
        stream.write(b"  0\nSEQEND\n" + footer)
    with pytest.raises(DxfError, match="more than 10000 drawing entities"):
        read_dxf_walls(vertices, "WALLS")

"""The installers' plan: the hall to scale, every panel numbered, the lists, read from the PDF."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from curator import cli
from curator.core.errors import UsageError
from curator.core.hall.installers import PlanScale, bottom_edge, choose_scale
from curator.core.hall.model import Door, Support
from curator.core.services import ProjectService
from curator.export.hall_plan import export_hall_plan
from tests.export.printing import needs_tools, run_tool

A3_LANDSCAPE_PT = "1190.55 x 841.89 pts (A3)"


def _hall(project: Path) -> dict[str, str]:
    """Two sections' panels on a 10 × 7 m room's walls and on a stand's two faces."""
    with ProjectService.open(project) as service:
        one = service.add_section({"vi": "Hội đàm", "ru": "Переговоры", "en": "Talks"})
        two = service.add_section({"vi": "Ký kết", "ru": "Подписание", "en": "Signing"})
        with service.store.transaction():
            ids = [service.exhibition.add_panel(one.id, w, 1500.0).id for w in (1000.0, 1200.0)]
            ids += [service.exhibition.add_panel(two.id, 800.0, 2000.0).id for _n in range(3)]
        hall = service.operations.hall
        corners = [(0.0, 0.0), (10000.0, 0.0), (10000.0, 7000.0), (0.0, 7000.0)]
        for index, start in enumerate(corners):
            doors = (Door(500.0, 1000.0, 2200.0),) if index == 0 else ()
            hall.add_wall(start, corners[(index + 1) % 4], 3000.0, doors)
        hall.add_stand((5000.0, 3500.0), 0.0, 3000.0, 2200.0)
        hall.place_auto()
        hall.place(ids[3], Support("stand", 1, 0), 200.0)
        hall.place(ids[4], Support("stand", 1, 1), 1200.0)
        refs = {panel.panel_id: panel.reference for panel in hall.panels()}
    return refs


def test_the_scale_is_the_largest_standard_one_that_fits() -> None:
    areas = ((253.0, 344.0), (376.0, 221.0))  # A3's drawing areas, upright and turned
    assert choose_scale((4000.0, 6000.0), *areas) == PlanScale(20, False)
    assert choose_scale((10000.0, 7000.0), *areas) == PlanScale(50, True)
    assert choose_scale((7000.0, 10000.0), *areas) == PlanScale(50, False)
    assert choose_scale((30000.0, 20000.0), *areas) == PlanScale(100, True)
    assert choose_scale((200000.0, 20000.0), *areas) is None
    assert bottom_edge(1500.0, 1500.0) == 750.0
    assert bottom_edge(3400.0, 1500.0) == 0.0


@needs_tools("pdfinfo", "pdftotext", "pdffonts")
def test_the_plan_draws_every_panel_to_scale_and_lists_them(
    project_path: Path, tmp_path: Path, capsys
) -> None:
    refs = _hall(project_path)
    output = tmp_path / "plan.pdf"
    capsys.readouterr()
    code = cli.main(["export", "plan", str(project_path), "-o", str(output), "--paper", "A3",
                     "--languages", "vi,ru", "--json"])  # fmt: skip
    assert code == 0
    result = json.loads(capsys.readouterr().out)
    assert (result["scale"], result["landscape"], result["placed"]) == ("1:50", True, 5)
    assert result["findings"] == []
    assert A3_LANDSCAPE_PT in run_tool("pdfinfo", output)
    fonts = run_tool("pdffonts", output).splitlines()[2:]
    assert fonts and all(" yes yes yes " in line for line in fonts)
    plan = run_tool("pdftotext", "-f", "1", "-l", "1", "-layout", output, "-")
    assert "Scale 1:50" in plan
    for name in ("Wall 1", "Wall 2", "Wall 3", "Wall 4", "Stand 1"):
        assert name in plan
    for reference in refs.values():
        assert reference in plan
    lists = run_tool("pdftotext", "-f", "2", "-layout", output, "-")
    lines = [" ".join(line.split()) for line in lists.splitlines() if line.strip()]
    wall = lines.index("Wall 1: 10,000 mm long, 3,000 mm high; door at 500 mm, 1,000 mm wide")
    assert lines[wall + 2].startswith("1.1 Hội đàm / Переговоры 1,000 × 1,500 mm 1,800 mm 750 mm")
    assert lines[wall + 3].startswith("1.2 Hội đàm / Переговоры 1,200 × 1,500 mm 3,100 mm")
    assert lines[wall + 4].startswith("2.1 Ký kết / Подписание 800 × 2,000 mm 4,600 mm 500 mm")
    face_a = lines.index("Stand 1, face A: 3,000 mm long, 2,200 mm high")
    assert lines[face_a + 2].startswith("2.2 Ký kết / Подписание 800 × 2,000 mm 200 mm")
    assert lines[lines.index("Stand 1, face B: 3,000 mm long, 2,200 mm high") + 2].startswith(
        "2.3 "
    )
    assert "No problems found." in lists


def test_the_plan_lists_the_halls_findings_and_refuses_what_it_cannot_draw(
    project_path: Path, tmp_path: Path
) -> None:
    with (
        ProjectService.open(project_path) as service,
        pytest.raises(UsageError, match="no walls or stands"),
    ):
        export_hall_plan(service, tmp_path / "empty.pdf")
    _hall(project_path)
    with ProjectService.open(project_path) as service:
        service.operations.hall.add_wall((0.0, 1000.0), (10000.0, 1000.0), 3000.0)
        service.operations.settings.change({"hall.centre_mm": 1600.0})
        result = export_hall_plan(service, tmp_path / "plan.pdf", paper_mm=(210.0, 297.0))
        assert result.scale == 75
        assert [f.code for f in result.findings] == ["aisle-too-narrow"]
        service.operations.hall.add_wall((0.0, 0.0), (90000.0, 0.0), 3000.0)
        with pytest.raises(UsageError, match="larger paper"):
            export_hall_plan(service, tmp_path / "wide.pdf", paper_mm=(210.0, 297.0))
    text = run_tool("pdftotext", "-layout", tmp_path / "plan.pdf", "-")
    assert "aisle-too-narrow: The aisle between wall 1 and wall 5" in " ".join(text.split())
    assert "850 mm" in text  # bottom edges from hall.centre_mm: 1600 - 1500 / 2
    assert cli.main(["export", "plan", str(project_path), "-o", str(tmp_path / "p.pdf"),
                     "--picks-only"]) == 2  # fmt: skip


@needs_tools("pdftotext")
def test_each_stand_s_name_stands_over_its_own_stand_on_a_small_paper(tmp_path: Path) -> None:
    """The demo's two stands in a row at 1:75 on A4, named in Russian (the longer word)."""
    import re

    from curator.demo import write_demo

    demo, _created = write_demo(tmp_path / "demo", hall=True)
    out = tmp_path / "plan.pdf"
    assert cli.main(["export", "plan", str(demo), "-o", str(out), "--paper", "A4",
                     "--ui-language", "ru"]) == 0  # fmt: skip
    boxes = run_tool("pdftotext", "-bbox", "-f", "1", "-l", "1", out, "-")
    pattern = r'xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]+)</word>'
    words = [(float(x0), float(x1), word) for x0, x1, word in re.findall(pattern, boxes)]
    with ProjectService.open(demo, read_only=True) as service:
        hall = service.operations.hall.get()
    assert "1:75" in run_tool("pdftotext", "-f", "1", "-l", "1", out, "-")
    # the page's x of a plan x, from wall 3's name centred on the wall's middle (7 m)
    middle = next(
        (x0 + x1) / 2
        for i, (x0, x1, w) in enumerate(words)
        if w == "Стена" and words[i + 1][2] == "3"
    )
    wall = hall.walls[2]
    mid_x = (wall.start[0] + wall.end[0]) / 2

    def page_x(x: float) -> float:
        return middle + (x - mid_x) / 75 * 72 / 25.4

    names = [i for i, (_a, _b, w) in enumerate(words) if w == "Перегородка"]
    assert len(names) == 2
    for index, stand in zip(names, hall.stands, strict=True):
        left = page_x(min(stand.ends[0][0], stand.ends[1][0]))
        right = page_x(max(stand.ends[0][0], stand.ends[1][0]))
        x0, x1 = words[index][0], words[index + 1][1]  # "Перегородка" "N"
        assert left - 2 <= x0 and x1 <= right + 2, (stand.number, left, right, x0, x1)

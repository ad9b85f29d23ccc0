"""The guide's walkthrough booklet of a route, read back with poppler."""

from __future__ import annotations

import contextlib
import io
import json
import re
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from curator import cli
from curator.core.editing.layout_service import auto_layout
from curator.core.errors import UsageError
from curator.core.model import GlossaryKind, PhotoFlag
from curator.core.services import ProjectService
from curator.core.shown import Shown, ShownPerson
from curator.demo import write_demo
from curator.demo_visit import build_demo_route
from curator.export.text_measure import ReportlabMeasure
from curator.export.walkthrough import WalkthroughOptions, export_walkthrough
from curator.export.walkthrough_content import walkthrough
from curator.resources import resource
from tests.export.printing import CMYK_PROFILE, needs_tools, run_tool

pytestmark = needs_tools("pdffonts", "pdfinfo", "pdftotext", "pdftoppm")

POINTS = {
    1: {"vi": "Mở đầu: cuộc hội đàm năm mới", "ru": "Начало: переговоры в новом году",
        "en": "Opening: the New Year talks"},
    2: {"vi": "Ảnh chụp ở Đà Nẵng", "ru": "Снимок из Дананга", "en": "A picture from Da Nang"},
    3: {"vi": "Kết thúc chuyến thăm", "ru": "Конец визита", "en": "The end of the visit"},
}  # fmt: skip


@pytest.fixture(scope="module")
def visited(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo laid out and hung in a room, a three-stop route with talking points."""
    path, _created = write_demo(tmp_path_factory.mktemp("walk"))
    with ProjectService.open(path) as service:
        auto_layout(service, measure=ReportlabMeasure(), backup=False)
        hall = service.operations.hall
        for route in service.operations.visit.routes():  # the demo's own, taken down
            service.operations.visit.remove_route(route.name)
        for _wall in hall.get().walls:
            hall.remove("wall", 1)
        hall.add_wall((0, 0), (4000, 0), 3000)
        hall.add_wall((4000, 0), (4000, 5000), 3000)
        hall.add_wall((4000, 5000), (0, 5000), 3000)
        hall.place_auto()
        panels = hall.panels()
        visit = service.operations.visit
        visit.add_route("State visit", allotted_min=12)
        visit.add_stop("State visit", panel_id=panels[0].reference, minutes=3)
        first = next(s.photo_id for s in service.exhibition.slots(panels[-1].panel_id))
        visit.add_stop("State visit", photo_id=first, minutes=4)
        visit.add_stop("State visit", panel_id=panels[1].reference, minutes=2)
        for number, texts in POINTS.items():
            for language, text in texts.items():
                visit.set_points("State visit", number, language, text)
        with service.store.transaction():
            person = service.glossary.add(
                GlossaryKind.PERSON, {"vi": "Nguyễn Thị Lan", "ru": "Нгуен Тхи Лан"}
            )
        service.operations.shown.set(first, Shown(persons=(ShownPerson(person.id),)))
    return path


def _export(project: Path, out: Path, *extra: str) -> tuple[int, dict[str, object]]:
    stdout = io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(io.StringIO()):
        code = cli.main(["export", "walkthrough", str(project), "--route", "state visit", "-o",
                         str(out), "--json", "--ui-language", "en", *extra])  # fmt: skip
    return code, json.loads(stdout.getvalue()) if stdout.getvalue() else {}


def _page(pdf: Path, number: int) -> str:
    text = run_tool("pdftotext", "-raw", "-f", str(number), "-l", str(number), pdf, "-")
    return re.sub(r"\s+", " ", text)


def test_one_a5_page_per_stop_in_order_with_points_in_every_language(visited: Path, tmp_path: Path):
    out = tmp_path / "walk.pdf"
    code, result = _export(visited, out)
    assert code == 0 and result["pages"] == 3 and result["route"] == "State visit"
    info = run_tool("pdfinfo", out)
    assert "Pages:           3" in info
    assert re.search(r"Page size:\s+419\.5\d* x 595\.2\d* pts", info)  # A5
    fonts = run_tool("pdffonts", out).splitlines()[2:]
    assert fonts and all(row.split()[-5] == "yes" for row in fonts)  # every font embedded
    for number, texts in POINTS.items():
        page = _page(out, number)
        assert f"Stop {number} of 3" in page
        spots = [page.index(texts[language]) for language in ("vi", "ru", "en")]
        assert spots == sorted(spots)  # side by side, in the project's order
    assert "Keep 3 min here" in _page(out, 1) and "Keep 4 min here" in _page(out, 2)
    # a walk under a minute in seconds (issue 26), never "0.0 min"; 0.8 m/s, the default speed
    walk = re.search(r"walk (\d+) m, (\d+) s ", _page(out, 2))
    assert walk, _page(out, 2)
    assert abs(int(walk[2]) - int(walk[1]) / 0.8) <= 1.5, walk[0]
    assert "0.0 min" not in _page(out, 2) + _page(out, 3)
    # the people the photo shows, as the glossary gives their names in every language
    second = _page(out, 2)
    assert "Nguyễn Thị Lan" in second and "Нгуен Тхи Лан" in second


def test_the_chosen_languages_only_and_their_order(visited: Path, tmp_path: Path):
    out = tmp_path / "ru-en.pdf"
    code, result = _export(visited, out, "--languages", "en,ru")
    assert code == 0 and result["languages"] == ["en", "ru"]
    page = _page(out, 1)
    assert POINTS[1]["vi"] not in page
    assert page.index(POINTS[1]["en"]) < page.index(POINTS[1]["ru"])


def test_the_plan_marks_each_page_s_own_stop(visited: Path, tmp_path: Path):
    out = tmp_path / "walk.pdf"
    assert _export(visited, out)[0] == 0
    run_tool("pdftoppm", "-r", "60", "-png", out, tmp_path / "page")
    marked = []
    for number in (1, 2, 3):
        with Image.open(tmp_path / f"page-{number}.png") as image:
            rgb = image.convert("RGB")
            # the plan's box, under the heading: the red of the route and the stop marked
            top = rgb.crop((0, int(rgb.height * 0.12), rgb.width, int(rgb.height * 0.40)))
            reds = {
                (x, y)
                for x in range(top.width)
                for y in range(top.height)
                if (p := top.getpixel((x, y)))[0] > 180 and p[1] < 90 and p[2] < 90
            }
        assert reds, f"page {number}: no route on the plan"
        marked.append(reds)
    assert marked[0] != marked[1] != marked[2]  # a different stop filled on each page


def test_an_unknown_route_or_one_without_stops_is_refused(visited: Path, tmp_path: Path):
    with ProjectService.open(visited) as service:
        service.operations.visit.add_route("Empty")
        with pytest.raises(UsageError, match="no stops"):
            export_walkthrough(service, tmp_path / "e.pdf", WalkthroughOptions("Empty"))
        with pytest.raises(UsageError, match="no route"):
            export_walkthrough(service, tmp_path / "e.pdf", WalkthroughOptions("Nope"))
        with pytest.raises(UsageError, match="--route"):
            export_walkthrough(service, tmp_path / "e.pdf", WalkthroughOptions(None))
        service.operations.visit.remove_route("Empty")
    assert not (tmp_path / "e.pdf").exists()


@pytest.mark.skipif(not CMYK_PROFILE.is_file(), reason="libgs-common's default_cmyk.icc")
def test_with_an_output_profile_the_thumbnails_are_cmyk_and_the_pdf_pdfx(
    visited: Path, tmp_path: Path
):
    out = tmp_path / "cmyk.pdf"
    code, result = _export(visited, out, "--icc", str(CMYK_PROFILE))
    assert code == 0 and result["pdfx"] is True
    images = run_tool("pdfimages", "-list", out).splitlines()[2:]
    assert len(images) == 3 and all(row.split()[5] == "cmyk" for row in images)
    with pikepdf.Pdf.open(out) as pdf:
        assert pdf.Root.OutputIntents[0].S == pikepdf.Name.GTS_PDFX


def test_picks_only_shows_a_panel_stop_s_first_pick(visited: Path, tmp_path: Path):
    with ProjectService.open(visited) as service:
        panel = service.operations.visit.route("State visit").stops[0].panel_id
        photos = [s.photo_id for s in service.exhibition.slots(panel) if s.photo_id]
        before = [(p, None, service.photos.get(p).flag) for p in photos]
        service.operations.photos.restore_marks([(p, None, None) for p in photos])
        assert walkthrough(service, "State visit", None, picks_only=True).pages[0].photo_id is None
        service.operations.photos.restore_marks([(photos[-1], None, PhotoFlag.PICK)])
        book = walkthrough(service, "State visit", None, picks_only=True)
        assert book.pages[0].photo_id == photos[-1]
        assert walkthrough(service, "State visit", None).pages[0].photo_id == photos[0]
        out = tmp_path / "picks.pdf"
        export_walkthrough(service, out, WalkthroughOptions("State visit", picks_only=True))
        service.operations.photos.restore_marks(before)
    assert "Stop 1 of 3" in _page(out, 1)


def _demo_with_route(tmp_path: Path) -> Path:
    """The demo with its hall and "State visit" route (laid out and hung here if need be)."""
    demo, _created = write_demo(tmp_path / "demo")
    spec = json.loads(resource("demo", "demo.json").read_text(encoding="utf-8"))["visit"]
    with ProjectService.open(demo) as service:
        if not service.operations.visit.routes():  # a demo not laid out and hung: do it here
            assert not build_demo_route(service, spec)
            auto_layout(service, measure=ReportlabMeasure(), backup=False)
            hall = service.operations.hall
            for start, end in (((0, 0), (12000, 0)), ((12000, 0), (12000, 8000))):
                hall.add_wall(start, end, 3200)
            hall.place_auto()
            assert build_demo_route(service, spec)
    return demo


def test_the_demo_s_state_visit_prints_in_vi_ru_and_en(tmp_path: Path):
    demo = _demo_with_route(tmp_path)
    with ProjectService.open(demo) as service:
        assert service.operations.visit.check() == []
    out = tmp_path / "state-visit.pdf"
    stdout = io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(io.StringIO()):
        code = cli.main(["export", "walkthrough", str(demo), "--route", "State visit", "-o",
                         str(out), "--json", "--ui-language", "en"])  # fmt: skip
    assert code == 0 and json.loads(stdout.getvalue())["pages"] == 5
    last = _page(out, 5)
    assert "Quảng trường Đỏ" in last and "Красной площади" in last and "Red Square" in last
    # every caption and talking point whole: a long caption takes the room the points leave
    assert "…" not in run_tool("pdftotext", out, "-")


def test_every_stop_number_on_the_plan_is_readable_when_stops_share_a_panel(tmp_path: Path):
    """The demo's route stops twice at two panels: no stop's mark may hide another's number."""
    demo = _demo_with_route(tmp_path)
    out = tmp_path / "walk.pdf"
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        assert cli.main(["export", "walkthrough", str(demo), "--route", "State visit", "-o",
                         str(out), "--ui-language", "en"]) == 0  # fmt: skip
    boxes = run_tool("pdftotext", "-bbox", "-f", "1", "-l", "1", out, "-")
    marks: dict[str, tuple[float, float]] = {}
    for x_min, y_min, x_max, y_max, word in re.findall(
        r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(\d)</word>', boxes
    ):
        if float(y_min) < 595 * 0.40:  # the plan's box, under the heading
            marks[word] = ((float(x_min) + float(x_max)) / 2, (float(y_min) + float(y_max)) / 2)
    assert sorted(marks) == ["1", "2", "3", "4", "5"]
    spots = list(marks.values())
    # a mark is about 3.4 mm (9.6 pt) across: two numbers closer than that overlap
    assert all(
        abs(a[0] - b[0]) >= 9.5 or abs(a[1] - b[1]) >= 9.5
        for i, a in enumerate(spots)
        for b in spots[i + 1 :]
    )


def test_talking_points_too_long_for_their_page_are_reported_not_cut_silently(tmp_path: Path):
    demo = _demo_with_route(tmp_path)
    long = " ".join(["Đây là một đoạn rất dài để thử."] * 40)

    def cli_json(*argv: str) -> tuple[int, object]:
        stdout = io.StringIO()
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(io.StringIO()):
            code = cli.main([*argv, "--json", "--ui-language", "en"])
        return code, json.loads(stdout.getvalue())

    assert cli_json("visit", "check", str(demo)) == (0, [])  # the demo's own points fit
    with contextlib.redirect_stderr(io.StringIO()):
        assert cli.main(["visit", "points", "set", str(demo), "State visit", "2", "vi", long]) == 0
    code, found = cli_json("visit", "check", str(demo))
    assert code == 2 and isinstance(found, list)
    assert [(f["code"], f["stops"]) for f in found] == [("points-too-long", [2])]
    assert "Vietnamese" in found[0]["message"] and "…" in found[0]["message"]
    out = tmp_path / "walk.pdf"
    code, result = cli_json("export", "walkthrough", str(demo), "--route", "State visit", "-o",
                            str(out))  # fmt: skip
    assert code == 0 and isinstance(result, dict)
    assert [(f["code"], f["page"], f["language"]) for f in result["findings"]] == [
        ("points-too-long", 2, "vi")
    ]
    sentences = _page(out, 2).count("Đây là một đoạn rất dài để thử.")
    assert 0 < sentences < 40  # cut on the page, as the finding says

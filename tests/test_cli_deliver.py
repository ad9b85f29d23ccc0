"""``curator deliver`` as scripts use it: flags, JSON, exit codes, what stays in the project."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from curator import cli
from curator.core.delivery_planning.settings import stored_options
from curator.core.services import ProjectService
from curator.demo import write_demo


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    path, _created = write_demo(tmp_path / "demo")
    return path


def test_json_report_of_one_section(demo: Path, tmp_path: Path, capsys) -> None:
    with ProjectService.open(demo, read_only=True) as service:
        section = service.exhibition.sections()[1]
    out = tmp_path / "out"
    code = cli.main(
        [
            "deliver",
            str(demo),
            "--to",
            str(out),
            "--section",
            section.id,
            "--languages",
            "vi,en",
            "--main-language",
            "en",
            "--iim",
            "never",
            "--naming",
            "{date:%Y%m%d}-{order:02}-{photographer}",
            "--json",
        ]
    )
    assert code == 0
    report = json.loads(capsys.readouterr().out)
    assert report["languages"] == ["vi", "en"] and report["main_language"] == "en"
    assert report["iim"] == "never"
    assert (report["total"], report["written"], report["failed"]) == (3, 3, 0)
    first = report["files"][0]
    assert first["name"] == "20260224-01-Tuan-Anh.jpg"
    assert first["section"] == 2 and first["section_id"] == section.id and first["order"] == 1
    assert first["status"] == "written" and first["iim"] is False and first["problems"] == []
    assert Path(first["path"]).is_file() and Path(first["source"]).is_file()
    assert sorted(p.name for p in out.iterdir()) == sorted(f["name"] for f in report["files"])


def test_human_output_and_unplaced_photos_as_section_0(demo: Path, tmp_path: Path, capsys) -> None:
    with ProjectService.open(demo) as service:
        section = service.exhibition.sections()[0]
        moved = service.exhibition.photo_ids(section.id)[0]
        with service.store.transaction():
            service.exhibition.unassign([moved])
    assert cli.main(["deliver", str(demo), "--to", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert "9 of 9 photos delivered" in out
    assert "01-talks.jpg → 00-001-Tuan-Anh.jpg" in out
    assert "02-press-room.jpg → 01-001-Minh-Duc.jpg" in out
    assert "(IIM cut to fit: sublocation)" in out


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--languages", "vi,de"], "“de” is not one of the project's languages"),
        (["--main-language", "en", "--languages", "vi"], "main language “en”"),
        (["--naming", "{section}-{author}"], "unknown field “author”"),
        (["--section", "nope"], "no section with id “nope”"),
        (["--long-edge", "5"], "at least 16"),
    ],
)
def test_bad_input_exit_2_nothing_written(
    demo: Path, tmp_path: Path, capsys, flags: list[str], message: str
) -> None:
    out = tmp_path / "out"
    assert cli.main(["deliver", str(demo), "--to", str(out), *flags]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_not_a_project_and_bad_policy(tmp_path: Path, capsys) -> None:
    assert cli.main(["deliver", str(tmp_path / "none.curator"), "--to", str(tmp_path)]) == 3
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["deliver", str(tmp_path / "none.curator"), "--to", str(tmp_path), "--iim", "x"])
    assert exit_info.value.code == 2


def test_a_delivery_again_adds_copies_replaces_only_when_asked_never_an_original(
    demo: Path, capsys
) -> None:
    photos = demo.parent / "photos"
    before = {p.name: p.read_bytes() for p in photos.iterdir()}
    # Deliver into the originals' own folder with names equal to theirs.
    code = cli.main(["deliver", str(demo), "--to", str(photos), "--naming", "{original}", "--json"])
    assert code == 0
    report = json.loads(capsys.readouterr().out)
    assert {p.name: p.read_bytes() for p in photos.iterdir() if p.name in before} == before
    assert report["files"][0]["name"] == "01-talks-2.jpg"
    first = (photos / "01-talks-2.jpg").read_bytes()
    command = ["deliver", str(demo), "--to", str(photos), "--naming", "{original}", "--json"]
    assert cli.main(command) == 0
    again = json.loads(capsys.readouterr().out)
    # Delivering again keeps the first delivery and names the new copies -3.
    assert again["files"][0]["name"] == "01-talks-3.jpg" and not again["files"][0]["replaced"]
    assert (photos / "01-talks-2.jpg").read_bytes() == first
    assert cli.main([*command, "--replace"]) == 0
    replaced = json.loads(capsys.readouterr().out)
    assert replaced["replace"] is True
    assert replaced["files"][0]["name"] == "01-talks-2.jpg" and replaced["files"][0]["replaced"]
    assert {p.name: p.read_bytes() for p in photos.iterdir() if p.name in before} == before


def test_options_come_from_the_project(demo: Path, tmp_path: Path, capsys) -> None:
    from curator.core.delivery_planning.settings import resolve_options, save_options

    with ProjectService.open(demo) as service:
        save_options(service, resolve_options(service, main_language="ru", iim="never"))
    assert cli.main(["deliver", str(demo), "--to", str(tmp_path / "o"), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["main_language"] == "ru" and report["iim"] == "never"
    with ProjectService.open(demo, read_only=True) as service:
        assert stored_options(service).main_language == "ru"  # the CLI never writes them


def test_unicode_names_keep_letters(demo: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    assert cli.main(["deliver", str(demo), "--to", str(out), "--unicode-names", "--json"]) == 0
    names = [f["name"] for f in json.loads(capsys.readouterr().out)["files"]]
    assert names[0] == "01-001-Tuấn-Anh.jpg"
    assert (out / "01-001-Tuấn-Anh.jpg").is_file()

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from curator import cli
from curator.core.services import ProjectService
from curator.core.storage.migrations import SCHEMA_VERSION


def run(*args: str) -> int:
    return cli.main(list(args))


def test_new_then_info(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "exhibition.curator"
    assert run("new", str(path), "--title", "Việt Nam – Nga", "--languages", "vi,ru,en") == 0
    assert "Created" in capsys.readouterr().out
    assert run("info", str(path)) == 0
    out = capsys.readouterr().out
    assert "Việt Nam – Nga" in out
    assert "vi (source), ru, en" in out
    assert run("info", str(path), "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["title"] == "Việt Nam – Nga"
    assert data["languages"] == ["vi", "ru", "en"]
    assert data["source_language"] == "vi"
    assert data["counts"]["photos"] == 0
    assert data["schema_version"] == SCHEMA_VERSION


def test_source_language_flag_and_babel_tags(tmp_path: Path, capsys) -> None:
    path = tmp_path / "p.curator"
    assert run("new", str(path), "--languages", "pt_BR,zh-Hans,fr", "--source-language", "fr") == 0
    capsys.readouterr()
    run("info", str(path), "--json")
    data = json.loads(capsys.readouterr().out)
    assert data["languages"] == ["pt-BR", "zh-Hans", "fr"]
    assert data["source_language"] == "fr"


def test_unknown_language_is_refused_with_suggestions(tmp_path: Path, capsys) -> None:
    path = tmp_path / "p.curator"
    assert run("new", str(path), "--languages", "vn,ru") == 2
    err = capsys.readouterr().err
    assert "Unknown language “vn”" in err and "vi" in err
    assert "Traceback" not in err
    assert not path.exists()


@pytest.mark.parametrize(
    ("content", "code", "words"),
    [(None, 3, "There is no project"), (b"not a database", 2, "not a Curator project")],
)
def test_info_on_bad_files(tmp_path: Path, capsys, content, code, words) -> None:
    path = tmp_path / "x.curator"
    if content is not None:
        path.write_bytes(content)
    assert run("info", str(path)) == code
    err = capsys.readouterr().err
    assert words in err and str(path) in err


def test_info_works_while_a_window_holds_the_project(project_path: Path, capsys) -> None:
    from curator.core.storage.store import ProjectStore

    with ProjectStore.open(project_path):
        assert run("info", str(project_path), "--json") == 0
    assert json.loads(capsys.readouterr().out)["title"] == "Việt Nam – Nga"


def test_new_refuses_to_overwrite(project_path: Path, capsys) -> None:
    before = project_path.read_bytes()
    assert run("new", str(project_path), "--languages", "en") == 2
    assert "already exists" in capsys.readouterr().err
    assert project_path.read_bytes() == before


def test_usage_error_exit_code(capsys) -> None:
    with pytest.raises(SystemExit) as caught:
        run("new", "x.curator")
    assert caught.value.code == 2
    assert "--languages" in capsys.readouterr().err


def test_help_is_translated(capsys) -> None:
    with pytest.raises(SystemExit):
        run("--ui-language", "ru", "new", "--help")
    out = capsys.readouterr().out
    assert "Создать новый проект" in out
    assert "использование:" in out
    with pytest.raises(SystemExit):
        run("--ui-language", "vi", "--help")
    assert "Tạo một dự án mới" in capsys.readouterr().out


def test_messages_follow_the_environment(tmp_path: Path) -> None:
    env = {**os.environ, "LANGUAGE": "", "LC_ALL": "ru_RU.UTF-8"}
    result = subprocess.run(
        [sys.executable, "-m", "curator", "info", str(tmp_path / "none.curator")],
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 3
    assert "Нет проекта" in result.stderr


def test_every_subcommand_has_help(capsys) -> None:
    for command in (
        "new",
        "info",
        "import",
        "relink",
        "photos",
        "problems",
        "caption",
        "demo",
        "open",
    ):
        with pytest.raises(SystemExit) as caught:
            run(command, "--help")
        assert caught.value.code == 0
        assert "usage: curator " + command in capsys.readouterr().out


def test_demo_writes_a_captioned_project(tmp_path: Path, capsys) -> None:
    assert run("demo", str(tmp_path / "demo")) == 0
    path = Path(capsys.readouterr().out.strip())
    assert path.is_file() and path.suffix == ".curator"
    run("photos", str(path), "--json")
    photos = json.loads(capsys.readouterr().out)
    assert len(photos) >= 6
    for photo in photos:
        assert not photo["missing"]
        assert set(photo["captions"]) == {"vi", "ru", "en"}
        assert photo["byline"]
    credits = {p["captions"]["vi"].get("credit", "") for p in photos}
    assert any(c.startswith("Ảnh: ") and c.endswith("/TTXVN") for c in credits)
    run("info", str(path), "--json")
    info = json.loads(capsys.readouterr().out)
    assert info["counts"]["sections"] >= 3
    assert info["counts"]["glossary_entries"] >= 5
    # A second run keeps the user's project as it is.
    before = path.read_bytes()
    assert run("demo", str(tmp_path / "demo")) == 0
    assert "left as it is" in capsys.readouterr().err
    assert path.read_bytes() == before


def test_console_script_runs() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "curator", "--version"], capture_output=True, text=True
    )
    assert result.returncode == 0 and result.stdout.startswith("Curator ")


def test_photos_of_one_section_in_visit_order(tmp_path: Path, capsys) -> None:
    run("demo", str(tmp_path / "demo"))
    path = capsys.readouterr().out.strip()
    with ProjectService.open(Path(path), read_only=True) as service:
        section = service.exhibition.sections()[0]
        expected = service.exhibition.photo_ids(section.id)
    assert run("photos", path, "--json", "--section", section.id) == 0
    assert [p["id"] for p in json.loads(capsys.readouterr().out)] == expected
    assert run("photos", path, "--section", "snothere") == 2
    assert "no section" in capsys.readouterr().err


def test_caption_command_sets_moves_and_shows(tmp_path: Path, capsys) -> None:
    from PIL import Image

    project = tmp_path / "p.curator"
    image = tmp_path / "a.jpg"
    Image.new("RGB", (30, 20)).save(image)
    run("new", str(project), "--languages", "vi,ru,en")
    run("import", str(project), str(image))
    capsys.readouterr()
    run("photos", str(project), "--json")
    photo_id = json.loads(capsys.readouterr().out)[0]["id"]
    base = ["caption", str(project), photo_id, "--field", "caption"]
    assert run(*base, "--lang", "vi", "--text", "A meeting in Hanoi") == 0
    assert run(*base, "--lang", "vi", "--move-to", "en", "--json") == 0
    capsys.readouterr()
    assert run(*base, "--lang", "en", "--status", "final", "--json") == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["text"] == "A meeting in Hanoi" and shown["status"] == "final"
    assert shown["language"] == "en"
    assert run(*base, "--lang", "vi") == 0
    assert capsys.readouterr().out == "\n"
    assert run(*base, "--lang", "vi", "--move-to", "ru") == 2
    assert "to move" in capsys.readouterr().err
    assert run("caption", str(project), "pnothere", "--lang", "vi", "--field", "caption") == 2


def test_status_matrix_for_people_and_scripts(tmp_path: Path, capsys) -> None:
    run("demo", str(tmp_path / "demo"))
    path = capsys.readouterr().out.strip()
    assert run("status", path) == 0
    out = capsys.readouterr().out
    assert "9 photos" in out and "final" in out and "vi    Headline" in out
    assert run("status", path, "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["languages"] == ["vi", "ru", "en"]
    assert data["total"]["photos"] == 9
    assert sum(data["total"]["matrix"]["vi"]["caption"].values()) == 9
    assert len(data["sections"]) == 3
    assert sum(s["photos"] for s in data["sections"]) == 9
    section = data["sections"][0]["id"]
    assert run("status", path, "--section", section, "--json") == 0
    assert json.loads(capsys.readouterr().out)["total"]["photos"] == data["sections"][0]["photos"]
    assert run("status", path, "--section", "snothere") == 2


def test_caption_languages_must_be_the_projects(tmp_path: Path, capsys) -> None:
    from PIL import Image

    project = tmp_path / "p.curator"
    image = tmp_path / "a.jpg"
    Image.new("RGB", (30, 20)).save(image)
    run("new", str(project), "--languages", "vi,ru,en-US")
    run("import", str(project), str(image))
    capsys.readouterr()
    run("photos", str(project), "--json")
    photo_id = json.loads(capsys.readouterr().out)[0]["id"]
    base = ["caption", str(project), photo_id, "--field", "headline"]
    assert run(*base, "--lang", "fr", "--text", "x") == 2
    assert "not one of the project's languages" in capsys.readouterr().err
    assert run(*base, "--lang", "vi", "--text", "Hội đàm") == 0
    assert run(*base, "--lang", "vi", "--move-to", "de") == 2
    assert run(*base, "--lang", "en_US", "--text", "Talks") == 0
    capsys.readouterr()
    assert run(*base, "--lang", "en_US", "--json") == 0
    shown = json.loads(capsys.readouterr().out)
    assert (shown["language"], shown["text"]) == ("en-US", "Talks")

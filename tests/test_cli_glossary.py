"""``curator glossary import|export|check`` through the command module, with the real names."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from curator.cli import glossary_commands
from curator.core.errors import CuratorError
from curator.core.model import CaptionField, GlossaryKind, Photo
from curator.core.services import ProjectService

CSV = (
    "\ufeffcode;kind;vi;ru;en;variants:en;forbidden:ru;forbidden:en;note\r\n"
    "tbt;person;Vũ Việt Trang;Ву Вьет Чанг;Vu Viet Trang;;Ву Вьет Транг;;\r\n"
    "vna;organisation;TTXVN;ВИА;VNA;Vietnam News Agency;ВНА;;\r\n"
    ";organisation;TASS;ТАСС;TASS;;;;\r\n"
    "hn;place;Hà Nội;Ханой;Hanoi;;;Ha Noi;\r\n"
    "tgd;title;Tổng Giám đốc;Генеральный директор;Director General;General Director;;;\r\n"
)


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="curator")
    commands = parser.add_subparsers(dest="command")
    glossary_commands.add_parsers(
        commands, lambda p: p.add_argument("--debug", action="store_true")
    )
    args = parser.parse_args(argv)
    try:
        code = glossary_commands.run(args)
    except CuratorError as error:
        import sys

        sys.stderr.write(f"curator: {error.message}\n")
        return error.exit_code
    assert code is not None
    return code


@pytest.fixture
def glossary_csv(tmp_path: Path) -> Path:
    path = tmp_path / "glossary.csv"
    path.write_bytes(CSV.encode("utf-8"))
    return path


def add_photo(service: ProjectService, name: str) -> str:
    with service.store.transaction():
        photo = service.photos.add(
            Photo(id="", path=Path(f"/photos/{name}"), sha256=name * 8, width=3000, height=2000)
        )
    return photo.id


def test_import_then_reimport_replaces(project_path: Path, glossary_csv: Path, capsys) -> None:
    assert run("glossary", "import", str(project_path), str(glossary_csv)) == 0
    out = capsys.readouterr().out
    assert "5 entries added." in out and "0 entries replaced." in out
    with ProjectService.open(project_path, read_only=True) as service:
        entries = service.glossary.all()
        assert [e.code for e in entries] == ["tbt", "vna", "", "hn", "tgd"]
        trang = service.glossary.by_code("tbt")
        assert trang is not None and trang.kind is GlossaryKind.PERSON
        assert trang.forbidden == {"ru": ("Ву Вьет Транг",)}
    changed = CSV.replace("Director General;General Director", "Director-General;")
    glossary_csv.write_bytes(changed.encode("utf-8"))
    assert run("glossary", "import", str(project_path), str(glossary_csv)) == 0
    out = capsys.readouterr().out
    assert "0 entries added." in out and "1 entry replaced." in out
    assert "4 entries already as in the file." in out
    with ProjectService.open(project_path, read_only=True) as service:
        title = service.glossary.by_code("tgd")
        assert title is not None and title.terms["en"] == "Director-General"
        assert title.variants == {}
        assert service.glossary.count() == 5


def test_a_bad_file_changes_nothing(project_path: Path, tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_bytes((CSV + "x;persn;Tuấn Anh;;;;;;\r\n").encode("utf-8"))
    assert run("glossary", "import", str(project_path), str(bad)) == 2
    err = capsys.readouterr().err
    assert f"{bad}, line 7: unknown kind “persn”" in err and "Traceback" not in err
    with ProjectService.open(project_path, read_only=True) as service:
        assert service.glossary.count() == 0


@pytest.mark.parametrize("action", ["import", "export"])
def test_unknown_suffix_is_a_usage_error(
    project_path: Path, tmp_path: Path, capsys, action
) -> None:
    path = tmp_path / "glossary.xlsx"
    path.write_bytes(b"x")
    assert run("glossary", action, str(project_path), str(path)) == 2
    assert "unknown glossary format “.xlsx”" in capsys.readouterr().err


@pytest.mark.parametrize("suffix", [".csv", ".tbx"])
def test_export_import_round_trip(
    project_path: Path, glossary_csv: Path, tmp_path: Path, capsys, suffix: str
) -> None:
    run("glossary", "import", str(project_path), str(glossary_csv))
    exported = tmp_path / f"out{suffix}"
    assert run("glossary", "export", str(project_path), str(exported)) == 0
    assert f"5 entries written to {exported}." in capsys.readouterr().out
    with ProjectService.open(project_path, read_only=True) as service:
        before = service.glossary.all()
    other = tmp_path / "other.curator"
    ProjectService.create(other, title="Копия", languages=["ru", "vi", "en"]).close()
    assert run("glossary", "import", str(other), str(exported)) == 0
    with ProjectService.open(other, read_only=True) as service:
        after = service.glossary.all()
    strip = [(e.kind, e.terms, e.code, e.variants, e.forbidden) for e in before]
    assert [(e.kind, e.terms, e.code, e.variants, e.forbidden) for e in after] == strip


def test_check_reports_forbidden_and_inconsistent(
    project_path: Path, glossary_csv: Path, capsys
) -> None:
    run("glossary", "import", str(project_path), str(glossary_csv))
    with ProjectService.open(project_path) as service:
        p1, p2 = add_photo(service, "a"), add_photo(service, "b")
        with service.store.transaction():
            service.captions.set(
                p1, "ru", CaptionField.CAPTION, "Генеральный директор ВИА Ву Вьет Транг в Ханое"
            )
            service.captions.set(p1, "en", CaptionField.HEADLINE, "Director General of VNA")
            service.captions.set(
                p2, "en", CaptionField.CAPTION, "General Director of Vietnam News Agency, Ha Noi"
            )
            service.captions.set(p2, "ru", CaptionField.CREDIT, "Фото: Vũ Việt Trang/ВИА")
    capsys.readouterr()
    assert run("glossary", "check", str(project_path), "--json") == 1
    findings = json.loads(capsys.readouterr().out)
    summary = sorted(
        (f["photo_id"] == p1, f["language"], f["field"], f["code"], f["found"], f["expected"])
        for f in findings
    )
    assert summary == sorted(
        [
            (True, "ru", "caption", "forbidden-form", "Ву Вьет Транг", "Ву Вьет Чанг"),
            (
                False,
                "en",
                "caption",
                "inconsistent-rendering",
                "General Director",
                "Director General",
            ),
            (False, "en", "caption", "inconsistent-rendering", "Vietnam News Agency", "VNA"),
            (False, "en", "caption", "forbidden-form", "Ha Noi", "Hanoi"),
            (False, "ru", "credit", "inconsistent-rendering", "Vũ Việt Trang", "Ву Вьет Чанг"),
        ]
    )
    assert all(set(f) >= {"entry_id", "message"} for f in findings)
    assert run("glossary", "check", str(project_path)) == 1
    out = capsys.readouterr().out
    assert "5 glossary problems found." in out and p1 in out


def test_check_without_problems_exits_0(project_path: Path, glossary_csv: Path, capsys) -> None:
    run("glossary", "import", str(project_path), str(glossary_csv))
    with ProjectService.open(project_path) as service:
        photo = add_photo(service, "a")
        with service.store.transaction():
            service.captions.set(
                photo, "vi", CaptionField.CAPTION, "Tổng Giám đốc TTXVN tại Hà Nội"
            )
    capsys.readouterr()
    assert run("glossary", "check", str(project_path)) == 0
    assert "No glossary problems found." in capsys.readouterr().out
    assert run("glossary", "check", str(project_path), "--json") == 0
    assert json.loads(capsys.readouterr().out) == []


def test_hostile_tbx_is_refused(project_path: Path, tmp_path: Path, capsys) -> None:
    path = tmp_path / "evil.tbx"
    path.write_bytes(
        b'<?xml version="1.0"?><!DOCTYPE martif [<!ENTITY x SYSTEM '
        b'"file:///etc/passwd">]><martif><text><body/></text>&x;</martif>'
    )
    assert run("glossary", "import", str(project_path), str(path)) == 2
    assert "entities or external references" in capsys.readouterr().err


def test_glossary_import_updates_generated_credits(tmp_path) -> None:
    from datetime import datetime
    from pathlib import Path

    from curator.core.language.generated import refresh_generated
    from curator.core.language.glossary_import import plan_import
    from curator.core.model import CaptionField, CreditRole, Photo
    from curator.core.services import ProjectService
    from curator.exchange import apply_glossary_plan, read_glossary

    project = tmp_path / "p.curator"
    with ProjectService.create(project, title="T", languages=["vi", "ru", "en"]) as service:
        with service.store.transaction():
            photo = service.photos.add(
                Photo(
                    id="",
                    path=Path("/x.jpg"),
                    sha256="h",
                    width=1,
                    height=1,
                    captured_at=datetime(2026, 2, 24, 15, 0),
                )
            )
            service.photos.add_credit(
                photo.id, {"vi": "Tuấn Anh"}, {"vi": "TTXVN"}, CreditRole.PHOTO
            )
        refresh_generated(service, [photo.id])
        assert (
            service.captions.get(photo.id, "ru", CaptionField.CREDIT).text == "Фото: Туан Ань/TTXVN"
        )
        csv = tmp_path / "g.csv"
        csv.write_text("code,kind,vi,ru,en\nvna,organisation,TTXVN,ВИА,VNA\n", encoding="utf-8-sig")
        plan = plan_import(service.glossary.all(), read_glossary(csv), source=str(csv))
        apply_glossary_plan(service, plan)
        assert (
            service.captions.get(photo.id, "ru", CaptionField.CREDIT).text == "Фото: Туан Ань/ВИА"
        )
        assert (
            service.captions.get(photo.id, "en", CaptionField.CREDIT).text == "Photo: Tuan Anh/VNA"
        )

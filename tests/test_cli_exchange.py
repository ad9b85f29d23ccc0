"""``curator exchange``: export, the plan, --apply, conflicts and resolve, as a script runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from curator.core.model import CaptionField
from curator.core.services import ProjectService


def curator(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "curator", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"},
    )


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    result = curator("demo", str(folder))
    assert result.returncode == 0, result.stderr
    return Path(result.stdout.strip())


def test_export_then_plan_then_apply(demo: Path, tmp_path: Path) -> None:
    project = tmp_path / "p.curator"
    project.write_bytes(demo.read_bytes())
    po = tmp_path / "en.po"
    result = curator(
        "exchange", "export", str(project), "--lang", "en", "--format", "po", "-o", str(po)
    )
    assert result.returncode == 0, result.stderr
    assert "captions to" in result.stderr
    catalog = polib.pofile(str(po))
    first = catalog[0]
    first.msgstr = "VNA and TASS hold talks at the New Year"
    catalog.save(str(po))
    photo_id, field = first.msgctxt.split("|")
    plan = curator("exchange", "import", str(project), str(po), "--json")
    assert plan.returncode == 0, plan.stderr
    data = json.loads(plan.stdout)
    assert data["counts"]["changed"] == 1 and data["applied"] is False
    [changed] = [e for e in data["entries"] if e["action"] == "changed"]
    assert changed["key"] == first.msgctxt and changed["line"] > 0
    with ProjectService.open(project, read_only=True) as service:
        caption = service.captions.get(photo_id, "en", CaptionField(field))
        assert caption.text != first.msgstr  # the plan changed nothing
    # The curator edits another field meanwhile: that one becomes a conflict.
    second = catalog[1]
    other_photo, other_field = second.msgctxt.split("|")
    assert (
        curator(
            "caption",
            str(project),
            other_photo,
            "--lang",
            "en",
            "--field",
            other_field,
            "--text",
            "The curator's own words",
        ).returncode
        == 0
    )
    second.msgstr = "The translator's words"
    catalog.save(str(po))
    applied = curator("exchange", "import", str(project), str(po), "--apply")
    assert applied.returncode == 1, applied.stderr  # a conflict is left for the curator
    assert "Applied: 1 caption written." in applied.stdout
    with ProjectService.open(project, read_only=True) as service:
        assert service.captions.get(photo_id, "en", CaptionField(field)).text == first.msgstr
        assert (
            service.captions.get(other_photo, "en", CaptionField(other_field)).text
            == "The curator's own words"
        )
    snapshots = json.loads(curator("backup", "list", str(project), "--json").stdout)
    assert any(item["reason"] == "exchange-apply" for item in snapshots), snapshots
    listed = json.loads(curator("exchange", "conflicts", str(project), "--json").stdout)
    assert [item["kept"] for item in listed] == ["The translator's words"]
    assert (
        curator("exchange", "resolve", str(project), str(listed[0]["id"]), "--take").returncode == 0
    )
    with ProjectService.open(project, read_only=True) as service:
        assert (
            service.captions.get(other_photo, "en", CaptionField(other_field)).text
            == "The translator's words"
        )
        assert service.alternatives.count() == 0


def test_foreign_and_bad_files_exit_2_and_change_nothing(demo: Path, tmp_path: Path) -> None:
    project = tmp_path / "p.curator"
    project.write_bytes(demo.read_bytes())
    before = project.read_bytes()
    foreign = tmp_path / "de.po"
    foreign.write_text('msgid ""\nmsgstr ""\n\nmsgid "Hello"\nmsgstr "Hallo"\n', "utf-8")
    result = curator("exchange", "import", str(project), str(foreign), "--apply")
    assert result.returncode == 2
    assert "not a Curator caption file" in result.stderr and "line 4" in result.stderr
    assert "Traceback" not in result.stderr
    assert project.read_bytes() == before
    bad = curator(
        "exchange",
        "export",
        str(project),
        "--lang",
        "xx-bogus",
        "--format",
        "po",
        "-o",
        str(tmp_path / "x.po"),
    )
    assert bad.returncode == 2 and not (tmp_path / "x.po").exists()


def test_csv_export_with_semicolons_for_excel(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "ru.csv"
    result = curator(
        "exchange",
        "export",
        str(demo),
        "--lang",
        "ru",
        "--format",
        "csv",
        "-o",
        str(out),
        "--csv-separator",
        ";",
        "--only-unfinished",
    )
    assert result.returncode == 0, result.stderr
    header = out.read_bytes().decode("utf-8-sig").splitlines()[0]
    assert header.startswith("key;source;target;status;notes;budget_chars;revision;source_hash")


def test_package_command_writes_a_zip_in_the_target_language(demo: Path, tmp_path: Path) -> None:
    import zipfile

    out = tmp_path / "vi-ru.zip"
    result = curator("exchange", "package", str(demo), "--lang", "ru", "-o", str(out))
    assert result.returncode == 0, result.stderr
    names = zipfile.ZipFile(out).namelist()
    assert "captions-ru.po" in names and "contact-sheet.pdf" in names
    back = curator("exchange", "import", str(demo), str(out), "--json")
    assert back.returncode == 0, back.stderr
    assert json.loads(back.stdout)["counts"]["changed"] == 0

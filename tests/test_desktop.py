"""``curator install-desktop``: a valid desktop entry, the icon and the project file type."""

from __future__ import annotations

import configparser
import shutil
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pytest

from curator import cli
from curator.cli.desktop_command import data_home, desktop_entry, install_desktop


def _entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def _validate(path: Path) -> None:
    tool = shutil.which("desktop-file-validate")
    if tool is None:
        pytest.skip("desktop-file-validate is not installed (Debian: desktop-file-utils)")
    result = subprocess.run([tool, str(path)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in result.stdout


def test_installs_entry_icon_and_mime_type_under_xdg_data_home(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    home = tmp_path / "data"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    assert cli.main(["install-desktop"]) == 0
    out = capsys.readouterr().out
    entry_path = home / "applications" / "curator.desktop"
    assert str(entry_path) in out
    entry = _entry(entry_path)
    assert entry["Name"] == "Curator"
    assert entry["Comment[vi]"] == "Chú thích, sắp xếp và in triển lãm ảnh đa ngôn ngữ"
    assert entry["Comment[ru]"].startswith("Подписи")
    assert entry["GenericName[vi]"] and entry["GenericName[ru]"]
    assert entry["MimeType"] == "application/x-curator-project;"
    program = entry["Exec"].split(" ")[0]
    assert Path(program).is_file() and entry["Exec"].endswith(" open %f")
    assert entry["Icon"] == "curator"
    _validate(entry_path)
    icon = home / "icons/hicolor/scalable/apps/curator.svg"
    assert icon.read_bytes().startswith(b"<svg") or b"<svg" in icon.read_bytes()[:200]
    assert (home / "icons/hicolor/scalable/mimetypes/application-x-curator-project.svg").is_file()
    package = ElementTree.parse(home / "mime/packages/curator.xml").getroot()
    namespace = "{http://www.freedesktop.org/standards/shared-mime-info}"
    kind = package.find(f"{namespace}mime-type")
    assert kind is not None and kind.get("type") == "application/x-curator-project"
    assert kind.find(f"{namespace}glob").get("pattern") == "*.curator"
    if shutil.which("update-mime-database"):
        globs = (home / "mime" / "globs2").read_text(encoding="utf-8")
        assert "application/x-curator-project:*.curator" in globs
    # running it again replaces the files, nothing else
    assert cli.main(["install-desktop"]) == 0


def test_a_program_path_with_spaces_is_quoted_as_the_spec_asks(tmp_path: Path) -> None:
    text = desktop_entry(["/opt/my apps/curator 100%"])
    assert 'Exec="/opt/my apps/curator 100%%" open %f' in text
    path = tmp_path / "curator.desktop"
    path.write_text(text, encoding="utf-8")
    _validate(path)
    files = install_desktop(tmp_path / "share", ["/usr/bin/curator"])
    assert "Exec=/usr/bin/curator open %f" in files.entry.read_text(encoding="utf-8")


def test_data_home_follows_the_xdg_spec() -> None:
    assert data_home({"XDG_DATA_HOME": "/srv/share"}) == Path("/srv/share")
    assert data_home({"XDG_DATA_HOME": "relative/path"}) == Path.home() / ".local/share"
    assert data_home({}) == Path.home() / ".local/share"


def test_an_unwritable_place_is_a_clear_error(tmp_path: Path, monkeypatch, capsys) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker))
    assert cli.main(["install-desktop"]) == 3
    assert "Cannot write" in capsys.readouterr().err

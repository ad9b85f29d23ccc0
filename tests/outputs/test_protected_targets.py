"""No command writes over a file Curator knows, however the target is spelled.

Every command that writes a file the person names is pointed at the open project, its lock,
its write-ahead log, one of its backups and a photo's original, each spelled four ways (as
it is, through a symbolic link, as a relative path through ``..``, through a hard link). It
must refuse with exit 2 and the guard's message, and the file must be byte-identical
afterwards. The project is held open for writing meanwhile, so the lock and the log exist.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from curator import cli
from curator.core.services import ProjectService
from curator.core.storage.backups import take_snapshot
from curator.core.storage.locking import lock_path_for
from curator.demo import write_demo

REFUSED = "Curator never writes over it"


class Held:
    """The demo project, open for writing, with a backup; where its files are."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.project, _created = write_demo(root / "demo")
        self.service = ProjectService.open(self.project)
        self.backup = take_snapshot(self.service.store, "manual").path
        self.original = next(p.path for p in self.service.photos.all())
        self.links = root / "links"
        self.links.mkdir()
        self.elsewhere = root / "elsewhere"
        self.elsewhere.mkdir()

    def targets(self) -> dict[str, Path]:
        return {
            "project": self.project,
            "lock": lock_path_for(self.project),
            "wal": Path(f"{self.project}-wal"),
            "backup": self.backup,
            "original": self.original,
        }


@pytest.fixture(scope="module")
def held(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Held]:
    state = Held(tmp_path_factory.mktemp("held"))
    assert all(path.exists() for path in state.targets().values())
    yield state
    state.service.close()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _spell(held: Held, target: Path, spelling: str, name: str, suffix: str) -> Path:
    """``target`` spelled another way (the link's name ends with ``suffix``)."""
    if spelling == "same":
        return target
    link = held.links / f"{name}-{spelling}{suffix}"
    if spelling == "symlink":
        link.unlink(missing_ok=True)
        link.symlink_to(target)
        return link
    if spelling == "hardlink":
        link.unlink(missing_ok=True)
        os.link(target, link)
        return link
    assert spelling == "relative"
    os.chdir(held.elsewhere)
    return Path(os.path.relpath(target, held.elsewhere))


COMMANDS: dict[str, tuple[str, Callable[[Path, Path], list[str]]]] = {
    "catalogue": (".pdf", lambda p, o: ["export", "catalogue", str(p), "-o", str(o)]),
    "panels": (".pdf", lambda p, o: ["export", "panels", str(p), "-o", str(o)]),
    "labels": (".pdf", lambda p, o: ["export", "labels", str(p), "-o", str(o)]),
    "proof": (".pdf", lambda p, o: ["export", "proof", str(p), "-o", str(o)]),
    "exchange-export": (
        ".po",
        lambda p, o: ["exchange", "export", str(p), "--lang", "ru", "--format", "po", "-o", str(o)],
    ),
    "exchange-package": (
        ".zip",
        lambda p, o: ["exchange", "package", str(p), "--lang", "ru", "-o", str(o)],
    ),
    "glossary-export": (".csv", lambda p, o: ["glossary", "export", str(p), str(o)]),
}


@pytest.mark.parametrize("spelling", ["same", "symlink", "relative", "hardlink"])
@pytest.mark.parametrize("kind", ["project", "lock", "wal", "backup", "original"])
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_output_refuses_every_protected_file(
    held: Held, command: str, kind: str, spelling: str, capsys, monkeypatch
) -> None:
    monkeypatch.chdir(held.root)
    target = held.targets()[kind]
    suffix, arguments = COMMANDS[command]
    before = _digest(target)
    output = _spell(held, target, spelling, f"{command}-{kind}", suffix)
    assert cli.main(arguments(held.project, output)) == 2
    assert REFUSED in capsys.readouterr().err
    assert _digest(target) == before
    if spelling in ("symlink", "hardlink"):
        assert output.is_symlink() == (spelling == "symlink")
        assert _digest(output) == before
    assert not [p for p in target.parent.iterdir() if ".curator-" in p.name and "partial" in p.name]


def test_an_export_report_never_lands_on_a_protected_file(held: Held, capsys) -> None:
    """``X.pdf`` writes ``X.report.txt``: a protected file of that name is refused too."""
    link = held.links / "shop.report.txt"
    link.symlink_to(held.project)
    before = _digest(held.project)
    output = held.links / "shop.pdf"
    assert cli.main(["export", "proof", str(held.project), "-o", str(output)]) == 2
    assert REFUSED in capsys.readouterr().err
    assert _digest(held.project) == before and not output.exists()


@pytest.mark.parametrize("spelling", ["same", "symlink", "relative"])
def test_nothing_is_written_into_the_backups_folder(
    held: Held, spelling: str, capsys, monkeypatch
) -> None:
    monkeypatch.chdir(held.root)
    folder = held.backup.parent
    before = sorted(p.name for p in folder.iterdir())
    inside = _spell(held, folder, spelling, "backups", "") / "new.pdf"
    assert cli.main(["export", "proof", str(held.project), "-o", str(inside)]) == 2
    assert REFUSED in capsys.readouterr().err
    to = _spell(held, folder, spelling, "backups-to", "")
    assert cli.main(["deliver", str(held.project), "--to", str(to)]) == 2
    assert REFUSED in capsys.readouterr().err
    assert sorted(p.name for p in folder.iterdir()) == before


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    return write_demo(tmp_path / "demo")[0]


def _originals(demo: Path) -> dict[str, str]:
    return {p.name: _digest(p) for p in (demo.parent / "photos").iterdir()}


@pytest.mark.parametrize("spelling", ["same", "symlink", "relative", "dotdot"])
@pytest.mark.parametrize("replace", [False, True])
def test_deliver_never_writes_over_an_original(
    demo: Path, tmp_path: Path, spelling: str, replace: bool, capsys, monkeypatch
) -> None:
    photos = demo.parent / "photos"
    before = _originals(demo)
    if spelling == "symlink":
        folder = tmp_path / "photos-link"
        folder.symlink_to(photos)
    elif spelling == "relative":
        monkeypatch.chdir(photos)
        folder = Path()
    elif spelling == "dotdot":
        monkeypatch.chdir(tmp_path)
        folder = Path("demo") / "photos" / ".." / "photos"
    else:
        folder = photos
    command = ["deliver", str(demo), "--to", str(folder), "--naming", "{original}", "--json"]
    assert cli.main(command + (["--replace"] if replace else [])) == 0
    report = json.loads(capsys.readouterr().out)
    assert {f["status"] for f in report["files"]} == {"written"}
    assert all(f["name"].endswith("-2.jpg") for f in report["files"])
    now = _originals(demo)
    assert {name: now[name] for name in before} == before


def test_deliver_with_replace_never_replaces_a_hard_link_to_an_original(
    demo: Path, tmp_path: Path, capsys
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    original = next((demo.parent / "photos").iterdir())
    os.link(original, out / original.name)
    before = _digest(original)
    command = ["deliver", str(demo), "--to", str(out), "--naming", "{original}", "--replace"]
    assert cli.main([*command, "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert _digest(original) == before == _digest(out / original.name)
    names = {f["name"] for f in report["files"]}
    assert original.name not in names and f"{original.stem}-2.jpg" in names


def test_delivering_twice_keeps_the_first_delivery(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    command = ["deliver", str(demo), "--to", str(out)]
    assert cli.main(command) == 0
    first = {p.name: _digest(p) for p in out.iterdir()}
    assert cli.main(command) == 0
    assert cli.main(command) == 0
    now = {p.name: _digest(p) for p in out.iterdir()}
    assert {name: now[name] for name in first} == first
    assert len(now) == 3 * len(first)
    assert sum(name.endswith("-3.jpg") for name in now) == len(first)
    assert cli.main([*command, "--replace"]) == 0
    assert len(list(out.iterdir())) == 3 * len(first)


def test_the_demo_never_replaces_a_persons_photo(tmp_path: Path, capsys) -> None:
    photos = tmp_path / "demo" / "photos"
    photos.mkdir(parents=True)
    mine = photos / "01-talks.jpg"
    mine.write_bytes(b"my own photo")
    assert cli.main(["demo", str(tmp_path / "demo")]) == 2
    assert "is not the demo's photo" in capsys.readouterr().err
    assert mine.read_bytes() == b"my own photo"
    mine.unlink()  # an empty folder (or one an interrupted demo left) takes the demo
    assert cli.main(["demo", str(tmp_path / "demo")]) == 0


_EXPORT = ["exchange", "export", "--lang", "ru", "--format", "po", "--pretranslate"]
_PACKAGE = ["exchange", "package", "--lang", "ru", "--pretranslate"]


@pytest.mark.parametrize(
    ("command", "memory"),
    [
        (_EXPORT, "default"),
        (_EXPORT, "named"),
        (_PACKAGE, "default"),
        (_PACKAGE, "named"),
        (["export", "proof"], "default"),  # a PDF reads no memory: the person's is protected
    ],
)
def test_no_output_lands_on_the_translation_memory(
    demo: Path, tmp_path: Path, command: list[str], memory: str, capsys, monkeypatch
) -> None:
    """The person's memory (or the one ``--memory`` names) is a database Curator knows."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    default = tmp_path / "data" / "curator" / "memory.sqlite"
    path = default if memory == "default" else tmp_path / "mine.sqlite"
    assert cli.main(["memory", "add", str(demo), "--memory", str(path)]) == 0
    before = _digest(path)
    named = ["--memory", str(path)] if memory == "named" else []
    assert cli.main([*command[:2], str(demo), *command[2:], *named, "-o", str(path)]) == 2
    assert "is the translation memory" in capsys.readouterr().err
    assert _digest(path) == before

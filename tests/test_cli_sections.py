"""``curator section add|list|assign`` as CLI.md fixes them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from curator import cli
from curator.core.model import Photo
from curator.core.services import ProjectService


@pytest.fixture
def photo_ids(project_path: Path) -> list[str]:
    with ProjectService.open(project_path) as service, service.store.transaction():
        return [
            service.photos.add(
                Photo(id="", path=Path(f"/p/{i}.jpg"), sha256=f"h{i}", width=30, height=20)
            ).id
            for i in range(3)
        ]


def _listed(project: Path, capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    capsys.readouterr()
    assert cli.main(["section", "list", str(project), "--json"]) == 0
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def test_add_list_assign(project_path: Path, photo_ids: list[str], capsys) -> None:
    project = str(project_path)
    assert cli.main(["section", "add", project, "--title", "vi=Hà Nội", "--title",
                     "en=Hanoi", "--intro", "en=The capital", "--photos",
                     f"{photo_ids[0]},{photo_ids[1]}"]) == 0  # fmt: skip
    first = capsys.readouterr().out.strip()
    assert cli.main(["section", "add", project, "--title", "ru=Москва"]) == 0
    second = capsys.readouterr().out.strip()
    assert cli.main(["section", "assign", project, second, photo_ids[2], photo_ids[0]]) == 0
    listed = _listed(project_path, capsys)
    assert listed == [
        {"id": first, "position": 1, "title": {"vi": "Hà Nội", "en": "Hanoi"},
         "intro": {"en": "The capital"}, "photo_ids": [photo_ids[1]]},
        {"id": second, "position": 2, "title": {"ru": "Москва"}, "intro": {},
         "photo_ids": [photo_ids[2], photo_ids[0]]},
    ]  # fmt: skip
    assert cli.main(["section", "list", project]) == 0
    out = capsys.readouterr().out
    assert f"1. {first}  Hà Nội  (1 photo)" in out and "(2 photos)" in out


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["add", "--title", "vi"], "TAG=TEXT"),
        (["add", "--title", "vi="], "TAG=TEXT"),
        (["add", "--title", "de=Titel"], "“de”"),
        (["add", "--title", "vi=A", "--photos", "p-none"], "p-none"),
        (["assign", "s-none", "x"], "s-none"),
    ],
)
def test_refusals_exit_2_and_name_the_culprit(
    project_path: Path, capsys, args: list[str], named: str
) -> None:
    command, *rest = args
    assert cli.main(["section", command, str(project_path), *rest]) == 2
    assert named in capsys.readouterr().err
    assert _listed(project_path, capsys) == []


def test_assign_unknown_photo(project_path: Path, photo_ids: list[str], capsys) -> None:
    assert cli.main(["section", "add", str(project_path), "--title", "vi=A"]) == 0
    section = capsys.readouterr().out.strip()
    assert cli.main(["section", "assign", str(project_path), section, photo_ids[0], "p-x"]) == 2
    assert "p-x" in capsys.readouterr().err
    assert _listed(project_path, capsys)[0]["photo_ids"] == []

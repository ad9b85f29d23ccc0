"""``curator shown``: who and what a photo shows, picked from the glossary."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from curator import cli
from curator.core.model import GlossaryKind, Photo
from curator.core.services import ProjectService


def run(*args: str) -> int:
    return cli.main([*args, "--ui-language", "en"])


@pytest.fixture
def photo(project_path: Path) -> str:
    with ProjectService.open(project_path) as service, service.store.transaction():
        glossary = service.glossary
        glossary.add(
            GlossaryKind.PERSON, {"vi": "Hồ Chí Minh", "ru": "Хо Ши Мин", "en": "Ho Chi Minh"}
        )
        glossary.add(GlossaryKind.PLACE, {"vi": "Hà Nội", "ru": "Ханой", "en": "Hanoi"})
        glossary.add(GlossaryKind.PLACE, {"vi": "Việt Nam", "ru": "Вьетнам", "en": "Vietnam"})
        glossary.add(
            GlossaryKind.EVENT,
            {"vi": "Quốc khánh", "ru": "День независимости", "en": "National Day"},
        )
        return service.photos.add(
            Photo(id="", path=Path("/p/a.jpg"), sha256="a" * 9, width=3, height=2)
        ).id


def _shown(project: Path, photo: str, capsys, *flags: str) -> dict:
    assert run("shown", str(project), photo, *flags, "--json") == 0
    return json.loads(capsys.readouterr().out)


def test_a_person_picked_once_has_every_rendering_and_survives_a_copy(
    project_path: Path, photo: str, capsys, tmp_path: Path
) -> None:
    result = _shown(
        project_path, photo, capsys,
        "--region", "ho chi minh", "0.25,0.1,0.5,0.6",
        "--location", "city=Ханой;country=Vietnam",
        "--event", "National Day",
    )  # fmt: skip
    assert result["changed"] is True
    (person,) = result["persons"]
    assert person["names"] == {"vi": "Hồ Chí Minh", "ru": "Хо Ши Мин", "en": "Ho Chi Minh"}
    assert person["region"] == {"x": 0.25, "y": 0.1, "w": 0.5, "h": 0.6}
    assert result["locations"][0]["country"]["names"]["ru"] == "Вьетнам"
    assert result["event"] == {"vi": "Quốc khánh", "ru": "День независимости", "en": "National Day"}
    # The project copy keeps it all.
    copy = tmp_path / "copy.curator"
    assert run("copy", str(project_path), str(copy)) == 0
    capsys.readouterr()
    assert _shown(copy, photo, capsys) == {**result, "changed": False}
    # Removing the region keeps the person; removing the event in one language keeps the others.
    after = _shown(
        project_path,
        photo,
        capsys,
        "--remove-region",
        "Хо Ши Мин",
        "--remove-event",
        "--lang",
        "ru",
    )
    assert after["persons"][0]["region"] is None
    assert sorted(after["event"]) == ["en", "vi"]
    assert _shown(project_path, photo, capsys, "--remove-person", "Ho Chi Minh")["persons"] == []


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (("--person", "Nobody"), "The glossary has no person named “Nobody”"),
        (("--person", "Hà Nội"), "The glossary has no person named “Hà Nội”"),
        (("--region", "Ho Chi Minh", "0.9,0.1,0.5,0.5"), "A region is x,y,w,h"),
        (("--region", "Ho Chi Minh", "left"), "“left” is not a region"),
        (("--location", "town=Hà Nội"), "“town” is not a part of a location"),
        (("--event", "Party"), "give its language with --lang TAG"),
        (("--event", "Fest", "--lang", "de"), "“de” is not one of the project's languages"),
    ],
)
def test_bad_input_is_refused_and_nothing_changes(
    project_path: Path, photo: str, capsys, flags: tuple[str, ...], message: str
) -> None:
    assert run("shown", str(project_path), photo, *flags) == 2
    assert message in capsys.readouterr().err
    assert run("shown", str(project_path), photo) == 0
    assert "shows no one and nothing" in capsys.readouterr().out


def test_what_the_original_shows_is_reported(tmp_path: Path, capsys) -> None:
    original = Path(__file__).resolve().parents[2] / "shared" / "data" / "realworld" / "images"
    original = original / "frameright" / "IPTC-PhotometadataRef-Std2021.1.jpg"
    if not original.is_file():
        pytest.skip("the shared real-world corpus is not here")
    project = tmp_path / "p.curator"
    assert run("new", str(project), "--languages", "en,ru") == 0
    assert run("import", str(project), str(original)) == 0
    capsys.readouterr()
    assert run("photos", str(project), "--json") == 0
    (photo,) = json.loads(capsys.readouterr().out)
    result = _shown(project, photo["id"], capsys)
    assert result["persons"] == []
    assert result["original"]["persons"] == [
        "Person Shown 1 (ref2021.1)",
        "Person Shown 2 (ref2021.1)",
    ]
    assert result["original"]["event"] == {"x-default": "Event Name (ref2021.1)"}
    assert result["original"]["regions"] >= 2
    assert run("shown", str(project), photo["id"]) == 0
    assert "Person Shown 1 (ref2021.1)" in capsys.readouterr().out

"""``curator rate``, ``curator search`` and the shortlisting filters of ``curator photos``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from curator import cli
from curator.core.model import CaptionField, Photo
from curator.core.services import ProjectService


def run(*args: str) -> int:
    return cli.main(list(args))


@pytest.fixture
def photos(project_path: Path) -> dict[str, str]:
    with ProjectService.open(project_path) as service:
        ids = {}
        for name in ("talks", "snow", "river"):
            with service.store.transaction():
                ids[name] = service.photos.add(
                    Photo(id="", path=Path(f"/p/{name}.jpg"), sha256=name * 9, width=3, height=2)
                ).id
        service.set_caption(ids["talks"], "vi", CaptionField.HEADLINE, "Hội đàm ở Đà Nẵng")
        service.set_caption(ids["snow"], "ru", CaptionField.CAPTION, "Ёлка на площади")
        service.set_caption(ids["river"], "en", CaptionField.PLACE, "Hà Nội")
    return ids


def _photos_json(project: Path, capsys, *flags: str) -> dict[str, dict]:
    assert run("photos", str(project), "--json", *flags) == 0
    return {row["id"]: row for row in json.loads(capsys.readouterr().out)}


def test_rate_then_filter_photos(project_path: Path, photos: dict[str, str], capsys) -> None:
    talks, snow, river = photos["talks"], photos["snow"], photos["river"]
    assert run("rate", str(project_path), talks, river, "--rating", "4", "--flag", "pick") == 0
    assert "2 photos changed" in capsys.readouterr().out
    assert run("rate", str(project_path), river, "--rating", "2") == 0
    assert run("rate", str(project_path), snow, "--flag", "reject") == 0
    capsys.readouterr()
    rows = _photos_json(project_path, capsys)
    assert (rows[talks]["rating"], rows[talks]["flag"]) == (4, "pick")
    assert (rows[river]["rating"], rows[river]["flag"]) == (2, "pick")
    # CLI.md's XMP rating: a reject reads -1, as XMP writes it
    assert (rows[snow]["rating"], rows[snow]["flag"], rows[snow]["label"]) == (-1, "reject", None)
    assert set(_photos_json(project_path, capsys, "--rating", "3")) == {talks}
    assert set(_photos_json(project_path, capsys, "--flag", "reject")) == {snow}
    assert set(_photos_json(project_path, capsys, "--flag", "not-rejected")) == {talks, river}
    assert set(_photos_json(project_path, capsys, "--search", "da nang")) == {talks}
    assert run("rate", str(project_path), talks, "--flag", "none") == 0
    capsys.readouterr()
    assert _photos_json(project_path, capsys)[talks]["flag"] is None
    assert run("photos", str(project_path), "--rating", "1") == 0
    out = capsys.readouterr().out
    assert "★★★★" in out and "★★ picked" in out


def test_rate_refuses_bad_input_and_changes_nothing(
    project_path: Path, photos: dict[str, str], capsys
) -> None:
    talks = photos["talks"]
    assert run("rate", str(project_path), talks) == 2
    assert "--rating" in capsys.readouterr().err
    assert run("rate", str(project_path), talks, "nope", "--rating", "3") == 2
    assert "nope" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        run("rate", str(project_path), talks, "--rating", "7")
    assert exit_info.value.code == 2
    capsys.readouterr()
    assert _photos_json(project_path, capsys)[talks]["rating"] is None


def test_search_finds_words_without_their_accents(
    project_path: Path, photos: dict[str, str], capsys
) -> None:
    assert run("search", str(project_path), "da nang", "--json") == 0
    [hit] = json.loads(capsys.readouterr().out)
    assert hit["id"] == photos["talks"]
    assert hit["matches"] == [{"language": "vi", "field": "headline", "text": "Hội đàm ở Đà Nẵng"}]
    assert run("search", str(project_path), "ЕЛКА") == 0
    captured = capsys.readouterr()
    assert photos["snow"] in captured.out and "ru/caption: Ёлка на площади" in captured.out
    assert "1 photo found" in captured.err
    assert run("search", str(project_path), "ha noi", "--lang", "vi", "--json") == 0
    assert json.loads(capsys.readouterr().out) == []
    assert run("search", str(project_path), "ha noi", "--lang", "en", "--json") == 0
    assert [hit["id"] for hit in json.loads(capsys.readouterr().out)] == [photos["river"]]


def test_rate_sets_and_clears_a_colour_label(
    project_path: Path, photos: dict[str, str], capsys
) -> None:
    talks, snow = photos["talks"], photos["snow"]
    assert run("rate", str(project_path), talks, snow, "--label", "green") == 0
    assert "2 photos changed" in capsys.readouterr().out
    with ProjectService.open(project_path, read_only=True) as service:
        assert service.photos.get(talks).label == "green"
        assert service.photos.get(snow).label == "green"
    assert run("rate", str(project_path), talks, "--label", "none") == 0
    with ProjectService.open(project_path, read_only=True) as service:
        assert service.photos.get(talks).label is None
        assert service.photos.get(snow).label == "green"
    with pytest.raises(SystemExit):
        run("rate", str(project_path), talks, "--label", "mauve")

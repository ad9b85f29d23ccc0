"""Find and replace across captions, and caption templates (core and ``curator caption …``)."""

from __future__ import annotations

import json
import unicodedata
from datetime import datetime
from pathlib import Path

import pytest

from curator import cli
from curator.core.editing import caption_batch
from curator.core.editing.caption_batch import FindOptions, find_spans, replace_in
from curator.core.errors import CuratorError, UsageError
from curator.core.model import CaptionField, CaptionStatus, Photo
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
                    Photo(
                        id="",
                        path=Path(f"/p/{name}.jpg"),
                        sha256=name * 9,
                        width=3,
                        height=2,
                        captured_at=datetime(2024, 3, 8, 10, 0),
                        city="Hà Nội",
                        country="Việt Nam",
                    )
                ).id
                service.photos.add_credit(ids[name], {"vi": "Tuấn Anh"}, {"vi": "TTXVN"})
        service.set_caption(ids["talks"], "vi", CaptionField.HEADLINE, "Hội đàm ở Đà Nẵng")
        service.set_caption(ids["talks"], "vi", CaptionField.CAPTION, "Đà Nẵng, Danang, đa năng")
        service.set_caption(ids["snow"], "ru", CaptionField.CAPTION, "Ёлка на площади. елка")
        service.set_caption(
            ids["river"], "vi", CaptionField.CAPTION, "Sông Hồng", CaptionStatus.FINAL
        )
    return ids


def test_matching_folds_case_and_accents_unless_asked() -> None:
    text = "Đà Nẵng, Danang, đa năng, DA NANG"
    assert replace_in(text, "da nang", "X", FindOptions())[0] == "X, Danang, X, X"
    assert replace_in(text, "Đà Nẵng", "X", FindOptions(match_accents=True))[0] == (
        "X, Danang, đa năng, DA NANG"
    )
    assert replace_in(text, "DA NANG", "X", FindOptions(match_case=True))[0] == (
        "Đà Nẵng, Danang, đa năng, X"
    )
    assert replace_in(text, "Da Nang", "X", FindOptions(match_case=True))[0] == (
        "X, Danang, đa năng, DA NANG"
    )
    # Russian: ё found by е, й kept as a letter of its own
    assert replace_in("Ёлка и елка", "елка", "ель", FindOptions())[0] == "ель и ель"
    assert find_spans("мой", "мои", FindOptions()) == []


def test_whole_words_and_decomposed_input() -> None:
    assert replace_in("Hanoi Han han", "han", "X", FindOptions(whole_words=True))[0] == (
        "Hanoi X X"
    )
    assert replace_in("Hanoi Han", "han", "X", FindOptions())[0] == "Xoi X"
    decomposed = unicodedata.normalize("NFD", "Hà Nội")
    new, count = replace_in("ở Hà Nội.", decomposed, unicodedata.normalize("NFD", "Huế"),
                            FindOptions(match_accents=True))  # fmt: skip
    assert (new, count) == ("ở Huế.", 1)
    assert unicodedata.is_normalized("NFC", new)
    # ß folds to ss: a match never splits one letter
    assert find_spans("Straße", "s", FindOptions()) == [(0, 1)]


def test_preview_then_apply_is_one_edit(project_path: Path, photos: dict[str, str]) -> None:
    with ProjectService.open(project_path) as service:
        changes = caption_batch.preview_replace(service, "vi", "da nang", "Đà Nẵng")
        assert [(c.photo_id, c.field, c.old, c.new) for c in changes] == [
            (
                photos["talks"],
                CaptionField.CAPTION,
                "Đà Nẵng, Danang, đa năng",
                "Đà Nẵng, Danang, Đà Nẵng",
            ),
        ]  # the headline already says it exactly; the river has no match
        changes = caption_batch.preview_replace(service, "vi", "Nẵng", "Nang")
        assert {c.field for c in changes} == {CaptionField.HEADLINE, CaptionField.CAPTION}
        assert caption_batch.apply_changes(service, changes) == 2
        headline = service.captions.get(photos["talks"], "vi", CaptionField.HEADLINE)
        assert headline is not None and headline.text == "Hội đàm ở Đà Nang"
        assert headline.status == CaptionStatus.DRAFT and headline.revision == 2
        # Changed since the preview: the whole edit is refused, nothing written
        stale = caption_batch.preview_replace(service, "vi", "Nang", "Nẵng")
        service.set_caption(photos["talks"], "vi", CaptionField.HEADLINE, "Hội đàm")
        with pytest.raises(UsageError, match="changed since the preview"):
            caption_batch.apply_changes(service, stale)
        caption = service.captions.get(photos["talks"], "vi", CaptionField.CAPTION)
        assert caption is not None and "Nang" in caption.text
        # A final caption that is changed becomes a draft, as editing it by hand does
        changes = caption_batch.preview_replace(service, "vi", "Hồng", "Hong")
        caption_batch.apply_changes(service, changes)
        river = service.captions.get(photos["river"], "vi", CaptionField.CAPTION)
        assert river is not None and river.status == CaptionStatus.DRAFT
        with pytest.raises(UsageError, match="not one of the project's languages"):
            caption_batch.preview_replace(service, "fr", "a", "b")
    with ProjectService.open(project_path, read_only=True) as service:
        changes = caption_batch.preview_replace(service, "vi", "Nang", "X")
        with pytest.raises(CuratorError, match="read-only"):
            caption_batch.apply_changes(service, changes)


def test_cli_replace_dry_run_then_write(project_path: Path, photos, capsys) -> None:
    base = ["caption", "replace", str(project_path), "--lang", "ru", "--find", "елка"]
    assert run(*base, "--replace", "Ель", "--dry-run", "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["changed"] == 0
    assert data["changes"] == [{"photo_id": photos["snow"], "language": "ru",
                                "field": "caption", "old": "Ёлка на площади. елка",
                                "new": "Ель на площади. Ель"}]  # fmt: skip
    assert run("caption", str(project_path), photos["snow"], "--lang", "ru",
               "--field", "caption") == 0  # fmt: skip
    assert capsys.readouterr().out == "Ёлка на площади. елка\n"  # dry run wrote nothing
    assert run(*base, "--replace", "ель", "--match-case", "--match-accents") == 0
    assert "1 field changed." in capsys.readouterr().out
    assert run("caption", str(project_path), photos["snow"], "--lang", "ru",
               "--field", "caption") == 0  # fmt: skip
    assert capsys.readouterr().out == "Ёлка на площади. ель\n"
    assert run(*base, "--replace", "x", "--field", "headline", "--json") == 0
    assert json.loads(capsys.readouterr().out) == {"changed": 0, "changes": []}
    assert run("caption", "replace", str(project_path), "--lang", "de", "--find", "a",
               "--replace", "b") == 2  # fmt: skip
    assert "not one of the project's languages" in capsys.readouterr().err


def test_templates_fill_variables_per_language(project_path: Path, photos, capsys) -> None:
    path = str(project_path)
    assert run("caption", "templates", path, "--set", "visit", "vi", "caption",
               "Ảnh: {photographer}, {place}, {date}.") == 0  # fmt: skip
    assert run("caption", "templates", path, "--set", "visit", "ru", "headline",
               "Визит {date}") == 0  # fmt: skip
    capsys.readouterr()
    assert run("caption", "templates", path, "--json") == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed == [{"name": "visit", "fields": {
        "vi": {"caption": "Ảnh: {photographer}, {place}, {date}."},
        "ru": {"headline": "Визит {date}"}}}]  # fmt: skip
    assert run("caption", "templates", path, "--set", "bad", "vi", "caption", "{author}") == 2
    assert "Unknown variable {author}" in capsys.readouterr().err
    assert run("caption", "templates", path, "--set", "bad", "fr", "caption", "x") == 2
    capsys.readouterr()

    assert run("caption", "apply-template", path, "visit", photos["snow"], photos["river"],
               "--json") == 0  # fmt: skip
    data = json.loads(capsys.readouterr().out)
    assert data["changed"] == 4
    with ProjectService.open(project_path, read_only=True) as service:
        vi = service.captions.get(photos["snow"], "vi", CaptionField.CAPTION)
        ru = service.captions.get(photos["river"], "ru", CaptionField.HEADLINE)
        assert vi is not None and ru is not None
        assert vi.text.startswith("Ảnh: Tuấn Anh, Hà Nội, Việt Nam, ")
        assert "2024" in vi.text and "tháng 3" in vi.text
        assert ru.text.startswith("Визит 8 марта 2024")
        assert vi.status == CaptionStatus.DRAFT and vi.edited
        # the river's final caption is overwritten as an edit makes it: a draft
        river = service.captions.get(photos["river"], "vi", CaptionField.CAPTION)
        assert river is not None and river.status == CaptionStatus.DRAFT
    assert run("caption", "apply-template", path, "nothing", photos["snow"]) == 2
    assert "no caption template named" in capsys.readouterr().err
    assert run("caption", "templates", path, "--delete", "visit", "--json") == 0
    assert json.loads(capsys.readouterr().out) == []
    # the old form of the caption command is untouched
    assert run("caption", path, photos["talks"], "--lang", "vi", "--field", "headline") == 0
    assert capsys.readouterr().out == "Hội đàm ở Đà Nẵng\n"


def test_the_first_word_after_caption_names_the_command() -> None:
    from curator.cli.caption_commands import route

    assert route(["caption", "replace", "p.curator"]) == ["caption replace", "p.curator"]
    assert route(["--ui-language", "vi", "caption", "templates", "p"]) == [
        "--ui-language", "vi", "caption templates", "p"
    ]  # fmt: skip
    assert route(["--debug", "caption", "apply-template", "p"])[1] == "caption apply-template"
    assert route(["caption", "p.curator", "replace"]) == ["caption", "p.curator", "replace"]
    assert route(["search", "p", "replace"]) == ["search", "p", "replace"]


def test_a_templates_fields_are_one_edit_refused_whole(service: ProjectService) -> None:
    """The window's Save Template: every cell at once; a refused cell keeps the stored one."""
    caption_batch.set_template_fields(
        service,
        "Hội nghị",
        [("vi", CaptionField.HEADLINE, "{place}"), ("en", CaptionField.CREDIT, "TTXVN")],
    )
    refused = [("vi", CaptionField.HEADLINE, ""), ("en", CaptionField.CREDIT, "{nobody}")]
    with pytest.raises(UsageError, match="nobody"):
        caption_batch.set_template_fields(service, "Hội nghị", refused)
    with pytest.raises(UsageError, match="not one of the project's languages"):
        caption_batch.set_template_fields(service, "Hội nghị", [("de", CaptionField.HEADLINE, "")])
    assert caption_batch.templates(service) == {
        "Hội nghị": {"vi": {"headline": "{place}"}, "en": {"credit": "TTXVN"}}
    }
    emptied = [("vi", CaptionField.HEADLINE, ""), ("en", CaptionField.CREDIT, "")]
    assert caption_batch.set_template_fields(service, "Hội nghị", emptied) == {"Hội nghị": {}}

from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from curator.core.errors import NotFoundError, UsageError
from curator.core.model import (
    CaptionField,
    CaptionStatus,
    CatalogueSettings,
    CreditRole,
    GeoPoint,
    GlossaryKind,
    Photo,
)
from curator.core.services import ProjectService


def _photo(service: ProjectService, name: str, hour: int | None = None) -> Photo:
    with service.store.transaction():
        return service.photos.add(
            Photo(
                id="",
                path=Path(f"/photos/{name}"),
                sha256=name * 4,
                width=3000,
                height=2000,
                captured_at=(
                    datetime(2026, 2, 24, hour, tzinfo=timezone(timedelta(hours=7)))
                    if hour is not None
                    else None
                ),
                gps=GeoPoint(21.0245, 105.8412),
                keywords=("TTXVN", "TASS", "TTXVN"),
            )
        )


def test_project_identity_and_language_order(service: ProjectService) -> None:
    project = service.project.get()
    assert project.languages == ("vi", "ru", "en")
    assert project.source_language == "vi"
    assert len(project.uid) == 32


def test_source_language_must_be_a_project_language(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="source language"):
        ProjectService.create(
            tmp_path / "x.curator", title="x", languages=["vi"], source_language="ru"
        )
    assert not (tmp_path / "x.curator").exists()


def test_source_language_can_be_named(tmp_path: Path) -> None:
    with ProjectService.create(
        tmp_path / "x.curator", title="x", languages=["ru", "vi"], source_language="vi"
    ) as service:
        assert service.project.get().source_language == "vi"
        assert service.project.get().languages == ("ru", "vi")


def test_photos_round_trip_in_capture_order(service: ProjectService) -> None:
    late = _photo(service, "b.jpg", hour=16)
    early = _photo(service, "a.jpg", hour=9)
    undated = _photo(service, "c.jpg")
    assert [p.id for p in service.photos.all()] == [early.id, late.id, undated.id]
    stored = service.photos.get(early.id)
    assert stored.captured_at == datetime(2026, 2, 24, 9, tzinfo=timezone(timedelta(hours=7)))
    assert stored.gps == GeoPoint(21.0245, 105.8412)
    assert stored.keywords == ("TTXVN", "TASS")
    assert service.photos.find_by_hash("a.jpg" * 4) == stored
    assert early.id.startswith("p") and len(early.id) == 8


def test_caption_revision_grows_only_on_change(service: ProjectService) -> None:
    photo = _photo(service, "a.jpg")
    first = service.set_caption(photo.id, "vi", CaptionField.CAPTION, "Lễ ký kết")
    assert (first.status, first.revision) == (CaptionStatus.DRAFT, 1)
    same = service.set_caption(photo.id, "vi", CaptionField.CAPTION, "Lễ ký kết")
    assert same.revision == 1
    final = service.set_caption(
        photo.id, "vi", CaptionField.CAPTION, "Lễ ký kết", CaptionStatus.FINAL
    )
    assert final.revision == 2
    cleared = service.set_caption(photo.id, "vi", CaptionField.CAPTION, "  ")
    assert (cleared.status, cleared.revision) == (CaptionStatus.EMPTY, 3)


def test_caption_for_unknown_photo_or_language(service: ProjectService) -> None:
    with pytest.raises(NotFoundError):
        service.set_caption("pnothere", "vi", CaptionField.CAPTION, "x")
    photo = _photo(service, "a.jpg")
    with pytest.raises(UsageError, match="Unknown language"):
        service.set_caption(photo.id, "xx", CaptionField.CAPTION, "x")


def test_status_counts_include_unwritten_fields(service: ProjectService) -> None:
    photo = _photo(service, "a.jpg")
    service.set_caption(photo.id, "vi", CaptionField.HEADLINE, "Hội đàm", CaptionStatus.FINAL)
    service.set_caption(photo.id, "ru", CaptionField.HEADLINE, "Переговоры")
    counts = service.info().counts.captions_by_status
    assert counts == {"empty": 13, "draft": 1, "needs-review": 0, "final": 1}


def test_credits_glossary_and_sections(service: ProjectService) -> None:
    photo = _photo(service, "a.jpg")
    with service.store.transaction():
        credit = service.photos.add_credit(
            photo.id, {"vi": "Tuấn Anh", "ru": "Туан Ань"}, {"vi": "TTXVN"}, CreditRole.PHOTO
        )
        entry = service.glossary.add(
            GlossaryKind.PERSON, {"vi": "Vũ Việt Trang", "ru": "Ву Вьет Чанг", "en": ""}
        )
    assert service.photos.credits(photo.id) == [credit]
    assert entry.terms == {"vi": "Vũ Việt Trang", "ru": "Ву Вьет Чанг"}
    section = service.add_section({"vi": "Hội đàm", "en": "Talks"}, [photo.id])
    assert service.exhibition.sections()[0].title == {"vi": "Hội đàm", "en": "Talks"}
    assert service.exhibition.photo_ids(section.id) == [photo.id]
    with service.store.transaction():
        panel = service.exhibition.add_panel(section.id, 1000, 1500)
        slot = service.exhibition.add_slot(panel.id, photo.id, 20, 20, 960, 640)
    assert service.exhibition.panels(section.id) == [panel]
    assert service.exhibition.slots(panel.id) == [slot]
    info = service.info()
    assert (info.counts.sections, info.counts.panels, info.counts.slots) == (1, 1, 1)
    with pytest.raises(UsageError):
        service.add_section({"vi": "  "})


def test_catalogue_settings_live_in_the_project(service: ProjectService) -> None:
    assert service.project.catalogue_settings() == CatalogueSettings()
    with service.store.transaction():
        service.project.set_catalogue_settings(CatalogueSettings(bleed_mm=5, crop_marks=True))
    assert service.project.catalogue_settings().bleed_mm == 5
    assert service.project.catalogue_settings().crop_marks is True


def test_move_caption_to_another_language_swaps_if_needed(service: ProjectService) -> None:
    photo = _photo(service, "a.jpg")
    service.set_caption(photo.id, "vi", CaptionField.CAPTION, "A meeting in Hanoi")
    left, moved = service.move_caption_language(photo.id, CaptionField.CAPTION, "vi", "en")
    assert (left.text, left.status) == ("", CaptionStatus.EMPTY)
    assert (moved.language, moved.text) == ("en", "A meeting in Hanoi")
    service.set_caption(photo.id, "vi", CaptionField.CAPTION, "Переговоры", CaptionStatus.FINAL)
    left, moved = service.move_caption_language(photo.id, CaptionField.CAPTION, "vi", "en")
    assert (left.language, left.text, left.status) == (
        "vi",
        "A meeting in Hanoi",
        CaptionStatus.DRAFT,
    )
    assert (moved.text, moved.status) == ("Переговоры", CaptionStatus.FINAL)
    with pytest.raises(UsageError):
        service.move_caption_language(photo.id, CaptionField.HEADLINE, "vi", "en")
    with pytest.raises(UsageError):
        service.move_caption_language(photo.id, CaptionField.CAPTION, "en", "en")


def test_glossary_codes_variants_and_forbidden_forms(service: ProjectService) -> None:
    with service.store.transaction():
        entry = service.glossary.add(
            GlossaryKind.PERSON,
            {"vi": "Vũ Việt Trang", "ru": "Ву Вьет Чанг", "en": "Vu Viet Trang"},
            code="vvt",
            variants={"ru": ("Ву Вьет Транг",)},
            forbidden={"en": ("Vu Viet Chang", "Vu Viet Chang"), "ru": ()},
        )
    assert service.glossary.by_code("vvt") == entry
    assert entry.variants == {"ru": ("Ву Вьет Транг",)}
    assert entry.forbidden == {"en": ("Vu Viet Chang",)}
    with service.store.transaction():
        changed = service.glossary.replace(
            replace(entry, kind=GlossaryKind.TITLE, forbidden={}, code="tgd")
        )
    assert changed.kind == GlossaryKind.TITLE and changed.forbidden == {}
    assert service.glossary.by_code("vvt") is None


def test_glossary_keeps_each_persons_surname_per_language(service: ProjectService) -> None:
    with service.store.transaction():
        entry = service.glossary.add(
            GlossaryKind.PERSON,
            {"vi": "Vũ Việt Trang", "ru": "Ву Вьет Чанг", "en": "Vu Viet Trang"},
            surnames={"vi": "Vũ", "ru": "Ву", "en": " Vu ", "fr": ""},
        )
    assert service.glossary.get(entry.id).surnames == {"vi": "Vũ", "ru": "Ву", "en": "Vu"}
    with service.store.transaction():
        changed = service.glossary.replace(replace(entry, surnames={"ru": "Ву"}))
    assert changed.surnames == {"ru": "Ву"}
    with service.store.transaction():
        service.glossary.delete(entry.id)
    rows = service.store.conn.execute("SELECT count(*) FROM glossary_surname").fetchone()
    assert rows[0] == 0

from datetime import datetime, timedelta, timezone
from pathlib import Path

from curator.core.language.generated import CREDIT_TEMPLATES_SETTING, refresh_generated
from curator.core.model import CaptionField, CaptionStatus, CreditRole, GlossaryKind, Photo
from curator.core.services import ProjectService

HANOI = timezone(timedelta(hours=7))


def _photo(service: ProjectService) -> str:
    with service.store.transaction():
        photo = service.photos.add(
            Photo(
                id="",
                path=Path("/p/talks.jpg"),
                sha256="h",
                width=3000,
                height=2000,
                captured_at=datetime(2026, 2, 24, 15, 30, tzinfo=HANOI),
                city="Hà Nội",
                country="Việt Nam",
            )
        )
        service.photos.add_credit(photo.id, {"vi": "Tuấn Anh"}, {"vi": "TTXVN"}, CreditRole.PHOTO)
    return photo.id


def _texts(
    service: ProjectService, photo_id: str, field: CaptionField
) -> dict[str, tuple[str, str]]:
    return {
        c.language: (c.text, c.status.value)
        for c in service.captions.for_photo(photo_id)
        if c.field == field
    }


def test_place_date_and_credit_in_every_language(service: ProjectService) -> None:
    with service.store.transaction():
        service.glossary.add(GlossaryKind.ORGANISATION, {"vi": "TTXVN", "ru": "ВИА", "en": "VNA"})
        service.glossary.add(GlossaryKind.PLACE, {"vi": "Hà Nội", "ru": "Ханой", "en": "Hanoi"})
        service.glossary.add(
            GlossaryKind.PLACE, {"vi": "Việt Nam", "ru": "Вьетнам", "en": "Vietnam"}
        )
    photo_id = _photo(service)
    assert refresh_generated(service, [photo_id]) == 9
    credit = _texts(service, photo_id, CaptionField.CREDIT)
    assert credit["vi"] == ("Ảnh: Tuấn Anh/TTXVN", "draft")
    assert credit["ru"] == ("Фото: Туан Ань/ВИА", "needs-review")  # the name by rule
    assert credit["en"] == ("Photo: Tuan Anh/VNA", "needs-review")
    place = _texts(service, photo_id, CaptionField.PLACE)
    assert place["ru"] == ("Ханой, Вьетнам", "draft")
    assert place["en"] == ("Hanoi, Vietnam", "draft")
    date = _texts(service, photo_id, CaptionField.DATE)
    assert date["en"][0] == "February 24, 2026"
    assert date["ru"][0].startswith("24 февраля 2026")


def test_generated_fields_follow_the_data_until_edited(service: ProjectService) -> None:
    photo_id = _photo(service)
    refresh_generated(service, [photo_id])
    service.set_caption(photo_id, "en", CaptionField.CREDIT, "Photo: Tuan Anh (VNA)")
    with service.store.transaction():
        service.glossary.add(
            GlossaryKind.PERSON, {"vi": "Tuấn Anh", "ru": "Туан Ань", "en": "Tuan Anh"}
        )
        service.project.set_setting(
            CREDIT_TEMPLATES_SETTING, {"ru": "Фото {photographer} ({agency})"}
        )
    refresh_generated(service)
    credit = _texts(service, photo_id, CaptionField.CREDIT)
    assert credit["ru"][0] == "Фото Туан Ань (TTXVN)"  # the new template, the glossary's name
    assert credit["en"] == ("Photo: Tuan Anh (VNA)", "draft")  # edited: kept as written
    assert service.captions.get(photo_id, "en", CaptionField.CREDIT).edited
    assert not service.captions.get(photo_id, "ru", CaptionField.CREDIT).edited
    assert refresh_generated(service) == 0  # nothing moves when nothing changed
    assert service.captions.get(photo_id, "vi", CaptionField.DATE).status == CaptionStatus.DRAFT


def test_regenerating_names_the_fields_it_wrote_with_their_values(service: ProjectService) -> None:
    photo_id = _photo(service)
    changes = service.operations.captions.regenerate([photo_id])
    assert changes.regenerated and changes.photos == {photo_id}
    credit = [c for c in changes.captions if c.field == CaptionField.CREDIT and c.language == "vi"]
    assert [(c.before.text, c.after.text, c.after.edited) for c in credit] == [
        ("", "Ảnh: Tuấn Anh/TTXVN", False)
    ]
    assert service.operations.captions.regenerate().empty  # nothing moves: nothing named

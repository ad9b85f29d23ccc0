"""File names, IIM cuts and the metadata plan of a delivery (the domain, no files written)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from curator.core.delivery_planning.iim import DATASETS, IimPolicy, cut_to_bytes
from curator.core.delivery_planning.naming import (
    DEFAULT_PATTERN,
    NameAllocator,
    NameFields,
    ascii_fold,
    check_pattern,
    expand_pattern,
    safe_stem,
)
from curator.core.delivery_planning.plan import country_code_of, delivery_order, plan_delivery
from curator.core.delivery_planning.settings import resolve_options, save_options, stored_options
from curator.core.errors import UsageError
from curator.core.model import CaptionField, CreditRole, Photo
from curator.core.services import CaptionEdit, ProjectService

HANOI = timezone(timedelta(hours=7))


def fields(photographer: str = "Tuấn Anh", **changes: object) -> NameFields:
    values: dict[str, object] = {
        "section": 1,
        "order": 3,
        "n": 3,
        "photographer": photographer,
        "id": "p1",
        "original": "IMG_0001",
        "date": date(2026, 2, 24),
    }
    values.update(changes)
    return NameFields(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Tuấn Anh", "01-003-Tuan-Anh"),
        ("Đặng Đức Thọ", "01-003-Dang-Duc-Tho"),
        ("Михаил Терещенко", "01-003-Mikhail-Tereshchenko"),
        ("Łukasz Żółć", "01-003-Lukasz-Zolc"),
        ("Photographerís Mate (AW)", "01-003-Photographeris-Mate-AW"),
        ("", "01-003"),
    ],
)
def test_default_pattern_folds_names_to_ascii(name: str, expected: str) -> None:
    assert expand_pattern(DEFAULT_PATTERN, fields(name)) == expected


def test_other_fields_and_format_specs() -> None:
    assert expand_pattern("{date:%Y%m%d}_{original}_{id}", fields()) == "20260224_IMG_0001_p1"
    assert expand_pattern("{date}", fields()) == "2026-02-24"
    assert expand_pattern("{n:04}-{date}", fields(date=None)) == "0003"
    assert expand_pattern("{photographer}", fields(), fold=False) == "Tuấn-Anh"


def test_bad_patterns_are_refused_with_the_reason() -> None:
    with pytest.raises(UsageError, match="unknown field “author”"):
        check_pattern("{section}-{author}")
    with pytest.raises(UsageError, match="not valid"):
        check_pattern("{section")
    with pytest.raises(UsageError, match="not valid"):
        check_pattern("{photographer:d}")


def test_names_are_safe_on_windows_macos_and_linux() -> None:
    assert safe_stem("CON") == "CON_"
    assert safe_stem("lpt1") == "lpt1_"
    assert safe_stem("com¹") == "com¹_"
    assert safe_stem('a<b>c:d"e/f\\g|h?i*j') == "a-b-c-d-e-f-g-h-i-j"
    assert safe_stem(" .hidden. ") == "hidden"
    assert safe_stem("tab\there\x00") == "tab-here"
    long = safe_stem("Đ" * 200)
    assert len(long.encode("utf-8")) <= 100
    assert long == "Đ" * 50
    # A stem cut inside a letter with combining marks drops the letter.
    assert safe_stem("a" * 99 + "e\u0301") == "a" * 99


def test_names_never_collide_even_on_case_insensitive_disks() -> None:
    names = NameAllocator(taken=["01-001-Tuan-Anh.JPG"])
    assert names.allocate("01-001-Tuan-Anh", ".jpg") == "01-001-Tuan-Anh-2.jpg"
    assert names.allocate("01-001-tuan-anh", ".jpg") == "01-001-tuan-anh-3.jpg"
    assert names.allocate("Tuấn", ".jpg") == "Tuấn.jpg"
    assert names.allocate("Tua\u0301\u0302n".replace("a\u0301\u0302", "ấ"), ".jpg") == "Tuấn-2.jpg"


def test_ascii_fold() -> None:
    assert ascii_fold("Tuấn Anh") == "Tuan Anh"
    assert ascii_fold("Hà Nội, Việt Nam") == "Ha Noi, Viet Nam"
    assert ascii_fold("Андрей Кондрашов") == "Andrey Kondrashov"
    assert ascii_fold("北京") == ""


def test_iim_cut_at_a_character_boundary() -> None:
    text = "Hà Nội " * 10
    cut = cut_to_bytes(text, 32)
    assert len(cut.encode("utf-8")) <= 32
    assert text.startswith(cut)
    assert cut_to_bytes("ấấấ", 7) == "ấấ"  # 3 bytes each: never half a letter
    assert cut_to_bytes("ok", 32) == "ok"
    decomposed = "e\u0301" * 4  # a letter and its mark stay together
    assert cut_to_bytes(decomposed, 4) == "e\u0301"
    assert DATASETS["caption"].limit == 2000
    assert DATASETS["city"].limit == 32


def test_country_codes_from_names_in_any_project_language() -> None:
    assert country_code_of(["Việt Nam"], ["vi"]) == "VN"
    assert country_code_of(["Россия"], ["ru"]) == "RU"
    assert country_code_of(["Vietnam"], ["vi"]) == "VN"  # English is always tried
    assert country_code_of(["Atlantis"], ["en"]) is None


def _photo(service: ProjectService, name: str, captured: datetime | None, **extra: object) -> Photo:
    photo = Photo(
        id="",
        path=Path("/photos") / name,
        sha256=name * 4,
        width=100,
        height=80,
        captured_at=captured,
        **extra,  # type: ignore[arg-type]
    )
    with service.store.transaction():
        return service.photos.add(photo)


def test_order_sections_then_unplaced_by_capture_time(service: ProjectService) -> None:
    late = _photo(service, "late.jpg", datetime(2026, 2, 25, 9, 0))
    undated = _photo(service, "undated.jpg", None)
    early = _photo(service, "early.jpg", datetime(2026, 2, 24, 9, 0, tzinfo=HANOI))
    placed = _photo(service, "placed.jpg", datetime(2020, 1, 1))
    section = service.add_section({"vi": "Một"}, [placed.id])
    groups = delivery_order(service)
    assert [(n, sid, [p.id for p in ps]) for n, sid, ps in groups] == [
        (1, section.id, [placed.id]),
        (0, None, [early.id, late.id, undated.id]),
    ]
    assert [(n, [p.id for p in ps]) for n, _sid, ps in delivery_order(service, section.id)] == [
        (1, [placed.id])
    ]


def _captioned(service: ProjectService) -> Photo:
    photo = _photo(
        service,
        "talks.jpg",
        datetime(2026, 2, 24, 15, 5, tzinfo=HANOI),
        byline="Tuấn Anh/TTXVN",
        copyright="© TTXVN",
        city="Hà Nội",
        country="Việt Nam",
        sublocation="Trung tâm Thông tấn Quốc gia, số 5 Lý Thường Kiệt",
    )
    with service.store.transaction():
        service.photos.add_credit(
            photo.id, {"vi": "Tuấn Anh", "ru": "Туан Ань"}, {"vi": "TTXVN"}, CreditRole.PHOTO
        )
    long_vi = "Tổng Giám đốc TTXVN Vũ Việt Trang hội đàm. " * 60
    service.set_captions(
        [
            CaptionEdit(photo.id, "vi", CaptionField.CAPTION, long_vi),
            CaptionEdit(photo.id, "ru", CaptionField.CAPTION, "Переговоры ВИА и ТАСС."),
            CaptionEdit(photo.id, "en", CaptionField.CAPTION, "VNA and TASS hold talks."),
            CaptionEdit(photo.id, "vi", CaptionField.HEADLINE, "TTXVN và TASS hội đàm"),
            CaptionEdit(photo.id, "en", CaptionField.HEADLINE, "VNA and TASS talks"),
            CaptionEdit(photo.id, "en", CaptionField.CREDIT, "Photo: Tuan Anh/VNA"),
            CaptionEdit(photo.id, "vi", CaptionField.CREDIT, "Ảnh: Tuấn Anh/TTXVN"),
        ]
    )
    return photo


def test_plan_writes_every_language_with_the_named_main_language(service: ProjectService) -> None:
    photo = _captioned(service)
    options = resolve_options(service, main_language="en")
    [item] = plan_delivery(service, options)
    plan = item.metadata
    assert item.name == "00-001-Tuan-Anh.jpg"  # the photographer as English writes him
    assert plan.description.values["ru"] == "Переговоры ВИА и ТАСС."
    assert plan.description.default == "VNA and TASS hold talks."
    assert plan.title.default == "VNA and TASS talks"
    assert plan.title.remove == ("ru",)  # no Russian headline: an old one is taken out
    assert plan.headline == "VNA and TASS talks"
    assert plan.credit == "Photo: Tuan Anh/VNA"
    assert plan.creators == ("Tuan Anh",)
    assert plan.rights == "© TTXVN"
    assert plan.date_created == photo.captured_at
    assert plan.city == "Hanoi" or plan.city == "Ha Noi"
    assert plan.country_code == "VN"
    assert plan.iim_policy is IimPolicy.ALWAYS


def test_iim_values_are_the_main_language_cut_to_their_limits(service: ProjectService) -> None:
    _captioned(service)
    [item] = plan_delivery(service, resolve_options(service, main_language="vi"))
    iim = {value.name: value for value in item.metadata.iim}
    caption = iim["caption"].values[0]
    assert len(caption.encode("utf-8")) <= 2000
    assert item.metadata.description.default.startswith(caption)
    assert len(item.metadata.description.default) > len(caption)  # XMP keeps it all
    assert iim["caption"].cut and iim["sublocation"].cut
    assert not iim["city"].cut
    assert set(item.metadata.iim_cut) == {"caption", "sublocation"}


def test_main_language_without_text_falls_back_with_a_note(service: ProjectService) -> None:
    photo = _photo(service, "a.jpg", None)
    service.set_caption(photo.id, "ru", CaptionField.CAPTION, "Только по-русски")
    [item] = plan_delivery(service, resolve_options(service, main_language="vi"))
    assert item.metadata.description.default == "Только по-русски"
    assert any("x-default" in note for note in item.metadata.notes)


def test_options_are_checked_and_kept_in_the_project(service: ProjectService) -> None:
    with pytest.raises(UsageError, match="“de” is not one of the project's languages"):
        resolve_options(service, languages=["vi", "de"])
    with pytest.raises(UsageError, match="main language “en”"):
        resolve_options(service, languages=["vi", "ru"], main_language="en")
    with pytest.raises(UsageError, match="IIM policy"):
        resolve_options(service, iim="sometimes")
    with pytest.raises(UsageError, match="at least 16"):
        resolve_options(service, long_edge=3)
    options = resolve_options(
        service, languages=["ru", "en"], main_language="en", iim="never", long_edge=2000
    )
    save_options(service, options)
    assert stored_options(service) == options
    again = resolve_options(service, long_edge=0)
    assert again.long_edge is None and again.main_language == "en"
    assert again.languages == ("ru", "en")

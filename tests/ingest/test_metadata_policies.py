"""Policies of the metadata layer: languages, capture time, code pages, boilerplate, merge."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from curator.ingest.metadata.fields import DateCandidate, SourceFields, camera_name
from curator.ingest.metadata.languages import resolve_caption_languages, script_language
from curator.ingest.metadata.mapping import choose_capture_time, merge
from curator.ingest.metadata.text import guess_codec, is_boilerplate
from curator.ingest.metadata.types import LangText
from curator.ingest.metadata.xmp import language_tag

PLUS_ONE = timezone(timedelta(hours=1))


def test_untagged_text_takes_its_twins_language() -> None:
    default = LangText("Xe tăng tiến vào", None, "xmp")
    vi = LangText("Xe tăng tiến vào", "vi", "xmp")
    ru = LangText("Танки входят", "ru", "xmp")
    assert resolve_caption_languages([default, vi, ru], "en") == [("vi", default), ("ru", ru)]


def test_untagged_text_language_from_script_then_fallback() -> None:
    texts = [
        LangText("Парад Победы", None, "iptc"),
        LangText("Lễ duyệt binh", None, "exif"),
        LangText("Victory parade", None, "exif"),
        LangText("Another English text", None, "exif"),
    ]
    resolved = resolve_caption_languages(texts, "en")
    assert [(lang, t.text) for lang, t in resolved] == [
        ("ru", "Парад Победы"),
        ("vi", "Lễ duyệt binh"),
        ("en", "Victory parade"),
    ]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Hà Nội", "vi"),
        ("Bên sông", "vi"),
        ("Đà Nẵng", "vi"),
        ("Côte d'Ivoire delegation arrives in the capital", None),
        ("Москва", "ru"),
        ("Moscow", None),
    ],
)
def test_script_language(text: str, language: str | None) -> None:
    assert script_language(text) == language


@pytest.mark.parametrize(
    ("lang", "tag"),
    [("x-default", None), ("vi", "vi"), ("en_us", "en-US"), ("zh-hans-cn", "zh-Hans-CN")],
)
def test_language_tags_are_bcp47(lang: str, tag: str | None) -> None:
    assert language_tag(lang) == tag


def _candidate(value: datetime, field: str, has_time: bool = True) -> DateCandidate:
    return DateCandidate(value, has_time, field)


def test_capture_time_date_only_takes_the_time_of_the_same_day() -> None:
    chosen = choose_capture_time(
        [
            _candidate(datetime(2004, 6, 21), "xmp:photoshop:DateCreated", has_time=False),
            _candidate(datetime(2004, 6, 21, 0, 0, tzinfo=UTC), "iptc:DateCreated"),
            _candidate(datetime(2004, 6, 21, 23, 37, 53), "exif:DateTimeOriginal"),
        ]
    )
    assert chosen == datetime(2004, 6, 21, 23, 37, 53)


def test_capture_time_borrows_the_offset_of_the_same_moment() -> None:
    chosen = choose_capture_time(
        [
            _candidate(datetime(2010, 12, 12, 12, 41, 35), "exif:DateTimeOriginal"),
            _candidate(datetime(2010, 12, 12, 12, 41, 35, tzinfo=PLUS_ONE), "xmp:CreateDate"),
        ]
    )
    assert chosen == datetime(2010, 12, 12, 12, 41, 35, tzinfo=PLUS_ONE)


def test_capture_time_editorial_date_wins_over_a_scan_date() -> None:
    chosen = choose_capture_time(
        [
            _candidate(datetime(1975, 4, 30), "iptc:DateCreated", has_time=False),
            _candidate(datetime(2019, 3, 2, 14, 0), "exif:DateTimeOriginal"),
        ]
    )
    assert chosen == datetime(1975, 4, 30)


def test_capture_time_a_stale_typed_date_does_not_invent_midnight() -> None:
    # exiftool's GPS.jpg: IIM says 2002-06-20 with no time, the camera 2002-07-13 15:58:28.
    chosen = choose_capture_time(
        [
            _candidate(datetime(2002, 6, 20), "iptc:DateCreated", has_time=False),
            _candidate(datetime(2002, 7, 13, 15, 58, 28), "exif:DateTimeOriginal"),
        ]
    )
    assert chosen == datetime(2002, 7, 13, 15, 58, 28)


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("Фото ТАСС".encode("cp1251"), "cp1251"),
        ("Мир".encode("cp1251"), "cp1251"),
        ("Navy’s".encode("cp1252"), "cp1252"),
        ("São Paulo, não".encode("cp1252"), "cp1252"),
        ("Việt".encode(), "utf-8"),
        (b"plain", "utf-8"),
    ],
)
def test_guess_codec(text: bytes, codec: str) -> None:
    assert guess_codec(text) == codec


@pytest.mark.parametrize(
    ("text", "make", "boilerplate"),
    [
        ("OLYMPUS DIGITAL CAMERA         ", None, True),
        ("SONY DSC", None, True),
        ("   ", None, True),
        ("---", None, True),
        ("SAMSUNG            ", "SAMSUNG", True),
        ("Sony workers at the Hanoi plant", "Sony", False),
        ("Cầu Long Biên", None, False),
    ],
)
def test_camera_boilerplate(text: str, make: str | None, boilerplate: bool) -> None:
    assert is_boilerplate(text, make) is boilerplate


@pytest.mark.parametrize(
    ("make", "model", "camera"),
    [
        ("Canon", "Canon EOS 7D", "Canon EOS 7D"),
        ("NIKON CORPORATION", "NIKON D70", "NIKON D70"),
        ("EASTMAN KODAK COMPANY", "KODAK DX4330", "KODAK DX4330"),
        ("FUJIFILM", "FinePixS1Pro", "FUJIFILM FinePixS1Pro"),
        ("Apple\x00", "  iPhone 6 ", "Apple iPhone 6"),
        ("FLIR Systems AB", "", "FLIR Systems AB"),
        (None, None, None),
    ],
)
def test_camera_name(make: str | None, model: str | None, camera: str | None) -> None:
    assert camera_name(make, model) == camera


def test_merge_priorities_and_description_dedup() -> None:
    sidecar = SourceFields("xmp-sidecar", city="Huế")
    xmp = SourceFields(
        "xmp",
        city="Hà Nội",
        orientation=1,
        descriptions=[LangText("Cầu  Long Biên", "vi", "xmp")],
        keywords=["Hà Nội", "hà nội", "cầu"],
    )
    iptc = SourceFields(
        "iptc",
        city="Hanoi",
        credit="TTXVN",
        descriptions=[LangText("Cầu Long Biên", None, "iptc")],
    )
    exif = SourceFields(
        "exif",
        orientation=8,
        width=4000,
        height=3000,
        descriptions=[LangText("Long Bien bridge", None, "exif")],
    )
    sources = {"xmp-sidecar": sidecar, "xmp": xmp, "iptc": iptc, "exif": exif}
    merged = merge(sources, (400, 300))
    assert merged.city == "Huế"
    assert merged.credit == "TTXVN"
    assert merged.orientation == 8  # EXIF wins: viewers apply it
    assert (merged.width, merged.height) == (400, 300)  # the image, not EXIF
    assert merged.keywords == ("Hà Nội", "cầu")
    assert [d.text for d in merged.descriptions] == ["Cầu  Long Biên", "Long Bien bridge"]
    # The IIM is newer than the XMP (stale Photoshop digest): it wins its fields.
    assert merge(sources, None, iim_is_newer=True).city == "Huế"
    assert merge({"xmp": xmp, "iptc": iptc}, None, iim_is_newer=True).city == "Hanoi"

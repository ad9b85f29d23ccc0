"""EXIF, IPTC IIM and XMP reading on small files built here with Pillow and by hand."""

from __future__ import annotations

import struct
import unicodedata
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from PIL import Image
from PIL.PngImagePlugin import PngInfo

from curator.ingest.metadata.exif import user_comment
from curator.ingest.metadata.mapping import read_metadata
from curator.ingest.metadata.types import LangText

ICT = timezone(timedelta(hours=7))


# --- building files --------------------------------------------------------------------


def _jpeg(path: Path, exif: Image.Exif | None = None) -> bytes:
    image = Image.new("RGB", (12, 8), "navy")
    if exif is not None:
        image.save(path, exif=exif.tobytes())
    else:
        image.save(path)
    return path.read_bytes()


def _segment(marker: int, payload: bytes) -> bytes:
    return struct.pack(">BBH", 0xFF, marker, len(payload) + 2) + payload


def _insert_segments(path: Path, *segments: bytes) -> None:
    data = path.read_bytes()
    path.write_bytes(data[:2] + b"".join(segments) + data[2:])


def dataset(number: int, value: bytes, record: int = 2) -> bytes:
    return struct.pack(">BBBH", 0x1C, record, number, len(value)) + value


def app13(iim: bytes) -> bytes:
    resource = b"8BIM" + struct.pack(">HH", 0x0404, 0) + struct.pack(">I", len(iim)) + iim
    if len(iim) % 2:
        resource += b"\x00"
    return _segment(0xED, b"Photoshop 3.0\x00" + resource)


def app1_xmp(packet: str) -> bytes:
    return _segment(0xE1, b"http://ns.adobe.com/xap/1.0/\x00" + packet.encode("utf-8"))


def cp1258(text: str) -> bytes:
    """Vietnamese in cp1258: precomposed base letters, tone marks as combining characters."""
    out = b""
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        base, *marks = unicodedata.normalize("NFD", char)
        tones = "".join(m for m in marks if m in "\u0300\u0301\u0303\u0309\u0323")
        rest = "".join(m for m in marks if m not in tones)
        out += unicodedata.normalize("NFC", base + rest).encode("cp1258") + tones.encode("cp1258")
    return out


def xmp_packet(body: str, extra_ns: str = "") -> str:
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about=""'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"'
        ' xmlns:xmp="http://ns.adobe.com/xap/1.0/"'
        ' xmlns:exif="http://ns.adobe.com/exif/1.0/"'
        ' xmlns:tiff="http://ns.adobe.com/tiff/1.0/"'
        ' xmlns:Iptc4xmpCore="http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/"'
        f"{extra_ns}{body}</rdf:Description></rdf:RDF></x:xmpmeta>"
        '<?xpacket end="w"?>'
    )


LANG_ALT_BODY = (
    ' photoshop:City="Hà Nội" xmp:Rating="4" xmp:Label="Chọn"'
    ' photoshop:DateCreated="1975-04-30T11:30:00+07:00">'
    "<dc:description><rdf:Alt>"
    '<rdf:li xml:lang="x-default">Xe tăng tiến vào Dinh Độc Lập</rdf:li>'
    '<rdf:li xml:lang="vi">Xe tăng tiến vào Dinh Độc Lập</rdf:li>'
    '<rdf:li xml:lang="ru">Танки входят во Дворец Независимости</rdf:li>'
    '<rdf:li xml:lang="en_us">Tanks enter Independence Palace</rdf:li>'
    "</rdf:Alt></dc:description>"
    "<dc:creator><rdf:Seq><rdf:li>Trần Mai Hưởng</rdf:li><rdf:li>TTXVN</rdf:li></rdf:Seq>"
    "</dc:creator>"
    "<dc:subject><rdf:Bag><rdf:li>Sài Gòn</rdf:li><rdf:li>1975</rdf:li>"
    "<rdf:li>sài gòn</rdf:li></rdf:Bag></dc:subject>"
    "<exif:GPSLatitude>10,46.62N</exif:GPSLatitude>"
    "<exif:GPSLongitude>106,41,43.2E</exif:GPSLongitude>"
)


# --- EXIF --------------------------------------------------------------------------------


def test_exif_time_offset_gps_camera_and_unicode_user_comment(tmp_path: Path) -> None:
    exif = Image.Exif()
    exif[0x010F] = "Canon"
    exif[0x0110] = "Canon EOS 7D"
    exif[0x0112] = 6
    exif[0x010E] = "OLYMPUS DIGITAL CAMERA"
    sub = exif.get_ifd(0x8769)
    sub[0x9003] = "2024:04:30 10:15:00"
    sub[0x9011] = "+07:00"
    sub[0x9291] = "25"
    sub[0x9286] = b"UNICODE\x00" + "Hà Nội mùa thu".encode("utf-16-le")
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (21.0, 1.0, 28.2)
    gps[3] = "W"
    gps[4] = (105.0, 51.0, 7.2)
    path = tmp_path / "exif.jpg"
    _jpeg(path, exif)

    metadata = read_metadata(path)

    assert metadata.captured_at == datetime(2024, 4, 30, 10, 15, 0, 250000, tzinfo=ICT)
    assert metadata.camera == "Canon EOS 7D"
    assert metadata.orientation == 6
    assert metadata.gps is not None
    assert metadata.gps.lat == pytest.approx(21 + 1 / 60 + 28.2 / 3600)
    assert metadata.gps.lon == pytest.approx(-(105 + 51 / 60 + 7.2 / 3600))
    # The boilerplate ImageDescription is gone; the UserComment is a caption.
    assert metadata.descriptions == (LangText("Hà Nội mùa thu", None, "exif"),)
    assert (metadata.width, metadata.height) == (12, 8)
    assert metadata.problems == ()


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        (b"ASCII\x00\x00\x00Hello  ", "Hello"),
        (b"ASCII\x00\x00\x00" + "Việt".encode(), "Việt"),
        (b"UNICODE\x00" + "Москва".encode("utf-16-be"), "Москва"),
        (b"JIS\x00\x00\x00\x00\x00" + "東京".encode("shift_jis"), "東京"),
        (b"\x00" * 8 + b"caf\xe9", "café"),
        (b"\x00" * 40, None),
        (b"plain text without prefix", "plain text without prefix"),
    ],
)
def test_user_comment_prefixes(raw: bytes, text: str | None) -> None:
    assert user_comment(raw) == text


def test_corrupt_exif_is_a_problem_not_an_exception(tmp_path: Path) -> None:
    path = tmp_path / "bad.jpg"
    _jpeg(path)
    _insert_segments(path, _segment(0xE1, b"Exif\x00\x00MM\x00*\x00\x00\xff\xf0garbage"))
    metadata = read_metadata(path)
    assert [p.code for p in metadata.problems] == ["corrupt-exif"]
    assert (metadata.width, metadata.height) == (12, 8)


# --- IPTC IIM ----------------------------------------------------------------------------


def _iptc_jpeg(tmp_path: Path, iim: bytes) -> Path:
    path = tmp_path / "iptc.jpg"
    _jpeg(path)
    _insert_segments(path, app13(iim))
    return path


def test_iptc_without_charset_in_cp1251_is_russian(tmp_path: Path) -> None:
    iim = (
        dataset(0, b"\x00\x04")
        + dataset(80, "Валерий Шарифулин".encode("cp1251"))
        + dataset(110, "Фото ТАСС".encode("cp1251"))
        + dataset(120, "Москва. Парад на Красной площади".encode("cp1251"))
        + dataset(90, "Москва".encode("cp1251"))
        + dataset(25, "парад".encode("cp1251"))
        + dataset(25, "Москва".encode("cp1251"))
    )
    metadata = read_metadata(_iptc_jpeg(tmp_path, iim))
    assert metadata.byline == ("Валерий Шарифулин",)
    assert metadata.credit == "Фото ТАСС"
    assert metadata.city == "Москва"
    assert metadata.keywords == ("парад", "Москва")
    assert metadata.descriptions[0].text == "Москва. Парад на Красной площади"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "The Navy’s newest carrier – Straße".encode("cp1252"),
            "The Navy’s newest carrier – Straße",
        ),
        (cp1258("Hà Nội: Lễ duyệt binh mừng Quốc khánh"), "Hà Nội: Lễ duyệt binh mừng Quốc khánh"),
    ],
)
def test_iptc_without_charset_in_western_and_vietnamese_code_pages(
    tmp_path: Path, raw: bytes, expected: str
) -> None:
    metadata = read_metadata(_iptc_jpeg(tmp_path, dataset(120, raw)))
    assert metadata.descriptions == (LangText(expected, None, "iptc"),)


def test_iptc_with_utf8_charset_and_date_time(tmp_path: Path) -> None:
    iim = (
        dataset(90, b"\x1b%G", record=1)
        + dataset(105, "Giải phóng miền Nam".encode())
        + dataset(120, unicodedata.normalize("NFD", "Thống nhất đất nước").encode())
        + dataset(92, "Dinh Độc Lập".encode())
        + dataset(101, "Việt Nam".encode())
        + dataset(115, b"TTXVN")
        + dataset(116, "© TTXVN".encode())
        + dataset(55, b"19750430")
        + dataset(60, b"113000+0700")
    )
    metadata = read_metadata(_iptc_jpeg(tmp_path, iim))
    assert metadata.headlines == (LangText("Giải phóng miền Nam", None, "iptc"),)
    assert metadata.descriptions[0].text == "Thống nhất đất nước"  # NFC
    assert metadata.sublocation == "Dinh Độc Lập"
    assert metadata.country == "Việt Nam"
    assert (metadata.source, metadata.copyright) == ("TTXVN", "© TTXVN")
    assert metadata.captured_at == datetime(1975, 4, 30, 11, 30, tzinfo=ICT)


def test_truncated_iptc_keeps_what_came_before(tmp_path: Path) -> None:
    iim = dataset(90, b"Hue") + b"\x1c\x02\x78\x00\xff" + b"short"
    metadata = read_metadata(_iptc_jpeg(tmp_path, iim))
    assert metadata.city == "Hue"
    assert [p.code for p in metadata.problems] == ["corrupt-iptc"]


# --- XMP ---------------------------------------------------------------------------------


def test_xmp_lang_alt_arrays_attributes_and_sidecar_override(tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    _jpeg(path)
    _insert_segments(path, app1_xmp(xmp_packet(LANG_ALT_BODY)))
    sidecar = xmp_packet(' photoshop:City="Thành phố Hồ Chí Minh" xmp:Rating="5">')
    (tmp_path / "photo.XMP").write_text(sidecar, encoding="utf-8")

    metadata = read_metadata(path)

    assert metadata.city == "Thành phố Hồ Chí Minh"  # the sidecar wins this field
    assert metadata.rating == 5
    assert metadata.label == "Chọn"  # the sidecar is silent: embedded XMP stays
    assert metadata.byline == ("Trần Mai Hưởng", "TTXVN")
    assert metadata.keywords == ("Sài Gòn", "1975")
    assert metadata.captured_at == datetime(1975, 4, 30, 11, 30, tzinfo=ICT)
    assert metadata.gps is not None
    assert metadata.gps.lat == pytest.approx(10 + 46.62 / 60)
    assert metadata.gps.lon == pytest.approx(106 + 41 / 60 + 43.2 / 3600)
    assert [(d.language, d.text) for d in metadata.descriptions] == [
        (None, "Xe tăng tiến vào Dinh Độc Lập"),
        ("vi", "Xe tăng tiến vào Dinh Độc Lập"),
        ("ru", "Танки входят во Дворец Независимости"),
        ("en-US", "Tanks enter Independence Palace"),
    ]


def test_darktable_sidecar_is_preferred_to_lightroom_one(tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    _jpeg(path)
    (tmp_path / "photo.xmp").write_text(xmp_packet(' photoshop:City="Huế">'), "utf-8")
    (tmp_path / "photo.jpg.xmp").write_text(xmp_packet(' photoshop:City="Đà Nẵng">'), "utf-8")
    assert read_metadata(path).city == "Đà Nẵng"


def test_xmp_with_entities_is_refused_as_unsafe(tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    _jpeg(path)
    packet = '<!DOCTYPE x [<!ENTITY boom "BOOM">]>' + xmp_packet(' photoshop:City="&boom;">')
    _insert_segments(path, app1_xmp(packet))
    metadata = read_metadata(path)
    assert metadata.city is None
    assert [p.code for p in metadata.problems] == ["unsafe-xmp"]


def test_malformed_xmp_and_sidecar_are_problems(tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    _jpeg(path)
    _insert_segments(path, app1_xmp(xmp_packet(' photoshop:City="Huế">')[:-60]))
    (tmp_path / "photo.xmp").write_text("<x:xmpmeta><rdf:RDF>", "utf-8")
    codes = sorted(p.code for p in read_metadata(path).problems)
    assert codes == ["corrupt-sidecar", "corrupt-xmp"]


def test_png_itxt_xmp(tmp_path: Path) -> None:
    info = PngInfo()
    info.add_itxt("XML:com.adobe.xmp", xmp_packet(LANG_ALT_BODY), zip=True)
    path = tmp_path / "photo.png"
    Image.new("RGB", (5, 3)).save(path, pnginfo=info)
    metadata = read_metadata(path)
    assert metadata.city == "Hà Nội"
    assert (metadata.width, metadata.height) == (5, 3)


def test_headline_wins_over_title_and_slug_titles_are_not_headlines(tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    _jpeg(path)
    title = '<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{}</rdf:li></rdf:Alt></dc:title>'
    _insert_segments(path, app1_xmp(xmp_packet(">" + title.format("040621-N-6536T-062"))))
    assert read_metadata(path).headlines == ()
    path.unlink()
    _jpeg(path)
    body = ' photoshop:Headline="Chiến thắng">' + title.format("Ngày thống nhất")
    _insert_segments(path, app1_xmp(xmp_packet(body)))
    assert read_metadata(path).headlines == (LangText("Chiến thắng", None, "xmp"),)


def test_unreadable_bytes_never_raise(tmp_path: Path) -> None:
    path = tmp_path / "noise.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe1\x00\x10Exif\x00\x00II*\x00" + bytes(range(256)) * 4)
    metadata = read_metadata(path)
    assert metadata.width is None

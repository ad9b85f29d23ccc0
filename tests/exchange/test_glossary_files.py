"""Glossary files: CSV and TBX written, read back, and hostile or malformed input refused."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from curator.core.errors import UsageError
from curator.core.language.glossary_import import GlossaryDraft
from curator.core.model import GlossaryEntry, GlossaryKind
from curator.exchange import (
    MAX_CELL_CHARS,
    glossary_format,
    ordered_languages,
    read_glossary,
    write_glossary,
)
from curator.exchange.glossary_csv import glossary_csv_bytes, parse_glossary_csv
from curator.exchange.glossary_tbx import glossary_tbx_bytes, parse_glossary_tbx

ENTRIES = [
    GlossaryEntry(
        1,
        GlossaryKind.PERSON,
        {"vi": "Vũ Việt Trang", "ru": "Ву Вьет Чанг", "en": "Vu Viet Trang"},
        note="Tổng Giám đốc TTXVN",
        code="tbt",
        forbidden={"ru": ("Ву Вьет Транг",), "en": ("Vu Viet Chang",)},
    ),
    GlossaryEntry(
        2,
        GlossaryKind.PERSON,
        {"ru": "Андрей Кондрашов", "en": "Andrey Kondrashov"},
        code="kondrashov",
        variants={"en": ("Andrei Kondrashov",)},
    ),
    GlossaryEntry(
        3,
        GlossaryKind.ORGANISATION,
        {"vi": "TTXVN", "ru": "ВИА", "en": "VNA"},
        code="vna",
        variants={"en": ("Vietnam News Agency",)},
        forbidden={"ru": ("ВНА",)},
    ),
    GlossaryEntry(4, GlossaryKind.ORGANISATION, {"vi": "TASS", "ru": "ТАСС", "en": "TASS"}),
    GlossaryEntry(
        5,
        GlossaryKind.PLACE,
        {"vi": "Hà Nội", "ru": "Ханой", "en": "Hanoi"},
        code="hn",
        forbidden={"vi": ("Hà Nọi",), "en": ("Ha Noi",)},
    ),
    GlossaryEntry(
        6,
        GlossaryKind.TITLE,
        {
            "vi": "Tổng Giám đốc",
            "ru": "Генеральный директор",
            "en": "Director General",
            "fr": "Directeur général",
        },
        code="tgd",
        variants={"en": ("General Director",)},
    ),
]
LANGUAGES = ["vi", "ru", "en", "fr"]


def as_drafts(entries: list[GlossaryEntry]) -> list[tuple[object, ...]]:
    return [(e.kind, e.terms, e.note, e.code, e.variants, e.forbidden) for e in entries]


def from_drafts(drafts: list[GlossaryDraft]) -> list[tuple[object, ...]]:
    return [(d.kind, d.terms, d.note, d.code, d.variants, d.forbidden) for d in drafts]


# CSV


def test_csv_columns_and_bom() -> None:
    data = glossary_csv_bytes(ENTRIES, LANGUAGES)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == [
        "code",
        "kind",
        "vi",
        "ru",
        "en",
        "fr",
        "variants:vi",
        "variants:ru",
        "variants:en",
        "variants:fr",
        "forbidden:vi",
        "forbidden:ru",
        "forbidden:en",
        "forbidden:fr",
        "note",
        "surname:vi",
        "surname:ru",
        "surname:en",
        "surname:fr",
    ]
    assert rows[1][:5] == ["tbt", "person", "Vũ Việt Trang", "Ву Вьет Чанг", "Vu Viet Trang"]
    assert rows[5][12] == "Ha Noi" and rows[5][10] == "Hà Nọi"
    assert b"\r\n" in data


def test_csv_round_trip() -> None:
    data = glossary_csv_bytes(ENTRIES, LANGUAGES)
    assert from_drafts(parse_glossary_csv(data, Path("g.csv"))) == as_drafts(ENTRIES)


def test_csv_with_bom_semicolons_crlf_and_quoted_newlines() -> None:
    text = (
        "\ufeffcode;kind;vi;ru;en;forbidden:ru;variants:en;note;comment\r\n"
        'vna;organisation;TTXVN;ВИА;VNA;ВНА;Vietnam News Agency|VNA Agency;"Hãng thông tấn;\r\n'
        'quốc gia";for the catalogue\r\n'
        "\r\n"
        ";place;Hà Nội;Ханой;Hanoi;;;;\r\n"
    )
    drafts = parse_glossary_csv(text.encode("utf-8"), Path("g.csv"))
    assert len(drafts) == 2
    vna, hanoi = drafts
    assert vna.terms == {"vi": "TTXVN", "ru": "ВИА", "en": "VNA"}
    assert vna.variants == {"en": ("Vietnam News Agency", "VNA Agency")}
    assert vna.forbidden == {"ru": ("ВНА",)}
    assert vna.note == "Hãng thông tấn;\r\nquốc gia"
    assert (hanoi.code, hanoi.kind, hanoi.line) == ("", GlossaryKind.PLACE, 5)


def test_csv_normalises_to_nfc_and_accepts_underscore_tags() -> None:
    import unicodedata

    text = unicodedata.normalize("NFD", "code,kind,vi,pt_BR\nhn,place,Hà Nội,Hanói\n")
    (draft,) = parse_glossary_csv(text.encode(), Path("g.csv"))
    assert draft.terms == {"vi": "Hà Nội", "pt-BR": "Hanói"}
    assert unicodedata.is_normalized("NFC", draft.terms["vi"])


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("code,kind,vi\ntbt,persn,Vũ Việt Trang\n", "line 2: unknown kind “persn”"),
        ("code,kind,vn\ntbt,person,Vũ Việt Trang\n", "line 1: Unknown language “vn”"),
        ("code,kind,vi,forbidden:xx-YY\n", "line 1: Unknown language “xx-YY”"),
        (
            "code,kind,vi\na,person,Vũ Việt Trang\nb,place,Hà Nội\na,title,Tổng Giám đốc\n",
            "line 4: the code “a” is already used on line 2",
        ),
        ("code,kind,vi,ru,note\nx,person,,,a note\n", "line 2: the entry has no rendering"),
        ("code,kind,vi\nx y,person,Vũ Việt Trang\n", "line 2: the code “x y”"),
        ("code,kind,vi\nhn,place,Hà Nội, Việt Nam\n", "line 2: the line has 4 cells"),
        ("code,kind,vi,forbidden:vi\nhn,place,Hà Nội,Hà Nội\n", "both accepted and forbidden"),
        ('code,kind,vi\nhn,place,"Hà Nội\n', "line 2: the line is not valid CSV"),
        ("code,kind,vi,vi\n", "line 1: the column “vi” appears twice"),
        ("name,description\nHà Nội,x\n", "line 1: the first line must name the columns"),
        ("", "the file is empty"),
    ],
)
def test_malformed_csv_names_the_file_and_line(content: str, words: str) -> None:
    with pytest.raises(UsageError) as error:
        parse_glossary_csv(content.encode("utf-8"), Path("/tmp/glossary.csv"))
    assert "/tmp/glossary.csv" in error.value.message
    assert words in error.value.message


def test_csv_not_utf8_names_the_line() -> None:
    data = "code,kind,ru\nhn,place,Ханой\n".encode("cp1251")
    with pytest.raises(UsageError, match="line 2: the file is not UTF-8"):
        parse_glossary_csv(data, Path("g.csv"))


@pytest.mark.parametrize("length", [MAX_CELL_CHARS + 1, 200_000])
def test_huge_cells_are_refused(length: int) -> None:
    data = ("code,kind,vi\nhn,place," + "a" * length + "\n").encode()
    with pytest.raises(UsageError, match="line 2: a cell is longer than 10000 characters"):
        parse_glossary_csv(data, Path("g.csv"))


def test_huge_files_are_refused_before_reading(tmp_path: Path, monkeypatch) -> None:
    import curator.exchange as exchange

    path = tmp_path / "g.csv"
    path.write_bytes(b"code,kind,vi\n" + b"x" * 2048)
    monkeypatch.setattr(exchange, "MAX_FILE_BYTES", 1024)
    with pytest.raises(UsageError, match="too large to import"):
        read_glossary(path)


def test_format_comes_from_the_suffix(tmp_path: Path) -> None:
    assert glossary_format(Path("a.CSV")) == "csv" and glossary_format(Path("b.tbx")) == "tbx"
    with pytest.raises(UsageError, match=r"unknown glossary format “\.xlsx”"):
        glossary_format(Path("c.xlsx"))
    with pytest.raises(UsageError, match="cannot be read"):
        read_glossary(tmp_path / "missing.csv")


def test_languages_order_project_first_then_others() -> None:
    assert ordered_languages(ENTRIES, ["ru", "vi"]) == ["ru", "vi", "en", "fr"]


# TBX


def test_tbx_is_well_formed_tbx_basic() -> None:
    data = glossary_tbx_bytes(ENTRIES, LANGUAGES, title="Việt Nam – Nga")
    root = ET.fromstring(data)
    assert root.tag == "martif" and root.get("type") == "TBX-Basic"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "vi"
    main = root.find("text/body/termEntry[@id='code-tbt']")
    assert main is not None
    assert main.findtext("descrip[@type='subjectField']") == "person"
    ru = main.find("langSet[@{http://www.w3.org/XML/1998/namespace}lang='ru']")
    assert ru is not None
    assert ru.findtext("tig/term") == "Ву Вьет Чанг"
    assert ru.findtext("tig/termNote[@type='administrativeStatus']") == "preferredTerm-admn-sts"
    # Forbidden forms live apart, so tools that flag a whole entry forbidden flag only them.
    assert "deprecatedTerm-admn-sts" not in ET.tostring(main, encoding="unicode")
    forbidden = root.find("text/body/termEntry[@id='code-tbt-forbidden-1']")
    assert forbidden is not None
    assert forbidden.find("ref[@type='crossReference']").get("target") == "code-tbt"
    terms = [
        (t.findtext("term"), t.findtext("termNote[@type='administrativeStatus']"))
        for t in forbidden.iter("tig")
    ]
    assert terms == [
        ("Vũ Việt Trang", "preferredTerm-admn-sts"),
        ("Ву Вьет Транг", "deprecatedTerm-admn-sts"),
    ]
    kondrashov = root.find("text/body/termEntry[@id='code-kondrashov']")
    assert [
        t.findtext("termNote[@type='administrativeStatus']") for t in kondrashov.iter("tig")
    ] == ["preferredTerm-admn-sts", "preferredTerm-admn-sts", "admittedTerm-admn-sts"]
    assert root.find("text/body/termEntry[@id='entry-4']") is not None


def test_tbx_round_trip() -> None:
    data = glossary_tbx_bytes(ENTRIES, LANGUAGES)
    assert from_drafts(parse_glossary_tbx(data, Path("g.tbx"))) == as_drafts(ENTRIES)


def test_tbx_v3_with_namespace_and_missing_statuses() -> None:
    data = """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader>
  <text><body>
    <conceptEntry id="c1">
      <descrip type="subjectField">organisation</descrip>
      <langSec xml:lang="en">
        <termSec><term>TASS</term></termSec>
        <termSec><term>ITAR-TASS</term>
          <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec>
      </langSec>
      <langSec xml:lang="ru">
        <termSec><term>ТАСС</term></termSec>
        <termSec><term>Телеграфное агентство</term>
          <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></termSec>
      </langSec>
    </conceptEntry>
    <conceptEntry id="code-hn">
      <langSec xml:lang="vi"><termSec><term>Hà Nội</term></termSec></langSec>
    </conceptEntry>
  </body></text>
</tbx>""".encode()
    tass, hanoi = parse_glossary_tbx(data, Path("g.tbx"))
    assert tass.kind is GlossaryKind.ORGANISATION and tass.code == ""
    assert tass.terms == {"en": "TASS", "ru": "ТАСС"}
    assert tass.forbidden == {"en": ("ITAR-TASS",)}
    assert tass.variants == {"ru": ("Телеграфное агентство",)}
    assert (hanoi.code, hanoi.kind, hanoi.terms) == ("hn", GlossaryKind.TERM, {"vi": "Hà Nội"})


def test_tbx_as_weblate_writes_it_with_a_doctype_is_read() -> None:
    data = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE martif PUBLIC "ISO 12200:1999A//DTD MARTIF core (DXFcdV04)//EN" "TBXcdv04.dtd">
<martif type="TBX" xml:lang="vi"><martifHeader><fileDesc><sourceDesc><p>x</p></sourceDesc>
</fileDesc></martifHeader><text><body>
<termEntry><langSet xml:lang="vi"><tig><term>Tổng Giám đốc</term></tig></langSet>
<langSet xml:lang="ru"><tig><term>Генеральный директор</term></tig></langSet>
<note from="translator">title</note></termEntry>
</body></text></martif>""".encode()
    (draft,) = parse_glossary_tbx(data, Path("ru.tbx"))
    assert draft.terms == {"vi": "Tổng Giám đốc", "ru": "Генеральный директор"}
    assert draft.note == "title"


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE martif [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<martif type="TBX-Basic"><text><body><termEntry><langSet xml:lang="en">
<tig><term>&lol3;</term></tig></langSet></termEntry></body></text></martif>"""

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE martif [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<martif type="TBX-Basic"><text><body><termEntry><langSet xml:lang="en">
<tig><term>&xxe;</term></tig></langSet></termEntry></body></text></martif>"""


@pytest.mark.parametrize("data", [BILLION_LAUGHS, XXE])
def test_entities_are_refused(data: bytes) -> None:
    with pytest.raises(UsageError, match=r"g\.tbx: .*entities or external references"):
        parse_glossary_tbx(data, Path("g.tbx"))


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"<martif><text><body><termEntry>", "g.tbx, line 1: the file ends before its XML does"),
        (b"<martif><text><body></text>", "g.tbx, line 1: the file is not well-formed"),
        (b"<html/>", "the file is not TBX"),
        (
            b"<martif><text><body>\n<termEntry>\n<langSet xml:lang='vn'><tig><term>x</term>"
            b"</tig></langSet></termEntry></body></text></martif>",
            "g.tbx, line 3: Unknown language “vn”",
        ),
        (
            b"<martif><text><body>\n\n<termEntry id='e'><note>n</note></termEntry>"
            b"</body></text></martif>",
            "g.tbx, line 3: the entry has no rendering",
        ),
        (
            b"<martif><text><body><termEntry><langSet xml:lang='en'><tig><term>"
            + b"a" * (MAX_CELL_CHARS + 1)
            + b"</term></tig></langSet></termEntry></body></text>"
            b"</martif>",
            "longer than 10000 characters",
        ),
    ],
)
def test_malformed_tbx_names_the_file_and_line(data: bytes, words: str) -> None:
    with pytest.raises(UsageError) as error:
        parse_glossary_tbx(data, Path("g.tbx"))
    assert words in error.value.message


@pytest.mark.parametrize("suffix", [".csv", ".tbx"])
def test_write_then_read_through_the_files(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"glossary{suffix}"
    write_glossary(path, ENTRIES, ["vi", "ru", "en"], title="Việt Nam – Nga")
    assert from_drafts(read_glossary(path)) == as_drafts(ENTRIES)
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_csv_carries_each_persons_surname() -> None:
    people = [
        GlossaryEntry(
            1,
            GlossaryKind.PERSON,
            {"vi": "Vũ Việt Trang", "ru": "Ву Вьет Чанг", "en": "Vu Viet Trang"},
            surnames={"vi": "Vũ", "ru": "Ву", "en": "Vu"},
        ),
        GlossaryEntry(2, GlossaryKind.PERSON, {"en": "Andrey Kondrashov"}),
    ]
    drafts = parse_glossary_csv(glossary_csv_bytes(people, LANGUAGES), Path("g.csv"))
    assert [d.surnames for d in drafts] == [{"vi": "Vũ", "ru": "Ву", "en": "Vu"}, {}]


def test_csv_surname_that_is_not_in_the_name_is_refused() -> None:
    data = "kind,ru,surname:ru\nperson,Андрей Кондрашов,Кондрашев\n".encode()
    with pytest.raises(UsageError) as error:
        parse_glossary_csv(data, Path("/tmp/people.csv"))
    assert "/tmp/people.csv" in error.value.message and "line 2" in error.value.message
    assert "Кондрашев" in error.value.message

"""Hostile metadata in photos: XML bombs and external entities in XMP, enormous fields.

The photo is still imported (its pixels are fine); the bad metadata is ignored or cut and
reported as the photo's problem; nothing from outside the file leaks in.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from curator.core.services import ProjectService
from curator.ingest.importer import import_paths
from curator.ingest.metadata.limits import MAX_KEYWORDS, MAX_LINE_CHARS, MAX_TEXT_CHARS
from curator.ingest.metadata.mapping import read_metadata
from curator.ingest.metadata.xmp import parse_xmp

RDF = (
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
    'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" CITY>'
    '<dc:description><rdf:Alt><rdf:li xml:lang="x-default">TEXT</rdf:li></rdf:Alt>'
    "</dc:description>KEYWORDS</rdf:Description></rdf:RDF></x:xmpmeta>"
)
LAUGHS = (
    '<!DOCTYPE x:xmpmeta [<!ENTITY a "hahahahaha">'
    + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
    + "]>"
)


def _xmp(text: str = "Hà Nội", city: str = "", keywords: list[str] | None = None) -> str:
    bag = "".join(f"<rdf:li>{k}</rdf:li>" for k in keywords or [])
    return (
        RDF.replace("TEXT", text)
        .replace("CITY", f'photoshop:City="{city}"' if city else "")
        .replace("KEYWORDS", f"<dc:subject><rdf:Bag>{bag}</rdf:Bag></dc:subject>" if bag else "")
    )


HOSTILE_PACKETS = {
    "billion-laughs": LAUGHS + _xmp("&j;"),
    "external-entity": '<!DOCTYPE x:xmpmeta [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
    + _xmp("&e;"),
    "parameter-entity": '<!DOCTYPE x [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>' + _xmp(),
    "external-dtd": '<!DOCTYPE x:xmpmeta SYSTEM "http://127.0.0.1:9/x.dtd">' + _xmp(),
    "deep-nesting": _xmp("<b>" * 100_000 + "deep" + "</b>" * 100_000),
    "unclosed": _xmp()[:-20],
    "utf16-bomb": (LAUGHS + _xmp("&j;")),
}


@pytest.mark.parametrize("name", sorted(HOSTILE_PACKETS))
def test_hostile_xmp_packets_are_ignored_with_a_problem(name: str) -> None:
    packet = HOSTILE_PACKETS[name].encode("utf-16" if name == "utf16-bomb" else "utf-8")
    fields = parse_xmp(packet)  # behaviour is asserted, never time: a loaded machine is slow
    texts = " ".join(item.text for item in fields.descriptions)
    assert "root:" not in texts and "haha" not in texts
    if name == "deep-nesting":
        # Read through to the text at the bottom, or reported; never half of it.
        assert texts == "deep" or [p.code for p in fields.problems] == ["corrupt-xmp"]
    elif name != "external-dtd":
        assert [p.code for p in fields.problems] in (["unsafe-xmp"], ["corrupt-xmp"])


def _photo(folder: Path, name: str, xmp: bytes | None = None) -> Path:
    path = folder / name
    Image.new("RGB", (64, 48), (10, 120, 200)).save(path, "JPEG", **({"xmp": xmp} if xmp else {}))
    return path


def test_a_photo_with_a_bomb_in_its_xmp_imports_with_a_problem(
    service: ProjectService, tmp_path: Path
) -> None:
    _photo(tmp_path, "bomb.jpg", (LAUGHS + _xmp("&j;")).encode())
    sidecar = _photo(tmp_path, "xxe.jpg")
    sidecar.with_name("xxe.jpg.xmp").write_text(HOSTILE_PACKETS["external-entity"], "utf-8")
    report = import_paths(service, [tmp_path])
    assert len(report.added) == 2
    for photo in service.photos.all():
        codes = {p.code for p in service.media.photo_problems(photo.id)}
        assert codes & {"unsafe-xmp", "corrupt-sidecar"}, photo.path
        texts = [c.text for c in service.captions.for_photo(photo.id)]
        assert not any("root:" in text or "haha" in text for text in texts)


def test_enormous_fields_are_cut_and_reported(service: ProjectService, tmp_path: Path) -> None:
    path = _photo(tmp_path, "huge.jpg")
    xmp = _xmp("Hà Nội " * 200_000, city="X" * 1_000_000, keywords=[f"k{i}" for i in range(20_000)])
    path.with_name("huge.jpg.xmp").write_text(xmp, "utf-8")
    metadata = read_metadata(path)
    assert len(metadata.descriptions[0].text) == MAX_TEXT_CHARS
    assert metadata.city is not None and len(metadata.city) == MAX_LINE_CHARS
    assert len(metadata.keywords) == MAX_KEYWORDS
    (problem,) = [p for p in metadata.problems if p.code == "field-too-long"]
    assert problem.detail == "city, descriptions, keywords"
    assert "shortened" in problem.message
    import_paths(service, [path])
    (photo,) = service.photos.all()
    assert max(len(c.text) for c in service.captions.for_photo(photo.id)) <= MAX_TEXT_CHARS
    assert "field-too-long" in {p.code for p in service.media.photo_problems(photo.id)}


def test_a_sidecar_over_the_limit_is_not_read(tmp_path: Path) -> None:
    path = _photo(tmp_path, "a.jpg")
    with path.with_name("a.jpg.xmp").open("wb") as handle:
        handle.write(_xmp().encode())
        handle.write(b" " * (17 * 1024 * 1024))
    metadata = read_metadata(path)
    assert metadata.descriptions == ()
    assert any(p.code == "corrupt-sidecar" and "larger than" in p.detail for p in metadata.problems)

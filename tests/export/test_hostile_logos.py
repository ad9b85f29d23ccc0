"""Hostile and damaged logos: refused naming the file before anything is kept, or drawn
without expanding entities, reading other files or growing without bound."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pikepdf
import pytest
from PIL import Image
from printing import needs_tools, run_tool

from curator.core.errors import UsageError
from curator.core.publishing.catalogue_texts import (
    MAX_ASSET_BYTES,
    MAX_LOGOS,
    AssetRole,
    add_asset,
    read_texts,
)
from curator.core.services import ProjectService
from curator.export.assets import verify_image
from curator.export.catalogue import export_catalogue
from curator.export.text_measure import ReportlabMeasure

_LEVELS = "".join(
    f'<!ENTITY {b} "{("&" + a + ";") * 20}">' for a, b in zip("abcdefg", "bcdefgh", strict=True)
)
BILLION_LAUGHS = (
    f'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">{_LEVELS}]>'
    '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50">'
    '<text x="0" y="20">&h;</text></svg>'
).encode()
XXE = (
    b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    b'<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50">'
    b'<text x="0" y="20">&x;</text></svg>'
)
DEEP = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    + b"<g>" * 300_000
    + b"</g>" * 300_000
    + b"</svg>"
)


def _local_image_svg(path: Path) -> bytes:
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'width="10" height="10"><image xlink:href="{path}" width="10" height="10"/></svg>'
    ).encode()


def _png(width: int, height: int, mode: str = "1") -> bytes:
    out = io.BytesIO()
    image = Image.new(mode, (width, height))
    if mode == "RGB":
        image = Image.frombytes("RGB", (width, height), os.urandom(width * height * 3))
    image.save(out, "PNG")
    return out.getvalue()


def _encrypted_pdf() -> bytes:
    out = io.BytesIO()
    with pikepdf.Pdf.new() as pdf:
        pdf.add_blank_page(page_size=(100, 50))
        pdf.save(out, encryption=pikepdf.Encryption(owner="o", user="secret"))
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "why"),
    [
        ("bomb.png", _png(30_000, 30_000), "more pixels than a logo needs"),
        ("cut.png", _png(200, 200, "RGB")[:60_000], "cut.png cannot be read"),
        ("locked.pdf", _encrypted_pdf(), "locked.pdf cannot be read"),
        ("big.svg", b"<svg " + b" " * (MAX_ASSET_BYTES + 1), "too large for a logo"),
        ("photo.png", b"\xff\xd8\xff\xe0\x00\x10JFIF", "not an SVG, PDF or PNG"),
    ],
    ids=["bomb", "truncated", "encrypted", "too-large", "jpeg-named-png"],
)
def test_refused_naming_the_file(name: str, data: bytes, why: str) -> None:
    with pytest.raises(UsageError, match=why) as raised:
        verify_image(name, data)
    assert name in str(raised.value)


@needs_tools("pdftotext")
def test_hostile_svgs_are_drawn_inert(service: ProjectService, tmp_path: Path) -> None:
    secret = tmp_path / "secret.png"
    Image.new("RGB", (5, 5), (255, 0, 0)).save(secret)
    hostile = [
        ("laughs.svg", BILLION_LAUGHS),
        ("xxe.svg", XXE),
        ("deep.svg", DEEP),
        ("local.svg", _local_image_svg(secret)),
    ]
    for name, data in hostile:
        verify_image(name, data)
        add_asset(service, AssetRole.LOGO, name, data)
    photo = tmp_path / "p.jpg"
    Image.new("RGB", (1200, 800), (80, 80, 80)).save(photo)
    from curator.ingest.importer import ImportOptions, import_paths

    import_paths(service, [photo], ImportOptions(workers=1))
    with service.store.transaction():
        section = service.exhibition.add_section({"vi": "A"}, {})
        service.exhibition.assign(section.id, [p.id for p in service.photos.all()])
    out = tmp_path / "c.pdf"
    export_catalogue(service, out, ReportlabMeasure(), preflight=False, report=False)
    text = run_tool("pdftotext", out, "-")
    assert "root:" not in text and "aaaaaaaaaa" not in text
    assert out.stat().st_size < 2_000_000
    listing = run_tool("pdfimages", "-list", out)
    rows = [line.split() for line in listing.splitlines()[2:]]
    # the photo only (on the cover and its page): no other file was read in
    assert {(row[3], row[4], row[10]) for row in rows} == {("1200", "800", rows[0][10])}


def test_a_catalogue_carries_at_most_so_many_logos(service: ProjectService) -> None:
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="4" height="2"/>'
    for index in range(MAX_LOGOS):
        add_asset(service, AssetRole.LOGO, f"{index}.svg", svg)
    with pytest.raises(UsageError, match=r"remove one before adding more\.svg"):
        add_asset(service, AssetRole.LOGO, "more.svg", svg)
    assert len(read_texts(service).logos) == MAX_LOGOS

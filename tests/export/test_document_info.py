"""Every product's PDF says what it is (issue 18.7), in its Info dictionary and XMP alike.

Read back with pikepdf and poppler's pdfinfo: the title, the organisers as author, a
subject, the leading language, and creation and modification dates of today — for one chunk
and for many, with and without PDF/X — never reportlab's 2000-01-01, "anonymous" or
"unspecified".
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pikepdf
import pytest
from printing import CMYK_PROFILE, needs_tools, run_tool

from curator import cli
from curator.core.services import ProjectService
from curator.export import catalogue as catalogue_module

EXPECTED_SUBJECT = {
    "catalogue": "Catalô triển lãm ảnh",  # in the leading language, as the cover says it
    "panels": "Panel proofs",
    "labels": "Wall labels",
    "proof": "Approval proof",
}


def _pdf_date(text: str) -> datetime:
    return datetime.strptime(text[2:16], "%Y%m%d%H%M%S").replace(tzinfo=UTC)


def _check(pdf_path: Path, product: str, title_part: str, author: str) -> None:
    now = datetime.now(UTC)
    with pikepdf.open(pdf_path) as pdf:
        info = pdf.docinfo
        assert title_part in str(info["/Title"])
        assert str(info["/Author"]) == author
        assert str(info["/Subject"]) == EXPECTED_SUBJECT[product]
        for key in ("/CreationDate", "/ModDate"):
            assert abs(_pdf_date(str(info[key])) - now) < timedelta(minutes=10)
        assert str(pdf.Root.Lang) == "vi"
        meta = pdf.open_metadata()
        assert title_part in meta["dc:title"]
        assert meta["dc:creator"] == [author]
        assert meta["dc:description"] == EXPECTED_SUBJECT[product]
        assert "vi" in meta["dc:language"]
        for key in ("xmp:CreateDate", "xmp:ModifyDate"):
            stamp = datetime.fromisoformat(meta[key])
            assert abs(stamp - now) < timedelta(minutes=10)
    shown = run_tool("pdfinfo", pdf_path)
    assert f"Author:          {author}" in shown
    assert "anonymous" not in shown and "unspecified" not in shown
    dates = [line for line in shown.splitlines() if "Date" in line]
    assert dates and not any("2000" in line for line in dates)


def _author(project: Path) -> str:
    with ProjectService.open(project, read_only=True) as service:
        from curator.core.publishing.catalogue_service import organisers

        return organisers(service, "vi")


@needs_tools("pdfinfo")
@pytest.mark.parametrize("product", ["catalogue", "panels", "labels", "proof"])
def test_every_product_says_what_it_is(laid_out: Path, tmp_path: Path, product: str) -> None:
    pdf = tmp_path / f"{product}.pdf"
    args = ["export", product, str(laid_out), "-o", str(pdf)]
    assert cli.main(args) in (0, 2)
    if not pdf.exists():  # preflight stopped it: the demo's slip is the test of other files
        pytest.skip("preflight stopped this product on the demo")
    author = _author(laid_out)
    assert author  # the demo's agencies: TTXVN, TASS
    with ProjectService.open(laid_out, read_only=True) as service:
        title = service.project.get().title
    _check(pdf, product, title, author)


@needs_tools("pdfinfo")
@pytest.mark.parametrize("chunk_pages", [2, 100])
@pytest.mark.parametrize("pdfx", [False, True])
def test_a_catalogue_of_many_chunks_and_pdfx_keeps_it(
    laid_out: Path, tmp_path: Path, monkeypatch, chunk_pages: int, pdfx: bool
) -> None:
    monkeypatch.setattr(catalogue_module, "CHUNK_PAGES", chunk_pages)
    pdf = tmp_path / "catalogue.pdf"
    args = ["export", "catalogue", str(laid_out), "-o", str(pdf)]
    if pdfx:
        if not CMYK_PROFILE.is_file():
            pytest.skip("no CMYK profile installed")
        args += ["--icc", str(CMYK_PROFILE)]
    assert cli.main(args) == 0
    with ProjectService.open(laid_out, read_only=True) as service:
        title = service.project.get().title
    _check(pdf, "catalogue", title, _author(laid_out))


def test_the_organisers_of_the_catalogue_texts_are_the_author(
    laid_out: Path, tmp_path: Path
) -> None:
    import shutil

    copy = tmp_path / "copy.curator"
    shutil.copy(laid_out, copy)
    from curator.core.publishing.catalogue_texts import set_texts

    with ProjectService.open(copy) as service:
        set_texts(
            service,
            [
                ("organisers", "vi", "Thông tấn xã Việt Nam\nTASS"),
                ("organisers", "en", "VNA and TASS"),
            ],
        )
    pdf = tmp_path / "labels.pdf"
    assert cli.main(["export", "labels", str(copy), "-o", str(pdf), "--languages", "en,vi"]) == 0
    with pikepdf.open(pdf) as opened:
        assert str(opened.docinfo["/Author"]) == "VNA and TASS"
        assert str(opened.Root.Lang) == "en"
    assert _author(copy) == "Thông tấn xã Việt Nam; TASS"


@needs_tools("pdfinfo")
def test_the_translators_pdfs_say_what_they_are(laid_out: Path, tmp_path: Path) -> None:
    import zipfile

    package = tmp_path / "package.zip"
    args = ["exchange", "package", str(laid_out), "--lang", "ru", "-o", str(package)]
    assert cli.main(args) == 0
    with zipfile.ZipFile(package) as archive:
        archive.extract("contact-sheet.pdf", tmp_path)
        archive.extract("note-ru.pdf", tmp_path)
    now = datetime.now(UTC)
    with pikepdf.open(tmp_path / "contact-sheet.pdf") as pdf:
        assert str(pdf.docinfo["/Title"]).startswith("Контактный лист")
        with ProjectService.open(laid_out, read_only=True) as service:
            from curator.core.publishing.catalogue_service import organisers

            assert str(pdf.docinfo["/Author"]) == organisers(service, "ru")
        assert str(pdf.Root.Lang) == "ru"
        assert abs(_pdf_date(str(pdf.docinfo["/CreationDate"])) - now) < timedelta(minutes=10)
        assert pdf.open_metadata()["dc:title"] == str(pdf.docinfo["/Title"])
    for name in ("contact-sheet.pdf", "note-ru.pdf"):
        shown = run_tool("pdfinfo", tmp_path / name)
        assert "anonymous" not in shown and "unspecified" not in shown
        dates = [line for line in shown.splitlines() if "Date" in line]
        assert dates and not any("2000" in line for line in dates)

"""PDF/X-4 with the print shop's profile: every property checked in the written file.

No PDF/X validator is at hand, so each requirement the issue names is read back from the
file with pikepdf, qpdf and poppler: PDF 1.6, the GTS_PDFX output intent carrying the
profile and its condition identifier, GTS_PDFXVersion in the document information and
pdfxid in the XMP, a document ID, Trapped, no encryption, embedded fonts, TrimBox on every
page, and images in the profile's CMYK.
"""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

import pikepdf
import pytest
from PIL import Image, ImageCms
from printing import CMYK_PROFILE, RGB_PROFILE, needs_tools, run_tool

from curator.core.errors import UsageError
from curator.core.layout import Rect
from curator.core.services import ProjectService
from curator.export.catalogue import export_catalogue
from curator.export.colour import load_output_profile
from curator.export.images import ImageRoute, prepare_image
from curator.export.labels import export_labels
from curator.export.panels import PanelOptions, export_panels
from curator.export.proof import export_proof
from curator.export.text_measure import ReportlabMeasure

pytestmark = [
    needs_tools("qpdf", "pdffonts", "pdfinfo", "pdfimages"),
    pytest.mark.skipif(not CMYK_PROFILE.is_file(), reason="libgs-common's default_cmyk.icc"),
]
PRODUCTS = ("catalogue", "panels", "labels", "proof")


@pytest.fixture(scope="module")
def pdfx_files(laid_out: Path) -> dict[str, Path]:
    profile = load_output_profile(CMYK_PROFILE)
    measure = ReportlabMeasure()
    folder = laid_out.parent / "pdfx"
    folder.mkdir()
    out = {name: folder / f"{name}.pdf" for name in PRODUCTS}
    with ProjectService.open(laid_out, read_only=True) as service:
        export_catalogue(service, out["catalogue"], measure, today=date(2026, 3, 1),
                         profile=profile)  # fmt: skip
        export_panels(service, out["panels"], measure, PanelOptions(paper_mm=(297, 420)),
                      profile=profile)  # fmt: skip
        export_labels(service, out["labels"], measure, profile=profile)
        export_proof(service, out["proof"], measure, profile=profile)
    return out


@pytest.mark.parametrize("product", PRODUCTS)
def test_output_intent_version_and_identity(pdfx_files, product: str) -> None:
    path = pdfx_files[product]
    with pikepdf.Pdf.open(path) as pdf:
        assert pdf.pdf_version == "1.6"
        assert not pdf.is_encrypted
        intents = pdf.Root.OutputIntents
        assert len(intents) == 1
        intent = intents[0]
        assert intent.Type == pikepdf.Name.OutputIntent
        assert intent.S == pikepdf.Name.GTS_PDFX
        assert str(intent.OutputConditionIdentifier) == "Artifex CMYK SWOP Profile"
        assert str(intent.Info)
        profile = intent.DestOutputProfile
        assert profile.N == 4
        assert profile.read_bytes() == CMYK_PROFILE.read_bytes()
        info = pdf.docinfo
        assert str(info.GTS_PDFXVersion) == "PDF/X-4"
        assert info.Trapped == pikepdf.Name("/False")
        assert str(info.Title)
        assert str(info.CreationDate).startswith("D:") and str(info.ModDate).startswith("D:")
        assert "/GTS_PDFXConformance" not in info  # a PDF/X-1a and X-3 key, not X-4
        ids = pdf.trailer.ID
        assert len(ids) == 2 and len(bytes(ids[0])) >= 16
        with pdf.open_metadata() as meta:
            assert meta["pdfxid:GTS_PDFXVersion"] == "PDF/X-4"
            assert meta["dc:title"] == str(info.Title)
            assert meta["pdf:Trapped"] == "False"
            assert meta["xmpMM:DocumentID"].startswith("uuid:")
        xmp = pdf.Root.Metadata.read_bytes().decode()
        assert 'xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/"' in xmp
        for page in pdf.pages:
            assert "/TrimBox" in page.obj and "/ArtBox" not in page.obj
    assert "PDF subtype:    PDF/X-4" in run_tool("pdfinfo", path)
    check = run_tool("qpdf", "--check", path)
    assert "No syntax or stream encoding errors" in check


@pytest.mark.parametrize("product", PRODUCTS)
def test_fonts_embedded_and_images_in_cmyk(pdfx_files, product: str) -> None:
    path = pdfx_files[product]
    for row in run_tool("pdffonts", path).splitlines()[2:]:
        assert row.split()[-5] == "yes", row
    images = run_tool("pdfimages", "-list", path).splitlines()[2:]
    assert images or product == "labels"  # labels print no photo
    for row in images:
        assert row.split()[5] in ("cmyk", "gray"), row


def test_without_a_profile_nothing_claims_pdfx(laid_out: Path, tmp_path: Path) -> None:
    out = tmp_path / "plain.pdf"
    with ProjectService.open(laid_out, read_only=True) as service:
        export_labels(service, out, ReportlabMeasure())
    with pikepdf.Pdf.open(out) as pdf:
        assert "/OutputIntents" not in pdf.Root
        assert "/GTS_PDFXVersion" not in pdf.docinfo


def test_red_becomes_magenta_and_yellow(tmp_path: Path) -> None:
    source = tmp_path / "red.jpg"
    Image.new("RGB", (900, 600), (200, 30, 40)).save(source, quality=95)
    profile = load_output_profile(CMYK_PROFILE)
    rect = Rect(0, 0, 900 / 300 * 25.4, 600 / 300 * 25.4)
    prepared = prepare_image(source, rect, 300, tmp_path, profile=profile)
    assert prepared.route is ImageRoute.REENCODED  # would pass through without a profile
    with Image.open(prepared.path) as image:
        assert image.mode == "CMYK"
        c, m, y, k = image.getpixel((450, 300))
    assert m > 200 and y > 180 and c < 40
    back = ImageCms.profileToProfile(
        Image.new("CMYK", (1, 1), (c, m, y, k)),
        ImageCms.ImageCmsProfile(io.BytesIO(CMYK_PROFILE.read_bytes())),
        ImageCms.createProfile("sRGB"),
        outputMode="RGB",
    )
    red, green, blue = back.getpixel((0, 0))
    assert red > 150 and green < 80 and blue < 90


def test_cmyk_and_grey_photos_are_left_as_they_are(tmp_path: Path) -> None:
    profile = load_output_profile(CMYK_PROFILE)
    grey = tmp_path / "grey.jpg"
    Image.new("L", (900, 600), 90).save(grey, quality=95)
    rect = Rect(0, 0, 900 / 300 * 25.4, 600 / 300 * 25.4)
    prepared = prepare_image(grey, rect, 300, tmp_path, profile=profile)
    # Passed through: the very bytes of the original (from Curator's own copy of it).
    assert prepared.route is ImageRoute.PASSED_THROUGH
    assert prepared.path.read_bytes() == grey.read_bytes()


@pytest.mark.parametrize("content", [b"", b"not a profile at all" * 10])
def test_a_file_that_is_no_profile_is_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad.icc"
    path.write_bytes(content)
    with pytest.raises(UsageError, match="not an ICC colour profile"):
        load_output_profile(path)


def test_an_rgb_profile_is_refused_naming_what_it_is() -> None:
    with pytest.raises(UsageError, match=re.escape("not a CMYK output profile")):
        load_output_profile(RGB_PROFILE)


def test_a_missing_profile_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="Cannot read the colour profile"):
        load_output_profile(tmp_path / "nowhere.icc")

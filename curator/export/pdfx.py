"""PDF/X-4 for the print shop: a finished PDF given its output intent and PDF/X identity.

Every product (catalogue, panels, labels, proof) is drawn as usual, with its photos already
converted into the shop's CMYK (:mod:`curator.export.colour`) and its own colours in
DeviceCMYK; :func:`make_pdfx` then rewrites the file with pikepdf so that it declares
itself PDF/X-4 (ISO 15930-7):

- PDF 1.6;
- an output intent ``/S /GTS_PDFX`` whose ``DestOutputProfile`` is the profile, with its
  ``OutputConditionIdentifier`` and ``Info`` (the profile's description);
- ``GTS_PDFXVersion (PDF/X-4)`` in the document information and ``pdfxid:GTS_PDFXVersion``
  in the XMP metadata, whose title, dates, producer and trapping agree with it;
- a document ID, ``/Trapped /False``, no encryption;
- a TrimBox on every page, and no ArtBox beside it (PDF/X wants one or the other).

Fonts are the bundled TrueType faces, embedded and subset by reportlab (no base-14 font is
ever named). No validator is at hand; the tests check each of these properties in the file.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path

import pikepdf

from curator.export.colour import OutputProfile
from curator.export.doc_info import DocumentInfo, stamp_info

PDFX_VERSION = "PDF/X-4"
PDF_VERSION = "1.6"
REGISTRY = "http://www.color.org"


def _output_intent(pdf: pikepdf.Pdf, profile: OutputProfile) -> pikepdf.Dictionary:
    stream = pikepdf.Stream(pdf, profile.data)
    stream["/N"] = 4
    stream["/Alternate"] = pikepdf.Name.DeviceCMYK
    return pikepdf.Dictionary(
        Type=pikepdf.Name.OutputIntent,
        S=pikepdf.Name.GTS_PDFX,
        OutputConditionIdentifier=pikepdf.String(profile.description),
        OutputCondition=pikepdf.String(profile.description),
        Info=pikepdf.String(profile.description),
        RegistryName=pikepdf.String(REGISTRY),
        DestOutputProfile=pdf.make_indirect(stream),
    )


def _metadata(pdf: pikepdf.Pdf, info: DocumentInfo, when: datetime) -> None:
    stamp_info(pdf, info, when)
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        meta["pdf:Trapped"] = "False"
        meta["xmpMM:DocumentID"] = f"uuid:{uuid.uuid4()}"
        meta["xmpMM:InstanceID"] = f"uuid:{uuid.uuid4()}"
        meta["xmpMM:VersionID"] = "1"
        meta["xmpMM:RenditionClass"] = "default"
        meta["pdfxid:GTS_PDFXVersion"] = PDFX_VERSION
    pdf.docinfo["/Trapped"] = pikepdf.Name("/False")
    pdf.docinfo["/GTS_PDFXVersion"] = pikepdf.String(PDFX_VERSION)


def make_pdfx(
    source: Path,
    output: Path,
    profile: OutputProfile,
    title: str,
    when: datetime | None = None,
    info: DocumentInfo | None = None,
) -> None:
    """Write ``source`` to ``output`` as PDF/X-4 with ``profile`` as its output intent.

    Args:
        source: A PDF Curator drew (fonts embedded, boxes set, images in the profile's CMYK).
        output: Where to write (may not be ``source``).
        profile: The print shop's CMYK output profile.
        title: The document's title (PDF/X wants one).
        when: Creation time (default: now, in UTC).
        info: Author, subject and language besides the title (see doc_info).
    """
    moment = (when or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    with pikepdf.Pdf.open(source) as pdf:
        pdf.Root.OutputIntents = pikepdf.Array([_output_intent(pdf, profile)])
        for page in pdf.pages:
            if "/TrimBox" not in page.obj:
                page.obj.TrimBox = page.obj.get("/ArtBox", page.obj.MediaBox)
            if "/ArtBox" in page.obj:
                del page.obj["/ArtBox"]
        _metadata(pdf, info or DocumentInfo(title), moment)
        pdf.save(
            output,
            force_version=PDF_VERSION,
            deterministic_id=False,
            encryption=False,
            fix_metadata_version=False,
        )

"""The document information every PDF Curator writes: title, author, subject, language, dates.

A PDF says what it is twice: in the document information dictionary (``/Info``: Title,
Author, Subject, CreationDate, ModDate, Creator, Producer) and in its XMP metadata
(``dc:title``, ``dc:creator``, ``dc:description``, ``dc:language``, ``xmp:CreateDate``…),
and the catalogue's language in ``/Lang``. reportlab, drawing deterministic chunks, writes
placeholders (2000-01-01, "anonymous", "unspecified"), and joining chunks drops them;
:func:`stamp_info` writes both places from one :class:`DocumentInfo` on the finished file,
so every product and every chunk count says the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import pikepdf

from curator import __version__

CREATOR = f"Curator {__version__}"
PRODUCER = f"Curator {__version__} (reportlab, pikepdf)"


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """What a PDF says about itself.

    ``author`` is the exhibition's organisers, ``language`` the BCP 47 tag of the PDF's
    leading language.
    """

    title: str
    author: str = ""
    subject: str = ""
    language: str = ""


def pdf_date(when: datetime) -> str:
    """``D:YYYYMMDDHHmmSS+00'00'``, as the document information dictionary writes dates."""
    return when.astimezone(UTC).strftime("D:%Y%m%d%H%M%S") + "+00'00'"


def stamp_info(pdf: pikepdf.Pdf, info: DocumentInfo, when: datetime | None = None) -> None:
    """Write ``info`` into the PDF's Info dictionary, its XMP and ``/Lang`` alike.

    Every other Info key (reportlab's placeholders) is removed; ``when`` (default: now) is
    both the creation and the modification time.
    """
    moment = (when or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    stamp = moment.isoformat(timespec="seconds")
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        meta["dc:title"] = info.title
        if info.author:
            meta["dc:creator"] = [info.author]
        if info.subject:
            meta["dc:description"] = info.subject
        if info.language:
            meta["dc:language"] = {info.language}
        meta["xmp:CreatorTool"] = CREATOR
        meta["xmp:CreateDate"] = stamp
        meta["xmp:ModifyDate"] = stamp
        meta["xmp:MetadataDate"] = stamp
        meta["pdf:Producer"] = PRODUCER
    docinfo = pdf.docinfo
    for key in list(docinfo.keys()):
        del docinfo[key]
    docinfo["/Title"] = pikepdf.String(info.title)
    if info.author:
        docinfo["/Author"] = pikepdf.String(info.author)
    if info.subject:
        docinfo["/Subject"] = pikepdf.String(info.subject)
    docinfo["/Creator"] = pikepdf.String(CREATOR)
    docinfo["/Producer"] = pikepdf.String(PRODUCER)
    docinfo["/CreationDate"] = pikepdf.String(pdf_date(moment))
    docinfo["/ModDate"] = pikepdf.String(pdf_date(moment))
    if info.language:
        pdf.Root.Lang = pikepdf.String(info.language)

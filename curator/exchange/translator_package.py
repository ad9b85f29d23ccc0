"""The translator's package, put together from the caption file, the PDFs and the glossary.

Exchange owns it: the caption file, glossary and zip are its own, and the contact sheet
and note PDFs come from :mod:`curator.export`, the layer below (export never reaches up).
"""

from __future__ import annotations

from curator.core.services import ProjectService
from curator.core.translators.caption_exchange import ExchangeDocument
from curator.exchange import ordered_languages
from curator.exchange.glossary_tbx import glossary_tbx_bytes
from curator.exchange.package import package_bytes
from curator.export.contact_sheet import contact_sheet_pdf, note_pdf


def translator_package(
    service: ProjectService,
    document: ExchangeDocument,
    fmt: str,
    csv_separator: str = ",",
    memory_tmx: bytes | None = None,
) -> bytes:
    """The translator's package for a caption file (shared with the window)."""
    project = service.project.get()
    entries = service.glossary.all()
    languages = ordered_languages(entries, list(project.languages))
    return package_bytes(
        document,
        fmt,
        glossary_tbx=glossary_tbx_bytes(entries, languages, title=project.title),
        contact_sheet=lambda: contact_sheet_pdf(service, document),
        note_pdf=lambda note: note_pdf(note.title, note.paragraphs),
        csv_separator=csv_separator,
        memory_tmx=memory_tmx,
    )

"""The translator's package: one zip with everything a translator needs, and nothing else.

``captions-TAG.EXT`` (the caption file in the chosen format), ``contact-sheet.pdf`` (every
photo with its id and current captions), ``glossary.tbx`` (the project's names, titles and
places), ``memory.tmx`` when the file was pre-translated (the memory's matches for its
texts), and a note for the translator in the target language (``note-TAG.pdf`` and the same
text as ``note-TAG.txt``). The PDFs are made by :mod:`curator.export` and handed in as bytes,
since this package does not draw.

A package sent back whole imports like its caption file: :func:`caption_file_in_zip` finds
it, refusing archives with unsafe names (``../``, absolute paths) or more than one caption file.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from curator.core.errors import UsageError
from curator.core.language.languages import display_name
from curator.core.language.library_messages import reason as library_reason
from curator.core.translators.caption_exchange import ExchangeDocument
from curator.exchange import located
from curator.exchange.captions import SUFFIXES, caption_file_bytes
from curator.exchange.inputs import read_member
from curator.i18n import N_, _, translations_for

_CAPTION_SUFFIXES = (".po", ".xlf", ".xliff", ".xlsx", ".csv")
#: Unpacked, a package's caption file may not exceed this (the limit of a caption file);
#: it is counted while it inflates, whatever its header declares.
MAX_MEMBER_BYTES = 50 * 1024 * 1024

NOTE_TITLE = N_("Captions to translate: %(title)s")
NOTE_PARAGRAPHS = (
    N_(
        "This package holds the captions of the exhibition “%(title)s” to translate: "
        "%(count)d texts (headlines, captions and places). Source language: %(source)s. "
        "Target language: %(target)s."
    ),
    N_(
        "%(file)s — the captions. Open it in the tool you use (Poedit, OmegaT, Trados, a "
        "spreadsheet) and write each translation as the target of its entry."
    ),
    N_("contact-sheet.pdf — every photo with its id and its current captions, for context."),
    N_(
        "glossary.tbx — names, titles, organisations and places as they must be written in "
        "each language. Import it into your tool's termbase and follow it."
    ),
    N_(
        "Keep every key (PHOTO_ID|field) and do not change the source texts. The notes of each "
        "entry show the other languages, the place, the date and the credit; “at most N "
        "characters” is the room the caption has on the exhibition panel."
    ),
    N_(
        "Mark a translation you are not sure of as fuzzy (needs review). Leave an entry empty "
        "rather than guess: empty entries change nothing."
    ),
    N_(
        "When you are done, send back the caption file (or this whole package). Texts the "
        "curator changed meanwhile are never overwritten: your translation is kept beside them."
    ),
)


@dataclass(frozen=True, slots=True)
class TranslatorNote:
    """The note's title and paragraphs, already in the target language."""

    language: str
    title: str
    paragraphs: tuple[str, ...]

    def as_text(self) -> str:
        """Plain text, for ``note-TAG.txt``."""
        return "\n\n".join((self.title, *self.paragraphs)) + "\n"


def caption_member_name(document: ExchangeDocument, fmt: str) -> str:
    """The caption file's name inside the package."""
    return f"captions-{document.header.target_language}{SUFFIXES[fmt]}"


def translator_note(document: ExchangeDocument, fmt: str) -> TranslatorNote:
    """The note in the target language (English when Curator does not speak it)."""
    header = document.header
    language, translations = translations_for(header.target_language)
    gettext = translations.gettext
    values = {
        "title": header.project_title,
        "source": display_name(header.source_language, language),
        "target": display_name(header.target_language, language),
        "count": len(document.units),
        "file": caption_member_name(document, fmt),
    }
    return TranslatorNote(
        language=language,
        title=gettext(NOTE_TITLE) % values,
        paragraphs=tuple(gettext(paragraph) % values for paragraph in NOTE_PARAGRAPHS),
    )


def package_bytes(
    document: ExchangeDocument,
    fmt: str,
    *,
    glossary_tbx: bytes,
    contact_sheet: Callable[[], bytes],
    note_pdf: Callable[[TranslatorNote], bytes],
    csv_separator: str = ",",
    memory_tmx: bytes | None = None,
) -> bytes:
    """The zip's bytes: caption file, contact sheet, glossary, note (PDF and text).

    ``memory_tmx``: the translation memory's matches for the file, as ``memory.tmx``.
    """
    note = translator_note(document, fmt)
    tag = document.header.target_language
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            caption_member_name(document, fmt),
            caption_file_bytes(document, fmt, csv_separator=csv_separator),
        )
        archive.writestr("contact-sheet.pdf", contact_sheet())
        archive.writestr("glossary.tbx", glossary_tbx)
        if memory_tmx is not None:
            archive.writestr("memory.tmx", memory_tmx)
        archive.writestr(f"note-{tag}.pdf", note_pdf(note))
        archive.writestr(f"note-{tag}.txt", note.as_text().encode("utf-8"))
    return stream.getvalue()


def is_package(data: bytes) -> bool:
    """Whether ``data`` is a zip that is not itself a workbook (an XLSX is a zip too)."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "[Content_Types].xml" not in archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return False


def _safe(name: str) -> bool:
    path = PurePosixPath(name.replace("\\", "/"))
    return not path.is_absolute() and ".." not in path.parts and ":" not in name


def caption_file_in_zip(data: bytes, path: Path) -> tuple[str, bytes]:
    """The one caption file a package holds, as (name, bytes).

    Raises:
        UsageError: a broken zip, an unsafe member name, no caption file or several.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            for member in members:
                if not _safe(member.filename):
                    problem = _("the package holds an unsafe file name “%(name)s”.") % {
                        "name": member.filename
                    }
                    raise UsageError(located(path, 0, problem), path=path)
            found = [
                m
                for m in members
                if not m.is_dir()
                and m.filename.lower().endswith(_CAPTION_SUFFIXES)
                and not PurePosixPath(m.filename).name.startswith(".")
            ]
            if len(found) != 1:
                problem = (
                    _("the package holds no caption file.")
                    if not found
                    else _("the package holds several caption files: %(names)s.")
                    % {"names": ", ".join(m.filename for m in found)}
                )
                raise UsageError(located(path, 0, problem), path=path)
            member = found[0]
            return member.filename, read_member(archive, member, path, MAX_MEMBER_BYTES)
    except (zipfile.BadZipFile, ValueError, OSError, KeyError, EOFError, zlib.error) as error:
        problem = _("the file is not a readable zip package (%(reason)s).") % {
            "reason": library_reason(error)
        }
        raise UsageError(located(path, 0, problem), path=path) from None

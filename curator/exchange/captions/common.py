"""What every caption-file format shares: notes, the record of origin, statuses, errors."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from curator import __version__
from curator.core.errors import UsageError
from curator.core.language.text import nfc
from curator.core.model import CaptionStatus
from curator.core.publishing.catalogue_texts import MAX_FOREWORD_CHARS
from curator.core.translators.caption_exchange import (
    ExchangeHeader,
    FileUnit,
    IncomingEntry,
    is_unit_key,
)
from curator.exchange import located
from curator.i18n import _

GENERATOR = f"Curator {__version__}"

#: Longer texts are refused: no caption is this long, nor the catalogue's foreword (a
#: hostile file may try).
MAX_TEXT_CHARS = max(20_000, MAX_FOREWORD_CHARS)
#: More entries than this are refused: no exhibition has that many captions (a file of
#: 10,000 photos holds 30,000).
MAX_ENTRIES = 100_000

#: The note on the entry that closes a PO file (see ``END_KEY``); a tool that converts the
#: PO to another format keeps it, so the mark is known there too.
END_NOTE = "curator: the end of the file; nothing to translate"

_MARKER = re.compile(r"curator:\s*revision=(\d{1,9})\s*;?\s*source=([0-9a-f]{6,64})")


def marker(unit: FileUnit) -> str:
    """The record of what a unit was made from, as one line of text."""
    return f"curator: revision={unit.revision} source={unit.source_hash}"


def parse_marker(text: str) -> tuple[int, str] | None:
    """The revision and source hash a marker line holds, or ``None``."""
    found = _MARKER.search(text)
    if found is None:
        return None
    return int(found.group(1)), found.group(2)


def header_fields(text: str) -> dict[str, str]:
    """A PO header's ``Name: value`` lines, names casefolded (``x-curator-project``...).

    translate-toolkit's ``po2xliff`` keeps the header as a unit of its own, so an XLIFF
    made from a PO reads its project, export and languages from there.
    """
    fields: dict[str, str] = {}
    for line in text.splitlines():
        name, separator, value = line.partition(":")
        if separator:
            fields[name.strip().casefold()] = value.strip()
    return fields


def note_lines(unit: FileUnit) -> list[str]:
    """The unit's notes for the translator, one ``label: text`` per note."""
    return [f"{note.label}: {note.text}" for note in unit.notes]


def intro(header: ExchangeHeader) -> str:
    """One sentence for the top of a file: what it is and what to do."""
    return _(
        "Captions of “%(title)s” to translate from %(source)s into %(target)s. Fill in the "
        "translations only; keep the keys. Made by %(generator)s on %(date)s."
    ) % {
        "title": header.project_title,
        "source": header.source_language,
        "target": header.target_language,
        "generator": GENERATOR,
        "date": header.created_at.date().isoformat(),
    }


def checked_text(text: str, path: Path, line: int) -> str:
    """NFC text from a file, refusing absurd lengths."""
    if len(text) > MAX_TEXT_CHARS:
        problem = _("a text is longer than %(limit)d characters.") % {"limit": MAX_TEXT_CHARS}
        raise UsageError(located(path, line, problem), path=path)
    return nfc(text)


def check_entry_count(count: int, path: Path) -> None:
    """Refuse a file with more entries than any exhibition has."""
    if count > MAX_ENTRIES:
        problem = _("the file has more than %(limit)d entries; it was refused.") % {
            "limit": MAX_ENTRIES
        }
        raise UsageError(located(path, 0, problem), path=path)


def not_ours(path: Path, line: int, what: str) -> UsageError:
    """The error for a file that is not a Curator caption file."""
    problem = _(
        "this is not a Curator caption file (%(what)s). Import files that Curator exported "
        "for translators (Export for Translator)."
    ) % {"what": what}
    return UsageError(located(path, line, problem), path=path)


def require_ours(path: Path, entries: Iterable[IncomingEntry], has_header: bool) -> None:
    """Refuse a file whose header and keys show it was not made by Curator."""
    if has_header:
        return
    listed = list(entries)
    if not listed:
        raise not_ours(path, 0, _("it holds no captions"))
    if not any(is_unit_key(entry.key) for entry in listed if not entry.problem):
        first = listed[0]
        if first.key:
            what = _("its first entry has the id “%(key)s”, not PHOTO_ID|field") % {
                "key": first.key
            }
        else:
            what = _("its first entry, “%(text)s”, has no PHOTO_ID|field key") % {
                "text": (first.source or "")[:40]
            }
        raise not_ours(path, first.line, what)


# -- statuses --------------------------------------------------------------------------

#: The state of an XLIFF 1.2 <alt-trans> proposal (the draft a unit carries).
XLIFF12_STATE = {
    CaptionStatus.EMPTY: "needs-translation",
    CaptionStatus.DRAFT: "translated",
    CaptionStatus.NEEDS_REVIEW: "needs-review-translation",
    CaptionStatus.FINAL: "final",
}

#: An XLIFF 1.2 target that still holds the copy of the source the export wrote.
UNTOUCHED_STATE = "new"

NEEDS_REVIEW_SUBSTATE = "curator:needs-review"

XLIFF20_STATE = {
    CaptionStatus.EMPTY: "initial",
    CaptionStatus.DRAFT: "translated",
    CaptionStatus.NEEDS_REVIEW: "translated",
    CaptionStatus.FINAL: "final",
}

#: XLIFF 1.2 states that ask for another look at a translation.
_REVIEW_STATES_12 = frozenset(
    {
        "needs-translation",
        "needs-adaptation",
        "needs-l10n",
        "needs-review-translation",
        "needs-review-adaptation",
        "needs-review-l10n",
    }
)


def status_from_xliff12(
    state: str | None, approved: str | None, has_text: bool = True
) -> CaptionStatus | None:
    """Curator's status for an XLIFF 1.2 target (``None``: translated, nothing finer).

    ``approved="yes"``, ``final`` and ``signed-off`` are final (the plan lets that confirm
    an unchanged text only); a ``needs-…`` state on a text (translate-toolkit writes a
    fuzzy entry as ``needs-translation``) needs review; ``new`` and ``translated`` are plain
    translations (OmegaT fills the target and leaves the state as the export wrote it).
    """
    if approved == "yes" or state in ("final", "signed-off"):
        return CaptionStatus.FINAL
    if has_text and state in _REVIEW_STATES_12:
        return CaptionStatus.NEEDS_REVIEW
    return None


def status_from_xliff20(state: str | None, sub_state: str | None) -> CaptionStatus | None:
    """Curator's status for an XLIFF 2.0 segment state.

    ``final`` and ``reviewed`` are final (confirming an unchanged text only);
    ``translated`` and ``initial`` are plain translations; Curator's own sub-state
    ``curator:needs-review`` refines ``translated`` into needs review.
    """
    if sub_state == NEEDS_REVIEW_SUBSTATE and state in (None, "initial", "translated"):
        return CaptionStatus.NEEDS_REVIEW
    if state in ("final", "reviewed"):
        return CaptionStatus.FINAL
    return None


_TABLE_STATUS = {
    "": None,
    "translated": None,
    "fuzzy": CaptionStatus.NEEDS_REVIEW,
    "needs review": CaptionStatus.NEEDS_REVIEW,
    "needs_review": CaptionStatus.NEEDS_REVIEW,
}


def status_from_table(text: str) -> CaptionStatus | None:
    """Curator's status for a spreadsheet's ``status`` cell.

    Raises:
        ValueError: a value that is no status.
    """
    lowered = text.strip().casefold()
    if lowered in _TABLE_STATUS:
        return _TABLE_STATUS[lowered]
    status = CaptionStatus(lowered)
    return None if status == CaptionStatus.EMPTY else status

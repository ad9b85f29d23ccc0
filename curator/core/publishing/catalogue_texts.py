"""The catalogue's own texts: title, foreword and signatory, organisers, imprint.

Each text is kept per content language (``curator catalogue texts PROJECT --set title ru
"…"``); the ISBN is one for the book, stored without a language. Organisers are one name per
line. The organisers' logos and the signatory's signature are images kept in the project
file (SVG, PDF or PNG); core only checks what they are by their first bytes and their size,
``curator.export`` draws them.

A language without a title is never given another language's: the catalogue leaves that
line out and preflight says so (:func:`missing_titles`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from curator.core.errors import UsageError
from curator.core.language.languages import not_a_project_language
from curator.core.language.text import clean_line, clean_text
from curator.core.repositories.catalogue import KeptText
from curator.core.repositories.catalogue import StoredAsset as StoredAsset
from curator.core.services import ProjectService
from curator.i18n import N_, _


class TextKey(StrEnum):
    """The texts of the catalogue's own, in the order the editor shows them."""

    TITLE = "title"
    SUBTITLE = "subtitle"
    FOREWORD = "foreword"
    SIGNATORY_NAME = "signatory_name"
    SIGNATORY_TITLE = "signatory_title"
    ORGANISERS = "organisers"
    EDITION = "edition"
    PRINT_RUN = "print_run"
    PRINTER = "printer"
    PAPER = "paper"
    ISBN = "isbn"
    COPYRIGHT = "copyright"


_BREAKS = re.compile(r"[ \t\n]*[\t\n][ \t\n]*| {2,}")
#: Texts of several lines (the others are one line: line breaks become spaces).
MULTILINE_KEYS = frozenset({TextKey.FOREWORD, TextKey.ORGANISERS})
#: Texts that are one for the book, whatever the language.
NEUTRAL_KEYS = frozenset({TextKey.ISBN})
#: The longest text of each kind, in characters (a foreword of some 15 pages).
MAX_LINE_CHARS = 400
MAX_FOREWORD_CHARS = 40_000

KEY_LABELS: dict[TextKey, str] = {
    TextKey.TITLE: N_("Title"),
    TextKey.SUBTITLE: N_("Subtitle"),
    TextKey.FOREWORD: N_("Foreword"),
    TextKey.SIGNATORY_NAME: N_("Signed by (name)"),
    TextKey.SIGNATORY_TITLE: N_("Signatory's title"),
    TextKey.ORGANISERS: N_("Organisers (one per line)"),
    TextKey.EDITION: N_("Edition"),
    TextKey.PRINT_RUN: N_("Print run"),
    TextKey.PRINTER: N_("Printer"),
    TextKey.PAPER: N_("Paper"),
    TextKey.ISBN: N_("ISBN"),
    TextKey.COPYRIGHT: N_("Copyright line"),
}


class AssetRole(StrEnum):
    """What an image is for."""

    LOGO = "logo"
    SIGNATURE = "signature"


#: Media types by their files' first bytes; SVG is recognised by its root element.
MEDIA_TYPES = {"png": "image/png", "pdf": "application/pdf", "svg": "image/svg+xml"}
#: The largest logo or signature file taken in (a vector logo is rarely over 1 MB).
MAX_ASSET_BYTES = 8 * 1024 * 1024
#: The most logos a catalogue carries (four rows across an A4 colophon).
MAX_LOGOS = 24


@dataclass(frozen=True, slots=True)
class CatalogueTexts:
    """Every text and image of the catalogue's own, as stored."""

    texts: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    logos: tuple[StoredAsset, ...] = ()
    signature: StoredAsset | None = None
    #: Translators' texts kept beside the curator's (both changed one; see
    #: :mod:`curator.core.translators.catalogue_exchange`).
    kept: tuple[KeptText, ...] = ()

    def get(self, key: TextKey, language: str) -> str:
        """The text in ``language`` ("" when not set); the ISBN in any language."""
        values = self.texts.get(key.value, {})
        return values.get("" if key in NEUTRAL_KEYS else language, "")

    def assets(self) -> tuple[StoredAsset, ...]:
        """Every image: the logos, then the signature."""
        return (*self.logos, *([self.signature] if self.signature else []))

    def organisers(self, language: str) -> tuple[str, ...]:
        """The organisers' names in ``language``, one per line as written."""
        text = self.get(TextKey.ORGANISERS, language)
        return tuple(line.strip() for line in text.split("\n") if line.strip())


def parse_key(name: str) -> TextKey:
    """The key named ``name``.

    Raises:
        UsageError: Not one of the keys.
    """
    try:
        return TextKey(name.strip().lower().replace("-", "_"))
    except ValueError:
        raise UsageError(
            _("“%(key)s” is not a catalogue text; the texts are %(keys)s.")
            % {"key": name, "keys": ", ".join(key.value for key in TextKey)}
        ) from None


def isbn_problem(text: str) -> str | None:
    """Why ``text`` is not a valid ISBN-10 or ISBN-13 (None when it is).

    Hyphens and spaces are allowed between the digits; an ISBN-10 may end in X.
    """
    digits = "".join(ch for ch in text if ch not in "- ").upper()
    if text.upper().startswith("ISBN"):
        digits = digits[4:].lstrip(":")
    if len(digits) == 13 and digits.isdigit():
        total = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(digits[:12]))
        if (10 - total % 10) % 10 == int(digits[12]):
            return None
        return _("its check digit should be %(digit)d") % {"digit": (10 - total % 10) % 10}
    if len(digits) == 10 and digits[:9].isdigit() and (digits[9].isdigit() or digits[9] == "X"):
        total = sum(int(d) * (10 - i) for i, d in enumerate(digits[:9]))
        check = (11 - total % 11) % 11
        expected = "X" if check == 10 else str(check)
        if digits[9] == expected:
            return None
        return _("its check digit should be %(digit)s") % {"digit": expected}
    return _("an ISBN has 10 or 13 digits")


def clean_value(key: TextKey, text: str) -> str:
    """The text as stored: NFC, no control characters, one line unless the key has several.

    Raises:
        UsageError: Too long, or an ISBN whose check digit is wrong.
    """
    cleaned = clean_text(text)
    if key not in MULTILINE_KEYS:
        # Line breaks and tabs become one space; no-break spaces (before "г.", in "68 лет")
        # are typography and stay.
        cleaned = clean_line(_BREAKS.sub(" ", cleaned))
    limit = MAX_FOREWORD_CHARS if key in MULTILINE_KEYS else MAX_LINE_CHARS
    if len(cleaned) > limit:
        raise UsageError(
            _("The catalogue's %(key)s is %(length)d characters long; at most %(limit)d fit.")
            % {"key": key.value, "length": len(cleaned), "limit": limit}
        )
    if key is TextKey.ISBN and cleaned:
        problem = isbn_problem(cleaned)
        if problem:
            raise UsageError(
                _("%(isbn)s is not a valid ISBN: %(problem)s.")
                % {"isbn": cleaned, "problem": problem}
            )
    return cleaned


def read_texts(service: ProjectService) -> CatalogueTexts:
    """The catalogue's texts and images as stored."""
    repo = service.catalogue
    signatures = repo.assets(AssetRole.SIGNATURE.value)
    return CatalogueTexts(
        repo.texts(),
        tuple(repo.assets(AssetRole.LOGO.value)),
        signatures[-1] if signatures else None,
        tuple(repo.kept()),
    )


@dataclass(frozen=True, slots=True)
class TextEdit:
    """One text set: what it was, so the edit can be undone."""

    key: TextKey
    language: str
    text: str
    before: str


def plan_texts(
    service: ProjectService, values: Sequence[tuple[str | TextKey, str, str]]
) -> list[TextEdit]:
    """What setting ``(key, language, text)`` values would change (nothing is written).

    ``language`` is a project language (``-`` or any language for the ISBN). An empty text
    removes the value.

    Raises:
        UsageError: An unknown key or language, a text too long, a wrong ISBN. Nothing is
            changed then.
    """
    languages = service.project.languages()
    stored = service.catalogue.texts()
    edits: list[TextEdit] = []
    for raw_key, raw_language, text in values:
        key = raw_key if isinstance(raw_key, TextKey) else parse_key(raw_key)
        language = raw_language.strip()
        if key in NEUTRAL_KEYS:
            language = ""
        elif language not in languages:
            raise not_a_project_language(language, languages)
        cleaned = clean_value(key, text)
        before = stored.get(key.value, {}).get(language, "")
        if cleaned != before:
            edits.append(TextEdit(key, language, cleaned, before))
    return edits


def set_texts(
    service: ProjectService, values: Sequence[tuple[str | TextKey, str, str]]
) -> list[TextEdit]:
    """Set ``(key, language, text)`` values as one edit; returns what changed.

    The operation is ``service.operations.catalogue.set_texts``; see :func:`plan_texts`.
    """
    edits = plan_texts(service, values)
    service.operations.catalogue.write_texts([(e.key.value, e.language, e.text) for e in edits])
    return edits


def undo_texts(service: ProjectService, edits: Sequence[TextEdit]) -> None:
    """Put back what ``edits`` replaced, as one edit."""
    values = [(e.key.value, e.language, e.before) for e in reversed(edits)]
    service.operations.catalogue.write_texts(values)


def redo_texts(service: ProjectService, edits: Sequence[TextEdit]) -> None:
    """Apply ``edits`` again, as one edit."""
    service.operations.catalogue.write_texts([(e.key.value, e.language, e.text) for e in edits])


def sniff_media_type(data: bytes) -> str | None:
    """``image/png``, ``application/pdf`` or ``image/svg+xml`` by the first bytes."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return MEDIA_TYPES["png"]
    if data.lstrip()[:5] == b"%PDF-":
        return MEDIA_TYPES["pdf"]
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if (head.startswith(b"<?xml") or head.startswith(b"<svg") or head.startswith(b"<!--")) and (
        b"<svg" in head
    ):
        return MEDIA_TYPES["svg"]
    return None


def check_asset(name: str, data: bytes) -> str:
    """The media type of an image the catalogue may carry.

    Raises:
        UsageError: Too large, or not SVG, PDF or PNG.
    """
    if len(data) > MAX_ASSET_BYTES:
        raise UsageError(
            _("%(file)s is too large for a logo (%(size)d MB; at most %(limit)d MB).")
            % {
                "file": name,
                "size": len(data) // (1024 * 1024),
                "limit": MAX_ASSET_BYTES // (1024 * 1024),
            }
        )
    media_type = sniff_media_type(data)
    if media_type is None:
        raise UsageError(
            _("%(file)s is not an SVG, PDF or PNG file; logos and signatures must be one.")
            % {"file": name}
        )
    return media_type


def add_asset(service: ProjectService, role: AssetRole, name: str, data: bytes) -> StoredAsset:
    """Keep an image in the project (a logo after the others; a signature replaces one).

    Raises:
        UsageError: Not an image the catalogue can carry (see :func:`check_asset`).
    """
    return service.operations.catalogue.add_image(role, name, data)[0]


def remove_asset(service: ProjectService, asset_id: int) -> StoredAsset:
    """Forget an image; returns it (to put back on undo).

    Raises:
        UsageError: No image has that id.
    """
    return service.operations.catalogue.remove_image(asset_id)[0]


def change_catalogue(
    service: ProjectService,
    values: Sequence[tuple[str | TextKey, str, str]],
    remove: Sequence[int] = (),
    add: Sequence[tuple[AssetRole, str, bytes]] = (),
) -> None:
    """Set texts, remove images, then add images, all as one edit: whole or not at all.

    Raises:
        UsageError: what :func:`set_texts`, :func:`remove_asset` or :func:`add_asset`
            refuses; nothing is changed then.
    """
    service.operations.catalogue.change(values, remove, add)


def restore_asset(service: ProjectService, asset: StoredAsset) -> None:
    """Put a removed image back (undo)."""
    service.operations.records.swap_assets([], [asset])


def missing_titles(service: ProjectService, languages: Sequence[str]) -> list[str]:
    """The languages among ``languages`` that have no catalogue title."""
    titles = service.catalogue.texts().get(TextKey.TITLE.value, {})
    return [tag for tag in languages if not titles.get(tag)]


@dataclass(frozen=True, slots=True)
class TextsOverview:
    """What the catalogue will print of its own, in short (for the Export dialog)."""

    titled: tuple[str, ...]
    untitled: tuple[str, ...]
    forewords: tuple[str, ...]
    logos: int
    signature: bool


def overview(texts: CatalogueTexts, languages: Sequence[str]) -> TextsOverview:
    """Which of ``languages`` have a title and a foreword; how many images there are."""
    return TextsOverview(
        tuple(tag for tag in languages if texts.get(TextKey.TITLE, tag)),
        tuple(tag for tag in languages if not texts.get(TextKey.TITLE, tag)),
        tuple(tag for tag in languages if texts.get(TextKey.FOREWORD, tag)),
        len(texts.logos),
        texts.signature is not None,
    )


def texts_json(texts: CatalogueTexts, languages: Sequence[str]) -> dict[str, object]:
    """The JSON of ``curator catalogue texts --json``."""
    values: dict[str, object] = {}
    for key in TextKey:
        if key in NEUTRAL_KEYS:
            values[key.value] = texts.get(key, "")
        else:
            values[key.value] = {tag: texts.get(key, tag) for tag in languages}
    assets = texts.assets()
    return {
        "texts": values,
        "assets": [
            {
                "id": a.id,
                "role": a.role,
                "name": a.name,
                "media_type": a.media_type,
                "bytes": len(a.data),
            }
            for a in assets
        ],
        "kept_translations": [
            {
                "id": kept.id,
                "key": kept.key,
                "language": kept.language,
                "current": texts.texts.get(kept.key, {}).get(kept.language, ""),
                "kept": kept.text,
                "origin": kept.origin,
            }
            for kept in texts.kept
        ],
    }

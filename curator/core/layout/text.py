"""Caption text broken into lines and placed in blocks, with length budgets.

Lines are broken greedily on spaces (a no-break space holds); a word wider than the
column is split between characters, never between a letter and its combining marks. Every
width comes from a :class:`~curator.core.layout.style.TextMeasure`, so these are the lines
the PDF prints and the canvas draws.

A block's *budget* is the number of characters of ordinary text in that language that
fit in the room the block leaves for the caption field, once the headline (at least one
line), the place/date line and the credit (at least one line) have taken theirs. It is found
by setting a representative sample of the language (see ``_SAMPLES``) into that room with
the same line breaking, so the ragged right edge and the language's typical letters are
counted; it does not depend on the text now in the block, so a translator's budget stays
put while they type.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from curator.core.language.text import nfc
from curator.core.language.typography import hyphenated_run_allows
from curator.core.layout.geometry import EPSILON_MM, Rect
from curator.core.layout.style import CaptionStyle, TextMeasure, TextRole
from curator.core.model import CaptionField

# Spaces that break lines: every Unicode space except the no-break ones.
_BREAKING_SPACE = re.compile(r"[^\S\u00a0\u2007\u202f]+")

_SAMPLES = {
    "vi": (
        "Các phóng viên ảnh đã ghi lại những khoảnh khắc đáng nhớ của cuộc gặp gỡ giữa hai "
        "hãng thông tấn, từ phòng họp báo ở Hà Nội đến những con phố đầy tuyết ở Mát-xcơ-va."
    ),
    "ru": (
        "Фотокорреспонденты запечатлели памятные минуты встречи двух информационных "
        "агентств, от пресс-центра в Ханое до заснеженных улиц Москвы."
    ),
    "en": (
        "Photographers recorded the memorable moments of the meeting between the two news "
        "agencies, from the press room in Hanoi to the snowy streets of Moscow."
    ),
    "el": (
        "Οι φωτογράφοι κατέγραψαν τις αξέχαστες στιγμές της συνάντησης των δύο πρακτορείων "
        "ειδήσεων, από την αίθουσα τύπου στο Ανόι μέχρι τους χιονισμένους δρόμους της Μόσχας."
    ),
}
# Languages written in Cyrillic take the Russian sample; any other the English one.
_CYRILLIC = frozenset({"ru", "uk", "be", "bg", "sr", "mk", "kk", "ky", "mn", "tg", "tt", "ba"})

#: Where a word may be hyphenated: offsets into the word (``0 < offset < len(word)``). An
#: offset just after a hyphen the word already has breaks there without adding another.
Hyphenate = Callable[[str], Sequence[int]]


@dataclass(frozen=True, slots=True)
class BrokenLine:
    """A line as broken: its text, and how it goes on into the next line.

    ``hyphenated``: the line ends in a hyphen that is not in the text (a word was divided);
    ``joins_next``: the next line continues the same word (no space between them).
    """

    text: str
    hyphenated: bool = False
    joins_next: bool = False


@dataclass(frozen=True, slots=True)
class CaptionLine:
    """One line of caption text, placed: ``baseline_mm`` is from the panel's top."""

    text: str
    font: str
    size_pt: float
    x_mm: float
    baseline_mm: float
    field: CaptionField
    overflows: bool = False
    hyphenated: bool = False
    joins_next: bool = False


@dataclass(frozen=True, slots=True)
class CaptionBlock:
    """One language's caption under a photo.

    Attributes:
        language: The content-language tag.
        rect: The room the block has.
        lines: Every line, those past the bottom of ``rect`` included (``overflows``).
        fits: Whether all lines are inside ``rect``.
        budget_chars: Characters of ordinary text the caption field has room for.
        missing: Characters the fonts lack (the PDF would print nothing for them).
        headline_budget_chars: Characters the headline has room for (at most two lines).
    """

    language: str
    rect: Rect
    lines: tuple[CaptionLine, ...]
    fits: bool
    budget_chars: int
    missing: str = ""
    headline_budget_chars: int = 0


_NO_BREAK = frozenset("\u00a0\u2007\u202f")


def _clusters(word: str) -> list[str]:
    """The units a too-wide word may be split between.

    A letter with its combining marks, and a no-break space with the characters on both
    sides (so a split never starts a line with what the space holds to the line before, such
    as a dash).
    """
    clusters: list[str] = []
    glue = False
    for char in word:
        if clusters and (unicodedata.combining(char) or glue or char in _NO_BREAK):
            clusters[-1] += char
        else:
            clusters.append(char)
        glue = char in _NO_BREAK
    return clusters


def _split_word(
    word: str, width_mm: float, font: str, size_pt: float, measure: TextMeasure
) -> list[str]:
    pieces: list[str] = []
    current = ""
    for cluster in _clusters(word):
        candidate = current + cluster
        if current and measure.width_mm(candidate, font, size_pt) > width_mm + EPSILON_MM:
            pieces.append(current)
            current = cluster
        else:
            current = candidate
    pieces.append(current)
    return pieces


def break_lines(
    text: str,
    width_mm: float,
    font: str,
    size_pt: float,
    measure: TextMeasure,
    hyphenate: Hyphenate | None = None,
) -> list[str]:
    """Break ``text`` into lines no wider than ``width_mm``.

    Args:
        text: The text; normalised to NFC first. A newline starts a new line.
        width_mm: The column width.
        font: The font name the measure knows.
        size_pt: The type size in points.
        measure: The text measure.
        hyphenate: Where words may be divided (None: never; a word wider than the column
            is still split between characters).

    Returns:
        The lines, without leading or trailing spaces; empty for blank text.
    """
    return [line.text for line in break_text(text, width_mm, font, size_pt, measure, hyphenate)]


def _divide(
    word: str,
    room_mm: float,
    font: str,
    size_pt: float,
    measure: TextMeasure,
    points: Sequence[int],
) -> tuple[str, str, bool] | None:
    """The longest head of ``word`` that fits ``room_mm`` with its hyphen: (head, rest, added)."""
    for point in sorted(points, reverse=True):
        if not 0 < point < len(word):
            continue
        added = word[point - 1] != "-"
        head = word[:point] + ("-" if added else "")
        if measure.width_mm(head, font, size_pt) <= room_mm + EPSILON_MM:
            return head, word[point:], added
    return None


def break_text(
    text: str,
    width_mm: float,
    font: str,
    size_pt: float,
    measure: TextMeasure,
    hyphenate: Hyphenate | None = None,
) -> list[BrokenLine]:
    """Like :func:`break_lines`, saying where a line divides a word (see :class:`BrokenLine`)."""
    lines: list[BrokenLine] = []
    space = measure.width_mm(" ", font, size_pt)
    for paragraph in nfc(text).split("\n"):
        current = ""
        for word in _BREAKING_SPACE.split(paragraph.strip()):
            if not word:
                continue
            while word:
                candidate = f"{current} {word}" if current else word
                if measure.width_mm(candidate, font, size_pt) <= width_mm + EPSILON_MM:
                    current, word = candidate, ""
                    break
                used = measure.width_mm(current, font, size_pt) + space if current else 0.0
                run = [line.hyphenated for line in lines]
                points = (
                    hyphenate(word) if hyphenate is not None and hyphenated_run_allows(run) else ()
                )
                divided = _divide(word, width_mm - used, font, size_pt, measure, points)
                if divided is not None:
                    head, word, added = divided
                    lines.append(BrokenLine(f"{current} {head}" if current else head, added, True))
                    current = ""
                    continue
                if current:
                    lines.append(BrokenLine(current))
                    current = ""
                    continue
                pieces = _split_word(word, width_mm, font, size_pt, measure)
                lines.extend(BrokenLine(piece, joins_next=True) for piece in pieces[:-1])
                current, word = pieces[-1], ""
        if current:
            lines.append(BrokenLine(current))
    return lines


def balanced_lines(
    text: str, width_mm: float, font: str, size_pt: float, measure: TextMeasure
) -> list[BrokenLine]:
    """A title's or headline's lines, never hyphenated, balanced.

    Broken in the narrowest measure that needs no more lines than ``width_mm`` does, so the
    last line is not one word left alone (unless the text is a single word, or one line).
    """
    lines = break_text(text, width_mm, font, size_pt, measure)
    if len(lines) < 2:
        return lines
    low, high = width_mm / len(lines), width_mm
    for _step in range(14):
        middle = (low + high) / 2
        if len(break_text(text, middle, font, size_pt, measure)) <= len(lines):
            high = middle
        else:
            low = middle
    return _no_lone_last_word(break_text(text, high, font, size_pt, measure), width_mm, font,
                              size_pt, measure)  # fmt: skip


def _no_lone_last_word(
    lines: list[BrokenLine], width_mm: float, font: str, size_pt: float, measure: TextMeasure
) -> list[BrokenLine]:
    """No single word alone on the last line, where it can be helped.

    When the last line is one word, the last word of the line before comes down if both
    fit the full measure (in a narrow column that cannot be done: then it stays).
    """
    if len(lines) < 2 or " " in lines[-1].text or lines[-2].joins_next:
        return lines
    head, _space, moved = lines[-2].text.rpartition(" ")
    if not head:
        return lines
    last = f"{moved} {lines[-1].text}"
    if measure.width_mm(last, font, size_pt) > width_mm + EPSILON_MM:
        return lines
    return [*lines[:-2], BrokenLine(head), BrokenLine(last)]


def _paragraphs(fields: Mapping[CaptionField, str]) -> list[tuple[CaptionField, TextRole, str]]:
    def text(field: CaptionField) -> str:
        return nfc(fields.get(field, "") or "").strip()

    place_date = ", ".join(t for t in (text(CaptionField.PLACE), text(CaptionField.DATE)) if t)
    candidates = [
        (CaptionField.HEADLINE, TextRole.HEADLINE, text(CaptionField.HEADLINE)),
        (CaptionField.CAPTION, TextRole.BODY, text(CaptionField.CAPTION)),
        (CaptionField.PLACE, TextRole.CREDIT, place_date),
        (CaptionField.CREDIT, TextRole.CREDIT, text(CaptionField.CREDIT)),
    ]
    return [item for item in candidates if item[2]]


def _sample(language: str) -> str:
    primary = language.split("-")[0].lower()
    if primary in _SAMPLES:
        return _SAMPLES[primary]
    return _SAMPLES["ru"] if primary in _CYRILLIC else _SAMPLES["en"]


def sample_fill(
    language: str, width_mm: float, lines: int, font: str, size_pt: float, measure: TextMeasure
) -> int:
    """How many characters of the language's sample text fill ``lines`` lines of a column."""
    if lines <= 0 or width_mm <= 0:
        return 0
    sample = _sample(language)
    per_line = width_mm / max(measure.width_mm(sample, font, size_pt) / len(sample), 1e-9)
    repeats = math.ceil((lines + 1) * (per_line + 20) / len(sample)) + 1
    broken = break_lines(" ".join([sample] * repeats), width_mm, font, size_pt, measure)
    used = broken[:lines]
    # The spaces where lines break are characters the translator types too.
    return sum(len(line) for line in used) + len(used) - 1


def _budget(
    language: str,
    rect: Rect,
    paragraphs: list[tuple[CaptionField, TextRole, str]],
    style: CaptionStyle,
    measure: TextMeasure,
) -> int:
    def height(role: TextRole, count: int) -> float:
        return count * measure.line_height_mm(style.font(role), style.size_pt(role))

    def lines_of(role: TextRole, text: str) -> int:
        return len(_broken(role, text, rect.width_mm, style, measure, None))

    others = [(role, text) for _field, role, text in paragraphs if role is not TextRole.BODY]
    taken = sum(height(role, lines_of(role, text)) for role, text in others)
    roles = {role for role, _text in others}
    taken += sum(
        height(role, 1) for role in (TextRole.HEADLINE, TextRole.CREDIT) if role not in roles
    )
    taken += max(len(others), 2) * style.paragraph_gap_mm
    body_line = measure.line_height_mm(style.body_font, style.body_pt)
    lines = math.floor((rect.height_mm - taken) / body_line + EPSILON_MM)
    return max(
        0, sample_fill(language, rect.width_mm, lines, style.body_font, style.body_pt, measure)
    )


#: A headline is one or two lines; its budget never counts more.
HEADLINE_MAX_LINES = 2


def _headline_budget(
    language: str,
    rect: Rect,
    paragraphs: list[tuple[CaptionField, TextRole, str]],
    style: CaptionStyle,
    measure: TextMeasure,
) -> int:
    """Characters of headline that fit once the other fields (at least a line each) are set."""

    def height(role: TextRole, text: str) -> float:
        font, size = style.font(role), style.size_pt(role)
        count = max(1, len(_broken(role, text, rect.width_mm, style, measure, None)))
        return count * measure.line_height_mm(font, size)

    body = next((text for _field, role, text in paragraphs if role is TextRole.BODY), "")
    credits = [text for _field, role, text in paragraphs if role is TextRole.CREDIT] or [""]
    taken = height(TextRole.BODY, body) + sum(height(TextRole.CREDIT, t) for t in credits)
    taken += (1 + len(credits)) * style.paragraph_gap_mm
    line = measure.line_height_mm(style.headline_font, style.headline_pt)
    lines = min(HEADLINE_MAX_LINES, math.floor((rect.height_mm - taken) / line + EPSILON_MM))
    font, size = style.headline_font, style.headline_pt
    return max(0, sample_fill(language, rect.width_mm, lines, font, size, measure))


def caption_height_mm(
    fields: Mapping[CaptionField, str], width_mm: float, style: CaptionStyle, measure: TextMeasure
) -> float:
    """The height one language's caption needs in a column this wide (0 when it is empty).

    The same sum :func:`caption_block` makes: each paragraph's lines at its role's line
    height, and a paragraph gap between paragraphs; so a block at least this tall fits.
    """
    height = 0.0
    for index, (_field, role, text) in enumerate(_paragraphs(fields)):
        if index:
            height += style.paragraph_gap_mm
        font, size = style.font(role), style.size_pt(role)
        count = len(_broken(role, text, width_mm, style, measure, None))
        height += count * measure.line_height_mm(font, size)
    return height


def _broken(
    role: TextRole,
    text: str,
    width_mm: float,
    style: CaptionStyle,
    measure: TextMeasure,
    hyphenate: Hyphenate | None,
) -> list[BrokenLine]:
    """A caption paragraph's lines.

    The headline balanced and never hyphenated, the credit (names) never hyphenated, the
    caption text hyphenated as the language allows.
    """
    font, size = style.font(role), style.size_pt(role)
    if role is TextRole.HEADLINE:
        return balanced_lines(text, width_mm, font, size, measure)
    points = hyphenate if role is TextRole.BODY else None
    return break_text(text, width_mm, font, size, measure, points)


def caption_block(
    language: str,
    rect: Rect,
    fields: Mapping[CaptionField, str],
    style: CaptionStyle,
    measure: TextMeasure,
    hyphenate: Hyphenate | None = None,
    with_budget: bool = True,
) -> CaptionBlock:
    """Set one language's caption fields into ``rect``.

    The headline, the caption, a "place, date" line and the credit follow one another,
    each broken to the block's width in its role's font. Lines that do not fit are kept
    and marked, so the canvas and the preflight can show the overflow.

    Args:
        language: The content-language tag.
        rect: The room for the block, in the panel's millimetres.
        fields: The caption's text per field (empty or missing fields are left out).
        style: The product's caption style.
        measure: The text measure.
        hyphenate: Where the language may divide the caption text's words (None: never;
            the headline and the credit are never divided).
        with_budget: Compute the length budget (the catalogue, which sends no budgets to
            translators, skips it: it costs more than setting the caption).

    Returns:
        The placed block.
    """
    paragraphs = _paragraphs(fields)
    lines: list[CaptionLine] = []
    missing: dict[str, None] = {}
    top = rect.y_mm
    for index, (field, role, text) in enumerate(paragraphs):
        if index:
            top += style.paragraph_gap_mm
        font, size = style.font(role), style.size_pt(role)
        line_height = measure.line_height_mm(font, size)
        ascent = measure.ascent_mm(font, size)
        missing.update(dict.fromkeys(measure.missing_characters(text, font)))
        for line in _broken(role, text, rect.width_mm, style, measure, hyphenate):
            overflows = top + line_height > rect.bottom_mm + EPSILON_MM
            lines.append(
                CaptionLine(
                    line.text,
                    font,
                    size,
                    rect.x_mm,
                    top + ascent,
                    field,
                    overflows,
                    line.hyphenated,
                    line.joins_next,
                )
            )
            top += line_height
    return CaptionBlock(
        language=language,
        rect=rect,
        lines=tuple(lines),
        fits=not any(line.overflows for line in lines),
        budget_chars=_budget(language, rect, paragraphs, style, measure) if with_budget else 0,
        missing="".join(missing),
        headline_budget_chars=_headline_budget(language, rect, paragraphs, style, measure),
    )

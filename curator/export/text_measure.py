"""The text measure of the PDF: reportlab's metrics of the bundled TrueType fonts.

Implements :class:`curator.core.layout.TextMeasure`, so ``core.layout`` breaks caption lines
with exactly the widths the PDF will print. Widths are reportlab's sums of glyph advances
(it applies no kerning, so neither do we). Text is normalised to NFC before measuring:
reportlab sets a decomposed Vietnamese letter as a base glyph plus a separate mark of its
own advance, which is both wider and drawn wrongly.

Widths are computed the way reportlab computes them (``0.001 × size × the sum of the glyphs'
advances``, whole numbers for the bundled fonts), from each word's sum remembered once:
layout measures the same words thousands of times while it tries line breaks and page
rules, and the sum of whole numbers does not depend on how it is split, so the result is
exactly reportlab's. A font with fractional advances is measured by reportlab directly.

Line height is ``max(1.2 × size, (ascent − descent) × size)``: the conventional 1.2 leading,
unless the font's own box is taller. Noto's box (1.362 em) is, because it makes room for
Vietnamese marks stacked over capitals (Ấ, Ộ); so lines never collide in print.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from reportlab.lib import rl_accel
from reportlab.pdfbase import pdfmetrics

from curator.core.layout import MM_PER_POINT
from curator.export.fonts import register_bundled_fonts

_UNSEEN: Any = object()
#: Texts whose widths are kept at most (then forgotten all at once: a bound, not an LRU).
_WIDTHS_KEPT = 200_000

#: The minimum distance between baselines, as a multiple of the type size.
LEADING = 1.2


class ReportlabMeasure:
    """Measures text in the bundled fonts, by reportlab name (e.g. ``"NotoSans-Regular"``)."""

    def __init__(self) -> None:
        self.fonts = register_bundled_fonts()
        self._faces: dict[str, Any] = {}
        #: Per font: each word's sum of advances (font units), or None when the font's
        #: advances are not whole numbers (then reportlab measures every text).
        self._words: dict[str, dict[str, int] | None] = {}
        #: Whole texts measured (layout asks again for each rule it tries).
        self._widths: dict[tuple[str, str, float], float] = {}
        #: Characters without a glyph, by text and font (asked again for each rule tried).
        self._missing: dict[tuple[str, str], str] = {}

    def _face(self, font: str) -> Any:
        face = self._faces.get(font)
        if face is None:
            face = pdfmetrics.getFont(font).face
            self._faces[font] = face
        return face

    def width_mm(self, text: str, font: str, size_pt: float) -> float:
        """The advance width of ``text`` (after NFC) in millimetres."""
        known = self._widths.get((text, font, size_pt))
        if known is not None:
            return known
        if len(self._widths) >= _WIDTHS_KEPT:
            self._widths.clear()
        width = self._widths[(text, font, size_pt)] = self._width_mm(text, font, size_pt)
        return width

    def _width_mm(self, text: str, font: str, size_pt: float) -> float:
        normalised = unicodedata.normalize("NFC", text)
        words = self._words.get(font, _UNSEEN)
        if words is _UNSEEN:
            words = self._words[font] = self._word_table(font)
        if words is None:
            return float(pdfmetrics.stringWidth(normalised, font, size_pt)) * MM_PER_POINT
        units = 0
        for word in normalised.split(" "):
            found = words.get(word)
            if found is None:
                found = words[word] = self._units(font, word)
            units += found
        units += normalised.count(" ") * words[" "]
        # reportlab's own arithmetic (rl_accel's stringWidth for TrueType fonts)
        return float(0.001 * size_pt * units) * MM_PER_POINT

    def _word_table(self, font: str) -> dict[str, int] | None:
        """An empty table of word sums for ``font``, or None when its widths are fractional."""
        if rl_accel.instanceStringWidthTTF.__name__ != "_py_instanceStringWidthTTF":
            return None  # a C accelerator may round differently: let it measure
        face = self._face(font)
        widths = [face.defaultWidth, *face.charWidths.values()]
        if not all(isinstance(width, int) for width in widths):
            return None
        return {" ": self._units(font, " "), "": 0}

    def _units(self, font: str, text: str) -> int:
        face = self._face(font)
        get = face.charWidths.get
        default = face.defaultWidth
        return sum(get(ord(char), default) for char in text)

    def line_height_mm(self, font: str, size_pt: float) -> float:
        """Baseline to baseline, in millimetres (see the module's note on leading)."""
        face = self._face(font)
        box = (float(face.ascent) - float(face.descent)) / 1000.0
        return max(LEADING, box) * size_pt * MM_PER_POINT

    def ascent_mm(self, font: str, size_pt: float) -> float:
        """Top of the line box to the baseline, in millimetres.

        When the leading is larger than the font's box the extra space is shared above and
        below, so the text sits in the middle of its line.
        """
        face = self._face(font)
        ascent = float(face.ascent)
        box = (ascent - float(face.descent)) / 1000.0
        extra = max(0.0, LEADING - box) / 2
        return (ascent / 1000.0 + extra) * size_pt * MM_PER_POINT

    def missing_characters(self, text: str, font: str) -> str:
        """Distinct characters of ``text`` (after NFC) without a glyph in ``font``.

        Control characters (line breaks) and format characters (joiners, soft hyphens) are
        never printed as glyphs and so are not reported.
        """
        known = self._missing.get((text, font))
        if known is not None:
            return known
        if len(self._missing) >= _WIDTHS_KEPT:
            self._missing.clear()
        missing = self._missing[(text, font)] = self._missing_characters(text, font)
        return missing

    def _missing_characters(self, text: str, font: str) -> str:
        cmap = self._face(font).charToGlyph
        found: dict[str, None] = {}
        for char in unicodedata.normalize("NFC", text):
            if unicodedata.category(char) in {"Cc", "Cf"}:
                continue
            if ord(char) not in cmap:
                found[char] = None
        return "".join(found)

"""The text measure of the PDF: reportlab's metrics of the bundled TrueType fonts.

Implements :class:`curator.core.layout.TextMeasure`, so ``core.layout`` breaks caption lines
with exactly the widths the PDF will print. Widths are reportlab's sums of glyph advances
(it applies no kerning, so neither do we). Text is normalised to NFC before measuring:
reportlab sets a decomposed Vietnamese letter as a base glyph plus a separate mark of its
own advance, which is both wider and drawn wrongly.

Line height is ``max(1.2 × size, (ascent − descent) × size)``: the conventional 1.2 leading,
unless the font's own box is taller. Noto's box (1.362 em) is, because it makes room for
Vietnamese marks stacked over capitals (Ấ, Ộ); so lines never collide in print.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from reportlab.pdfbase import pdfmetrics

from curator.core.layout import MM_PER_POINT
from curator.export.fonts import register_bundled_fonts

#: The minimum distance between baselines, as a multiple of the type size.
LEADING = 1.2


class ReportlabMeasure:
    """Measures text in the bundled fonts, by reportlab name (e.g. ``"NotoSans-Regular"``)."""

    def __init__(self) -> None:
        self.fonts = register_bundled_fonts()
        self._faces: dict[str, Any] = {}

    def _face(self, font: str) -> Any:
        face = self._faces.get(font)
        if face is None:
            face = pdfmetrics.getFont(font).face
            self._faces[font] = face
        return face

    def width_mm(self, text: str, font: str, size_pt: float) -> float:
        """The advance width of ``text`` (after NFC) in millimetres."""
        normalised = unicodedata.normalize("NFC", text)
        return float(pdfmetrics.stringWidth(normalised, font, size_pt)) * MM_PER_POINT

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
        cmap = self._face(font).charToGlyph
        found: dict[str, None] = {}
        for char in unicodedata.normalize("NFC", text):
            if unicodedata.category(char) in {"Cc", "Cf"}:
                continue
            if ord(char) not in cmap:
                found[char] = None
        return "".join(found)

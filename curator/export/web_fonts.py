"""The web edition's type: the bundled Noto fonts as WOFF2 subsets of the site's own text.

Vietnamese stacks diacritics (ệ, ở) and Russian needs Cyrillic; a visitor's phone may have
neither in a face that matches, so the site carries its fonts. Each face is cut down to the
characters the site's pages use (fontTools' subsetter keeps the marks' positioning and the
kerning) and compressed as WOFF2 (Brotli), some tens of kilobytes instead of the whole
font's hundreds. The SIL Open Font License goes along beside them.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

from fontTools import subset  # type: ignore[import-untyped]
from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

from curator.resources import resource

#: The faces the site uses: ``(file stem, CSS weight, CSS style)``.
WEB_FACES = (
    ("NotoSans-Regular", 400, "normal"),
    ("NotoSans-Bold", 700, "normal"),
)
FONT_LICENCE = "OFL.txt"
#: Always kept, whatever the text: digits, punctuation the pages draw themselves.
_ALWAYS = "0123456789 .,:;!?()[]«»“”‘’\"'–—-·/…&@#%+×"


def woff2_subset(stem: str, characters: Iterable[str]) -> bytes:
    """The bundled face ``stem`` cut to ``characters`` (and :data:`_ALWAYS`), as WOFF2."""
    text = "".join(sorted(set("".join(characters)) | set(_ALWAYS)))
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    with TTFont(str(resource("fonts", f"{stem}.ttf"))) as font:
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=text)
        subsetter.subset(font)
        buffer = io.BytesIO()
        font.flavor = "woff2"
        font.save(buffer)
    return buffer.getvalue()


def licence_text() -> bytes:
    """The fonts' licence, shipped beside them as it requires."""
    return resource("fonts", FONT_LICENCE).read_bytes()

"""The bundled fonts, registered with reportlab once, under their file stems.

``resources/fonts/NotoSans-Regular.ttf`` becomes the reportlab font ``"NotoSans-Regular"``;
each family (``NotoSans``, ``NotoSerif``) is also registered as a family so that bold and
italic variants can be found from the regular face. Registration is process-wide in
reportlab and idempotent here; the lock makes it safe from worker threads.
"""

from __future__ import annotations

import threading
from functools import cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from curator.resources import resource

_LOCK = threading.Lock()
_STYLES = {"Regular": (0, 0), "Bold": (1, 0), "Italic": (0, 1), "BoldItalic": (1, 1)}


@cache
def bundled_font_names() -> tuple[str, ...]:
    """The reportlab names of the bundled fonts (file stems), sorted."""
    return tuple(sorted(path.stem for path in resource("fonts").glob("*.ttf")))


def register_bundled_fonts() -> tuple[str, ...]:
    """Register every bundled font with reportlab (once); returns their names."""
    names = bundled_font_names()
    with _LOCK:
        registered = set(pdfmetrics.getRegisteredFontNames())
        for name in names:
            if name not in registered:
                pdfmetrics.registerFont(TTFont(name, str(resource("fonts", f"{name}.ttf"))))
            family, _sep, style = name.partition("-")
            if style in _STYLES:
                bold, italic = _STYLES[style]
                addMapping(family, bold, italic, name)
    return names

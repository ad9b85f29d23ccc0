"""The bundled fonts, registered with reportlab once, under their file stems.

``resources/fonts/NotoSans-Regular.ttf`` becomes the reportlab font ``"NotoSans-Regular"``;
each family (``NotoSans``, ``NotoSerif``) is also registered as a family so that bold and
italic variants can be found from the regular face. Registration is process-wide in
reportlab and idempotent here; the lock makes it safe from worker threads.

A document drawn in chunks shares one subset per face (:class:`SharedSubsets`,
:func:`unify_subsets`), each with a tag of its own.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass, field
from functools import cache

import pikepdf
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

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


# -- one subset per font for the whole document ----------------------------------------------
#
# reportlab subsets each TrueType face per document, 256 glyphs a subset, and names subset n
# of every face the same way in every document ("AAAAAA+NotoSans-Regular" for the first).
# A print document is drawn in chunks (export/document.py), each its own reportlab document,
# so a catalogue carried one NotoSans-Regular program per chunk, all called AAAAAA+, which
# a RIP may take for one font. SharedSubsets hands each chunk the code assignments of the
# chunks before it: a character keeps its code in every chunk, and a later chunk's subset
# holds every glyph of the same subset in the chunks before it. unify_subsets then keeps,
# for each face and subset, the last chunk's font for every page, and gives each kept font
# a tag of its own, made from its program's bytes.


@dataclass
class _Codes:
    assignments: dict[int, int]
    subsets: list[list[int]]
    next_code: int


@dataclass
class SharedSubsets:
    """Character codes carried from one chunk's reportlab document to the next."""

    codes: dict[str, _Codes] = field(default_factory=dict)

    def seed(self, canvas: Canvas) -> None:
        """Give a new chunk's document the codes the chunks before it assigned."""
        doc = canvas._doc
        for name, codes in self.codes.items():
            font = pdfmetrics.getFont(name)
            state = font._assignState(doc)
            state.assignments = dict(codes.assignments)
            state.subsets = [list(subset) for subset in codes.subsets]
            state.nextCode = codes.next_code

    def capture(self, canvas: Canvas) -> None:
        """Keep the codes of a chunk's document (call before ``canvas.save()``)."""
        doc = canvas._doc
        for name in pdfmetrics.getRegisteredFontNames():
            font = pdfmetrics.getFont(name)
            state = getattr(font, "state", None)
            if not isinstance(font, TTFont) or state is None or doc not in state:
                continue
            found = state[doc]
            self.codes[name] = _Codes(
                dict(found.assignments), [list(s) for s in found.subsets], found.nextCode
            )


_TAG_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _tag(digest: bytes, taken: set[str]) -> str:
    number = int.from_bytes(digest[:8], "big")
    while True:
        tag = ""
        value = number
        for _i in range(6):
            value, letter = divmod(value, 26)
            tag += _TAG_LETTERS[letter]
        if tag not in taken:
            taken.add(tag)
            return tag
        number += 1


def unify_subsets(pdf: pikepdf.Pdf) -> None:
    """One font object per face and subset for every page; each with a tag of its own."""
    kept: dict[str, pikepdf.Object] = {}
    pages_fonts: list[pikepdf.Dictionary] = []
    for page in pdf.pages:
        found = resource_dict(page, "/Font")
        if found is None:
            continue
        pages_fonts.append(found)
        for key in list(found.keys()):
            font = found[key]
            base = str(font.get("/BaseFont", ""))
            if font.get("/Subtype") == "/TrueType" and "+" in base:
                kept[base] = font  # the last chunk's holds every earlier chunk's glyphs
    for fonts in pages_fonts:
        for key in list(fonts.keys()):
            base = str(fonts[key].get("/BaseFont", ""))
            if base in kept:
                fonts[key] = kept[base]
    taken: set[str] = set()
    for base, font in sorted(kept.items()):
        _retag(font, base, taken)
    # Fonts inside forms (a PDF logo's) keep their programs but get tags of their own too:
    # two logos made by the same program would otherwise both say AAAAAA+.
    seen: set[tuple[int, int]] = set()
    for page in pdf.pages:
        _retag_forms(resource_dict(page, "/XObject"), taken, seen)


def _retag(font: pikepdf.Object, base: str, taken: set[str]) -> None:
    face = base.split("+", 1)[1]
    descriptor = font.get("/FontDescriptor")
    if descriptor is None:
        descendants = font.get("/DescendantFonts")
        if isinstance(descendants, pikepdf.Array) and len(descendants):
            descriptor = descendants[0].get("/FontDescriptor")
    program = None
    if isinstance(descriptor, pikepdf.Dictionary):
        program = next(
            (descriptor[k] for k in ("/FontFile2", "/FontFile3", "/FontFile") if k in descriptor),
            None,
        )
    payload = program.read_raw_bytes() if isinstance(program, pikepdf.Stream) else base.encode()
    name = pikepdf.Name(f"/{_tag(hashlib.sha256(payload).digest(), taken)}+{face}")
    font.BaseFont = name
    if isinstance(descriptor, pikepdf.Dictionary):
        descriptor.FontName = name


def _retag_forms(
    xobjects: pikepdf.Dictionary | None, taken: set[str], seen: set[tuple[int, int]]
) -> None:
    for xobject in xobjects.values() if xobjects is not None else ():
        if xobject.get("/Subtype") != "/Form" or xobject.objgen in seen:
            continue
        seen.add(xobject.objgen)
        resources = xobject.get("/Resources")
        if not isinstance(resources, pikepdf.Dictionary):
            continue
        fonts = resources.get("/Font")
        for font in fonts.values() if isinstance(fonts, pikepdf.Dictionary) else ():
            base = str(font.get("/BaseFont", ""))
            if font.objgen not in seen and len(base.split("+", 1)[0]) == 7:  # "/XXXXXX"
                seen.add(font.objgen)
                _retag(font, base, taken)
        nested = resources.get("/XObject")
        _retag_forms(nested if isinstance(nested, pikepdf.Dictionary) else None, taken, seen)


def resource_dict(page: pikepdf.Page, kind: str) -> pikepdf.Dictionary | None:
    """A page's own resources of one kind (``/Font``, ``/XObject``), or None."""
    resources = page.obj.get("/Resources")
    if not isinstance(resources, pikepdf.Dictionary):
        return None
    found = resources.get(kind)
    return found if isinstance(found, pikepdf.Dictionary) else None

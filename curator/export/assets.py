"""The catalogue's own images (organisers' logos, the signature) drawn into a page.

Each image is kept in the project as its file's bytes and drawn fitted into its box, its
proportions kept, at the box's foot:

- **PNG** through Pillow and reportlab (transparency kept as a soft mask; with a print
  shop's output profile it is flattened on white and converted into the profile's CMYK);
- **SVG** through svglib into reportlab's own vector drawing (with an output profile, every
  colour is converted into the profile's CMYK);
- **PDF**: its first page, as vector. reportlab cannot read PDF, so the page gets a named,
  empty form as a placeholder; :func:`fill_forms` puts the PDF's page in its place when the
  chunks are joined (pikepdf).

An image that cannot be read is a :class:`CuratorError` naming it, at its first use.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pikepdf
from PIL import Image, UnidentifiedImageError
from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing, Group
from reportlab.lib.colors import CMYKColor, Color
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from curator.core.errors import CuratorError, UsageError
from curator.core.language.library_messages import reason as library_reason
from curator.core.layout.catalogue_model import Align, PageImage
from curator.core.publishing.catalogue_texts import check_asset
from curator.core.repositories.catalogue import StoredAsset
from curator.export.colour import OutputProfile
from curator.export.fonts import register_bundled_fonts, resource_dict
from curator.export.pdf import INITIAL_FONT, PageFrame, pt
from curator.i18n import _

#: The most pixels a PNG logo or signature may have (decoded, 4 bytes each: 100 MB).
MAX_IMAGE_PIXELS = 25_000_000
#: The prefix of the placeholder forms that :func:`fill_forms` replaces.
FORM_PREFIX = "CuratorAsset"


@dataclass(frozen=True)
class _Loaded:
    kind: str  # "png", "svg" or "pdf"
    width: float  # natural size in points (PNG: pixels), for the proportions
    height: float
    x0: float = 0.0  # a PDF page's box may not start at 0, 0
    y0: float = 0.0
    image: ImageReader | None = None
    drawing: Drawing | None = None


def _unreadable(asset: StoredAsset, reason: object) -> CuratorError:
    return CuratorError(
        _("The catalogue's image %(name)s cannot be read: %(reason)s")
        % {"name": asset.name, "reason": reason}
    )


class AssetPainter:
    """Draws a catalogue's images; each is read once."""

    def __init__(self, assets: Iterable[StoredAsset], profile: OutputProfile | None) -> None:
        self.assets = {asset.id: asset for asset in assets}
        self.profile = profile
        self._loaded: dict[int, _Loaded] = {}

    def forms(self) -> dict[str, bytes]:
        """The placeholder forms' names and the PDF each stands for (see :func:`fill_forms`)."""
        return {
            form_name(a.id): a.data
            for a in self.assets.values()
            if a.media_type == "application/pdf"
        }

    def load_all(self) -> None:
        """Read every image now, so one that cannot be drawn stops the export before it starts.

        Raises:
            CuratorError: An image cannot be read (or, for PDF/X, is a PDF drawn in RGB).
        """
        for asset in self.assets.values():
            self._load(asset)

    def draw(self, canvas: Canvas, frame: PageFrame, placed: PageImage) -> None:
        """Draw one image into its box.

        Raises:
            CuratorError: The image is not in the project, or cannot be read.
        """
        asset = self.assets.get(placed.asset_id)
        if asset is None:
            raise CuratorError(
                _("The catalogue's image %(id)d is no longer in the project.")
                % {"id": placed.asset_id}
            )
        loaded = self._load(asset)
        box = placed.rect
        scale = min(pt(box.width_mm) / loaded.width, pt(box.height_mm) / loaded.height)
        width, height = loaded.width * scale, loaded.height * scale
        left = frame.x(box.x_mm)
        if placed.align is Align.CENTRE:
            left += (pt(box.width_mm) - width) / 2
        elif placed.align is Align.RIGHT:
            left += pt(box.width_mm) - width
        bottom = frame.y(box.bottom_mm)
        if loaded.image is not None:
            canvas.drawImage(loaded.image, left, bottom, width, height, mask="auto")
        elif loaded.drawing is not None:
            canvas.saveState()
            canvas.translate(left, bottom)
            canvas.scale(scale, scale)
            renderPDF.draw(loaded.drawing, canvas, 0, 0)
            canvas.restoreState()
        else:
            name = form_name(asset.id)
            if not canvas.hasForm(name):
                right, top = loaded.x0 + loaded.width, loaded.y0 + loaded.height
                canvas.beginForm(name, loaded.x0, loaded.y0, right, top)
                canvas.endForm()
            canvas.saveState()
            canvas.translate(left - loaded.x0 * scale, bottom - loaded.y0 * scale)
            canvas.scale(scale, scale)
            canvas.doForm(name)
            canvas.restoreState()

    def _load(self, asset: StoredAsset) -> _Loaded:
        found = self._loaded.get(asset.id)
        if found is None:
            found = self._loaded[asset.id] = self._read(asset)
        return found

    def _read(self, asset: StoredAsset) -> _Loaded:
        try:
            if asset.media_type == "image/png":
                return self._png(asset)
            if asset.media_type == "image/svg+xml":
                return self._svg(asset)
            return _pdf(asset, cmyk_only=self.profile is not None)
        except CuratorError:
            raise
        except UnidentifiedImageError as error:
            raise _unreadable(asset, _("it is damaged, or not the image it says")) from error
        except Exception as error:  # Pillow, svglib and qpdf each have their own errors
            raise _unreadable(asset, library_reason(error)) from error

    def _png(self, asset: StoredAsset) -> _Loaded:
        try:
            opened = Image.open(io.BytesIO(asset.data))
        except Image.DecompressionBombError:
            opened = None
        if opened is None or opened.width * opened.height > MAX_IMAGE_PIXELS:
            raise _unreadable(
                asset,
                _("it has more pixels than a logo needs (at most %(count)d million)")
                % {"count": MAX_IMAGE_PIXELS // 1_000_000},
            )
        with opened as image:
            image.load()
            size = image.size
            if self.profile is not None:
                rgba = image.convert("RGBA")
                ground = Image.new("RGB", rgba.size, (255, 255, 255))
                ground.paste(rgba, mask=rgba.getchannel("A"))
                ready = self.profile.to_cmyk(ground)
            elif image.mode in ("RGBA", "LA", "P", "PA"):
                ready = image.convert("RGBA")
            else:
                ready = image.convert("RGB") if image.mode not in ("L", "RGB") else image.copy()
        return _Loaded("png", float(size[0]), float(size[1]), image=ImageReader(ready))

    def _svg(self, asset: StoredAsset) -> _Loaded:
        from svglib.svglib import svg2rlg

        drawing = svg2rlg(io.BytesIO(asset.data))
        if drawing is None or drawing.width <= 0 or drawing.height <= 0:
            raise _unreadable(asset, _("not an SVG drawing with a size"))
        # reportlab's initial font and svglib's stand-ins are unembedded base-14 fonts.
        drawing.initialFontName = INITIAL_FONT
        _bundled_fonts(drawing, set(register_bundled_fonts()))
        if self.profile is not None:
            # reportlab's initial colours are RGB black, set before the drawing's own; a
            # Drawing refuses attributes it does not declare, which the renderer still reads.
            black = CMYKColor(0, 0, 0, 1)
            drawing.__dict__.update(initialFillColor=black, initialStrokeColor=black)
            _to_cmyk(drawing, self.profile, {})
        return _Loaded("svg", float(drawing.width), float(drawing.height), drawing=drawing)


def _pdf(asset: StoredAsset, *, cmyk_only: bool = False) -> _Loaded:
    with pikepdf.Pdf.open(io.BytesIO(asset.data)) as pdf:
        if not pdf.pages:
            raise _unreadable(asset, _("the PDF has no page"))
        page = pdf.pages[0]
        if cmyk_only and _uses_rgb(page.obj, set()):
            raise CuratorError(
                _("The logo %(name)s is drawn in RGB, which a PDF/X file for the print shop "
                  "cannot hold; use its CMYK version, or an SVG or PNG (those are converted).")
                % {"name": asset.name}
            )  # fmt: skip
        unembedded = sorted(_unembedded_fonts(page.obj.get("/Resources"), set()))
        if unembedded:
            raise _unreadable(
                asset,
                _("its fonts %(fonts)s are not embedded; embed them or turn the text into "
                  "outlines") % {"fonts": ", ".join(unembedded)},
            )  # fmt: skip
        x0, y0, x1, y1 = (float(v) for v in page.trimbox)
    if x1 - x0 <= 0 or y1 - y0 <= 0:
        raise _unreadable(asset, _("its page has no size"))
    return _Loaded("pdf", x1 - x0, y1 - y0, x0, y0)


_RGB_SPACES = ("/DeviceRGB", "/CalRGB")


def _rgb_space(space: object) -> bool:
    if isinstance(space, pikepdf.Name):
        return str(space) in _RGB_SPACES
    if isinstance(space, pikepdf.Array) and len(space):
        kind = str(space[0])
        if kind == "/ICCBased":
            return int(space[1].get("/N", 0)) == 3
        if kind in ("/Indexed", "/Separation", "/DeviceN"):
            base = space[1] if kind == "/Indexed" else space[2]
            return _rgb_space(base)
        return kind in _RGB_SPACES
    return False


def _uses_rgb(content: pikepdf.Object, seen: set[tuple[int, int]]) -> bool:
    """Whether a page or form paints in RGB: operators, colour spaces or images."""
    for instruction in pikepdf.parse_content_stream(content):
        if str(instruction.operator) in ("rg", "RG"):
            return True
    resources = content.get("/Resources")
    if not isinstance(resources, pikepdf.Dictionary):
        return False
    spaces = resources.get("/ColorSpace")
    if isinstance(spaces, pikepdf.Dictionary) and any(_rgb_space(v) for v in spaces.values()):
        return True
    xobjects = resources.get("/XObject")
    for xobject in xobjects.values() if isinstance(xobjects, pikepdf.Dictionary) else ():
        if xobject.get("/Subtype") == "/Image" and _rgb_space(xobject.get("/ColorSpace")):
            return True
        if xobject.get("/Subtype") == "/Form" and xobject.objgen not in seen:
            seen.add(xobject.objgen)
            if _uses_rgb(xobject, seen):
                return True
    return False


def _unembedded_fonts(resources: object, seen: set[tuple[int, int]]) -> set[str]:
    """The names of the fonts a page (and its forms) uses without their programs."""
    found: set[str] = set()
    if not isinstance(resources, pikepdf.Dictionary):
        return found
    fonts = resources.get("/Font")
    for font in fonts.values() if isinstance(fonts, pikepdf.Dictionary) else ():
        if font.get("/Subtype") == "/Type3":
            continue
        described = font
        descendants = font.get("/DescendantFonts")
        if isinstance(descendants, pikepdf.Array) and len(descendants):
            described = descendants[0]
        descriptor = described.get("/FontDescriptor")
        if not isinstance(descriptor, pikepdf.Dictionary) or not any(
            key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
        ):
            found.add(str(font.get("/BaseFont", "?")).lstrip("/"))
    xobjects = resources.get("/XObject")
    for xobject in xobjects.values() if isinstance(xobjects, pikepdf.Dictionary) else ():
        if xobject.get("/Subtype") != "/Form" or xobject.objgen in seen:
            continue
        seen.add(xobject.objgen)
        found |= _unembedded_fonts(xobject.get("/Resources"), seen)
    return found


def form_name(asset_id: int) -> str:
    """The name of the placeholder form of a PDF image."""
    return f"{FORM_PREFIX}{asset_id}"


def _bundled_fonts(node: Any, bundled: set[str]) -> None:
    """Every text of an SVG drawing in a bundled (embedded) face of the same style."""
    name = getattr(node, "fontName", None)
    if isinstance(name, str) and name not in bundled:
        family = "NotoSerif" if any(s in name for s in ("Serif", "Times", "Roman")) else "NotoSans"
        bold = "Bold" in name
        italic = "Italic" in name or "Oblique" in name
        style = ("Bold" if bold else "") + ("Italic" if italic else "") or "Regular"
        node.fontName = f"{family}-{style}"
    if isinstance(node, Group | Drawing):
        for child in node.contents:
            _bundled_fonts(child, bundled)


def _to_cmyk(node: Any, profile: OutputProfile, cache: dict[tuple[float, ...], CMYKColor]) -> None:
    """Every RGB fill and stroke of an SVG drawing, in the output profile's CMYK."""
    for attribute in ("fillColor", "strokeColor"):
        colour = getattr(node, attribute, None)
        if isinstance(colour, Color) and not isinstance(colour, CMYKColor):
            key = (colour.red, colour.green, colour.blue)
            if key not in cache:
                pixel = Image.new("RGB", (1, 1), tuple(round(v * 255) for v in key))
                c, m, y, k = profile.to_cmyk(pixel).getpixel((0, 0))  # type: ignore[misc]
                cache[key] = CMYKColor(c / 255, m / 255, y / 255, k / 255, alpha=colour.alpha)
            setattr(node, attribute, cache[key])
    if isinstance(node, Group | Drawing):
        for child in node.contents:
            _to_cmyk(child, profile, cache)


def fill_forms(pdf: pikepdf.Pdf, forms: Mapping[str, bytes]) -> None:
    """Put each PDF image's first page where its placeholder form is, in every page."""
    if not forms:
        return
    copied: dict[str, pikepdf.Object] = {}
    with_sources: list[pikepdf.Pdf] = []
    try:
        for page in pdf.pages:
            xobjects = resource_dict(page, "/XObject")
            if xobjects is None:
                continue
            for key in list(xobjects.keys()):
                name = key.removeprefix("/FormXob.")
                if name not in forms:
                    continue
                if name not in copied:
                    source = pikepdf.Pdf.open(io.BytesIO(forms[name]))
                    with_sources.append(source)
                    form = pikepdf.Page(source.pages[0]).as_form_xobject()
                    copied[name] = pdf.copy_foreign(form)
                xobjects[key] = copied[name]
    finally:
        for source in with_sources:
            source.close()


def verify_image(name: str, data: bytes) -> None:
    """Read an image as the export will, before it is kept in the project.

    Raises:
        UsageError: Not SVG, PDF or PNG, too large, or it cannot be read (named).
    """
    media_type = check_asset(name, data)
    asset = StoredAsset(0, "logo", 0, name, media_type, data)
    try:
        AssetPainter([asset], None)._load(asset)
    except CuratorError as error:
        raise UsageError(error.message) from error

"""Draw the photographs of Curator's demo exhibition.

The nine JPEGs in ``photos/`` are stylised, photo-like pictures drawn from scratch with
Pillow: no external image is used (only the Noto fonts in ``resources/fonts`` for the
lettering on banners and signs). All randomness comes from seeded
:class:`random.Random` instances, so the same Pillow version gives the same files on
every run.

Captions, credits and capture times are read from ``demo.json`` beside this script and
written into each file as EXIF and XMP, the way a news agency delivers its pictures.
``09-moscow-snow.jpg`` is stored on its side with EXIF Orientation 6, as a camera held
upright would store it, so that orientation handling has something to work on.

Usage::

    python resources/demo/make_demo_images.py [--out DIR] [--only FILE ...]
"""

from __future__ import annotations

import argparse
import itertools
import json
import logging
import math
import random
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from xml.sax.saxutils import escape

from PIL import (
    Image,
    ImageChops,
    ImageDraw,
    ImageEnhance,
    ImageFilter,
    ImageFont,
    TiffImagePlugin,
)

LOG = logging.getLogger("make_demo_images")

HERE = Path(__file__).resolve().parent
FONT_DIR = HERE.parent / "fonts"
DEMO_JSON = HERE / "demo.json"

SUPERSAMPLE = 2
"""Scenes are drawn this many times larger, then scaled down: smooth edges."""

JPEG_QUALITY = 85

RGB = tuple[int, int, int]
Point = tuple[float, float]

# EXIF tag numbers (IFD0 and the Exif sub-IFD).
TAG_MAKE = 0x010F
TAG_MODEL = 0x0110
TAG_ORIENTATION = 0x0112
TAG_SOFTWARE = 0x0131
TAG_DATETIME = 0x0132
TAG_ARTIST = 0x013B
TAG_X_RESOLUTION = 0x011A
TAG_Y_RESOLUTION = 0x011B
TAG_RESOLUTION_UNIT = 0x0128
TAG_YCBCR_POSITIONING = 0x0213
TAG_COPYRIGHT = 0x8298
TAG_EXIF_IFD = 0x8769
TAG_EXPOSURE_TIME = 0x829A
TAG_FNUMBER = 0x829D
TAG_ISO = 0x8827
TAG_DATETIME_ORIGINAL = 0x9003
TAG_DATETIME_DIGITIZED = 0x9004
TAG_OFFSET_TIME = 0x9010
TAG_OFFSET_TIME_ORIGINAL = 0x9011
TAG_FOCAL_LENGTH = 0x920A
TAG_LENS_MODEL = 0xA434
TAG_EXIF_VERSION = 0x9000
TAG_FLASHPIX_VERSION = 0xA000
TAG_COLOR_SPACE = 0xA001
TAG_EXIF_IMAGE_WIDTH = 0xA002
TAG_EXIF_IMAGE_HEIGHT = 0xA003

VN_RED: RGB = (218, 37, 29)
VN_YELLOW: RGB = (255, 221, 0)
RU_WHITE: RGB = (245, 245, 245)
RU_BLUE: RGB = (0, 57, 166)
RU_RED: RGB = (213, 43, 30)


# --------------------------------------------------------------------------- colour


def mix(a: RGB, b: RGB, t: float) -> RGB:
    """Blend two colours.

    Args:
        a: Colour at ``t == 0``.
        b: Colour at ``t == 1``.
        t: Position between them, clamped to 0..1.

    Returns:
        The blended colour.
    """
    t = min(1.0, max(0.0, t))
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


def shade(color: RGB, factor: float) -> RGB:
    """Darken (``factor < 1``) or lighten (``factor > 1``) a colour.

    Args:
        color: The colour.
        factor: Brightness multiplier; above 1 it blends towards white.

    Returns:
        The new colour.
    """
    if factor <= 1.0:
        return (round(color[0] * factor), round(color[1] * factor), round(color[2] * factor))
    return mix(color, (255, 255, 255), factor - 1.0)


@dataclass(frozen=True)
class Gradient:
    """A linear gradient across the box of the shape it fills.

    Attributes:
        stops: ``(position, colour)`` pairs, positions rising from 0 to 1.
        vertical: Top to bottom if true, else left to right.
    """

    stops: tuple[tuple[float, RGB], ...]
    vertical: bool = True

    def color_at(self, t: float) -> RGB:
        """Return the colour at position ``t`` (0..1)."""
        stops = self.stops
        if t <= stops[0][0]:
            return stops[0][1]
        for (p0, c0), (p1, c1) in itertools.pairwise(stops):
            if t <= p1:
                return mix(c0, c1, (t - p0) / max(p1 - p0, 1e-9))
        return stops[-1][1]

    def render(self, width: int, height: int) -> Image.Image:
        """Render the gradient as an RGB image of the given size."""
        length = max(2, min(1024, height if self.vertical else width))
        strip = Image.new("RGB", (1, length) if self.vertical else (length, 1))
        strip.putdata([self.color_at(i / (length - 1)) for i in range(length)])
        return strip.resize((width, height), Image.Resampling.BILINEAR)


def vgrad(*stops: tuple[float, RGB]) -> Gradient:
    """Build a vertical :class:`Gradient` from ``(position, colour)`` stops."""
    return Gradient(tuple(stops), vertical=True)


def hgrad(*stops: tuple[float, RGB]) -> Gradient:
    """Build a horizontal :class:`Gradient` from ``(position, colour)`` stops."""
    return Gradient(tuple(stops), vertical=False)


# --------------------------------------------------------------------------- geometry


def chaikin(points: Sequence[Point], iterations: int = 3, closed: bool = True) -> list[Point]:
    """Round the corners of a polygon or polyline by Chaikin's corner cutting.

    Args:
        points: The corners.
        iterations: How many times to cut; each doubles the number of points.
        closed: Whether the last point joins the first.

    Returns:
        The smoothed points.
    """
    pts = list(points)
    for _ in range(iterations):
        out: list[Point] = []
        n = len(pts)
        segments = n if closed else n - 1
        if not closed:
            out.append(pts[0])
        for i in range(segments):
            (x0, y0), (x1, y1) = pts[i], pts[(i + 1) % n]
            out.append((0.75 * x0 + 0.25 * x1, 0.75 * y0 + 0.25 * y1))
            out.append((0.25 * x0 + 0.75 * x1, 0.25 * y0 + 0.75 * y1))
        if not closed:
            out.append(pts[-1])
        pts = out
    return pts


def star_points(cx: float, cy: float, outer: float, inner: float, n: int = 5) -> list[Point]:
    """Corners of an n-pointed star with one point straight up."""
    pts = []
    for i in range(2 * n):
        r = outer if i % 2 == 0 else inner
        a = -math.pi / 2 + i * math.pi / n
        pts.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    return pts


def perspective_coefficients(dst: Sequence[Point], src: Sequence[Point]) -> tuple[float, ...]:
    """Solve the 8 coefficients of Pillow's PERSPECTIVE transform.

    Pillow maps each output pixel ``(x, y)`` to the input pixel
    ``((a x + b y + c) / (g x + h y + 1), (d x + e y + f) / (g x + h y + 1))``.

    Args:
        dst: Four corners in the output image.
        src: The four matching corners in the input image.

    Returns:
        ``(a, b, c, d, e, f, g, h)``.
    """
    rows: list[list[float]] = []
    for (x, y), (u, v) in zip(dst, src, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -x * u, -y * u, u])
        rows.append([0, 0, 0, x, y, 1, -x * v, -y * v, v])
    n = 8
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(rows[r][col]))
        rows[col], rows[pivot] = rows[pivot], rows[col]
        for r in range(n):
            if r != col and rows[r][col]:
                k = rows[r][col] / rows[col][col]
                rows[r] = [a - k * b for a, b in zip(rows[r], rows[col], strict=True)]
    return tuple(rows[i][n] / rows[i][i] for i in range(n))


@dataclass(frozen=True)
class Camera:
    """A pinhole camera looking down the +Z axis; Y is up, lengths in metres.

    Attributes:
        cx: Horizontal pixel position of the vanishing point.
        cy: Vertical pixel position of the horizon.
        focal: Focal length in pixels.
        height: Height of the camera above the ground, in metres.
        x: Lateral position of the camera.
    """

    cx: float
    cy: float
    focal: float
    height: float = 1.6
    x: float = 0.0

    def project(self, x: float, y: float, z: float) -> Point:
        """Project a point in the scene onto the picture."""
        z = max(z, 0.05)
        return (
            self.cx + self.focal * (x - self.x) / z,
            self.cy - self.focal * (y - self.height) / z,
        )

    def scale(self, z: float) -> float:
        """Pixels per metre at depth ``z``."""
        return self.focal / max(z, 0.05)


# --------------------------------------------------------------------------- painter


def _font(name: str, size: int) -> ImageFont.FreeTypeFont:
    """Load one of the bundled Noto fonts at a pixel size."""
    return ImageFont.truetype(str(FONT_DIR / f"{name}.ttf"), size)


def _radial_mask(width: int, height: int, falloff: float, strength: float) -> Image.Image:
    """An elliptical mask, brightest in the middle and 0 at the rim."""
    lut = []
    for v in range(256):
        d = v / 181.0  # Pillow's radial gradient reaches 181 at the edge of its box
        lut.append(round(255 * strength * max(0.0, 1.0 - d) ** falloff))
    lut = [min(255, v) for v in lut]
    base = Image.radial_gradient("L").point(lut)
    return base.resize((max(1, width), max(1, height)), Image.Resampling.BILINEAR)


class Painter:
    """Draws soft-edged shapes and light on a supersampled RGB canvas.

    Coordinates are in pixels of the final picture; the canvas is
    :data:`SUPERSAMPLE` times larger and is scaled down by :meth:`finish`.

    Args:
        width: Width of the final picture.
        height: Height of the final picture.
        background: Colour or gradient to start from.
        scale: Supersampling factor.
    """

    def __init__(
        self,
        width: int,
        height: int,
        background: RGB | Gradient = (0, 0, 0),
        scale: int = SUPERSAMPLE,
    ) -> None:
        self.width = width
        self.height = height
        self.scale = scale
        self.image = Image.new("RGB", (width * scale, height * scale))
        self.rect((0, 0, width, height), background)

    # -- plumbing ---------------------------------------------------------------

    def _box(
        self, xs: Iterable[float], ys: Iterable[float], margin: int
    ) -> tuple[int, int, int, int]:
        """Device-pixel box around the given coordinates, cut to the canvas."""
        xs, ys = list(xs), list(ys)
        s = self.scale
        w, h = self.image.size
        x0 = max(math.floor(min(xs) * s) - margin, -margin)
        y0 = max(math.floor(min(ys) * s) - margin, -margin)
        x1 = min(math.ceil(max(xs) * s) + margin, w + margin)
        y1 = min(math.ceil(max(ys) * s) + margin, h + margin)
        return x0, y0, max(x1, x0 + 1), max(y1, y0 + 1)

    def _margin(self, blur: float) -> int:
        return math.ceil(3 * blur * self.scale) + 2

    def _paint(
        self,
        box: tuple[int, int, int, int],
        mask: Image.Image,
        fill: RGB | Gradient | Image.Image,
        blur: float,
        opacity: float,
    ) -> None:
        """Paint ``fill`` through ``mask`` placed at ``box`` on the canvas."""
        if blur > 0:
            mask = mask.filter(ImageFilter.GaussianBlur(blur * self.scale))
        if opacity < 1.0:
            mask = mask.point([round(i * opacity) for i in range(256)])
        x0, y0 = box[0], box[1]
        if isinstance(fill, Gradient):
            self.image.paste(fill.render(*mask.size), (x0, y0), mask)
        elif isinstance(fill, Image.Image):
            self.image.paste(fill.resize(mask.size), (x0, y0), mask)
        else:
            self.image.paste(fill, (x0, y0, x0 + mask.width, y0 + mask.height), mask)

    def _shape(
        self,
        xs: Iterable[float],
        ys: Iterable[float],
        draw: Callable[[ImageDraw.ImageDraw, Callable[[float, float], Point]], None],
        fill: RGB | Gradient | Image.Image,
        blur: float,
        opacity: float,
    ) -> None:
        box = self._box(xs, ys, self._margin(blur))
        mask = Image.new("L", (box[2] - box[0], box[3] - box[1]))
        s = self.scale

        def to_local(x: float, y: float) -> Point:
            return (x * s - box[0], y * s - box[1])

        draw(ImageDraw.Draw(mask), to_local)
        self._paint(box, mask, fill, blur, opacity)

    # -- shapes -----------------------------------------------------------------

    def polygon(
        self,
        points: Sequence[Point],
        fill: RGB | Gradient | Image.Image,
        blur: float = 0.0,
        opacity: float = 1.0,
    ) -> None:
        """Fill a polygon."""

        def draw(d: ImageDraw.ImageDraw, loc: Callable[[float, float], Point]) -> None:
            d.polygon([loc(x, y) for x, y in points], fill=255)

        self._shape((p[0] for p in points), (p[1] for p in points), draw, fill, blur, opacity)

    def rect(
        self,
        box: Sequence[float],
        fill: RGB | Gradient | Image.Image,
        blur: float = 0.0,
        opacity: float = 1.0,
        radius: float = 0.0,
    ) -> None:
        """Fill a rectangle ``(x0, y0, x1, y1)``, optionally with rounded corners."""
        x0, y0, x1, y1 = box

        def draw(d: ImageDraw.ImageDraw, loc: Callable[[float, float], Point]) -> None:
            a, b = loc(x0, y0), loc(x1, y1)
            if radius > 0:
                d.rounded_rectangle((a, b), radius=radius * self.scale, fill=255)
            else:
                d.rectangle((a, b), fill=255)

        self._shape((x0, x1), (y0, y1), draw, fill, blur, opacity)

    def ellipse(
        self,
        box: Sequence[float],
        fill: RGB | Gradient | Image.Image,
        blur: float = 0.0,
        opacity: float = 1.0,
    ) -> None:
        """Fill the ellipse inside the box ``(x0, y0, x1, y1)``."""
        x0, y0, x1, y1 = box

        def draw(d: ImageDraw.ImageDraw, loc: Callable[[float, float], Point]) -> None:
            d.ellipse((loc(x0, y0), loc(x1, y1)), fill=255)

        self._shape((x0, x1), (y0, y1), draw, fill, blur, opacity)

    def circle(
        self,
        cx: float,
        cy: float,
        r: float,
        fill: RGB | Gradient | Image.Image,
        blur: float = 0.0,
        opacity: float = 1.0,
    ) -> None:
        """Fill a circle."""
        self.ellipse((cx - r, cy - r, cx + r, cy + r), fill, blur, opacity)

    def line(
        self,
        points: Sequence[Point],
        fill: RGB | Gradient | Image.Image,
        width: float,
        blur: float = 0.0,
        opacity: float = 1.0,
        round_caps: bool = True,
    ) -> None:
        """Draw a polyline ``width`` pixels wide, with round joints."""
        half = width / 2

        def draw(d: ImageDraw.ImageDraw, loc: Callable[[float, float], Point]) -> None:
            pts = [loc(x, y) for x, y in points]
            w = max(1, round(width * self.scale))
            d.line(pts, fill=255, width=w, joint="curve")
            if round_caps:
                r = w / 2
                for x, y in (pts[0], pts[-1]):
                    d.ellipse((x - r, y - r, x + r, y + r), fill=255)

        xs = [p[0] for p in points]
        ys = [p[1] for p in points]
        self._shape(
            (min(xs) - half, max(xs) + half),
            (min(ys) - half, max(ys) + half),
            draw,
            fill,
            blur,
            opacity,
        )

    def text(
        self,
        xy: Point,
        text: str,
        size: float,
        fill: RGB | Gradient | Image.Image,
        font: str = "NotoSans-Bold",
        anchor: str = "mm",
        blur: float = 0.0,
        opacity: float = 1.0,
    ) -> None:
        """Write one line of text with a bundled font."""
        f = _font(font, max(1, round(size * self.scale)))
        s = self.scale
        probe = ImageDraw.Draw(Image.new("L", (1, 1)))
        bx0, by0, bx1, by1 = probe.textbbox((xy[0] * s, xy[1] * s), text, font=f, anchor=anchor)
        m = self._margin(blur)
        box = (math.floor(bx0) - m, math.floor(by0) - m, math.ceil(bx1) + m, math.ceil(by1) + m)
        mask = Image.new("L", (box[2] - box[0], box[3] - box[1]))
        ImageDraw.Draw(mask).text(
            (xy[0] * s - box[0], xy[1] * s - box[1]), text, font=f, anchor=anchor, fill=255
        )
        self._paint(box, mask, fill, blur, opacity)

    def image_quad(self, source: Image.Image, quad: Sequence[Point], opacity: float = 1.0) -> None:
        """Paste an image into a quadrilateral (corners clockwise from top left)."""
        s = self.scale
        dst = [(x * s, y * s) for x, y in quad]
        box = self._box((p[0] / s for p in dst), (p[1] / s for p in dst), 1)
        local = [(x - box[0], y - box[1]) for x, y in dst]
        w, h = source.size
        coeffs = perspective_coefficients(local, [(0, 0), (w, 0), (w, h), (0, h)])
        size = (box[2] - box[0], box[3] - box[1])
        rgba = source.convert("RGBA")
        warped = rgba.transform(size, Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BICUBIC)
        mask = warped.getchannel("A")
        if opacity < 1.0:
            mask = mask.point([round(i * opacity) for i in range(256)])
        self.image.paste(warped.convert("RGB"), (box[0], box[1]), mask)

    # -- light --------------------------------------------------------------------

    def glow(
        self,
        cx: float,
        cy: float,
        rx: float,
        ry: float | None = None,
        color: RGB = (255, 240, 210),
        strength: float = 1.0,
        falloff: float = 2.0,
    ) -> None:
        """Add a soft elliptical light (screen blend), brightest in the middle."""
        ry = rx if ry is None else ry
        s = self.scale
        cw, ch = self.image.size
        # only the part of the ellipse that falls on the canvas is computed
        x0, y0 = max(0, math.floor((cx - rx) * s)), max(0, math.floor((cy - ry) * s))
        x1, y1 = min(cw, math.ceil((cx + rx) * s)), min(ch, math.ceil((cy + ry) * s))
        if x1 - x0 < 1 or y1 - y0 < 1 or rx <= 0 or ry <= 0:
            return
        base = _radial_mask(256, 256, falloff, min(strength, 1.0))
        ax, ay = 256 / (2 * rx * s), 256 / (2 * ry * s)
        mask = base.transform(
            (x1 - x0, y1 - y0),
            Image.Transform.AFFINE,
            (ax, 0, (x0 - (cx - rx) * s) * ax, 0, ay, (y0 - (cy - ry) * s) * ay),
            Image.Resampling.BILINEAR,
            fillcolor=0,
        )
        size = mask.size
        lit = Image.composite(Image.new("RGB", size, color), Image.new("RGB", size), mask)
        region = self.image.crop((x0, y0, x1, y1))
        blended = ImageChops.screen(region, lit)
        if strength > 1.0:
            blended = ImageChops.screen(blended, lit)
        self.image.paste(blended, (x0, y0))

    def blur(self, radius: float) -> None:
        """Blur everything drawn so far (depth of field)."""
        self.image = self.image.filter(ImageFilter.GaussianBlur(radius * self.scale))

    def finish(self) -> Image.Image:
        """Scale the canvas down to the final picture size."""
        return self.image.resize((self.width, self.height), Image.Resampling.LANCZOS)


# --------------------------------------------------------------------------- darkroom


def develop(
    image: Image.Image,
    seed: int,
    *,
    grain: float = 5.0,
    vignette: float = 0.35,
    bloom: float = 0.25,
    warmth: float = 0.0,
    contrast: float = 1.06,
    saturation: float = 1.0,
) -> Image.Image:
    """Give a drawn picture the look of a photograph.

    Args:
        image: The RGB picture.
        seed: Seed of the film grain.
        grain: Grain amplitude in 8-bit levels.
        vignette: How much darker the corners get (0..1).
        bloom: Strength of the glow around highlights.
        warmth: Positive shifts towards orange, negative towards blue.
        contrast: Contrast multiplier.
        saturation: Colour saturation multiplier.

    Returns:
        The developed picture.
    """
    w, h = image.size
    if bloom > 0:
        highlights = image.point(lambda v: max(0, v - 175) * 3)
        highlights = highlights.filter(ImageFilter.GaussianBlur(max(w, h) / 90))
        highlights = highlights.point(lambda v: round(v * bloom))
        image = ImageChops.screen(image, highlights)
    if warmth:
        r = [min(255, round(i * (1 + warmth))) for i in range(256)]
        g = [min(255, round(i * (1 + warmth * 0.3))) for i in range(256)]
        b = [min(255, round(i * (1 - warmth))) for i in range(256)]
        image = image.point(r + g + b)
    image = ImageEnhance.Contrast(image).enhance(contrast)
    image = ImageEnhance.Color(image).enhance(saturation)
    if vignette > 0:
        big = _radial_mask(round(w * 1.5), round(h * 1.5), 0.9, 1.0)
        big = big.crop((round(w * 0.25), round(h * 0.25), round(w * 0.25) + w, round(h * 0.25) + h))
        lo = round(255 * (1 - vignette))
        mask = big.point(lambda v: lo + (255 - lo) * min(255, v * 2) // 255)
        image = ImageChops.multiply(image, Image.merge("RGB", (mask, mask, mask)))
    if grain > 0:
        rng = random.Random(seed)
        gw, gh = (w + 1) // 2, (h + 1) // 2
        noise = Image.frombytes("L", (gw, gh), rng.randbytes(gw * gh))
        noise = noise.resize((w, h), Image.Resampling.BILINEAR)
        noise = noise.point(lambda v: round(128 + (v - 128) * grain / 64))
        image = ImageChops.add(image, Image.merge("RGB", (noise, noise, noise)), 1.0, -128)
    return image


# --------------------------------------------------------------------------- props


def flag_image(
    kind: str, width: int, height: int, wave: float = 0.0, phase: float = 0.0
) -> Image.Image:
    """Draw a national flag as an RGBA image, optionally rippled by wind.

    Args:
        kind: ``"vn"`` (Vietnam) or ``"ru"`` (Russia).
        width: Width in pixels.
        height: Height in pixels.
        wave: Amplitude of the ripple, as a fraction of the height.
        phase: Phase of the ripple, in radians.

    Returns:
        The flag with transparent space around the ripple.
    """
    flat = Image.new("RGB", (width, height))
    d = ImageDraw.Draw(flat)
    if kind == "vn":
        d.rectangle((0, 0, width, height), fill=VN_RED)
        r = height * 0.3
        d.polygon(star_points(width / 2, height / 2 + r * 0.08, r, r * 0.382), fill=VN_YELLOW)
    else:
        third = height / 3
        d.rectangle((0, 0, width, third), fill=RU_WHITE)
        d.rectangle((0, third, width, 2 * third), fill=RU_BLUE)
        d.rectangle((0, 2 * third, width, height), fill=RU_RED)
    amp = wave * height
    pad = math.ceil(amp) + 1
    out = Image.new("RGBA", (width, height + 2 * pad))
    band = 3
    for x in range(0, width, band):
        t = x / max(1, width)
        a = math.sin(phase + t * 2.6 * math.pi)
        dy = amp * a * t
        strip = flat.crop((x, 0, min(width, x + band), height))
        f = 0.78 + 0.22 * math.cos(phase + t * 2.6 * math.pi + 0.6) if wave else 1.0
        strip = strip.point(lambda v, f=f: min(255, round(v * (f + 0.1))))
        out.paste(strip, (x, round(pad + dy)))
    return out


def draw_flag(
    p: Painter,
    kind: str,
    box: Sequence[float],
    wave: float = 0.0,
    phase: float = 0.0,
    blur: float = 0.0,
) -> None:
    """Draw a flag filling ``box`` (x0, y0, x1, y1) on the painter."""
    x0, y0, x1, y1 = box
    s = p.scale
    w, h = max(4, round((x1 - x0) * s)), max(3, round((y1 - y0) * s))
    img = flag_image(kind, w, h, wave, phase)
    pad = (img.height - h) / 2 / s
    if blur:
        img = img.filter(ImageFilter.GaussianBlur(blur * s))
    p.image_quad(img, [(x0, y0 - pad), (x1, y0 - pad), (x1, y1 + pad), (x0, y1 + pad)])


def desk_flags(p: Painter, cx: float, base_y: float, size: float) -> None:
    """A pair of small crossed desk flags, Vietnamese on the left, Russian on the right."""
    pole = size * 2.3
    metal = vgrad((0, (235, 235, 240)), (1, (120, 120, 130)))
    p.ellipse(
        (cx - size * 0.45, base_y - size * 0.12, cx + size * 0.45, base_y + size * 0.12), metal
    )
    left_top = (cx - size * 0.55, base_y - pole)
    right_top = (cx + size * 0.55, base_y - pole)
    p.line([(cx, base_y), left_top], (200, 200, 205), size * 0.05)
    p.line([(cx, base_y), right_top], (200, 200, 205), size * 0.05)
    fw, fh = size * 1.05, size * 0.7
    draw_flag(p, "vn", (left_top[0] - fw, left_top[1], left_top[0], left_top[1] + fh), 0.04, 1.0)
    draw_flag(
        p, "ru", (right_top[0], right_top[1], right_top[0] + fw, right_top[1] + fh), 0.04, 2.0
    )


def flowers(
    p: Painter,
    rng: random.Random,
    cx: float,
    cy: float,
    w: float,
    h: float,
    palette: Sequence[RGB],
    blur: float = 0.0,
    petals: bool = False,
) -> None:
    """A low dome-shaped flower arrangement whose base is centred on ``(cx, cy)``.

    Args:
        p: The painter.
        rng: Random generator placing leaves and blooms.
        cx: Centre of the base.
        cy: Height of the base.
        w: Width of the arrangement.
        h: Height of the arrangement.
        palette: Colours of the blooms.
        blur: Softness (depth of field).
        petals: Draw each bloom as separate petals (for blooms seen from close by).
    """
    for _ in range(int(14 + w / 8)):
        a = rng.uniform(math.pi * 0.95, 2.05 * math.pi)
        rr = rng.uniform(0.6, 1.1)
        x = cx + math.cos(a) * w / 2 * rr
        y = cy + math.sin(a) * h * rr * 0.8
        lw, lh = rng.uniform(0.06, 0.12) * w, rng.uniform(0.025, 0.045) * w
        leaf = rng.choice([(38, 92, 40), (54, 110, 48), (30, 74, 34), (70, 120, 50)])
        ang = math.atan2(y - cy, x - cx)
        tip = (x + math.cos(ang) * lw, y + math.sin(ang) * lw * 0.6)
        base = (x - math.cos(ang) * lw * 0.6, y - math.sin(ang) * lw * 0.4)
        nrm = (-math.sin(ang) * lh, math.cos(ang) * lh)
        p.polygon(
            chaikin([base, (x + nrm[0], y + nrm[1]), tip, (x - nrm[0], y - nrm[1])], 2),
            leaf,
            blur=blur,
        )
    blooms = []
    for _ in range(int(18 + w / 10)):
        a = rng.uniform(math.pi * 1.03, math.pi * 1.97)
        rr = rng.uniform(0.0, 0.95) ** 0.6
        blooms.append((cy + math.sin(a) * h * rr, cx + math.cos(a) * w / 2 * rr))
    for y, x in sorted(blooms):
        r = rng.uniform(0.05, 0.085) * w
        col = rng.choice(palette)
        if petals and r * p.scale > 6:
            k = rng.choice((5, 6, 8))
            a0 = rng.uniform(0, math.pi)
            for j in range(k):
                a = a0 + j * 2 * math.pi / k
                px_, py_ = x + math.cos(a) * r * 0.5, y + math.sin(a) * r * 0.38
                p.circle(
                    px_, py_, r * 0.52, vgrad((0, shade(col, 1.2)), (1, shade(col, 0.7))), blur=blur
                )
            p.circle(
                x,
                y,
                r * 0.25,
                shade(col, 0.55) if col[0] > 200 and col[1] > 200 else (230, 190, 60),
                blur=blur,
            )
        else:
            p.circle(x, y, r, vgrad((0, shade(col, 1.25)), (1, shade(col, 0.62))), blur=blur)
            p.circle(
                x - r * 0.15,
                y - r * 0.2,
                r * 0.45,
                shade(col, 1.35),
                blur=blur + r * 0.2,
                opacity=0.6,
            )


def person_front(
    p: Painter,
    cx: float,
    shoulder_y: float,
    u: float,
    suit: RGB,
    skin: RGB = (214, 168, 136),
    hair: RGB = (28, 24, 22),
    *,
    tie: RGB | None = (120, 24, 32),
    shirt: RGB = (236, 236, 232),
    long_hair: bool = False,
    bald: float = 0.0,
    glasses: bool = False,
    blur: float = 0.0,
    arms_on_table: float | None = None,
    turn: float = 0.0,
) -> None:
    """A person seen from the front, from the waist (or the table) up.

    Args:
        p: The painter.
        cx: Horizontal centre.
        shoulder_y: Height of the base of the neck.
        u: Head height in pixels; the whole figure scales with it.
        suit: Jacket colour.
        skin: Skin colour.
        hair: Hair colour.
        tie: Tie colour, or None for none.
        shirt: Shirt or blouse colour.
        long_hair: Hair to the shoulders.
        bald: 0..1, how much of the top of the head is bare.
        glasses: Whether to draw spectacles.
        blur: Softness (depth of field).
        arms_on_table: If given, the height of the table top the forearms rest on.
        turn: -1..1, the head turned left or right.
    """
    b = blur
    dark = shade(suit, 0.7)
    # torso with rounded shoulders
    torso = chaikin(
        [
            (cx - 0.32 * u, shoulder_y - 0.05 * u),
            (cx - 0.88 * u, shoulder_y + 0.1 * u),
            (cx - 1.08 * u, shoulder_y + 0.55 * u),
            (cx - 1.12 * u, shoulder_y + 3.4 * u),
            (cx + 1.12 * u, shoulder_y + 3.4 * u),
            (cx + 1.08 * u, shoulder_y + 0.55 * u),
            (cx + 0.88 * u, shoulder_y + 0.1 * u),
            (cx + 0.32 * u, shoulder_y - 0.05 * u),
        ],
        2,
    )
    p.polygon(torso, hgrad((0, dark), (0.35, suit), (0.6, shade(suit, 1.1)), (1, dark)), blur=b)
    if long_hair:
        p.ellipse(
            (cx - 0.62 * u, shoulder_y - 1.25 * u, cx + 0.62 * u, shoulder_y + 0.45 * u),
            hair,
            blur=b,
        )
    # neck and shirt
    p.rect(
        (cx - 0.19 * u, shoulder_y - 0.45 * u, cx + 0.19 * u, shoulder_y + 0.15 * u),
        shade(skin, 0.82),
        blur=b,
    )
    p.polygon(
        [
            (cx - 0.3 * u, shoulder_y - 0.04 * u),
            (cx + 0.3 * u, shoulder_y - 0.04 * u),
            (cx, shoulder_y + 1.25 * u),
        ],
        shirt,
        blur=b,
    )
    if tie:
        p.polygon(
            [
                (cx - 0.07 * u, shoulder_y + 0.05 * u),
                (cx + 0.07 * u, shoulder_y + 0.05 * u),
                (cx + 0.11 * u, shoulder_y + 1.1 * u),
                (cx, shoulder_y + 1.3 * u),
                (cx - 0.11 * u, shoulder_y + 1.1 * u),
            ],
            tie,
            blur=b,
        )
    # lapels
    for sgn in (-1, 1):
        p.polygon(
            [
                (cx + sgn * 0.3 * u, shoulder_y - 0.04 * u),
                (cx + sgn * 0.45 * u, shoulder_y + 0.1 * u),
                (cx + sgn * 0.2 * u, shoulder_y + 0.75 * u),
                (cx, shoulder_y + 1.35 * u),
            ],
            shade(suit, 0.82),
            blur=b,
        )
    if arms_on_table is not None:
        t = arms_on_table
        for sgn in (-1, 1):
            p.line(
                [
                    (cx + sgn * 1.05 * u, shoulder_y + 0.6 * u),
                    (cx + sgn * 1.2 * u, t - 0.3 * u),
                    (cx + sgn * 0.45 * u, t + 0.05 * u),
                ],
                shade(suit, 0.85),
                0.55 * u,
                blur=b,
            )
            p.ellipse(
                (
                    cx + sgn * 0.45 * u - 0.2 * u,
                    t - 0.12 * u,
                    cx + sgn * 0.45 * u + 0.2 * u,
                    t + 0.16 * u,
                ),
                skin,
                blur=b,
            )
    # head
    hx = cx + turn * 0.08 * u
    hy = shoulder_y - 0.82 * u
    face = hgrad(
        (0, shade(skin, 0.78 - 0.1 * turn)),
        (0.45 + 0.1 * turn, skin),
        (1, shade(skin, 0.78 + 0.1 * turn)),
    )
    p.ellipse((hx - 0.36 * u, hy - 0.5 * u, hx + 0.36 * u, hy + 0.5 * u), face, blur=b)
    p.ellipse((hx - 0.43 * u, hy - 0.08 * u, hx - 0.3 * u, hy + 0.18 * u), shade(skin, 0.8), blur=b)
    p.ellipse((hx + 0.3 * u, hy - 0.08 * u, hx + 0.43 * u, hy + 0.18 * u), shade(skin, 0.8), blur=b)
    # hair
    if bald < 1.0:
        top = hy - 0.55 * u
        p.polygon(
            chaikin(
                [
                    (hx - 0.39 * u, hy + 0.02 * u),
                    (hx - 0.42 * u, top + 0.2 * u),
                    (hx - 0.2 * u, top),
                    (hx + 0.2 * u, top),
                    (hx + 0.42 * u, top + 0.2 * u),
                    (hx + 0.39 * u, hy + 0.02 * u),
                    (hx + 0.3 * u, hy - 0.25 * u + bald * 0.2 * u),
                    (hx + turn * 0.1 * u, hy - 0.33 * u),
                    (hx - 0.3 * u, hy - 0.25 * u + bald * 0.2 * u),
                ],
                2,
            ),
            hair,
            blur=b,
        )
        if bald > 0:
            p.ellipse(
                (hx - 0.25 * u, top + 0.02 * u, hx + 0.25 * u, top + 0.3 * u),
                shade(skin, 0.95),
                blur=b + 0.05 * u,
                opacity=bald,
            )
    # features, kept faint: at press-photo distance they are just shadows
    ey = hy - 0.05 * u
    for sgn in (-1, 1):
        ex = hx + sgn * 0.14 * u + turn * 0.06 * u
        p.ellipse(
            (ex - 0.07 * u, ey - 0.025 * u, ex + 0.07 * u, ey + 0.03 * u),
            (45, 32, 28),
            blur=b + 0.015 * u,
            opacity=0.75,
        )
        p.line(
            [(ex - 0.09 * u, ey - 0.1 * u), (ex + 0.08 * u, ey - 0.11 * u)],
            shade(hair, 1.1),
            0.035 * u,
            blur=b,
            opacity=0.8,
        )
        if glasses:
            p.ellipse(
                (ex - 0.12 * u, ey - 0.09 * u, ex + 0.12 * u, ey + 0.09 * u),
                (250, 250, 250),
                blur=b,
                opacity=0.18,
            )
    p.line(
        [(hx + turn * 0.1 * u, ey + 0.05 * u), (hx + 0.03 * u + turn * 0.1 * u, ey + 0.2 * u)],
        shade(skin, 0.8),
        0.04 * u,
        blur=b + 0.01 * u,
        opacity=0.7,
    )
    p.line(
        [
            (hx - 0.1 * u + turn * 0.08 * u, hy + 0.28 * u),
            (hx + 0.1 * u + turn * 0.08 * u, hy + 0.28 * u),
        ],
        shade(skin, 0.62),
        0.035 * u,
        blur=b + 0.01 * u,
        opacity=0.7,
    )


def person_back(
    p: Painter,
    cx: float,
    shoulder_y: float,
    u: float,
    jacket: RGB,
    hair: RGB = (24, 20, 18),
    skin: RGB = (196, 150, 120),
    *,
    blur: float = 0.0,
    width: float = 1.0,
    lean: float = 0.0,
) -> None:
    """A person seen from behind: back of the head and shoulders.

    Args:
        p: The painter.
        cx: Horizontal centre.
        shoulder_y: Height of the base of the neck.
        u: Head height in pixels.
        jacket: Jacket colour.
        hair: Hair colour.
        skin: Skin colour (ears and neck).
        blur: Softness (depth of field).
        width: Shoulder width multiplier.
        lean: Sideways tilt of the head, in head heights.
    """
    b = blur
    hx, hy = cx + lean * u, shoulder_y - 0.85 * u
    p.rect(
        (cx - 0.17 * u + lean * 0.4 * u, hy, cx + 0.17 * u + lean * 0.4 * u, shoulder_y + 0.1 * u),
        shade(skin, 0.55),
        blur=b,
    )
    body = chaikin(
        [
            (cx - 0.3 * u, shoulder_y - 0.12 * u),
            (cx - 0.78 * width * u, shoulder_y + 0.08 * u),
            (cx - 0.98 * width * u, shoulder_y + 0.6 * u),
            (cx - 1.08 * width * u, shoulder_y + 4 * u),
            (cx + 1.08 * width * u, shoulder_y + 4 * u),
            (cx + 0.98 * width * u, shoulder_y + 0.6 * u),
            (cx + 0.78 * width * u, shoulder_y + 0.08 * u),
            (cx + 0.3 * u, shoulder_y - 0.12 * u),
        ],
        2,
    )
    p.polygon(
        body,
        hgrad((0, shade(jacket, 0.7)), (0.5, shade(jacket, 1.08)), (1, shade(jacket, 0.7))),
        blur=b,
    )
    for sgn in (-1, 1):
        p.ellipse(
            (
                hx + sgn * 0.36 * u - 0.07 * u,
                hy - 0.1 * u,
                hx + sgn * 0.36 * u + 0.07 * u,
                hy + 0.16 * u,
            ),
            shade(skin, 0.75),
            blur=b,
        )
    p.ellipse(
        (hx - 0.38 * u, hy - 0.52 * u, hx + 0.38 * u, hy + 0.45 * u),
        hgrad((0, shade(hair, 0.8)), (0.45, shade(hair, 1.12)), (1, shade(hair, 0.8))),
        blur=b,
    )


# --------------------------------------------------------------------------- scenes


def text_panel(
    size: tuple[int, int],
    background: RGB | Gradient | None,
    lines: Sequence[tuple[str, float, RGB, str]],
    line_gap: float = 0.25,
) -> Image.Image:
    """Render a banner: centred lines of text on a background.

    Args:
        size: Width and height of the banner image in pixels.
        background: Colour or gradient behind the text; None for transparent.
        lines: ``(text, size_px, colour, font)`` for each line, top to bottom.
        line_gap: Space between lines as a fraction of the line size.

    Returns:
        The banner as an RGB image, or RGBA if the background is transparent.
    """
    w, h = size
    if background is None:
        img = Image.new("RGBA", size, (0, 0, 0, 0))
    elif isinstance(background, Gradient):
        img = background.render(w, h)
    else:
        img = Image.new("RGB", size, background)
    d = ImageDraw.Draw(img)
    total = sum(sz for _, sz, _, _ in lines) + line_gap * sum(sz for _, sz, _, _ in lines[1:])
    y = (h - total) / 2
    for i, (txt, sz, col, font) in enumerate(lines):
        if i:
            y += line_gap * sz
        d.text((w / 2, y + sz / 2), txt, font=_font(font, round(sz)), fill=col, anchor="mm")
        y += sz
    return img


def _project_all(cam: Camera, pts: Iterable[tuple[float, float, float]]) -> list[Point]:
    return [cam.project(x, y, z) for x, y, z in pts]


def scene_talks(rng: random.Random) -> Image.Image:
    """Talks at the VNA headquarters: the other delegation across a long table."""
    w, h = 2400, 1600
    cam = Camera(cx=1200, cy=330, focal=1450, height=1.75)
    p = Painter(w, h, (60, 50, 44))
    ax, az, bx, bz = -2.7, 3.6, 2.9, 5.2
    dx, dz = bx - ax, bz - az
    ln = math.hypot(dx, dz)
    ux, uz = dx / ln, dz / ln
    nx, nz = uz, -ux  # towards the camera

    def row(t: float, off: float, y: float) -> tuple[float, float, float]:
        return (ax + t * dx + nx * off, y, az + t * dz + nz * off)

    def at(t: float, off: float, y: float) -> Point:
        return cam.project(*row(t, off, y))

    def depth(t: float, off: float) -> float:
        return cam.scale(row(t, off, 0)[2])

    def quad(t0: float, t1: float, off0: float, off1: float, y0: float, y1: float) -> list[Point]:
        return [at(t0, off0, y1), at(t1, off0, y1), at(t1, off1, y0), at(t0, off1, y0)]

    wall = -1.4
    p.rect((0, 0, w, h), vgrad((0, (78, 70, 64)), (0.3, (58, 50, 46)), (1, (40, 30, 28))))
    # ceiling lights (the wall hides those behind it)
    for zz in (2.5, 3.6, 5.0, 7.0, 9.5, 13.0):
        for xx in (-4.2, -1.4, 1.4, 4.2):
            lx, ly = cam.project(xx, 3.3, zz)
            sc = cam.scale(zz)
            p.ellipse(
                (lx - 0.17 * sc, ly - 0.05 * sc, lx + 0.17 * sc, ly + 0.05 * sc), (255, 250, 235)
            )
            p.glow(lx, ly, 0.9 * sc, 0.45 * sc, (255, 236, 200), 0.8)
    p.polygon(
        quad(-1.5, 4.0, wall, wall, 0.0, 3.3), vgrad((0, (206, 188, 160)), (1, (150, 128, 104)))
    )
    t = -1.5
    while t < 4.0:
        p.polygon(quad(t, t + 0.005, wall, wall, 0.0, 3.3), (120, 98, 76), opacity=0.55)
        t += 0.9 / ln
    for i in range(-5, 14):
        lx, ly = at(i * 0.3, wall, 3.15)
        sc = depth(i * 0.3, wall)
        p.glow(lx, ly + 0.55 * sc, 0.5 * sc, 1.4 * sc, (255, 222, 170), 0.5, 1.6)
    # backdrop
    bw, bh = 1.12 * ln, 1.7
    banner = text_panel(
        (round(bw * 420), round(bh * 420)),
        vgrad((0, (24, 62, 136)), (1, (12, 34, 88))),
        [
            ("HỘI ĐÀM", 170, (255, 255, 255), "NotoSerif-Bold"),
            (
                "GIỮA THÔNG TẤN XÃ VIỆT NAM VÀ HÃNG THÔNG TẤN TASS (LIÊN BANG NGA)",
                66,
                (242, 212, 116),
                "NotoSans-Bold",
            ),
            ("Hà Nội, ngày 24 tháng 2 năm 2026", 70, (225, 230, 240), "NotoSerif-Italic"),
        ],
        line_gap=0.5,
    )
    bd = quad(-0.06, 1.06, wall + 0.02, wall + 0.02, 1.3, 3.0)
    p.polygon([(x + 8, y + 10) for x, y in bd], (30, 20, 16), blur=10, opacity=0.45)
    p.image_quad(banner, bd)
    # the delegation across the table
    people = [
        (0.1, (38, 40, 48), (130, 30, 40), 0.0, False, False),
        (0.3, (30, 34, 46), (30, 60, 120), 0.3, True, False),
        (0.5, (118, 26, 38), None, 0.0, False, True),
        (0.7, (44, 46, 52), (90, 90, 96), 0.0, True, False),
        (0.9, (28, 30, 36), (140, 110, 40), 0.7, False, False),
    ]
    far, near = 0.4, 1.9
    # the floor on our side
    p.polygon(
        [at(-2.0, near, 0.0), at(3.0, near, 0.0), (w + 500, h + 500), (-500, h + 500)],
        vgrad((0, (96, 30, 30)), (1, (60, 18, 20))),
    )
    for tt, suit, tie, bald, glasses, woman in sorted(people, key=lambda q: -q[0]):
        sx, sy = at(tt, -0.05, 1.06)
        sc = depth(tt, -0.05)
        p.rect(
            (sx - 0.29 * sc, sy - 0.36 * sc, sx + 0.29 * sc, sy + 0.6 * sc),
            vgrad((0, (52, 34, 28)), (1, (30, 20, 16))),
            radius=0.12 * sc,
        )
        person_front(
            p,
            sx,
            sy,
            0.235 * sc,
            suit,
            tie=tie,
            bald=bald,
            glasses=glasses,
            long_hair=woman,
            hair=(70, 66, 64) if bald else (20, 16, 14),
            shirt=(245, 240, 236) if woman else (232, 234, 236),
            arms_on_table=at(tt, far + 0.12, 0.76)[1],
            turn=rng.uniform(-0.7, 0.7),
        )
    # table
    p.polygon(
        quad(-0.8, 1.14, near, near, 0.0, 0.74), hgrad((0, (206, 204, 198)), (1, (170, 168, 162)))
    )
    for i in range(70):
        ft = -0.8 + i * 1.94 / 70
        p.line(
            [at(ft, near, 0.72), at(ft, near, 0.02)], (130, 128, 124), 3.0, blur=3.0, opacity=0.45
        )
    top = quad(-0.8, 1.14, far, near, 0.76, 0.76)
    p.polygon([top[0], top[1], top[2], top[3]], vgrad((0, (214, 214, 208)), (1, (246, 246, 240))))
    edge = [top[3], top[2], at(1.14, near, 0.7), at(-0.8, near, 0.7)]
    p.polygon(edge, (170, 170, 164))
    for tt, *_ in people:
        sc = depth(tt, far + 0.3)
        p.polygon(quad(tt - 0.03, tt + 0.03, far + 0.45, far + 0.12, 0.761, 0.761), (250, 250, 252))
        p.polygon(
            quad(tt - 0.022, tt + 0.022, far + 0.4, far + 0.2, 0.762, 0.762),
            (150, 150, 160),
            opacity=0.35,
        )
        bx_, by_ = at(tt + 0.05, far + 0.22, 0.77)
        p.ellipse(
            (bx_ - 0.07 * sc, by_ - 0.025 * sc, bx_ + 0.07 * sc, by_ + 0.025 * sc), (30, 30, 32)
        )
        tip = (bx_ - 0.12 * sc, by_ - 0.42 * sc)
        p.line([(bx_, by_), (bx_ - 0.02 * sc, by_ - 0.3 * sc), tip], (40, 40, 44), 0.018 * sc)
        p.ellipse(
            (tip[0] - 0.035 * sc, tip[1] - 0.02 * sc, tip[0] + 0.035 * sc, tip[1] + 0.02 * sc),
            (255, 60, 50),
        )
        p.glow(tip[0], tip[1], 0.09 * sc, 0.06 * sc, (255, 80, 60), 0.9)
        gx, gy = at(tt - 0.065, far + 0.3, 0.76)
        p.ellipse(
            (gx - 0.04 * sc, gy - 0.015 * sc, gx + 0.04 * sc, gy + 0.015 * sc),
            (90, 90, 90),
            blur=0.01 * sc,
            opacity=0.4,
        )
        p.rect((gx - 0.035 * sc, gy - 0.13 * sc, gx + 0.035 * sc, gy), (190, 208, 220), opacity=0.5)
        p.rect((gx - 0.03 * sc, gy - 0.13 * sc, gx - 0.018 * sc, gy), (255, 255, 255), opacity=0.75)
        nx_, ny_ = at(tt, far + 0.62, 0.76)
        p.polygon(
            [
                (nx_ - 0.15 * sc, ny_),
                (nx_ + 0.15 * sc, ny_),
                (nx_ + 0.15 * sc, ny_ - 0.09 * sc),
                (nx_ - 0.15 * sc, ny_ - 0.09 * sc),
            ],
            (252, 252, 250),
        )
        p.rect(
            (nx_ - 0.11 * sc, ny_ - 0.06 * sc, nx_ + 0.11 * sc, ny_ - 0.04 * sc),
            (40, 40, 60),
            opacity=0.55,
        )
    # the long, low flower arrangement down the middle of the table
    steps = 34
    for i in range(steps):
        tt = 1.02 - i * 1.5 / (steps - 1)
        fx, fy = at(tt, 1.25, 0.78)
        sc = depth(tt, 1.25)
        flowers(
            p,
            rng,
            fx,
            fy,
            0.5 * sc,
            0.16 * sc,
            [(232, 40, 60), (250, 206, 60), (255, 244, 236), (240, 120, 40), (236, 90, 140)],
            petals=True,
        )
    dx_, dy_ = at(0.4, far + 0.25, 0.76)
    desk_flags(p, dx_, dy_, 0.17 * depth(0.4, far + 0.25))
    # our side of the table, out of focus
    p.blur(1.2)
    for tt, jacket, hair in ((0.7, (26, 28, 34), (34, 28, 24)), (0.17, (30, 32, 40), (22, 18, 16))):
        sx, sy = at(tt, near + 0.5, 1.1)
        sc = depth(tt, near + 0.5)
        person_back(
            p,
            sx + 0.05 * sc,
            sy,
            0.24 * sc,
            jacket,
            hair=hair,
            blur=0.012 * sc,
            lean=0.1 if tt > 0.5 else -0.1,
        )
        p.rect(
            (sx - 0.32 * sc, sy + 0.2 * sc, sx + 0.38 * sc, sy + 1.2 * sc),
            hgrad((0, (40, 26, 22)), (0.5, (66, 44, 36)), (1, (34, 22, 18))),
            radius=0.1 * sc,
            blur=0.012 * sc,
        )
    img = p.finish()
    return develop(img, rng.randrange(1 << 30), warmth=0.04, vignette=0.32, bloom=0.2, grain=4.5)


def _xz(xz: tuple[float, float], y: float) -> tuple[float, float, float]:
    return (xz[0], y, xz[1])


def _screen_thumb(p: Painter, box: Sequence[float], rng: random.Random) -> None:
    """A camera's live-view screen: a tiny bright picture of the stage."""
    x0, y0, x1, y1 = box
    p.rect(box, vgrad((0, (120, 150, 200)), (0.6, (60, 80, 150)), (1, (170, 150, 140))))
    cw = x1 - x0
    for i in range(3):
        fx = x0 + cw * (0.25 + 0.25 * i) + rng.uniform(-0.03, 0.03) * cw
        p.rect(
            (fx - cw * 0.05, y0 + (y1 - y0) * 0.45, fx + cw * 0.05, y1 - (y1 - y0) * 0.25),
            (30, 30, 40),
        )
    p.rect((x0, y1 - (y1 - y0) * 0.28, x1, y1), (235, 235, 230), opacity=0.8)
    p.glow((x0 + x1) / 2, (y0 + y1) / 2, cw * 0.9, (y1 - y0) * 1.2, (150, 180, 255), 0.25)


def photographer(
    p: Painter,
    rng: random.Random,
    cx: float,
    shoulder_y: float,
    u: float,
    jacket: RGB,
    pose: str,
    blur: float = 0.0,
) -> None:
    """A press photographer seen from behind.

    Args:
        p: The painter.
        rng: Random generator for small variations.
        cx: Horizontal centre.
        shoulder_y: Height of the base of the neck.
        u: Head height in pixels.
        jacket: Jacket colour.
        pose: ``"raised"`` (camera held over the head), ``"eye"`` (camera at the eye)
            or ``"video"`` (behind a video camera on a tripod).
        blur: Softness (depth of field).
    """
    b = blur
    hair = rng.choice([(20, 18, 16), (36, 28, 22), (60, 52, 46), (14, 12, 12)])
    black = (18, 18, 20)
    if pose == "video":
        cam_y = shoulder_y - 0.75 * u
        for sgn in (-1.3, 0.2, 1.4):
            p.line(
                [
                    (cx + 1.0 * u, cam_y + 0.3 * u),
                    (cx + 1.0 * u + sgn * 0.9 * u, shoulder_y + 5 * u),
                ],
                (40, 40, 44),
                0.09 * u,
                blur=b,
            )
        person_back(p, cx, shoulder_y, u, jacket, hair=hair, blur=b)
        p.rect(
            (cx + 0.35 * u, cam_y - 0.35 * u, cx + 1.65 * u, cam_y + 0.35 * u),
            vgrad((0, (58, 58, 62)), (1, (22, 22, 24))),
            blur=b,
            radius=0.08 * u,
        )
        _screen_thumb(p, (cx + 0.4 * u, cam_y - 0.3 * u, cx + 0.95 * u, cam_y + 0.08 * u), rng)
        p.line(
            [(cx + 0.55 * u, shoulder_y + 0.3 * u), (cx + 0.6 * u, cam_y + 0.3 * u)],
            shade(jacket, 0.85),
            0.3 * u,
            blur=b,
        )
        return
    if pose == "raised":
        top = shoulder_y - 2.3 * u
        off = rng.uniform(-0.4, 0.4) * u
        for sgn in (-1, 1):
            p.line(
                [
                    (cx + sgn * 0.9 * u, shoulder_y + 0.3 * u),
                    (cx + sgn * 1.0 * u + off, shoulder_y - 1.1 * u),
                    (cx + sgn * 0.5 * u + off, top + 0.3 * u),
                ],
                shade(jacket, 0.9),
                0.34 * u,
                blur=b,
            )
        person_back(p, cx, shoulder_y, u, jacket, hair=hair, blur=b, lean=rng.uniform(-0.1, 0.1))
        p.rect(
            (cx - 0.6 * u + off, top - 0.2 * u, cx + 0.6 * u + off, top + 0.55 * u),
            vgrad((0, (50, 50, 54)), (1, black)),
            blur=b,
            radius=0.1 * u,
        )
        _screen_thumb(
            p, (cx - 0.42 * u + off, top - 0.08 * u, cx + 0.3 * u + off, top + 0.42 * u), rng
        )
        for sgn in (-1, 1):
            p.ellipse(
                (
                    cx + sgn * 0.55 * u + off - 0.16 * u,
                    top + 0.1 * u,
                    cx + sgn * 0.55 * u + off + 0.16 * u,
                    top + 0.5 * u,
                ),
                (150, 112, 92),
                blur=b,
            )
        return
    # camera at the eye: elbows out, the camera body showing past the head
    for sgn in (-1, 1):
        p.line(
            [
                (cx + sgn * 0.95 * u, shoulder_y + 0.35 * u),
                (cx + sgn * 1.35 * u, shoulder_y - 0.2 * u),
                (cx + sgn * 0.55 * u, shoulder_y - 0.75 * u),
            ],
            shade(jacket, 0.85),
            0.36 * u,
            blur=b,
        )
    p.rect(
        (cx - 0.75 * u, shoulder_y - 1.08 * u, cx + 0.75 * u, shoulder_y - 0.55 * u),
        vgrad((0, (54, 54, 58)), (1, black)),
        blur=b,
        radius=0.08 * u,
    )
    person_back(p, cx, shoulder_y, u, jacket, hair=hair, blur=b, lean=rng.uniform(-0.12, 0.12))


def scene_press(rng: random.Random) -> Image.Image:
    """Photographers and camera crews covering the talks."""
    w, h = 2400, 1600
    p = Painter(w, h, vgrad((0, (40, 36, 40)), (1, (24, 20, 22))))
    # the lit end of the room
    p.rect((0, 180, w, 760), vgrad((0, (200, 184, 160)), (1, (170, 150, 126))))
    for i in range(14):
        x = i * 190 + 40
        p.rect((x, 180, x + 4, 760), (140, 116, 92), opacity=0.6)
        p.glow(x + 95, 230, 90, 230, (255, 226, 180), 0.5, 1.5)
    banner = text_panel(
        (1700, 500),
        vgrad((0, (24, 62, 136)), (1, (12, 34, 88))),
        [
            ("HỘI ĐÀM", 120, (255, 255, 255), "NotoSerif-Bold"),
            (
                "GIỮA THÔNG TẤN XÃ VIỆT NAM VÀ HÃNG THÔNG TẤN TASS",
                50,
                (242, 212, 116),
                "NotoSans-Bold",
            ),
            ("Hà Nội, ngày 24 tháng 2 năm 2026", 44, (225, 230, 240), "NotoSerif-Italic"),
        ],
        line_gap=0.5,
    )
    p.image_quad(banner, [(560, 230), (1840, 230), (1840, 606), (560, 606)])
    p.rect((0, 760, w, 1000), vgrad((0, (110, 34, 34)), (1, (80, 24, 26))))
    for i, x in enumerate((720, 960, 1200, 1440, 1680)):
        p.rect((x - 70, 560, x + 70, 720), (50, 32, 26), radius=18)
        person_front(
            p,
            x,
            660,
            62,
            [(34, 36, 44), (30, 32, 40), (118, 26, 38), (40, 42, 50), (28, 30, 36)][i],
            tie=None if i == 2 else (120, 30, 40),
            long_hair=i == 2,
            arms_on_table=735,
        )
    p.rect((380, 720, 2020, 745), (236, 236, 230))
    p.rect((380, 745, 2020, 860), vgrad((0, (200, 200, 194)), (1, (160, 160, 154))))
    for i in range(40):
        ff = 440 + i * 39
        flowers(
            p,
            rng,
            ff,
            728,
            46,
            16,
            [(232, 40, 60), (250, 206, 60), (255, 244, 236), (240, 120, 40)],
        )
    desk_flags(p, 1080, 725, 22)
    for x in range(300, 2200, 240):
        p.glow(x, 90, 160, 60, (255, 240, 210), 0.9)
        p.ellipse((x - 30, 84, x + 30, 96), (255, 252, 240))
    p.blur(2.2)
    # the press pack
    jackets = [
        (40, 44, 52),
        (70, 74, 60),
        (30, 30, 34),
        (90, 60, 40),
        (50, 60, 80),
        (120, 120, 126),
        (24, 40, 70),
        (60, 40, 40),
    ]
    mid = [
        (140, "video"),
        (420, "raised"),
        (640, "eye"),
        (900, "raised"),
        (1180, "eye"),
        (1460, "raised"),
        (1720, "video"),
        (1990, "eye"),
        (2260, "raised"),
    ]
    for i, (x, pose) in enumerate(mid):
        photographer(
            p,
            rng,
            x + rng.uniform(-30, 30),
            1010 + rng.uniform(-25, 25),
            118,
            jackets[i % len(jackets)],
            pose,
            blur=0.6,
        )
    p.glow(1460, 800, 200, 160, (235, 245, 255), 1.6, 2.5)
    p.glow(1460, 800, 60, 60, (255, 255, 255), 1.0, 1.0)
    front = [
        (260, "eye", (26, 26, 30)),
        (1240, "raised", (36, 38, 44)),
        (2150, "eye", (48, 40, 36)),
    ]
    for x, pose, jacket in front:
        photographer(p, rng, x, 1330, 230, jacket, pose, blur=9)
    img = p.finish()
    return develop(
        img, rng.randrange(1 << 30), warmth=0.03, vignette=0.4, bloom=0.35, grain=5.0, contrast=1.08
    )


def standing_flag(
    p: Painter,
    kind: str,
    pole_x: float,
    top_y: float,
    length: float,
    base_y: float,
    phase: float,
    blur: float = 0.0,
) -> None:
    """A flag on a floor-standing pole with a gilt finial, rippling to the right."""
    gold = vgrad((0, (250, 226, 140)), (1, (150, 110, 40)))
    p.line(
        [(pole_x, top_y), (pole_x, base_y)],
        hgrad((0, (120, 90, 40)), (0.5, (240, 210, 130)), (1, (110, 80, 30))),
        length * 0.035,
        blur=blur,
    )
    p.circle(pole_x, top_y - length * 0.04, length * 0.035, gold, blur=blur)
    draw_flag(
        p,
        kind,
        (pole_x, top_y + length * 0.02, pole_x + length, top_y + length * 0.68),
        0.09,
        phase,
        blur=blur,
    )
    p.ellipse(
        (
            pole_x - length * 0.12,
            base_y - length * 0.03,
            pole_x + length * 0.12,
            base_y + length * 0.03,
        ),
        gold,
        blur=blur,
    )


def scene_signing(rng: random.Random) -> Image.Image:
    """The signing ceremony: two signers at a table, officials standing behind."""
    w, h = 2400, 1600
    p = Painter(w, h, vgrad((0, (70, 58, 50)), (1, (40, 32, 28))))
    p.rect((0, 0, w, 1000), vgrad((0, (206, 190, 166)), (1, (176, 156, 132))))
    banner = text_panel(
        (2000, 560),
        vgrad((0, (150, 22, 28)), (1, (104, 12, 18))),
        [
            ("LỄ KÝ KẾT THỎA THUẬN HỢP TÁC NGHIỆP VỤ", 78, (255, 222, 120), "NotoSerif-Bold"),
            (
                "GIỮA THÔNG TẤN XÃ VIỆT NAM VÀ HÃNG THÔNG TẤN TASS (LIÊN BANG NGA)",
                50,
                (255, 244, 220),
                "NotoSans-Bold",
            ),
            ("Hà Nội, ngày 24 tháng 2 năm 2026", 44, (250, 236, 210), "NotoSerif-Italic"),
        ],
        line_gap=0.6,
    )
    p.rect((190, 70, 2230, 660), (60, 40, 30), blur=14, opacity=0.45)
    p.image_quad(banner, [(200, 60), (2200, 60), (2200, 620), (200, 620)])
    for x in range(300, 2200, 380):
        p.glow(x, 20, 260, 300, (255, 230, 190), 0.45, 1.5)
    standing_flag(p, "vn", 1060, 520, 330, 1000, 0.6)
    standing_flag(p, "ru", 1350, 520, 330, 1000, 2.2)
    # officials standing behind the signers
    standing = [
        (430, (34, 36, 44), (130, 30, 40), False, 0.0),
        (690, (40, 48, 84), None, True, 0.0),
        (1730, (40, 42, 50), (30, 60, 120), False, 0.5),
        (1990, (30, 30, 36), (90, 90, 96), False, 0.0),
    ]
    for x, suit, tie, woman, bald in standing:
        person_front(
            p,
            x,
            830,
            128,
            suit,
            tie=tie,
            long_hair=woman,
            bald=bald,
            turn=rng.uniform(-0.5, 0.5),
            shirt=(245, 240, 236) if woman else (232, 234, 236),
        )
    p.blur(1.4)
    # signers
    signers = [
        (840, (118, 26, 38), None, True),
        (1560, (36, 38, 46), (30, 56, 110), False),
    ]
    table_y = 1180
    for x, suit, tie, woman in signers:
        p.rect(
            (x - 190, 760, x + 190, 1200), vgrad((0, (96, 40, 30)), (1, (60, 24, 18))), radius=40
        )
        person_front(
            p,
            x,
            930,
            160,
            suit,
            tie=tie,
            long_hair=woman,
            shirt=(245, 240, 236) if woman else (232, 234, 236),
            turn=0.2 if x < 1200 else -0.2,
            arms_on_table=table_y + 10,
        )
    # table: green baize top, long skirt
    p.polygon(
        [(120, table_y - 20), (2280, table_y - 20), (2400, table_y + 60), (0, table_y + 60)],
        vgrad((0, (30, 86, 62)), (1, (40, 110, 80))),
    )
    p.rect((0, table_y + 60, w, h), vgrad((0, (36, 100, 72)), (1, (18, 56, 40))))
    for i in range(48):
        x = i * 52 + rng.uniform(-8, 8)
        p.line(
            [(x, table_y + 70), (x + rng.uniform(-10, 10), h)], (14, 44, 30), 6, blur=6, opacity=0.5
        )
    for x, *_ in signers:
        # leather folder with the agreement
        p.polygon(
            [
                (x - 250, table_y + 45),
                (x + 250, table_y + 45),
                (x + 230, table_y - 6),
                (x - 230, table_y - 6),
            ],
            vgrad((0, (120, 30, 30)), (1, (80, 16, 18))),
        )
        p.polygon(
            [(x - 225, table_y + 36), (x - 8, table_y + 36), (x - 10, table_y), (x - 212, table_y)],
            (250, 248, 240),
        )
        p.polygon(
            [(x + 8, table_y + 36), (x + 225, table_y + 36), (x + 212, table_y), (x + 10, table_y)],
            (250, 248, 240),
        )
        for k in range(5):
            yy = table_y + 7 + k * 6
            p.line([(x + 40, yy), (x + 190, yy)], (120, 120, 130), 1.6, opacity=0.7)
        p.line([(x + 60, table_y + 28), (x + 150, table_y - 40)], (20, 20, 24), 7)
        p.line([(x + 140, table_y - 24), (x + 150, table_y - 40)], (210, 180, 90), 7)
    desk_flags(p, 1200, table_y + 25, 44)
    for i in range(4):
        flowers(
            p,
            rng,
            1080 + i * 80,
            table_y + 64,
            120,
            40,
            [(232, 40, 60), (250, 206, 60), (255, 244, 236), (240, 120, 40), (236, 90, 140)],
            petals=True,
        )
    p.glow(1200, 500, 1500, 900, (255, 240, 220), 0.18, 1.2)
    img = p.finish()
    return develop(img, rng.randrange(1 << 30), warmth=0.05, vignette=0.3, bloom=0.2, grain=4.5)


# A man in a suit, in profile facing right. Units: head heights; (0, 0) is the
# front of the base of the neck.
_HEAD = [
    (-0.05, -1.15),
    (0.2, -1.13),
    (0.36, -1.01),
    (0.42, -0.83),
    (0.44, -0.69),
    (0.46, -0.63),
    (0.55, -0.51),
    (0.56, -0.48),
    (0.47, -0.43),
    (0.48, -0.37),
    (0.45, -0.33),
    (0.47, -0.29),
    (0.45, -0.21),
    (0.41, -0.15),
    (0.3, -0.11),
    (0.16, -0.05),
    (0.12, 0.2),
    (-0.25, 0.2),
    (-0.28, -0.23),
    (-0.4, -0.43),
    (-0.45, -0.68),
    (-0.4, -0.95),
    (-0.28, -1.09),
]
_TORSO = [
    (0.1, 0.0),
    (0.32, 0.1),
    (0.6, 0.3),
    (0.7, 0.8),
    (0.64, 1.6),
    (0.5, 2.3),
    (0.52, 2.9),
    (0.62, 3.3),
    (-0.7, 3.3),
    (-0.64, 2.6),
    (-0.6, 2.0),
    (-0.72, 1.2),
    (-0.8, 0.5),
    (-0.66, 0.14),
    (-0.4, 0.0),
    (-0.2, -0.05),
]
_LEGS = [
    [(0.45, 3.1), (0.62, 5.0), (0.75, 7.6), (0.25, 7.6), (0.1, 5.2), (-0.1, 3.1)],
    [(0.0, 3.1), (-0.3, 5.1), (-0.45, 7.6), (-0.85, 7.6), (-0.72, 5.0), (-0.62, 3.1)],
]


def profile_figure(
    p: Painter, x: float, y: float, u: float, facing: int, reach: float, fill: RGB | Gradient
) -> None:
    """Draw a man in profile, one arm reaching forward to shake hands.

    Args:
        p: The painter (usually one drawing a mask).
        x: Horizontal position of the front of the neck.
        y: Vertical position of the base of the neck.
        u: Head height in pixels.
        facing: 1 facing right, -1 facing left.
        reach: How far forward the hand reaches, in head heights.
        fill: Colour to draw with.
    """

    def tr(pts: Sequence[Point]) -> list[Point]:
        return [(x + facing * px * u, y + py * u) for px, py in pts]

    for leg in _LEGS:
        p.polygon(chaikin(tr(leg), 1), fill)
    p.polygon(chaikin(tr(_TORSO), 2), fill)
    p.polygon(chaikin(tr(_HEAD), 2), fill)
    arm = tr([(-0.2, 0.35), (-0.05, 1.75), (reach * 0.55, 1.72), (reach, 1.55)])
    p.line(arm[:2], fill, 0.46 * u)
    p.line(arm[1:], fill, 0.36 * u)


def scene_handshake(rng: random.Random) -> Image.Image:
    """Two heads of agency shake hands, silhouetted against a bright window."""
    w, h = 2400, 1600
    p = Painter(w, h, vgrad((0, (255, 236, 200)), (0.5, (246, 206, 150)), (1, (150, 100, 70))))
    # window frames and the flags behind, out of focus
    for x in range(-100, w + 200, 520):
        p.rect((x, 0, x + 60, h), (120, 86, 60), opacity=0.8)
    p.rect((0, 1080, w, 1130), (120, 86, 60), opacity=0.8)
    p.glow(1200, 520, 1300, 800, (255, 250, 235), 1.0, 1.2)
    draw_flag(p, "vn", (160, 160, 820, 600), 0.12, 0.4, blur=0)
    draw_flag(p, "ru", (1580, 160, 2240, 600), 0.12, 2.0, blur=0)
    standing_flag(p, "vn", 160, 150, 660, 1500, 0.4)
    standing_flag(p, "ru", 1580, 150, 660, 1500, 2.0)
    p.blur(14)
    p.glow(1200, 640, 500, 400, (255, 255, 245), 0.9, 1.5)
    # the two men, as masks, so that the rim light can follow their outlines
    s = p.scale
    u = 205
    men = ((820, 560, u, 1, -1), (1590, 548, u * 1.04, -1, 1))
    for x, y, uu, facing, away in men:
        mask_p = Painter(w, h, (0, 0, 0))
        profile_figure(mask_p, x, y, uu, facing, 1.9, (255, 255, 255))
        mask = mask_p.image.convert("L")
        # light from behind them: the rim is on the edges facing the middle, and on top
        shifted = ImageChops.offset(mask, round(away * 10 * s), round(7 * s))
        rim = ImageChops.subtract(mask, shifted).filter(ImageFilter.GaussianBlur(3.5 * s))
        dark = vgrad((0, (34, 28, 26)), (0.5, (22, 18, 18)), (1, (12, 9, 9))).render(*p.image.size)
        p.image.paste(dark, (0, 0), mask.filter(ImageFilter.GaussianBlur(1.0 * s)))
        p.image.paste((255, 218, 160), (0, 0), rim.point(lambda v: min(255, v * 2)))
    p.glow(1205, 875, 130, 100, (255, 230, 190), 0.4)
    img = p.finish()
    return develop(
        img, rng.randrange(1 << 30), warmth=0.06, vignette=0.45, bloom=0.3, grain=5.0, contrast=1.1
    )


def lantern(p: Painter, x: float, y: float, r: float, color: RGB, blur: float = 0.0) -> None:
    """A glowing silk lantern hanging from ``(x, y)`` with radius ``r``."""
    p.line([(x, y - r * 2.2), (x, y - r)], (40, 30, 20), max(1.0, r * 0.06), blur=blur)
    p.rect((x - r * 0.45, y - r * 1.1, x + r * 0.45, y - r * 0.85), (200, 160, 60), blur=blur)
    p.ellipse(
        (x - r, y - r * 0.9, x + r, y + r * 0.9),
        hgrad((0, shade(color, 0.55)), (0.5, shade(color, 1.25)), (1, shade(color, 0.55))),
        blur=blur,
    )
    for k in (-0.5, 0.0, 0.5):
        p.line(
            [(x + k * r, y - r * 0.85), (x + k * r * 1.15, y), (x + k * r, y + r * 0.85)],
            shade(color, 0.6),
            max(1.0, r * 0.05),
            blur=blur,
            opacity=0.6,
        )
    p.rect((x - r * 0.45, y + r * 0.82, x + r * 0.45, y + r * 1.02), (200, 160, 60), blur=blur)
    p.line([(x, y + r), (x, y + r * 1.9)], shade(color, 0.8), max(1.0, r * 0.18), blur=blur)
    p.glow(x, y, r * 3.2, r * 3.0, shade(color, 1.2), 0.55, 1.8)


def scene_hanoi(rng: random.Random) -> Image.Image:
    """An Old Quarter street in Hanoi at dusk, strung with lanterns (portrait)."""
    w, h = 1600, 2400
    cam = Camera(cx=800, cy=1260, focal=1050, height=1.45)
    p = Painter(
        w,
        h,
        vgrad((0, (22, 26, 64)), (0.35, (70, 52, 110)), (0.55, (210, 120, 110)), (1, (30, 24, 30))),
    )
    half = 4.2
    facade_cols = [
        (214, 170, 80),
        (200, 150, 110),
        (226, 200, 150),
        (90, 140, 140),
        (230, 214, 190),
        (190, 96, 70),
        (220, 184, 96),
        (150, 160, 120),
    ]
    signs = ["PHỞ BÒ", "ĐÈN LỒNG", "HÀNG MÃ", "TRÀ ĐÁ", "CÀ PHÊ", "BÁNH CUỐN", "LỤA", "KHÁCH SẠN"]
    sign_cols = [(200, 30, 30), (240, 200, 40), (30, 90, 160), (20, 120, 80)]
    # ground
    p.rect((0, cam.cy - 2, w, h), vgrad((0, (64, 48, 48)), (1, (26, 20, 22))))
    for side in (-1, 1):
        walk = _project_all(
            cam,
            [
                (side * 2.9, 0.0, 200),
                (side * half, 0.0, 200),
                (side * half, 0.0, 0.3),
                (side * 2.9, 0.0, 0.3),
            ],
        )
        p.polygon(walk, vgrad((0, (90, 70, 64)), (1, (58, 44, 42))))
        curb = _project_all(
            cam,
            [
                (side * 2.9, 0.0, 200),
                (side * 2.9, 0.15, 200),
                (side * 2.9, 0.15, 0.3),
                (side * 2.9, 0.0, 0.3),
            ],
        )
        p.polygon(curb, (120, 110, 100))
    for side in (-1, 1):
        z = 90.0
        houses = []
        while z > 2.0:
            depth = rng.uniform(3.5, 6.0)
            houses.append((max(z - depth, 0.5), z, rng.uniform(8.0, 14.0), rng.choice(facade_cols)))
            z -= depth
        for z0, z1, ht, col in houses:
            x = side * half
            face = _project_all(cam, [(x, ht, z1), (x, ht, z0), (x, 0, z0), (x, 0, z1)])
            light = 0.75 if side < 0 else 0.62
            p.polygon(
                face,
                hgrad(
                    (0, shade(col, light * (0.9 if side < 0 else 1.1))),
                    (1, shade(col, light * (1.1 if side < 0 else 0.9))),
                ),
            )
            # roof edge
            p.polygon(
                _project_all(cam, [(x, ht + 0.3, z1), (x, ht + 0.3, z0), (x, ht, z0), (x, ht, z1)]),
                (60, 44, 40),
            )
            # storeys: shutters and balconies
            for level in range(1, int(ht // 3.2) + 1):
                y0 = level * 3.2 + 0.8
                for wz0, wz1 in (
                    (z0 + 0.5, z0 + 0.5 + (z1 - z0) * 0.35),
                    (z1 - 0.5 - (z1 - z0) * 0.35, z1 - 0.5),
                ):
                    win = _project_all(
                        cam, [(x, y0 + 1.7, wz1), (x, y0 + 1.7, wz0), (x, y0, wz0), (x, y0, wz1)]
                    )
                    lit = rng.random() < 0.45
                    p.polygon(win, (255, 196, 110) if lit else (46, 92, 80))
                    if lit:
                        cxw = sum(q[0] for q in win) / 4
                        cyw = sum(q[1] for q in win) / 4
                        p.glow(
                            cxw,
                            cyw,
                            abs(win[0][0] - win[1][0]) + 10,
                            abs(win[0][1] - win[3][1]) * 0.8,
                            (255, 190, 110),
                            0.5,
                        )
                bal = _project_all(
                    cam,
                    [
                        (x - side * 0.9, y0 - 0.1, z1),
                        (x - side * 0.9, y0 - 0.1, z0),
                        (x, y0 - 0.1, z0),
                        (x, y0 - 0.1, z1),
                    ],
                )
                p.polygon(bal, shade(col, 0.45))
                rail = _project_all(
                    cam,
                    [
                        (x - side * 0.9, y0 + 0.9, z1),
                        (x - side * 0.9, y0 + 0.9, z0),
                        (x - side * 0.9, y0 - 0.1, z0),
                        (x - side * 0.9, y0 - 0.1, z1),
                    ],
                )
                p.polygon(rail, (40, 40, 36), opacity=0.55)
            if z0 < 2.5:
                continue  # too close: only the wall shows
            # shop front, glowing
            shop = _project_all(
                cam, [(x, 2.8, z1 - 0.3), (x, 2.8, z0 + 0.3), (x, 0, z0 + 0.3), (x, 0, z1 - 0.3)]
            )
            p.polygon(shop, vgrad((0, (150, 96, 52)), (0.5, (96, 56, 34)), (1, (60, 36, 26))))
            for _ in range(7):
                gz = rng.uniform(z0 + 0.5, z1 - 0.5)
                gy = rng.uniform(0.3, 2.2)
                goods = _project_all(
                    cam,
                    [
                        (x, gy + 0.45, gz + 0.35),
                        (x, gy + 0.45, gz - 0.35),
                        (x, gy, gz - 0.35),
                        (x, gy, gz + 0.35),
                    ],
                )
                p.polygon(
                    goods,
                    rng.choice([(230, 60, 40), (250, 200, 80), (240, 140, 60), (200, 40, 90)]),
                    opacity=0.85,
                )
            mx = sum(q[0] for q in shop) / 4
            my = sum(q[1] for q in shop) / 4
            sc = cam.scale((z0 + z1) / 2)
            p.glow(mx, my, 1.3 * sc, 0.9 * sc, (255, 180, 110), 0.45)
            # awning
            p.polygon(
                _project_all(
                    cam,
                    [
                        (x - side * 1.4, 2.6, z1),
                        (x - side * 1.4, 2.6, z0),
                        (x, 3.1, z0),
                        (x, 3.1, z1),
                    ],
                ),
                rng.choice([(170, 40, 36), (40, 90, 120), (200, 150, 50)]),
            )
            # blade sign sticking out into the street, facing us
            if rng.random() < 0.8 and z0 > 2.0:
                zc = z0 + 0.6
                sc = cam.scale(zc)
                x0s, ys0 = cam.project(x - side * 0.3, 6.2, zc)
                x1s, ys1 = cam.project(x - side * 1.2, 3.6, zc)
                box = (min(x0s, x1s), ys0, max(x0s, x1s), ys1)
                col_s = rng.choice(sign_cols)
                p.rect(box, col_s)
                words = rng.choice(signs).split()
                size = min((box[3] - box[1]) / (len(words) + 0.6), (box[2] - box[0]) * 0.42)
                ink = (255, 240, 200) if col_s != (240, 200, 40) else (150, 20, 20)
                top = (box[1] + box[3]) / 2 - size * len(words) * 0.6
                for i, word in enumerate(words):
                    p.text(((box[0] + box[2]) / 2, top + size * (i * 1.2 + 0.6)), word, size, ink)
                p.glow(
                    (box[0] + box[2]) / 2,
                    (box[1] + box[3]) / 2,
                    (box[2] - box[0]) * 1.2,
                    (box[3] - box[1]) * 0.7,
                    shade(col_s, 1.3),
                    0.35,
                )
            # parked motorbikes
            for _ in range(rng.randint(1, 3)):
                zb = rng.uniform(z0, z1)
                sc = cam.scale(zb)
                bx, by = cam.project(x - side * 1.0, 0.0, zb)
                p.ellipse((bx - 0.35 * sc, by - 0.55 * sc, bx + 0.35 * sc, by), (20, 18, 20))
                p.rect(
                    (bx - 0.2 * sc, by - 1.0 * sc, bx + 0.2 * sc, by - 0.45 * sc),
                    rng.choice([(150, 20, 20), (30, 30, 34), (200, 200, 206), (40, 70, 130)]),
                    radius=0.1 * sc,
                )
                p.line(
                    [(bx - 0.35 * sc, by - 1.05 * sc), (bx + 0.35 * sc, by - 1.05 * sc)],
                    (30, 30, 30),
                    0.05 * sc,
                )
    # tangled overhead cables
    for _ in range(9):
        z0 = rng.uniform(6, 40)
        a = cam.project(-half, rng.uniform(5.5, 8.0), z0)
        b = cam.project(half, rng.uniform(5.5, 8.0), z0 + rng.uniform(-3, 3))
        sag = cam.scale(z0) * rng.uniform(0.3, 0.9)
        mid = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2 + sag)
        p.line(chaikin([a, mid, b], 3, closed=False), (20, 16, 20), max(1.5, cam.scale(z0) * 0.02))
    # strings of lanterns, far to near
    colors = [(230, 40, 30), (250, 190, 40), (240, 110, 30), (220, 60, 120), (250, 220, 120)]
    for z in (60, 42, 30, 22, 16, 11.5, 8.5, 6.3):
        a = cam.project(-half, 5.6, z)
        b = cam.project(half, 5.8, z)
        sc = cam.scale(z)
        sag = 0.9 * sc
        pts = chaikin([a, ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2 + sag), b], 3, closed=False)
        p.line(pts, (30, 24, 20), max(1.2, 0.02 * sc))
        n = 9
        for i in range(1, n):
            t = i / n
            x = a[0] + (b[0] - a[0]) * t
            y = a[1] + (b[1] - a[1]) * t + sag * 4 * t * (1 - t) * 0.5
            lantern(
                p,
                x,
                y + 0.55 * sc,
                0.3 * sc * rng.uniform(0.85, 1.15),
                rng.choice(colors),
                blur=0.4 if z > 20 else 0.0,
            )
    # people walking
    for _ in range(9):
        z = rng.uniform(8, 45)
        x = rng.uniform(-2.8, 2.8)
        sc = cam.scale(z)
        px, py = cam.project(x, 0.0, z)
        ht = rng.uniform(1.55, 1.8) * sc
        col = rng.choice([(30, 30, 40), (120, 30, 30), (200, 190, 170), (40, 60, 90)])
        p.rect(
            (px - 0.2 * sc, py - ht * 0.82, px + 0.2 * sc, py - ht * 0.45), col, radius=0.08 * sc
        )
        p.rect((px - 0.16 * sc, py - ht * 0.47, px + 0.16 * sc, py), (26, 24, 28), radius=0.05 * sc)
        p.circle(px, py - ht * 0.9, 0.12 * sc, (40, 30, 26))
    # motorbikes riding away from us, tail lights on
    for z, x in ((26.0, 1.2), (17.0, -1.6), (9.5, 0.9), (5.2, -1.0)):
        sc = cam.scale(z)
        bx, by = cam.project(x, 0.0, z)
        p.ellipse(
            (bx - 0.3 * sc, by - 0.08 * sc, bx + 0.3 * sc, by + 0.06 * sc),
            (10, 8, 10),
            blur=0.05 * sc,
            opacity=0.6,
        )
        p.rect((bx - 0.07 * sc, by - 0.6 * sc, bx + 0.07 * sc, by), (16, 14, 16), radius=0.05 * sc)
        p.rect(
            (bx - 0.26 * sc, by - 0.95 * sc, bx + 0.26 * sc, by - 0.55 * sc),
            (30, 28, 32),
            radius=0.1 * sc,
        )
        p.rect((bx - 0.12 * sc, by - 0.78 * sc, bx + 0.12 * sc, by - 0.7 * sc), (255, 40, 30))
        p.glow(bx, by - 0.74 * sc, 0.5 * sc, 0.3 * sc, (255, 50, 30), 0.8)
        p.rect(
            (bx - 0.12 * sc, by - 0.02 * sc, bx + 0.12 * sc, by + 1.2 * sc),
            (255, 60, 40),
            blur=0.08 * sc,
            opacity=0.25,
        )
        person_back(
            p,
            bx,
            by - 1.45 * sc,
            0.24 * sc,
            rng.choice([(40, 60, 100), (120, 40, 40), (60, 60, 64)]),
            hair=rng.choice([(200, 30, 30), (30, 30, 30), (230, 230, 230)]),
            width=0.9,
        )
    # wet street: the lanterns smear into long reflections
    for z in (60, 42, 30, 22, 16, 11.5, 8.5, 6.3):
        sc = cam.scale(z)
        for i in range(1, 9):
            x = -half + 2 * half * i / 9
            rx, ry = cam.project(x, 0.0, z * 0.9)
            p.rect(
                (rx - 0.1 * sc, ry, rx + 0.1 * sc, ry + 1.6 * sc),
                rng.choice(colors),
                blur=0.12 * sc,
                opacity=0.3,
            )
    img = p.finish()
    return develop(
        img,
        rng.randrange(1 << 30),
        warmth=0.06,
        vignette=0.4,
        bloom=0.4,
        grain=4.5,
        saturation=1.05,
    )


def scene_river(rng: random.Random) -> Image.Image:
    """Sunset over the Red River and the steel spans of Long Biên bridge."""
    w, h = 2400, 1600
    horizon = 930
    p = Painter(
        w,
        h,
        vgrad(
            (0, (40, 46, 96)),
            (0.25, (120, 80, 130)),
            (0.45, (236, 130, 90)),
            (0.58, (255, 190, 110)),
            (1, (255, 210, 140)),
        ),
    )
    sun = (1560, 868)
    p.glow(*sun, 900, 600, (255, 200, 120), 0.9, 1.4)
    p.glow(*sun, 260, 260, (255, 230, 170), 1.0, 1.5)
    p.circle(*sun, 56, (255, 246, 214))
    # long thin clouds lit from below
    for _ in range(14):
        cy = rng.uniform(150, 700)
        cx = rng.uniform(-200, w + 200)
        cw = rng.uniform(300, 900)
        chh = rng.uniform(14, 40)
        warm = (cy - 150) / 550
        col = mix((110, 70, 110), (255, 160, 110), warm)
        p.ellipse(
            (cx - cw, cy - chh, cx + cw, cy + chh),
            vgrad((0, shade(col, 0.8)), (1, shade(col, 1.25))),
            blur=10,
            opacity=0.75,
        )
    # far bank: city and trees in haze
    x = -20.0
    while x < w:
        bw = rng.uniform(30, 110)
        bh = rng.uniform(10, 70) if rng.random() < 0.7 else rng.uniform(60, 150)
        p.rect((x, horizon - bh, x + bw, horizon + 2), (150, 96, 100), opacity=0.8)
        x += bw * rng.uniform(0.6, 1.0)
    p.blur(1.5)
    for _ in range(40):
        tx = rng.uniform(-50, w + 50)
        p.ellipse((tx - 60, horizon - 40, tx + 60, horizon + 8), (120, 80, 90), blur=6, opacity=0.8)
    # water
    p.rect((0, horizon, w, h), vgrad((0, (240, 150, 100)), (0.3, (170, 96, 90)), (1, (40, 34, 56))))
    for i in range(220):
        y = horizon + (i / 220) ** 1.6 * (h - horizon)
        spread = 40 + (y - horizon) * 0.5
        x0 = sun[0] + rng.uniform(-spread, spread)
        ln = rng.uniform(20, 90) * (1 + (y - horizon) / 300)
        p.line([(x0 - ln, y), (x0 + ln, y)], (255, 226, 160), 2 + (y - horizon) / 120, opacity=0.7)
    for _ in range(160):
        y = horizon + rng.uniform(5, h - horizon)
        x0 = rng.uniform(0, w)
        ln = rng.uniform(40, 200)
        p.line([(x0 - ln, y), (x0 + ln, y)], (30, 26, 50), 1.5 + (y - horizon) / 200, opacity=0.35)
    # the bridge: truss spans on piers, a silhouette against the sky
    deck = 800.0
    dark = (46, 34, 46)
    span = 260
    x = -120.0
    while x < w + 100:
        x1 = x + span
        p.rect((x + span - 18, deck, x + span + 18, horizon + 30), dark)
        p.rect(
            (x + span - 18, horizon + 30, x + span + 18, horizon + 150), dark, blur=4, opacity=0.45
        )
        top = [
            (x + span * t, deck - 70 - 55 * math.sin(math.pi * t))
            for t in (0, 0.1, 0.25, 0.5, 0.75, 0.9, 1)
        ]
        p.line(top, dark, 8)
        p.line([(x, deck), (x1, deck)], dark, 12)
        panels = 8
        for k in range(panels + 1):
            t = k / panels
            tx = x + span * t
            ty = deck - 70 - 55 * math.sin(math.pi * t)
            p.line([(tx, deck), (tx, ty)], dark, 4)
            if k < panels:
                nt = (k + 1) / panels
                nx = x + span * nt
                ny = deck - 70 - 55 * math.sin(math.pi * nt)
                p.line([(tx, deck), (nx, ny)], dark, 3)
                p.line([(tx, ty), (nx, deck)], dark, 3)
        # reflection of the piers and the spans in the water
        p.rect((x, horizon + 10, x1, horizon + 40), dark, blur=8, opacity=0.18)
        x = x1
    # the near bank with reeds, and a boatman in a conical hat
    p.polygon(
        chaikin([(-50, 1330), (500, 1380), (800, 1480), (950, h + 50), (-50, h + 50)], 2),
        (24, 20, 26),
    )
    for _ in range(260):
        rx = rng.uniform(-40, 900) * rng.uniform(0.4, 1.0)
        base = 1350 + rx * 0.25 + rng.uniform(0, 200)
        ht = rng.uniform(120, 380)
        lean = rng.uniform(-60, 90)
        p.line(
            chaikin(
                [(rx, base), (rx + lean * 0.3, base - ht * 0.6), (rx + lean, base - ht)],
                2,
                closed=False,
            ),
            (26, 22, 28),
            rng.uniform(2.5, 6),
        )
        if rng.random() < 0.25:
            tx, ty = rx + lean, base - ht
            p.ellipse((tx - 6, ty - 30, tx + 6, ty + 4), (34, 26, 30))
    bx, by = 1800, 1180
    hull = chaikin(
        [(bx - 230, by - 34), (bx + 230, by - 44), (bx + 180, by + 16), (bx - 190, by + 16)], 2
    )
    p.polygon(hull, (26, 20, 26))
    body = chaikin(
        [
            (bx - 22, by - 38),
            (bx + 26, by - 38),
            (bx + 20, by - 130),
            (bx + 5, by - 150),
            (bx - 16, by - 130),
        ],
        1,
    )
    p.polygon(body, (26, 20, 26))
    p.circle(bx + 4, by - 160, 14, (26, 20, 26))
    p.polygon([(bx - 46, by - 160), (bx + 54, by - 160), (bx + 4, by - 200)], (26, 20, 26))
    p.line([(bx - 10, by - 120), (bx + 40, by - 100), (bx + 250, by + 120)], (26, 20, 26), 6)
    p.ellipse((bx - 270, by + 6, bx + 270, by + 40), (26, 20, 26), blur=10, opacity=0.35)
    p.line([(bx + 250, by + 120), (bx + 270, by + 126)], (255, 220, 170), 3, opacity=0.6)
    img = p.finish()
    return develop(
        img,
        rng.randrange(1 << 30),
        warmth=0.05,
        vignette=0.35,
        bloom=0.35,
        grain=3.0,
        saturation=1.05,
    )


def petal(
    p: Painter,
    base: Point,
    angle: float,
    length: float,
    width: float,
    base_col: RGB,
    tip_col: RGB,
    blur: float = 0.0,
) -> None:
    """One pointed petal growing from ``base`` in direction ``angle`` (radians, 0 = up)."""
    s = p.scale
    pl, pw = max(4, round(length * s)), max(4, round(width * s))
    img = vgrad((0, tip_col), (0.55, mix(tip_col, base_col, 0.6)), (1, base_col)).render(pw, pl)
    vein = Image.new("L", (pw, pl))
    mask = Image.new("L", (pw, pl))
    outline = []
    for i in range(41):
        t = i / 40
        half = 0.5 * pw * math.sin(math.pi * t) ** 0.8 * (1 - 0.25 * t)
        outline.append((pw / 2 + half, pl * (1 - t)))
    outline += [(pw - x, y) for x, y in reversed(outline)]
    ImageDraw.Draw(mask).polygon(outline, fill=255)
    for k in (-0.22, 0.0, 0.22):
        ImageDraw.Draw(vein).line(
            [(pw / 2, pl), (pw / 2 + k * pw, pl * 0.15)], fill=70, width=max(1, pw // 60)
        )
    img = Image.composite(
        Image.new("RGB", img.size, shade(tip_col, 0.8)),
        img,
        vein.filter(ImageFilter.GaussianBlur(3)),
    )
    rgba = img.convert("RGBA")
    rgba.putalpha(mask.filter(ImageFilter.GaussianBlur(max(0.5, blur * s))))
    rot = rgba.rotate(-math.degrees(angle), resample=Image.Resampling.BICUBIC, expand=True)
    # the petal's base is the middle of its bottom edge; find where it went
    cxr, cyr = rot.width / 2, rot.height / 2
    bx, by = 0, pl / 2
    ca, sa = math.cos(angle), math.sin(angle)
    ox, oy = bx * ca - by * sa, bx * sa + by * ca
    x0 = round(base[0] * s - (cxr + ox))
    y0 = round(base[1] * s - (cyr + oy))
    p.image.paste(rot.convert("RGB"), (x0, y0), rot.getchannel("A"))


def lotus_leaf(
    p: Painter,
    cx: float,
    cy: float,
    rx: float,
    ry: float,
    rng: random.Random,
    blur: float = 0.0,
    light: float = 1.0,
) -> None:
    """A round lotus leaf seen at an angle, with veins radiating from its centre."""
    base = (52, 110, 56)
    pts = []
    for i in range(48):
        a = i * 2 * math.pi / 48
        wob = 1 + 0.04 * math.sin(a * 5 + rng.uniform(0, 6)) + rng.uniform(-0.015, 0.015)
        pts.append((cx + math.cos(a) * rx * wob, cy + math.sin(a) * ry * wob))
    p.polygon(
        pts,
        vgrad(
            (0, shade(base, 0.75 * light)),
            (0.5, shade(base, 1.0 * light)),
            (1, shade(base, 0.55 * light)),
        ),
        blur=blur,
    )
    p.ellipse(
        (cx - rx * 0.95, cy - ry * 0.95, cx + rx * 0.6, cy + ry * 0.2),
        shade(base, 1.25 * light),
        blur=blur + rx * 0.25,
        opacity=0.45,
    )
    hx, hy = cx + rx * 0.05, cy + ry * 0.08
    for i in range(18):
        a = i * 2 * math.pi / 18
        p.line(
            [(hx, hy), (cx + math.cos(a) * rx * 0.92, cy + math.sin(a) * ry * 0.92)],
            shade(base, 1.3 * light),
            max(1.0, rx * 0.012),
            blur=blur,
            opacity=0.45,
        )
    p.ellipse(
        (hx - rx * 0.06, hy - ry * 0.06, hx + rx * 0.06, hy + ry * 0.06),
        shade(base, 1.4 * light),
        blur=blur,
        opacity=0.7,
    )
    for _ in range(rng.randint(0, 3)):
        dx = rng.uniform(-0.6, 0.6) * rx
        dy = rng.uniform(-0.5, 0.5) * ry
        r = rng.uniform(0.02, 0.045) * rx
        p.circle(cx + dx, cy + dy, r, (210, 230, 220), blur=blur, opacity=0.7)
        p.circle(cx + dx - r * 0.3, cy + dy - r * 0.3, r * 0.35, (255, 255, 255), blur=blur)


def lotus_flower(
    p: Painter, cx: float, cy: float, size: float, rng: random.Random, blur: float = 0.0
) -> None:
    """An open pink lotus whose receptacle sits at ``(cx, cy)``."""
    pink, cream = (226, 84, 140), (252, 236, 236)
    # back petals, then the sides, then the front
    for angle, ln, wd, f in (
        (-0.35, 1.1, 0.55, 0.8),
        (0.35, 1.1, 0.55, 0.8),
        (0.0, 1.15, 0.6, 0.85),
        (-0.9, 1.0, 0.55, 0.9),
        (0.9, 1.0, 0.55, 0.9),
        (-1.35, 0.95, 0.5, 1.0),
        (1.35, 0.95, 0.5, 1.0),
    ):
        petal(
            p,
            (cx, cy + size * 0.15),
            angle + rng.uniform(-0.05, 0.05),
            size * ln,
            size * wd,
            shade(cream, f),
            shade(pink, f),
            blur,
        )
    # receptacle and stamens
    for i in range(40):
        a = -math.pi + i * math.pi / 39
        p.line(
            [
                (cx, cy + size * 0.05),
                (cx + math.cos(a) * size * 0.28, cy + math.sin(a) * size * 0.2),
            ],
            (246, 200, 70),
            size * 0.015,
            blur=blur,
        )
    p.ellipse(
        (cx - size * 0.17, cy - size * 0.1, cx + size * 0.17, cy + size * 0.06),
        vgrad((0, (210, 220, 110)), (1, (150, 170, 60))),
        blur=blur,
    )
    for i in range(9):
        a = i * 2 * math.pi / 9
        p.circle(
            cx + math.cos(a) * size * 0.09,
            cy - size * 0.02 + math.sin(a) * size * 0.04,
            size * 0.015,
            (120, 130, 50),
            blur=blur,
        )
    for angle, ln, wd in (
        (-0.55, 0.9, 0.5),
        (0.5, 0.9, 0.5),
        (-0.15, 0.75, 0.48),
        (0.2, 0.7, 0.46),
    ):
        petal(p, (cx, cy + size * 0.3), angle, size * ln * 0.55, size * wd, cream, pink, blur)


def scene_lotus(rng: random.Random) -> Image.Image:
    """A pink lotus in bloom at dawn on the West Lake, leaves all around."""
    w, h = 2400, 1600
    p = Painter(w, h, vgrad((0, (92, 120, 96)), (0.5, (50, 86, 60)), (1, (22, 40, 32))))
    # far pond, out of focus
    for _ in range(60):
        lotus_leaf(
            p,
            rng.uniform(-100, w + 100),
            rng.uniform(200, 900),
            rng.uniform(80, 200),
            rng.uniform(30, 70),
            rng,
            light=rng.uniform(0.7, 1.1),
        )
    for _ in range(10):
        x, y = rng.uniform(0, w), rng.uniform(150, 700)
        p.ellipse((x - 30, y - 40, x + 30, y + 20), (230, 120, 160))
    p.glow(700, 200, 1000, 500, (255, 240, 200), 0.6, 1.3)
    p.blur(16)
    for _ in range(40):
        x, y = rng.uniform(0, w), rng.uniform(0, 800)
        r = rng.uniform(20, 55)
        p.circle(x, y, r, (230, 240, 200), opacity=rng.uniform(0.08, 0.2), blur=2)
    # middle distance
    for _ in range(16):
        lotus_leaf(
            p,
            rng.uniform(-100, w + 100),
            rng.uniform(800, 1150),
            rng.uniform(200, 330),
            rng.uniform(70, 120),
            rng,
            blur=4,
        )
    p.line(
        chaikin([(600, 1200), (640, 900), (610, 640)], 2, closed=False), (70, 110, 60), 14, blur=3
    )
    p.ellipse((560, 470, 660, 660), vgrad((0, (236, 120, 160)), (1, (200, 80, 120))), blur=3)
    p.polygon([(580, 500), (640, 500), (611, 420)], (226, 110, 150), blur=3)
    # the main flower and its stem
    fx, fy = 1480, 690
    p.line(
        chaikin([(fx + 60, h + 20), (fx + 40, 1200), (fx, fy + 120)], 2, closed=False),
        (64, 104, 52),
        26,
    )
    for _ in range(30):
        t = rng.uniform(0.0, 1.0)
        sx = fx + 40 * (1 - t) + 20
        sy = fy + 120 + t * 700
        p.circle(sx + rng.uniform(-10, 10), sy, 3, (40, 70, 36))
    lotus_leaf(p, 700, 1360, 720, 250, rng, light=1.0)
    lotus_leaf(p, 2200, 1250, 520, 180, rng, light=0.9)
    lotus_flower(p, fx, fy, 520, rng)
    p.glow(fx - 120, fy - 300, 700, 500, (255, 240, 220), 0.35, 1.4)
    img = p.finish()
    return develop(
        img,
        rng.randrange(1 << 30),
        warmth=0.03,
        vignette=0.35,
        bloom=0.25,
        grain=3.5,
        saturation=1.08,
    )


def onion_dome(
    p: Painter,
    cx: float,
    base_y: float,
    width: float,
    height: float,
    stripes: tuple[RGB, RGB],
    twist: float = 0.6,
) -> None:
    """An onion dome with spiral stripes, on a drum, with a gilt finial."""
    pts = []
    for i in range(41):
        t = i / 40  # 0 at the base, 1 at the tip
        if t < 0.55:
            r = 0.5 * width * (0.78 + 0.42 * math.sin(math.pi * t / 0.55 * 0.9))
        else:
            r = 0.5 * width * 1.12 * (1 - (t - 0.55) / 0.45) ** 1.6
        pts.append((cx + r, base_y - t * height))
    pts += [(2 * cx - x, y) for x, y in reversed(pts)]
    s = p.scale
    box = (cx - width * 0.7, base_y - height, cx + width * 0.7, base_y)
    tw, th = max(2, round((box[2] - box[0]) * s)), max(2, round((box[3] - box[1]) * s))
    tex = Image.new("RGB", (tw, th), stripes[0])
    d = ImageDraw.Draw(tex)
    n = 8
    for k in range(-n, 2 * n):
        x0 = k * tw / n
        d.polygon(
            [
                (x0, th),
                (x0 + tw / (2 * n), th),
                (x0 + tw / (2 * n) + twist * tw, 0),
                (x0 + twist * tw, 0),
            ],
            fill=stripes[1],
        )
    shading = hgrad((0, (110, 110, 110)), (0.35, (255, 255, 255)), (1, (90, 90, 90))).render(tw, th)
    tex = ImageChops.multiply(tex, shading)
    p.rect(
        (cx - width * 0.42, base_y, cx + width * 0.42, base_y + height * 0.55),
        hgrad((0, (150, 120, 100)), (0.4, (236, 220, 200)), (1, (130, 100, 86))),
    )
    p.polygon(pts, tex)
    p.ellipse(
        (cx - width * 0.5, base_y - height * 0.62, cx + width * 0.1, base_y - height * 0.45),
        (255, 255, 255),
        blur=width * 0.06,
        opacity=0.55,
    )
    p.line(
        [(cx, base_y - height), (cx, base_y - height * 1.25)],
        (210, 170, 70),
        max(2.0, width * 0.05),
    )
    p.circle(cx, base_y - height * 1.05, width * 0.05, (230, 190, 80))


def scene_moscow(rng: random.Random) -> Image.Image:
    """Snow over a Kremlin-like tower and onion domes in Moscow (portrait)."""
    w, h = 1600, 2400
    p = Painter(w, h, vgrad((0, (150, 164, 186)), (0.6, (204, 210, 222)), (1, (228, 230, 236))))
    brick = (164, 48, 40)
    snow = (246, 248, 252)
    # cathedral domes on the right
    for cx, by, dw, dh, st in (
        (1330, 1300, 170, 230, (RU_RED, (40, 140, 90))),
        (1500, 1380, 150, 200, ((40, 90, 170), (245, 245, 245))),
        (1180, 1420, 130, 170, ((230, 190, 60), (40, 130, 80))),
        (1440, 1150, 110, 200, ((200, 60, 50), (250, 240, 220))),
    ):
        p.rect(
            (cx - dw * 0.5, by + dh * 0.5, cx + dw * 0.5, 1700),
            vgrad((0, (210, 120, 90)), (1, (150, 70, 56))),
        )
        onion_dome(p, cx, by, dw, dh, st)
        p.ellipse(
            (cx - dw * 0.3, by - dh * 0.72, cx + dw * 0.2, by - dh * 0.55),
            snow,
            blur=3,
            opacity=0.85,
        )
    # spruces along the wall on the left
    for tx, th_ in ((120, 520), (300, 600), (1330, 420)):
        for k in range(9):
            t = k / 8
            ww = 60 + 200 * t
            y = 1750 - th_ + t * th_
            p.polygon([(tx - ww, y + 60), (tx + ww, y + 60), (tx, y - 70)], (28, 56, 48))
            p.polygon(
                [(tx - ww * 0.9, y + 58), (tx + ww * 0.6, y + 50), (tx, y - 40)], snow, opacity=0.55
            )
    p.rect((0, 0, w, h), vgrad((0, (200, 208, 222)), (1, (232, 234, 240))), opacity=0.3)
    p.blur(1.2)
    # the tower
    cx = 800

    def tier(x0: float, y0: float, x1: float, y1: float, col: RGB = brick) -> None:
        p.rect(
            (x0, y0, x1, y1),
            hgrad((0, shade(col, 0.75)), (0.35, shade(col, 1.05)), (1, shade(col, 0.7))),
        )
        for yy in range(int(y0) + 24, int(y1), 24):
            p.line([(x0, yy), (x1, yy)], shade(col, 0.6), 1.2, opacity=0.35)
        p.rect((x0 - 12, y0 - 16, x1 + 12, y0 + 4), (236, 232, 224))
        p.rect((x0 - 12, y0 - 26, x1 + 12, y0 - 14), snow, radius=6)

    tier(560, 1100, 1040, 1760)
    p.rect((720, 1450, 880, 1760), (60, 24, 24), radius=70)
    for wx in (620, 940):
        p.rect((wx, 1200, wx + 40, 1300), (60, 30, 30), radius=20)
        p.rect((wx - 6, 1188, wx + 46, 1200), (236, 232, 224))
    tier(615, 870, 985, 1100)
    for px_ in (600, 1000):
        p.polygon([(px_ - 22, 1100), (px_ + 22, 1100), (px_, 960)], (236, 232, 224))
        p.circle(px_, 950, 10, (220, 180, 80))
    tier(650, 620, 950, 870)
    p.circle(cx, 745, 112, (226, 220, 200))
    p.circle(cx, 745, 100, vgrad((0, (30, 40, 70)), (1, (16, 20, 40))))
    for k in range(12):
        a = k * math.pi / 6
        p.line(
            [
                (cx + math.cos(a) * 80, 745 + math.sin(a) * 80),
                (cx + math.cos(a) * 94, 745 + math.sin(a) * 94),
            ],
            (230, 190, 90),
            5,
        )
    p.line([(cx, 745), (cx + 40, 700)], (230, 190, 90), 7)
    p.line([(cx, 745), (cx - 10, 672)], (230, 190, 90), 5)
    tier(690, 470, 910, 620)
    for ax_ in (715, 782, 849):
        p.rect((ax_, 500, ax_ + 36, 600), (50, 24, 24), radius=18)
    tier(715, 405, 885, 470, (236, 228, 214))
    p.polygon(
        [(705, 405), (895, 405), (cx, 150)],
        hgrad((0, (30, 84, 60)), (0.4, (60, 130, 96)), (1, (26, 70, 50))),
    )
    for k in range(6):
        yy = 400 - k * 42
        half_w = 95 * (yy - 150) / 255
        p.line([(cx - half_w, yy), (cx + half_w * 0.3, yy - 10)], snow, 5, opacity=0.7)
    p.line([(cx, 150), (cx, 110)], (210, 170, 70), 6)
    star = star_points(cx, 80, 40, 16)
    p.glow(cx, 80, 120, 120, (255, 90, 80), 0.7)
    p.polygon(star_points(cx, 80, 46, 19), (230, 190, 90))
    p.polygon(star, (225, 40, 40))
    # the wall with swallowtail merlons
    wall_top = 1660
    p.rect((0, wall_top, w, 1900), vgrad((0, shade(brick, 1.0)), (1, shade(brick, 0.7))))
    x = -20.0
    while x < w:
        if not 540 < x < 1040:
            mx = x + 22
            p.polygon(
                [
                    (mx, wall_top),
                    (mx + 50, wall_top),
                    (mx + 50, wall_top - 70),
                    (mx + 32, wall_top - 50),
                    (mx + 25, wall_top - 50),
                    (mx + 18, wall_top - 50),
                    (mx, wall_top - 70),
                ],
                brick,
            )
            p.polygon(
                [
                    (mx - 2, wall_top - 68),
                    (mx + 14, wall_top - 52),
                    (mx + 14, wall_top - 58),
                    (mx - 2, wall_top - 76),
                ],
                snow,
            )
            p.polygon(
                [
                    (mx + 36, wall_top - 52),
                    (mx + 52, wall_top - 68),
                    (mx + 52, wall_top - 76),
                    (mx + 36, wall_top - 58),
                ],
                snow,
            )
        x += 80
    p.rect((0, wall_top - 6, w, wall_top + 8), snow)
    # the snowy square
    p.rect((0, 1880, w, h), vgrad((0, (214, 220, 232)), (1, (242, 244, 250))))
    for _ in range(30):
        x1 = rng.uniform(-800, w + 800)
        p.line(
            [(800 + (x1 - 800) * 0.15, 1890), (x1, h)],
            (176, 182, 198),
            rng.uniform(3, 8),
            blur=3,
            opacity=0.3,
        )
    for lx in (200, 1400):
        p.line([(lx, 2150), (lx, 1780)], (40, 40, 44), 10)
        p.circle(lx, 1770, 24, (255, 226, 160))
        p.glow(lx, 1770, 120, 120, (255, 210, 140), 0.7)
        p.ellipse((lx - 60, 2140, lx + 60, 2160), (120, 120, 140), blur=6, opacity=0.4)
    for _ in range(12):
        y = rng.uniform(1930, 2300)
        sc = 0.35 + (y - 1900) / 500
        x = rng.uniform(60, w - 60)
        coat = rng.choice([(30, 30, 36), (60, 40, 36), (120, 30, 36), (40, 50, 70)])
        p.ellipse(
            (x - 40 * sc, y - 8 * sc, x + 40 * sc, y + 8 * sc),
            (150, 154, 170),
            blur=4 * sc,
            opacity=0.5,
        )
        p.polygon(
            [
                (x - 28 * sc, y - 150 * sc),
                (x + 28 * sc, y - 150 * sc),
                (x + 36 * sc, y - 40 * sc),
                (x - 36 * sc, y - 40 * sc),
            ],
            coat,
        )
        p.rect((x - 22 * sc, y - 45 * sc, x - 6 * sc, y), (26, 26, 30))
        p.rect((x + 6 * sc, y - 45 * sc, x + 22 * sc, y), (26, 26, 30))
        p.circle(x, y - 172 * sc, 20 * sc, (210, 170, 140))
        p.ellipse(
            (x - 22 * sc, y - 200 * sc, x + 22 * sc, y - 176 * sc),
            rng.choice([(200, 40, 40), (40, 40, 40), (230, 230, 230)]),
        )
    # falling snow, far to near
    for count, rmin, rmax, blur in (
        (900, 1.5, 3.0, 0.0),
        (300, 3.0, 6.0, 1.0),
        (60, 9.0, 18.0, 5.0),
    ):
        for _ in range(count):
            x, y = rng.uniform(0, w), rng.uniform(0, h)
            p.circle(
                x,
                y,
                rng.uniform(rmin, rmax),
                (255, 255, 255),
                blur=blur,
                opacity=rng.uniform(0.6, 0.95),
            )
    img = p.finish()
    return develop(
        img,
        rng.randrange(1 << 30),
        warmth=-0.03,
        vignette=0.25,
        bloom=0.15,
        grain=4.0,
        contrast=1.04,
    )


def standing_back(
    p: Painter,
    x: float,
    feet_y: float,
    u: float,
    coat: RGB,
    trousers: RGB = (30, 30, 36),
    hair: RGB = (26, 22, 20),
    blur: float = 0.0,
) -> None:
    """A visitor standing with their back to us, ``u`` being their head height."""
    shoulder = feet_y - 6.4 * u
    for sgn in (-1, 1):
        p.polygon(
            [
                (x + sgn * 0.05 * u, shoulder + 3.0 * u),
                (x + sgn * 0.62 * u, shoulder + 3.0 * u),
                (x + sgn * 0.5 * u, feet_y - 0.1 * u),
                (x + sgn * 0.12 * u, feet_y - 0.1 * u),
            ],
            trousers,
            blur=blur,
        )
        p.ellipse(
            (
                x + sgn * 0.32 * u - 0.26 * u,
                feet_y - 0.2 * u,
                x + sgn * 0.32 * u + 0.26 * u,
                feet_y + 0.05 * u,
            ),
            (20, 18, 18),
            blur=blur,
        )
    p.ellipse(
        (x - 1.4 * u, feet_y - 0.1 * u, x + 1.4 * u, feet_y + 0.25 * u),
        (0, 0, 0),
        blur=0.2 * u + blur,
        opacity=0.25,
    )
    person_back(p, x, shoulder, u, coat, hair=hair, blur=blur, width=0.85)
    p.rect(
        (x - 0.95 * u, shoulder + 3.05 * u, x + 0.95 * u, shoulder + 3.6 * u),
        coat,
        blur=blur,
        radius=0.2 * u,
    )


def scene_exhibition(rng: random.Random) -> Image.Image:
    """Visitors at a joint VNA–TASS photo exhibition: framed prints on a gallery wall."""
    w, h = 2400, 1600
    cam = Camera(cx=1250, cy=700, focal=1350, height=1.6)
    p = Painter(w, h, vgrad((0, (40, 38, 40)), (1, (20, 18, 20))))
    ax, az, bx, bz = -5.4, 4.6, 9.0, 9.8
    dx, dz = bx - ax, bz - az
    ln = math.hypot(dx, dz)

    def on_wall(d: float, y: float, off: float = 0.0) -> tuple[float, float, float]:
        t = d / ln
        return (ax + dx * t - dz / ln * off, y, az + dz * t + dx / ln * off)

    def wall_quad(d0: float, d1: float, y0: float, y1: float, off: float = 0.0) -> list[Point]:
        return _project_all(
            cam,
            [
                on_wall(d0, y1, off),
                on_wall(d1, y1, off),
                on_wall(d1, y0, off),
                on_wall(d0, y0, off),
            ],
        )

    # floor, wall, ceiling
    p.polygon(
        [(-500, cam.cy), (w + 500, cam.cy), (w + 500, h + 500), (-500, h + 500)],
        vgrad((0, (120, 116, 112)), (1, (70, 66, 64))),
    )
    p.polygon(wall_quad(-3, ln + 30, 0.0, 3.6), hgrad((0, (226, 222, 214)), (1, (196, 192, 186))))
    p.polygon(wall_quad(-3, ln + 30, 0.0, 0.1, -0.01), (90, 86, 82))
    p.polygon([*wall_quad(-3, ln + 30, 3.6, 3.6)[:2], (w + 500, -500), (-500, -500)], (34, 32, 34))
    # title on the wall
    title = text_panel(
        (1600, 900),
        None,
        [
            ("VIỆT NAM – NGA", 190, (150, 24, 30), "NotoSerif-Bold"),
            ("68 NĂM HỢP TÁC THÔNG TẤN", 92, (40, 40, 46), "NotoSans-Bold"),
            ("ВЬЕТНАМ – РОССИЯ · VIETNAM – RUSSIA", 62, (90, 90, 96), "NotoSans-Regular"),
        ],
        line_gap=0.45,
    )
    p.image_quad(title, wall_quad(1.3, 4.0, 1.25, 2.75, -0.005))
    # framed prints with a pool of light above each
    prints = [
        "01-talks.jpg",
        "03-signing.jpg",
        "07-red-river.jpg",
        "06-hanoi-lanterns.jpg",
        "08-lotus.jpg",
        "09-moscow-snow.jpg",
        "04-handshake.jpg",
    ]
    d = 4.3
    for name in prints:
        pic = render_scene(name)
        pw = 1.5 if pic.width > pic.height else 0.9
        ph = pw * pic.height / pic.width
        y0 = 1.55 - ph / 2
        top_x, top_y = cam.project(*on_wall(d + pw / 2, 3.5))
        sc = cam.scale(on_wall(d + pw / 2, 0)[2])
        p.glow(top_x, top_y + 0.55 * sc, 0.9 * sc, 1.4 * sc, (255, 236, 200), 0.6, 1.4)
        p.polygon(
            [(x + 0.03 * sc, y + 0.05 * sc) for x, y in wall_quad(d, d + pw, y0, y0 + ph)],
            (60, 54, 50),
            blur=0.03 * sc,
            opacity=0.5,
        )
        p.polygon(
            wall_quad(d - 0.04, d + pw + 0.04, y0 - 0.04, y0 + ph + 0.04, -0.02), (24, 22, 22)
        )
        p.polygon(
            wall_quad(d - 0.01, d + pw + 0.01, y0 - 0.01, y0 + ph + 0.01, -0.021), (246, 244, 240)
        )
        p.image_quad(
            pic.resize((pic.width // 4, pic.height // 4), Image.Resampling.LANCZOS),
            wall_quad(d + 0.07, d + pw - 0.07, y0 + 0.07, y0 + ph - 0.07, -0.022),
        )
        label = wall_quad(d + pw + 0.12, d + pw + 0.4, 1.2, 1.4, -0.005)
        p.polygon(label, (250, 250, 248))
        d += pw + 0.9
    # track lights on the ceiling
    for k in range(9):
        lx, ly = cam.project(*on_wall(1.0 + k * 2.2, 3.6, -1.2))
        sc = cam.scale(on_wall(1.0 + k * 2.2, 3.6, -1.2)[2])
        p.rect((lx - 0.06 * sc, ly, lx + 0.06 * sc, ly + 0.16 * sc), (30, 30, 30))
        p.glow(lx, ly + 0.16 * sc, 0.2 * sc, 0.2 * sc, (255, 240, 210), 1.0)
    p.line(
        [cam.project(*on_wall(-3, 3.6, -1.2)), cam.project(*on_wall(ln + 30, 3.6, -1.2))],
        (20, 20, 20),
        6,
    )
    # reflections of the bright wall in the polished floor
    refl = wall_quad(-3, ln + 30, 0.0, 0.8)
    p.polygon(
        [refl[3], refl[2], (refl[2][0], refl[2][1] + 40), (refl[3][0], h + 200)],
        (200, 196, 190),
        blur=20,
        opacity=0.25,
    )
    # visitors
    for dd, off, coat, hair in (
        (9.6, 1.9, (60, 70, 96), (20, 18, 16)),
        (12.7, 1.4, (140, 40, 44), (70, 50, 30)),
        (5.5, 2.3, (36, 36, 40), (30, 26, 24)),
    ):
        x, _, z = on_wall(dd, 0.0, off)
        fx, fy = cam.project(x, 0.0, z)
        standing_back(p, fx, fy, 0.23 * cam.scale(z), coat, hair=hair)
    standing_back(p, 2180, 1800, 175, (34, 38, 34), hair=(30, 24, 20), blur=7)
    img = p.finish()
    return develop(img, rng.randrange(1 << 30), warmth=0.03, vignette=0.35, bloom=0.2, grain=4.0)


SCENE_FUNCTIONS: dict[str, Callable[[random.Random], Image.Image]] = {
    "01-talks.jpg": scene_talks,
    "02-press-room.jpg": scene_press,
    "03-signing.jpg": scene_signing,
    "04-handshake.jpg": scene_handshake,
    "05-exhibition.jpg": scene_exhibition,
    "06-hanoi-lanterns.jpg": scene_hanoi,
    "07-red-river.jpg": scene_river,
    "08-lotus.jpg": scene_lotus,
    "09-moscow-snow.jpg": scene_moscow,
}

_RENDERED: dict[str, Image.Image] = {}


def render_scene(name: str) -> Image.Image:
    """Draw one demo picture upright (cached: the exhibition scene reuses the others)."""
    if name not in _RENDERED:
        LOG.info("drawing %s", name)
        _RENDERED[name] = SCENE_FUNCTIONS[name](random.Random(name))
    return _RENDERED[name]


# --------------------------------------------------------------------------- metadata


@dataclass(frozen=True)
class Shot:
    """Camera and place metadata of one demo photograph that demo.json does not hold.

    Attributes:
        file: File name in ``photos/``.
        make: Camera maker (EXIF Make).
        model: Camera model (EXIF Model).
        lens: Lens model (EXIF LensModel).
        exposure: Exposure time in seconds.
        f_number: Aperture.
        iso: ISO speed.
        focal: Focal length in millimetres.
        city: photoshop:City, in the agency's language.
        country: photoshop:Country, in the agency's language.
        country_code: Iptc4xmpCore:CountryCode.
        location: Iptc4xmpCore:Location (the sub-location).
        keywords: dc:subject keywords.
        orientation: EXIF Orientation to store: 1 upright, 6 stored on its side.
    """

    file: str
    make: str
    model: str
    lens: str
    exposure: Fraction
    f_number: Fraction
    iso: int
    focal: int
    city: str
    country: str
    country_code: str
    location: str
    keywords: tuple[str, ...] = ()
    orientation: int = 1


_CANON, _NIKON, _SONY = "Canon", "NIKON CORPORATION", "SONY"
_HQ = "Trung tâm Thông tấn Quốc gia, số 5 Lý Thường Kiệt"

SHOTS = [
    Shot(
        "01-talks.jpg",
        _CANON,
        "Canon EOS R5",
        "RF24-70mm F2.8 L IS USM",
        Fraction(1, 125),
        Fraction(28, 10),
        1600,
        35,
        "Hà Nội",
        "Việt Nam",
        "VN",
        _HQ,
        ("TTXVN", "TASS", "hội đàm", "hợp tác thông tấn", "Việt Nam", "Nga"),
    ),
    Shot(
        "02-press-room.jpg",
        _CANON,
        "Canon EOS R3",
        "RF15-35mm F2.8 L IS USM",
        Fraction(1, 100),
        Fraction(28, 10),
        3200,
        24,
        "Hà Nội",
        "Việt Nam",
        "VN",
        _HQ,
        ("TTXVN", "TASS", "báo chí", "phóng viên", "hội đàm"),
    ),
    Shot(
        "03-signing.jpg",
        _CANON,
        "Canon EOS R5",
        "RF24-105mm F4 L IS USM",
        Fraction(1, 160),
        Fraction(40, 10),
        2000,
        58,
        "Hà Nội",
        "Việt Nam",
        "VN",
        _HQ,
        ("TTXVN", "TASS", "ký kết", "thỏa thuận hợp tác"),
    ),
    Shot(
        "04-handshake.jpg",
        _NIKON,
        "NIKON Z 9",
        "NIKKOR Z 70-200mm f/2.8 VR S",
        Fraction(1, 250),
        Fraction(28, 10),
        800,
        135,
        "Hà Nội",
        "Việt Nam",
        "VN",
        _HQ,
        ("TTXVN", "TASS", "bắt tay", "hữu nghị Việt – Nga"),
    ),
    Shot(
        "05-exhibition.jpg",
        _SONY,
        "ILCE-1",
        "FE 24-70mm F2.8 GM II",
        Fraction(1, 60),
        Fraction(40, 10),
        1600,
        28,
        "Москва",
        "Россия",
        "RU",
        "Пресс-центр ТАСС",
        ("ТАСС", "ВИА", "фотовыставка", "Вьетнам", "Россия"),
    ),
    Shot(
        "06-hanoi-lanterns.jpg",
        _NIKON,
        "NIKON Z 9",
        "NIKKOR Z 24-70mm f/2.8 S",
        Fraction(1, 80),
        Fraction(28, 10),
        6400,
        50,
        "Hà Nội",
        "Việt Nam",
        "VN",
        "Phố Hàng Mã, khu phố cổ",
        ("Hà Nội", "phố cổ", "đèn lồng", "Tết"),
    ),
    Shot(
        "07-red-river.jpg",
        _CANON,
        "Canon EOS R5",
        "RF100-500mm F4.5-7.1 L IS USM",
        Fraction(1, 1000),
        Fraction(8, 1),
        200,
        135,
        "Hà Nội",
        "Việt Nam",
        "VN",
        "Cầu Long Biên, sông Hồng",
        ("Hà Nội", "sông Hồng", "cầu Long Biên", "hoàng hôn"),
    ),
    Shot(
        "08-lotus.jpg",
        _CANON,
        "Canon EOS R5",
        "RF100mm F2.8 L MACRO IS USM",
        Fraction(1, 500),
        Fraction(40, 10),
        400,
        100,
        "Hà Nội",
        "Việt Nam",
        "VN",
        "Hồ Tây",
        ("Hà Nội", "Hồ Tây", "hoa sen", "mùa hè"),
    ),
    Shot(
        "09-moscow-snow.jpg",
        _SONY,
        "ILCE-9M3",
        "FE 70-200mm F2.8 GM OSS II",
        Fraction(1, 640),
        Fraction(56, 10),
        500,
        70,
        "Москва",
        "Россия",
        "RU",
        "Красная площадь",
        ("Москва", "Красная площадь", "снег", "зима"),
        orientation=6,
    ),
]


def ascii_fold(text: str) -> str:
    """Spell a Vietnamese or Latin byline in plain ASCII (EXIF Artist is ASCII).

    Args:
        text: The byline, e.g. ``"Tuấn Anh/TTXVN"``.

    Returns:
        The byline without diacritics, e.g. ``"Tuan Anh/TTXVN"``.
    """
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return (
        "".join(c for c in decomposed if not unicodedata.combining(c))
        .encode("ascii", "replace")
        .decode()
    )


def _attr(value: str) -> str:
    return escape(value, {'"': "&quot;"})


def build_xmp(photo: dict, shot: Shot) -> bytes:
    """Build the XMP packet of one photograph.

    The agency's own language leads: Vietnamese for VNA pictures, Russian for TASS
    ones (with the Vietnamese caption beside it), as the agencies would deliver them.

    Args:
        photo: The photograph's entry in demo.json.
        shot: Its camera and place metadata.

    Returns:
        The packet, UTF-8 encoded.
    """
    lang = "ru" if photo["credit"]["agency"]["en"] == "TASS" else "vi"
    credit = photo["credit"]
    byline = f"{credit['photographer'][lang]}/{credit['agency'][lang]}"
    captions = photo["captions"]
    alt = [("x-default", captions[lang]["caption"]), (lang, captions[lang]["caption"])]
    if lang != "vi":
        alt.append(("vi", captions["vi"]["caption"]))
    alt_xml = "".join(
        f'<rdf:li xml:lang="{code}">{escape(text)}</rdf:li>' for code, text in alt if text
    )
    keywords = "".join(f"<rdf:li>{escape(k)}</rdf:li>" for k in shot.keywords)
    rights = "CC0 1.0: demo picture drawn for Curator, dedicated to the public domain"
    xml = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"
    xmlns:Iptc4xmpCore="http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:xmpRights="http://ns.adobe.com/xap/1.0/rights/"
    photoshop:Credit="{_attr(credit["agency"][lang])}"
    photoshop:Headline="{_attr(captions[lang]["headline"])}"
    photoshop:City="{_attr(shot.city)}"
    photoshop:Country="{_attr(shot.country)}"
    photoshop:DateCreated="{_attr(photo["captured_at"])}"
    Iptc4xmpCore:Location="{_attr(shot.location)}"
    Iptc4xmpCore:CountryCode="{_attr(shot.country_code)}"
    xmp:CreatorTool="Curator make_demo_images.py"
    xmpRights:Marked="False"
    xmpRights:WebStatement="https://creativecommons.org/publicdomain/zero/1.0/">
   <dc:creator><rdf:Seq><rdf:li>{escape(byline)}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt>{alt_xml}</rdf:Alt></dc:description>
   <dc:subject><rdf:Bag>{keywords}</rdf:Bag></dc:subject>
   <dc:rights><rdf:Alt><rdf:li xml:lang="x-default">{escape(rights)}</rdf:li></rdf:Alt></dc:rights>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
    return xml.encode("utf-8")


def build_exif(photo: dict, shot: Shot, size: tuple[int, int]) -> Image.Exif:
    """Build the EXIF block of one photograph.

    Args:
        photo: The photograph's entry in demo.json.
        shot: Its camera metadata.
        size: Width and height of the stored pixels.

    Returns:
        The EXIF data, ready for :meth:`PIL.Image.Image.save`.
    """
    captured = photo["captured_at"]  # "2026-02-24T15:05:00+07:00"
    stamp = captured[:19].replace("-", ":").replace("T", " ")
    offset = captured[19:]
    credit = photo["credit"]
    exif = Image.Exif()
    exif[TAG_MAKE] = shot.make
    exif[TAG_MODEL] = shot.model
    exif[TAG_ORIENTATION] = shot.orientation
    exif[TAG_SOFTWARE] = "Curator make_demo_images.py"
    exif[TAG_DATETIME] = stamp
    # the agency's own byline, folded to ASCII: "Tuan Anh/TTXVN"; TASS bylines in Latin letters
    lang = "vi" if credit["agency"]["en"] == "VNA" else "en"
    exif[TAG_ARTIST] = ascii_fold(f"{credit['photographer'][lang]}/{credit['agency'][lang]}")
    exif[TAG_X_RESOLUTION] = TiffImagePlugin.IFDRational(300, 1)
    exif[TAG_Y_RESOLUTION] = TiffImagePlugin.IFDRational(300, 1)
    exif[TAG_RESOLUTION_UNIT] = 2  # inches
    exif[TAG_YCBCR_POSITIONING] = 1  # centred
    exif[TAG_COPYRIGHT] = "CC0 1.0 (public domain): demo picture drawn for Curator"
    sub = exif.get_ifd(TAG_EXIF_IFD)
    sub[TAG_EXIF_VERSION] = b"0232"
    sub[TAG_FLASHPIX_VERSION] = b"0100"
    sub[TAG_COLOR_SPACE] = 1  # sRGB
    sub[TAG_EXIF_IMAGE_WIDTH] = size[0]
    sub[TAG_EXIF_IMAGE_HEIGHT] = size[1]
    sub[TAG_DATETIME_ORIGINAL] = stamp
    sub[TAG_DATETIME_DIGITIZED] = stamp
    sub[TAG_OFFSET_TIME_ORIGINAL] = offset
    sub[TAG_OFFSET_TIME] = offset
    sub[TAG_EXPOSURE_TIME] = TiffImagePlugin.IFDRational(
        shot.exposure.numerator, shot.exposure.denominator
    )
    sub[TAG_FNUMBER] = TiffImagePlugin.IFDRational(
        shot.f_number.numerator, shot.f_number.denominator
    )
    sub[TAG_ISO] = shot.iso
    sub[TAG_FOCAL_LENGTH] = TiffImagePlugin.IFDRational(shot.focal, 1)
    sub[TAG_LENS_MODEL] = shot.lens
    return exif


def stored_pixels(image: Image.Image, orientation: int) -> Image.Image:
    """Turn an upright picture into the pixels a camera stores with ``orientation``.

    Orientation 6 means "rotate 90° clockwise to display", so the stored pixels
    are the upright picture turned 90° counter-clockwise.
    """
    if orientation == 1:
        return image
    if orientation == 6:
        return image.transpose(Image.Transpose.ROTATE_90)
    msg = f"unsupported orientation {orientation}"
    raise ValueError(msg)


def write_photo(photo: dict, shot: Shot, out_dir: Path) -> Path:
    """Draw, tag and save one photograph.

    Args:
        photo: The photograph's entry in demo.json.
        shot: Its camera and place metadata.
        out_dir: Folder to write to.

    Returns:
        Path of the written JPEG.
    """
    upright = render_scene(shot.file)
    pixels = stored_pixels(upright, shot.orientation)
    path = out_dir / shot.file
    pixels.save(
        path,
        "JPEG",
        quality=JPEG_QUALITY,
        optimize=True,
        dpi=(300, 300),
        exif=build_exif(photo, shot, pixels.size).tobytes(),
        xmp=build_xmp(photo, shot),
    )
    return path


def main(argv: Sequence[str] | None = None) -> int:
    """Draw the demo photographs.

    Args:
        argv: Command-line arguments (default: ``sys.argv[1:]``).

    Returns:
        Process exit status.
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE / "photos", help="output folder")
    parser.add_argument("--only", nargs="*", metavar="FILE", help="draw only these files")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")

    demo = json.loads(DEMO_JSON.read_text(encoding="utf-8"))
    photos = {p["file"]: p for p in demo["photos"]}
    shots = {s.file: s for s in SHOTS}
    if set(photos) != set(shots) or set(shots) != set(SCENE_FUNCTIONS):
        LOG.error("demo.json, SHOTS and SCENE_FUNCTIONS name different files")
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    for name in args.only or sorted(shots):
        path = write_photo(photos[name], shots[name], args.out)
        with Image.open(path) as im:
            LOG.info(
                "wrote %s: %dx%d, %d KB",
                path.name,
                im.width,
                im.height,
                path.stat().st_size // 1024,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

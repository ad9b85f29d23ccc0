"""The web edition in a real browser: Debian's Chromium, headless, at phone and desktop widths.

A start page, a section and a photo page in each language are rendered to PNG. The
stylesheet and fonts load through the site's relative links (the page's background is the
stylesheet's paper colour, not the browser's white), the photo is drawn, and a few
renderings are kept as references (``reference/``, made with ``CURATOR_WEB_REFERENCE=1``):
each rendering now must stay close to its reference (a missing stylesheet, photo or font
moves it far). Skipped without ``chromium``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat

from tests.web.conftest import HOSTILE_PHOTO

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs chromium")
REFERENCE = Path(__file__).parent / "reference"
PHONE, DESKTOP = (390, 844), (1280, 900)
PAPER = (0xFD, 0xFD, 0xFB)  # the stylesheet's background (light scheme)


def screenshot(page: Path, size: tuple[int, int], out: Path) -> Image.Image:
    """``page`` as Chromium draws it in a window ``size`` wide and high."""
    profile = out.parent / f"{out.stem}-profile"
    command = [
        str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--hide-scrollbars", "--force-color-profile=srgb",
        "--force-prefers-reduced-motion", f"--user-data-dir={profile}",
        f"--screenshot={out}", f"--window-size={size[0]},{size[1]}", page.as_uri(),
    ]  # fmt: skip
    subprocess.run(command, capture_output=True, timeout=120, check=True)
    with Image.open(out) as image:
        return image.convert("RGB")


def _pages(site: Path, ids: dict[str, str], language: str) -> dict[str, Path]:
    folder = site / language
    photo = folder / f"{ids[HOSTILE_PHOTO]}.html"
    sections = [
        href for href in photo.read_text(encoding="utf-8").split('"') if href.startswith("s")
    ]
    section = next(folder / name for name in sections if (folder / name).is_file())
    return {"start": folder / "index.html", "section": section, "photo": photo}


def _colours(image: Image.Image) -> int:
    return len(
        image.resize((image.width // 4, image.height // 4)).getcolors(1 << 16) or [0] * 99999
    )


@pytest.mark.parametrize("language", ["vi", "ru", "en"])
def test_start_section_and_photo_pages_render_at_phone_and_desktop_widths(
    web_site: Path, web_ids, language: str, tmp_path: Path
) -> None:
    for kind, page in _pages(web_site, web_ids, language).items():
        for name, size in (("phone", PHONE), ("desktop", DESKTOP)):
            shot = screenshot(page, size, tmp_path / f"{language}-{kind}-{name}.png")
            assert shot.size == size
            # the stylesheet was found through its relative link: the paper is its colour
            assert shot.getpixel((2, 2)) == PAPER, (kind, name)
            if kind != "start":  # a phone shows the start page's foreword before its photos
                assert _colours(shot) > 500, (kind, name)  # photos drawn, not empty boxes


REFERENCES = {
    "vi-photo-phone": ("vi", "photo", PHONE),
    "ru-start-desktop": ("ru", "start", DESKTOP),
    "en-section-desktop": ("en", "section", DESKTOP),
}


@pytest.mark.parametrize("name", sorted(REFERENCES))
def test_renderings_stay_close_to_their_references(
    web_site: Path, web_ids, name: str, tmp_path: Path
) -> None:
    language, kind, size = REFERENCES[name]
    page = _pages(web_site, web_ids, language)[kind]
    shot = screenshot(page, size, tmp_path / f"{name}.png")
    small = shot.resize((size[0] // 2, size[1] // 2), Image.Resampling.LANCZOS)
    reference = REFERENCE / f"{name}.png"
    if os.environ.get("CURATOR_WEB_REFERENCE"):
        REFERENCE.mkdir(exist_ok=True)
        small.quantize(64).save(reference, optimize=True)
    with Image.open(reference) as kept:
        difference = ImageChops.difference(small, kept.convert("RGB"))
    mean = sum(ImageStat.Stat(difference).mean) / 3
    assert mean < 10, f"{name} differs from its reference by {mean:.1f} on average"

"""What the file says about a photo, as the project recorded it at import.

For the window's metadata panel (and any command that prints it).

Each row is a label (marked for translation, translated where shown) and the value as text;
rows without a value are left out, so a scan without EXIF shows only what it has.
"""

from __future__ import annotations

from collections.abc import Callable

from curator.core.model import Photo
from curator.i18n import N_

#: Colour label names (the stored spelling is lower-case English, as xmp:Label writes it).
LABEL_NAMES = {
    "red": N_("Red"),
    "yellow": N_("Yellow"),
    "green": N_("Green"),
    "blue": N_("Blue"),
    "purple": N_("Purple"),
}


def format_coordinate(value: float, positive: str, negative: str) -> str:
    """Degrees as a person reads them: 21.028511° N."""
    return f"{abs(value):.6f}° {positive if value >= 0 else negative}"


def metadata_rows(
    photo: Photo, translate: Callable[[str], str] = lambda text: text
) -> list[tuple[str, str]]:
    """``(label, value)`` rows for a photo, in reading order, labels through ``translate``."""
    location = ", ".join(
        part for part in (photo.sublocation, photo.city, photo.country) if part and part.strip()
    )
    gps = ""
    if photo.gps is not None:
        gps = (
            f"{format_coordinate(photo.gps.lat, 'N', 'S')}, "
            f"{format_coordinate(photo.gps.lon, 'E', 'W')}"
        )
    rows = [
        (N_("File"), photo.path.name),
        (N_("Folder"), str(photo.path.parent)),
        (N_("Pixels"), f"{photo.width} × {photo.height}"),
        (N_("File size"), _size(photo.file_size)),
        (N_("Taken"), photo.captured_at.isoformat(sep=" ") if photo.captured_at else ""),
        (N_("Camera"), photo.camera or ""),
        (N_("GPS coordinates"), gps),
        (N_("Location"), location),
        (N_("Keywords"), "; ".join(photo.keywords)),
        (N_("Byline"), photo.byline or ""),
        (N_("Credit"), photo.credit or ""),
        (N_("Source"), photo.source or ""),
        (N_("Copyright"), photo.copyright or ""),
        (N_("Colour label"), _label_name(photo.label, translate)),
    ]
    return [(translate(label), value) for label, value in rows if value]


def _label_name(label: str | None, translate: Callable[[str], str]) -> str:
    if not label or not label.strip():
        return ""
    name = LABEL_NAMES.get(label.strip().lower())
    return translate(name) if name else label


def _size(size: int) -> str:
    if size <= 0:
        return ""
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"

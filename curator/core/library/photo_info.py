"""What the file says about a photo, as the project recorded it at import.

For the window's metadata panel (and any command that prints it).

Each row is a label (marked for translation, translated where shown) and the value as text;
rows without a value are left out, so a scan without EXIF shows only what it has.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from babel import Locale, UnknownLocaleError
from babel.dates import format_datetime
from babel.numbers import format_decimal

from curator.core.model import Exposure, Photo
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
    photo: Photo, translate: Callable[[str], str] = lambda text: text, language: str = "en"
) -> list[tuple[str, str]]:
    """``(label, value)`` rows for a photo, in reading order, labels through ``translate``.

    Exposure numbers are written as ``language`` writes decimals (f/5,6 in vi and ru).
    """
    location = ", ".join(
        part
        for part in (photo.sublocation, photo.city, photo.state, photo.country)
        if part and part.strip()
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
        (N_("File size"), _size(photo.file_size, translate, language)),
        (N_("Taken"), _moment(photo.captured_at, language) if photo.captured_at else ""),
        (N_("Camera"), photo.camera or ""),
        (N_("Lens"), photo.lens or ""),
        *exposure_rows(photo.exposure, translate, language),
        (N_("GPS coordinates"), gps),
        (N_("Location"), location),
        (N_("Keywords"), "; ".join(photo.keywords)),
        (N_("Byline"), photo.byline or ""),
        (N_("Credit"), photo.credit or ""),
        (N_("Source"), photo.source or ""),
        (N_("Copyright"), photo.copyright or ""),
        (N_("Job ID"), photo.job_id or ""),
        (N_("Colour label"), _label_name(photo.label, translate)),
    ]
    return [(translate(label), value) for label, value in rows if value]


def exposure_rows(
    exposure: Exposure,
    translate: Callable[[str], str] = lambda text: text,
    language: str = "en",
) -> list[tuple[str, str]]:
    """Shutter speed, aperture, ISO and focal length rows (labels untranslated, as above).

    Decimals are written as ``language`` writes them (a comma in vi and ru).
    """
    rows = []
    if exposure.time is not None and exposure.time > 0:
        shutter = format_exposure_time(exposure.time, language)
        seconds = translate(N_("%(seconds)s s")) % {"seconds": shutter}
        rows.append((N_("Shutter speed"), seconds))
    if exposure.f_number is not None and exposure.f_number > 0:
        rows.append((N_("Aperture"), f"f/{_one_decimal(exposure.f_number, language)}"))
    if exposure.iso is not None and exposure.iso > 0:
        rows.append((N_("ISO"), format_decimal(exposure.iso, "#", locale=_locale(language))))
    if exposure.focal_length is not None and exposure.focal_length > 0:
        focal = _one_decimal(exposure.focal_length, language)
        rows.append((N_("Focal length"), translate(N_("%(length)s mm")) % {"length": focal}))
    return rows


def format_exposure_time(seconds: float, language: str = "en") -> str:
    """An exposure time as photographers write it: ``1/250``, ``0.3``, ``2``, ``30``.

    Up to a quarter second it is a fraction (1/n, n rounded), beyond that a decimal with at
    most one place: exiftool's rule, so the two read the same (``0,3`` in vi and ru).
    """
    if seconds < 0.25001:
        return f"1/{int(0.5 + 1 / seconds)}"
    return _one_decimal(seconds, language)


def _locale(language: str) -> Locale:
    """Babel's locale for an interface language (English for one it does not know)."""
    try:
        return Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale("en")


def _one_decimal(value: float, language: str = "en") -> str:
    """At most one decimal place, none when it is 0, the language's decimal sign."""
    return format_decimal(round(value, 1), "0.#", locale=_locale(language))


def _label_name(label: str | None, translate: Callable[[str], str]) -> str:
    if not label or not label.strip():
        return ""
    name = LABEL_NAMES.get(label.strip().lower())
    return translate(name) if name else label


def _moment(moment: datetime, language: str) -> str:
    """The capture time as ``language`` writes it, the photo's own clock, then its UTC offset."""
    written = format_datetime(moment.replace(tzinfo=None), "medium", locale=_locale(language))
    offset = moment.strftime("%z")
    if not offset:
        return written
    return f"{written} (UTC{offset[:3]}:{offset[3:5]})"


def _size(size: int, translate: Callable[[str], str], language: str = "en") -> str:
    """A file size in KB or MB, unit and decimal sign as the language writes them (2,4 МБ in ru)."""
    if size <= 0:
        return ""
    if size < 1024 * 1024:  # the units outside the f-strings, where extraction finds them
        kilobytes = translate(N_("KB"))
        return f"{size / 1024:.0f} {kilobytes}"
    megabytes = translate(N_("MB"))
    return f"{_one_decimal(size / (1024 * 1024), language)} {megabytes}"

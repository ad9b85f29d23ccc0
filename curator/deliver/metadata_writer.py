"""Writing a :class:`MetadataPlan` into an image's bytes, keeping everything else.

exiv2 edits the metadata blocks and copies the image data as it is (a JPEG's scan is not
re-encoded). Only the properties Curator writes change: other namespaces, the lang-alt
entries of other languages, GPS, the ICC profile and maker notes stay as they were.

IIM is written as UTF-8 under the 1:90 ``ESC % G`` marker. When the original's IIM was in
another character set (Latin-1, a Windows code page, undeclared), its other text datasets
are re-encoded from the codec Curator's reader uses, so adding the marker does not turn
them into mojibake. Where no IIM is written but the original has some (policy ``never``),
the datasets of the fields Curator writes are removed, so an old caption there cannot
contradict the new one. EXIF ImageDescription, Artist and Copyright are updated where the
original has them, as the Metadata Working Group asks of a writer that changes the XMP.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from curator.core.delivery_planning.iim import DATASETS, UTF8_MARKER, IimPolicy
from curator.core.delivery_planning.plan import LangAlt, MetadataPlan
from curator.deliver.digest import refresh_iptc_digest
from curator.deliver.exiv2 import open_image, put_comments_back, set_comments_aside
from curator.deliver.rights import write_rights
from curator.deliver.shown import write_shown

_CHARSET_KEY = "Iptc.Envelope.CharacterSet"
_DEFAULT = 'lang="x-default"'


@dataclass(frozen=True, slots=True)
class WrittenMetadata:
    """The new bytes, and whether IIM went in."""

    data: bytes
    iim_written: bool


def write_metadata(
    data: bytes, plan: MetadataPlan, *, had_iim: bool, iim_codec: str | None
) -> WrittenMetadata:
    """``data`` (a whole image file) with ``plan`` written into its metadata.

    Args:
        data: The original file's bytes.
        plan: What to write.
        had_iim: Whether the original has IIM (for the ``if-present`` policy).
        iim_codec: The codec Curator's reader decodes the original's IIM with.

    Raises:
        Exiv2Error: exiv2 cannot read or write this file.
    """
    write_iim = plan.iim_policy is IimPolicy.ALWAYS or (
        plan.iim_policy is IimPolicy.IF_PRESENT and had_iim
    )
    data, comments = set_comments_aside(data)
    with open_image(data) as image:
        current_xmp = image.read_xmp()
        image.modify_xmp(
            _xmp_changes(current_xmp, plan)
            | _accessibility_changes(current_xmp, plan)
            | _keyword_changes(plan)
        )
        write_rights(image, plan.rights_extra, _merge_lang_alt, current_xmp)
        write_shown(image, plan.shown)
        if write_iim:
            image.modify_iptc(_iim_changes(image, plan, iim_codec))
        elif had_iim:
            image.modify_iptc(dict.fromkeys(_iim_keys(plan)))
        exif_changes = _exif_changes(image.read_exif(), plan)
        if exif_changes:
            image.modify_exif(exif_changes)
        result = put_comments_back(bytes(image.get_bytes()), comments)
    return WrittenMetadata(refresh_iptc_digest(result), write_iim)


def _xmp_changes(current: dict[str, Any], plan: MetadataPlan) -> dict[str, Any]:
    changes: dict[str, Any] = {
        "Xmp.dc.description": _merge_lang_alt(current.get("Xmp.dc.description"), plan.description),
        "Xmp.dc.title": _merge_lang_alt(current.get("Xmp.dc.title"), plan.title),
    }
    simple = {
        "Xmp.photoshop.Headline": plan.headline,
        "Xmp.photoshop.Credit": plan.credit,
        "Xmp.Iptc4xmpCore.Location": plan.sublocation,
        "Xmp.photoshop.City": plan.city,
        "Xmp.photoshop.Country": plan.country,
        "Xmp.Iptc4xmpCore.CountryCode": plan.country_code,
        "Xmp.photoshop.DateCreated": xmp_date(plan.date_created, plan.date_has_time),
    }
    changes.update({key: value for key, value in simple.items() if value})
    if plan.creators:
        changes["Xmp.dc.creator"] = list(plan.creators)
    if plan.rights:
        changes["Xmp.dc.rights"] = _merge_lang_alt(
            current.get("Xmp.dc.rights"), LangAlt({}, plan.rights)
        )
    return changes  # a lang-alt left empty is None: pyexiv2 deletes it


def _accessibility_changes(current: dict[str, Any], plan: MetadataPlan) -> dict[str, Any]:
    """Alt text and extended description (IPTC Core 1.3), one lang-alt entry per language."""
    return {
        key: _merge_lang_alt(current.get(key), wanted)
        for key, wanted in (
            ("Xmp.Iptc4xmpCore.AltTextAccessibility", plan.alt_text),
            ("Xmp.Iptc4xmpCore.ExtDescrAccessibility", plan.ext_description),
        )
    }


def _keyword_changes(plan: MetadataPlan) -> dict[str, Any]:
    """``dc:subject``: the plan's keywords (none: the property goes), or nothing to change."""
    if plan.keywords is None:
        return {}
    return {"Xmp.dc.subject": list(plan.keywords) or None}


def _merge_lang_alt(current: object, wanted: LangAlt) -> dict[str, str] | None:
    """The property's entries after the delivery: ours first, others' kept.

    ``None`` (remove the property) when nothing would be left; an untouched property
    (no text in any delivered language and none to remove) is left as it is.
    """
    existing: dict[str, str] = {}
    if isinstance(current, dict):
        existing = {str(key): str(value) for key, value in current.items()}
    elif isinstance(current, str) and current:
        existing = {_DEFAULT: current}
    ours = {tag.lower() for tag in (*wanted.values, *wanted.remove)}
    kept = {
        key: value
        for key, value in existing.items()
        if key != _DEFAULT and _lang_of(key).lower() not in ours
    }
    merged: dict[str, str] = {}
    default = wanted.default if wanted.default is not None else existing.get(_DEFAULT)
    if wanted.default is None and wanted.values == {} and not wanted.remove:
        return existing or None
    if default:
        merged[_DEFAULT] = default
    merged.update({f'lang="{tag}"': text for tag, text in wanted.values.items()})
    merged.update(kept)
    return merged or None


def _lang_of(key: str) -> str:
    return key.removeprefix('lang="').removesuffix('"')


def _iim_keys(plan: MetadataPlan) -> list[str]:
    """The IIM datasets of the fields this delivery writes."""
    keys = [DATASETS[value.name].key for value in plan.iim]
    if plan.keywords is not None and DATASETS["keywords"].key not in keys:
        keys.append(DATASETS["keywords"].key)  # the original's keywords go with ours
    if plan.date_created is not None:
        keys += [DATASETS["date_created"].key, DATASETS["time_created"].key]
    return keys


def _iim_changes(image: Any, plan: MetadataPlan, codec: str | None) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    current = image.read_iptc_detail(encoding="latin-1")
    declared = current.get(_CHARSET_KEY, {}).get("value", "")
    if codec and codec != "utf-8" and declared != UTF8_MARKER:
        changes.update(_transcoded(current, codec))
    changes[_CHARSET_KEY] = UTF8_MARKER
    if plan.keywords is not None:
        changes[DATASETS["keywords"].key] = None  # none fits, or none: the original's go
    for value in plan.iim:
        dataset = DATASETS[value.name]
        changes[dataset.key] = list(value.values) if dataset.repeatable else value.values[0]
    if plan.date_created is not None:
        changes[DATASETS["date_created"].key] = plan.date_created.strftime("%Y-%m-%d")
        clock = iim_time(plan.date_created) if plan.date_has_time else None
        changes[DATASETS["time_created"].key] = clock
    return changes


def _transcoded(current: dict[str, Any], codec: str) -> dict[str, Any]:
    """The original's text datasets, decoded from ``codec`` (exiv2 read them as Latin-1)."""
    changes: dict[str, Any] = {}
    for key, detail in current.items():
        if not key.startswith("Iptc.Application2.") or detail.get("typeName") != "String":
            continue
        value = detail.get("value")
        if isinstance(value, list):
            changes[key] = [_decode(item, codec) for item in value]
        elif isinstance(value, str):
            changes[key] = _decode(value, codec)
    return changes


def _decode(text: str, codec: str) -> str:
    return text.encode("latin-1").decode(codec, "replace")


def _exif_changes(current: dict[str, Any], plan: MetadataPlan) -> dict[str, str]:
    wanted = {
        "Exif.Image.ImageDescription": plan.description.default,
        "Exif.Image.Artist": "; ".join(plan.creators) or None,
        "Exif.Image.Copyright": plan.rights,
    }
    return {key: value for key, value in wanted.items() if value and key in current}


def xmp_date(moment: datetime | None, has_time: bool = True) -> str | None:
    """``photoshop:DateCreated``: ISO 8601 to the second, the UTC offset when known."""
    if moment is None:
        return None
    if not has_time:
        return moment.strftime("%Y-%m-%d")
    text = moment.replace(microsecond=0).isoformat()
    return text


def iim_time(moment: datetime) -> str | None:
    """IIM 2:60 as exiv2 takes it (``HH:MM:SS+HH:MM``); ``None`` without a UTC offset.

    IIM's time always carries an offset; writing ``+00:00`` for a time whose zone is
    unknown would state something false, so such a time is not written to IIM.
    """
    offset = moment.utcoffset()
    if offset is None:
        return None
    minutes = int(offset.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    hours, rest = divmod(abs(minutes), 60)
    return f"{moment:%H:%M:%S}{sign}{hours:02d}:{rest:02d}"

"""Writing and reading back a copy's rights and origin fields (:mod:`...delivery_planning.rights`).

Written beside the caption by :func:`curator.deliver.metadata_writer.write_metadata`:
``xmpRights:UsageTerms`` as lang-alt (other languages' entries kept), ``photoshop:Source``,
``plus:Licensor`` (one name/URL structure, replacing the original's), ``plus:DataMining``
and ``Iptc4xmpExt:DigitalSourceType``. ``dc:rights`` and ``photoshop:Credit`` (and their
IIM datasets, with 2:115 Source) go through the main writer. Only fields with a value are
written: what the project does not know stays as the original says. When the template's
copyright notice replaces a different one, the original's ``xmpRights:Marked`` and
``xmpRights:WebStatement`` go too: they describe the original's rights (a CC0 dedication,
say), which the copy no longer claims.
"""

from __future__ import annotations

from typing import Any

from curator.core.delivery_planning.plan import LangAlt, MetadataPlan
from curator.core.delivery_planning.rights import RightsMetadata
from curator.i18n import _
from curator.ingest.metadata.provenance import parse_rights
from curator.ingest.metadata.text import clean

_LICENSOR = "Xmp.plus.Licensor"
#: What the original says about its own rights, stale once the template's notice replaces it.
_STALE = ("Xmp.xmpRights.Marked", "Xmp.xmpRights.WebStatement")


def _notice(xmp: dict[str, Any]) -> str | None:
    """The copyright notice (``dc:rights``, its default language) of a pyexiv2 XMP reading."""
    value = xmp.get("Xmp.dc.rights")
    if isinstance(value, dict):
        value = value.get('lang="x-default"') or next(iter(value.values()), "")
    return clean(str(value)) if value else None


def write_rights(
    image: Any, extra: RightsMetadata, merge: Any, original: dict[str, Any] | None = None
) -> None:
    """Write ``extra`` into an open pyexiv2 image; ``merge`` merges a lang-alt property.

    ``original`` is the image's XMP before the copy's caption fields were written.
    """
    if extra.empty:
        return
    current = image.read_xmp()
    changes: dict[str, Any] = {}
    if extra.copyright and _notice(original or current) != clean(extra.copyright):
        stale = [key for key in _STALE if key in current]
        if stale:
            image.modify_xmp(dict.fromkeys(stale))
    if extra.usage_terms:
        wanted = LangAlt(dict(extra.usage_terms), extra.usage_default or None)
        changes["Xmp.xmpRights.UsageTerms"] = merge(current.get("Xmp.xmpRights.UsageTerms"), wanted)
    simple = {
        "Xmp.photoshop.Source": extra.source,
        "Xmp.plus.DataMining": extra.data_mining,
        "Xmp.iptcExt.DigitalSourceType": extra.source_type,
    }
    changes.update({key: value for key, value in simple.items() if value})
    if changes:
        image.modify_xmp(changes)
    if extra.licensor_name or extra.licensor_url:
        old = sorted((key for key in current if key.startswith(_LICENSOR + "[")), reverse=True)
        if old:
            image.modify_xmp(dict.fromkeys(old))
        if _LICENSOR in current or old:
            image.modify_xmp({_LICENSOR: None})
        image.modify_xmp({_LICENSOR: 'type="Seq"'})
        licensor = {
            f"{_LICENSOR}[1]/plus:LicensorName": extra.licensor_name,
            f"{_LICENSOR}[1]/plus:LicensorURL": extra.licensor_url,
        }
        image.modify_xmp({key: value for key, value in licensor.items() if value})


def check_rights(packet: bytes | None, plan: MetadataPlan) -> list[str]:
    """The differences between the copy's XMP ``packet`` and the plan's rights fields."""
    extra = plan.rights_extra
    if extra.empty:
        return []
    found = parse_rights(packet) if packet else None
    terms = found.usage_terms if found else {}
    problems: list[str] = []
    for tag, text in extra.usage_terms.items():
        problems += _differ(f"xmpRights:UsageTerms [{tag}]", text, terms.get(tag))
    if extra.usage_default:
        problems += _differ(
            "xmpRights:UsageTerms [x-default]", extra.usage_default, terms.get("x-default")
        )
    licensor = found.licensors[0] if found and found.licensors else ("", "")
    for name, meant, got in (
        ("photoshop:Source", extra.source, found.source if found else None),
        ("plus:DataMining", extra.data_mining, found.data_mining if found else None),
        ("Iptc4xmpExt:DigitalSourceType", extra.source_type, found.source_type if found else None),
        ("plus:LicensorName", extra.licensor_name, licensor[0]),
        ("plus:LicensorURL", extra.licensor_url, licensor[1]),
    ):
        if meant:
            problems += _differ(name, meant, got)
    return problems


def _differ(name: str, meant: str, got: str | None) -> list[str]:
    if (clean(meant) or "") == (clean(got or "") or ""):
        return []
    return [
        _("%(field)s: meant “%(meant)s”, the file says “%(got)s”.")
        % {"field": name, "meant": meant, "got": got or ""}
    ]

"""Reading a delivered copy back with Curator's own reader and comparing it with the plan.

What the plan wrote is compared source by source - the embedded XMP, then the IIM - so a
field that reached XMP but not IIM (or was mangled on the way) is caught even where the
merged reading would hide it. Each difference is a sentence naming the field, the language
where there is one, what was meant and what the file says.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from curator.core.delivery_planning.iim import UTF8_MARKER
from curator.core.delivery_planning.plan import LangAlt, MetadataPlan
from curator.deliver.rights import check_rights
from curator.deliver.shown import check_shown
from curator.i18n import _
from curator.ingest.metadata.containers import read_blocks
from curator.ingest.metadata.fields import SourceFields
from curator.ingest.metadata.iptc import CODED_CHARACTER_SET, digest_is_stale, parse_iim, read_iptc
from curator.ingest.metadata.text import clean
from curator.ingest.metadata.types import LangText
from curator.ingest.metadata.xmp import parse_xmp


def verify_copy(path: Path, plan: MetadataPlan, iim_written: bool) -> list[str]:
    """The differences between what ``path`` says and what ``plan`` meant (empty: none)."""
    blocks = read_blocks(path)
    # A copy without XMP says nothing there: each field the plan meant to write is then a
    # difference of its own, and a plan with nothing for XMP (no caption, no credit, no
    # date, no rights) is met by a copy that has none.
    xmp = parse_xmp(blocks.xmp[0]) if blocks.xmp else SourceFields("xmp")
    problems = [problem.message or problem.code for problem in xmp.problems]
    problems += _check_xmp(xmp, plan)
    problems += check_rights(blocks.xmp[0] if blocks.xmp else None, plan)
    problems += check_shown(blocks.xmp[0] if blocks.xmp else None, plan.shown)
    if iim_written:
        iim = read_iptc(blocks)
        problems += _check_iim(iim, plan)
        declared = [
            b"".join(datasets.get(CODED_CHARACTER_SET, []))
            for stream in blocks.iptc
            for datasets in parse_iim(stream, [])
        ]
        if not declared or not declared[0].startswith(UTF8_MARKER.encode("ascii")):
            problems.append(_("IIM: the UTF-8 marker (1:90) is missing."))
        if digest_is_stale(blocks):
            problems.append(_("IIM: Photoshop's IPTC digest does not match the IIM."))
    return problems


def _check_xmp(xmp: SourceFields, plan: MetadataPlan) -> list[str]:
    problems = _check_lang_alt("dc:description", xmp.descriptions, plan.description)
    problems += _check_lang_alt("dc:title", xmp.titles, plan.title)
    problems += _check_accessibility(xmp, plan)
    if plan.keywords is not None:
        problems += _differ("dc:subject", "; ".join(plan.keywords), "; ".join(xmp.keywords))
    if plan.headline:
        got = xmp.headlines[0].text if xmp.headlines else None
        problems += _differ("photoshop:Headline", plan.headline, got)
    if plan.creators:
        problems += _differ("dc:creator", "; ".join(plan.creators), "; ".join(xmp.byline))
    for name, meant, got in (
        ("photoshop:Credit", plan.credit, xmp.credit),
        ("dc:rights", plan.rights, xmp.copyright),
        ("Iptc4xmpCore:Location", plan.sublocation, xmp.sublocation),
        ("photoshop:City", plan.city, xmp.city),
        ("photoshop:Country", plan.country, xmp.country),
    ):
        if meant:
            problems += _differ(name, meant, got)
    if plan.date_created is not None:
        dates = [d for d in xmp.dates if d.field == "xmp:photoshop:DateCreated"]
        problems += _check_date("photoshop:DateCreated", plan, dates[0].value if dates else None)
    return problems


def _check_accessibility(xmp: SourceFields, plan: MetadataPlan) -> list[str]:
    return _check_lang_alt(
        "Iptc4xmpCore:AltTextAccessibility", xmp.alt_texts, plan.alt_text
    ) + _check_lang_alt(
        "Iptc4xmpCore:ExtDescrAccessibility", xmp.ext_descriptions, plan.ext_description
    )


def _check_lang_alt(name: str, found: Sequence[LangText], meant: LangAlt) -> list[str]:
    by_language = {item.language: item.text for item in found}
    problems: list[str] = []
    for tag, text in meant.values.items():
        problems += _differ(f"{name} [{tag}]", text, by_language.get(tag))
    for tag in meant.remove:
        if tag in by_language:
            problems += _differ(f"{name} [{tag}]", "", by_language[tag])
    if meant.default is not None:
        problems += _differ(f"{name} [x-default]", meant.default, by_language.get(None))
    return problems


def _check_iim(iim: SourceFields, plan: MetadataPlan) -> list[str]:
    found: dict[str, str | None] = {
        "caption": iim.descriptions[0].text if iim.descriptions else None,
        "headline": iim.headlines[0].text if iim.headlines else None,
        "object_name": iim.titles[0].text if iim.titles else None,
        "byline": "; ".join(iim.byline) or None,
        "credit": iim.credit,
        "copyright": iim.copyright,
        "source": iim.photo_source,
        "sublocation": iim.sublocation,
        "city": iim.city,
        "country": iim.country,
        "keywords": "; ".join(iim.keywords) or None,
    }
    problems: list[str] = []
    for value in plan.iim:
        if value.name in found:
            problems += _differ(f"IIM {value.name}", "; ".join(value.values), found[value.name])
    if plan.date_created is not None:
        dates = [d.value for d in iim.dates]
        meant = plan.date_created if plan.date_created.utcoffset() is not None else None
        got = dates[0] if dates else None
        if meant is None or not plan.date_has_time:
            problems += _differ(
                "IIM date",
                plan.date_created.date().isoformat(),
                got.date().isoformat() if got else None,
            )
        else:
            problems += _check_date("IIM date", plan, got)
    return problems


def _check_date(name: str, plan: MetadataPlan, got: datetime | None) -> list[str]:
    meant = plan.date_created
    assert meant is not None
    wanted = meant.replace(microsecond=0)
    if not plan.date_has_time:
        return _differ(name, wanted.date().isoformat(), got.date().isoformat() if got else None)
    return _differ(name, wanted.isoformat(), got.isoformat() if got else None)


def _differ(name: str, meant: str, got: str | None) -> list[str]:
    if (clean(meant) or "") == (clean(got) or ""):
        return []
    return [
        _("%(field)s: meant “%(meant)s”, the file says “%(got)s”.")
        % {"field": name, "meant": meant, "got": got if got is not None else ""}
    ]


def check_xmp_fields(xmp: SourceFields, plan: MetadataPlan) -> list[str]:
    """The differences between one XMP source (an embedded packet, a sidecar) and ``plan``."""
    return _check_xmp(xmp, plan)

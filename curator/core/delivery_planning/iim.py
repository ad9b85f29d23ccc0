"""IPTC IIM: which datasets a delivery writes, their byte limits, and the policy for them.

IIM (the older twin of IPTC XMP that many press systems still read first) stores each field
in a dataset with a maximum length in bytes (IIM 4.2). Curator writes IIM as UTF-8, declared
by the ``ESC % G`` value of dataset 1:90, so a Vietnamese letter can take three of those
bytes: a text is cut at a character boundary to fit, and the full text stays in XMP.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from curator.i18n import N_

#: 1:90 CodedCharacterSet value meaning UTF-8 (ISO 2022 escape "ESC % G").
UTF8_MARKER = "\x1b%G"


class IimPolicy(StrEnum):
    """When a delivered copy gets IIM."""

    ALWAYS = "always"
    IF_PRESENT = "if-present"
    NEVER = "never"


IIM_POLICY_LABELS: dict[IimPolicy, str] = {
    IimPolicy.ALWAYS: N_("Always"),
    IimPolicy.IF_PRESENT: N_("Only where the original had IIM"),
    IimPolicy.NEVER: N_("Never"),
}


@dataclass(frozen=True, slots=True)
class IimDataset:
    """One record-2 dataset Curator writes: its exiv2 key, number and byte limit."""

    name: str
    key: str
    number: int
    limit: int
    repeatable: bool = False


#: The datasets a delivery writes, by Curator's field name (limits from IIM 4.2).
DATASETS: dict[str, IimDataset] = {
    dataset.name: dataset
    for dataset in (
        IimDataset("object_name", "Iptc.Application2.ObjectName", 5, 64),
        IimDataset("keywords", "Iptc.Application2.Keywords", 25, 64, repeatable=True),
        IimDataset("date_created", "Iptc.Application2.DateCreated", 55, 8),
        IimDataset("time_created", "Iptc.Application2.TimeCreated", 60, 11),
        IimDataset("byline", "Iptc.Application2.Byline", 80, 32, repeatable=True),
        IimDataset("city", "Iptc.Application2.City", 90, 32),
        IimDataset("sublocation", "Iptc.Application2.SubLocation", 92, 32),
        IimDataset("country", "Iptc.Application2.CountryName", 101, 64),
        IimDataset("headline", "Iptc.Application2.Headline", 105, 256),
        IimDataset("credit", "Iptc.Application2.Credit", 110, 32),
        IimDataset("source", "Iptc.Application2.Source", 115, 32),
        IimDataset("copyright", "Iptc.Application2.Copyright", 116, 128),
        IimDataset("caption", "Iptc.Application2.Caption", 120, 2000),
    )
}


def cut_to_bytes(text: str, limit: int) -> str:
    """``text`` cut so that its UTF-8 form fits in ``limit`` bytes, at a character boundary.

    A letter is never split from its combining marks: when the cut would fall between a
    base letter and a mark, the letter goes too. Trailing spaces left by the cut are removed.
    """
    if len(text.encode("utf-8")) <= limit:
        return text
    kept: list[str] = []
    used = 0
    for char in text:
        size = len(char.encode("utf-8"))
        if used + size > limit:
            break
        kept.append(char)
        used += size
    cut_inside_cluster = len(kept) < len(text) and unicodedata.combining(text[len(kept)])
    if cut_inside_cluster:
        while kept and unicodedata.combining(kept[-1]):
            kept.pop()
        if kept:
            kept.pop()  # the base letter whose marks did not fit
    return "".join(kept).rstrip()

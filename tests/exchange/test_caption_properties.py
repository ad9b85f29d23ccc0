"""Property test: any caption text survives export and import unchanged, in every format."""

from __future__ import annotations

import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from curator.core.language.text import clean_text
from curator.core.model import CaptionField, CaptionStatus
from curator.core.translators.caption_exchange import ExportScope, build_export
from curator.core.translators.exchange_apply import apply_plan
from curator.core.translators.exchange_plan import PlanAction, plan_import
from curator.exchange.captions import FORMATS, SUFFIXES, read_caption_file, write_caption_file

# Vietnamese (precomposed and combining marks), Cyrillic, quotes, %, separators, emoji.
ALPHABET = st.sampled_from(
    [
        *"aăâđêôơưĂÂĐÊÔƠƯáàảãạếềểễệ",
        "a\u0301",
        "e\u0302\u0300",
        *"ЁёЙйЖжЩщЪъ",
        *"\"'«»“”„%;,|\\#\n\t <>&=",
        "%(name)s",
        "%d",
        "{0}",
        "😀",
        "👍🏽",
        "🇻🇳",
    ]
)
TEXTS = st.lists(ALPHABET, min_size=1, max_size=40).map("".join)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(source=TEXTS, translation=TEXTS)
@example(source="=SUM(A1)", translation="=a")  # a spreadsheet must not take it for a formula
def test_any_caption_survives_every_format(captioned, source: str, translation: str) -> None:
    service, ids = captioned
    source_text, target_text = clean_text(source), clean_text(translation)
    if not source_text or not target_text:
        return
    photo = ids[0]
    service.set_caption(photo, "vi", CaptionField.CAPTION, source_text, CaptionStatus.FINAL)
    service.set_caption(photo, "ru", CaptionField.CAPTION, "")
    document = build_export(service, ExportScope("ru"))
    with tempfile.TemporaryDirectory() as folder:
        for fmt in FORMATS:
            path = Path(folder) / f"ru{SUFFIXES[fmt]}"
            write_caption_file(path, document, fmt)
            incoming = read_caption_file(path)
            [entry] = [e for e in incoming.entries if e.key == f"{photo}|caption"]
            assert entry.source == source_text, fmt
            # The translator's text goes into the file's target, as their tool would.
            edited = type(document)(
                document.header,
                tuple(
                    type(unit)(**{**_fields(unit), "target": target_text})
                    if unit.key == entry.key
                    else unit
                    for unit in document.units
                ),
            )
            write_caption_file(path, edited if fmt != "xliff12" else document, fmt)
            if fmt == "xliff12":
                # An XLIFF 1.2 target starts as a copy of the source; the tool replaces it.
                _set_xliff12_target(path, entry.key, target_text)
            plan = plan_import(service, read_caption_file(path), path)
            [planned] = [e for e in plan.entries if e.key == entry.key]
            if fmt == "xliff12" and target_text == source_text:
                # Indistinguishable from the untouched copy of the source (README): the
                # entry reads as not translated, and nothing is written.
                assert planned.action == PlanAction.UNTRANSLATED
                continue
            assert planned.action == PlanAction.NEW, (fmt, planned)
            assert planned.incoming_text == target_text, fmt
    apply_plan(service, plan)
    caption = service.captions.get(photo, "ru", CaptionField.CAPTION)
    assert caption is not None and caption.text == target_text


def _set_xliff12_target(path: Path, key: str, text: str) -> None:
    ns = "{urn:oasis:names:tc:xliff:document:1.2}"
    ET.register_namespace("", ns[1:-1])
    tree = ET.parse(path)
    for unit in tree.getroot().iter(f"{ns}trans-unit"):
        if unit.get("id") == key:
            unit.find(f"{ns}target").text = text
    tree.write(path, encoding="utf-8", xml_declaration=True)


def _fields(unit) -> dict:
    return {name: getattr(unit, name) for name in unit.__dataclass_fields__}

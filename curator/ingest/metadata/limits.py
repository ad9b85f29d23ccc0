"""Bounds on what one file's metadata may bring into a project.

A real caption is a few thousand characters, a place or a byline a few dozen, and a photo
has tens of keywords. A file from outside can carry megabytes in any of them (a sidecar may
be 16 MB), which would bloat the project and make every editor and layout pass crawl. So
each field is cut at a generous bound, and the cut is reported as the file's problem
(``field-too-long``) naming the field, so nothing is shortened silently.
"""

from __future__ import annotations

from dataclasses import replace

from curator.core.checks.problems import Problem
from curator.ingest.metadata.types import ImageMetadata, LangText

#: Headlines and descriptions (they become captions).
MAX_TEXT_CHARS = 20_000
#: Places, names, credits, camera, label: one line each.
MAX_LINE_CHARS = 2_000
MAX_KEYWORD_CHARS = 200
MAX_KEYWORDS = 1_000
MAX_BYLINES = 50
MAX_TEXTS = 50

_LINE_FIELDS = (
    "camera",
    "lens",
    "credit",
    "source",
    "copyright",
    "city",
    "sublocation",
    "state",
    "country",
    "job_id",
    "label",
)


def _cut(text: str, limit: int) -> str:
    return text[: limit - 1] + "…"


def limit_metadata(metadata: ImageMetadata) -> ImageMetadata:
    """``metadata`` with every field within bounds, and a problem for each field cut."""
    changes: dict[str, object] = {}
    cut: list[str] = []
    for name in _LINE_FIELDS:
        value = getattr(metadata, name)
        if isinstance(value, str) and len(value) > MAX_LINE_CHARS:
            changes[name] = _cut(value, MAX_LINE_CHARS)
            cut.append(name)
    for name in ("headlines", "descriptions", "alt_texts", "ext_descriptions"):
        texts: tuple[LangText, ...] = getattr(metadata, name)
        if len(texts) > MAX_TEXTS or any(len(item.text) > MAX_TEXT_CHARS for item in texts):
            changes[name] = tuple(
                replace(item, text=_cut(item.text, MAX_TEXT_CHARS))
                if len(item.text) > MAX_TEXT_CHARS
                else item
                for item in texts[:MAX_TEXTS]
            )
            cut.append(name)
    for name, count, chars in (
        ("keywords", MAX_KEYWORDS, MAX_KEYWORD_CHARS),
        ("byline", MAX_BYLINES, MAX_LINE_CHARS),
    ):
        values: tuple[str, ...] = getattr(metadata, name)
        if len(values) > count or any(len(value) > chars for value in values):
            changes[name] = tuple(
                _cut(value, chars) if len(value) > chars else value for value in values[:count]
            )
            cut.append(name)
    if not cut:
        return metadata
    problem = Problem("field-too-long", ", ".join(cut))
    return replace(metadata, problems=(*metadata.problems, problem), **changes)  # type: ignore[arg-type]

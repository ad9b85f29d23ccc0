"""Small helpers shared by the repositories: ids, timestamps, JSON of language maps."""

from __future__ import annotations

import json
import secrets
from datetime import UTC, datetime

from curator.core.language.text import clean_line

# No 0/1/i/l/o: ids are read aloud and typed; a leading letter keeps spreadsheets from
# taking an id for a number.
_ID_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"


def new_id(prefix: str) -> str:
    """A short random id such as ``p7k2m9xq``."""
    return prefix + "".join(secrets.choice(_ID_ALPHABET) for _ in range(7))


def now_iso() -> str:
    """The current time, UTC, ISO 8601."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def dump_language_map(values: dict[str, str]) -> str:
    """``{tag: text}`` as JSON, NFC, empty entries dropped."""
    cleaned = {tag: clean_line(text) for tag, text in values.items() if text and text.strip()}
    return json.dumps(cleaned, ensure_ascii=False, sort_keys=True)


def load_language_map(raw: str | None) -> dict[str, str]:
    """The inverse of :func:`dump_language_map`."""
    if not raw:
        return {}
    data = json.loads(raw)
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}

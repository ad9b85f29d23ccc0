"""The glossary: names and terms with their rendering, variants, forbidden and case forms."""

from __future__ import annotations

from curator.core.language.glossary_cases import clean_cases
from curator.core.language.text import clean_line
from curator.core.model import GlossaryEntry, GlossaryKind
from curator.core.storage.database import Database, dialect_of

_VARIANT = "variant"
_FORBIDDEN = "forbidden"
_BATCH = 500


def _clean_forms(forms: dict[str, tuple[str, ...]] | None) -> dict[str, tuple[str, ...]]:
    cleaned: dict[str, tuple[str, ...]] = {}
    for tag, items in (forms or {}).items():
        kept = tuple(dict.fromkeys(clean_line(item) for item in items if item.strip()))
        if kept:
            cleaned[tag] = kept
    return cleaned


class GlossaryRepository:
    """Glossary entries with their per-language terms and forms."""

    def __init__(self, conn: Database) -> None:
        self._conn = conn

    def add(
        self,
        kind: GlossaryKind,
        terms: dict[str, str],
        note: str = "",
        *,
        code: str = "",
        variants: dict[str, tuple[str, ...]] | None = None,
        forbidden: dict[str, tuple[str, ...]] | None = None,
        surnames: dict[str, str] | None = None,
        cases: dict[str, dict[str, str]] | None = None,
    ) -> GlossaryEntry:
        """Add an entry; ``code`` must be unique when given."""
        cursor = self._conn.execute(
            "INSERT INTO glossary_entry (kind, note, code) VALUES (?, ?, ?) RETURNING id",
            (kind.value, clean_line(note), clean_line(code)),
        )
        entry_id = int(cursor.fetchone()[0])
        self._write_parts(entry_id, terms, variants, forbidden, surnames, cases)
        return self.get(entry_id)

    def replace(self, entry: GlossaryEntry) -> GlossaryEntry:
        """Overwrite an entry's kind, note, code, terms and forms (by its id)."""
        self._conn.execute(
            "UPDATE glossary_entry SET kind = ?, note = ?, code = ? WHERE id = ?",
            (entry.kind.value, clean_line(entry.note), clean_line(entry.code), entry.id),
        )
        self._conn.execute("DELETE FROM glossary_term WHERE entry_id = ?", (entry.id,))
        self._conn.execute("DELETE FROM glossary_form WHERE entry_id = ?", (entry.id,))
        self._conn.execute("DELETE FROM glossary_surname WHERE entry_id = ?", (entry.id,))
        self._conn.execute("DELETE FROM glossary_case WHERE entry_id = ?", (entry.id,))
        self._write_parts(
            entry.id, entry.terms, entry.variants, entry.forbidden, entry.surnames, entry.cases
        )
        return self.get(entry.id)

    def delete(self, entry_id: int) -> None:
        """Remove an entry."""
        self._conn.execute("DELETE FROM glossary_entry WHERE id = ?", (entry_id,))

    def _write_parts(
        self,
        entry_id: int,
        terms: dict[str, str],
        variants: dict[str, tuple[str, ...]] | None,
        forbidden: dict[str, tuple[str, ...]] | None,
        surnames: dict[str, str] | None = None,
        cases: dict[str, dict[str, str]] | None = None,
    ) -> None:
        cleaned = {tag: clean_line(text) for tag, text in terms.items() if text.strip()}
        self._conn.executemany(
            "INSERT INTO glossary_case (entry_id, language, grammatical_case, form)"
            " VALUES (?, ?, ?, ?)",
            [
                (entry_id, tag, case, clean_line(form))
                for tag, forms in clean_cases(cases).items()
                for case, form in forms.items()
            ],
        )
        self._conn.executemany(
            "INSERT INTO glossary_surname (entry_id, language, surname) VALUES (?, ?, ?)",
            [
                (entry_id, tag, clean_line(surname))
                for tag, surname in (surnames or {}).items()
                if surname.strip()
            ],
        )
        self._conn.executemany(
            "INSERT INTO glossary_term (entry_id, language, text) VALUES (?, ?, ?)",
            [(entry_id, tag, text) for tag, text in cleaned.items()],
        )
        for kind, forms in ((_VARIANT, variants), (_FORBIDDEN, forbidden)):
            self._conn.executemany(
                "INSERT INTO glossary_form (entry_id, language, kind, form)"
                " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                [
                    (entry_id, tag, kind, form)
                    for tag, items in _clean_forms(forms).items()
                    for form in items
                ],
            )

    def get(self, entry_id: int) -> GlossaryEntry:
        """One entry; ``KeyError`` when there is none."""
        entries = self._load("WHERE id = ?", (entry_id,))
        if not entries:
            raise KeyError(entry_id)
        return entries[0]

    def by_code(self, code: str) -> GlossaryEntry | None:
        """The entry with this shortcut code."""
        entries = self._load("WHERE code = ? AND code != ''", (clean_line(code),))
        return entries[0] if entries else None

    def all(self) -> list[GlossaryEntry]:
        """Every entry, in the order they were added."""
        return self._load("", ())

    def _load(self, where: str, params: tuple[object, ...]) -> list[GlossaryEntry]:
        rows = self._conn.execute(
            f"SELECT id, kind, note, code FROM glossary_entry {where} ORDER BY id", params
        ).fetchall()
        if not rows:
            return []
        ids = [row[0] for row in rows]
        terms: dict[int, dict[str, str]] = {}
        forms: dict[tuple[int, str], dict[str, list[str]]] = {}
        surnames: dict[int, dict[str, str]] = {}
        cases: dict[int, dict[str, dict[str, str]]] = {}
        # In batches: SQLite allows only so many variables in one statement (a glossary of
        # 300,000 entries failed with "too many SQL variables").
        form_order = dialect_of(self._conn).glossary_form_order
        for start in range(0, len(ids), _BATCH):
            batch = ids[start : start + _BATCH]
            marks = ", ".join("?" * len(batch))
            for entry_id, language, text in self._conn.execute(
                f"SELECT entry_id, language, text FROM glossary_term WHERE entry_id IN ({marks})",
                batch,
            ):
                terms.setdefault(entry_id, {})[language] = text
            for entry_id, language, kind, form in self._conn.execute(
                "SELECT entry_id, language, kind, form FROM glossary_form"
                f" WHERE entry_id IN ({marks}) ORDER BY {form_order}",
                batch,
            ):
                forms.setdefault((entry_id, kind), {}).setdefault(language, []).append(form)
            for entry_id, language, surname in self._conn.execute(
                "SELECT entry_id, language, surname FROM glossary_surname"
                f" WHERE entry_id IN ({marks})",
                batch,
            ):
                surnames.setdefault(entry_id, {})[language] = surname
            for entry_id, language, case, form in self._conn.execute(
                "SELECT entry_id, language, grammatical_case, form FROM glossary_case"
                f" WHERE entry_id IN ({marks})",
                batch,
            ):
                cases.setdefault(entry_id, {}).setdefault(language, {})[case] = form
        return [
            GlossaryEntry(
                id=eid,
                kind=GlossaryKind(kind),
                terms=terms.get(eid, {}),
                note=note,
                code=code,
                variants={k: tuple(v) for k, v in forms.get((eid, _VARIANT), {}).items()},
                forbidden={k: tuple(v) for k, v in forms.get((eid, _FORBIDDEN), {}).items()},
                surnames=surnames.get(eid, {}),
                cases=cases.get(eid, {}),
            )
            for eid, kind, note, code in rows
        ]

    def count(self) -> int:
        """How many entries the glossary holds."""
        return int(self._conn.execute("SELECT count(*) FROM glossary_entry").fetchone()[0])

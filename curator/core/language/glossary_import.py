"""Merging a glossary file into the project's glossary: what each entry read would do.

Pure functions over :class:`~curator.core.model.GlossaryEntry` values, as the check in
:mod:`curator.core.language.glossary_rules`; the exchange readers make the drafts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from curator.core.errors import UsageError
from curator.core.model import GlossaryEntry, GlossaryKind
from curator.i18n import _


@dataclass(frozen=True, slots=True)
class GlossaryDraft:
    """An entry read from a file, not yet in the project; ``line`` is where it was read."""

    kind: GlossaryKind
    terms: dict[str, str]
    note: str = ""
    code: str = ""
    variants: dict[str, tuple[str, ...]] = field(default_factory=dict)
    forbidden: dict[str, tuple[str, ...]] = field(default_factory=dict)
    line: int = 0
    surnames: dict[str, str] = field(default_factory=dict)
    cases: dict[str, dict[str, str]] = field(default_factory=dict)

    def as_entry(self, entry_id: int) -> GlossaryEntry:
        """The draft as an entry with the given id."""
        return GlossaryEntry(
            entry_id,
            self.kind,
            dict(self.terms),
            self.note,
            self.code,
            dict(self.variants),
            dict(self.forbidden),
            dict(self.surnames),
            {tag: dict(forms) for tag, forms in self.cases.items()},
        )


@dataclass(frozen=True, slots=True)
class GlossaryImportPlan:
    """What importing a glossary file will do; nothing is changed until it is applied.

    ``replaced`` holds the new versions of existing entries (with their ids).
    """

    added: list[GlossaryDraft]
    replaced: list[GlossaryEntry]
    unchanged: list[GlossaryEntry]


def _same(a: GlossaryEntry, b: GlossaryEntry) -> bool:
    return (a.kind, a.terms, a.note, a.code, a.variants, a.forbidden, a.surnames, a.cases) == (
        b.kind,
        b.terms,
        b.note,
        b.code,
        b.variants,
        b.forbidden,
        b.surnames,
        b.cases,
    )


def _match_existing(
    draft: GlossaryDraft, existing: Sequence[GlossaryEntry]
) -> GlossaryEntry | None:
    if draft.code:
        for entry in existing:
            if entry.code == draft.code:
                return entry
    for entry in existing:
        if entry.code and draft.code and entry.code != draft.code:
            continue
        if any(entry.terms.get(tag) == text for tag, text in draft.terms.items()):
            return entry
    return None


def plan_import(
    existing: Sequence[GlossaryEntry], drafts: Sequence[GlossaryDraft], *, source: str = ""
) -> GlossaryImportPlan:
    """Match imported drafts with the glossary.

    A draft whose code an entry has replaces that entry. Otherwise it replaces an entry
    with an identical rendering in any language (keeping that entry's code when the draft
    has none; an entry with another code never matches). Otherwise it is added.

    Raises:
        UsageError: two drafts of the file (``source``) match the same entry.
    """
    added: list[GlossaryDraft] = []
    replaced: list[GlossaryEntry] = []
    unchanged: list[GlossaryEntry] = []
    claimed: dict[int, GlossaryDraft] = {}
    for draft in drafts:
        current = _match_existing(draft, existing)
        if current is None:
            added.append(draft)
            continue
        if current.id in claimed:
            raise UsageError(
                _(
                    "%(file)s: lines %(first)d and %(second)d both match the glossary entry "
                    "“%(name)s”."
                )
                % {
                    "file": source,
                    "first": claimed[current.id].line,
                    "second": draft.line,
                    "name": _entry_name(current),
                }
            )
        claimed[current.id] = draft
        new = draft.as_entry(current.id)
        if not new.code or not new.surnames or not new.cases:
            # A file without codes, surnames or case forms (a TBX, an older CSV) keeps the
            # entry's own: the curator wrote them in the project.
            new = GlossaryEntry(
                new.id,
                new.kind,
                new.terms,
                new.note,
                new.code or current.code,
                new.variants,
                new.forbidden,
                new.surnames or current.surnames,
                new.cases or current.cases,
            )
        (unchanged if _same(new, current) else replaced).append(new)
    return GlossaryImportPlan(added, replaced, unchanged)


def _entry_name(entry: GlossaryEntry) -> str:
    return next(iter(entry.terms.values()), entry.code)

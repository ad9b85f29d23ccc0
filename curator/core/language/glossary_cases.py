"""Grammatical case forms of glossary terms, and the case a ``=code:case=`` marker asks for.

Russian declines names: "в Ханое", "из Ханоя", "Хо Ши Мину". The glossary keeps, per entry
and language, the forms of the oblique cases a curator has written (genitive, dative,
accusative, instrumental, prepositional); the nominative is the rendering itself. A marker
names the case by an English or a Russian abbreviation (``=hn:gen=``, ``=hn:род=``,
``=hn:prep=``). Curator does not inflect names by rule: a wrong automatic form in a printed
catalogue is worse than a form the curator is asked to write once.
"""

from __future__ import annotations

from enum import StrEnum

from curator.core.model import GlossaryEntry
from curator.i18n import N_


class GrammaticalCase(StrEnum):
    """The six Russian cases; the value is the stored code and the marker's English name."""

    NOMINATIVE = "nom"
    GENITIVE = "gen"
    DATIVE = "dat"
    ACCUSATIVE = "acc"
    INSTRUMENTAL = "ins"
    PREPOSITIONAL = "pre"


#: The cases a glossary stores forms for (the nominative is the rendering).
OBLIQUE_CASES: tuple[GrammaticalCase, ...] = tuple(GrammaticalCase)[1:]

CASE_LABELS: dict[GrammaticalCase, str] = {
    GrammaticalCase.NOMINATIVE: N_("nominative"),
    GrammaticalCase.GENITIVE: N_("genitive"),
    GrammaticalCase.DATIVE: N_("dative"),
    GrammaticalCase.ACCUSATIVE: N_("accusative"),
    GrammaticalCase.INSTRUMENTAL: N_("instrumental"),
    GrammaticalCase.PREPOSITIONAL: N_("prepositional"),
}

#: Every name a marker may give a case by: the codes, longer English abbreviations and the
#: Russian school abbreviations (им., род., дат., вин., твор., предл.).
_ALIASES: dict[str, GrammaticalCase] = {
    **{case.value: case for case in GrammaticalCase},
    "nominative": GrammaticalCase.NOMINATIVE,
    "genitive": GrammaticalCase.GENITIVE,
    "dative": GrammaticalCase.DATIVE,
    "accusative": GrammaticalCase.ACCUSATIVE,
    "inst": GrammaticalCase.INSTRUMENTAL,
    "instr": GrammaticalCase.INSTRUMENTAL,
    "instrumental": GrammaticalCase.INSTRUMENTAL,
    "prep": GrammaticalCase.PREPOSITIONAL,
    "loc": GrammaticalCase.PREPOSITIONAL,
    "prepositional": GrammaticalCase.PREPOSITIONAL,
    "им": GrammaticalCase.NOMINATIVE,
    "род": GrammaticalCase.GENITIVE,
    "дат": GrammaticalCase.DATIVE,
    "вин": GrammaticalCase.ACCUSATIVE,
    "тв": GrammaticalCase.INSTRUMENTAL,
    "твор": GrammaticalCase.INSTRUMENTAL,
    "пр": GrammaticalCase.PREPOSITIONAL,
    "пред": GrammaticalCase.PREPOSITIONAL,
    "предл": GrammaticalCase.PREPOSITIONAL,
}


def case_named(name: str) -> GrammaticalCase | None:
    """The case a marker names (``gen``, ``Gen``, ``род``, ``prep``...); None when none."""
    return _ALIASES.get(name.strip().casefold())


def case_names_starting(prefix: str) -> list[GrammaticalCase]:
    """The cases whose names start with ``prefix`` (what a half-typed marker may become)."""
    folded = prefix.strip().casefold()
    found = [case for name, case in _ALIASES.items() if name.startswith(folded)]
    return [case for case in GrammaticalCase if case in found]


def case_form(entry: GlossaryEntry, language: str, case: GrammaticalCase) -> str | None:
    """The entry's form in ``case`` for ``language``.

    The nominative is the rendering. For another case: the form the glossary holds; when it
    holds no case forms at all for that language (Vietnamese and English do not decline,
    nor do many names), the rendering; when it holds some but not this one, None - the
    marker then stays as typed, so a missing form is seen rather than printed wrong.
    """
    rendering = entry.terms.get(language, "")
    if not rendering:
        return None
    if case is GrammaticalCase.NOMINATIVE:
        return rendering
    forms = entry.cases.get(language, {})
    if not forms:
        return rendering
    return forms.get(case.value)


def case_forms(entry: GlossaryEntry, language: str) -> list[tuple[GrammaticalCase, str]]:
    """Every form the glossary holds for ``language``: the rendering (nominative) first."""
    rendering = entry.terms.get(language, "")
    if not rendering:
        return []
    forms = entry.cases.get(language, {})
    return [(GrammaticalCase.NOMINATIVE, rendering)] + [
        (case, forms[case.value]) for case in OBLIQUE_CASES if forms.get(case.value)
    ]


def clean_cases(cases: dict[str, dict[str, str]] | None) -> dict[str, dict[str, str]]:
    """Case forms as stored: known oblique cases, one line each, empty ones dropped.

    Raises:
        ValueError: a case code that is not one of :data:`OBLIQUE_CASES`.
    """
    cleaned: dict[str, dict[str, str]] = {}
    for language, forms in (cases or {}).items():
        kept: dict[str, str] = {}
        for name, form in forms.items():
            case = case_named(name)
            if case is None or case is GrammaticalCase.NOMINATIVE:
                raise ValueError(name)
            text = " ".join(form.split())
            if text:
                kept[case.value] = text
        if kept:
            cleaned[language] = kept
    return cleaned

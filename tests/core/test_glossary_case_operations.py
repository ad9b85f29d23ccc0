"""A glossary entry's case forms written through the operations layer, and undone."""

from __future__ import annotations

import pytest

from curator.core.errors import NotFoundError, ReadOnlyProjectError, UsageError
from curator.core.language.glossary_cases import GrammaticalCase, case_form
from curator.core.model import GlossaryKind
from curator.core.operations import ChangeSet, RestoreGlossaryCases
from curator.core.services import ProjectService


def _hanoi(service: ProjectService) -> int:
    with service.store.transaction():
        entry = service.glossary.add(
            GlossaryKind.PLACE,
            {"vi": "Hà Nội", "ru": "Ханой", "en": "Hanoi"},
            code="hn",
            cases={"ru": {"gen": "Ханоя"}},
        )
    return entry.id


def test_case_forms_are_set_cleaned_and_undone(service: ProjectService) -> None:
    entry_id = _hanoi(service)
    changes = service.operations.records.set_glossary_cases(
        entry_id, {"ru": {"gen": " Ханоя ", "pre": "Ханое", "dat": ""}}
    )
    assert changes.glossary == {entry_id} and not changes.empty
    entry = service.queries.glossary_entry("hn")
    assert entry is not None
    assert entry.cases == {"ru": {"gen": "Ханоя", "pre": "Ханое"}}
    assert case_form(entry, "ru", GrammaticalCase.PREPOSITIONAL) == "Ханое"
    assert case_form(entry, "ru", GrammaticalCase.DATIVE) is None  # seen, not printed wrong
    assert isinstance(changes.undo, RestoreGlossaryCases)
    back = service.operations.undo(changes.undo)
    entry = service.queries.glossary_entry("hn")
    assert entry is not None and entry.cases == {"ru": {"gen": "Ханоя"}}
    assert back.undo is not None
    service.operations.undo(back.undo)  # redo
    entry = service.queries.glossary_entry("hn")
    assert entry is not None and entry.cases == {"ru": {"gen": "Ханоя", "pre": "Ханое"}}
    # The same forms again change nothing and leave nothing to undo.
    assert (
        service.operations.records.set_glossary_cases(
            entry_id, {"ru": {"gen": "Ханоя", "pre": "Ханое"}}
        )
        == ChangeSet()
    )


def test_bad_case_forms_are_refused_with_a_message(service: ProjectService) -> None:
    entry_id = _hanoi(service)
    with pytest.raises(NotFoundError, match="no entry"):
        service.operations.records.set_glossary_cases(entry_id + 99, {"ru": {"gen": "x"}})
    with pytest.raises(UsageError, match="not one of the project's languages"):
        service.operations.records.set_glossary_cases(entry_id, {"de": {"gen": "Hanois"}})
    with pytest.raises(UsageError, match="vocative"):
        service.operations.records.set_glossary_cases(entry_id, {"ru": {"vocative": "x"}})
    entry = service.queries.glossary_entry("hn")
    assert entry is not None and entry.cases == {"ru": {"gen": "Ханоя"}}


def test_a_read_only_project_keeps_its_case_forms(service: ProjectService, project_path) -> None:
    entry_id = _hanoi(service)
    service.close()
    with (
        ProjectService.open(project_path, read_only=True) as reader,
        pytest.raises(ReadOnlyProjectError),
    ):
        reader.operations.records.set_glossary_cases(entry_id, {})

"""Keyword operations: add, remove and rename keywords across the project, each one edit.

A keyword is one line of NFC text without ``,`` or ``;`` (other programs split on them).
Renaming merges: a photo that already has the new keyword keeps it once. Every write marks
the photos' keywords as the curator's, so a re-read of the originals no longer replaces them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from curator.core.errors import NotFoundError, UsageError
from curator.core.language.keywords import keyword_renderings
from curator.core.language.text import clean_line
from curator.core.operations.changes import ChangeSet, RestoreKeywords
from curator.core.operations.rules import require_photos
from curator.core.repositories.keywords import KeywordRepository
from curator.i18n import _

if TYPE_CHECKING:
    from curator.core.services import ProjectService

#: Characters a keyword may have (longer ones are sentences, not keywords).
MAX_KEYWORD_CHARS = 200


@dataclass(frozen=True, slots=True)
class KeywordUse:
    """One keyword: how many photos have it and its rendering per language (glossary)."""

    keyword: str
    photo_ids: tuple[str, ...]
    renderings: dict[str, str]

    def to_json(self) -> dict[str, object]:
        """As ``curator keywords PROJECT list --json`` prints it."""
        return {
            "keyword": self.keyword,
            "photos": len(self.photo_ids),
            "photo_ids": list(self.photo_ids),
            "renderings": dict(self.renderings),
        }


def clean_keyword(text: str) -> str:
    """``text`` as a keyword is stored, or a UsageError saying what is wrong with it."""
    keyword = " ".join(clean_line(text).split())
    if not keyword:
        raise UsageError(_("Type a keyword."))
    if "," in keyword or ";" in keyword:
        raise UsageError(
            _("A keyword cannot hold “,” or “;”: add each keyword on its own (“%(text)s”).")
            % {"text": keyword}
        )
    if len(keyword) > MAX_KEYWORD_CHARS:
        raise UsageError(
            _("A keyword has at most %(count)d characters.") % {"count": MAX_KEYWORD_CHARS}
        )
    return keyword


class KeywordOperations:
    """Reads and writes of the project's keywords."""

    def __init__(self, service: ProjectService) -> None:
        self._service = service

    @property
    def _repo(self) -> KeywordRepository:
        return KeywordRepository(self._service.store.conn)

    def uses(self) -> list[KeywordUse]:
        """Every keyword of the project, alphabetically (letter case aside)."""
        photos: dict[str, list[str]] = {}
        for photo_id, words in self._repo.all().items():
            for word in words:
                photos.setdefault(word, []).append(photo_id)
        glossary = self._service.glossary.all()
        languages = list(self._service.project.get().languages)
        return [
            KeywordUse(word, tuple(ids), keyword_renderings(word, glossary, languages))
            for word, ids in sorted(photos.items(), key=lambda item: (item[0].casefold(), item[0]))
        ]

    def of(self, photo_ids: Sequence[str]) -> dict[str, tuple[str, ...]]:
        """The keywords of these photos."""
        return self._repo.of(photo_ids)

    def add(self, keyword: str, photo_ids: Sequence[str]) -> ChangeSet:
        """Give these photos ``keyword`` (a photo having it, in any letter case, is left)."""
        word = clean_keyword(keyword)
        if not photo_ids:
            raise UsageError(_("Choose the photos to give the keyword to."))
        require_photos(self._service, list(photo_ids))
        with self._service.store.transaction():
            before = self._repo.of(photo_ids)
            after = {
                pid: words if word.casefold() in {w.casefold() for w in words} else (*words, word)
                for pid, words in before.items()
            }
            return self._write(before, after)

    def remove(self, keyword: str, photo_ids: Sequence[str] | None = None) -> ChangeSet:
        """Take ``keyword`` off these photos, or off every photo (None)."""
        word = clean_line(keyword)
        with self._service.store.transaction():
            before = self._holding(word, photo_ids)
            after = {pid: tuple(w for w in words if w != word) for pid, words in before.items()}
            return self._write(before, after)

    def rename(self, old: str, new: str) -> ChangeSet:
        """Call ``old`` ``new`` on every photo that has it (kept once where both are)."""
        word, renamed = clean_line(old), clean_keyword(new)
        with self._service.store.transaction():
            before = self._holding(word, None)
            after = {
                pid: tuple(dict.fromkeys(renamed if w == word else w for w in words))
                for pid, words in before.items()
            }
            return self._write(before, after)

    def restore(self, keywords: Sequence[tuple[str, tuple[str, ...]]]) -> ChangeSet:
        """Write exactly these keywords back (an undo or a redo), as one edit."""
        with self._service.store.transaction():
            before = self._repo.of(pid for pid, _words in keywords)
            return self._write(before, {pid: words for pid, words in keywords if pid in before})

    def _holding(self, word: str, photo_ids: Sequence[str] | None) -> dict[str, tuple[str, ...]]:
        if photo_ids is not None:
            require_photos(self._service, list(photo_ids))
            scope = self._repo.of(photo_ids)
        else:
            scope = self._repo.all()
        holding = {pid: words for pid, words in scope.items() if word in words}
        if not holding:
            raise NotFoundError(_("No photo has the keyword “%(keyword)s”.") % {"keyword": word})
        return holding

    def _write(
        self, before: dict[str, tuple[str, ...]], after: dict[str, tuple[str, ...]]
    ) -> ChangeSet:
        changed = [pid for pid in after if before[pid] != after[pid]]
        if not changed:
            return ChangeSet()
        self._repo.set_many((pid, after[pid]) for pid in changed)
        return ChangeSet(
            photos=frozenset(changed),
            keywords=True,
            undo=RestoreKeywords(tuple((pid, before[pid]) for pid in changed)),
        )

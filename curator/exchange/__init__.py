"""Files exchanged with translators and other tools: glossaries as CSV and TBX.

Import is two steps. Reading a file (:func:`read_glossary`) parses and checks all of it and
returns drafts, or raises :class:`~curator.core.errors.UsageError` naming the file and line;
:func:`~curator.core.language.glossary_rules.plan_import` matches the drafts with the glossary, and
:func:`apply_glossary_plan` writes the plan in one transaction. So a bad file changes
nothing. The format follows the file's suffix (``.csv``, ``.tbx``).
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from curator.core.errors import UsageError
from curator.core.language.collation import surname_words
from curator.core.language.glossary_import import GlossaryDraft, GlossaryImportPlan
from curator.core.language.languages import normalize_language
from curator.core.language.library_messages import reason as library_reason
from curator.core.model import GlossaryEntry
from curator.core.storage.atomic_write import write_atomically
from curator.core.storage.protected_files import ProtectedFiles
from curator.i18n import _

if TYPE_CHECKING:
    from curator.core.services import ProjectService

#: Larger files are refused before they are read.
MAX_FILE_BYTES = 50 * 1024 * 1024
#: Longer cells or terms are refused: no name or note is this long.
MAX_CELL_CHARS = 10_000
#: A glossary file with more entries is refused: no exhibition names that many things.
MAX_GLOSSARY_ENTRIES = 100_000

GLOSSARY_FORMATS = ("csv", "tbx")


def located(path: Path, line: int, problem: str) -> str:
    """A message naming the file and line a problem is on, and saying nothing was changed.

    Every such problem refuses the whole file before anything is written.
    """
    if line <= 0:
        return _("%(file)s: %(problem)s Nothing was changed.") % {
            "file": path,
            "problem": problem,
        }
    return _("%(file)s, line %(line)d: %(problem)s Nothing was changed.") % {
        "file": path,
        "line": line,
        "problem": problem,
    }


def glossary_format(path: Path) -> str:
    """``csv`` or ``tbx`` from the file's suffix.

    Raises:
        UsageError: any other suffix.
    """
    suffix = path.suffix.lower().lstrip(".")
    if suffix not in GLOSSARY_FORMATS:
        raise UsageError(
            _("%(file)s: unknown glossary format “%(suffix)s”; use a .csv or .tbx file.")
            % {"file": path, "suffix": path.suffix or "—"},
            path=path,
        )
    return suffix


def read_limited(path: Path) -> bytes:
    """The bytes of a file to import, refusing missing, special and oversized files.

    The file is opened without blocking and checked to be a regular file before a byte is
    read (a FIFO or ``/dev/zero`` named ``*.po`` would otherwise hang or fill memory); its
    size is checked before reading, and the read stops at the limit whatever ``stat`` said.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise _unreadable(path, error) from None
    with os.fdopen(descriptor, "rb") as handle:
        try:
            info = os.fstat(descriptor)
            if stat.S_ISDIR(info.st_mode):
                raise _unreadable(path, OSError(errno.EISDIR, os.strerror(errno.EISDIR)))
            if not stat.S_ISREG(info.st_mode):
                problem = _("this is not a regular file (a device, a pipe or a socket).")
                raise UsageError(located(path, 0, problem), path=path)
            if info.st_size > MAX_FILE_BYTES:
                raise _too_large(path, info.st_size)
            data = handle.read(MAX_FILE_BYTES + 1)
        except OSError as error:
            raise _unreadable(path, error) from None
    if len(data) > MAX_FILE_BYTES:
        raise _too_large(path, len(data))
    return data


def _too_large(path: Path, size: int) -> UsageError:
    return UsageError(
        _(
            "%(file)s is too large to import (%(size)d MB; the limit is %(limit)d MB). "
            "Nothing was changed."
        )
        % {"file": path, "size": size // 2**20, "limit": MAX_FILE_BYTES // 2**20},
        path=path,
    )


def _unreadable(path: Path, error: OSError) -> UsageError:
    return UsageError(
        _("%(file)s cannot be read: %(reason)s. Nothing was changed.")
        % {"file": path, "reason": library_reason(error)},
        path=path,
    )


def language_tag(tag: str, path: Path, line: int) -> str:
    """A checked language tag, or an error naming where the bad one is."""
    try:
        return normalize_language(tag)
    except UsageError as error:
        raise UsageError(located(path, line, error.message), path=path) from None


def check_draft(draft: GlossaryDraft, path: Path) -> None:
    """Refuse a draft without a rendering or whose forms contradict each other."""
    if not draft.terms:
        raise UsageError(
            located(path, draft.line, _("the entry has no rendering in any language.")),
            path=path,
        )
    for tag, forms in draft.forbidden.items():
        accepted = {
            draft.terms.get(tag, ""),
            *draft.variants.get(tag, ()),
            *draft.cases.get(tag, {}).values(),
        }
        for form in forms:
            if form in accepted:
                raise UsageError(
                    located(
                        path,
                        draft.line,
                        _("“%(form)s” (%(tag)s) is both accepted and forbidden.")
                        % {"form": form, "tag": tag},
                    ),
                    path=path,
                )
    _check_surnames(draft, path)


def _check_surnames(draft: GlossaryDraft, path: Path) -> None:
    for tag, surname in draft.surnames.items():
        if surname_words(draft.terms.get(tag, ""), surname) is None:
            raise UsageError(
                located(
                    path,
                    draft.line,
                    _("the surname “%(surname)s” (%(tag)s) is not a part of “%(name)s”.")
                    % {"surname": surname, "tag": tag, "name": draft.terms.get(tag, "")},
                ),
                path=path,
            )


def ordered_languages(
    entries: Sequence[GlossaryEntry], project_languages: Sequence[str]
) -> list[str]:
    """The project's languages in order, then any other language the entries use, sorted."""
    others: set[str] = set()
    for entry in entries:
        others.update(entry.terms, entry.variants, entry.forbidden, entry.surnames)
    return list(project_languages) + sorted(others - set(project_languages))


def read_glossary(path: Path) -> list[GlossaryDraft]:
    """Parse and check a glossary file (format from its suffix); nothing is changed."""
    kind = glossary_format(path)
    data = read_limited(path)
    from curator.exchange.inputs import binary_kind, refuse_kind

    what = binary_kind(data)
    if what is not None:
        raise refuse_kind(path, what, _("a glossary (CSV or TBX)"))
    if kind == "csv":
        from curator.exchange.glossary_csv import parse_glossary_csv

        return parse_glossary_csv(data, path)
    from curator.exchange.glossary_tbx import parse_glossary_tbx

    return parse_glossary_tbx(data, path)


def write_glossary(
    path: Path,
    entries: Sequence[GlossaryEntry],
    project_languages: Sequence[str],
    *,
    title: str = "",
    guard: ProtectedFiles | None = None,
) -> None:
    """Write the glossary to ``path`` (format from its suffix), replacing it whole.

    ``guard``: the files the open project protects (the window and the command line pass
    it); ``path`` may not be one of them.
    """
    kind = glossary_format(path)
    languages = ordered_languages(entries, project_languages)
    if kind == "csv":
        from curator.exchange.glossary_csv import glossary_csv_bytes

        data = glossary_csv_bytes(entries, languages)
    else:
        from curator.exchange.glossary_tbx import glossary_tbx_bytes

        data = glossary_tbx_bytes(entries, languages, title=title)
    write_atomically(path, data, guard=guard or ProtectedFiles.nothing())


def apply_glossary_plan(
    service: ProjectService, plan: GlossaryImportPlan, *, source: str = "", backup: bool = True
) -> None:
    """Write an import plan into the project, in one transaction (snapshot first).

    The operation ``service.operations.records.import_glossary``, which says what changed.
    """
    service.operations.records.import_glossary(plan, source=source, backup=backup)

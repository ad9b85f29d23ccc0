"""The readiness matrix: photos × languages × fields, counted by caption status.

It answers "how far are we?" for the whole exhibition and per section, from the same
counts in the window and in ``curator status``. A field never written counts as empty.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from curator.core.model import PRINTED_FIELDS, CaptionField, CaptionStatus
from curator.core.operations import CaptionChange
from curator.core.repositories.readiness import ReadinessRepository
from curator.core.services import ProjectService

Matrix = dict[str, dict[str, dict[str, int]]]  # language -> field -> status -> count


@dataclass(frozen=True, slots=True)
class Readiness:
    """Counts for one group of photos (the whole project, a section, or no section)."""

    photos: int
    matrix: Matrix

    def final_share(self, language: str | None = None) -> float:
        """The share of printed fields that are final (0..1), for one language or all.

        Alt text and extended description have their rows in the matrix but are not printed:
        a catalogue is ready without them.
        """
        total = final = 0
        printed = {f.value for f in PRINTED_FIELDS}
        for tag, fields in self.matrix.items():
            if language is not None and tag != language:
                continue
            for name, statuses in fields.items():
                if name not in printed:
                    continue
                total += sum(statuses.values())
                final += statuses.get(CaptionStatus.FINAL.value, 0)
        return final / total if total else 0.0


@dataclass(frozen=True, slots=True)
class SectionReadiness:
    """One section's readiness, in visit order."""

    section_id: str
    title: dict[str, str]
    readiness: Readiness


@dataclass(frozen=True, slots=True)
class ReadinessReport:
    """The whole project, each section, and the photos in no section."""

    languages: list[str]
    total: Readiness
    sections: list[SectionReadiness] = field(default_factory=list)
    unplaced: Readiness | None = None


def _empty_matrix(languages: list[str]) -> Matrix:
    return {
        tag: {f.value: {s.value: 0 for s in CaptionStatus} for f in CaptionField}
        for tag in languages
    }


def _readiness(
    languages: list[str], photos: int, counts: dict[tuple[str, str, str], int]
) -> Readiness:
    matrix = _empty_matrix(languages)
    if photos:
        for (language, field_name, status), count in counts.items():
            matrix[language][field_name][status] += count
    for fields in matrix.values():
        for statuses in fields.values():
            statuses[CaptionStatus.EMPTY.value] += photos - sum(statuses.values())
    return Readiness(photos, matrix)


def readiness(service: ProjectService, section_id: str | None = None) -> ReadinessReport:
    """Count caption statuses for the project (or one section), rolled up per section.

    Two grouped queries at any size (photos per section, statuses per section).
    """
    languages = list(service.project.get().languages)
    sections = service.exhibition.sections()
    if section_id is not None:
        sections = [s for s in sections if s.id == section_id]
    counter = ReadinessRepository(service.store.conn)
    photos = counter.photos_per_section()
    grouped: dict[str | None, dict[tuple[str, str, str], int]] = {}
    overall: dict[tuple[str, str, str], int] = {}
    for (group, language, field_name, status), count in counter.statuses_per_section(
        languages
    ).items():
        key = (language, field_name, status)
        grouped.setdefault(group, {})[key] = count
        overall[key] = overall.get(key, 0) + count
    rolled = [
        SectionReadiness(
            section.id,
            section.title,
            _readiness(languages, photos.get(section.id, 0), grouped.get(section.id, {})),
        )
        for section in sections
    ]
    if section_id is not None:
        total = rolled[0].readiness if rolled else Readiness(0, _empty_matrix(languages))
        return ReadinessReport(languages, total, rolled)
    unplaced = _readiness(languages, photos.get(None, 0), grouped.get(None, {}))
    return ReadinessReport(
        languages,
        _readiness(languages, sum(photos.values()), overall),
        rolled,
        unplaced if unplaced.photos else None,
    )


def reordered(report: ReadinessReport, section_ids: Sequence[str]) -> ReadinessReport:
    """The report with its sections in this order (after a move; counts unchanged)."""
    by_id = {item.section_id: item for item in report.sections}
    if set(by_id) != set(section_ids):
        raise ValueError("the sections differ")
    sections = [by_id[section_id] for section_id in section_ids]
    return ReadinessReport(report.languages, report.total, sections, report.unplaced)


def _shifted(group: Readiness, moves: list[tuple[str, str, str, str]]) -> Readiness:
    """``group`` with each (language, field, from status, to status) counted over."""
    matrix = {tag: {name: dict(counts) for name, counts in fields.items()}
              for tag, fields in group.matrix.items()}  # fmt: skip
    for language, field_name, old, new in moves:
        statuses = matrix[language][field_name]
        statuses[old] -= 1
        statuses[new] += 1
    return Readiness(group.photos, matrix)


def after_caption_changes(
    report: ReadinessReport,
    changes: Sequence[CaptionChange],
    section_of: Mapping[str, str],
) -> ReadinessReport:
    """The whole project's report once these caption changes are counted, without reading it.

    ``section_of`` maps a placed photo to its section (a photo missing from it is in no
    section). Changes in languages the report does not count are ignored.
    """
    moves: dict[str | None, list[tuple[str, str, str, str]]] = {}
    for change in changes:
        if change.language not in report.languages:
            continue
        if change.before.status == change.after.status:
            continue
        moves.setdefault(section_of.get(change.photo_id), []).append(
            (
                change.language,
                change.field.value,
                change.before.status.value,
                change.after.status.value,
            )
        )
    if not moves:
        return report
    every = [move for group in moves.values() for move in group]
    sections = [
        SectionReadiness(
            item.section_id, item.title, _shifted(item.readiness, moves[item.section_id])
        )
        if item.section_id in moves
        else item
        for item in report.sections
    ]
    unplaced = report.unplaced
    if unplaced is not None and None in moves:
        unplaced = _shifted(unplaced, moves[None])
    return ReadinessReport(report.languages, _shifted(report.total, every), sections, unplaced)

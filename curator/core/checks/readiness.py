"""The readiness matrix: photos × languages × fields, counted by caption status.

It answers "how far are we?" for the whole exhibition and per section, from the same
counts in the window and in ``curator status``. A field never written counts as empty.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from curator.core.model import CaptionField, CaptionStatus
from curator.core.services import ProjectService

Matrix = dict[str, dict[str, dict[str, int]]]  # language -> field -> status -> count


@dataclass(frozen=True, slots=True)
class Readiness:
    """Counts for one group of photos (the whole project, a section, or no section)."""

    photos: int
    matrix: Matrix

    def final_share(self, language: str | None = None) -> float:
        """The share of fields that are final (0..1), for one language or all."""
        total = final = 0
        for tag, fields in self.matrix.items():
            if language is not None and tag != language:
                continue
            for statuses in fields.values():
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


_ALL = ("", ())
_UNPLACED = (" AND photo_id NOT IN (SELECT photo_id FROM section_photo)", ())


def _in_section(section_id: str) -> tuple[str, tuple[str, ...]]:
    return (" AND photo_id IN (SELECT photo_id FROM section_photo WHERE section_id = ?)",
            (section_id,))  # fmt: skip


def _count(
    service: ProjectService, languages: list[str], scope: tuple[str, tuple[str, ...]]
) -> Readiness:
    """Counts for the photos that ``scope`` (an SQL condition on photo_id) selects."""
    condition, params = scope
    conn = service.store.conn
    photo_condition = condition.replace(" AND photo_id", " WHERE id", 1)
    photos = int(conn.execute(f"SELECT count(*) FROM photo{photo_condition}", params).fetchone()[0])
    matrix = _empty_matrix(languages)
    if photos and languages:
        marks = ", ".join("?" * len(languages))
        rows = conn.execute(
            "SELECT language, field, status, count(*) FROM caption"
            f" WHERE language IN ({marks}){condition} GROUP BY language, field, status",
            [*languages, *params],
        )
        for language, field_name, status, count in rows.fetchall():
            matrix[language][field_name][status] += int(count)
    for fields in matrix.values():
        for statuses in fields.values():
            statuses[CaptionStatus.EMPTY.value] += photos - sum(statuses.values())
    return Readiness(photos, matrix)


def readiness(service: ProjectService, section_id: str | None = None) -> ReadinessReport:
    """Count caption statuses for the project (or one section), rolled up per section."""
    languages = list(service.project.get().languages)
    sections = service.exhibition.sections()
    if section_id is not None:
        sections = [s for s in sections if s.id == section_id]
    rolled = [
        SectionReadiness(
            section.id, section.title, _count(service, languages, _in_section(section.id))
        )
        for section in sections
    ]
    if section_id is not None:
        total = rolled[0].readiness if rolled else Readiness(0, _empty_matrix(languages))
        return ReadinessReport(languages, total, rolled)
    unplaced = _count(service, languages, _UNPLACED)
    return ReadinessReport(
        languages,
        _count(service, languages, _ALL),
        rolled,
        unplaced if unplaced.photos else None,
    )

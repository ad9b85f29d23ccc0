"""What the approval proof shows: every photo, all its captions, their status and warnings.

The proof is the document both agencies sign: section by section in visit order, the
photos that will be printed (never a rejected one; with ``picks_only`` the picked ones),
then, in a part of their own titled so, the photos in no section (they are not printed);
each photo's thumbnail beside its caption fields in every language
with each field's status, then what the glossary check and preflight (panels, catalogue
and labels) found about that photo. Its own words (field names, statuses, headings) are in
the interface language; the captions are in theirs. The agencies named in the photos'
credits each get a box for their approver's initials and the date on every page.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from curator.core.checks.preflight import Finding, Severity, check
from curator.core.checks.print_scope import is_printable, printed_photos, unplaced_photos
from curator.core.language.languages import heading_name
from curator.core.language.localized import pick_language
from curator.core.layout.proof import (
    ProofContent,
    ProofField,
    ProofGeometry,
    ProofNote,
    ProofPhoto,
    ProofSection,
    proof_geometry,
)
from curator.core.layout.style import Product, TextMeasure
from curator.core.model import PRINTED_FIELDS, CaptionStatus, Photo
from curator.core.publishing.labels_service import resolve_languages
from curator.core.services import ProjectService
from curator.i18n import PSEUDO_LANGUAGE, _, current_language

#: At most this many approval boxes on a page (one per agency named in the credits).
MAX_APPROVERS = 3


def _notes(service: ProjectService, measure: TextMeasure) -> dict[str, list[ProofNote]]:
    notes: dict[str, list[ProofNote]] = {}
    seen: set[tuple[str, str]] = set()
    for finding in service.glossary_findings():
        key = (finding.photo_id, finding.message)
        if key not in seen:
            seen.add(key)
            notes.setdefault(finding.photo_id, []).append(
                ProofNote(False, "glossary", finding.message, finding.language)
            )
    preflight: list[Finding] = []
    for product in (Product.PANELS, Product.CATALOGUE, Product.LABELS):
        preflight += check(service, product, measure)
    for item in preflight:
        if item.photo_id is None or (item.photo_id, item.message) in seen:
            continue
        seen.add((item.photo_id, item.message))
        notes.setdefault(item.photo_id, []).append(
            ProofNote(item.severity is Severity.ERROR, "preflight", item.message, item.language)
        )
    return notes


def _approvers(service: ProjectService, language: str) -> tuple[str, ...]:
    agencies: dict[str, None] = {}
    for photo in service.photos.all():
        for credit in service.photos.credits(photo.id):
            agency = pick_language(credit.agency, language)
            if agency:
                agencies[agency.strip()] = None
    return tuple(agencies)[:MAX_APPROVERS]


def _in_order(service: ProjectService, picks_only: bool) -> Iterator[tuple[int, int, Photo]]:
    """The printed photos, then the photos in no section as section 0."""
    yield from printed_photos(service, picks_only)
    unplaced = [p for p in unplaced_photos(service) if is_printable(p, picks_only)]
    for index, photo in enumerate(unplaced, start=1):
        yield 0, index, photo


def proof_content(
    service: ProjectService,
    measure: TextMeasure,
    languages: Sequence[str] | None = None,
    picks_only: bool = False,
) -> ProofContent:
    """Read the proof's content from the project.

    Raises:
        UsageError: A language the project does not have.
    """
    chosen = resolve_languages(service, languages)
    notes = _notes(service, measure)
    titles = {s.id: s.title for s in service.exhibition.sections()}
    section_ids = [s.id for s in service.exhibition.sections()]
    grouped: dict[int, list[ProofPhoto]] = {}
    for number, index, photo in _in_order(service, picks_only):
        fields: dict[str, tuple[ProofField, ...]] = {}
        for language in chosen:
            row = []
            for caption_field in PRINTED_FIELDS:
                caption = service.captions.get(photo.id, language, caption_field)
                text = caption.text if caption is not None else ""
                status = caption.status if caption is not None and text else CaptionStatus.EMPTY
                row.append(ProofField(caption_field, text, status))
            fields[language] = tuple(row)
        thumbnail = service.media.thumbnail(photo.id)
        size = (thumbnail.width, thumbnail.height) if thumbnail else (photo.width, photo.height)
        reference = f"{number}.{index} · {photo.path.name} · {photo.id}"
        grouped.setdefault(number, []).append(
            ProofPhoto(photo.id, reference, size, fields, tuple(notes.get(photo.id, ())))
        )
    project = service.project.get()
    sections = []
    for number, photos in grouped.items():
        title = titles[section_ids[number - 1]] if number else {}
        if not number:
            title = {tag: _("Photos in no section (not printed)") for tag in chosen}
        sections.append(ProofSection(number, title, tuple(photos)))
    interface = current_language()
    names = {tag: heading_name(tag, "en" if interface == PSEUDO_LANGUAGE else interface)
             for tag in chosen}  # fmt: skip
    return ProofContent(
        project.title, chosen, tuple(sections), _approvers(service, chosen[0]), names
    )


def project_proof(
    service: ProjectService,
    measure: TextMeasure,
    languages: Sequence[str] | None = None,
    paper_mm: tuple[float, float] | None = None,
    picks_only: bool = False,
) -> tuple[ProofContent, ProofGeometry]:
    """The proof's content and pages (paper default A4, turned landscape)."""
    content = proof_content(service, measure, languages, picks_only)
    return content, proof_geometry(content, measure, paper_mm or (210.0, 297.0))

"""What the command line prints: aligned human text and the JSON of the contract (docs/cli.md).

JSON keys are English and values never translated; human text is in the interface language.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from typing import Any

from curator.cli.terminal import json_safe
from curator.core.model import CaptionStatus, PhotoFlag
from curator.core.operations import rules
from curator.core.services import ProjectInfo, ProjectService
from curator.i18n import _


def print_json(value: Any) -> None:
    """Machine output: UTF-8, NFC, nothing else on stdout."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    sys.stdout.write(json_safe(unicodedata.normalize("NFC", text)) + "\n")


def print_table(rows: list[tuple[str, str]]) -> None:
    """Label-value pairs with the values lined up."""
    width = max((len(label) for label, _value in rows), default=0)
    for label, value in rows:
        sys.stdout.write(f"{label + ':':<{width + 2}}{value}\n")


def info_json(info: ProjectInfo) -> dict[str, Any]:
    """``curator info --json``."""
    project = info.project
    counts = info.counts
    return {
        "path": info.location or str(info.path),
        "uid": project.uid,
        "title": project.title,
        "languages": list(project.languages),
        "source_language": project.source_language,
        "schema_version": project.schema_version,
        "writable": info.writable,
        "counts": {
            "photos": counts.photos,
            "captions": counts.captions_by_status,
            "sections": counts.sections,
            "panels": counts.panels,
            "slots": counts.slots,
            "glossary_entries": counts.glossary_entries,
        },
    }


def print_info(info: ProjectInfo) -> None:
    """``curator info`` for people."""
    project = info.project
    counts = info.counts
    languages = ", ".join(
        _("%(tag)s (source)") % {"tag": tag} if tag == project.source_language else tag
        for tag in project.languages
    )
    status_words = {
        CaptionStatus.FINAL.value: _("final"),
        CaptionStatus.NEEDS_REVIEW.value: _("needs review"),
        CaptionStatus.DRAFT.value: _("draft"),
        CaptionStatus.EMPTY.value: _("empty"),
    }
    captions = " · ".join(
        f"{status_words[status]} {counts.captions_by_status.get(status, 0)}"
        for status in status_words
    )
    rows = [
        (_("Title"), project.title),
        (_("File"), info.location or str(info.path)),
        (_("Languages"), languages),
        (_("Photos"), str(counts.photos)),
        (_("Caption fields"), captions),
        (_("Sections"), str(counts.sections)),
        (_("Panels"), str(counts.panels)),
        (_("Glossary entries"), str(counts.glossary_entries)),
        (_("Project format"), str(project.schema_version)),
    ]
    if not info.writable:
        rows.append((_("Access"), _("read-only")))
    print_table(rows)


def photos_json(
    service: ProjectService, section_id: str | None = None, only: set[str] | None = None
) -> list[dict[str, Any]]:
    """``curator photos --json``: one object per photo (fields fixed in docs/cli.md).

    With ``section_id``, only that section's photos, in visit order; with ``only``, only
    the photos whose ids it holds.
    """
    if section_id is None:
        photos = list(service.queries.all_photos())
    else:
        rules.require_section(service, section_id)
        photos = [
            service.queries.photo(pid) for pid in service.queries.section_photo_ids(section_id)
        ]
    if only is not None:
        photos = [photo for photo in photos if photo.id in only]
    result: list[dict[str, Any]] = []
    for photo in photos:
        captions: dict[str, dict[str, str]] = {}
        statuses: dict[str, dict[str, str]] = {}
        for caption in service.queries.captions_of(photo.id):
            statuses.setdefault(caption.language, {})[caption.field.value] = caption.status.value
            if caption.text:
                captions.setdefault(caption.language, {})[caption.field.value] = caption.text
        result.append(
            {
                "id": photo.id,
                "path": str(photo.path),
                "missing": not photo.path.is_file(),
                "sha256": photo.sha256,
                "width": photo.width,
                "height": photo.height,
                "orientation": photo.orientation,
                "captured_at": photo.captured_at.isoformat() if photo.captured_at else None,
                "camera": photo.camera,
                "lens": photo.lens,
                "exposure": {
                    "time": photo.exposure.time,
                    "f_number": photo.exposure.f_number,
                    "iso": photo.exposure.iso,
                    "focal_length": photo.exposure.focal_length,
                },
                "gps": {"lat": photo.gps.lat, "lon": photo.gps.lon} if photo.gps else None,
                "byline": photo.byline,
                "credit": photo.credit,
                "source": photo.source,
                "copyright": photo.copyright,
                "city": photo.city,
                "sublocation": photo.sublocation,
                "state": photo.state,
                "country": photo.country,
                "job_id": photo.job_id,
                "keywords": list(photo.keywords),
                # docs/cli.md: the XMP rating, -1 for a reject (as XMP writes it), else 0-5 or null.
                "rating": -1 if photo.flag is PhotoFlag.REJECT else photo.rating,
                "flag": photo.flag.value if photo.flag else None,
                "label": photo.label,
                "section_id": service.queries.section_of(photo.id),
                "captions": captions,
                "caption_status": statuses,
                "problems": [
                    {"code": problem.code, "message": problem.message}
                    for problem in service.queries.photo_problems(photo.id)
                ],
            }
        )
    return result

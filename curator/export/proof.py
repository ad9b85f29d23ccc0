"""The approval proof as a PDF: core's proof pages drawn, thumbnails from the project.

Thumbnails come from the project file itself (``service.media.thumbnail``), so the proof
can be made while the originals are offline; a photo without a stored thumbnail gets a
grey box saying so. Nothing stops the proof: its purpose is to show the warnings, and
every preflight finding about a photo is printed beside it.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from curator.core.layout import TextMeasure
from curator.core.layout.catalogue_model import PagePhoto, Tone
from curator.core.layout.proof import ProofPage
from curator.core.model import Photo
from curator.core.progress import ProgressCallback, no_progress
from curator.core.publishing.catalogue_service import organisers
from curator.core.publishing.proof_service import project_proof
from curator.core.services import ProjectService
from curator.export.colour import OutputProfile
from curator.export.doc_info import DocumentInfo
from curator.export.document import Document, guard_output, write_document
from curator.export.images import PreparedImage, prepare_image
from curator.export.pdf import PageFrame, draw_fills, draw_texts, fill_rect, pt, set_fill
from curator.export.pipeline import ImageJob, ImagePipeline
from curator.export.report import colour_line, write_lines
from curator.export.workers import worker_count
from curator.i18n import _

#: Thumbnails are small; the proof never downsamples them.
THUMB_PPI = 600


@dataclass
class ProofResult:
    """What the proof export wrote."""

    path: Path
    report_path: Path | None
    pages: int
    photos: int
    notes: int


class _ProofRenderer:
    """Draws the proof's pages; the thumbnails are prepared on every core ahead of them."""

    def __init__(
        self, thumbnails: Mapping[str, tuple[Photo, bytes]], pages: Sequence[ProofPage],
        profile: OutputProfile | None, workers: int,
    ) -> None:  # fmt: skip
        self.thumbnails = thumbnails
        self.profile = profile
        self._written = threading.Lock()
        jobs = (job for page in pages for placed in page.photos if (job := self._job(placed)))
        self.pipeline = ImagePipeline(jobs, self._prepare, workers)

    def _job(self, placed: PagePhoto) -> ImageJob | None:
        stored = self.thumbnails.get(placed.photo_id)
        return ImageJob(stored[0], placed.rect) if stored is not None else None

    def _prepare(self, job: ImageJob, workdir: Path) -> PreparedImage:
        source = workdir / f"thumb-{job.photo.id}.jpg"
        with self._written:  # two sizes of one photo may be prepared at once
            if not source.exists():
                source.write_bytes(self.thumbnails[job.photo.id][1])
        return prepare_image(source, job.rect, THUMB_PPI, workdir, profile=self.profile)

    def draw(self, canvas: Canvas, page: ProofPage, workdir: Path) -> None:
        frame = PageFrame(page.width_mm, page.height_mm, 0.0, False)
        draw_fills(canvas, frame, page.fills)
        for photo in page.photos:
            r = photo.rect
            job = self._job(photo)
            if job is None:
                set_fill(canvas, Tone.INVERSE_MUTED)
                fill_rect(canvas, frame, r)
                continue
            prepared = self.pipeline.take(job)
            canvas.drawImage(str(prepared.path), frame.x(r.x_mm), frame.y(r.bottom_mm),
                             pt(r.width_mm), pt(r.height_mm))  # fmt: skip
        draw_texts(canvas, frame, page.texts)


def export_proof(
    service: ProjectService,
    output: Path,
    measure: TextMeasure,
    languages: tuple[str, ...] | None = None,
    paper_mm: tuple[float, float] | None = None,
    on_progress: ProgressCallback = no_progress,
    cancel: threading.Event | None = None,
    *,
    report: bool = True,
    profile: OutputProfile | None = None,
    picks_only: bool = False,
    workers: int | None = None,
) -> ProofResult:
    """Write the approval proof to ``output``.

    ``workers`` thumbnails are prepared at once, ahead of the page that draws them (default:
    every usable core, as memory allows; :mod:`curator.export.pipeline`).

    Raises:
        ExportCancelledError: ``cancel`` was set.
        UsageError: An unknown language, or a project without photos.
        CuratorError: The output could not be written.
    """
    guard = guard_output(service, output)
    content, geometry = project_proof(service, measure, languages, paper_mm, picks_only)
    thumbnails = {}
    for section in content.sections:
        for photo in section.photos:
            stored = service.media.thumbnail(photo.photo_id)
            if stored is not None:
                thumbnails[photo.photo_id] = (service.photos.get(photo.photo_id), stored.jpeg)
    renderer = _ProofRenderer(thumbnails, geometry.pages, profile, worker_count(workers))
    title = _("Approval proof: %(title)s") % {"title": content.title}
    lead = content.languages[0]
    document = Document(
        pages=geometry.pages,
        frame=lambda page: PageFrame(page.width_mm, page.height_mm, 0.0, False),
        draw=renderer.draw,
        label=lambda page: _("Page %(page)d") % {"page": page.number},
        title=title,
        info=DocumentInfo(title, organisers(service, lead), _("Approval proof"), lead),
        background=renderer.pipeline.running,
    )
    output = write_document(document, output, on_progress, cancel, profile, guard=guard)
    photos = sum(len(section.photos) for section in content.sections)
    notes = sum(len(p.notes) for section in content.sections for p in section.photos)
    result = ProofResult(output, None, len(geometry.pages), photos, notes)
    if report:
        lines = [
            _("Approval proof: %(file)s") % {"file": output.name},
            _("Project: %(file)s") % {"file": service.path},
            _("Pages: %(count)d; photos: %(photos)d; notes beside them: %(notes)d")
            % {"count": result.pages, "photos": photos, "notes": notes},
            _("Languages, in order: %(languages)s") % {"languages": ", ".join(content.languages)},
            colour_line(profile),
        ]
        result.report_path = write_lines(output, lines, guard=guard)
    return result

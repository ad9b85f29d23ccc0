"""Writing a print PDF safely: pages drawn in chunks, joined, made PDF/X, renamed into place.

Every product (catalogue, panels, labels, proof) hands :func:`write_document` its pages, a
function that gives each page's :class:`~curator.export.pdf.PageFrame` and one that draws
it. reportlab keeps every image of a document in memory until it saves, so the pages are
drawn in chunks of ``chunk_pages`` into separate PDFs that pikepdf joins: the peak memory is
bounded by the chunk, not the document. The chunks share one subset per font face
(:mod:`curator.export.fonts`), and outside PDF/X each JPEG keeps its own colour profile
(:mod:`curator.export.icc`). With an output profile the joined file is made PDF/X-4
(:mod:`curator.export.pdfx`). The chunks are drawn in a hidden work folder beside the output
and the PDF takes its name through the one atomic writer (:mod:`curator.core.storage.atomic_write`),
which refuses a file the project protects: an interrupted export (error, Cancel, Ctrl-C)
leaves no half-written PDF, and what a killed one left is removed by the next export into
the folder.
"""

from __future__ import annotations

import contextlib
import errno
import os
import threading
from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

import pikepdf
from reportlab.pdfgen.canvas import Canvas

from curator.core.checks.preflight import Finding, Severity
from curator.core.errors import CancelledError, CuratorError, UsageError
from curator.core.progress import Progress, ProgressCallback, no_progress
from curator.core.services import ProjectService
from curator.core.storage.atomic_write import (
    atomic_output,
    output_error,
    sweep_leftovers,
    work_folder,
)
from curator.core.storage.protected_files import ProtectedFiles, protected_files
from curator.export.assets import fill_forms
from curator.export.colour import OutputProfile
from curator.export.doc_info import DocumentInfo, stamp_info
from curator.export.fonts import SharedSubsets, unify_subsets
from curator.export.icc import declare_embedded_profiles
from curator.export.pdf import PageFrame, new_canvas, set_page_frame
from curator.export.pdfx import make_pdfx
from curator.i18n import _

PageT = TypeVar("PageT")

#: Pages per chunk (see the module's note).
CHUNK_PAGES = 12


class PreflightFailedError(CuratorError):
    """Preflight found errors: nothing was exported (exit 2)."""

    exit_code = 2

    def __init__(self, findings: Sequence[Finding], message: str | None = None) -> None:
        """``message`` says what was not exported, with ``%(count)d`` for the errors."""
        errors = [f for f in findings if f.severity is Severity.ERROR]
        if message is None:
            message = _("Preflight found %(count)d errors; the catalogue was not exported.")
        super().__init__(message % {"count": len(errors)})
        self.findings = list(findings)


class ExportCancelledError(CancelledError):
    """The user cancelled; nothing was written (a cancelled preflight is one too)."""

    exit_code = 130


@dataclass(frozen=True)
class Document(Generic[PageT]):
    """What to draw: the pages, each page's frame, and how to draw one.

    ``draw(canvas, page, workdir)`` draws the page and does not call ``showPage``;
    ``workdir`` is a temporary folder beside the output for prepared images. ``forms``
    are PDF files put in place of the named empty forms a page drew
    (:func:`curator.export.assets.fill_forms`).
    """

    pages: Sequence[PageT]
    frame: Callable[[PageT], PageFrame]
    draw: Callable[[Canvas, PageT, Path], None]
    label: Callable[[PageT], str]
    title: str
    forms: Mapping[str, bytes] = field(default_factory=dict)
    #: Author, subject and language for the Info dictionary and XMP (default: the title).
    info: DocumentInfo | None = None
    #: Work that runs beside the drawing, given the work folder: entered before the first
    #: page and left after the last (the photos prepared ahead, :mod:`.pipeline`).
    background: Callable[[Path], AbstractContextManager[object]] | None = None


def check_output(output: Path) -> Path:
    """The absolute path to write; its folder must exist.

    Raises:
        CuratorError: The folder does not exist.
    """
    output = output.expanduser().absolute()
    if not output.parent.is_dir():  # missing, or a file: the writer's message says which
        missing = errno.ENOTDIR if output.parent.exists() else errno.ENOENT
        raise output_error(output, OSError(missing, os.strerror(missing)))
    return output


def guard_output(service: ProjectService, output: Path) -> ProtectedFiles:
    """The files the project protects, once ``output`` and its report are checked against them.

    Exporters call it first, so a refused target costs no layout and no drawing.

    Raises:
        ProtectedFileError: ``output`` (or its report's name) is a file the project protects.
        CuratorError: ``output``'s folder does not exist.
    """
    guard = protected_files(service)
    output = check_output(output)
    guard.check(output)
    guard.check(output.with_name(f"{output.stem}.report.txt"))
    return guard


def write_document(
    document: Document[PageT],
    output: Path,
    on_progress: ProgressCallback = no_progress,
    cancel: threading.Event | None = None,
    profile: OutputProfile | None = None,
    chunk_pages: int = CHUNK_PAGES,
    *,
    guard: ProtectedFiles,
    workdir: Path | None = None,
    check: Callable[[], object] | None = None,
) -> Path:
    """Draw ``document`` into ``output`` (replaced only when everything succeeded).

    ``guard`` holds the files the project protects: ``output`` may not be one of them.
    ``workdir`` is the caller's work folder beside ``output`` (from
    :func:`~curator.core.storage.atomic_write.work_folder`, which the caller removes), so that one
    export leaves at most one; None makes one for the drawing.

    ``check`` (preflight) runs on the calling thread while the pages are drawn into the work
    folder on a thread of their own; nothing is joined or written unless it returns, and
    what it raises stops the drawing and is raised (before any error of the drawing,
    which a failed check explains). ``on_progress`` hears of pages only once it passed.

    Raises:
        ProtectedFileError: ``output`` is a file the project protects; nothing was drawn.
        ExportCancelledError: ``cancel`` was set; nothing was written.
        CuratorError: The output (or what a page draws) could not be read or written.
    """
    output = check_output(output)
    guard.check(output)
    if not document.pages:
        raise UsageError(_("There is nothing to export."))
    sweep_leftovers(output.parent)
    try:
        given = contextlib.nullcontext(workdir) if workdir is not None else None
        with given or work_folder(output) as workdir:
            joined = workdir / "joined.pdf"
            beside = document.background or (lambda _folder: contextlib.nullcontext())
            with beside(workdir):
                if check is None:
                    chunks = _draw_chunks(document, workdir, on_progress, cancel, chunk_pages)
                else:
                    chunks = _draw_beside(document, workdir, on_progress, cancel, chunk_pages,
                                          check)  # fmt: skip
            info = document.info or DocumentInfo(document.title)
            _join(chunks, joined, document, info, keep_profiles=profile is None)
            with atomic_output(output, guard=guard, sweep=False) as temporary:
                if profile is not None:
                    make_pdfx(joined, temporary, profile, document.title, info=info)
                else:
                    joined.replace(temporary)
    except OSError as error:
        raise output_error(output, error) from error
    return output


def _draw_chunks(
    document: Document[PageT],
    workdir: Path,
    on_progress: ProgressCallback,
    cancel: threading.Event | None,
    chunk_pages: int,
) -> list[Path]:
    pages = document.pages
    total = len(pages)
    paths = []
    done = 0
    size = max(chunk_pages, 1)
    shared = SharedSubsets()
    for index, start in enumerate(range(0, total, size)):
        path = workdir / f"chunk-{index:04d}.pdf"
        chunk = pages[start : start + size]
        canvas = new_canvas(path, document.frame(chunk[0]), document.title)
        shared.seed(canvas)
        for page in chunk:
            if cancel is not None and cancel.is_set():
                raise ExportCancelledError(_("The export was cancelled."))
            set_page_frame(canvas, document.frame(page))
            document.draw(canvas, page, workdir)
            canvas.showPage()
            done += 1
            on_progress(Progress(done, total, document.label(page)))
        shared.capture(canvas)
        canvas.save()
        del canvas
        paths.append(path)
    return paths


class _Stop(threading.Event):
    """Set by the export itself, or by the user's ``cancel``."""

    def __init__(self, cancel: threading.Event | None) -> None:
        super().__init__()
        self._cancel = cancel

    def is_set(self) -> bool:
        return super().is_set() or (self._cancel is not None and self._cancel.is_set())


class _HeldProgress:
    """Progress kept back until :meth:`release`, then passed on as it comes.

    Every report held back is passed on at the release, in order: a finished export has
    reported each of its pages, whichever came first, the pages or the check.
    """

    def __init__(self, on_progress: ProgressCallback) -> None:
        self._on_progress = on_progress
        self._lock = threading.Lock()
        self._released = False
        self._held: list[Progress] = []

    def __call__(self, progress: Progress) -> None:
        with self._lock:
            if not self._released:
                self._held.append(progress)
                return
            self._on_progress(progress)

    def release(self) -> None:
        with self._lock:
            self._released = True
            held, self._held = self._held, []
            for progress in held:
                self._on_progress(progress)


def _draw_beside(
    document: Document[PageT],
    workdir: Path,
    on_progress: ProgressCallback,
    cancel: threading.Event | None,
    chunk_pages: int,
    check: Callable[[], object],
) -> list[Path]:
    """The chunks drawn on a thread of their own while ``check`` runs here."""
    stop = _Stop(cancel)
    held = _HeldProgress(on_progress)
    chunks: list[Path] = []
    failed: list[BaseException] = []

    def draw() -> None:
        try:
            chunks.extend(_draw_chunks(document, workdir, held, stop, chunk_pages))
        except BaseException as error:  # raised on the calling thread
            failed.append(error)

    drawing = threading.Thread(target=draw, name="curator-pages", daemon=True)
    drawing.start()
    try:
        check()
        held.release()  # the pages drawn so far, then each as it comes
        drawing.join()
    except BaseException:  # the check failed, or Ctrl-C: the drawing stops at its next page
        stop.set()
        drawing.join()
        raise
    if failed:
        raise failed[0]
    return chunks


def _join(
    paths: Sequence[Path],
    output: Path,
    document: Document[PageT],
    info: DocumentInfo,
    *,
    keep_profiles: bool,
) -> None:
    """Join the chunks: one font subset per face, PDF images in place, photos' profiles.

    The Info dictionary and XMP are written from ``info``.
    """
    with pikepdf.Pdf.new() as joined, contextlib.ExitStack() as stack:
        version = "1.4"
        for path in paths:
            source = stack.enter_context(pikepdf.Pdf.open(path))
            joined.pages.extend(source.pages)
            version = max(version, source.pdf_version)
        fill_forms(joined, document.forms)
        unify_subsets(joined)
        if keep_profiles:
            version = max(version, declare_embedded_profiles(joined))
        stamp_info(joined, info)
        joined.save(output, deterministic_id=True, min_version=version)

"""``deliver``: captioned copies of the project's photos in a folder, each one verified.

For each photo of the plan (:func:`curator.core.delivery_planning.plan.plan_delivery`): read the
original (never written to), resize it if asked, write the plan's metadata into the copy,
write the copy under a temporary name, read it back with Curator's reader and compare, then
give it its name. A problem with one photo (its original missing, a format exiv2 cannot
write, a difference found on reading back) is reported for that photo and the delivery
goes on; a problem with the target folder (read-only, full) stops it. Cancelling stops
between two photos; what was delivered stays, whole.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from curator.core.delivery_planning.plan import DeliveryItem, plan_delivery
from curator.core.delivery_planning.settings import DeliveryOptions
from curator.core.language.library_messages import reason as library_reason
from curator.core.progress import Progress, ProgressCallback, never_cancelled, no_progress
from curator.core.services import ProjectService
from curator.core.settings.provenance_specs import provenance_settings
from curator.core.storage.atomic_write import OutputExistsError, output_error, write_atomically
from curator.core.storage.protected_files import ProtectedFileError, ProtectedFiles, protected_files
from curator.decode.files import SpecialFileError, open_regular
from curator.deliver.exiv2 import Exiv2Error
from curator.deliver.files import TargetError, prepare_folder
from curator.deliver.metadata_writer import write_metadata
from curator.deliver.provenance import (
    INVALIDATED,
    RESIGNED,
    SIDECAR,
    Signing,
    SigningError,
    invalidated_message,
    load_signing,
    resign,
    sidecar_packet,
    sidecar_path,
)
from curator.deliver.resize import ResizeError, resize_copy
from curator.deliver.sidecar import verify_credentials, verify_sidecar
from curator.deliver.tiff_pages import tiff_pages
from curator.deliver.verify import verify_copy
from curator.i18n import _
from curator.ingest.content_credentials import check_credentials, has_manifest
from curator.ingest.metadata.containers import read_blocks
from curator.ingest.metadata.iptc import iim_codec

WRITTEN = "written"
MISMATCH = "mismatch"
FAILED = "failed"
_KINDS = ("jpeg", "png", "tiff")


@dataclass(frozen=True, slots=True)
class Issue:
    """A problem with one delivered photo: a stable English code, a translated message.

    Codes: ``missing-original``, ``special-file`` (the original is now a FIFO, a device or
    a socket), ``unsupported-format``, ``cannot-write``, ``pages-lost`` (a multi-page TIFF
    whose copy would keep its first pages only), ``original``
    (the copy would replace an original or a file of the project), ``exists`` (a file took
    the name while the copy was written; it was left as it is), ``target`` (the folder
    refused it),
    ``verify-mismatch``.
    """

    code: str
    message: str


@dataclass(slots=True)
class DeliveredFile:
    """What became of one photo.

    ``status`` is written, mismatch (written, but reading it back found differences, listed
    in ``problems``) or failed (no file).
    """

    item: DeliveryItem
    path: Path
    status: str = FAILED
    replaced: bool = False
    resized: tuple[int, int] | None = None
    iim: bool = False
    problems: list[Issue] = field(default_factory=list)
    #: What became of the original's Content Credentials (None: it had none).
    c2pa: str | None = None
    sidecar: Path | None = None

    def to_json(self) -> dict[str, Any]:
        """The ``files`` entry of ``curator deliver --json``."""
        item = self.item
        return {
            "photo_id": item.photo.id,
            "source": str(item.photo.path),
            "path": str(self.path) if self.status != FAILED else None,
            "name": item.name,
            "section": item.section,
            "section_id": item.section_id,
            "order": item.order,
            "status": self.status,
            "replaced": self.replaced,
            "resized": {"width": self.resized[0], "height": self.resized[1]}
            if self.resized
            else None,
            "iim": self.iim,
            "iim_cut": list(item.metadata.iim_cut) if self.iim else [],
            "notes": list(item.metadata.notes),
            "problems": [{"code": p.code, "message": p.message} for p in self.problems],
            "c2pa": self.c2pa,
            "sidecar": str(self.sidecar) if self.sidecar else None,
        }


@dataclass(slots=True)
class DeliveryReport:
    """The outcome of a delivery; ``stopped`` says why it stopped early, if it did."""

    folder: Path
    options: DeliveryOptions
    files: list[DeliveredFile] = field(default_factory=list)
    total: int = 0
    cancelled: bool = False
    stopped: str | None = None
    replace: bool = False
    sidecar: bool = False

    def count(self, status: str) -> int:
        """How many photos ended with ``status``."""
        return sum(1 for delivered in self.files if delivered.status == status)

    def to_json(self) -> dict[str, Any]:
        """``curator deliver --json``."""
        return {
            "folder": str(self.folder),
            **self.options.to_dict(),
            "replace": self.replace,
            "sidecar": self.sidecar,
            "total": self.total,
            "written": self.count(WRITTEN),
            "mismatch": self.count(MISMATCH),
            "failed": self.count(FAILED),
            "cancelled": self.cancelled,
            "stopped": self.stopped,
            "files": [delivered.to_json() for delivered in self.files],
        }


def deliver(
    service: ProjectService,
    folder: Path,
    options: DeliveryOptions,
    section_id: str | None = None,
    on_progress: ProgressCallback = no_progress,
    cancel: threading.Event | None = None,
    *,
    replace: bool = False,
    sidecar: bool = False,
) -> DeliveryReport:
    """Deliver the project's photos (or one section's) into ``folder``.

    A name already in the folder is never reused: the copy takes ``NAME-2`` (then ``-3``…),
    unless ``replace`` asks to replace earlier copies. Whatever ``replace`` says, a copy
    never takes the name of a file the project protects (an original, the project). A photo
    carrying Content Credentials is re-signed, delivered with a sidecar (``sidecar``) or
    reported (:mod:`curator.deliver.provenance`).

    Raises:
        ProtectedFileError: ``folder`` is (or lies in) the project's backups folder.
        TargetError: the folder cannot be created (nothing was written).
        UsageError: an unknown section; a signing certificate or key that cannot be used.
    """
    cancel = cancel or never_cancelled()
    signing = load_signing(provenance_settings(service))
    guard = protected_files(service)
    guard.check(folder.expanduser().absolute())
    folder = prepare_folder(folder)
    items = plan_delivery(service, options, section_id, _taken(folder, guard, replace))
    report = DeliveryReport(folder, options, total=len(items), replace=replace, sidecar=sidecar)
    on_progress(Progress(0, len(items), _("Delivering")))
    for done, item in enumerate(items, start=1):
        if cancel.is_set():
            report.cancelled = True
            break
        try:
            delivered = deliver_one(
                item, folder, options, guard, replace=replace, signing=signing, sidecar=sidecar
            )
        except TargetError as error:
            report.stopped = error.message
            report.files.append(
                DeliveredFile(item, folder / item.name, problems=[Issue("target", error.message)])
            )
            break
        report.files.append(delivered)
        on_progress(Progress(done, len(items), item.name, (item.name,)))
    return report


def _taken(folder: Path, guard: ProtectedFiles, replace: bool) -> list[str]:
    """The names copies may not take: every name in the folder, or the protected ones."""
    try:
        names = [entry.name for entry in os.scandir(folder)]
    except OSError as error:
        raise output_error(folder / ".", error) from error
    if replace:
        return [name for name in names if guard.refusal(folder / name) is not None]
    return names


def deliver_one(
    item: DeliveryItem,
    folder: Path,
    options: DeliveryOptions,
    guard: ProtectedFiles,
    *,
    replace: bool = False,
    signing: Signing | None = None,
    sidecar: bool = False,
) -> DeliveredFile:
    """Deliver one photo; problems with it are in the result, a folder problem raises.

    ``signing`` re-signs a photo that carries Content Credentials; without it, ``sidecar``
    delivers such a photo untouched with an XMP sidecar, else it is reported.

    Raises:
        TargetError: the folder cannot take the file.
    """
    target = folder / item.name
    result = DeliveredFile(item, target)
    source = item.photo.path
    refusal = guard.refusal(target)
    if refusal is not None:
        result.problems.append(Issue("original", refusal))
        return result
    try:
        # Never by its path alone: an original swapped for a FIFO or a device since the
        # plan would block the whole delivery (or never end).
        with open_regular(source) as handle:
            data = handle.read()
    except SpecialFileError as error:
        result.problems.append(_special(source, error))
        return result
    except OSError as error:
        result.problems.append(_missing(source, error))
        return result
    blocks = read_blocks(source)
    if blocks.kind not in _KINDS:
        result.problems.append(
            Issue(
                "unsupported-format",
                _("%(path)s: Curator delivers JPEG, TIFF and PNG files only.") % {"path": source},
            )
        )
        return result
    original = data
    credential = check_credentials(original) if has_manifest(original) else None
    if credential is not None and signing is None and sidecar:
        return _deliver_beside(result, original, guard, replace=replace)
    try:
        if options.long_edge:
            resized = resize_copy(data, options.long_edge)
            if resized is not None:
                data, result.resized = resized.data, (resized.width, resized.height)
        written = write_metadata(
            data, item.metadata, had_iim=bool(blocks.iptc), iim_codec=iim_codec(blocks)
        )
        output = written.data
        if tiff_pages(output) < tiff_pages(data):  # exiv2 keeps a TIFF's first pages only
            result.problems.append(_pages_lost(source, tiff_pages(data), tiff_pages(output)))
            return result
        if credential is not None and signing is not None:
            output = resign(
                original, output, blocks.kind, signing, item.name, result.resized is not None
            )
            result.c2pa = RESIGNED
    except (Exiv2Error, ResizeError, SigningError) as error:
        result.problems.append(_cannot_write(source, error))
        return result
    if credential is not None and result.c2pa is None:
        result.c2pa = INVALIDATED
        result.problems.append(
            Issue("c2pa-invalidated", invalidated_message(source, credential.signer))
        )
    result.iim = written.iim_written
    result.replaced = target.exists()
    differences: list[str] = []

    def check(path: Path) -> None:
        differences.extend(verify_copy(path, item.metadata, written.iim_written))
        if result.c2pa == RESIGNED:
            differences.extend(verify_credentials(path))

    try:
        write_atomically(target, output, guard=guard, check=check, replace=replace, sweep=False)
    except (ProtectedFileError, OutputExistsError) as error:
        result.problems.append(
            Issue("original" if isinstance(error, ProtectedFileError) else "exists", error.message)
        )
        result.replaced = False
        return result
    result.problems.extend(Issue("verify-mismatch", text) for text in differences)
    result.status = MISMATCH if differences else WRITTEN
    return result


def _deliver_beside(
    result: DeliveredFile, original: bytes, guard: ProtectedFiles, *, replace: bool
) -> DeliveredFile:
    """A signed photo as it is, its metadata in an XMP sidecar: the credential still holds."""
    item, target = result.item, result.path
    try:
        packet = sidecar_packet(
            write_metadata(original, item.metadata, had_iim=False, iim_codec=None).data
        )
    except Exiv2Error as error:
        result.problems.append(_cannot_write(item.photo.path, error))
        return result
    beside = sidecar_path(target)
    result.replaced = target.exists()
    differences: list[str] = []
    try:
        write_atomically(
            target,
            original,
            guard=guard,
            check=lambda path: differences.extend(verify_credentials(path)),
            replace=replace,
            sweep=False,
        )
        write_atomically(
            beside,
            packet,
            guard=guard,
            check=lambda path: differences.extend(verify_sidecar(path, item.metadata)),
            replace=replace,
            sweep=False,
        )
    except (ProtectedFileError, OutputExistsError) as error:
        code = "original" if isinstance(error, ProtectedFileError) else "exists"
        result.problems.append(Issue(code, error.message))
        return result
    result.c2pa, result.sidecar = SIDECAR, beside
    result.problems.extend(Issue("verify-mismatch", text) for text in differences)
    result.status = MISMATCH if differences else WRITTEN
    return result


def _missing(source: Path, error: OSError) -> Issue:
    return Issue(
        "missing-original",
        _("The original %(path)s cannot be read: %(reason)s")
        % {"path": source, "reason": library_reason(error)},
    )


def _special(source: Path, error: SpecialFileError) -> Issue:
    return Issue(
        "special-file",
        _("The original %(path)s is not a regular file (%(kind)s); it was not read.")
        % {"path": source, "kind": error.kind},
    )


def _pages_lost(source: Path, pages: int, kept: int) -> Issue:
    message = _(
        "%(path)s has %(pages)d pages and its copy would keep only %(kept)d, so it was not "
        "written: Curator delivers a TIFF's pages all together or not at all."
    )
    return Issue("pages-lost", message % {"path": source, "pages": pages, "kept": kept})


def _cannot_write(source: Path, error: Exception) -> Issue:
    return Issue(
        "cannot-write",
        _("%(path)s: the copy's metadata cannot be written: %(reason)s")
        % {"path": source, "reason": library_reason(error)},
    )

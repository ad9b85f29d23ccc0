"""The bundled demo exhibition, written into a folder the user names.

``resources/demo/demo.json`` holds the captions, credits, sections and glossary in vi, ru and
en; ``resources/demo/photos/`` the images (made for Curator, CC0). The project is built in a
temporary file and renamed into place only when complete, so an interrupted run never
leaves a demo that looks finished.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

from curator.core.errors import CuratorError, ProjectOpenError, UsageError
from curator.core.language.glossary_import import GlossaryDraft
from curator.core.language.library_messages import reason as library_reason
from curator.core.model import CaptionField, CaptionStatus, CreditRole, GlossaryKind
from curator.core.operations import CaptionEdit
from curator.core.operations.credits import CreditDraft
from curator.core.publishing.catalogue_texts import AssetRole
from curator.core.services import ProjectService
from curator.core.storage.atomic_write import atomic_output, write_atomically
from curator.core.storage.protected_files import ProtectedFiles
from curator.core.storage.store import check_project_file
from curator.demo_hall import build_demo_hall
from curator.demo_visit import build_demo_route
from curator.i18n import _
from curator.ingest.importer import ImportOptions, import_paths
from curator.resources import resource

DEMO_PROJECT_NAME = "vietnam-russia-demo.curator"


def _fill(service: ProjectService, spec: dict[str, Any], photos_dir: Path) -> None:
    """Write the demo's sections, photos, texts and glossary, each step an operation.

    No transaction spans the steps: the project is a temporary file until it is complete
    (see :func:`write_demo`), so a step that fails leaves no demo behind.
    """
    operations = service.operations
    section_ids: dict[str, str] = {}
    for section in spec["sections"]:
        created, _changes = operations.sections.add(section["title"], section.get("intro", {}))
        section_ids[section["key"]] = created.id
    report = import_paths(
        service, [photos_dir / entry["file"] for entry in spec["photos"]], ImportOptions(workers=1)
    )
    if report.refused:
        path, problem = report.refused[0]
        raise CuratorError(f"{path}: {problem.message}")
    by_name = {photo.path.name: photo.id for photo in service.queries.all_photos()}
    edits: list[CaptionEdit] = []
    credits: list[CreditDraft] = []
    placed: dict[str, list[str]] = {}
    for entry in spec["photos"]:
        photo_id = by_name[entry["file"]]
        statuses = entry.get("status", {})
        for language, fields in entry.get("captions", {}).items():
            for field_name, text in fields.items():
                status = CaptionStatus(statuses.get(language, "draft")) if text else None
                # The curated text replaces what the file's XMP said.
                edits.append(
                    CaptionEdit(photo_id, language, CaptionField(field_name), text, status)
                )
        credit = entry.get("credit")
        if credit:
            credits.append(
                CreditDraft(
                    photo_id,
                    credit.get("photographer", {}),
                    credit.get("agency", {}),
                    CreditRole(credit.get("role", "photo")),
                )
            )
        if entry.get("section") in section_ids:
            placed.setdefault(section_ids[entry["section"]], []).append(photo_id)
    operations.captions.set(edits)
    # After the captions: the credit fields the demo wrote stay as written.
    operations.credits.add(credits)
    for section_id, photo_ids in placed.items():
        operations.sections.assign(section_id, photo_ids)
    # The catalogue's own texts in every language, its organisers' logos and a signature.
    texts = {"title": spec["title"], "foreword": spec.get("foreword", {})}
    texts.update(spec.get("catalogue", {}))
    operations.catalogue.set_texts(
        [(key, tag, text) for key, values in texts.items() for tag, text in values.items()]
    )
    images = spec.get("catalogue_images", {})
    for name in images.get("logos", []):
        data = resource("demo", name).read_bytes()
        operations.catalogue.add_image(AssetRole.LOGO, Path(name).name, data)
    if images.get("signature"):
        name = images["signature"]
        data = resource("demo", name).read_bytes()
        operations.catalogue.add_image(AssetRole.SIGNATURE, Path(name).name, data)
    operations.records.add_glossary_entries(
        [
            GlossaryDraft(
                GlossaryKind(item["kind"]),
                item["terms"],
                item.get("note", ""),
                code=item.get("code", ""),
            )
            for item in spec.get("glossary", [])
        ]
    )


def _copy_photo(source: Path, target: Path) -> bool:
    """Copy one demo photo (True: written now); a different file there is never replaced.

    Raises:
        UsageError: ``target`` holds another file (a person's photo, say).
    """
    data = source.read_bytes()
    if target.exists() or target.is_symlink():
        if target.is_file() and target.read_bytes() == data:
            return False  # left by an earlier demo
        raise UsageError(
            _(
                "%(file)s already exists and is not the demo's photo; write the demo into "
                "an empty folder."
            )
            % {"file": target},
            path=target,
        )
    write_atomically(target, data, guard=ProtectedFiles.nothing(), replace=False)
    return True


def _new_folders(folder: Path) -> list[Path]:
    """The folders ``folder.mkdir(parents=True)`` would make, deepest first."""
    made = []
    while not folder.exists() and folder.parent != folder:
        made.append(folder)
        folder = folder.parent
    return made


def _take_back(written: list[Path], folders: list[Path]) -> None:
    """Remove the photos and the (then empty) folders a failed demo wrote; nothing else."""
    for path in written:
        with contextlib.suppress(OSError):
            path.unlink()
    for folder in folders:
        with contextlib.suppress(OSError):
            folder.rmdir()  # only when empty: a person's file keeps its folder


def write_demo(directory: Path, *, hall: bool = False) -> tuple[Path, bool]:
    """Write the demo into ``directory``; returns ``(project path, created)``.

    With ``hall`` (``curator demo`` and the window's demo) its sections are laid out into
    panels and hung in a hall (:func:`curator.demo_hall.build_demo_hall`); without, the
    photos stay in sections with no panels yet, as the tests built on it expect.

    When the folder already holds the demo project it is left untouched (the user may have
    worked in it) and ``created`` is false.
    """
    directory = directory.expanduser().absolute()
    target = directory / DEMO_PROJECT_NAME
    if target.exists():
        check_project_file(target)
        return target, False
    spec = json.loads(resource("demo", "demo.json").read_text(encoding="utf-8"))
    photos_dir = directory / "photos"
    temporary = directory / f".{DEMO_PROJECT_NAME}.partial"
    # What this call makes, taken back when it fails (a full disk, say): no half demo stays.
    folders = _new_folders(photos_dir)
    written: list[Path] = []
    try:
        photos_dir.mkdir(parents=True, exist_ok=True)
        for entry in spec["photos"]:
            photo = photos_dir / entry["file"]
            if _copy_photo(resource("demo", "photos", entry["file"]), photo):
                written.append(photo)
        for leftover in directory.glob(f".{DEMO_PROJECT_NAME}.partial*"):
            leftover.unlink()
    except OSError as error:
        _take_back(written, folders)
        raise ProjectOpenError(
            _("Cannot write the demo into %(folder)s: %(reason)s")
            % {"folder": directory, "reason": library_reason(error)},
            path=directory,
        ) from error
    except BaseException:
        _take_back(written, folders)
        raise
    try:
        service = ProjectService.create(
            temporary,
            title=spec["title"][spec["source_language"]],
            languages=spec["languages"],
            source_language=spec["source_language"],
        )
    except BaseException:
        _take_back(written, folders)
        raise
    try:
        _fill(service, spec, photos_dir)
        if hall:
            build_demo_hall(service)
        build_demo_route(service, spec["visit"])
    except BaseException:
        service.close()
        with contextlib.suppress(OSError):
            temporary.unlink()
        _take_back(written, folders)
        raise
    service.close()
    # The finished project takes its name as every output does: flushed to the disk, and
    # never over a project that appeared meanwhile (OutputExistsError names it).
    try:
        with atomic_output(target, guard=ProtectedFiles.nothing(), replace=False) as final:
            temporary.replace(final)
    except BaseException:
        _take_back(written, folders)
        raise
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink()
    return target, True

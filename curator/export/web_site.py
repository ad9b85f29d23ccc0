"""``curator export web``: the exhibition as a static, multilingual site in a folder.

:func:`export_web` writes into a new folder, an empty one, or one Curator wrote before
(it holds :data:`MANIFEST`, the list of the files Curator wrote there): never into a folder
of other files, which it refuses before writing anything. A re-export replaces Curator's own
files and removes those of its earlier export the new one no longer has (a photo taken out);
files someone added beside them stay. Every file goes through the one atomic writer and the
project's protected-files guard. Photos are prepared on every core
(:mod:`curator.export.web_images`); pages are :mod:`curator.export.web_pages`; fonts
:mod:`curator.export.web_fonts`.
"""

from __future__ import annotations

import contextlib
import json
import threading
from dataclasses import dataclass, field
from pathlib import Path

from curator.core.errors import UsageError
from curator.core.model import Photo
from curator.core.progress import Progress, ProgressCallback, no_progress, stop_if_cancelled
from curator.core.publishing.labels_service import resolve_languages
from curator.core.services import ProjectService
from curator.core.storage.atomic_write import OutputError, output_error, write_atomically
from curator.core.storage.protected_files import ProtectedFiles, protected_files
from curator.export.web_content import web_content
from curator.export.web_fonts import FONT_LICENCE, WEB_FACES, licence_text, woff2_subset
from curator.export.web_images import WebImage, prepare_all
from curator.export.web_pages import IMAGES, STYLESHEET, ImageInfo, Site, image_name
from curator.export.web_style import stylesheet
from curator.export.workers import worker_count
from curator.i18n import _

#: The list of the files Curator wrote into the folder (what a re-export may replace).
MANIFEST = ".curator-site.json"
FONTS = "fonts"
_KIND = "curator-web-edition"


@dataclass(frozen=True, slots=True)
class WebOptions:
    """What the user chose; None takes the project's languages."""

    languages: tuple[str, ...] | None = None
    base_url: str = ""
    picks_only: bool = False
    keep_metadata: bool = False


@dataclass
class WebResult:
    """What the web export wrote."""

    path: Path
    pages: int
    photos: int
    images: int
    languages: tuple[str, ...]
    removed: int = 0
    files: list[str] = field(default_factory=list)


def _earlier(folder: Path) -> list[str]:
    """The files an earlier export wrote into ``folder`` (none for a new or empty one).

    Raises:
        UsageError: ``folder`` is a file, or a folder of files Curator did not write.
    """
    if not folder.exists():
        return []
    if not folder.is_dir():
        raise UsageError(
            _("%(folder)s is a file; the web edition is written into a folder.")
            % {"folder": folder},
            path=folder,
        )
    manifest = folder / MANIFEST
    if manifest.is_file():
        try:
            data = json.loads(manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = None
        if isinstance(data, dict) and data.get("kind") == _KIND:
            return [str(name) for name in data.get("files", []) if isinstance(name, str)]
    if not any(folder.iterdir()):
        return []
    raise UsageError(
        _(
            "%(folder)s already holds files Curator did not write; choose a new or empty "
            "folder (Curator writes the web edition only into one of its own)."
        )
        % {"folder": folder},
        path=folder,
    )


def _inside(folder: Path, relative: str) -> Path | None:
    """``folder/relative`` if that stays inside ``folder`` (a manifest may be edited).

    Inside on the disk, not only by spelling: a folder in the site that is a link to
    another place (the originals' folder, the project's) does not take the site there.
    """
    target = (folder / relative).absolute()
    try:
        target.relative_to(folder)
        target.parent.resolve().relative_to(folder.resolve())
    except (ValueError, OSError, RuntimeError):
        return None
    return None if ".." in Path(relative).parts else target


def _outside(target: Path) -> UsageError:
    return UsageError(
        _(
            "%(file)s would be written outside the web edition's folder (through a link); it "
            "was not written and the export stopped. Remove the link, or export into a new "
            "folder."
        )
        % {"file": target},
        path=target,
    )


class _Writer:
    """Writes the site's files through the atomic writer, each named in the manifest."""

    def __init__(self, folder: Path, guard: ProtectedFiles, earlier: list[str]) -> None:
        self.folder = folder
        self.guard = guard
        self.earlier = set(earlier)
        self.files: list[str] = []

    def write(self, relative: str, data: bytes) -> None:
        """Write ``relative``; a file there that Curator did not write is refused, kept.

        Raises:
            UsageError: Someone else's file has the name (added since the last export), or
                the name leads out of the folder through a link.
            OutputError: The file cannot be written.
        """
        target = _inside(self.folder, relative)
        if target is None:
            raise _outside(self.folder / relative)
        if relative not in self.earlier and (target.exists() or target.is_symlink()):
            raise UsageError(
                _(
                    "%(file)s was not written by Curator; it was left as it is and the export "
                    "stopped. Move it away, or export into a new folder."
                )
                % {"file": target},
                path=target,
            )
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise output_error(target, error) from error
        self.guard.check(target)
        write_atomically(target, data, guard=self.guard)
        self.files.append(relative)

    def take_back(self) -> None:
        """Remove the files this export added (a cancelled one); replaced ones stay."""
        kept, parents = [], set()
        for relative in self.files:
            if relative in self.earlier:
                kept.append(relative)
                continue
            target = self.folder / relative
            with contextlib.suppress(OSError):
                target.unlink()
            parents.add(target.parent)
        self.files = kept
        for parent in sorted(parents - {self.folder}, reverse=True):
            with contextlib.suppress(OSError):  # still holds files: kept
                parent.rmdir()


def export_web(
    service: ProjectService,
    folder: Path,
    options: WebOptions | None = None,
    on_progress: ProgressCallback = no_progress,
    cancel: threading.Event | None = None,
    workers: int | None = None,
) -> WebResult:
    """Write the web edition of the project into ``folder`` (see the module's note).

    Raises:
        UsageError: An unknown language, or a folder that holds others' files.
        CuratorError: A photo cannot be read; OutputError: a file cannot be written.
        CancelledError: Cancel was pressed. Whatever stops it, what it added is taken back
            (a new folder is removed; an earlier site keeps its files and its list).
    """
    options = options or WebOptions()
    folder = folder.expanduser().absolute()
    languages = resolve_languages(service, options.languages)
    earlier = _earlier(folder)
    content = web_content(service, languages, options.picks_only)
    if not content.photos:
        raise UsageError(
            _(
                "No photo would be shown: none is placed in a section and not rejected (with "
                "--picks-only: and picked). The site would be empty."
            )
        )
    guard = protected_files(service)
    new_folder = not folder.exists()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise output_error(folder, error) from error
    writer = _Writer(folder, guard, earlier)
    photos_by_id: dict[str, Photo] = {p.id: service.photos.get(p.id) for p in content.photos}
    total = len(content.photos) + 2
    infos: dict[str, ImageInfo] = {}
    image_count = 0
    slugs = {p.id: p for p in content.photos}

    def done(photo: Photo, image: WebImage) -> None:
        nonlocal image_count
        web = slugs[photo.id]
        for width, data in image.copies:
            writer.write(f"{IMAGES}/{image_name(web, width)}", data)
            image_count += 1
        infos[photo.id] = ImageInfo(tuple(w for w, _d in image.copies), image.width,
                                    image.height)  # fmt: skip
        on_progress(Progress(len(infos), total, _("Preparing photos"), (photo.path.name,)))

    on_progress(Progress(0, total, _("Preparing photos")))
    try:
        prepare_all(list(photos_by_id.values()), options.keep_metadata, worker_count(workers),
                    done, cancel)  # fmt: skip
        stop_if_cancelled(cancel)
        site = Site(content, infos, options.base_url)
        pages = site.pages()
        for relative, html in pages.items():
            writer.write(relative, html.encode("utf-8"))
        on_progress(Progress(total - 1, total, _("Writing pages")))
        writer.write(STYLESHEET, stylesheet(f"{FONTS}/").encode("utf-8"))
        text = "".join(pages.values())
        for stem, _weight, _style in WEB_FACES:
            stop_if_cancelled(cancel)
            writer.write(f"{FONTS}/{stem}.woff2", woff2_subset(stem, text))
        writer.write(f"{FONTS}/{FONT_LICENCE}", licence_text())
    except BaseException:  # cancelled, a full disk, a photo that cannot be read
        writer.take_back()
        _after_failure(writer, earlier, new_folder)
        raise
    _write_manifest(writer, earlier)
    removed = _remove_stale(writer, earlier)
    on_progress(Progress(total, total, _("Done")))
    return WebResult(folder, len(pages), len(infos), image_count, languages, removed,
                     list(writer.files))  # fmt: skip


def _after_failure(writer: _Writer, earlier: list[str], new_folder: bool) -> None:
    """Leave the folder as it was: a new one is removed, an earlier site keeps its list.

    What this export added was taken back; the folders it made for it go too (only empty
    ones). The error that stopped the export is the one raised, not a second one here.
    """
    folder = writer.folder
    if new_folder and not writer.files:
        for inner in sorted(folder.rglob("*"), key=lambda p: len(p.parts), reverse=True):
            if inner.is_dir() and not inner.is_symlink():
                with contextlib.suppress(OSError):
                    inner.rmdir()
        (folder / MANIFEST).unlink(missing_ok=True)
        with contextlib.suppress(OSError):
            folder.rmdir()
        return
    with contextlib.suppress(OutputError):
        _write_manifest(writer, earlier)


def _write_manifest(writer: _Writer, earlier: list[str]) -> None:
    """List what was written (and, until it is removed, what the earlier export left)."""
    names = list(dict.fromkeys([*writer.files, *earlier]))
    data = json.dumps({"kind": _KIND, "files": names}, ensure_ascii=False, indent=1)
    write_atomically(writer.folder / MANIFEST, data.encode("utf-8"), guard=writer.guard)


def _remove_stale(writer: _Writer, earlier: list[str]) -> int:
    """Remove the earlier export's files this one did not write; returns how many."""
    folder, written = writer.folder, writer.files
    keep = set(written)
    removed = 0
    for relative in earlier:
        if relative in keep:
            continue
        target = _inside(folder, relative)
        if target is None or not target.is_file() or target.is_symlink():
            continue
        if writer.guard.refusal(target) is not None:
            continue  # the project or an original saved into the site's folder: left
        try:
            target.unlink()
        except OSError as error:
            raise OutputError(
                _("Cannot remove %(file)s, left by an earlier export: %(reason)s")
                % {"file": target, "reason": error.strerror or error},
                path=target,
            ) from error
        removed += 1
    manifest = json.dumps({"kind": _KIND, "files": written}, ensure_ascii=False, indent=1)
    write_atomically(folder / MANIFEST, manifest.encode("utf-8"), guard=writer.guard)
    return removed

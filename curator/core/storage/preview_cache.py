"""Where a project's screen previews (~1600 px) are kept on this workstation.

A project file keeps them in ``NAME.curator-cache/previews/`` beside it; a server project in
the same shape beside this workstation's folder for it (``curator.server.store``). Files are
named by the original's content hash, so a relinked photo keeps its preview. A server project
also keeps every preview in the database (``shared_preview``, keyed by content hash and long
edge), so a workstation without the originals still shows them: the folder is then only this
workstation's copy of what the server holds.
"""

from __future__ import annotations

from pathlib import Path

#: Long edge of a screen preview, in pixels.
PREVIEW_SIZE = 1600
#: The server-only table of previews (see :mod:`curator.server.schema_shared`).
SHARED_PREVIEW_TABLE = "shared_preview"


def cache_dir(project: Path) -> Path:
    """The project's cache folder (it may not exist yet)."""
    return project.with_name(project.name + "-cache")


def preview_path(project: Path, sha256: str) -> Path:
    """Where the preview of the original with this hash is kept."""
    return cache_dir(project) / "previews" / sha256[:2] / f"{sha256}.jpg"

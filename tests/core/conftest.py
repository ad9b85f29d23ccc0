"""The core tests run on every store of ``BACKENDS``: a project file, a project on a server.

A test that takes ``service`` runs once per store. One that also takes ``project_path`` (it
reopens the file, reads its bytes, snapshots it) is about the file and runs on SQLite only.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from curator.core.services import ProjectService
from tests.conftest import BACKENDS

#: Modules about the project file itself (its bytes, snapshots, locks, media faults).
_FILE_ONLY = {"test_backups", "test_store", "test_migrations", "test_media_faults"}


@pytest.fixture(params=BACKENDS)
def service(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[ProjectService]:
    """A fresh vi/ru/en project, open for writing, in each store of ``BACKENDS``."""
    if request.param == "postgresql":
        if (
            "project_path" in request.fixturenames
            or request.module.__name__.rsplit(".")[-1] in _FILE_ONLY
        ):
            pytest.skip("about the project file")
        address = request.getfixturevalue("server_project")
        opened = ProjectService.create(
            address, title="Việt Nam – Nga", languages=["vi", "ru", "en"]
        )
    else:
        opened = ProjectService.open(request.getfixturevalue("project_path"))
    with opened:
        yield opened

"""The demo exhibition's web edition, exported once: one photo rejected, one hostile caption."""

from __future__ import annotations

from pathlib import Path

import pytest

from curator import cli
from curator.core.editing.shortlist import set_marks
from curator.core.model import CaptionField, PhotoFlag
from curator.core.services import ProjectService
from curator.demo import write_demo

REJECTED = "07-red-river.jpg"
HOSTILE_PHOTO = "01-talks.jpg"
HOSTILE = '<script>alert("x")</script> & <b>bold</b>'


@pytest.fixture(scope="session")
def web_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo project: one placed photo rejected, one caption an attacker wrote."""
    path, _created = write_demo(tmp_path_factory.mktemp("web-demo"))
    with ProjectService.open(path) as service:
        ids = {photo.path.name: photo.id for photo in service.photos.all()}
        set_marks(service, [ids[REJECTED]], flag=PhotoFlag.REJECT)
        service.set_caption(ids[HOSTILE_PHOTO], "en", CaptionField.CAPTION, HOSTILE)
    return path


@pytest.fixture(scope="session")
def web_site(web_demo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo's web edition in vi, ru and en, written by ``curator export web``."""
    folder = tmp_path_factory.mktemp("web-site") / "site"
    code = cli.main(["export", "web", str(web_demo), "-o", str(folder),
                     "--base-url", "https://example.org/expo/"])  # fmt: skip
    assert code == 0
    return folder


@pytest.fixture(scope="session")
def web_ids(web_demo: Path) -> dict[str, str]:
    """The demo's photos' ids by file name."""
    with ProjectService.open(web_demo, read_only=True) as service:
        return {photo.path.name: photo.id for photo in service.photos.all()}

"""Shared fixtures. Qt runs offscreen; the interface starts in English for every test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from curator import i18n
from curator.core.services import ProjectService

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(autouse=True)
def _english_interface() -> Iterator[None]:
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture
def project_path(tmp_path: Path) -> Path:
    """A fresh vi/ru/en project file, closed."""
    path = tmp_path / "exhibition.curator"
    ProjectService.create(path, title="Việt Nam – Nga", languages=["vi", "ru", "en"]).close()
    return path


@pytest.fixture
def service(project_path: Path) -> Iterator[ProjectService]:
    """The fresh project, open for writing."""
    with ProjectService.open(project_path) as opened:
        yield opened

"""Shared fixtures. Qt runs offscreen; the interface starts in English for every test."""

from __future__ import annotations

import os
import shutil
import sqlite3
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import curator.server.store  # noqa: F401  (the server's store, as the composition root loads it)
from curator import i18n
from curator.core.services import ProjectService
from tests.pg.conftest import PgServer, running_server

SHARED = Path(__file__).resolve().parents[2] / "shared"

#: The stores the core tests run on: ``CURATOR_TEST_BACKENDS=sqlite,postgresql`` adds a
#: project on the session's own PostgreSQL server (skipped without the server's binaries).
BACKENDS = tuple(
    name.strip()
    for name in os.environ.get("CURATOR_TEST_BACKENDS", "sqlite").split(",")
    if name.strip()
)


@pytest.fixture(autouse=True)
def _english_interface() -> Iterator[None]:
    i18n.set_language("en")
    yield
    i18n.set_language("en")


NewProject = Callable[..., Path]


@pytest.fixture(scope="session")
def _project_templates(tmp_path_factory: pytest.TempPathFactory) -> dict[object, Path]:
    """Projects made (and migrated) once per test session, by title and languages."""
    return {}


@pytest.fixture
def new_project(
    tmp_path: Path,
    tmp_path_factory: pytest.TempPathFactory,
    _project_templates: dict[object, Path],
) -> NewProject:
    """Make a fresh, closed project file: a copy of one created once this session.

    ``ProjectService.create`` runs every migration (tens of milliseconds); a copy of a
    closed project is a few hundred microseconds and the same file, byte for byte, but for
    the project's own id, which each copy gets anew as a created project would.
    """

    def make(
        path: Path | None = None,
        *,
        title: str = "Việt Nam – Nga",
        languages: Sequence[str] = ("vi", "ru", "en"),
    ) -> Path:
        key = (title, tuple(languages))
        template = _project_templates.get(key)
        if template is None:
            template = tmp_path_factory.mktemp("template") / "template.curator"
            ProjectService.create(template, title=title, languages=list(languages)).close()
            _project_templates[key] = template
        target = path if path is not None else tmp_path / "exhibition.curator"
        shutil.copyfile(template, target)
        with closing(sqlite3.connect(target)) as conn, conn:
            conn.execute("UPDATE project SET uid = ?", (uuid.uuid4().hex,))
        return target

    return make


@pytest.fixture
def project_path(new_project: NewProject) -> Path:
    """A fresh vi/ru/en project file, closed."""
    return new_project()


@pytest.fixture
def service(project_path: Path) -> Iterator[ProjectService]:
    """The fresh project, open for writing."""
    with ProjectService.open(project_path) as opened:
        yield opened


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """The session's own PostgreSQL server (one per session; skipped without PostgreSQL)."""
    with running_server() as server:
        yield server


@pytest.fixture(scope="session")
def pg_projects(pg_server: PgServer) -> str:
    """A database on the session's server for projects of the core tests, one schema each."""
    import psycopg

    with psycopg.connect(pg_server.uri(), autocommit=True) as admin:
        admin.execute("CREATE DATABASE curator_projects")
    return pg_server.uri("curator_projects")


@pytest.fixture
def server_project(pg_projects: str) -> Iterator[str]:
    """The address of a new, empty project name on the session's server (schema dropped after)."""
    import psycopg

    name = f"t{uuid.uuid4().hex[:12]}"
    yield f"{pg_projects}&project={name}"
    with psycopg.connect(pg_projects, autocommit=True) as admin:
        admin.execute(f"DROP SCHEMA IF EXISTS curator_{name} CASCADE")

"""The shape of the package, checked: what import-linter cannot see.

import-linter forbids ``curator.ui`` and ``curator.cli`` to *import* the repositories; these
tests also forbid reaching them through an open project's attributes
(``service.photos.get(…)``), and keep every module small enough to read.
"""

from __future__ import annotations

import ast
from pathlib import Path

from curator.core.services import ProjectService

PACKAGE = Path(__file__).resolve().parents[1] / "curator"
FACES = ("ui", "cli")
#: The longest module a newcomer should have to read at once.
MAX_LINES = 500


def _repository_attributes(service: ProjectService) -> set[str]:
    """The attributes of an open project that hold a repository."""
    return {
        name
        for name, value in vars(service).items()
        if type(value).__module__.startswith("curator.core.repositories.")
    }


def _service_like(node: ast.expr) -> bool:
    """Whether ``node`` names an open project: ``service``, ``self._service``, ``current``…"""
    name = node.attr if isinstance(node, ast.Attribute) else getattr(node, "id", "")
    return name.lstrip("_").endswith("service") or name in {"current", "writer"}


def _reaches(source: str, where: str, repositories: set[str]) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Attribute)
            and node.value.attr in repositories
            and _service_like(node.value.value)
        ):
            found.append(f"{where}:{node.lineno}: {ast.unparse(node)}")
    return found


def test_the_window_and_the_command_line_reach_no_repository(service: ProjectService) -> None:
    repositories = _repository_attributes(service)
    assert {"photos", "captions", "exhibition"} <= repositories  # the check sees them
    found = [
        line
        for face in FACES
        for path in sorted((PACKAGE / face).rglob("*.py"))
        for line in _reaches(
            path.read_text(encoding="utf-8"), str(path.relative_to(PACKAGE.parent)), repositories
        )
    ]
    assert found == [], "use service.queries or service.operations instead:\n" + "\n".join(found)


def test_the_check_finds_a_repository_reached_through_a_service(
    service: ProjectService,
) -> None:
    sample = (
        "def f(service, self):\n"
        "    service.photos.get('x')\n"
        "    self._service.media.thumbnail('x')\n"
        "    self.window.captions.flush()  # the window's caption panel, not a repository\n"
    )
    found = _reaches(sample, "sample.py", _repository_attributes(service))
    assert [line.split(": ", 1)[1] for line in found] == [
        "service.photos.get",
        "self._service.media.thumbnail",
    ]


def test_every_module_is_short_enough_to_read() -> None:
    long = {
        str(path.relative_to(PACKAGE.parent)): count
        for path in sorted(PACKAGE.rglob("*.py"))
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}

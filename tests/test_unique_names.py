"""Every class name in the package is used once: a name says which class it is.

Two ``Finding`` classes (or two ``_Writer``s) make a reader, a traceback and a search
point at the wrong one; private classes count too, as they show in tracebacks alike.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "curator"


def class_names(package: Path) -> dict[str, list[str]]:
    """Each class name defined under ``package``, with the modules defining it."""
    where: dict[str, list[str]] = defaultdict(list)
    for path in sorted(package.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                where[node.name].append(str(path.relative_to(package.parent)))
    return where


def test_class_names_are_unique_across_the_package() -> None:
    twice = {name: paths for name, paths in class_names(PACKAGE).items() if len(paths) > 1}
    assert twice == {}, "class names defined more than once: " + "; ".join(
        f"{name} in {', '.join(paths)}" for name, paths in sorted(twice.items())
    )


def test_a_second_class_of_the_same_name_is_found(tmp_path: Path) -> None:
    package = tmp_path / "curator"
    (package / "a").mkdir(parents=True)
    (package / "a" / "one.py").write_text("class Finding:\n    pass\n", encoding="utf-8")
    (package / "two.py").write_text(
        "def make():\n    class Finding:\n        pass\n    return Finding\n", encoding="utf-8"
    )
    assert class_names(package)["Finding"] == ["curator/a/one.py", "curator/two.py"]

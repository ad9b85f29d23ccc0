"""Writes go through the operations layer: a source scan.

Every use case the window and the command line perform is an operation in
``curator/core/operations/`` (one transaction, a change set with its undo data). A module
elsewhere that opens a write transaction (``with ….transaction():``) is a use case written
where its caller happened to be, with its rules beside it: it fails here.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "curator"
#: Where transactions belong: the operations, the repositories and the stores themselves.
OWNERS = ("core/operations/", "core/repositories/", "core/storage/", "server/")


def _transactions(source: str) -> int:
    """How many ``with x.transaction():`` blocks a module opens."""
    count = 0
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.With | ast.AsyncWith):
            for item in node.items:
                call = item.context_expr
                if (
                    isinstance(call, ast.Call)
                    and isinstance(call.func, ast.Attribute)
                    and call.func.attr == "transaction"
                ):
                    count += 1
    return count


def _counts() -> dict[str, int]:
    counts = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        where = path.relative_to(PACKAGE).as_posix()
        if where.startswith(OWNERS):
            continue
        found = _transactions(path.read_text(encoding="utf-8"))
        if found:
            counts[where] = found
    return counts


def test_the_scan_sees_a_transaction() -> None:
    source = "def f(service):\n    with service.store.transaction():\n        pass\n"
    assert _transactions(source) == 1
    assert _transactions("with open('x') as f:\n    pass\n") == 0


def test_no_module_outside_operations_opens_a_write_transaction() -> None:
    found = [f"{where}: {count}" for where, count in _counts().items()]
    assert found == [], (
        "write in one operation of curator/core/operations/ (returning a ChangeSet) instead:\n"
        + "\n".join(found)
    )

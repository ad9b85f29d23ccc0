"""What a translator's file would do, shown: the plan as lines for a person and as JSON.

Split from :mod:`curator.cli.exchange_commands`, which reads the file and applies the plan.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from curator.core.model import STATUS_LABELS
from curator.core.translators.exchange_plan import (
    ACTION_LABELS,
    REFUSED,
    ImportPlan,
    PlanAction,
    PlanEntry,
)
from curator.i18n import _

AddCommon = Callable[[argparse.ArgumentParser], None]


def _status(status: object) -> str | None:
    return getattr(status, "value", None)


def plan_json(plan: ImportPlan) -> dict[str, Any]:
    """The plan as JSON (keys in English, values untranslated except ``message``/``reason``)."""
    return {
        "file": str(plan.path),
        "format": plan.format,
        "language": plan.target_language,
        "source_language": plan.source_language,
        "export_id": plan.export_id,
        "counts": plan.counts(),
        "entries": [
            {
                "key": entry.key,
                "line": entry.line,
                "action": entry.action.value,
                "photo_id": entry.photo_id,
                "file_name": entry.file_name,
                "field": entry.field.value if entry.field else None,
                "catalogue_text": entry.text_key,
                "current": entry.current_text,
                "current_status": _status(entry.current_status),
                "incoming": entry.incoming_text,
                "new_status": _status(entry.new_status),
                "sent": entry.sent_text,
                "diff": entry.diff,
                "budget_chars": entry.budget_chars,
                "length": len(entry.incoming_text),
                "over_budget": entry.over_budget,
                "whitespace_trimmed": entry.whitespace_trimmed,
                "reason": entry.reason,
                "message": entry.message,
            }
            for entry in plan.entries
        ],
    }


_SHOWN = (PlanAction.NEW, PlanAction.CHANGED, PlanAction.SOURCE_CHANGED, PlanAction.CONFLICT)


def _entry_lines(entry: PlanEntry) -> list[str]:
    """What the plan says of one entry, for a person: where, what, old → new, why."""
    label = _(ACTION_LABELS[entry.action])
    where = entry.key if not entry.file_name else f"{entry.key} ({entry.file_name})"
    if entry.line:
        head = _("line %(line)d: %(key)s: %(action)s") % {
            "line": entry.line,
            "key": where,
            "action": label,
        }
    else:
        head = f"{where}: {label}"
    if entry.message:
        head = f"{head}: {entry.message}"
    lines = [head]
    if entry.action in _SHOWN:
        if entry.diff:
            lines.append(_("  text: %(diff)s") % {"diff": entry.diff})
        else:
            lines.append(
                _("  text: “%(old)s” → “%(new)s”")
                % {"old": entry.current_text, "new": entry.incoming_text}
            )
        # A catalogue text has no status of its own: only a caption's is shown.
        new = entry.new_status
        if new is not None and new != entry.current_status and entry.text_key is None:
            old = _(STATUS_LABELS[entry.current_status]) if entry.current_status else "—"
            lines.append(
                _("  status: %(old)s → %(new)s") % {"old": old, "new": _(STATUS_LABELS[new])}
            )
    if entry.reason:
        lines.append(_("  why: %(reason)s") % {"reason": entry.reason})
    if entry.over_budget and entry.budget_chars is not None:
        lines.append(
            _("  warning: %(length)d characters; the layout has room for %(budget)d.")
            % {"length": len(entry.incoming_text), "budget": entry.budget_chars}
        )
    if entry.whitespace_trimmed:
        lines.append(
            _("  whitespace trimmed: the spaces or line breaks around the text are not kept.")
        )
    return lines


def print_plan(plan: ImportPlan, applied: bool) -> None:
    """Print what each entry of the plan would do (or did, once ``applied``)."""
    for entry in plan.entries:
        noted = entry.reason or entry.whitespace_trimmed or entry.over_budget
        if entry.action in _SHOWN or entry.action in REFUSED or noted:
            sys.stdout.write("\n".join(_entry_lines(entry)) + "\n")
    summary = ", ".join(
        f"{_(ACTION_LABELS[action])}: {plan.count(action)}"
        for action in PlanAction
        if plan.count(action)
    )
    sys.stdout.write(
        _("%(file)s (%(language)s): %(summary)s")
        % {"file": plan.path, "language": plan.target_language, "summary": summary or "—"}
        + "\n"
    )
    if not applied and any(entry.action in _SHOWN for entry in plan.entries):
        sys.stdout.write(_("Nothing was changed; run again with --apply to write it.") + "\n")

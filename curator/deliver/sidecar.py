"""Reading back what a delivery of a signed photo wrote: its sidecar, its new credential."""

from __future__ import annotations

from pathlib import Path

from curator.core.delivery_planning.plan import MetadataPlan
from curator.deliver.rights import check_rights
from curator.deliver.shown import check_shown
from curator.deliver.verify import check_xmp_fields
from curator.i18n import _
from curator.ingest.content_credentials import VALID, check_credentials
from curator.ingest.metadata.xmp import parse_xmp


def verify_sidecar(path: Path, plan: MetadataPlan) -> list[str]:
    """The differences between the sidecar at ``path`` and what ``plan`` meant."""
    packet = path.read_bytes()
    xmp = parse_xmp(packet, "xmp-sidecar", f"{path.name}: ")
    problems = [problem.message or problem.code for problem in xmp.problems]
    problems += check_xmp_fields(xmp, plan) + check_rights(packet, plan)
    return problems + check_shown(packet, plan.shown)


def verify_credentials(path: Path) -> list[str]:
    """A difference when the copy at ``path`` has no Content Credentials that validate."""
    status = check_credentials(path.read_bytes())
    if status is not None and status.state == VALID:
        return []
    detail = status.detail if status is not None else _("none found")
    return [
        _("C2PA: the copy's new Content Credentials do not validate (%(detail)s).")
        % {"detail": detail}
    ]

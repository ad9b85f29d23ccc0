"""The trust list an import checks C2PA signers against (the curator's PEM file)."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from curator.core.services import ProjectService
from curator.core.settings.provenance_specs import provenance_settings
from curator.decode.files import open_regular
from curator.ingest.content_credentials import CredentialStatus, check_credentials

log = logging.getLogger(__name__)


def trust_anchors(service: ProjectService) -> str | None:
    """The PEM text of the project's trust list (None: none given, or it cannot be read)."""
    path = provenance_settings(service).trust_list
    if path is None:
        return None
    try:
        with open_regular(path) as handle:
            return handle.read().decode("ascii", "replace")
    except OSError as error:
        log.warning("The trust list %s cannot be read: %s", path, error)
        return None


def trusted_status(path: Path, status: CredentialStatus, anchors: str) -> CredentialStatus:
    """``status`` with ``trusted`` decided against ``anchors`` (the file read again)."""
    try:
        with open_regular(path) as handle:
            checked = check_credentials(handle.read(), anchors)
    except OSError:
        return status
    return replace(status, trusted=checked.trusted) if checked is not None else status

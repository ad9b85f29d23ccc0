"""Preflight of the QR codes: the site's address, and codes too small for their distance.

``web-base-url`` (a warning): the stored ``web.base_url`` is not an http(s) address (a
project edited by hand or by another tool), so no code can be printed. ``qr-too-small``
(a warning): a code's symbol is smaller than its reading distance needs (a tenth of it,
15 mm at least: :mod:`curator.core.layout.qr`), because the label is too narrow to hold it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from curator.core.checks.findings import Finding, Severity, file_name
from curator.core.errors import UsageError
from curator.core.layout.qr import QrMark, needed_symbol_mm, too_small
from curator.core.services import ProjectService
from curator.core.settings.web_address import check_base_url, stored_base_url
from curator.i18n import _, number_text


def base_url_checks(service: ProjectService) -> Iterator[Finding]:
    """A stored site address that is no http(s) address."""
    refused = service.project.refused_setting("web", ("base_url",))
    stored = refused if isinstance(refused, str) else stored_base_url(service)
    try:
        check_base_url(stored)
    except UsageError as error:
        yield Finding(
            Severity.WARNING,
            "web-base-url",
            _(
                "%(reason)s No QR code can open the web edition; correct the setting "
                "web.base_url (or empty it for no codes)."
            )
            % {"reason": error.message},
        )


def code_checks(
    service: ProjectService, photo_codes: Iterable[tuple[str, QrMark]]
) -> Iterator[Finding]:
    """Each ``(photo id, code)`` whose code is too small to scan from where it is read."""
    for photo_id, code in photo_codes:
        if not too_small(code):
            continue
        yield Finding(
            Severity.WARNING,
            "qr-too-small",
            _(
                "%(file)s: the QR code is %(size)s mm wide, too small to scan from "
                "%(distance)s cm (at least %(needed)s mm: a tenth of the reading distance, "
                "15 mm at least). Give it more room (a wider label, a photo with more room on its "
                "panel) or set a nearer viewing distance."
            )
            % {
                "file": file_name(service, photo_id),
                "size": number_text(round(code.symbol_mm, 1)),
                "distance": number_text(code.distance_cm),
                "needed": number_text(round(needed_symbol_mm(code.distance_cm), 1)),
            },
            section_id=service.exhibition.section_of(photo_id),
            photo_id=photo_id,
        )

"""The web edition's address: the ``web.base_url`` setting and each photo's page in it.

The site (``curator export web``) writes a page per photo per language at
``LANG/SLUG.html``; the slug is made of the photo's Curator id, so it is stable across
exports. Wall labels, panels and the catalogue's colophon join that same relative path to
the stored base URL for their QR codes, so a code opens the page the site holds.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from curator.core.errors import UsageError
from curator.core.services import ProjectService
from curator.core.settings.setting_values import (
    SettingGroup,
    SettingKind,
    SettingSpec,
    SettingValue,
)
from curator.i18n import N_, _

WEB_BASE_URL = "web.base_url"
_SLUG = re.compile(r"[^a-z0-9]+")


def slug(identifier: str, fallback: str) -> str:
    """An ASCII file-name part made of a Curator id, stable across exports."""
    return _SLUG.sub("-", identifier.lower()).strip("-") or fallback


def check_base_url(text: str) -> str:
    """The site's address as given (``""``: none), ending in one ``/``.

    Raises:
        UsageError: Not an ``http://`` or ``https://`` address of a host.
    """
    text = text.strip()
    if not text:
        return ""
    parts = urlsplit(text)
    if (
        parts.scheme not in ("http", "https")
        or not parts.netloc
        or parts.query
        or parts.fragment
        or any(char.isspace() or char in "\"'<>" for char in text)
    ):
        raise UsageError(
            _("“%(url)s” is not a web address; write it like https://example.org/exhibition/.")
            % {"url": text}
        )
    return text.rstrip("/") + "/"


def _check(value: SettingValue) -> None:
    check_base_url(value if isinstance(value, str) else "")


def base_url_spec() -> SettingSpec:
    """``web.base_url``: where the site is published (empty: no QR codes anywhere)."""
    return SettingSpec(
        key=WEB_BASE_URL,
        group=SettingGroup.WEB,
        kind=SettingKind.TEXT,
        default="",
        label=N_("Address of the published site"),
        help=N_(
            "The http(s) address the web edition is published at. When set, wall labels and "
            "panels carry a QR code per photo opening its page, and the catalogue's colophon "
            "the site's address and a code for it. Empty: no codes."
        ),
        row="web",
        path=("base_url",),
        check=_check,
        optional=True,
    )


def photo_page(language: str, photo_id: str) -> str:
    """The photo's page in the site, relative to its root (``vi/ab12.html``)."""
    return f"{language}/{slug(photo_id, 'photo')}.html"


def photo_url(base_url: str, language: str, photo_id: str) -> str:
    """The full address of the photo's page (``""`` without a base URL)."""
    base = check_base_url(base_url)
    return base + photo_page(language, photo_id) if base else ""


def stored_base_url(service: ProjectService) -> str:
    """The project's base URL as stored (``""``: none), not checked: preflight checks it."""
    value: object = service.project.setting("web", {})
    raw = value.get("base_url") if isinstance(value, dict) else None
    return raw.strip() if isinstance(raw, str) else ""


def project_base_url(service: ProjectService) -> str:
    """The project's base URL ending in ``/``, or ``""`` when none (or no valid one) is set."""
    try:
        return check_base_url(stored_base_url(service))
    except UsageError:
        return ""


def remember_base_url(service: ProjectService, url: str) -> None:
    """Keep ``url`` (``--base-url`` of the web edition) as the project's ``web.base_url``.

    Raises:
        UsageError: Not an http(s) address.
        ProjectOpenError: The project cannot be written.
    """
    from curator.core.settings.project_settings import apply_settings

    checked = check_base_url(url)
    if checked and checked != project_base_url(service):
        apply_settings(service, {WEB_BASE_URL: checked})

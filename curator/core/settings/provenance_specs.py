"""Content Credentials settings: the curator's signing certificate and key, and a trust list.

Kept in the project's ``provenance`` row as paths to PEM files (never the key itself):
``certificate`` (the signing certificate, then its intermediates), ``key`` (its private
key, unencrypted PKCS#8 or traditional PEM) and ``trust_list`` (CA certificates whose
signers count as trusted when a photo's manifest is checked at import).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from curator.core.errors import UsageError
from curator.core.settings.setting_values import (
    SettingGroup,
    SettingKind,
    SettingSpec,
    SettingValue,
)
from curator.i18n import N_, _

if TYPE_CHECKING:
    from curator.core.services import ProjectService

#: The project's setting row holding these paths.
PROVENANCE_ROW = "provenance"


@dataclass(frozen=True, slots=True)
class ProvenanceSettings:
    """The files the curator gave (None: not given)."""

    certificate: Path | None = None
    key: Path | None = None
    trust_list: Path | None = None

    @property
    def can_sign(self) -> bool:
        """Whether a certificate and its key were both given."""
        return self.certificate is not None and self.key is not None


def _check_file(value: SettingValue) -> None:
    if isinstance(value, str) and value.strip():
        path = Path(value.strip()).expanduser()
        if not path.is_absolute():
            raise UsageError(_("Give the full path of the file: “%(path)s”.") % {"path": value})
        if not path.is_file():
            raise UsageError(_("There is no file “%(path)s”.") % {"path": value})


def provenance_specs() -> list[SettingSpec]:
    """The Content Credentials settings (Delivery tab)."""
    section = N_("Content Credentials (C2PA)")
    common = {"group": SettingGroup.DELIVERY, "row": PROVENANCE_ROW, "section": section}
    return [
        SettingSpec(
            key="delivery.c2pa_certificate",
            kind=SettingKind.TEXT,
            default="",
            label=N_("Signing certificate (PEM)"),
            help=N_(
                "Copies of photos that carry Content Credentials are signed again with it, "
                "recording Curator's metadata edit with the original as ingredient."
            ),
            path=("certificate",),
            check=_check_file,
            **common,  # type: ignore[arg-type]
        ),
        SettingSpec(
            key="delivery.c2pa_key",
            kind=SettingKind.TEXT,
            default="",
            label=N_("Its private key (PEM)"),
            path=("key",),
            check=_check_file,
            **common,  # type: ignore[arg-type]
        ),
        SettingSpec(
            key="delivery.c2pa_trust_list",
            kind=SettingKind.TEXT,
            default="",
            label=N_("Trusted signers' CA certificates (PEM)"),
            help=N_("A photo's Content Credentials signed under one of them count as trusted."),
            path=("trust_list",),
            check=_check_file,
            **common,  # type: ignore[arg-type]
        ),
    ]


def provenance_settings(service: ProjectService) -> ProvenanceSettings:
    """The stored paths (an empty or malformed value counts as not given)."""
    stored = service.project.setting(PROVENANCE_ROW, {})
    stored = stored if isinstance(stored, dict) else {}

    def path(name: str) -> Path | None:
        value = stored.get(name)
        return Path(value).expanduser() if isinstance(value, str) and value.strip() else None

    return ProvenanceSettings(path("certificate"), path("key"), path("trust_list"))

"""Delivering a photo that carries Content Credentials (C2PA) without breaking them silently.

Writing captions into a signed photo changes bytes its manifest hashes: the credential would
no longer validate. A delivery therefore does one of three things with such a photo:

* **re-sign** (a signing certificate and key are set in the project's settings): the copy gets
  a new manifest recording Curator's edit (``c2pa.opened`` the original, which is kept as
  the ``parentOf`` ingredient with its own manifest; ``c2pa.edited.metadata``;
  ``c2pa.resized`` when it was resized), signed with the curator's certificate;
* **sidecar** (``--sidecar``): the copy is the original, byte for byte, and the metadata goes
  into an XMP sidecar beside it (``NAME.xmp``, or ``NAME.jpg.xmp`` when that is taken);
* otherwise the copy is written and the photo is reported with ``c2pa-invalidated``: its
  credential will no longer validate.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from curator import __version__
from curator.core.errors import UsageError
from curator.core.settings.provenance_specs import ProvenanceSettings
from curator.decode.files import open_regular
from curator.deliver.exiv2 import open_image
from curator.i18n import _

RESIGNED = "resigned"
SIDECAR = "sidecar"
INVALIDATED = "invalidated"

_MIME = {"jpeg": "image/jpeg", "png": "image/png"}


class SigningError(Exception):
    """The C2PA SDK refused to sign; the message is its own."""


@dataclass(frozen=True, slots=True)
class Signing:
    """The curator's certificate chain and key (PEM) and the algorithm the key signs with."""

    chain: bytes
    key: bytes
    algorithm: str


def load_signing(settings: ProvenanceSettings) -> Signing | None:
    """The signing material the settings name (None: no certificate and key given).

    Raises:
        UsageError: a file cannot be read, or the key is not one C2PA signs with.
    """
    if settings.certificate is None or settings.key is None:
        return None
    chain = _read(settings.certificate)
    key = _read(settings.key)
    return Signing(chain, key, key_algorithm(key, settings.key))


def _read(path: Path) -> bytes:
    try:
        with open_regular(path) as handle:
            return handle.read()
    except OSError as error:
        raise UsageError(
            _("The Content Credentials file %(path)s cannot be read: %(reason)s")
            % {"path": path, "reason": error.strerror or error}
        ) from error


def key_algorithm(key: bytes, path: Path) -> str:
    """``es256`` … for an EC key on P-256/384/521, ``ed25519``, ``ps256`` for RSA.

    Raises:
        UsageError: not an unencrypted PEM private key of those kinds.
    """
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    try:
        private = load_pem_private_key(key, password=None)
    except (ValueError, TypeError) as error:
        raise UsageError(
            _("%(path)s is not an unencrypted PEM private key.") % {"path": path}
        ) from error
    if isinstance(private, ec.EllipticCurvePrivateKey):
        curves = {"secp256r1": "es256", "secp384r1": "es384", "secp521r1": "es512"}
        if private.curve.name in curves:
            return curves[private.curve.name]
    if isinstance(private, ed25519.Ed25519PrivateKey):
        return "ed25519"
    if isinstance(private, rsa.RSAPrivateKey):
        return "ps256"
    raise UsageError(
        _("The key in %(path)s cannot sign Content Credentials (use EC P-256, Ed25519 or RSA).")
        % {"path": path}
    )


def resign(
    original: bytes, edited: bytes, kind: str, signing: Signing, title: str, resized: bool
) -> bytes:
    """``edited`` with a new manifest: Curator's edit, ``original`` as its parent ingredient.

    Raises:
        SigningError: the SDK refused (a certificate C2PA does not accept, a broken file).
    """
    import c2pa

    mime = _MIME[kind]
    actions: list[dict[str, object]] = [
        {"action": "c2pa.opened", "parameters": {"ingredientIds": ["original"]}},
        {
            "action": "c2pa.edited.metadata",
            "description": "Captions, credits and rights written by Curator",
        },
    ]
    if resized:
        actions.append({"action": "c2pa.resized"})
    manifest = {
        "claim_generator_info": [{"name": "Curator", "version": __version__}],
        "title": title,
        "format": mime,
        "assertions": [{"label": "c2pa.actions", "data": {"actions": actions}}],
    }
    algorithm = getattr(c2pa.C2paSigningAlg, signing.algorithm.upper())
    try:
        signer = c2pa.Signer.from_info(
            c2pa.C2paSignerInfo(algorithm, signing.chain, signing.key, None)
        )
        with c2pa.Builder(manifest) as builder:
            builder.add_ingredient(
                {"title": title, "relationship": "parentOf", "label": "original"},
                mime,
                io.BytesIO(original),
            )
            out = io.BytesIO()
            builder.sign(signer, mime, io.BytesIO(edited), out)
    except c2pa.C2paError as error:
        raise SigningError(str(error).strip()) from error
    return out.getvalue()


def sidecar_packet(written: bytes) -> bytes:
    """The XMP of a written copy, as a sidecar file's content (UTF-8)."""
    with open_image(written) as image:
        packet = str(image.read_raw_xmp())
    return packet.encode("utf-8")


def sidecar_path(target: Path) -> Path:
    """``NAME.xmp`` beside the copy, or ``NAME.jpg.xmp`` when another file has that name."""
    plain = target.with_suffix(".xmp")
    return target.with_name(target.name + ".xmp") if plain.exists() else plain


def invalidated_message(source: Path, signer: str) -> str:
    """The per-photo warning of a delivery that breaks a credential."""
    return _(
        "%(path)s carries Content Credentials (C2PA) signed by %(signer)s: this copy's "
        "credential will no longer validate. Give a signing certificate in the settings "
        "(Delivery) to sign the copy again, or deliver with a sidecar (--sidecar) to keep "
        "the original untouched."
    ) % {"path": source, "signer": signer or _("an unknown signer")}

"""Content Credentials (C2PA): whether a photo carries a manifest, and whether it holds.

A manifest is looked for cheaply first (a JPEG's APP11 JUMBF segments before the image data,
a PNG's ``caBX`` chunk), so the C2PA SDK (``c2pa-python``, loaded only then) reads only the
photos that carry one. Its verdict is split in two, as the C2PA specification does: *valid*
means the claim's signature and every hash of the content verify; *trusted* means the
signing certificate chains to a trust anchor the curator gave (a PEM file of CA
certificates). A signer outside the trust list is reported, not counted as a failure.
"""

from __future__ import annotations

import io
import json
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from curator.decode.files import open_regular

VALID = "valid"
INVALID = "invalid"
UNREADABLE = "unreadable"

_MIME = {"jpeg": "image/jpeg", "png": "image/png"}
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
#: A validation failure that says only that the signer is not on a trust list.
_UNTRUSTED = "signingCredential.untrusted"


@dataclass(frozen=True, slots=True)
class CredentialStatus:
    """What a photo's C2PA manifest says of itself.

    ``state`` is ``valid``, ``invalid`` or ``unreadable`` (a manifest the SDK cannot read);
    ``signer`` names the certificate's subject and issuer; ``trusted`` says a trust list the
    curator gave vouches for it; ``detail`` lists the failed checks' codes.
    """

    state: str
    signer: str = ""
    trusted: bool = False
    detail: str = ""


def container_of(head: bytes) -> str | None:
    """``jpeg`` or ``png`` when the file can carry an embedded manifest Curator looks for."""
    if head.startswith(b"\xff\xd8"):
        return "jpeg"
    if head.startswith(_PNG_SIGNATURE):
        return "png"
    return None


def has_manifest(head: bytes) -> bool:
    """Whether ``head`` (a whole file, or its first bytes) holds a C2PA manifest store.

    Only headers are walked (a JPEG's segments up to the image data, a PNG's chunks).
    """
    kind = container_of(head)
    if kind == "jpeg":
        return any(b"c2pa" in payload for payload in _jpeg_app11(head))
    if kind == "png":
        return any(chunk == b"caBX" for chunk in _png_chunks(head))
    return False


def _jpeg_app11(data: bytes) -> list[bytes]:
    found: list[bytes] = []
    offset = 2
    while offset + 4 <= len(data) and data[offset] == 0xFF:
        marker = data[offset + 1]
        if marker in (0xD9, 0xDA):  # end of image, start of scan: no more metadata
            break
        if marker == 0xFF:
            offset += 1
            continue
        (length,) = struct.unpack(">H", data[offset + 2 : offset + 4])
        if marker == 0xEB:
            found.append(data[offset + 4 : offset + 2 + length])
        offset += 2 + length
    return found


def _png_chunks(data: bytes) -> list[bytes]:
    found: list[bytes] = []
    offset = len(_PNG_SIGNATURE)
    while offset + 8 <= len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        found.append(kind)
        if kind == b"IEND":
            break
        offset += 12 + length
    return found


def file_has_manifest(path: Path) -> bool:
    """Whether the file at ``path`` carries a C2PA manifest.

    Walks a JPEG's segment headers (or a PNG's chunk headers) with seeks, reading only the
    first bytes of each APP11 segment: a few hundred bytes for a photo without a manifest.
    """
    try:
        with open_regular(path) as handle:
            head = handle.read(16)
            kind = container_of(head)
            if kind == "jpeg":
                return _jpeg_file_has_manifest(handle)
            if kind == "png":
                return _png_file_has_manifest(handle)
    except (OSError, struct.error):
        return False
    return False


def _jpeg_file_has_manifest(handle: BinaryIO) -> bool:
    handle.seek(2)
    while True:
        header = handle.read(4)
        if len(header) < 4 or header[0] != 0xFF or header[1] in (0xD9, 0xDA):
            return False
        (length,) = struct.unpack(">H", header[2:4])
        if header[1] == 0xEB:
            # JUMBF: "JP", box instance, sequence, then the superbox whose description box
            # carries the label "c2pa" within its first 40 bytes.
            if b"c2pa" in handle.read(min(length - 2, 64)):
                return True
            handle.seek(max(length - 2 - 64, 0), 1)
        else:
            handle.seek(length - 2, 1)


def _png_file_has_manifest(handle: BinaryIO) -> bool:
    handle.seek(len(_PNG_SIGNATURE))
    while True:
        header = handle.read(8)
        if len(header) < 8:
            return False
        (length,) = struct.unpack(">I", header[:4])
        if header[4:8] == b"caBX":
            return True
        if header[4:8] == b"IEND":
            return False
        handle.seek(length + 4, 1)


def check_credentials(data: bytes, trust_anchors: str | None = None) -> CredentialStatus | None:
    """The status of the manifest in ``data`` (a whole file); None when it has none.

    Args:
        data: The file's bytes.
        trust_anchors: PEM CA certificates the signer must chain to for ``trusted``.
    """
    kind = container_of(data[:16])
    if kind is None or not has_manifest(data):
        return None
    import c2pa  # the SDK's native library loads only for photos that need it

    context = None
    if trust_anchors:
        settings = c2pa.Settings.from_dict(
            {"trust": {"trust_anchors": trust_anchors}, "verify": {"verify_trust": True}}
        )
        context = c2pa.Context(settings=settings)
    try:
        with c2pa.Reader(_MIME[kind], io.BytesIO(data), None, context) as reader:
            state = reader.get_validation_state() or ""
            active: dict[str, Any] = reader.get_active_manifest() or {}
            results: dict[str, Any] = reader.get_validation_results() or {}
    except c2pa.C2paError as error:
        return CredentialStatus(UNREADABLE, detail=str(error).strip()[:500])
    failures = [
        str(item.get("code", ""))
        for item in (results.get("activeManifest") or {}).get("failure", [])
        if item.get("code") != _UNTRUSTED
    ]
    valid = state in ("Valid", "Trusted") and not failures
    return CredentialStatus(
        VALID if valid else INVALID,
        signer=signer_name(active),
        trusted=state == "Trusted",
        detail=", ".join(dict.fromkeys(failures)),
    )


def signer_name(manifest: dict[str, Any]) -> str:
    """The signer as ``Common name (issuer)``, from a manifest's ``signature_info``."""
    info = manifest.get("signature_info") or {}
    name = str(info.get("common_name") or "").strip()
    issuer = str(info.get("issuer") or "").strip()
    if name and issuer and issuer != name:
        return f"{name} ({issuer})"
    return name or issuer


def manifest_json(data: bytes, kind: str) -> dict[str, Any]:
    """The whole manifest store of ``data`` as the SDK reports it (for tests and reports)."""
    import c2pa

    with c2pa.Reader(_MIME[kind], io.BytesIO(data)) as reader:
        report: dict[str, Any] = json.loads(reader.json())
    return report

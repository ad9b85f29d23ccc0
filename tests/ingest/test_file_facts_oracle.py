"""Lens, exposure, IPTC state and job id of the real-world corpus, against exiftool's reading.

ORACLE.json predates these fields, so exiftool (the same reference tool) is run here on the
corpus for them. The expectation follows Curator's documented priority: the camera's EXIF
first (ExposureTime, FNumber; the APEX ShutterSpeedValue / ApertureValue where those are
missing, which exiftool converts the same way), then the sidecar's and the embedded XMP;
for state and job id XMP before IPTC IIM. Values exiftool reads that no camera could have
written (an exposure of 4294967295 s, the all-ones "unknown" of a broken writer) are damage,
which Curator leaves out.
"""

from __future__ import annotations

import json
import math
import shutil
import subprocess
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from curator.ingest.metadata.mapping import read_metadata
from curator.ingest.metadata.xmp import sidecar_paths

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "data" / "realworld"
EXIFTOOL = shutil.which("exiftool")
if not (CORPUS / "MANIFEST.tsv").is_file():
    pytest.skip("the shared real-world corpus is not here", allow_module_level=True)
if EXIFTOOL is None:
    pytest.skip("exiftool is not installed", allow_module_level=True)

TAGS = (
    "-ExifIFD:ExposureTime",
    "-ExifIFD:ShutterSpeedValue",
    "-ExifIFD:FNumber",
    "-ExifIFD:ApertureValue",
    "-ExifIFD:ISO",
    "-ExifIFD:FocalLength",
    "-ExifIFD:LensModel",
    "-XMP-exif:ExposureTime",
    "-XMP-exif:FNumber",
    "-XMP-exif:ISO",
    "-XMP-exif:FocalLength",
    "-XMP-exifEX:LensModel",
    "-XMP-aux:Lens",
    "-XMP-photoshop:State",
    "-XMP-photoshop:TransmissionReference",
    "-IPTC:Province-State",
    "-IPTC:OriginalTransmissionReference",
)


@pytest.fixture(scope="module")
def readings() -> dict[Path, dict[str, Any]]:
    """exiftool's reading of every image (and sidecar) in the corpus, by path."""
    out = subprocess.run(
        [str(EXIFTOOL), "-json", "-n", "-G1", "-a", "-r", *TAGS, str(CORPUS / "images")],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    return {Path(item["SourceFile"]): item for item in json.loads(out)}


def _number(value: Any, lowest: float = 0.0, highest: float = 1e5) -> float | None:
    """A numeric reading within what a camera can write, else None (absent or damage)."""
    try:
        number = float(str(value).split()[0].removeprefix("f/"))
    except (TypeError, ValueError, IndexError):
        if isinstance(value, str) and "/" in value:
            num, den = value.split("/", 1)
            return _number(float(num) / float(den.split()[0]), lowest, highest)
        return None
    return number if lowest < number <= highest else None


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = unicodedata.normalize("NFC", str(value)).strip()
    return text or None


def _first(tags: list[dict[str, Any]], *names: str, number: bool = False) -> Any:
    for group in tags:
        for name in names:
            value = _number(group.get(name)) if number else _text(group.get(name))
            if value is not None:
                return value
    return None


def _same_text(ours: str | None, theirs: str | None) -> bool:
    """Equal, or exiftool's Latin-1 (cp1252) reading of IIM without a character set is UTF-8.

    Curator guesses the codec of undeclared IIM text (see curator.ingest.metadata.iptc);
    exiftool always takes Latin-1, so UTF-8 text reads as mojibake ("ÃŽle") there.
    """
    if ours == theirs:
        return True
    if ours is None or theirs is None:
        return False
    for codec in ("cp1252", "latin-1"):
        try:
            if theirs.encode(codec).decode("utf-8") == ours:
                return True
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
    return False


def test_exposure_lens_state_and_job_id_match_exiftool(
    readings: dict[Path, dict[str, Any]],
) -> None:
    compared = {"time": 0, "f_number": 0, "iso": 0, "focal": 0, "lens": 0, "state": 0, "job": 0}
    mismatches = []
    for path, exif in sorted(readings.items()):
        if path.suffix.lower() == ".xmp":
            continue
        sidecars = sidecar_paths(path)[:1]
        xmp = [readings.get(sidecar, {}) for sidecar in sidecars] + [exif]
        meta = read_metadata(path)
        expected = {
            "time": _first([exif], "ExifIFD:ExposureTime", "ExifIFD:ShutterSpeedValue", number=True)
            or _first(xmp, "XMP-exif:ExposureTime", number=True),
            "f_number": _first([exif], "ExifIFD:FNumber", "ExifIFD:ApertureValue", number=True)
            or _first(xmp, "XMP-exif:FNumber", number=True),
            "iso": _first([exif], "ExifIFD:ISO", number=True)
            or _first(xmp, "XMP-exif:ISO", number=True),
            "focal": _first([exif], "ExifIFD:FocalLength", number=True)
            or _first(xmp, "XMP-exif:FocalLength", number=True),
        }
        ours = {
            "time": meta.exposure.time,
            "f_number": meta.exposure.f_number,
            "iso": meta.exposure.iso,
            "focal": meta.exposure.focal_length,
        }
        for name, value in expected.items():
            if value is None and ours[name] is None:
                continue
            compared[name] += 1
            if (
                value is None
                or ours[name] is None
                or not math.isclose(ours[name], value, rel_tol=1e-3)
            ):
                mismatches.append((path.name, name, ours[name], value))
        lens = _first([exif], "ExifIFD:LensModel") or _first(
            xmp, "XMP-exifEX:LensModel", "XMP-aux:Lens"
        )
        state = _first(xmp, "XMP-photoshop:State") or _first([exif], "IPTC:Province-State")
        job = _first(xmp, "XMP-photoshop:TransmissionReference") or _first(
            [exif], "IPTC:OriginalTransmissionReference"
        )
        for name, ours_text, theirs in (
            ("lens", meta.lens, lens),
            ("state", meta.state, state),
            ("job", meta.job_id, job),
        ):
            if ours_text is None and theirs is None:
                continue
            compared[name] += 1
            if not _same_text(ours_text, theirs):
                mismatches.append((path.name, name, ours_text, theirs))
    assert not mismatches
    # The corpus really exercises every field (a comparison of nothing proves nothing).
    assert compared["time"] >= 40 and compared["f_number"] >= 40 and compared["iso"] >= 30
    assert compared["focal"] >= 40 and compared["lens"] >= 5
    assert compared["state"] >= 10 and compared["job"] >= 5

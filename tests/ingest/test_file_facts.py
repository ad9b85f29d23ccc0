"""Lens, exposure, GPS, IPTC state and job id: read at import, stored, shown (issue 21 point 4).

The files here are written by exiftool itself (a tiny Pillow JPEG, then the tags a camera, a
geotagger or Photo Mechanic would write), so what Curator reads is checked against what the
reference tool wrote, including the odd forms: a rational exposure of 1/250, APEX values
without ExposureTime/FNumber, southern and western GPS references, no lens at all, IPTC IIM
beside XMP, and exposure only in an XMP sidecar.
"""

from __future__ import annotations

import json
import math
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from curator.core.library.photo_info import format_exposure_time, metadata_rows
from curator.core.services import ProjectService
from curator.ingest.importer import ImportOptions, import_paths
from curator.ingest.metadata.mapping import read_metadata

EXIFTOOL = shutil.which("exiftool")
pytestmark = pytest.mark.skipif(EXIFTOOL is None, reason="exiftool is not installed")


def _jpeg(folder: Path, name: str, *tags: str) -> Path:
    """A small JPEG with ``tags`` (exiftool assignments such as ``-FNumber=5.6``) written in."""
    path = folder / name
    Image.new("RGB", (64, 48), (90, 120, 150)).save(path, "JPEG")
    if tags:
        subprocess.run(
            [str(EXIFTOOL), "-q", "-overwrite_original", *tags, str(path)],
            check=True,
            capture_output=True,
        )
    return path


def _exiftool(path: Path, *tags: str) -> dict[str, object]:
    out = subprocess.run(
        [str(EXIFTOOL), "-json", "-n", *tags, str(path)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return dict(json.loads(out)[0])


def test_a_camera_files_exposure_lens_and_southern_western_position(tmp_path: Path) -> None:
    path = _jpeg(
        tmp_path,
        "camera.jpg",
        "-Make=NIKON CORPORATION",
        "-Model=NIKON D850",
        "-ExposureTime=1/250",
        "-FNumber=5.6",
        "-ISO=400",
        "-FocalLength=35",
        "-LensModel=AF-S NIKKOR 24-70mm f/2.8E ED VR",
        "-GPSLatitude=33.8688",
        "-GPSLatitudeRef=S",
        "-GPSLongitude=70.6693",
        "-GPSLongitudeRef=W",
    )
    told = _exiftool(path, "-ExposureTime", "-FNumber", "-ISO", "-FocalLength", "-GPSLatitude")
    meta = read_metadata(path)
    assert meta.exposure.time == pytest.approx(told["ExposureTime"]) == pytest.approx(1 / 250)
    assert meta.exposure.f_number == pytest.approx(told["FNumber"])
    assert meta.exposure.iso == told["ISO"] == 400
    assert meta.exposure.focal_length == pytest.approx(told["FocalLength"])
    assert meta.lens == "AF-S NIKKOR 24-70mm f/2.8E ED VR"
    assert meta.gps is not None
    assert meta.gps.lat == pytest.approx(-33.8688, abs=1e-6)
    assert meta.gps.lon == pytest.approx(-70.6693, abs=1e-6)


def test_apex_values_alone_give_the_shutter_speed_and_aperture(tmp_path: Path) -> None:
    # Some compacts write only the APEX values: Tv 7.97 is 1/250 s, Av 5 is f/5.7.
    path = _jpeg(tmp_path, "apex.jpg", "-ShutterSpeedValue=1/250", "-ApertureValue=5.6")
    told = _exiftool(path, "-ShutterSpeedValue", "-ApertureValue", "-ExposureTime", "-FNumber")
    assert "ExposureTime" not in told and "FNumber" not in told
    meta = read_metadata(path)
    assert meta.exposure.time == pytest.approx(float(told["ShutterSpeedValue"]), rel=1e-3)
    assert meta.exposure.f_number == pytest.approx(float(told["ApertureValue"]), rel=1e-3)
    assert format_exposure_time(meta.exposure.time or 0) == "1/250"
    assert meta.lens is None and meta.exposure.iso is None


def test_no_lens_and_no_exposure_leave_no_rows(tmp_path: Path) -> None:
    path = _jpeg(tmp_path, "scan.jpg", "-Make=EPSON", "-Model=Perfection V850")
    meta = read_metadata(path)
    assert meta.lens is None and meta.exposure.is_empty()
    with ProjectService.create(tmp_path / "p.curator", title="T", languages=["en"]) as service:
        import_paths(service, [path], ImportOptions(workers=1))
        (photo,) = service.photos.all()
        labels = [label for label, _value in metadata_rows(photo)]
    assert "Camera" in labels
    assert not {"Lens", "Shutter speed", "Aperture", "ISO", "Focal length"} & set(labels)


def test_iptc_state_and_job_id_from_iim_and_from_xmp(tmp_path: Path) -> None:
    iim = _jpeg(
        tmp_path,
        "iim.jpg",
        "-IPTC:CodedCharacterSet=UTF8",
        "-IPTC:City=Hà Nội",
        "-IPTC:Province-State=Hoàn Kiếm",
        "-IPTC:Country-PrimaryLocationName=Việt Nam",
        "-IPTC:Sub-location=Hồ Gươm",
        "-IPTC:OriginalTransmissionReference=TTX-2025-0815",
    )
    xmp = _jpeg(
        tmp_path,
        "xmp.jpg",
        "-XMP-photoshop:State=Приморский край",
        "-XMP-photoshop:TransmissionReference=ТАСС 4471",
    )
    meta = read_metadata(iim)
    assert (meta.sublocation, meta.city, meta.state, meta.country) == (
        "Hồ Gươm",
        "Hà Nội",
        "Hoàn Kiếm",
        "Việt Nam",
    )
    assert meta.job_id == "TTX-2025-0815"
    meta = read_metadata(xmp)
    assert (meta.state, meta.job_id) == ("Приморский край", "ТАСС 4471")


def test_exposure_in_an_xmp_sidecar_as_lightroom_writes_it(tmp_path: Path) -> None:
    photo = _jpeg(tmp_path, "raw-export.jpg")
    sidecar = tmp_path / "raw-export.xmp"
    subprocess.run(
        [
            str(EXIFTOOL),
            "-q",
            "-o",
            str(sidecar),
            "-XMP-exif:ExposureTime=1/250",
            "-XMP-exif:FNumber=8",
            "-XMP-exif:ISO=200",
            "-XMP-exif:FocalLength=50",
            "-XMP-aux:Lens=EF50mm f/1.4 USM",
            str(photo),
        ],
        check=True,
        capture_output=True,
    )
    assert "1/250" in sidecar.read_text(encoding="utf-8")  # the rational, as text
    meta = read_metadata(photo)
    assert meta.exposure.time == pytest.approx(0.004)
    assert (meta.exposure.f_number, meta.exposure.iso) == (8.0, 200)
    assert meta.exposure.focal_length == 50.0
    assert meta.lens == "EF50mm f/1.4 USM"


def test_import_stores_the_facts_and_the_cli_and_the_panel_rows_show_them(
    tmp_path: Path,
) -> None:
    from curator.cli import main

    path = _jpeg(
        tmp_path,
        "press.jpg",
        "-Make=Canon",
        "-Model=Canon EOS R5",
        "-ExposureTime=1/250",
        "-FNumber=2.8",
        "-ISO=1600",
        "-FocalLength=70",
        "-LensModel=RF24-70mm F2.8 L IS USM",
        "-GPSLatitude=21.0285",
        "-GPSLatitudeRef=N",
        "-GPSLongitude=105.8542",
        "-GPSLongitudeRef=E",
        "-IPTC:CodedCharacterSet=UTF8",
        "-IPTC:Province-State=Hà Nội",
        "-IPTC:OriginalTransmissionReference=VNA-0815",
        "-IPTC:Keywords=lotus",
        "-IPTC:CopyrightNotice=© TTXVN",
        "-IPTC:By-line=Tuấn Anh",
    )
    project = tmp_path / "p.curator"
    ProjectService.create(project, title="T", languages=["vi", "en"]).close()
    assert main(["import", str(project), str(path)]) == 0
    with ProjectService.open(project, read_only=True) as service:
        (photo,) = service.photos.all()
    rows = dict(metadata_rows(photo))
    assert rows["Lens"] == "RF24-70mm F2.8 L IS USM"
    assert rows["Shutter speed"] == "1/250 s"
    assert rows["Aperture"] == "f/2.8"
    assert rows["ISO"] == "1600"
    assert rows["Focal length"] == "70 mm"
    assert rows["Location"] == "Hà Nội"
    assert rows["Job ID"] == "VNA-0815"
    assert rows["GPS coordinates"] == "21.028500° N, 105.854200° E"


def test_photos_json_carries_the_new_fields(tmp_path: Path, capsys) -> None:
    from curator.cli import main

    path = _jpeg(
        tmp_path,
        "a.jpg",
        "-ExposureTime=1/250",
        "-FNumber=5.6",
        "-LensModel=XF23mmF2 R WR",
        "-XMP-photoshop:State=Bavaria",
        "-XMP-photoshop:TransmissionReference=JOB-7",
    )
    project = tmp_path / "p.curator"
    ProjectService.create(project, title="T", languages=["en"]).close()
    assert main(["import", str(project), str(path)]) == 0
    capsys.readouterr()
    assert main(["photos", str(project), "--json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert row["lens"] == "XF23mmF2 R WR"
    assert math.isclose(row["exposure"]["time"], 0.004)
    assert row["exposure"]["f_number"] == 5.6
    assert row["exposure"]["iso"] is None and row["exposure"]["focal_length"] is None
    assert (row["state"], row["job_id"]) == ("Bavaria", "JOB-7")


@pytest.mark.parametrize(
    ("seconds", "written"),
    [(1 / 250, "1/250"), (1 / 8000, "1/8000"), (0.25, "1/4"), (0.3, "0.3"), (2, "2"), (30, "30")],
)
def test_exposure_times_read_as_exiftool_prints_them(
    tmp_path: Path, seconds: float, written: str
) -> None:
    path = _jpeg(tmp_path, "t.jpg", f"-ExposureTime={seconds!r}")
    printed = subprocess.run(
        [str(EXIFTOOL), "-s3", "-ExposureTime", str(path)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    time = read_metadata(path).exposure.time
    assert time is not None
    assert format_exposure_time(time) == printed == written

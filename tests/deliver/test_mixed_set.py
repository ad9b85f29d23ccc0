"""A whole mixed set delivered: JPEG, TIFF (8 and 16 bits, with and without a profile), PNG,
captioned or not, full size and resized. Every copy is written, and exiftool reads in it what
the plan said: the captions where there are some, and for the others the credit, the date
and the rights they have.
"""

from __future__ import annotations

import dataclasses
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image, ImageCms

from curator.core.delivery_planning.settings import resolve_options
from curator.core.model import CaptionField
from curator.core.services import CaptionEdit, ProjectService
from curator.deliver.service import WRITTEN, DeliveryReport, deliver
from curator.ingest.importer import ImportOptions, import_paths
from tests.deliver.helpers import exiftool, needs_exiftool

pytestmark = needs_exiftool

CAPTIONED = ("jpeg-captioned.jpg", "tiff8-captioned.tif", "png-captioned.png")


def _srgb() -> bytes:
    return bytes(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())


def _tiff16(path: Path) -> None:
    """A 16-bit greyscale TIFF, mid-grey (a 48-bit RGB TIFF is refused at import today)."""
    Image.new("I;16", (96, 64), 30000).save(path)


def _originals(folder: Path) -> list[Path]:
    folder.mkdir()
    Image.new("RGB", (96, 64), "red").save(folder / "jpeg-captioned.jpg", quality=90)
    Image.new("RGB", (96, 64), "orange").save(folder / "jpeg-plain.jpg", quality=90)
    Image.new("RGB", (96, 64), "blue").save(folder / "tiff8-captioned.tif")
    Image.new("RGB", (96, 64), "navy").save(folder / "tiff8-profile.tif", icc_profile=_srgb())
    Image.new("L", (96, 64), 90).save(folder / "tiff8-grey.tif")
    _tiff16(folder / "tiff16-grey.tif")
    Image.new("RGB", (96, 64), "purple").save(folder / "tiff8-lzw.tif", compression="tiff_lzw")
    Image.new("RGB", (96, 64), "green").save(folder / "png-captioned.png")
    Image.new("RGBA", (96, 64), (0, 90, 0, 128)).save(folder / "png-plain.png")
    paths = sorted(folder.iterdir())
    # Nothing at all: no caption, no author, no rights, no date.
    Image.new("RGB", (96, 64), "grey").save(folder / "bare.jpg", quality=90)
    Image.new("RGB", (96, 64), "white").save(folder / "bare.tif")
    # What a camera or an agency leaves in an uncaptioned file: author, rights, the date.
    subprocess.run(
        [
            "exiftool",
            "-q",
            "-overwrite_original",
            "-Artist=Nguyễn Văn A",
            "-Copyright=© 2026 Agency",
            "-XMP-dc:Creator=Nguyễn Văn A",
            "-XMP-dc:Rights=© 2026 Agency",
            "-XMP-photoshop:DateCreated=2026:02:24 15:05:00+07:00",
            "-XMP-photoshop:Credit=Agency Photo",
            *map(str, paths),
        ],
        check=True,
    )
    return sorted(folder.iterdir())


@pytest.fixture
def mixed(tmp_path: Path) -> Iterator[ProjectService]:
    originals = _originals(tmp_path / "originals")
    service = ProjectService.create(tmp_path / "p.curator", title="t", languages=["vi", "en"])
    report = import_paths(service, originals, ImportOptions(workers=1))
    assert not report.refused
    assert len(list(service.photos.all())) == len(originals)
    edits = []
    for photo in service.photos.all():
        if photo.path.name in CAPTIONED:
            for language, text in (("vi", "Phóng viên tại Hà Nội."), ("en", "Reporters.")):
                edits.append(CaptionEdit(photo.id, language, CaptionField.CAPTION, text))
                edits.append(CaptionEdit(photo.id, language, CaptionField.HEADLINE, text[:9]))
    service.set_captions(edits)
    yield service
    service.close()


def _check_against_plan(report: DeliveryReport) -> None:
    assert report.total == 11
    problems = {f.item.photo.path.name: [p.message for p in f.problems] for f in report.files}
    assert [f.status for f in report.files] == [WRITTEN] * 11, problems
    for delivered in report.files:
        plan = delivered.item.metadata
        tags = exiftool(delivered.path)
        name = delivered.item.photo.path.name
        if name.startswith("bare"):
            assert plan.rights is None and not plan.creators and plan.credit is None, name
            assert not [key for key in tags if key.startswith(("XMP-dc", "XMP-photoshop"))]
            continue
        assert plan.rights == "© 2026 Agency", name
        assert tags["XMP-dc:Rights"] == plan.rights, name
        assert plan.creators == ("Nguyễn Văn A",), name
        assert tags["XMP-dc:Creator"] == "Nguyễn Văn A", name
        assert plan.credit and "Agency Photo" in plan.credit, name
        assert tags["XMP-photoshop:Credit"] == plan.credit, name
        assert plan.date_created is not None
        assert tags["XMP-photoshop:DateCreated"] == "2026:02:24 15:05:00+07:00", name
        if name in CAPTIONED:
            assert tags["XMP-dc:Description-vi"] == "Phóng viên tại Hà Nội.", name
            assert tags["XMP-dc:Description-en"] == "Reporters.", name
        else:
            assert "XMP-dc:Description-vi" not in tags, name
        if plan.iim:
            assert tags["IPTC:CopyrightNotice"] == plan.rights, name


def test_mixed_set_full_size(mixed: ProjectService, tmp_path: Path) -> None:
    report = deliver(mixed, tmp_path / "out", resolve_options(mixed))
    _check_against_plan(report)


def test_mixed_set_resized(mixed: ProjectService, tmp_path: Path) -> None:
    options = dataclasses.replace(resolve_options(mixed), long_edge=48)
    report = deliver(mixed, tmp_path / "out", options)
    _check_against_plan(report)
    for delivered in report.files:
        assert delivered.resized == (48, 32), delivered.item.photo.path.name
        assert delivered.path.suffix == delivered.item.photo.path.suffix
        with Image.open(delivered.path) as copy:
            assert copy.size == (48, 32)
            assert copy.info.get("icc_profile"), delivered.path.name  # sRGB, as resized
            if delivered.item.photo.path.name == "tiff16-grey.tif":
                grey = copy.convert("L").getpixel((24, 16))
                assert grey is not None and abs(int(grey) - 30000 // 257) <= 3  # not clipped

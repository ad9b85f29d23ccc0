"""Keywords delivered: dc:subject with the glossary's renderings, IIM 2:25 within 64 bytes."""

from __future__ import annotations

from pathlib import Path

from curator.core.delivery_planning.settings import resolve_options
from curator.core.services import ProjectService
from curator.deliver.service import WRITTEN, deliver
from curator.demo import write_demo
from curator.ingest.importer import ImportOptions, import_paths
from tests.deliver.helpers import exiftool, needs_exiftool, validation_warnings

pytestmark = needs_exiftool

LONG = "Hội đàm giữa Thông tấn xã Việt Nam và Hãng Thông tấn TASS tại Hà Nội"  # > 64 bytes


def _as_list(value: object) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def test_keywords_renderings_and_iim_limits(tmp_path: Path) -> None:
    project, _created = write_demo(tmp_path / "demo")
    with ProjectService.open(project) as service:
        section = service.exhibition.sections()[0].id
        first = service.exhibition.photo_ids(section)[0]
        ops = service.operations.keywords
        ops.add(LONG, [first])
        ops.remove("hội đàm", [first])
        kept = ops.of([first])[first]
        report = deliver(service, tmp_path / "out", resolve_options(service), section)
    copy = next(f for f in report.files if f.item.photo.id == first)
    assert copy.status == WRITTEN  # read back by Curator: dc:subject and IIM as planned
    tags = exiftool(copy.path)
    subject = _as_list(tags["XMP-dc:Subject"])
    assert "hội đàm" not in subject
    assert LONG in subject
    # TTXVN is in the glossary: its Russian and English renderings follow it
    assert subject.index("TTXVN") < subject.index("ВИА") and "VNA" in subject
    assert set(kept) <= set(subject)
    iim = _as_list(tags["IPTC:Keywords"])
    assert LONG not in iim and "ВИА" in iim and "hội đàm" not in iim
    assert all(len(word.encode("utf-8")) <= 64 for word in iim)
    assert any(LONG in note for note in copy.item.metadata.notes)
    assert validation_warnings(copy.path) <= validation_warnings(copy.item.photo.path)
    # Import keeps them: a delivered copy brings its keywords into another project.
    with ProjectService.create(tmp_path / "back.curator", title="B", languages=["vi"]) as back:
        import_paths(back, [copy.path], ImportOptions(workers=1))
        (photo,) = back.photos.all()
        assert list(photo.keywords) == subject


def test_a_photo_whose_keywords_were_all_removed_delivers_none(tmp_path: Path) -> None:
    project, _created = write_demo(tmp_path / "demo")
    with ProjectService.open(project) as service:
        section = service.exhibition.sections()[0].id
        first = service.exhibition.photo_ids(section)[0]
        ops = service.operations.keywords
        for word in ops.of([first])[first]:
            ops.remove(word, [first])
        report = deliver(service, tmp_path / "out", resolve_options(service), section)
    copy = next(f for f in report.files if f.item.photo.id == first)
    assert copy.status == WRITTEN
    original = exiftool(copy.item.photo.path)
    assert "XMP-dc:Subject" in original  # the original had some: the copy says none
    tags = exiftool(copy.path)
    assert "XMP-dc:Subject" not in tags and "IPTC:Keywords" not in tags

"""Delivered copies as other tools read them: every language, IIM without mojibake, valid files.

The demo exhibition and real photos from the shared corpus go through ``deliver``; exiftool
reads what came out. Originals must be byte for byte what they were.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from curator.core.delivery_planning.settings import resolve_options
from curator.core.model import CaptionField
from curator.core.services import CaptionEdit, ProjectService
from curator.deliver.exiv2 import open_image
from curator.deliver.service import WRITTEN, DeliveryReport, deliver
from curator.demo import write_demo
from curator.ingest.importer import ImportOptions, import_paths
from tests.deliver.helpers import (
    corpus_file,
    exiftool,
    jpeg_scan,
    needs_exiftool,
    validation_warnings,
)

pytestmark = needs_exiftool


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path, _created = write_demo(tmp_path_factory.mktemp("demo"))
    return path


@pytest.fixture(scope="module")
def demo_delivery(demo: Path, tmp_path_factory: pytest.TempPathFactory) -> DeliveryReport:
    before = {p: sha256(p) for p in (demo.parent / "photos").iterdir()}
    with ProjectService.open(demo, read_only=True) as service:
        report = deliver(service, tmp_path_factory.mktemp("out"), resolve_options(service))
    assert {p: sha256(p) for p in before} == before  # originals untouched
    return report


def test_demo_every_copy_written_named_and_verified(demo_delivery: DeliveryReport) -> None:
    assert demo_delivery.total == 9
    assert [f.status for f in demo_delivery.files] == [WRITTEN] * 9
    names = [f.path.name for f in demo_delivery.files]
    assert names[0] == "01-001-Tuan-Anh.jpg"
    assert "02-003-Aleksey-Morozov.jpg" in names
    assert all(name.isascii() for name in names)
    assert sorted(p.name for p in demo_delivery.folder.iterdir()) == sorted(names)


def test_demo_exiftool_reads_every_language_and_field(
    demo: Path, demo_delivery: DeliveryReport
) -> None:
    first = demo_delivery.files[0]
    tags = exiftool(first.path)
    with ProjectService.open(demo, read_only=True) as service:
        captions = {
            (c.language, c.field): c.text for c in service.captions.for_photo(first.item.photo.id)
        }
    for language in ("vi", "ru", "en"):
        assert tags[f"XMP-dc:Description-{language}"] == captions[language, CaptionField.CAPTION]
        assert tags[f"XMP-dc:Title-{language}"] == captions[language, CaptionField.HEADLINE]
    assert tags["XMP-dc:Description"] == captions["vi", CaptionField.CAPTION]  # x-default
    assert tags["XMP-photoshop:Headline"] == captions["vi", CaptionField.HEADLINE]
    assert tags["XMP-photoshop:Credit"] == captions["vi", CaptionField.CREDIT]
    assert tags["XMP-dc:Creator"] == "Tuấn Anh"
    assert tags["XMP-photoshop:DateCreated"] == "2026:02:24 15:05:00+07:00"
    assert tags["XMP-photoshop:City"] == "Hà Nội"
    assert tags["XMP-iptcCore:CountryCode"] == "VN"
    # IIM: UTF-8, declared, decoded without mojibake, the caption whole (it fits).
    assert tags["IPTC:CodedCharacterSet"] == "UTF8"
    assert tags["IPTC:Caption-Abstract"] == captions["vi", CaptionField.CAPTION]
    assert tags["IPTC:By-line"] == "Tuấn Anh"
    assert tags["IPTC:City"] == "Hà Nội"
    assert tags["IPTC:DateCreated"] == "2026:02:24"
    assert tags["IPTC:TimeCreated"] == "15:05:00+07:00"
    sublocation = tags["IPTC:Sub-location"]
    assert len(sublocation.encode("utf-8")) <= 32
    assert tags["XMP-iptcCore:Location"].startswith(sublocation)  # full text in XMP
    assert "sublocation" in first.item.metadata.iim_cut


def test_demo_copies_validate_and_keep_the_jpeg_data(demo_delivery: DeliveryReport) -> None:
    for delivered in demo_delivery.files:
        original = delivered.item.photo.path
        assert validation_warnings(delivered.path) <= validation_warnings(original)
        assert jpeg_scan(delivered.path) == jpeg_scan(original)  # not re-encoded


def test_main_language_names_x_default_not_the_locale(
    demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "vi_VN.UTF-8")
    with ProjectService.open(demo, read_only=True) as service:
        options = resolve_options(service, languages=["ru", "en"], main_language="ru")
        report = deliver(service, tmp_path, options, service.exhibition.sections()[0].id)
    assert report.total == 2
    tags = exiftool(report.files[0].path)
    assert tags["XMP-dc:Description"] == tags["XMP-dc:Description-ru"]
    # Vietnamese was not delivered: the original's own entry, if any, is left as it was.
    original = exiftool(report.files[0].item.photo.path)
    assert tags.get("XMP-dc:Description-vi") == original.get("XMP-dc:Description-vi")
    assert tags["IPTC:Caption-Abstract"] == tags["XMP-dc:Description-ru"]
    assert report.files[0].path.name == "01-001-Tuan-An.jpg"  # "Туан Ань", transliterated


def _project_with(tmp_path: Path, originals: list[Path]) -> ProjectService:
    folder = tmp_path / "originals"
    folder.mkdir()
    copies = []
    for original in originals:
        copies.append(folder / original.name)
        shutil.copy2(original, copies[-1])
    service = ProjectService.create(tmp_path / "p.curator", title="t", languages=["vi", "ru", "en"])
    report = import_paths(service, copies, ImportOptions(workers=1))
    assert not report.refused
    edits = []
    for photo in service.photos.all():
        for language, text in (
            ("vi", "Phóng viên tác nghiệp tại Hà Nội. " * 80),
            ("ru", "Журналисты за работой в Ханое."),
            ("en", "Reporters at work in Hanoi."),
        ):
            edits.append(CaptionEdit(photo.id, language, CaptionField.CAPTION, text.strip()))
            edits.append(CaptionEdit(photo.id, language, CaptionField.HEADLINE, text[:30].strip()))
    service.set_captions(edits)
    return service


@pytest.fixture
def realworld(tmp_path: Path) -> Iterator[tuple[ProjectService, Path]]:
    originals = [
        corpus_file("mei/FujiFilm FinePixS1Pro (1).jpg"),  # GPS + ICC + IIM + XMP + digest
        corpus_file("frameright/IPTC-PhotometadataRef-Std2021.1.jpg"),  # every IPTC field
        corpus_file("exiftool/ExifTool.tif"),
        corpus_file("exiv2/ReaganSmallPng.png"),
        corpus_file("mei/Canon EOS 7D.jpg"),  # Adobe RGB, maker notes
    ]
    service = _project_with(tmp_path, originals)
    yield service, tmp_path / "out"
    service.close()


def test_realworld_keeps_what_curator_did_not_change(
    realworld: tuple[ProjectService, Path],
) -> None:
    service, out = realworld
    originals = {p.path.name: p.path for p in service.photos.all()}
    hashes = {name: sha256(path) for name, path in originals.items()}
    report = deliver(service, out, resolve_options(service))
    assert [f.status for f in report.files] == [WRITTEN] * 5, [
        p.message for f in report.files for p in f.problems
    ]
    assert {name: sha256(path) for name, path in originals.items()} == hashes
    by_source = {f.item.photo.path.name: f.path for f in report.files}
    for name, copy in by_source.items():
        before, after = exiftool(originals[name]), exiftool(copy)
        for key, value in before.items():
            group = key.split(":")[0]
            if group in ("GPS", "ICC_Profile", "ICC-header", "XMP-iptcExt", "XMP-plus"):
                assert after.get(key) == value, (name, key)
            if group.startswith("MakerNotes") or group in ("Canon", "CanonCustom"):
                assert after.get(key) == value, (name, key)
        assert after["XMP-dc:Description-ru"] == "Журналисты за работой в Ханое."
        assert after["IPTC:CodedCharacterSet"] == "UTF8"
        caption = after["IPTC:Caption-Abstract"]
        assert len(caption.encode("utf-8")) <= 2000
        assert after["XMP-dc:Description"].startswith(caption)
        assert "\ufffd" not in caption
        assert validation_warnings(copy) <= validation_warnings(originals[name]), name
    fuji = by_source["FujiFilm FinePixS1Pro (1).jpg"]
    assert jpeg_scan(fuji) == jpeg_scan(originals["FujiFilm FinePixS1Pro (1).jpg"])
    assert "IPTCDigest is not current. XMP may be out of sync" not in validation_warnings(fuji)
    tiff = by_source["ExifTool.tif"]
    with Image.open(tiff) as a, Image.open(originals["ExifTool.tif"]) as b:
        assert a.tobytes() == b.tobytes()
        assert a.info.get("icc_profile") == b.info.get("icc_profile")


def test_other_languages_lang_alt_entries_stay(tmp_path: Path) -> None:
    original = tmp_path / "german.jpg"
    shutil.copy2(corpus_file("frameright/IPTC-PhotometadataRef-Std2021.1.jpg"), original)
    with open_image(original.read_bytes()) as image:
        image.modify_xmp(
            {"Xmp.dc.description": {'lang="x-default"': "Alt", 'lang="de"': "Deutsch bleibt"}}
        )
        original.write_bytes(image.get_bytes())
    service = _project_with(tmp_path, [original])
    report = deliver(service, tmp_path / "out", resolve_options(service, main_language="en"))
    service.close()
    tags = exiftool(report.files[0].path)
    assert tags["XMP-dc:Description-de"] == "Deutsch bleibt"
    assert tags["XMP-dc:Description"] == "Reporters at work in Hanoi."


def test_legacy_iim_is_reencoded_not_mangled(tmp_path: Path) -> None:
    original = tmp_path / "latin1.jpg"
    Image.new("RGB", (64, 48), "grey").save(original, quality=90)
    with open_image(original.read_bytes()) as image:
        image.modify_iptc(
            {
                "Iptc.Application2.Keywords": ["Café", "Göteborg"],
                "Iptc.Application2.Source": "Agence Française",
            },
            encoding="latin-1",
        )
        original.write_bytes(image.get_bytes())
    assert "IPTC:CodedCharacterSet" not in exiftool(original)
    service = _project_with(tmp_path, [original])
    report = deliver(service, tmp_path / "out", resolve_options(service))
    service.close()
    tags = exiftool(report.files[0].path)
    assert tags["IPTC:CodedCharacterSet"] == "UTF8"
    assert tags["IPTC:Keywords"] == ["Café", "Göteborg"]
    assert tags["IPTC:Source"] == "Agence Française"


@pytest.mark.parametrize(("policy", "expect_iim"), [("never", False), ("if-present", True)])
def test_iim_policy_on_a_photo_with_iim(tmp_path: Path, policy: str, expect_iim: bool) -> None:
    service = _project_with(tmp_path, [corpus_file("mei/FujiFilm FinePixS1Pro (1).jpg")])
    report = deliver(service, tmp_path / "out", resolve_options(service, iim=policy))
    service.close()
    tags = exiftool(report.files[0].path)
    assert report.files[0].status == WRITTEN
    if expect_iim:
        assert tags["IPTC:Caption-Abstract"].startswith("Phóng viên")
    else:
        # The old caption must not linger in IIM to contradict the new XMP one.
        assert "IPTC:Caption-Abstract" not in tags
        assert "IPTC:By-line" not in tags
        assert tags["IPTC:Source"] == "FreeFoto.com"  # fields Curator does not write stay
    assert tags["XMP-dc:Description-vi"].startswith("Phóng viên")


def test_if_present_writes_no_iim_where_there_was_none(demo: Path, tmp_path: Path) -> None:
    with ProjectService.open(demo, read_only=True) as service:
        report = deliver(service, tmp_path, resolve_options(service, iim="if-present"))
    tags = exiftool(report.files[0].path)
    assert not any(key.startswith("IPTC:") for key in tags)
    assert not report.files[0].iim


def test_resizing_converts_to_srgb_and_keeps_metadata(tmp_path: Path) -> None:
    canon = corpus_file("mei/Canon EOS 7D.jpg")
    gps = corpus_file("mei/FujiFilm FinePixS1Pro (1).jpg")
    service = _project_with(tmp_path, [canon, gps])
    report = deliver(service, tmp_path / "out", resolve_options(service, long_edge=200))
    service.close()
    assert [f.status for f in report.files] == [WRITTEN, WRITTEN]
    for delivered in report.files:
        before, after = exiftool(delivered.item.photo.path), exiftool(delivered.path)
        assert (
            before["ICC_Profile:ProfileDescription"] != ""
            and "sRGB" in after["ICC_Profile:ProfileDescription"]
        )
        with Image.open(delivered.path) as image:
            assert max(image.size) == 200
            assert delivered.resized == image.size
        assert after["XMP-dc:Description-en"] == "Reporters at work in Hanoi."
        for key in ("GPS:GPSLatitude", "IFD0:Model", "ExifIFD:ExposureTime"):
            assert after.get(key) == before.get(key)
        if "ExifIFD:ExifImageWidth" in after:
            assert after["ExifIFD:ExifImageWidth"] == delivered.resized[0]
    adobe = next(f for f in report.files if f.item.photo.path.name == "Canon EOS 7D.jpg")
    assert "Adobe RGB" in exiftool(adobe.item.photo.path)["ICC_Profile:ProfileDescription"]
    # A small photo is not re-encoded at all.
    service = ProjectService.open(tmp_path / "p.curator", read_only=True)
    small = deliver(service, tmp_path / "small", resolve_options(service, long_edge=100000))
    service.close()
    assert all(f.resized is None for f in small.files)
    assert jpeg_scan(small.files[0].path) == jpeg_scan(small.files[0].item.photo.path)


@pytest.mark.parametrize("suffix", [".tif", ".jpg"])
def test_photoshop_iptc_digest_is_brought_up_to_date(tmp_path: Path, suffix: str) -> None:
    import subprocess

    original = tmp_path / f"digest{suffix}"
    Image.new("RGB", (50, 40), "red").save(original)
    subprocess.run(
        [
            "exiftool",
            "-q",
            "-overwrite_original",
            "-IPTC:Caption-Abstract=old",
            "-XMP-dc:Description=old",
            "-IPTCDigest=new",
            str(original),
        ],
        check=True,
    )
    assert exiftool(original)["Photoshop:IPTCDigest"]
    service = _project_with(tmp_path, [original])
    report = deliver(service, tmp_path / "out", resolve_options(service))
    service.close()
    assert report.files[0].status == WRITTEN  # Curator's reader finds the digest current
    copy = report.files[0].path
    tags = exiftool(copy)
    assert tags["IPTC:Caption-Abstract"].startswith("Phóng viên")
    assert "IPTCDigest is not current. XMP may be out of sync" not in validation_warnings(copy)

"""Alt text and extended description delivered as IPTC lang-alt, one entry per language.

The demo exhibition carries an alt text in Vietnamese, Russian and English for every photo
(and an extended description for the first): after ``deliver`` exiftool reads each language,
Curator's own reader reads them back, and importing a delivered copy keeps them as captions.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from curator.core.delivery_planning.settings import resolve_options
from curator.core.model import CaptionField
from curator.core.services import ProjectService
from curator.deliver.service import WRITTEN, DeliveryReport, deliver
from curator.demo import write_demo
from curator.ingest.importer import ImportOptions, import_paths
from curator.ingest.metadata.containers import read_blocks
from curator.ingest.metadata.xmp import parse_xmp
from tests.deliver.helpers import exiftool, needs_exiftool, validation_warnings

pytestmark = needs_exiftool

ALT = "XMP-iptcCore:AltTextAccessibility"
EXT = "XMP-iptcCore:ExtDescrAccessibility"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path, _created = write_demo(tmp_path_factory.mktemp("demo"))
    return path


@pytest.fixture(scope="module")
def delivered(demo: Path, tmp_path_factory: pytest.TempPathFactory) -> DeliveryReport:
    with ProjectService.open(demo, read_only=True) as service:
        return deliver(service, tmp_path_factory.mktemp("out"), resolve_options(service))


def _texts(demo: Path, photo_id: str, field: CaptionField) -> dict[str, str]:
    with ProjectService.open(demo, read_only=True) as service:
        return {
            c.language: c.text for c in service.captions.for_photo(photo_id) if c.field is field
        }


def test_every_demo_photo_carries_its_alt_text_in_three_languages(
    demo: Path, delivered: DeliveryReport
) -> None:
    assert [f.status for f in delivered.files] == [WRITTEN] * 9  # read back: no mismatch
    for copy in delivered.files:
        tags = exiftool(copy.path)
        alt = _texts(demo, copy.item.photo.id, CaptionField.ALT)
        assert sorted(alt) == ["en", "ru", "vi"]
        for language in ("vi", "ru", "en"):
            assert tags[f"{ALT}-{language}"] == alt[language]
            assert len(alt[language]) <= 250
        assert tags[ALT] == alt["vi"]  # x-default: the main language
        # never mixed into what is printed or captioned
        assert alt["en"] not in str(tags.get("XMP-dc:Description-en", ""))
        assert validation_warnings(copy.path) <= validation_warnings(copy.item.photo.path)


def test_the_extended_description_is_delivered_per_language(
    demo: Path, delivered: DeliveryReport
) -> None:
    first = delivered.files[0]
    tags = exiftool(first.path)
    described = _texts(demo, first.item.photo.id, CaptionField.DESCRIPTION)
    assert sorted(described) == ["en", "ru", "vi"]
    for language, text in described.items():
        assert tags[f"{EXT}-{language}"] == text
    # A photo without one gets no empty property.
    assert not any(key.startswith(EXT) for key in exiftool(delivered.files[1].path))


def test_curators_reader_and_import_read_them_back(
    delivered: DeliveryReport, tmp_path: Path
) -> None:
    first = delivered.files[0]
    blocks = read_blocks(first.path)
    fields = parse_xmp(blocks.xmp[0])
    by_language = {item.language: item.text for item in fields.alt_texts}
    assert by_language["ru"] == first.item.metadata.alt_text.values["ru"]
    assert by_language[None] == first.item.metadata.alt_text.default
    with ProjectService.create(
        tmp_path / "back.curator", title="Back", languages=["vi", "ru", "en"]
    ) as back:
        report = import_paths(back, [first.path], ImportOptions(workers=1))
        assert not report.refused
        (photo,) = back.photos.all()
        captions = {(c.language, c.field): c.text for c in back.captions.for_photo(photo.id)}
    for language in ("vi", "ru", "en"):
        assert captions[language, CaptionField.ALT] == by_language[language]
        assert (
            captions[language, CaptionField.DESCRIPTION]
            == (first.item.metadata.ext_description.values[language])
        )


def test_an_alt_text_removed_in_one_language_leaves_the_file(tmp_path: Path) -> None:
    project, _created = write_demo(tmp_path / "demo")
    with ProjectService.open(project) as service:
        photo_id = service.exhibition.photo_ids(service.exhibition.sections()[0].id)[0]
        service.captions.set(photo_id, "ru", CaptionField.ALT, "")
        options = resolve_options(service)
        report = deliver(service, tmp_path / "out", options, service.exhibition.sections()[0].id)
    tags = exiftool(report.files[0].path)
    assert f"{ALT}-ru" not in tags
    assert tags[f"{ALT}-en"] and tags[f"{ALT}-vi"]

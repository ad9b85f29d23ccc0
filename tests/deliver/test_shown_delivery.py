"""Who and what a photo shows, delivered as IPTC Extension XMP and read back by exiftool."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

from curator.core.delivery_planning.settings import resolve_options
from curator.core.model import GlossaryKind
from curator.core.services import ProjectService
from curator.core.shown import Region, Shown, ShownLocation
from curator.deliver.exiv2 import open_image
from curator.deliver.service import WRITTEN, deliver
from curator.demo import write_demo
from curator.ingest.importer import ImportOptions, import_paths
from curator.ingest.metadata.shown_xmp import read_shown
from tests.deliver.helpers import corpus_file, needs_exiftool, validation_warnings


def _exiftool(path: Path) -> dict[str, Any]:
    out = subprocess.run(
        ["exiftool", "-j", "-G1", "-struct", "-XMP-iptcExt:all", str(path)],
        capture_output=True,
        check=True,
    )
    result: dict[str, Any] = json.loads(out.stdout.decode("utf-8"))[0]
    return result


def _exiftool_tag(path: Path, tag: str) -> dict[str, Any]:
    out = subprocess.run(["exiftool", "-j", "-G1", tag, str(path)], capture_output=True, check=True)
    result: dict[str, Any] = json.loads(out.stdout.decode("utf-8"))[0]
    return result


def _packet(path: Path) -> bytes:
    with open_image(path.read_bytes()) as image:
        raw = image.read_raw_xmp()
    return raw.encode("utf-8") if isinstance(raw, str) else bytes(raw)


def _entry(service: ProjectService, kind: GlossaryKind, note: str = "", **terms: str) -> int:
    with service.store.transaction():
        return service.glossary.add(kind, terms, note).id


@needs_exiftool
def test_a_person_picked_once_is_delivered_in_every_language(tmp_path: Path) -> None:
    project, _created = write_demo(tmp_path / "demo")
    with ProjectService.open(project) as service:
        photo = service.queries.all_photos()[0]
        ho = _entry(
            service,
            GlossaryKind.PERSON,
            "https://www.wikidata.org/wiki/Q36014",
            vi="Hồ Chí Minh",
            ru="Хо Ши Мин",
            en="Ho Chi Minh",
        )
        vna = service.operations.shown.find("VNA", GlossaryKind.ORGANISATION).id
        hanoi = service.operations.shown.find("Hanoi", GlossaryKind.PLACE).id
        river = service.operations.shown.find("Red River", GlossaryKind.PLACE).id
        shown = (
            Shown()
            .with_person(ho, Region(0.25, 0.125, 0.5, 0.625))
            .with_organisation(vna)
            .with_location(ShownLocation((("sublocation", river), ("city", hanoi))))
            .with_event("vi", "Quốc khánh")
            .with_event("ru", "День независимости")
        )
        service.operations.shown.set(photo.id, shown)
        report = deliver(service, tmp_path / "out", resolve_options(service))
    copy = next(f for f in report.files if f.item.photo.id == photo.id)
    assert copy.status == WRITTEN, copy.problems  # Curator's reader verified it
    tags = _exiftool(copy.path)
    assert tags["XMP-iptcExt:PersonInImage"] == ["Hồ Chí Minh"]  # a bag: the main language
    assert tags["XMP-iptcExt:OrganisationInImageName"] == ["TTXVN"]
    (region,) = tags["XMP-iptcExt:ImageRegion"]
    assert region["RegionBoundary"] == {
        "RbShape": "Rectangle",
        "RbUnit": "Relative",
        "RbX": 0.25,
        "RbY": 0.125,
        "RbW": 0.5,
        "RbH": 0.625,
    }
    assert region["RCtype"] == [
        {"Identifier": ["http://cv.iptc.org/newscodes/imageregiontype/human"]}
    ]
    (location,) = tags["XMP-iptcExt:LocationShown"]
    assert (location["City"], location["Sublocation"]) == ("Hà Nội", "sông Hồng")
    assert tags["XMP-iptcExt:PersonInImageWDetails"][0]["PersonId"] == [
        "https://www.wikidata.org/wiki/Q36014"
    ]
    for tag, person, place, event in (
        ("vi", "Hồ Chí Minh", "sông Hồng, Hà Nội", "Quốc khánh"),
        ("ru", "Хо Ши Мин", "Красная река, Ханой", "День независимости"),
        ("en", "Ho Chi Minh", "Red River, Hanoi", None),
    ):
        details = tags["XMP-iptcExt:PersonInImageWDetails"][0]
        assert details[f"PersonName-{tag}"] == person
        assert region[f"Name-{tag}"] == person
        assert location[f"LocationName-{tag}"] == place
        assert tags.get(f"XMP-iptcExt:Event-{tag}") == event
        # One language asked for by name, as a reader in that language would.
        flat = _exiftool_tag(copy.path, f"-XMP-iptcExt:PersonInImageName-{tag}")
        assert flat[f"XMP-iptcExt:PersonInImageName-{tag}"] == person
    # exiftool -validate: nothing new against the original.
    assert validation_warnings(copy.path) <= validation_warnings(photo.path)
    # Curator's own reader reads it back.
    found = read_shown(_packet(copy.path))
    assert found.details[0].names["ru"] == "Хо Ши Мин"
    assert found.regions[0].box == {"rbX": 0.25, "rbY": 0.125, "rbW": 0.5, "rbH": 0.625}
    assert found.event == {
        "x-default": "Quốc khánh",
        "vi": "Quốc khánh",
        "ru": "День независимости",
    }


@needs_exiftool
def test_what_an_original_shows_is_read_kept_or_replaced(tmp_path: Path) -> None:
    original = corpus_file("frameright/IPTC-PhotometadataRef-Std2021.1.jpg")
    folder = tmp_path / "originals"
    folder.mkdir()
    shutil.copy2(original, folder / original.name)
    found = read_shown(_packet(folder / original.name))
    assert found.persons == ("Person Shown 1 (ref2021.1)", "Person Shown 2 (ref2021.1)")
    assert found.regions[0].box == {"rbX": 0.31, "rbY": 0.18, "rbW": 0.127, "rbH": 0.385}
    assert found.locations[1].fields["City"] == "City (Location shown2) (ref2021.1)"
    service = ProjectService.create(tmp_path / "p.curator", title="t", languages=["en", "ru"])
    try:
        assert not import_paths(service, [folder / original.name], ImportOptions(workers=1)).refused
        (photo,) = service.queries.all_photos()
        # Nothing recorded in the project: the original's persons and regions are kept.
        kept = deliver(service, tmp_path / "kept", resolve_options(service)).files[0]
        assert kept.status == WRITTEN
        assert read_shown(_packet(kept.path)) == found
        # A person picked: the project's comes first; the persons, regions and places the
        # glossary does not know stay after it, with every field they had.
        ivan = _entry(service, GlossaryKind.PERSON, en="Ivan Petrov", ru="Иван Петров")
        service.operations.shown.set(photo.id, Shown().with_person(ivan))
        merged = deliver(service, tmp_path / "merged", resolve_options(service)).files[0]
        assert merged.status == WRITTEN, merged.problems
        tags = _exiftool(merged.path)
        before = _exiftool(photo.path)
        assert tags["XMP-iptcExt:PersonInImage"] == ["Ivan Petrov", *found.persons]
        assert tags["XMP-iptcExt:PersonInImageWDetails"] == [
            {
                "PersonName": "Ivan Petrov",
                "PersonName-en": "Ivan Petrov",
                "PersonName-ru": "Иван Петров",
            },
            *before["XMP-iptcExt:PersonInImageWDetails"],
        ]
        for kept_tag in ("ImageRegion", "LocationShown", "Event", "OrganisationInImageName"):
            tag = f"XMP-iptcExt:{kept_tag}"
            assert tags[tag] == before[tag]
        assert read_shown(_packet(merged.path)).regions == found.regions
        assert validation_warnings(merged.path) <= validation_warnings(photo.path)
    finally:
        service.close()

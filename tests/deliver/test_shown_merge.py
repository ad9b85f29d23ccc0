"""Delivery merges what a photo shows with what its original says, and honours removals.

The originals are made in the test with exiftool; the copies are read back with exiftool
(``-j -G1 -struct``), with ``exiftool -validate`` and with Curator's own verification.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

from PIL import Image

from curator import cli
from curator.core.delivery_planning.settings import resolve_options
from curator.core.delivery_planning.shown import ShownPlan
from curator.core.model import GlossaryKind
from curator.core.operations.shown import GlossaryNames
from curator.core.services import ProjectService
from curator.core.shown import Shown
from curator.deliver.service import WRITTEN, deliver
from curator.deliver.shown import check_shown
from curator.ingest.importer import ImportOptions, import_paths
from curator.ingest.metadata.containers import read_blocks
from tests.deliver.helpers import needs_exiftool, validation_warnings

TRANG_ID = "https://www.wikidata.org/wiki/Q000000001"


def _mixed_original(path: Path) -> Path:
    """A photo naming persons, organisations and places the glossary knows and does not."""
    Image.new("RGB", (64, 48), (120, 90, 60)).save(path, "JPEG")
    subprocess.run(
        [
            "exiftool",
            "-q",
            "-overwrite_original",
            "-XMP-iptcExt:PersonInImage=Vũ Việt Trang",
            "-XMP-iptcExt:PersonInImage=Nguyễn Văn An",
            "-XMP-iptcExt:PersonInImageWDetails=[{PersonName=Vũ Việt Trang,"
            f"PersonId=[{TRANG_ID}],PersonDescription=Tổng Giám đốc}},{{PersonName=Nguyễn Văn An,"
            "PersonDescription=Người cầm cờ}]",
            "-XMP-iptcExt:OrganisationInImageName=TTXVN",
            "-XMP-iptcExt:OrganisationInImageName=Hợp tác xã Vân",
            "-XMP-iptcExt:LocationShown=[{City=Hà Nội,CountryName=Việt Nam,CountryCode=VN,"
            "LocationId=[https://www.geonames.org/1581130]},"
            "{City=Làng Vân,Sublocation=Đình làng}]",
            "-XMP-iptcExt:Event=Hội đàm",
            "-XMP-iptcExt:ImageRegion=["
            "{RegionBoundary={RbShape=rectangle,RbUnit=relative,RbX=0.1,RbY=0.2,RbW=0.25,RbH=0.5},"
            "PersonInImage=[Vũ Việt Trang]},"
            "{RegionBoundary={RbShape=rectangle,RbUnit=relative,RbX=0.5,RbY=0.2,RbW=0.25,RbH=0.5},"
            "RId=person-1,PersonInImage=[Nguyễn Văn An]},"
            "{RegionBoundary={RbShape=circle,RbUnit=relative,RbX=0.9,RbY=0.1,RbRx=0.05},"
            "Name=Lá cờ}]",
            str(path),
        ],
        check=True,
        capture_output=True,
    )
    return path


def _tags(path: Path) -> dict[str, Any]:
    out = subprocess.run(
        ["exiftool", "-j", "-G1", "-struct", "-XMP-iptcExt:all", str(path)],
        capture_output=True,
        check=True,
    )
    result: dict[str, Any] = json.loads(out.stdout.decode("utf-8"))[0]
    return result


def _names(tags: dict[str, Any], tag: str, key: str) -> list[str]:
    return [item.get(key, "") for item in tags.get(f"XMP-iptcExt:{tag}", [])]


def _glossary(service: ProjectService) -> None:
    with service.store.transaction():
        add = service.glossary.add
        add(
            GlossaryKind.PERSON,
            {"vi": "Vũ Việt Trang", "ru": "Ву Вьет Чанг", "en": "Vu Viet Trang"},
            TRANG_ID,
        )
        add(GlossaryKind.ORGANISATION, {"vi": "TTXVN", "ru": "ВИА", "en": "VNA"})
        add(GlossaryKind.PLACE, {"vi": "Hà Nội", "ru": "Ханой", "en": "Hanoi"})
        add(GlossaryKind.PLACE, {"vi": "Việt Nam", "ru": "Вьетнам", "en": "Vietnam"})
        add(GlossaryKind.EVENT, {"vi": "Hội đàm", "ru": "Переговоры", "en": "Talks"})


def _deliver_one(service: ProjectService, folder: Path) -> Path:
    (copy,) = deliver(service, folder, resolve_options(service)).files
    assert copy.status == WRITTEN, copy.problems  # Curator's reader verified the merge
    return copy.path


@needs_exiftool
def test_a_copy_keeps_the_names_the_project_does_not_record(
    project_path: Path, tmp_path: Path, capsys
) -> None:
    original = _mixed_original(tmp_path / "mixed.jpg")
    with ProjectService.open(project_path) as service:
        _glossary(service)
        report = import_paths(service, [original], ImportOptions(workers=1))
        ((photo_id, _path, unknown),) = report.unmatched_shown
        assert "Nguyễn Văn An" in unknown and "Hợp tác xã Vân" in unknown
        assert not service.operations.shown.edited(photo_id)  # taken in, not edited
        copy = _deliver_one(service, tmp_path / "first")
    tags = _tags(copy)
    # The project's (every language) first, then the original's unknown ones, all fields kept.
    assert tags["XMP-iptcExt:PersonInImage"] == ["Vũ Việt Trang", "Nguyễn Văn An"]
    trang, an = tags["XMP-iptcExt:PersonInImageWDetails"]
    assert (trang["PersonName-ru"], trang["PersonName-en"]) == ("Ву Вьет Чанг", "Vu Viet Trang")
    assert trang["PersonId"] == [TRANG_ID]
    assert trang["PersonDescription"] == "Tổng Giám đốc"  # the original's, carried over
    assert an == {"PersonName": "Nguyễn Văn An", "PersonDescription": "Người cầm cờ"}
    assert tags["XMP-iptcExt:OrganisationInImageName"] == ["TTXVN", "Hợp tác xã Vân"]
    hanoi, village = tags["XMP-iptcExt:LocationShown"]
    assert hanoi["LocationName-ru"] == "Ханой, Вьетнам"
    assert (hanoi["CountryCode"], hanoi["LocationId"]) == (
        "VN",
        ["https://www.geonames.org/1581130"],
    )
    assert village == {"City": "Làng Vân", "Sublocation": "Đình làng"}
    assert tags["XMP-iptcExt:Event-ru"] == "Переговоры"
    regions = tags["XMP-iptcExt:ImageRegion"]
    assert [r.get("PersonInImage") for r in regions] == [
        ["Vũ Việt Trang"],
        ["Nguyễn Văn An"],
        None,
    ]
    assert regions[0]["Name-en"] == "Vu Viet Trang"
    # Region ids stay unique: the project's takes one the kept region does not use.
    assert [r.get("RId") for r in regions] == ["person-2", "person-1", None]
    assert regions[2]["Name"] == "Lá cờ" and regions[2]["RegionBoundary"]["RbShape"] == "Circle"
    assert validation_warnings(copy) <= validation_warnings(original)

    # The curator takes Trang and the event off the photo: the copy drops them (the glossary
    # knows them), and keeps everything it does not know.
    assert (
        cli.main(
            [
                "shown",
                str(project_path),
                photo_id,
                "--remove-person",
                "Vu Viet Trang",
                "--remove-event",
                "--json",
            ]
        )
        == 0
    )
    assert json.loads(capsys.readouterr().out)["edited"] is True
    with ProjectService.open(project_path) as service:
        copy = _deliver_one(service, tmp_path / "removed")
    tags = _tags(copy)
    assert tags["XMP-iptcExt:PersonInImage"] == ["Nguyễn Văn An"]
    assert _names(tags, "PersonInImageWDetails", "PersonName") == ["Nguyễn Văn An"]
    assert [r.get("PersonInImage") for r in tags["XMP-iptcExt:ImageRegion"]] == [
        ["Nguyễn Văn An"],
        None,
    ]
    assert not any(key.startswith("XMP-iptcExt:Event") for key in tags)
    assert tags["XMP-iptcExt:OrganisationInImageName"] == ["TTXVN", "Hợp tác xã Vân"]

    # Emptied: only what the glossary does not know is left in the copy.
    assert (
        cli.main(
            [
                "shown",
                str(project_path),
                photo_id,
                "--remove-organisation",
                "VNA",
                "--remove-location",
                "Hanoi",
            ]
        )
        == 0
    )
    capsys.readouterr()
    with ProjectService.open(project_path) as service:
        assert service.operations.shown.get(photo_id).empty
        copy = _deliver_one(service, tmp_path / "emptied")
    tags = _tags(copy)
    assert tags["XMP-iptcExt:PersonInImage"] == ["Nguyễn Văn An"]
    assert tags["XMP-iptcExt:OrganisationInImageName"] == ["Hợp tác xã Vân"]
    assert tags["XMP-iptcExt:LocationShown"] == [village]
    assert len(tags["XMP-iptcExt:ImageRegion"]) == 2
    assert validation_warnings(copy) <= validation_warnings(original)


@needs_exiftool
def test_a_name_the_glossary_learns_later_stays_in_copies_of_an_untouched_photo(
    service: ProjectService, tmp_path: Path
) -> None:
    original = _mixed_original(tmp_path / "mixed.jpg")
    _glossary(service)
    (photo_id,) = import_paths(service, [original], ImportOptions(workers=1)).added
    with service.store.transaction():
        service.glossary.add(GlossaryKind.PERSON, {"vi": "Nguyễn Văn An", "en": "Nguyen Van An"})
    # Not edited: the original's An (now known, not yet recorded) stays in the copy.
    tags = _tags(_deliver_one(service, tmp_path / "untouched"))
    assert tags["XMP-iptcExt:PersonInImage"] == ["Vũ Việt Trang", "Nguyễn Văn An"]
    # Once the curator edits the photo, a known name it does not show is left out.
    shown = service.operations.shown.get(photo_id)
    service.operations.shown.set(photo_id, shown.with_event("en", "Talks in Hanoi"))
    tags = _tags(_deliver_one(service, tmp_path / "edited"))
    assert tags["XMP-iptcExt:PersonInImage"] == ["Vũ Việt Trang"]
    assert [r.get("PersonInImage") for r in tags["XMP-iptcExt:ImageRegion"]] == [
        ["Vũ Việt Trang"],
        None,
    ]


@needs_exiftool
def test_verification_catches_a_copy_that_still_carries_a_removed_name(
    service: ProjectService, tmp_path: Path
) -> None:
    original = _mixed_original(tmp_path / "mixed.jpg")
    _glossary(service)
    (photo_id,) = import_paths(service, [original], ImportOptions(workers=1)).added
    service.operations.shown.set(photo_id, Shown())  # emptied by the curator
    plan = ShownPlan(edited=True, glossary=GlossaryNames(service.glossary.all()))
    copy = _deliver_one(service, tmp_path / "emptied")
    assert check_shown(read_blocks(copy).xmp[0], plan) == []
    # The original itself still names Trang, the organisation and the event the glossary knows.
    problems = check_shown(read_blocks(original).xmp[0], plan)
    assert any("Vũ Việt Trang" in problem for problem in problems)
    assert any("TTXVN" in problem for problem in problems)
    assert any("Event" in problem for problem in problems)
    assert not any("Nguyễn Văn An" in problem for problem in problems)


@needs_exiftool
def test_a_smaller_copy_measures_the_originals_pixel_regions_against_its_size(
    service: ProjectService, tmp_path: Path
) -> None:
    original = tmp_path / "big.jpg"
    Image.new("RGB", (400, 300), (30, 60, 90)).save(original, "JPEG")
    subprocess.run(
        [
            "exiftool",
            "-q",
            "-overwrite_original",
            "-XMP-mwg-rs:RegionInfo={AppliedToDimensions={W=400,H=300,Unit=pixel},"
            "RegionList=[{Area={X=0.5,Y=0.5,W=0.2,H=0.2,Unit=normalized},Name=Bob,Type=Face}]}",
            "-XMP-iptcExt:ImageRegion=["
            "{RegionBoundary={RbShape=rectangle,RbUnit=pixel,RbX=40,RbY=30,RbW=100,RbH=100},"
            "PersonInImage=[Bob]},"
            "{RegionBoundary={RbShape=polygon,RbUnit=pixel,"
            "RbVertices=[{RbX=10,RbY=10},{RbX=200,RbY=20},{RbX=100,RbY=250}]}},"
            "{RegionBoundary={RbShape=circle,RbUnit=relative,RbX=0.75,RbY=0.5,RbRx=0.125}}]",
            str(original),
        ],
        check=True,
        capture_output=True,
    )
    import_paths(service, [original], ImportOptions(workers=1))
    (copy,) = deliver(service, tmp_path / "out", resolve_options(service, long_edge=200)).files
    assert copy.status == WRITTEN and copy.resized == (200, 150)
    tags = _tags(copy.path)
    rectangle, polygon, circle = (r["RegionBoundary"] for r in tags["XMP-iptcExt:ImageRegion"])
    assert (rectangle["RbX"], rectangle["RbY"], rectangle["RbW"], rectangle["RbH"]) == (
        20,
        15,
        50,
        50,
    )
    assert polygon["RbVertices"] == [
        {"RbX": 5, "RbY": 5},
        {"RbX": 100, "RbY": 10},
        {"RbX": 50, "RbY": 125},
    ]
    assert (circle["RbX"], circle["RbRx"]) == (0.75, 0.125)  # relative: as it was
    out = subprocess.run(
        ["exiftool", "-j", "-struct", "-XMP-mwg-rs:RegionInfo", str(copy.path)],
        capture_output=True,
        check=True,
    )
    info = json.loads(out.stdout.decode("utf-8"))[0]["RegionInfo"]
    assert info["AppliedToDimensions"] == {"H": 150, "Unit": "pixel", "W": 200}
    assert info["RegionList"][0]["Area"]["X"] == 0.5
    assert validation_warnings(copy.path) <= validation_warnings(original)

"""Import takes the people, places and event a file shows, where the glossary knows them."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from curator import cli
from curator.core.model import GlossaryKind
from curator.core.operations.shown import GlossaryNames
from curator.core.services import ProjectService
from curator.core.shown import Region, ShownLocation, ShownPerson
from curator.ingest.importer import ImportOptions, import_paths
from curator.ingest.reread import reread_metadata
from curator.ingest.shown_import import upright_region

EXIFTOOL = shutil.which("exiftool")
REFERENCE = (
    Path(__file__).resolve().parents[2].parent
    / "shared/data/realworld/images/frameright/IPTC-PhotometadataRef-Std2021.1.jpg"
)


def test_a_files_rectangle_is_made_relative_and_upright() -> None:
    box = {"rbX": 0.1, "rbY": 0.2, "rbW": 0.3, "rbH": 0.4}
    assert upright_region(box, "relative", 40, 30, 1) == Region(0.1, 0.2, 0.3, 0.4)
    # Rotated a quarter turn clockwise for display (EXIF 6): the top-left corner goes right.
    assert upright_region(box, "relative", 30, 40, 6) == Region(0.4, 0.1, 0.4, 0.3)
    assert upright_region(box, "relative", 30, 40, 8) == Region(0.2, 0.6, 0.4, 0.3)
    assert upright_region(box, "relative", 40, 30, 3) == Region(0.6, 0.4, 0.3, 0.4)
    # Pixels of the stored image (40 x 30, shown 30 x 40).
    pixels = {"rbX": 4, "rbY": 3, "rbW": 8, "rbH": 6}
    assert upright_region(pixels, "pixel", 30, 40, 6) == Region(0.7, 0.1, 0.2, 0.2)
    assert upright_region(pixels, "Pixel", 40, 30, 1) == Region(0.1, 0.1, 0.2, 0.2)
    # Outside the image, or not a rectangle's box: nothing.
    assert (
        upright_region({"rbX": 0.9, "rbY": 0, "rbW": 0.5, "rbH": 0.5}, "relative", 4, 3, 1) is None
    )
    assert upright_region({"rbX": 0.5, "rbY": 0.5, "rbRx": 0.1}, "relative", 4, 3, 1) is None


@pytest.mark.skipif(EXIFTOOL is None, reason="exiftool is not installed")
def test_import_records_the_names_the_glossary_knows_and_notes_the_others(
    project_path: Path, tmp_path: Path, capsys
) -> None:
    with ProjectService.open(project_path) as service, service.store.transaction():
        trang = service.glossary.add(GlossaryKind.PERSON, {"vi": "Vũ Việt Trang"}).id
        vna = service.glossary.add(GlossaryKind.ORGANISATION, {"vi": "TTXVN", "en": "VNA"}).id
        hanoi = service.glossary.add(GlossaryKind.PLACE, {"vi": "Hà Nội", "en": "Hanoi"}).id
        vietnam = service.glossary.add(GlossaryKind.PLACE, {"vi": "Việt Nam"}).id
        service.glossary.add(GlossaryKind.EVENT, {"vi": "Hội đàm", "ru": "Переговоры"})
    path = tmp_path / "turned.jpg"
    Image.new("RGB", (40, 30), (10, 20, 30)).save(path, "JPEG")  # shown 30 x 40 (EXIF 6)
    subprocess.run(
        [
            str(EXIFTOOL),
            "-q",
            "-overwrite_original",
            "-n",
            "-IFD0:Orientation=6",
            "-XMP-iptcExt:PersonInImage=Vu Viet Trang",  # no accents: still one person
            "-XMP-iptcExt:PersonInImage=Nobody Known",
            "-XMP-iptcExt:OrganisationInImageName=VNA",
            "-XMP-iptcExt:OrganisationInImageName=Unknown Agency",
            "-XMP-iptcExt:LocationShown=[{City=Ha Noi,CountryName=Viet Nam}]",
            "-XMP-iptcExt:LocationShown+=[{City=Atlantis}]",
            "-XMP-iptcExt:Event=Hoi dam",  # the glossary's event: given in every language
            "-XMP-iptcExt:ImageRegion=[{RegionBoundary={RbShape=rectangle,RbUnit=pixel,"
            "RbX=4,RbY=3,RbW=8,RbH=6},PersonInImage=[Vu Viet Trang],Name=Vu Viet Trang}]",
            str(path),
        ],
        check=True,
        capture_output=True,
    )
    assert cli.main(["import", str(project_path), str(path), "--caption-language", "vi"]) == 0
    out = capsys.readouterr().out
    assert "turned.jpg" in out and "Nobody Known, Unknown Agency, Atlantis" in out
    assert "1 naming people or places shown the glossary lacks" in out
    with ProjectService.open(project_path) as service:
        (photo,) = service.queries.all_photos()
        shown = service.operations.shown.get(photo.id)
    assert shown.persons == (ShownPerson(trang, Region(0.7, 0.1, 0.2, 0.2)),)
    assert shown.organisations == (vna,)
    assert shown.locations == (ShownLocation((("city", hanoi), ("country", vietnam))),)
    assert dict(shown.events) == {"vi": "Hội đàm", "ru": "Переговоры"}


@pytest.mark.skipif(not REFERENCE.exists(), reason="the shared IPTC reference photo is missing")
def test_the_iptc_reference_photo_gives_what_the_glossary_knows(
    service: ProjectService, tmp_path: Path
) -> None:
    ref = "(ref2021.1)"
    with service.store.transaction():
        add = service.glossary.add
        shown1 = add(GlossaryKind.PERSON, {"en": f"Person Shown 1 {ref}"}).id
        detailed = add(GlossaryKind.PERSON, {"en": f"Person Name 1 {ref}"}).id
        listener = add(GlossaryKind.PERSON, {"en": f"person name no 1 in region persltr2 {ref}"}).id
        organisation = add(GlossaryKind.ORGANISATION, {"en": f"Organisation Name 2 {ref}"}).id
        parts = {
            part: add(GlossaryKind.PLACE, {"en": f"{label} (Location shown1) {ref}"}).id
            for part, label in (
                ("name", "Location Name"),
                ("sublocation", "Sublocation"),
                ("city", "City"),
                ("province", "Province/State"),
                ("country", "CountryName"),
            )
        }
    copy = tmp_path / REFERENCE.name
    shutil.copyfile(REFERENCE, copy)
    report = import_paths(service, [copy], ImportOptions(caption_language="en"))
    (photo_id,) = report.added
    shown = service.operations.shown.get(photo_id)
    assert shown.persons == (
        ShownPerson(shown1),
        ShownPerson(detailed),
        ShownPerson(listener, Region(0.31, 0.18, 0.127, 0.385)),  # the circle and polygon stay
    )
    assert shown.organisations == (organisation,)
    assert shown.locations == (ShownLocation(tuple(parts.items())),)
    assert shown.events == ()  # an event the glossary lacks stays in the file
    ((_photo, _path, unmatched),) = report.unmatched_shown
    assert f"Person Shown 2 {ref}" in unmatched
    assert f"Person name no 1 in region persltr3 {ref}" in unmatched
    assert f"City (Location shown2) {ref}" in unmatched
    assert f"Organisation Name 1 {ref}" in unmatched
    assert f"Event Name {ref}" in unmatched


@pytest.mark.skipif(EXIFTOOL is None, reason="exiftool is not installed")
def test_reread_takes_them_in_unless_the_project_records_what_is_shown(
    service: ProjectService, tmp_path: Path
) -> None:
    paths = []
    for name, colour in (("a.jpg", (10, 20, 30)), ("b.jpg", (200, 20, 30))):
        path = tmp_path / name
        Image.new("RGB", (40, 30), colour).save(path, "JPEG")
        subprocess.run(
            [
                str(EXIFTOOL),
                "-q",
                "-overwrite_original",
                "-XMP-iptcExt:PersonInImage=Andrey Kondrashov",
                "-XMP-iptcExt:ImageRegion=[{RegionBoundary={RbShape=rectangle,RbUnit=relative,"
                "RbX=0.25,RbY=0.5,RbW=0.5,RbH=0.25},PersonInImage=[Andrey Kondrashov]}]",
                str(path),
            ],
            check=True,
            capture_output=True,
        )
        paths.append(path)
    # Imported while the glossary did not know him: nothing recorded, a note each.
    report = import_paths(service, paths)
    assert [names for _id, _path, names in report.unmatched_shown] == [("Andrey Kondrashov",)] * 2
    first, second = report.added
    assert service.operations.shown.get(first).empty
    with service.store.transaction():
        andrey = service.glossary.add(
            GlossaryKind.PERSON, {"ru": "Андрей Кондрашов"}, variants={"en": ("Andrey Kondrashov",)}
        ).id
        other = service.glossary.add(GlossaryKind.PERSON, {"en": "Someone Else"}).id
    # The curator records someone else on the second photo: a re-read leaves that as it is.
    edited = service.operations.shown.get(second).with_person(other)
    service.operations.shown.set(second, edited)
    reread = reread_metadata(service)
    assert service.operations.shown.get(first).persons == (
        ShownPerson(andrey, Region(0.25, 0.5, 0.5, 0.25)),
    )
    assert service.operations.shown.get(second) == edited
    assert first in reread.updated and not reread.unmatched_shown
    # Read again: nothing more to take in.
    assert first in reread_metadata(service, [first]).unchanged


def test_names_are_matched_like_the_shown_command_does(service: ProjectService) -> None:
    with service.store.transaction():
        add = service.glossary.add
        nam = add(GlossaryKind.PERSON, {"vi": "Nguyễn Văn Nam"}, code="nvn").id
        add(GlossaryKind.PERSON, {"vi": "Lê Thị Hà"})
        add(GlossaryKind.PERSON, {"vi": "Lê Thị Hạ"})
        hanoi = add(GlossaryKind.PLACE, {"vi": "Hà Nội"}).id
    glossary = GlossaryNames(service.glossary.all())

    def found(name: str, kind: GlossaryKind = GlossaryKind.PERSON) -> int | None:
        entry = glossary.find(["", name], kind)
        return None if entry is None else entry.id

    assert found("NGUYEN VAN NAM") == found("nvn") == nam  # accent-blind, or its code
    assert found("Lê Thị Hà") is not None  # exact wins over the accent-blind twin
    assert found("Le Thi Ha") is None  # two entries without accents: ambiguous, not guessed
    assert found("Ha Noi") is None and found("Ha Noi", GlossaryKind.PLACE) == hanoi


@pytest.mark.skipif(EXIFTOOL is None, reason="exiftool is not installed")
def test_an_xmp_sidecar_says_what_the_photo_shows(service: ProjectService, tmp_path: Path) -> None:
    with service.store.transaction():
        vna = service.glossary.add(GlossaryKind.ORGANISATION, {"vi": "TTXVN", "en": "VNA"}).id
    path = tmp_path / "photo.jpg"
    Image.new("RGB", (40, 30), (10, 20, 30)).save(path, "JPEG")
    subprocess.run(
        [
            str(EXIFTOOL),
            "-q",
            "-o",
            str(tmp_path / "photo.xmp"),
            "-XMP-iptcExt:OrganisationInImageName=TTXVN",
            str(path),
        ],
        check=True,
        capture_output=True,
    )
    (photo_id,) = import_paths(service, [path]).added
    assert service.operations.shown.get(photo_id).organisations == (vna,)


@pytest.mark.skipif(EXIFTOOL is None, reason="exiftool is not installed")
def test_reread_leaves_a_photo_the_curator_emptied_alone(
    service: ProjectService, tmp_path: Path
) -> None:
    with service.store.transaction():
        lan = service.glossary.add(GlossaryKind.PERSON, {"vi": "Trần Thị Lan"}).id
    paths = []
    for name, colour in (("a.jpg", (10, 20, 30)), ("b.jpg", (200, 20, 30))):
        path = tmp_path / name
        Image.new("RGB", (40, 30), colour).save(path, "JPEG")
        subprocess.run(
            [
                str(EXIFTOOL),
                "-q",
                "-overwrite_original",
                "-XMP-iptcExt:PersonInImage=Trần Thị Lan",
                "-XMP-iptcExt:PersonInImage=Lê Văn Minh",
                str(path),
            ],
            check=True,
            capture_output=True,
        )
        paths.append(path)
    emptied, untouched = import_paths(service, paths).added
    ops = service.operations.shown
    assert [p.entry_id for p in ops.get(untouched).persons] == [lan]
    assert not ops.edited(emptied) and not ops.edited(untouched)
    assert ops.set(untouched, ops.get(untouched)).empty  # no change, no mark
    assert not ops.edited(untouched)
    changes = ops.set(emptied, ops.get(emptied).without_person(lan))
    assert ops.edited(emptied) and ops.get(emptied).empty
    # The glossary learns Minh: the untouched photo takes him in, the emptied one stays empty.
    with service.store.transaction():
        minh = service.glossary.add(GlossaryKind.PERSON, {"vi": "Lê Văn Minh"}).id
    report = reread_metadata(service)
    assert [p.entry_id for p in ops.get(untouched).persons] == [lan, minh]
    assert ops.get(emptied).empty
    assert untouched in report.updated and emptied in report.unchanged
    assert not ops.edited(untouched)
    # Undoing the removal gives back the unedited mark: a re-read then follows the file again.
    redo = service.operations.undo(changes.undo) if changes.undo else None
    assert redo is not None and not ops.edited(emptied)
    reread_metadata(service, [emptied])
    assert [p.entry_id for p in ops.get(emptied).persons] == [lan, minh]
    # Redo marks it edited again.
    assert redo.undo is not None
    service.operations.undo(redo.undo)
    assert ops.edited(emptied)

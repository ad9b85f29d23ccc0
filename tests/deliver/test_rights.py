"""Agencies' rights templates and the digital source type, from import to the delivered copy.

The demo exhibition gets a TTXVN template; its copies are read back by Curator's reader (the
delivery's own check) and by exiftool, in every language, and validate as well as the
originals. A photo stating its digital source type keeps it from import to delivery.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pyexiv2
import pytest

from curator.core.delivery_planning.settings import resolve_options
from curator.core.errors import NotFoundError, UsageError
from curator.core.rights import RightsTemplate, checked_template
from curator.core.services import ProjectService
from curator.deliver.service import WRITTEN, deliver
from curator.demo import write_demo
from curator.ingest.importer import ImportOptions, import_paths
from curator.ingest.metadata.containers import read_blocks
from curator.ingest.metadata.provenance import parse_rights
from curator.ingest.reread import reread_metadata
from tests.deliver.helpers import exiftool, needs_exiftool, validation_warnings

pytestmark = needs_exiftool

DST = "http://cv.iptc.org/newscodes/digitalsourcetype/"
TERMS = {
    "vi": "Chỉ dùng cho triển lãm Việt Nam – Nga",
    "ru": "Только для выставки «Вьетнам – Россия»",
    "en": "For the Vietnam–Russia exhibition only",
}


def _ttxvn() -> RightsTemplate:
    return checked_template(
        "ttxvn",  # credits say "TTXVN": matched whatever the letter case
        copyright="© Thông tấn xã Việt Nam 2026",
        usage_terms=TERMS,
        credit_line="TTXVN",
        source="Thông tấn xã Việt Nam",
        licensor_name="Thông tấn xã Việt Nam",
        licensor_url="https://vnanet.vn",
        data_mining="DMI-PROHIBITED-AIMLTRAINING",
    )


@pytest.fixture()
def demo(tmp_path: Path) -> Path:
    path, _created = write_demo(tmp_path / "demo")
    return path


def test_a_template_reaches_every_copy_of_the_agencys_photos(demo: Path, tmp_path: Path) -> None:
    with ProjectService.open(demo) as service:
        service.operations.rights.put_template(_ttxvn())
        rights = {r.photo_id: r for r in service.queries.photo_rights()}
        ttxvn = {pid for pid, r in rights.items() if r.template is not None}
        assert ttxvn and len(ttxvn) < len(rights)  # the TASS photos take none
        first = sorted(ttxvn)[0]
        service.operations.rights.set_source_type([first], "digitalCapture")
        report = deliver(service, tmp_path / "out", resolve_options(service))
    assert [f.status for f in report.files] == [WRITTEN] * len(report.files)  # read back
    for delivered in report.files:
        tags = exiftool(delivered.path)
        original = delivered.item.photo.path
        assert validation_warnings(delivered.path) <= validation_warnings(original)
        if delivered.item.photo.id not in ttxvn:
            assert "XMP-plus:DataMining" not in tags
            assert tags.get("XMP-dc:Rights") != "© Thông tấn xã Việt Nam 2026"
            # The original's own rights statement (a CC0 dedication) stays with its notice.
            assert tags["XMP-xmpRights:WebStatement"] == exiftool(original).get(
                "XMP-xmpRights:WebStatement"
            )
            continue
        # The demo originals' CC0 statement no longer describes a copy under copyright.
        assert "XMP-xmpRights:WebStatement" in exiftool(original)
        assert "XMP-xmpRights:WebStatement" not in tags
        assert "XMP-xmpRights:Marked" not in tags
        assert tags["IFD0:Copyright"] == "© Thông tấn xã Việt Nam 2026"
        for tag, text in TERMS.items():
            assert tags[f"XMP-xmpRights:UsageTerms-{tag}"] == text
        assert tags["XMP-xmpRights:UsageTerms"] == TERMS["vi"]  # x-default: main language
        assert tags["XMP-dc:Rights"] == "© Thông tấn xã Việt Nam 2026"
        assert tags["IPTC:CopyrightNotice"] == "© Thông tấn xã Việt Nam 2026"
        assert tags["XMP-photoshop:Credit"] == tags["IPTC:Credit"] == "TTXVN"
        assert tags["XMP-photoshop:Source"] == "Thông tấn xã Việt Nam"
        assert tags["IPTC:Source"] == "Thông tấn xã Việt Nam"
        assert tags["XMP-plus:LicensorName"] == "Thông tấn xã Việt Nam"
        assert tags["XMP-plus:LicensorURL"] == "https://vnanet.vn"
        assert tags["XMP-plus:DataMining"].endswith("/DMI-PROHIBITED-AIMLTRAINING")
        read = parse_rights(read_blocks(delivered.path).xmp[0])
        assert read.licensors == (("Thông tấn xã Việt Nam", "https://vnanet.vn"),)
        if delivered.item.photo.id == first:
            assert tags["XMP-iptcExt:DigitalSourceType"] == DST + "digitalCapture"
        else:
            assert "XMP-iptcExt:DigitalSourceType" not in tags


def _signed_like(source: Path, target: Path, xmp: dict[str, object]) -> Path:
    shutil.copyfile(source, target)
    with pyexiv2.Image(str(target)) as image:
        for key, value in xmp.items():
            image.modify_xmp({key: value})
    return target


def test_import_keeps_the_source_type_and_delivery_keeps_other_languages(
    demo: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    original = next((demo.parent / "photos").iterdir())
    made = _signed_like(
        original,
        folder / "composite.jpg",
        {
            "Xmp.iptcExt.DigitalSourceType": DST + "compositeWithTrainedAlgorithmicMedia",
            "Xmp.xmpRights.UsageTerms": {
                'lang="x-default"': "Old",
                'lang="de"': "Nur redaktionell",
            },
            "Xmp.plus.Licensor": 'type="Seq"',
            "Xmp.plus.Licensor[1]/plus:LicensorName": "Old licensor",
        },
    )
    project = tmp_path / "p.curator"
    with ProjectService.create(project, title="t", languages=["vi", "ru", "en"]) as service:
        import_paths(service, [made], ImportOptions())
        (photo,) = service.queries.all_photos()
        assert service.queries.provenance(photo.id).source_type == (
            "compositeWithTrainedAlgorithmicMedia"
        )
        service.operations.rights.put_template(_ttxvn())
        service.operations.rights.assign([photo.id], "TTXVN")
        report = deliver(service, tmp_path / "out", resolve_options(service))
    (delivered,) = report.files
    assert delivered.status == WRITTEN, delivered.problems
    tags = exiftool(delivered.path)
    assert tags["XMP-iptcExt:DigitalSourceType"] == DST + "compositeWithTrainedAlgorithmicMedia"
    assert tags["XMP-xmpRights:UsageTerms-de"] == "Nur redaktionell"  # not Curator's: kept
    assert tags["XMP-xmpRights:UsageTerms-en"] == TERMS["en"]
    assert tags["XMP-plus:LicensorName"] == "Thông tấn xã Việt Nam"  # one licensor, replaced
    assert validation_warnings(delivered.path) <= validation_warnings(made)


def test_templates_and_source_types_are_undoable_edits(demo: Path) -> None:
    with ProjectService.open(demo) as service:
        change = service.operations.rights.put_template(_ttxvn())
        assert set(service.queries.rights_templates()) == {"ttxvn"}
        assert change.undo is not None
        redo = service.operations.undo(change.undo)
        assert service.queries.rights_templates() == {}
        assert redo.undo is not None
        service.operations.undo(redo.undo)
        assert service.queries.rights_templates()["ttxvn"].data_mining == (
            "DMI-PROHIBITED-AIMLTRAINING"
        )
        photo = service.queries.import_order()[0]
        kind = service.operations.rights.set_source_type([photo], DST + "humanEdits")
        assert service.queries.provenance(photo).source_type == "humanEdits"
        assert kind.photos == {photo} and kind.undo is not None
        service.operations.undo(kind.undo)
        assert service.queries.provenance(photo).source_type == ""
        with pytest.raises(UsageError):
            service.operations.rights.set_source_type([photo], "aiMagic")
        with pytest.raises(NotFoundError):
            service.operations.rights.assign([photo], "Reuters")


def test_template_values_are_checked() -> None:
    with pytest.raises(UsageError):
        checked_template("TTXVN", data_mining="DMI-MAYBE")
    with pytest.raises(UsageError):
        checked_template("TTXVN", licensor_url="vnanet.vn")
    with pytest.raises(UsageError):
        checked_template("  ")
    template = checked_template(" TTXVN ", usage_terms={"vi": "  Chỉ dùng  ", "ru": " "})
    assert template.agency == "TTXVN" and dict(template.usage_terms) == {"vi": "Chỉ dùng"}


def test_reread_fills_the_source_type_of_an_older_project_and_keeps_the_curators(
    demo: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    original = next((demo.parent / "photos").iterdir())
    made = _signed_like(
        original, folder / "edited.jpg", {"Xmp.iptcExt.DigitalSourceType": DST + "humanEdits"}
    )
    project = tmp_path / "p.curator"
    with ProjectService.create(project, title="t", languages=["vi", "en"]) as service:
        import_paths(service, [made], ImportOptions())
        (photo,) = service.queries.all_photos()
        with service.store.transaction():  # as a project made before schema 13 has it
            service.store.conn.execute("DELETE FROM photo_provenance")
        assert service.queries.provenance(photo.id).source_type == ""
        report = reread_metadata(service)
        assert report.updated == [photo.id]
        assert service.queries.provenance(photo.id).source_type == "humanEdits"
        service.operations.rights.set_source_type([photo.id], "compositeCapture")
        reread_metadata(service)
        assert service.queries.provenance(photo.id).source_type == "compositeCapture"

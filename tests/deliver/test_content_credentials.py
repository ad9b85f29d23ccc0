"""Content Credentials (C2PA): a signed photo is reported at import and never broken silently.

The test makes its own CA and signing certificate (cryptography), signs a demo photo with the
C2PA SDK, imports it, and delivers it the three ways: without a certificate (a warning per
photo, and the copy's credential really fails), with a sidecar (the original byte for byte,
its credential still valid, the metadata beside it) and re-signed with the curator's
certificate (valid, the original as ingredient). exiftool reads every delivered field.
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import subprocess
from pathlib import Path

import c2pa
import pyexiv2
import pytest
from PIL import Image

from curator import cli
from curator.core.delivery_planning.settings import resolve_options
from curator.core.model import CaptionField, GlossaryKind
from curator.core.services import ProjectService
from curator.core.shown import Shown
from curator.deliver.service import WRITTEN, DeliveryReport, deliver
from curator.demo import write_demo
from curator.ingest.content_credentials import INVALID, VALID, check_credentials, file_has_manifest
from curator.ingest.importer import import_paths
from tests.deliver.c2pa_helpers import Pki, make_pki, sign_photo
from tests.deliver.helpers import exiftool, needs_exiftool, validation_warnings

pytestmark = needs_exiftool

SIGNER = "Test Photo Agency (Curator tests)"


@pytest.fixture(scope="module")
def signed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Pki, Path]:
    """(a signed photo in its own folder, the PKI, the demo project)."""
    base = tmp_path_factory.mktemp("c2pa")
    demo, _created = write_demo(base / "demo")
    pki = make_pki(base / "pki")
    photo = sorted((demo.parent / "photos").iterdir())[0]
    (base / "in").mkdir()
    return sign_photo(photo, base / "in" / "signed.jpg", pki), pki, demo


def _project(tmp: Path, photo: Path, settings: dict[str, str]) -> Path:
    tmp.mkdir(parents=True, exist_ok=True)
    path = tmp / "p.curator"
    with ProjectService.create(path, title="t", languages=["vi", "ru", "en"]) as service:
        if settings:
            service.operations.settings.change(dict(settings))
        report = import_paths(service, [photo])
        assert len(report.added) == 1
        (photo_id,) = report.added
        for language, text in (("vi", "Hà Nội"), ("ru", "Ханой"), ("en", "Hanoi")):
            service.captions.set(photo_id, language, CaptionField.CAPTION, text)
    return path


def _deliver(project: Path, folder: Path, **kwargs: bool) -> DeliveryReport:
    with ProjectService.open(project, read_only=True) as service:
        return deliver(service, folder, resolve_options(service), **kwargs)


def test_import_reports_the_manifest_its_signer_and_trust(
    signed: tuple[Path, Pki, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    photo, pki, _demo = signed
    trusting = _project(tmp_path / "a", photo, {"delivery.c2pa_trust_list": str(pki.ca)})
    with ProjectService.open(trusting, read_only=True) as service:
        (rights,) = service.queries.photo_rights()
        record = rights.provenance
        assert (record.c2pa_state, record.c2pa_signer, record.c2pa_trusted) == (VALID, SIGNER, True)
    # The command line shows it on the photo's line too.
    assert cli.main(["rights", "list", str(trusting)]) == 0
    assert f"Content Credentials: valid, trusted signer, signed by {SIGNER}" in (
        capsys.readouterr().out
    )
    # Without a trust list the same photo is valid, its signer named but not trusted.
    plain = _project(tmp_path / "b", photo, {})
    with ProjectService.open(plain, read_only=True) as service:
        (rights,) = service.queries.photo_rights()
        assert (rights.provenance.c2pa_state, rights.provenance.c2pa_trusted) == (VALID, False)
        assert rights.provenance.c2pa_signer == SIGNER
    # A signed photo whose metadata was edited by another tool: invalid, with the reason.
    (tmp_path / "c").mkdir()
    tampered = tmp_path / "c" / "tampered.jpg"
    shutil.copyfile(photo, tampered)
    with pyexiv2.Image(str(tampered)) as image:
        image.modify_xmp({"Xmp.dc.rights": {'lang="x-default"': "© someone else"}})
    status = check_credentials(tampered.read_bytes())
    assert status is not None and status.state == INVALID
    assert "assertion.dataHash.mismatch" in status.detail


def test_without_a_certificate_each_photo_is_warned_about(
    signed: tuple[Path, Pki, Path], tmp_path: Path
) -> None:
    photo, _pki, _demo = signed
    report = _deliver(_project(tmp_path, photo, {}), tmp_path / "out")
    (delivered,) = report.files
    assert delivered.status == WRITTEN and delivered.c2pa == "invalidated"
    assert [p.code for p in delivered.problems] == ["c2pa-invalidated"]
    assert SIGNER in delivered.problems[0].message
    # The warning is true: the copy's credential fails.
    status = check_credentials(delivered.path.read_bytes())
    assert status is not None and status.state == INVALID
    assert delivered.to_json()["c2pa"] == "invalidated"


def test_sidecar_delivery_keeps_the_original_and_its_credential(
    signed: tuple[Path, Pki, Path], tmp_path: Path
) -> None:
    photo, _pki, _demo = signed
    project = _project(tmp_path, photo, {})
    with ProjectService.open(project) as service:  # who is shown goes into the sidecar too
        with service.store.transaction():
            lan = service.glossary.add(GlossaryKind.PERSON, {"vi": "Lan", "ru": "Лан"}).id
        (photo_id,) = [p.id for p in service.queries.all_photos()]
        service.operations.shown.set(photo_id, Shown().with_person(lan))
    report = _deliver(project, tmp_path / "out", sidecar=True)
    (delivered,) = report.files
    assert delivered.status == WRITTEN, delivered.problems
    assert delivered.c2pa == "sidecar" and delivered.sidecar is not None
    assert hashlib.sha256(delivered.path.read_bytes()).digest() == (
        hashlib.sha256(photo.read_bytes()).digest()
    )
    status = check_credentials(delivered.path.read_bytes())
    assert status is not None and status.state == VALID
    assert delivered.sidecar.name == delivered.path.stem + ".xmp"
    tags = exiftool(delivered.sidecar)
    assert tags["XMP-dc:Description-vi"] == "Hà Nội"
    assert tags["XMP-dc:Description-ru"] == "Ханой"
    assert tags["XMP-dc:Description-en"] == "Hanoi"
    assert tags["XMP-iptcExt:PersonInImage"] == "Lan"
    assert tags["XMP-iptcExt:PersonInImageName-ru"] == "Лан"


def test_with_a_certificate_the_copy_is_signed_again_over_the_original(
    signed: tuple[Path, Pki, Path], tmp_path: Path
) -> None:
    photo, _pki, _demo = signed
    curator_pki = make_pki(tmp_path / "curator-pki", "Exhibition Curator")
    settings = {
        "delivery.c2pa_certificate": str(curator_pki.chain),
        "delivery.c2pa_key": str(curator_pki.key),
    }
    report = _deliver(_project(tmp_path, photo, settings), tmp_path / "out")
    (delivered,) = report.files
    assert delivered.status == WRITTEN, delivered.problems
    assert delivered.c2pa == "resigned" and delivered.problems == []
    data = delivered.path.read_bytes()
    status = check_credentials(data)
    assert status is not None and status.state == VALID
    assert status.signer == "Exhibition Curator (Curator tests)"
    with c2pa.Reader("image/jpeg", io.BytesIO(data)) as reader:
        active = reader.get_active_manifest()
    (ingredient,) = active["ingredients"]
    assert ingredient["relationship"] == "parentOf"
    actions = [
        action["action"]
        for assertion in active["assertions"]
        if assertion["label"].startswith("c2pa.actions")
        for action in assertion["data"]["actions"]
    ]
    assert actions[:2] == ["c2pa.opened", "c2pa.edited.metadata"]
    tags = exiftool(delivered.path)
    assert tags["XMP-dc:Description-ru"] == "Ханой"
    assert validation_warnings(delivered.path) <= validation_warnings(photo)
    # The original's own manifest travels inside the copy's store.
    tool = subprocess.run(
        ["exiftool", "-j", "-JUMBF:All", str(delivered.path)], capture_output=True, check=True
    )
    assert "c2pa" in json.dumps(json.loads(tool.stdout))


def test_a_manifest_is_found_by_its_headers_alone(
    signed: tuple[Path, Pki, Path], tmp_path: Path
) -> None:
    photo, pki, _demo = signed
    assert file_has_manifest(photo)
    # An APP11 segment that is not C2PA's (another JUMBF) is not taken for one.
    data = photo.read_bytes()
    unsigned = next(p for p in sorted(photo.parent.parent.glob("demo/photos/*.jpg")))
    plain = unsigned.read_bytes()
    other = b"\xff\xeb" + (2 + 30).to_bytes(2, "big") + b"JP" + b"\x00" * 28
    odd = tmp_path / "odd.jpg"
    odd.write_bytes(plain[:2] + other + plain[2:])
    assert not file_has_manifest(odd) and check_credentials(odd.read_bytes()) is None
    assert not file_has_manifest(unsigned)
    # A signed PNG: its caBX chunk.
    png = tmp_path / "signed.png"
    Image.open(io.BytesIO(data)).save(tmp_path / "plain.png")
    sign_photo(tmp_path / "plain.png", png, pki, "image/png")
    assert file_has_manifest(png) and not file_has_manifest(tmp_path / "plain.png")
    status = check_credentials(png.read_bytes())
    assert status is not None and status.state == VALID and status.signer == SIGNER

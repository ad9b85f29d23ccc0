"""Every problem before the first page (issue 18.3): an original that cannot be decoded.

A truncated JPEG or PNG among the printed photos is an error in preflight naming the file,
the photo's id and what to do; the catalogue and panel exports stop before drawing anything
(exit 2, no PDF). What decoded is remembered by content hash beside the project, so the next
check only hashes the files; a photo damaged at import (its stored problem code) is an error
too, and taking the photo out of its section clears it.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from PIL import Image

from curator import cli
from curator.core.checks.problems import Problem
from curator.core.editing.layout_service import auto_layout
from curator.core.services import ProjectService
from curator.demo import write_demo
from curator.export.originals import OriginalsDecoder, file_sha256
from curator.export.text_measure import ReportlabMeasure

BROKEN = "03-signing.jpg"


@pytest.fixture
def damaged(tmp_path: Path) -> Path:
    """The demo laid out, then one placed original cut in half (as a failed copy leaves it)."""
    path, _created = write_demo(tmp_path / "demo")
    with ProjectService.open(path) as service:
        auto_layout(service, measure=ReportlabMeasure(), backup=False)
        original = next(p.path for p in service.photos.all() if p.path.name == BROKEN)
    data = original.read_bytes()
    original.write_bytes(data[: len(data) // 2])
    return path


def _photo(project: Path, name: str):
    with ProjectService.open(project, read_only=True) as service:
        return next(p for p in service.photos.all() if p.path.name == name)


@pytest.mark.parametrize("product", ["catalogue", "panels"])
def test_preflight_names_the_truncated_original_and_what_to_do(
    damaged: Path, capsys, product: str
) -> None:
    assert cli.main(["check", str(damaged), "--product", product, "--json"]) == 2
    findings = json.loads(capsys.readouterr().out)
    broken = _photo(damaged, BROKEN)
    (error,) = [f for f in findings if f["code"] == "photo-unreadable"]
    assert error["severity"] == "error" and error["photo_id"] == broken.id
    assert error["section_id"]
    message = error["message"]
    assert message.startswith(f"{BROKEN} (photo {broken.id}) cannot be decoded: ")
    assert "truncated" in message
    assert "relink" in message and "remove the photo from its section" in message


@pytest.mark.parametrize("product", ["catalogue", "panels"])
def test_the_export_stops_before_the_first_page(
    damaged: Path, tmp_path: Path, capsys, product: str
) -> None:
    pdf = tmp_path / "out.pdf"
    assert cli.main(["export", product, str(damaged), "-o", str(pdf)]) == 2
    err = capsys.readouterr().err
    assert f"{BROKEN} (photo " in err and "cannot be decoded" in err
    assert not pdf.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # nothing half-done


def test_what_decoded_is_remembered_by_content_hash(damaged: Path, capsys) -> None:
    cache = damaged.with_name(damaged.name + "-cache") / "decoded"
    cli.main(["check", str(damaged), "--product", "catalogue", "--json"])
    capsys.readouterr()
    with ProjectService.open(damaged, read_only=True) as service:
        photos = list(service.photos.all())
    for photo in photos:
        marker = cache / photo.sha256[:2] / photo.sha256
        assert marker.exists() == (photo.path.name != BROKEN), photo.path.name
    # the truncated file's bytes are not the imported ones: no marker under either hash
    broken = next(p for p in photos if p.path.name == BROKEN)
    current = file_sha256(broken.path)
    assert not (cache / current[:2] / current).exists()
    # a second check decodes nothing that is remembered: only the broken file is decoded
    decoded: list[Path] = []
    import curator.export.originals as originals

    real = originals.decode_error

    def counting(path: Path) -> str | None:
        decoded.append(path)
        return real(path)

    originals.decode_error = counting
    try:
        failures = OriginalsDecoder.for_project(damaged)(photos)
    finally:
        originals.decode_error = real
    assert [p.name for p in decoded] == [BROKEN]
    assert list(failures) == [broken.id]


@pytest.mark.parametrize("pillow_budget", [None, 1000])
def test_a_truncated_png_is_found_too(tmp_path: Path, monkeypatch, pillow_budget) -> None:
    import curator.decode.bounded as bounded

    if pillow_budget is not None:  # a PNG too large for Pillow is streamed through libvips
        monkeypatch.setattr(bounded, "pillow_decodes", lambda width, height: False)
    png = tmp_path / "scan.png"
    Image.radial_gradient("L").resize((1200, 900)).save(png)
    data = png.read_bytes()
    png.write_bytes(data[: len(data) * 2 // 3])
    from curator.export.originals import decode_error

    assert decode_error(png)
    whole = tmp_path / "whole.png"
    Image.radial_gradient("L").save(whole)
    assert decode_error(whole) is None


def test_a_photo_damaged_at_import_is_an_error_until_taken_out_of_its_section(
    tmp_path: Path, capsys
) -> None:
    path, _created = write_demo(tmp_path / "demo")
    with ProjectService.open(path) as service:
        photo = next(p for p in service.photos.all() if p.path.name == "08-lotus.jpg")
        with service.store.transaction():
            service.media.set_photo_problems(photo.id, [Problem("truncated-file")])
    assert cli.main(["check", str(path), "--product", "catalogue", "--json"]) == 2
    codes = {(f["code"], f.get("photo_id")) for f in json.loads(capsys.readouterr().out)}
    assert ("photo-unreadable", photo.id) in codes
    with ProjectService.open(path) as service, service.store.transaction():
        service.exhibition.unassign([photo.id])
    assert cli.main(["check", str(path), "--product", "catalogue", "--json"]) == 0
    codes = {(f["code"], f.get("photo_id")) for f in json.loads(capsys.readouterr().out)}
    assert ("photo-unreadable", photo.id) not in codes
    assert ("photo-unplaced", photo.id) in codes


def test_labels_print_no_original_and_do_not_ask_for_one(damaged: Path, capsys) -> None:
    assert cli.main(["check", str(damaged), "--product", "labels", "--json"]) == 0
    assert "photo-unreadable" not in capsys.readouterr().out
    shutil.rmtree(damaged.with_name(damaged.name + "-cache"), ignore_errors=True)


def test_an_unchanged_original_is_not_even_read_again(damaged: Path, monkeypatch) -> None:
    """A file as it was when it decoded (same inode, size, times) is not hashed again."""
    import os

    import curator.export.originals as originals

    photos = [_photo(damaged, BROKEN), _photo(damaged, "01-talks.jpg")]
    assert list(OriginalsDecoder.for_project(damaged)(photos)) == [photos[0].id]
    hashed: list[str] = []
    real = originals.file_sha256

    def counting(path: Path) -> str:
        hashed.append(path.name)
        return real(path)

    monkeypatch.setattr(originals, "file_sha256", counting)
    assert list(OriginalsDecoder.for_project(damaged)(photos)) == [photos[0].id]
    assert hashed == [BROKEN]  # only the one that never decoded
    # cut in place with its modification time put back: the change time tells, it is read
    good = photos[1].path
    before = good.stat()
    good.write_bytes(good.read_bytes()[: before.st_size // 2])
    os.utime(good, ns=(before.st_atime_ns, before.st_mtime_ns))
    hashed.clear()
    assert set(OriginalsDecoder.for_project(damaged)(photos)) == {p.id for p in photos}
    assert sorted(hashed) == sorted([BROKEN, good.name])


def test_hashes_made_while_the_layout_runs_are_used_if_the_file_is_unchanged(
    damaged: Path, monkeypatch
) -> None:
    import os

    import curator.export.originals as originals

    photos = [_photo(damaged, BROKEN), _photo(damaged, "01-talks.jpg")]
    decoder = OriginalsDecoder.for_project(damaged)
    decoder.hash_ahead(p.path for p in photos)
    for made in decoder._hashed.values():
        made.result()  # done (an export lays out meanwhile)
    hashed: list[str] = []
    real = originals.file_sha256

    def counting(path: Path) -> str:
        hashed.append(path.name)
        return real(path)

    monkeypatch.setattr(originals, "file_sha256", counting)
    # one changed since it was hashed ahead: read again, and found cut
    good = photos[1].path
    before = good.stat()
    good.write_bytes(good.read_bytes()[: before.st_size // 2])
    os.utime(good, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert set(decoder(photos)) == {p.id for p in photos}
    assert hashed == [good.name]  # the broken one's hash made ahead was used

"""Operations on what the project knows of its originals: import batches, relinks, re-reads.

The shared previews' hand-over is tested on a server (tests/pg/test_shared_previews.py).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from curator.core.checks.problems import Problem
from curator.core.errors import NotFoundError, ReadOnlyProjectError, UsageError
from curator.core.language.credits import ParsedCredit
from curator.core.model import CaptionField, CaptionStatus, CreditRole, Photo
from curator.core.operations.imports import FileOutcome, ImportedFile, RefusedFile
from curator.core.operations.originals import DifferentContentError, FileFacts, NewOriginal
from curator.core.repositories.media import StoredThumbnail
from curator.core.rights import Provenance
from curator.core.services import ProjectService
from curator.core.shown import Shown


def _file(folder: Path, name: str, sha256: str, **fields: object) -> ImportedFile:
    path = folder / name
    path.write_bytes(sha256.encode())
    photo = Photo(id="", path=path, sha256=sha256, width=300, height=200, file_size=3)
    return ImportedFile(photo, StoredThumbnail(30, 20, b"jpeg"), **fields)  # type: ignore[arg-type]


def test_a_batch_adds_new_files_passes_over_known_ones_and_relinks_missing_ones(
    service: ProjectService, tmp_path: Path
) -> None:
    with service.store.transaction():
        moved = service.photos.add(
            Photo(id="", path=tmp_path / "gone.jpg", sha256="moved", width=3, height=2)
        ).id
    new = _file(
        tmp_path,
        "new.jpg",
        "new",
        provenance=Provenance("", source_type="digitalCapture"),
        credits=(ParsedCredit("Nguyễn Văn A", "TTXVN", CreditRole.PHOTO, "vi"),),
        problems=(Problem("truncated-file", "the end of the file is missing"),),
        captions=(
            (CaptionField.CAPTION, "vi", "Hội đàm"),
            (CaptionField.CAPTION, "vi", "second text of the same language"),
            (CaptionField.HEADLINE, "en", "Talks"),
        ),
    )
    refused = RefusedFile(tmp_path / "bad.jpg", Problem("corrupt-image", "broken"))
    batch = [
        refused,
        new,
        _file(tmp_path, "copy.jpg", "new"),  # the same content twice in one batch
        _file(tmp_path, "found.jpg", "moved"),
    ]
    written, changes = service.operations.imports.write_batch(batch)

    assert [w.outcome for w in written] == [
        FileOutcome.REFUSED,
        FileOutcome.ADDED,
        FileOutcome.KNOWN,
        FileOutcome.RELINKED,
    ]
    added = written[1].photo_id
    assert written[3].photo_id == moved
    assert changes.photos == {added, moved}
    assert not changes.captions and changes.undo is None
    assert {p.path for p in service.photos.all()} == {tmp_path / "found.jpg", new.photo.path}
    caption = service.queries.caption(added, "vi", CaptionField.CAPTION)
    assert caption is not None
    assert (caption.text, caption.status) == ("Hội đàm", CaptionStatus.DRAFT)
    # The generated credit field follows the file's byline.
    credit = service.queries.caption(added, "vi", CaptionField.CREDIT)
    assert credit is not None and "Nguyễn Văn A" in credit.text
    assert service.media.photo_problems(added) == [
        Problem("truncated-file", "the end of the file is missing")
    ]
    assert service.rights.provenance(added).source_type == "digitalCapture"
    assert [p.path for p in service.media.file_problems()] == [refused.path]


def test_a_file_that_imports_after_all_leaves_the_problems_list(
    service: ProjectService, tmp_path: Path
) -> None:
    path = tmp_path / "late.jpg"
    service.operations.imports.record_refused([RefusedFile(path, Problem("unreadable-file"))])
    assert [p.path for p in service.media.file_problems()] == [path]
    written, _changes = service.operations.imports.write_batch([_file(tmp_path, "late.jpg", "x")])
    assert written[0].outcome is FileOutcome.ADDED
    assert service.media.file_problems() == []


def test_a_read_only_project_refuses_an_import_batch_whole(
    project_path: Path, tmp_path: Path
) -> None:
    with ProjectService.open(project_path, read_only=True) as reader:
        with pytest.raises(ReadOnlyProjectError):
            reader.operations.imports.write_batch([_file(tmp_path, "a.jpg", "a")])
        with pytest.raises(ReadOnlyProjectError):
            reader.operations.imports.record_refused(
                [RefusedFile(tmp_path / "b.jpg", Problem("corrupt-image"))]
            )
        assert list(reader.photos.all()) == []
        assert reader.media.file_problems() == []


def _photo(service: ProjectService, path: Path, sha256: str) -> str:
    with service.store.transaction():
        return service.photos.add(
            Photo(id="", path=path, sha256=sha256, width=300, height=200, file_size=3)
        ).id


def _original(path: Path, sha256: str) -> NewOriginal:
    return NewOriginal(path, sha256, 9, 400, 300, 6, StoredThumbnail(40, 30, b"new"))


def test_relinking_names_the_photos_and_refuses_an_unknown_id(
    service: ProjectService, tmp_path: Path
) -> None:
    photo = _photo(service, tmp_path / "gone.jpg", "a")
    with pytest.raises(NotFoundError) as refused:
        service.operations.originals.relink(
            {photo: tmp_path / "a.jpg", "nope": tmp_path / "b.jpg"}, backup=False
        )
    assert refused.value.message == "The project has no photo with id “nope”."
    assert service.photos.get(photo).path == tmp_path / "gone.jpg"  # nothing was changed
    changes = service.operations.originals.relink({photo: tmp_path / "a.jpg"}, backup=False)
    assert changes.photos == {photo} and changes.undo is None
    assert service.photos.get(photo).path == tmp_path / "a.jpg"
    assert service.operations.originals.relink({}).empty


def test_replacing_an_original_checks_the_content_first(
    service: ProjectService, tmp_path: Path
) -> None:
    photo = _photo(service, tmp_path / "old.jpg", "old")
    other = _photo(service, tmp_path / "other.jpg", "other")
    replace_file = service.operations.originals.replace_file
    with pytest.raises(NotFoundError, match="no photo with id “nope”"):
        replace_file("nope", _original(tmp_path / "x.jpg", "old"), backup=False)
    with pytest.raises(UsageError, match=f"already the original of photo {other}"):
        replace_file(photo, _original(tmp_path / "x.jpg", "other"), backup=False)
    with pytest.raises(DifferentContentError, match="Confirm to use this file instead"):
        replace_file(photo, _original(tmp_path / "x.jpg", "new"), backup=False)
    assert service.photos.get(photo).sha256 == "old"  # nothing was changed

    done, changes = replace_file(photo, _original(tmp_path / "same.jpg", "old"), backup=False)
    assert (done.previous, done.path, done.same_content) == (
        tmp_path / "old.jpg",
        tmp_path / "same.jpg",
        True,
    )
    assert changes.photos == {photo}
    assert service.photos.get(photo).width == 300  # a move: only the path changed

    done, changes = replace_file(
        photo, _original(tmp_path / "new.jpg", "new"), accept_different=True, backup=False
    )
    stored = service.photos.get(photo)
    assert not done.same_content and changes.photos == {photo}
    assert (stored.sha256, stored.width, stored.height, stored.orientation) == ("new", 400, 300, 6)
    assert service.media.thumbnail(photo) == StoredThumbnail(40, 30, b"new")


def test_a_read_only_project_refuses_relinks_and_replacements(
    project_path: Path, tmp_path: Path
) -> None:
    with ProjectService.open(project_path) as service:
        photo = _photo(service, tmp_path / "old.jpg", "old")
    with ProjectService.open(project_path, read_only=True) as reader:
        with pytest.raises(ReadOnlyProjectError):
            reader.operations.originals.relink({photo: tmp_path / "a.jpg"})
        with pytest.raises(ReadOnlyProjectError):
            reader.operations.originals.replace_file(
                photo, _original(tmp_path / "a.jpg", "new"), accept_different=True
            )
        assert reader.photos.get(photo).path == tmp_path / "old.jpg"


def test_re_read_facts_change_only_what_the_file_says_and_what_the_curator_left(
    service: ProjectService, tmp_path: Path
) -> None:
    same, edited, fresh = (_photo(service, tmp_path / f"{n}.jpg", n) for n in "abc")
    service.operations.shown.set(edited, Shown(events=(("vi", "Lễ ký"),)))
    with service.store.transaction():
        service.rights.put_provenance(Provenance(edited, "composite", source_type_edited=True))
    event = Shown(events=(("vi", "Hội nghị"),))
    facts = [
        FileFacts(service.photos.get(same), Provenance(same)),
        FileFacts(service.photos.get(edited), Provenance(edited, "digitalCapture"), event),
        FileFacts(
            dataclasses.replace(service.photos.get(fresh), camera="Canon EOS R5"),
            Provenance(fresh, "digitalCapture"),
            event,
        ),
    ]
    taken, changes = service.operations.originals.take_facts(facts)
    assert taken.unchanged == (same, edited)
    assert taken.updated == (fresh,)
    assert taken.shown_followed == {same, fresh}
    assert changes.photos == {fresh}
    # The curator's shown data and source type stay; the file's facts follow it.
    assert service.shown.get(edited) == Shown(events=(("vi", "Lễ ký"),))
    assert service.rights.provenance(edited).source_type == "composite"
    assert service.shown.get(fresh) == event
    assert service.photos.get(fresh).camera == "Canon EOS R5"
    assert service.rights.provenance(fresh).source_type == "digitalCapture"

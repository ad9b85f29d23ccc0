"""The import pipeline end to end, on files made here and on the shared real-world corpus."""

from __future__ import annotations

import json
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from PIL import Image

from curator import cli
from curator.core.model import CaptionField
from curator.core.progress import Progress
from curator.core.services import ProjectService
from curator.ingest.analysis import file_sha256
from curator.ingest.importer import ImportOptions, import_paths
from curator.ingest.relink import relink

SHARED_IMAGES = Path(__file__).resolve().parents[3] / "shared" / "data" / "realworld" / "images"


def _jpeg(path: Path, colour: tuple[int, int, int], size: tuple[int, int] = (320, 200)) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, colour).save(path, "JPEG")
    return path


def _xmp_jpeg(path: Path, descriptions: dict[str, str]) -> Path:
    alts = "".join(
        f'<rdf:li xml:lang="{lang}">{text}</rdf:li>' for lang, text in descriptions.items()
    )
    xmp = (
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<dc:description><rdf:Alt>{alts}</rdf:Alt></dc:description>"
        "<dc:creator><rdf:Seq><rdf:li>Tuấn Anh/TTXVN</rdf:li></rdf:Seq></dc:creator>"
        "</rdf:Description></rdf:RDF></x:xmpmeta>"
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (300, 200), (10, 120, 200)).save(path, "JPEG", xmp=xmp.encode())
    return path


def test_import_adds_photos_with_thumbnails_and_captions(service: ProjectService, tmp_path: Path):
    folder = tmp_path / "Ảnh TTXVN"
    _jpeg(folder / "a b.JPG", (200, 0, 0))
    _jpeg(folder / "sub" / "c.jpeg", (0, 200, 0), (200, 320))
    _xmp_jpeg(
        folder / "hội đàm.jpg",
        {"x-default": "Hội đàm tại Hà Nội", "vi": "Hội đàm tại Hà Nội", "ru": "Переговоры в Ханое"},
    )
    seen: list[Progress] = []
    report = import_paths(service, [folder], on_progress=seen.append)
    assert len(report.added) == 3 and not report.refused
    assert seen[-1].done == seen[-1].total == 3
    assert sum(len(p.items) for p in seen) == 3
    photos = {p.path.name: p for p in service.photos.all()}
    assert photos["c.jpeg"].width == 200 and photos["c.jpeg"].height == 320
    thumb = service.media.thumbnail(photos["a b.JPG"].id)
    assert thumb is not None and max(thumb.width, thumb.height) <= 256
    talks = photos["hội đàm.jpg"]
    assert talks.byline == "Tuấn Anh/TTXVN"
    captions = {(c.language, c.field): c.text for c in service.captions.for_photo(talks.id)}
    assert captions[("vi", CaptionField.CAPTION)] == "Hội đàm tại Hà Nội"
    assert captions[("ru", CaptionField.CAPTION)] == "Переговоры в Ханое"


def test_same_file_twice_is_one_photo_and_moves_are_relinked(
    service: ProjectService, tmp_path: Path
):
    original = _jpeg(tmp_path / "in" / "one.jpg", (1, 2, 3))
    copy = tmp_path / "elsewhere" / "copy.jpg"
    copy.parent.mkdir()
    shutil.copy(original, copy)
    report = import_paths(service, [original, copy])
    assert len(report.added) == 1 and len(report.already_known) == 1
    photo_id = report.added[0]
    moved = tmp_path / "moved" / "renamed.jpg"
    moved.parent.mkdir()
    original.rename(moved)
    relinked = relink(service, [tmp_path / "moved"])
    assert relinked.relinked == [(photo_id, moved)]
    assert service.photos.get(photo_id).path == moved
    # Importing the moved file again also finds the photo rather than adding it twice.
    moved.rename(tmp_path / "moved" / "again.jpg")
    again = import_paths(service, [tmp_path / "moved"])
    assert again.relinked == [photo_id] and not again.added


def test_caption_language_fallback_never_uses_the_locale(service: ProjectService, tmp_path: Path):
    path = _xmp_jpeg(tmp_path / "x.jpg", {"x-default": "A meeting in Hanoi"})
    import_paths(service, [path], ImportOptions(caption_language="en"))
    photo = next(service.photos.all())
    assert service.captions.get(photo.id, "en", CaptionField.CAPTION).text == "A meeting in Hanoi"


def test_bad_files_are_refused_and_the_batch_goes_on(service: ProjectService, tmp_path: Path):
    good = _jpeg(tmp_path / "good.jpg", (9, 9, 9))
    (tmp_path / "empty.jpg").write_bytes(b"")
    (tmp_path / "text.JPG").write_text("not an image")
    data = good.read_bytes()
    (tmp_path / "half.jpg").write_bytes(data[: len(data) // 2])
    report = import_paths(service, [tmp_path, tmp_path / "gone.jpg"])
    added = {service.photos.get(pid).path.name: pid for pid in report.added}
    assert set(added) == {"good.jpg", "half.jpg"}
    # A cut file keeps what is there, with the problem on the photo for the curator to see.
    assert [p.code for p in service.media.photo_problems(added["half.jpg"])] == ["truncated-file"]
    assert service.media.photo_problems(added["good.jpg"]) == []
    codes = {path.name: problem.code for path, problem in report.refused}
    assert codes["empty.jpg"] == "empty-file"
    assert codes["text.JPG"] in {"not-an-image", "unsupported-format"}
    assert "gone.jpg" in codes and "half.jpg" not in codes
    listed = {p.path.name for p in service.media.file_problems()}
    assert {"empty.jpg", "text.JPG"} <= listed


def test_cancel_keeps_what_was_imported(service: ProjectService, tmp_path: Path):
    for index in range(12):
        _jpeg(tmp_path / f"{index:02}.jpg", (index * 20, 0, 0))
    cancel = threading.Event()

    def stop_after_first(progress: Progress) -> None:
        if progress.items:
            cancel.set()

    report = import_paths(
        service, [tmp_path], ImportOptions(workers=1), on_progress=stop_after_first, cancel=cancel
    )
    assert report.cancelled
    assert 0 < len(report.added) < 12
    assert service.photos.count() == len(report.added)
    rest = import_paths(service, [tmp_path], ImportOptions(workers=1))
    assert service.photos.count() == 12 and len(rest.added) == 12 - len(report.added)


def test_cancelling_a_pool_import_leaves_no_error_in_the_pools_thread(
    service: ProjectService, tmp_path: Path, monkeypatch
) -> None:
    """Cancelling with files still queued ends the workers; nothing fails behind the scenes.

    Python 3.11's pool fails every future it holds once its workers are gone and raised, in
    its own thread, for one Curator had cancelled: a traceback on stderr after "cancelled".
    """
    # Large enough that each takes the workers a while: files are still queued at the end.
    first = _jpeg(tmp_path / "00.jpg", (10, 0, 0), (4000, 3000)).read_bytes()
    for index in range(1, 24):
        (tmp_path / f"{index:02}.jpg").write_bytes(first + bytes([index]))  # after the end mark
    failures: list[BaseException | None] = []
    monkeypatch.setattr(threading, "excepthook", lambda args: failures.append(args.exc_value))
    for _attempt in range(8):
        cancel = threading.Event()

        def stop_after_first(progress: Progress, cancel: threading.Event = cancel) -> None:
            if progress.items:
                cancel.set()

        report = import_paths(
            service, [tmp_path], ImportOptions(workers=2), on_progress=stop_after_first,
            cancel=cancel,
        )  # fmt: skip
        assert report.cancelled or len(report.added) + len(report.already_known) == 24
        time.sleep(0.2)  # the pool's thread reports after shutdown returns, if at all
        assert failures == [], failures


def test_cli_import_exit_codes_and_json(project_path: Path, tmp_path: Path, capsys):
    _jpeg(tmp_path / "ok.jpg", (5, 5, 5))
    assert cli.main(["import", str(project_path), str(tmp_path / "ok.jpg")]) == 0
    (tmp_path / "bad.png").write_bytes(b"\x89PNG\r\n\x1a\n broken")
    assert cli.main(["import", str(project_path), str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "bad.png" in err
    cli.main(["problems", str(project_path), "--json"])
    problems = json.loads(capsys.readouterr().out)
    assert [p["path"] for p in problems] == [str(tmp_path / "bad.png")]
    assert problems[0]["code"] and problems[0]["message"]
    cli.main(["photos", str(project_path), "--json"])
    (photo,) = json.loads(capsys.readouterr().out)
    assert photo["path"] == str(tmp_path / "ok.jpg") and photo["width"] == 320
    assert photo["orientation"] == 1 and photo["missing"] is False


def _wait_for_first_photo(project_path: Path, process: subprocess.Popen[str]) -> None:
    """Wait until an import running in ``process`` has written a photo (or has ended)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        conn = sqlite3.connect(f"file:{project_path}?mode=ro", uri=True)
        try:
            count = conn.execute("SELECT count(*) FROM photo").fetchone()[0]
        except sqlite3.OperationalError:
            count = 0
        finally:
            conn.close()
        if count:
            return
        time.sleep(0.05)


def test_kill_mid_import_leaves_whole_photos(project_path: Path, tmp_path: Path):
    folder = tmp_path / "many"
    for index in range(40):
        _jpeg(folder / f"{index:02}.jpg", (index * 5, 100, 0), (1200, 800))
    process = subprocess.Popen(
        [sys.executable, "-m", "curator", "import", str(project_path), str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _wait_for_first_photo(project_path, process)
    process.send_signal(signal.SIGKILL)
    process.wait()
    with ProjectService.open(project_path) as service:
        assert service.store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        for photo in service.photos.all():  # every photo that exists is whole
            assert service.media.thumbnail(photo.id) is not None
        report = import_paths(service, [folder])
        assert service.photos.count() == 40
        assert len(report.added) + len(report.already_known) == 40


@pytest.mark.skipif(not SHARED_IMAGES.is_dir(), reason="../shared corpus not present")
def test_every_real_world_file_imports_without_a_crash(service: ProjectService):
    report = import_paths(service, [SHARED_IMAGES])
    total = len(report.added) + len(report.already_known) + len(report.refused)
    print(
        f"\nreal-world corpus: {len(report.added)} added, {len(report.already_known)} duplicates,"
        f" {len(report.refused)} refused"
    )
    for path, problem in report.refused:
        print(f"  refused {path.relative_to(SHARED_IMAGES)}: {problem.code} {problem.detail}")
    assert total > 40
    assert len(report.added) > total * 0.7


def test_every_kind_of_input_in_one_batch(service: ProjectService, tmp_path: Path):
    from tests.ingest import images

    folder = tmp_path / "mixed"
    folder.mkdir()
    good = [
        images.write_oriented_jpeg(folder),
        images.write_16bit_gradient_tiff(folder),
        images.write_16bit_rgb_tiff(folder),
        images.write_cmyk_tiff(folder),
        images.write_cmyk_jpeg(folder),
        images.write_multipage_tiff(folder),
        images.write_alpha_png(folder),
        images.write_vietnamese_named_jpeg(folder),
        images.write_jpeg_bomb(folder),
    ]
    bad = {
        images.write_empty_file(folder): "empty-file",
        images.write_text_file(folder): "not-an-image",
        images.write_foreign_image(folder): "unsupported-format",
        images.write_png_bomb(folder): "image-too-large",
    }
    broken_link = folder / "gone.jpg"
    broken_link.symlink_to(tmp_path / "nowhere.jpg")
    bad[broken_link] = "unreadable-file"
    truncated = images.write_truncated(images.write_plain_jpeg(tmp_path), "cut.jpg")
    good.append(truncated.rename(folder / "cut.jpg"))
    report = import_paths(service, [folder])
    added = {service.photos.get(pid).path for pid in report.added}
    assert added == set(good)
    assert {path: problem.code for path, problem in report.refused} == bad
    oriented = service.photos.find_by_hash(file_sha256(good[0]))
    assert oriented is not None and oriented.orientation == 6
    # Stored 400 x 200, turned upright by orientation 6: the photo is as displayed.
    assert (oriented.width, oriented.height) == (200, 400)


def test_ctrl_c_mid_import_exits_130_and_keeps_whole_photos(project_path: Path, tmp_path: Path):
    folder = tmp_path / "many"
    for index in range(60):
        _jpeg(folder / f"{index:02}.jpg", (index * 4, 50, 0), (1600, 1200))
    process = subprocess.Popen(
        [sys.executable, "-m", "curator", "import", str(project_path), str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    _wait_for_first_photo(project_path, process)
    process.send_signal(signal.SIGINT)
    _out, err = process.communicate(timeout=60)
    if process.returncode == 0:
        pytest.skip("the import finished before Ctrl-C arrived")
    assert process.returncode == 130
    assert "cancelled" in err and "Traceback" not in err
    with ProjectService.open(project_path) as service:
        assert service.store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert all(service.media.thumbnail(p.id) for p in service.photos.all())
        import_paths(service, [folder])
        assert service.photos.count() == 60


def test_bylines_become_structured_credits_and_credit_lines(
    service: ProjectService, tmp_path: Path
):
    path = _xmp_jpeg(tmp_path / "talks.jpg", {"vi": "Hội đàm tại Hà Nội"})
    report = import_paths(service, [path])
    (photo_id,) = report.added
    (credit,) = service.photos.credits(photo_id)
    assert credit.photographer == {"vi": "Tuấn Anh"} and credit.agency == {"vi": "TTXVN"}
    lines = {
        c.language: c.text
        for c in service.captions.for_photo(photo_id)
        if c.field == CaptionField.CREDIT
    }
    assert lines["vi"] == "Ảnh: Tuấn Anh/TTXVN"
    assert lines["ru"] == "Фото: Туан Ань/TTXVN"
    assert lines["en"] == "Photo: Tuan Anh/TTXVN"


def test_pool_workers_die_with_a_killed_importer(project_path: Path, tmp_path: Path):
    folder = tmp_path / "many"
    for index in range(30):
        _jpeg(folder / f"{index:02}.jpg", (index * 8, 10, 10), (1600, 1200))
    process = subprocess.Popen(
        [sys.executable, "-m", "curator", "import", str(project_path), str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    children: list[str] = []
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and len(children) < 3 and process.poll() is None:
        found = subprocess.run(["pgrep", "-P", str(process.pid)], capture_output=True, text=True)
        children = found.stdout.split()
        time.sleep(0.01)
    if process.poll() is not None:
        pytest.skip("the import finished before its workers could be seen")
    process.send_signal(signal.SIGKILL)  # often before the workers have even started
    process.wait()
    # Behaviour, not speed: the workers notice their parent is gone and end. The bound only
    # keeps a broken build from waiting for ever; a loaded machine stays far inside it.
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and any(Path(f"/proc/{pid}").exists() for pid in children):
        time.sleep(0.1)
    assert not [pid for pid in children if Path(f"/proc/{pid}").exists()]

"""The translation memory (issue 22, points 1 and 5): units from projects and TMX files,
scored lookups, TMX out through translate-toolkit, hostile TMX refused."""

from __future__ import annotations

import contextlib
import io
import sqlite3
import subprocess
from pathlib import Path

import pytest
from translate.storage.tmx import tmxfile

from curator import cli
from curator.core.errors import UsageError
from curator.core.model import CaptionField, CaptionStatus, GlossaryEntry, GlossaryKind, Photo
from curator.core.services import CaptionEdit, ProjectService
from curator.core.storage.migrations import migrate
from curator.core.storage.protected_files import ProtectedFiles
from curator.exchange.tmx import read_tmx, write_tmx
from curator.memory import MemoryFileError, MemoryStore, UnitDraft
from curator.memory.adapt import adapt
from curator.memory.projects import project_drafts, suggestions_for

VI = "Tổng Giám đốc TTXVN Vũ Việt Trang hội đàm với Tổng giám đốc TASS Andrey Kondrashov."
RU = "Генеральный директор ВИА Ву Вьет Чанг на переговорах с Андреем Кондрашовым."
VI_2 = "Lễ ký kết thỏa thuận hợp tác giữa TTXVN và TASS tại Hà Nội năm 2019."
RU_2 = "Подписание соглашения о сотрудничестве между ВИА и ТАСС в Ханое в 2019 году."


def _project(path: Path, title: str, captions: list[tuple[str, str, CaptionStatus]]) -> list[str]:
    ids = []
    with ProjectService.create(path, title=title, languages=["vi", "ru", "en"]) as service:
        with service.store.transaction():
            for index in range(len(captions)):
                photo = Photo(
                    id="", path=Path(f"/p/{index}.jpg"), sha256=f"{title}{index}", width=6, height=4
                )
                ids.append(service.photos.add(photo).id)
        edits = []
        for photo_id, (vi, ru, status) in zip(ids, captions, strict=True):
            edits.append(CaptionEdit(photo_id, "vi", CaptionField.CAPTION, vi, CaptionStatus.FINAL))
            if ru:
                edits.append(CaptionEdit(photo_id, "ru", CaptionField.CAPTION, ru, status))
        service.set_captions(edits)
    return ids


def test_a_field_final_in_two_languages_is_a_unit_and_a_draft_is_not(tmp_path: Path) -> None:
    path = tmp_path / "a.curator"
    ids = _project(path, "2019", [(VI, RU, CaptionStatus.FINAL), (VI_2, RU_2, CaptionStatus.DRAFT)])
    with ProjectService.open(path, read_only=True) as service:
        drafts = list(project_drafts(service))
    assert [
        (d.source_language, d.target_language, d.source_text, d.target_text) for d in drafts
    ] == [("vi", "ru", VI, RU)]
    assert drafts[0].photo_id == ids[0] and drafts[0].origin == "2019" and drafts[0].year


def test_the_unit_stays_when_the_caption_later_changes(tmp_path: Path) -> None:
    path = tmp_path / "a.curator"
    ids = _project(path, "2019", [(VI, RU, CaptionStatus.FINAL)])
    with ProjectService.open(path) as service:
        service.set_captions([CaptionEdit(ids[0], "ru", CaptionField.CAPTION, "Другой текст.")])
        assert [d.target_text for d in project_drafts(service)] == [RU]


def _back_to_schema_7(path: Path) -> None:
    """Take away what migrations 8 onwards added (tables, then columns), whatever they are."""
    old = sqlite3.connect(":memory:", isolation_level=None)
    migrate(old, target=7)

    def tables(conn: sqlite3.Connection) -> set[str]:
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        return {name for (name,) in rows if not name.startswith("sqlite_")}

    def columns(conn: sqlite3.Connection, table: str) -> list[str]:
        return [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]

    conn = sqlite3.connect(path, isolation_level=None)
    kept = tables(old)
    for table in sorted(tables(conn) - kept):
        conn.execute(f"DROP TABLE IF EXISTS {table}")
    for table in sorted(kept & tables(conn)):
        for column in columns(conn, table):
            if column not in columns(old, table):
                conn.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    conn.execute("PRAGMA user_version = 7")
    conn.close()
    old.close()


def test_an_older_project_gets_its_final_pairs_as_units_when_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "old.curator"
    _project(path, "2019", [(VI, RU, CaptionStatus.FINAL)])
    _back_to_schema_7(path)
    with ProjectService.open(path) as service:
        assert [d.target_text for d in project_drafts(service)] == [RU]


def test_a_second_exhibition_gets_the_first_ones_translation_scored(tmp_path: Path) -> None:
    first = tmp_path / "2019.curator"
    _project(
        first, "Triển lãm 2019", [(VI, RU, CaptionStatus.FINAL), (VI_2, RU_2, CaptionStatus.FINAL)]
    )
    second = tmp_path / "2026.curator"
    changed = VI_2.replace("2019", "2026")
    ids = _project(second, "Triển lãm 2026", [(changed, "", CaptionStatus.EMPTY)])
    memory = tmp_path / "memory.sqlite"
    with MemoryStore(memory) as store, ProjectService.open(first, read_only=True) as service:
        assert store.add(project_drafts(service)) == (2, 0)
        assert store.add(project_drafts(service)) == (0, 2)
    with ProjectService.open(second, read_only=True) as service:
        found = suggestions_for(service, memory, ids[0], "ru", CaptionField.CAPTION)
    # The year differs, nothing else: the stored translation gets the new year.
    assert found[0].text == RU_2.replace("2019", "2026") and found[0].adapted
    assert found[0].stored_text == RU_2 and found[0].origin == "Triển lãm 2019"
    assert 90 <= found[0].score < 100
    assert all(s.text != RU for s in found)  # the other caption is not alike
    # The other direction is kept too: a Russian text finds its Vietnamese translation.
    with MemoryStore(memory, read_only=True) as store:
        assert store.suggest(RU, "ru", "vi")[0].text == VI


def test_a_photo_is_never_its_own_suggestion(tmp_path: Path) -> None:
    path = tmp_path / "a.curator"
    ids = _project(path, "2019", [(VI, RU, CaptionStatus.FINAL)])
    memory = tmp_path / "memory.sqlite"
    with ProjectService.open(path, read_only=True) as service:
        with MemoryStore(memory) as store:
            store.add(project_drafts(service))
        assert suggestions_for(service, memory, ids[0], "ru", CaptionField.CAPTION) == []


def test_tmx_written_is_read_by_translate_toolkit_and_back(tmp_path: Path) -> None:
    units = [
        UnitDraft("vi", "ru", VI, RU, origin="2019", year=2019, photo_id="p1", field="caption"),
        UnitDraft("vi", "ru", "A & B <c>", "А & Б <в>", origin="agency"),
    ]
    target = tmp_path / "out.tmx"
    assert write_tmx(target, units, guard=ProtectedFiles.nothing(), source_language="vi") == 2
    store = tmxfile(target.open("rb"), "vi", "ru")
    assert [(u.source, u.target) for u in store.units] == [(VI, RU), ("A & B <c>", "А & Б <в>")]
    back = read_tmx(target)
    assert back.units == [
        UnitDraft("vi", "ru", VI, RU, origin="2019", year=2019, photo_id="p1", field="caption"),
        UnitDraft("vi", "ru", "A & B <c>", "А & Б <в>", origin="agency"),
    ]


def test_a_tmx_from_translate_toolkit_is_read_with_inline_codes_left_out(tmp_path: Path) -> None:
    path = tmp_path / "agency.tmx"
    path.write_text(
        '<?xml version="1.0"?><tmx version="1.4"><header srclang="vi" datatype="plaintext"'
        ' segtype="sentence" adminlang="en" o-tmf="x" creationtool="x" creationtoolversion="1"/>'
        '<body><tu creationdate="20190301T120000Z" creationid="lan">'
        '<tuv xml:lang="VI"><seg>Hà <bpt i="1">&lt;b&gt;</bpt>Nội<ept i="1">&lt;/b&gt;</ept>'
        '</seg></tuv><tuv xml:lang="ru-RU"><seg>Ханой</seg></tuv>'
        '<tuv xml:lang="en"><seg>Ha <hi>Noi</hi></seg></tuv></tu></body></tmx>',
        encoding="utf-8",
    )
    read = read_tmx(path)
    pairs = {
        (u.source_language, u.target_language, u.source_text, u.target_text) for u in read.units
    }
    assert pairs == {
        ("vi", "ru-RU", "Hà Nội", "Ханой"),
        ("vi", "en", "Hà Nội", "Ha Noi"),
        ("ru-RU", "en", "Ханой", "Ha Noi"),
    }
    assert {u.year for u in read.units} == {2019} and {u.author for u in read.units} == {"lan"}


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (
            '<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY a "aaaa">]><tmx><body>&a;</body></tmx>',
            "entities",
        ),
        ('<?xml version="1.0"?><tmx><body><tu></body></tmx>', "line 1"),
        ('<?xml version="1.0"?>\n<martif/>', "not a TMX file"),
    ],
)
def test_a_bad_or_hostile_tmx_is_refused_naming_the_file(
    tmp_path: Path, content: str, words: str
) -> None:
    path = tmp_path / "bad.tmx"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(UsageError) as caught:
        read_tmx(path)
    assert "bad.tmx" in caught.value.message and words in caught.value.message


def test_a_project_file_is_never_taken_for_a_memory(tmp_path: Path) -> None:
    path = tmp_path / "a.curator"
    _project(path, "2019", [(VI, RU, CaptionStatus.FINAL)])
    before = path.read_bytes()
    with pytest.raises(MemoryFileError, match="not a Curator translation memory"):
        MemoryStore(path)
    assert path.read_bytes() == before


@pytest.fixture
def read_only_folder(tmp_path: Path):
    """A real read-only file system (a tmpfs mounted ro); skipped where mounting is refused."""
    folder = tmp_path / "ro"
    folder.mkdir()
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m,ro", "tmpfs", str(folder)], capture_output=True
    )
    if result.returncode != 0:
        pytest.skip("mounting a tmpfs is not permitted here")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def test_a_memory_on_a_read_only_disk_is_a_clear_error(read_only_folder: Path) -> None:
    with pytest.raises(MemoryFileError) as caught:
        MemoryStore(read_only_folder / "curator" / "memory.sqlite")
    assert "memory.sqlite" in caught.value.message
    # Reading a memory that is not there is reading an empty memory, on any disk.
    with MemoryStore(read_only_folder / "memory.sqlite", read_only=True) as store:
        assert store.stats().units == 0 and store.suggest(VI, "vi", "ru") == []


def _cli(*args: str) -> int:
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        return cli.main([*args, "--ui-language", "en"])


def test_memory_export_never_writes_over_a_database(tmp_path: Path) -> None:
    project = tmp_path / "a.tmx"  # a project under a .tmx name
    _project(project, "2019", [(VI, RU, CaptionStatus.FINAL)])
    memory = tmp_path / "memory.sqlite"
    assert _cli("memory", "add", str(project), "--memory", str(memory)) == 0
    before = project.read_bytes(), memory.read_bytes()
    assert _cli("memory", "export", str(project), "--memory", str(memory)) == 2
    link = tmp_path / "link.tmx"
    link.symlink_to(memory)
    assert _cli("memory", "export", str(link), "--memory", str(memory)) == 2
    assert (project.read_bytes(), memory.read_bytes()) == before
    assert _cli("memory", "export", str(tmp_path / "out.tmx"), "--memory", str(memory)) == 0


def test_memory_export_onto_a_read_only_disk_is_exit_3(read_only_folder: Path, tmp_path) -> None:
    memory = tmp_path / "memory.sqlite"
    with MemoryStore(memory) as store:
        store.add([UnitDraft("vi", "ru", VI, RU, origin="x")])
    target = read_only_folder / "out.tmx"
    assert _cli("memory", "export", str(target), "--memory", str(memory)) == 3
    assert not target.exists()


def test_a_match_differing_by_a_number_or_a_glossary_name_is_made_to_fit() -> None:
    glossary = [
        GlossaryEntry(1, GlossaryKind.PLACE, {"vi": "Hà Nội", "ru": "Ханой"}),
        GlossaryEntry(2, GlossaryKind.PLACE, {"vi": "Moskva", "ru": "Москва"}),
    ]
    stored, translation = "Lễ ký kết tại Hà Nội năm 2019.", "Подписание в Ханое в 2019 году."
    # Ханой is not in the translation as the glossary writes it (Ханое): not certain, left.
    assert (
        adapt(stored, translation, "Lễ ký kết tại Moskva năm 2024.", "vi", "ru", glossary) is None
    )
    translation = "Подписание, Ханой, 2019 год."
    assert (
        adapt(stored, translation, "Lễ ký kết tại Moskva năm 2024.", "vi", "ru", glossary)
        == "Подписание, Москва, 2024 год."
    )
    # Another word differs as well: the translator must read it.
    assert adapt(stored, translation, "Hội đàm tại Hà Nội năm 2024.", "vi", "ru", glossary) is None

"""Imports are matched against the project's record of the export (issue 17, points 1, 2, 4,
8, 9): what gettext, translate-toolkit and a translator's edits do to a file cannot undo a
curator's work, and a cut file or a file in another language is never applied."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from curator import cli
from curator.core.model import CaptionField, CaptionStatus, Photo
from curator.core.services import CaptionEdit, ProjectService

LONG_VI = (
    "Phóng viên TTXVN tác nghiệp tại Moskva trong lễ kỷ niệm, cùng các đồng nghiệp "
    "của hãng thông tấn TASS và nhiều hãng thông tấn khác."
)
SOURCES = [
    ("Tổng Giám đốc TTXVN hội đàm với TASS.", "Генеральный директор ВИА на переговорах."),
    ("Lễ ký kết thỏa thuận.", ""),
    (LONG_VI, ""),
]


def run(*args: object) -> int:
    return cli.main([str(arg) for arg in args])


@pytest.fixture
def project(tmp_path: Path) -> Iterator[tuple[Path, list[str]]]:
    """A closed vi/ru/en project: three photos, vi captions and headlines, one ru draft."""
    path = tmp_path / "exhibition.curator"
    service = ProjectService.create(path, title="Việt Nam – Nga", languages=["vi", "ru", "en"])
    ids: list[str] = []
    with service.store.transaction():
        for index in range(len(SOURCES)):
            photo = Photo(
                id="",
                path=Path(f"/photos/{index:02d} ảnh.jpg"),
                sha256=f"hash{index}",
                width=6000,
                height=4000,
            )
            ids.append(service.photos.add(photo).id)
    edits = []
    for photo_id, (vi, ru) in zip(ids, SOURCES, strict=True):
        edits.append(CaptionEdit(photo_id, "vi", CaptionField.CAPTION, vi, CaptionStatus.FINAL))
        edits.append(CaptionEdit(photo_id, "vi", CaptionField.HEADLINE, vi.split(" ")[0]))
        edits.append(CaptionEdit(photo_id, "en", CaptionField.CAPTION, f"English {photo_id}"))
        if ru:
            edits.append(CaptionEdit(photo_id, "ru", CaptionField.CAPTION, ru))
    service.set_captions(edits)
    service.close()
    yield path, ids


def _caption(path: Path, photo_id: str, field: CaptionField, language: str = "ru"):
    with ProjectService.open(path, read_only=True) as service:
        return service.captions.get(photo_id, language, field)


def _content(path: Path) -> list[tuple]:
    """Every caption and kept translation of the project."""
    with ProjectService.open(path, read_only=True) as service:
        conn = service.store.conn
        rows = conn.execute("SELECT * FROM caption ORDER BY 1, 2, 3").fetchall()
        rows += conn.execute("SELECT * FROM caption_alternative").fetchall()
        return [tuple(row) for row in rows]


def _set(path: Path, photo_id: str, field: CaptionField, text: str) -> None:
    with ProjectService.open(path) as service:
        service.set_caption(photo_id, "ru", field, text)


def _fill(po: str, translations: dict[str, str]) -> str:
    """A translator's edit of a PO: each msgid named gets its msgstr (one line)."""
    for source, target in translations.items():
        pattern = re.compile(r'(msgid "' + re.escape(source) + r'"\nmsgstr )"[^\n]*"')
        po, count = pattern.subn(lambda found, t=target: found.group(1) + f'"{t}"', po)
        assert count == 1, source
    return po


def _plan(capsys, path: Path, file: Path, *extra: object) -> dict:
    capsys.readouterr()
    assert run("exchange", "import", path, file, "--json", *extra) in (0, 1)
    return json.loads(capsys.readouterr().out)


def _actions(plan: dict) -> dict[str, str]:
    return {entry["key"]: entry["action"] for entry in plan["entries"]}


# -- point 1: the project remembers what it sent ------------------------------------------


@pytest.mark.skipif(shutil.which("msgmerge") is None, reason="needs gettext's msgmerge")
def test_msgmerge_against_a_fresh_export_cannot_undo_the_curators_edit(
    project, tmp_path: Path, capsys
) -> None:
    path, ids = project
    old = tmp_path / "old.po"
    assert run("exchange", "export", path, "--lang", "ru", "--format", "po", "-o", old) == 0
    translated = tmp_path / "translated.po"
    translated.write_text(
        _fill(old.read_text("utf-8"), {"Tổng": "Генеральный", "Lễ": "Церемония"}), "utf-8"
    )
    # Meanwhile the curator writes photo 0's headline; a fresh export carries revision 1.
    _set(path, ids[0], CaptionField.HEADLINE, "Гендиректор")
    fresh = tmp_path / "fresh.po"
    assert run("exchange", "export", path, "--lang", "ru", "--format", "po", "-o", fresh) == 0
    merged = tmp_path / "merged.po"
    subprocess.run(["msgmerge", "--quiet", "-o", merged, translated, fresh], check=True, timeout=60)
    # msgmerge took the fresh export's comments (the new revision) ...
    assert "revision=1 source=" in merged.read_text("utf-8")
    plan = _plan(capsys, path, merged)
    actions = _actions(plan)
    # ... yet the file is matched against what the old export sent: a conflict, not a change.
    assert actions[f"{ids[0]}|headline"] == "conflict"
    assert actions[f"{ids[1]}|headline"] == "new"
    [conflict] = [e for e in plan["entries"] if e["action"] == "conflict"]
    assert conflict["current"] == "Гендиректор" and conflict["incoming"] == "Генеральный"
    assert "changed here after the export" in conflict["reason"]
    assert run("exchange", "import", path, merged, "--apply") == 1
    assert _caption(path, ids[0], CaptionField.HEADLINE).text == "Гендиректор"
    assert _caption(path, ids[1], CaptionField.HEADLINE).text == "Церемония"


def test_an_untouched_entry_the_curator_edited_since_is_no_conflict(
    project, tmp_path: Path, capsys
) -> None:
    path, ids = project
    sent = tmp_path / "ru.po"
    assert run("exchange", "export", path, "--lang", "ru", "--format", "po", "-o", sent) == 0
    # The translator leaves photo 0's caption as it was sent and translates photo 1's.
    sent.write_text(_fill(sent.read_text("utf-8"), {"Lễ ký kết thỏa thuận.": "Подписание."}))
    _set(path, ids[0], CaptionField.CAPTION, "Новый текст куратора.")
    plan = _plan(capsys, path, sent)
    [entry] = [e for e in plan["entries"] if e["key"] == f"{ids[0]}|caption"]
    assert entry["action"] == "unchanged"
    assert entry["reason"] == "unchanged by the translator; your newer text stays"
    capsys.readouterr()
    assert run("exchange", "import", path, sent, "--apply") == 0
    assert "your newer text stays" in capsys.readouterr().out
    caption = _caption(path, ids[0], CaptionField.CAPTION)
    assert caption.text == "Новый текст куратора."
    with ProjectService.open(path, read_only=True) as service:
        assert service.alternatives.count() == 0


def test_a_corrected_file_sent_again_applies_its_correction(
    project, tmp_path: Path, capsys
) -> None:
    path, ids = project
    sent = tmp_path / "ru.po"
    assert run("exchange", "export", path, "--lang", "ru", "--format", "po", "-o", sent) == 0
    original = sent.read_text("utf-8")
    first = tmp_path / "first.po"
    first.write_text(_fill(original, {"Lễ ký kết thỏa thuận.": "Подписане."}), "utf-8")
    assert run("exchange", "import", path, first, "--apply") == 0
    second = tmp_path / "second.po"
    second.write_text(_fill(original, {"Lễ ký kết thỏa thuận.": "Подписание."}), "utf-8")
    plan = _plan(capsys, path, second)
    assert _actions(plan)[f"{ids[1]}|caption"] == "changed"
    assert run("exchange", "import", path, second, "--apply") == 0
    assert _caption(path, ids[1], CaptionField.CAPTION).text == "Подписание."
    # The same file once more changes nothing; a curator's edit after it is still theirs.
    assert _actions(_plan(capsys, path, second))[f"{ids[1]}|caption"] == "unchanged"
    _set(path, ids[1], CaptionField.CAPTION, "Подписание соглашения.")
    assert _actions(_plan(capsys, path, second))[f"{ids[1]}|caption"] == "unchanged"
    assert _actions(_plan(capsys, path, first))[f"{ids[1]}|caption"] == "conflict"


def test_a_file_whose_revision_data_was_stripped_is_matched_through_the_record(
    project, tmp_path: Path, capsys
) -> None:
    path, ids = project
    sent = tmp_path / "ru.po"
    assert run("exchange", "export", path, "--lang", "ru", "--format", "po", "-o", sent) == 0
    text = _fill(sent.read_text("utf-8"), {"Tổng": "Генеральный"})
    stripped = "\n".join(line for line in text.splitlines() if not line.startswith("#.")) + "\n"
    assert "revision=" not in stripped
    _set(path, ids[0], CaptionField.HEADLINE, "Гендиректор")
    _set(path, ids[1], CaptionField.CAPTION, "Текст куратора.")
    for name, body in (
        ("stripped.po", stripped),
        # ... and with the export id gone from the header too.
        ("bare.po", re.sub(r'"X-Curator-Export: [0-9a-f]+\\n"\n', "", stripped)),
    ):
        file = tmp_path / name
        file.write_text(body, "utf-8")
        actions = _actions(_plan(capsys, path, file))
        assert actions[f"{ids[0]}|headline"] == "conflict", name
        assert actions[f"{ids[1]}|caption"] == "untranslated", name


# -- point 2: a file never lands in another language --------------------------------------


def test_a_file_that_says_one_language_is_refused_under_another(
    project, tmp_path: Path, capsys
) -> None:
    path, ids = project
    english = tmp_path / "en.po"
    assert run("exchange", "export", path, "--lang", "en", "--format", "po", "-o", english) == 0
    english.write_text(_fill(english.read_text("utf-8"), {"Tổng": "General"}), "utf-8")
    before = _content(path)
    capsys.readouterr()
    assert run("exchange", "import", path, english, "--lang", "ru", "--apply") == 2
    error = capsys.readouterr().err
    assert "says it is in “en”, not “ru”" in error and "nothing was imported" in error
    assert _content(path) == before
    assert _caption(path, ids[0], CaptionField.HEADLINE) is None
    # The same flag naming the file's own language is fine.
    assert run("exchange", "import", path, english, "--lang", "en", "--apply") == 0
    assert _caption(path, ids[0], CaptionField.HEADLINE, "en").text == "General"


def test_a_file_relabelled_to_another_language_is_refused_by_its_record(
    project, tmp_path: Path, capsys
) -> None:
    path, _ids = project
    english = tmp_path / "en.po"
    assert run("exchange", "export", path, "--lang", "en", "--format", "po", "-o", english) == 0
    text = english.read_text("utf-8").replace("Target-Language: en", "Target-Language: ru")
    english.write_text(text.replace("Language: en", "Language: ru"), "utf-8")
    before = _content(path)
    assert run("exchange", "import", path, english, "--apply") == 2
    assert "was exported for “en”" in capsys.readouterr().err
    assert _content(path) == before


# -- point 4: a cut file is never applied in part -----------------------------------------


def test_a_po_cut_inside_a_multiline_msgstr_is_not_applied_in_part(
    project, tmp_path: Path, capsys
) -> None:
    path, ids = project
    sent = tmp_path / "ru.po"
    assert run("exchange", "export", path, "--lang", "ru", "--format", "po", "-o", sent) == 0
    long_ru = (
        "Корреспондент ВИА работает в Москве во время торжеств вместе с коллегами из "
        "агентства ТАСС и многих других информационных агентств."
    )
    text = sent.read_text("utf-8")
    # The translator's tool wraps the long translation over several lines, as msgcat does.
    head, tail = long_ru[:60], long_ru[60:]
    marker = f'msgctxt "{ids[2]}|caption"'
    at = text.index(marker)
    entry_end = text.index('msgstr ""', at) + len('msgstr ""')
    text = text[:entry_end] + f'\n"{head}"\n"{tail}"' + text[entry_end:]
    text = _fill(text, {"Tổng": "Генеральный", "Lễ": "Церемония"})
    whole = tmp_path / "whole.po"
    whole.write_text(text, "utf-8")
    cut = tmp_path / "cut.po"
    cut_at = text.index(f'"{tail}"')
    cut.write_text(text[:cut_at], "utf-8")  # a line boundary: still valid PO
    plan = _plan(capsys, path, cut)
    actions = _actions(plan)
    assert actions[f"{ids[2]}|caption"] == "malformed"
    [last] = [e for e in plan["entries"] if e["key"] == f"{ids[2]}|caption"]
    assert "cut short" in last["message"] and last["incoming"] == head.strip()
    # Nothing of the cut caption is written; what came whole before it is.
    capsys.readouterr()
    assert run("exchange", "import", path, cut, "--apply") == 1
    out = capsys.readouterr().out
    assert "Malformed: 1" in out
    assert _caption(path, ids[2], CaptionField.CAPTION) is None
    assert _caption(path, ids[0], CaptionField.HEADLINE).text == "Генеральный"
    # The whole file, later, brings the caption in byte for byte.
    assert run("exchange", "import", path, whole, "--apply") == 0
    assert _caption(path, ids[2], CaptionField.CAPTION).text == long_ru


def test_entries_sent_but_absent_are_listed(project, tmp_path: Path, capsys) -> None:
    path, ids = project
    sent = tmp_path / "ru.po"
    assert run("exchange", "export", path, "--lang", "ru", "--format", "po", "-o", sent) == 0
    text = sent.read_text("utf-8")
    # The translator's tool dropped photo 1's two entries (in the middle of the file).
    blocks = text.split("\n\n")
    kept = [block for block in blocks if f'"{ids[1]}|' not in block]
    assert len(kept) == len(blocks) - 2
    sent.write_text("\n\n".join(kept), "utf-8")
    capsys.readouterr()
    assert run("exchange", "import", path, sent) == 0
    out = capsys.readouterr().out
    assert "Not in the file: 2" in out
    assert f"{ids[1]}|caption (01 ảnh.jpg): Not in the file" in out
    plan = _plan(capsys, path, sent)
    assert plan["counts"]["missing"] == 2 and plan["counts"]["malformed"] == 0


# -- points 8 and 9: a plan a manager can read; whitespace is never silently trimmed ---------


def test_the_plan_names_photos_shows_old_and_new_budget_and_whitespace(
    project, tmp_path: Path, capsys
) -> None:
    path, ids = project
    sent = tmp_path / "ru.po"
    assert run("exchange", "export", path, "--lang", "ru", "--format", "po", "-o", sent) == 0
    text = sent.read_text("utf-8")
    long_ru = (
        "Генеральный директор ВИА Ву Вьет Чанг на переговорах с генеральным директором "
        "ТАСС Андреем Кондрашовым в Ханое."
    )
    text = text.replace(
        '"Генеральный директор ВИА на переговорах."', f'"{long_ru}"'
    )  # photo 0's caption, rewritten at length
    text = _fill(text, {"Lễ": "Церемония\\n", "Lễ ký kết thỏa thuận.": " Подписание."})
    sent.write_text(text, "utf-8")
    # The export said how much room the layout has: 40 characters for photo 0's caption.
    with ProjectService.open(path) as service:
        service.store.conn.execute(
            "UPDATE exchange_export_unit SET budget_chars = 40 WHERE key = ?",
            (f"{ids[0]}|caption",),
        )
    capsys.readouterr()
    assert run("exchange", "import", path, sent) == 0
    out = capsys.readouterr().out
    assert f"{ids[0]}|caption (00 ảnh.jpg): Changed" in out
    assert "{+" in out and "[-" in out  # a word diff for the long text
    assert f"{len(long_ru)} characters; the layout has room for 40" in out
    assert "status: Draft → Draft" not in out
    assert out.count("whitespace trimmed") == 2
    plan = _plan(capsys, path, sent)
    by_key = {entry["key"]: entry for entry in plan["entries"]}
    changed = by_key[f"{ids[0]}|caption"]
    assert changed["file_name"] == "00 ảnh.jpg"
    assert changed["current"] == "Генеральный директор ВИА на переговорах."
    assert changed["incoming"] == long_ru and changed["diff"]
    assert changed["budget_chars"] == 40 and changed["over_budget"] is True
    assert changed["current_status"] == "draft" and changed["new_status"] == "draft"
    new = by_key[f"{ids[1]}|headline"]
    assert new["whitespace_trimmed"] is True and new["incoming"] == "Церемония"
    assert new["current_status"] == "empty" and new["new_status"] == "draft"
    assert by_key[f"{ids[1]}|caption"]["whitespace_trimmed"] is True


def test_a_changed_final_newline_on_an_unchanged_text_is_shown(
    project, tmp_path: Path, capsys
) -> None:
    path, ids = project
    sent = tmp_path / "ru.po"
    assert run("exchange", "export", path, "--lang", "ru", "--format", "po", "-o", sent) == 0
    text = sent.read_text("utf-8").replace(
        '"Генеральный директор ВИА на переговорах."',
        '"Генеральный директор ВИА на переговорах.\\n"',
    )
    sent.write_text(text, "utf-8")
    plan = _plan(capsys, path, sent)
    [entry] = [e for e in plan["entries"] if e["key"] == f"{ids[0]}|caption"]
    assert entry["action"] == "unchanged" and entry["whitespace_trimmed"] is True
    capsys.readouterr()
    assert run("exchange", "import", path, sent) == 0
    out = capsys.readouterr().out
    assert f"{ids[0]}|caption (00 ảnh.jpg): Unchanged" in out and "whitespace trimmed" in out


def test_a_project_open_elsewhere_still_exports_and_says_it_kept_no_record(
    project, tmp_path: Path, capsys
) -> None:
    path, ids = project
    sent = tmp_path / "ru.po"
    with ProjectService.open(path) as window:  # the window has the project open
        capsys.readouterr()
        assert run("exchange", "export", path, "--lang", "ru", "--format", "po", "-o", sent) == 0
        assert "cannot be recorded" in capsys.readouterr().err
        assert window.exports.count() == 0
    # The file's own records still match it: a plain translation imports.
    sent.write_text(_fill(sent.read_text("utf-8"), {"Lễ": "Церемония"}), "utf-8")
    assert run("exchange", "import", path, sent, "--apply") == 0
    assert _caption(path, ids[1], CaptionField.HEADLINE).text == "Церемония"

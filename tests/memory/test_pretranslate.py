"""Pre-translation for translators (issue 22, point 3): the demo exhibition in the memory, a
second exhibition with the same photos and one caption changed by a number, exported with
--pretranslate through the command line and checked with msgfmt, the XLIFF schemas,
translate-toolkit and OmegaT."""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import polib
import pytest
from translate.storage.tmx import tmxfile

from curator import cli
from curator.core.model import CaptionField, CaptionStatus
from curator.core.services import ProjectService
from curator.core.translators.exchange_apply import apply_plan
from curator.core.translators.exchange_plan import plan_import
from curator.exchange.captions import read_caption_file
from tests.omegat_tool import need_omegat, omegat_project, translate

SCHEMAS = Path(__file__).resolve().parents[3] / "shared" / "data" / "schemas"
RIVER = "Hoàng hôn buông xuống cầu Long Biên, cây cầu thép hơn 125 năm tuổi bắc qua sông Hồng."
RIVER_RU = "Закат над мостом Лонгбьен – стальным мостом через Красную реку, которому более 120 лет."
#: The demo's translation with its number made to fit the new source (120 → 125).
RIVER_RU_125 = RIVER_RU.replace("120", "125")


def _run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main([*args, "--ui-language", "en"])
    return code, out.getvalue(), err.getvalue()


def _json(*args: str) -> Any:
    code, out, _err = _run(*args, "--json")
    assert code == 0, args
    return json.loads(out)


@pytest.fixture(scope="module")
def second(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str, str]:
    """(second project, memory file, the changed photo's id)."""
    base = tmp_path_factory.mktemp("pretranslate")
    code, out, _err = _run("demo", str(base / "demo"))
    assert code == 0
    demo = out.strip()
    memory = str(base / "memory.sqlite")
    assert _run("memory", "add", demo, "--memory", memory)[0] == 0
    project = str(base / "second.curator")
    assert _run("new", project, "--languages", "vi,ru,en", "--title", "Triển lãm 2027")[0] == 0
    photos = base / "demo" / "photos"
    assert _run("import", project, str(photos / "07-red-river.jpg"))[0] == 0
    photo = _json("photos", project)[0]["id"]
    # The photo's embedded captions come in; the translations are emptied and the caption
    # says 125 where the demo said 120.
    for language in ("ru", "en"):
        for field in ("headline", "caption", "place"):
            _run("caption", project, photo, "--lang", language, "--field", field, "--text", "")
    assert _run("caption", project, photo, "--lang", "vi", "--field", "caption",
                "--text", RIVER)[0] == 0  # fmt: skip
    return project, memory, photo


def _export(second: tuple[str, str, str], folder: Path, fmt: str, *extra: str) -> Path:
    project, memory, _photo = second
    suffix = {"po": ".po", "xliff12": ".xlf", "xliff20": ".xlf"}[fmt]
    path = folder / f"ru-{fmt}{suffix}"
    flags = ["--lang", "ru", "--format", fmt, "-o", str(path), "--pretranslate"]
    code, _out, err = _run("exchange", "export", project, *flags, "--memory", memory, *extra)
    assert code == 0, err
    return path


def test_empty_targets_are_filled_fuzzy_with_origin_and_percentage(second, tmp_path: Path) -> None:
    project, _memory, photo = second
    path = _export(second, tmp_path, "po")
    assert subprocess.run(["msgfmt", "-c", "-o", os.devnull, str(path)]).returncode == 0
    entries = {entry.msgctxt: entry for entry in polib.pofile(str(path))}
    caption = entries[f"{photo}|caption"]
    assert caption.msgstr == RIVER_RU_125 and caption.fuzzy
    # The note is written in the target language (Russian), for the translator.
    assert "% из «Việt Nam – Nga: 68 năm hợp tác thông tấn»" in caption.comment
    assert "Числа и имена из глоссария в нём изменены" in caption.comment
    score = int(caption.comment.split("% из")[0].rsplit(" ", 1)[-1])
    assert 90 <= score < 100
    # Nothing filled is final: every entry with a translation is fuzzy.
    assert all(e.fuzzy for e in entries.values() if e.msgstr and e.msgctxt != "curator|end")
    # Back unchanged, the filled texts come in as needing review, never final.
    copy = tmp_path / "copy.curator"
    shutil.copyfile(project, copy)
    with ProjectService.open(copy) as service:
        plan = plan_import(service, read_caption_file(path), path)
        apply_plan(service, plan, backup=False)
        field = service.captions.get(photo, "ru", CaptionField.CAPTION)
        assert field.text == RIVER_RU_125 and field.status == CaptionStatus.NEEDS_REVIEW


def test_a_higher_minimum_leaves_the_fuzzy_match_out(second, tmp_path: Path) -> None:
    _project, _memory, photo = second
    path = _export(second, tmp_path, "po", "--min-match", "100")
    entries = {entry.msgctxt: entry for entry in polib.pofile(str(path))}
    assert entries[f"{photo}|caption"].msgstr == ""
    assert entries[f"{photo}|headline"].msgstr  # the headline is an exact match


@pytest.mark.parametrize(
    ("fmt", "schema"),
    [("xliff12", "xliff-core-1.2-transitional.xsd"), ("xliff20", "xliff-core-2.0.xsd")],
)
def test_pretranslated_xliff_validates(second, tmp_path: Path, fmt: str, schema: str) -> None:
    if not (SCHEMAS / schema).exists() or shutil.which("xmllint") is None:
        pytest.skip("needs the XLIFF schemas and xmllint")
    path = _export(second, tmp_path, fmt)
    assert RIVER_RU_125 in path.read_text(encoding="utf-8")
    result = subprocess.run(
        ["xmllint", "--nonet", "--noout", "--schema", str(SCHEMAS / schema), str(path)],
        capture_output=True,
        text=True,
        env={**os.environ, "XML_CATALOG_FILES": str(SCHEMAS / "catalog.xml")},
    )
    assert result.returncode == 0, result.stderr


def test_the_package_carries_the_relevant_memory_as_tmx(second, tmp_path: Path) -> None:
    project, memory, _photo = second
    target = tmp_path / "ru.zip"
    code, _out, err = _run("exchange", "package", project, "--lang", "ru", "-o", str(target),
                           "--pretranslate", "--memory", memory)  # fmt: skip
    assert code == 0, err
    with zipfile.ZipFile(target) as archive:
        (tmp_path / "memory.tmx").write_bytes(archive.read("memory.tmx"))
    units = tmxfile((tmp_path / "memory.tmx").open("rb"), "vi", "ru").units
    pairs = {(u.source, u.target) for u in units}
    assert any(target == RIVER_RU for _source, target in pairs)
    # Only what matches this file's texts: the demo's other captions stay home.
    assert len(pairs) < 10


def test_omegat_reads_the_memory_and_keeps_the_pretranslation_fuzzy(second, tmp_path: Path) -> None:
    """OmegaT takes Curator's TMX as an automatic memory (tm/auto) and the pretranslated PO
    as source: the exact matches come from the TMX; the fuzzy pre-translation is not taken
    for a translation (OmegaT offers a fuzzy PO entry as a match, never writes it as done)."""
    need_omegat()
    _project, memory, photo = second
    root = tmp_path / "omegat-project"
    omegat_project(root, auto_tm=True)
    po = _export(second, root / "source", "po")
    assert _run("memory", "export", str(root / "tm" / "auto" / "memory.tmx"),
                "--languages", "vi,ru", "--memory", memory)[0] == 0  # fmt: skip
    translate(root)
    translated = {e.msgctxt: e for e in polib.pofile(str(root / "target" / po.name))}
    headline = translated[f"{photo}|headline"]
    assert headline.msgstr == "Закат над Красной рекой"
    caption = translated[f"{photo}|caption"]
    assert caption.msgstr == "", (caption.msgstr, caption.flags)


def test_the_catalogues_own_texts_are_filled_too(second, tmp_path: Path) -> None:
    """``catalogue:title`` and the foreword are filled from the memory, needing review."""
    project, memory, photo = second
    copy = tmp_path / "texts.curator"
    shutil.copyfile(project, copy)
    for key, text in (("foreword", RIVER), ("subtitle", "Không có trong bộ nhớ")):
        assert _run("catalogue", "texts", str(copy), "--set", key, "vi", text)[0] == 0
    path = tmp_path / "ru.po"
    flags = ["--lang", "ru", "--format", "po", "-o", str(path), "--pretranslate"]
    code, _out, err = _run("exchange", "export", str(copy), *flags, "--memory", memory)
    assert code == 0, err
    entries = {entry.msgctxt: entry for entry in polib.pofile(str(path))}
    foreword = entries["catalogue:foreword"]
    assert foreword.msgid == RIVER
    assert foreword.msgstr == RIVER_RU_125 and foreword.fuzzy  # its number made to fit
    assert "% из «Việt Nam – Nga: 68 năm hợp tác thông tấn»" in foreword.comment
    assert entries["catalogue:subtitle"].msgstr == ""  # nothing like it in the memory
    assert entries[f"{photo}|caption"].fuzzy  # the captions as before

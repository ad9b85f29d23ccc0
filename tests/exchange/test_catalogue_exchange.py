"""The catalogue's own texts travel with the captions (issue 18, point 2): every format, the
translators' tools, the conflict rules, the budgets, the package and the command line."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import os
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from curator.cli import main
from curator.core.errors import UsageError
from curator.core.operations import RestoreImport
from curator.core.publishing.catalogue_texts import TextKey, clean_value, read_texts, set_texts
from curator.core.services import ProjectService
from curator.core.translators.caption_exchange import ExportScope, build_export, record_export
from curator.core.translators.catalogue_exchange import EXCHANGED_KEYS
from curator.core.translators.exchange_apply import apply_plan
from curator.core.translators.exchange_plan import PlanAction, plan_import
from curator.exchange.captions import SUFFIXES, read_caption_file, write_caption_file
from tests.omegat_tool import need_omegat, omegat_project, tmx, translate

SHARED = Path(__file__).resolve().parents[3] / "shared"
SCHEMAS = SHARED / "data" / "schemas"
X12 = "{urn:oasis:names:tc:xliff:document:1.2}"
X20 = "{urn:oasis:names:tc:xliff:document:2.0}"
FORMATS = ("po", "xliff12", "xliff20", "csv", "xlsx")

VI = {
    "title": "Việt Nam – Nga: 75 năm hữu nghị",
    "subtitle": "Ảnh của TTXVN và TASS",
    "foreword": "Đoạn thứ nhất của lời nói đầu.\n\nĐoạn thứ hai, với “ngoặc kép” và 100 %.",
    "signatory_name": "Vũ Việt Trang",
    "signatory_title": "Tổng Giám đốc TTXVN",
    "organisers": "Thông tấn xã Việt Nam\nHãng thông tấn TASS",
    "edition": "Lần thứ nhất",
    "print_run": "500 bản",
    "printer": "Nhà in Thông tấn",
    "paper": "Giấy couché 150 g/m²",
    "copyright": "© TTXVN 2026",
}
RU_TITLE = "Вьетнам – Россия"
ISBN = "978-3-16-148410-0"


def _ru(text: str) -> str:
    return "\n".join(f"[ru] {line}" if line else "" for line in text.split("\n"))


@pytest.fixture
def titled(captioned) -> Iterator[tuple[ProjectService, list[str]]]:
    """The caption project with every catalogue text in Vietnamese, a Russian title, an ISBN."""
    service, ids = captioned
    values = [(key, "vi", text) for key, text in VI.items()]
    set_texts(service, [*values, ("title", "ru", RU_TITLE), ("isbn", "-", ISBN)])
    yield service, ids


def _export(service: ProjectService, folder: Path, fmt: str, name: str = "ru") -> Path:
    document = build_export(service, ExportScope("ru"), {})
    record_export(service, document, fmt)
    path = folder / f"{name}{SUFFIXES[fmt]}"
    write_caption_file(path, document, fmt)
    return path


def _plan(service: ProjectService, path: Path):
    return plan_import(service, read_caption_file(path), path)


def _catalogue(plan) -> dict[str, object]:
    return {e.key: e for e in plan.entries if e.text_key is not None}


Translate = Callable[[str, str], str | None]


def _translate(path: Path, fmt: str, translate: Translate) -> None:
    """Fill the target of each ``catalogue:`` unit as a translator's tool saves it."""
    if fmt == "po":
        import polib

        catalog = polib.pofile(str(path))
        for entry in catalog:
            if (entry.msgctxt or "").startswith("catalogue:"):
                text = translate(entry.msgctxt, entry.msgid)
                if text is not None:
                    entry.msgstr, entry.flags = text, []
        catalog.save(str(path))
    elif fmt in ("xliff12", "xliff20"):
        ns = X12 if fmt == "xliff12" else X20
        ET.register_namespace("", ns[1:-1])
        tree = ET.parse(path)
        for unit in tree.getroot().iter(f"{ns}trans-unit" if fmt == "xliff12" else f"{ns}unit"):
            key = unit.get("id") if fmt == "xliff12" else unit.get("name")
            if not key.startswith("catalogue:"):
                continue
            holder = unit if fmt == "xliff12" else unit.find(f"{ns}segment")
            text = translate(key, holder.find(f"{ns}source").text)
            if text is None:
                continue
            target = holder.find(f"{ns}target")
            if target is None:
                target = ET.SubElement(holder, f"{ns}target")
            target.text = text
            if fmt == "xliff12":
                target.set("state", "translated")
            else:
                holder.set("state", "translated")
        tree.write(path, encoding="utf-8", xml_declaration=True)
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(path.read_text("utf-8-sig"), newline="")))
        for row in rows[1:]:
            if row[0].startswith("catalogue:"):
                text = translate(row[0], row[1])
                row[2] = row[2] if text is None else text
        out = io.StringIO(newline="")
        csv.writer(out, lineterminator="\r\n").writerows(rows)
        path.write_text("\ufeff" + out.getvalue(), "utf-8")
    else:
        from openpyxl import load_workbook

        book = load_workbook(path)
        sheet = book.active
        for row in sheet.iter_rows(min_row=2):
            if str(row[0].value or "").startswith("catalogue:"):
                text = translate(row[0].value, row[1].value)
                if text is not None:
                    row[2].value = text
        book.save(path)


def _translate_all(key: str, source: str) -> str:
    return _ru(source)


# -- every format ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_carries_the_catalogue_texts_and_brings_them_back(
    titled, tmp_path: Path, fmt: str
) -> None:
    service, _ids = titled
    path = _export(service, tmp_path, fmt)
    incoming = read_caption_file(path)
    keys = [entry.key for entry in incoming.entries if entry.key.startswith("catalogue:")]
    # Every text that is text per language goes, in the editor's order; the ISBN does not.
    assert keys == [f"catalogue:{key.value}" for key in EXCHANGED_KEYS]
    assert "catalogue:isbn" not in keys and ISBN not in path.read_bytes().decode("utf-8", "ignore")
    # The captions are all still there, before the catalogue's texts.
    assert len(incoming.entries) == 6 + len(keys)
    _translate(path, fmt, _translate_all)
    plan = _plan(service, path)
    entries = _catalogue(plan)
    assert entries["catalogue:title"].action == PlanAction.CHANGED
    assert entries["catalogue:title"].current_text == RU_TITLE
    assert {entries[f"catalogue:{k}"].action for k in VI if k != "title"} == {PlanAction.NEW}
    assert all(entry.budget_chars for entry in entries.values())
    apply_plan(service, plan, backup=False)
    texts = read_texts(service)
    for key, text in VI.items():
        assert texts.get(TextKey(key), "ru") == _ru(text), key
    # Paragraphs and one organiser per line survive every format.
    assert read_texts(service).organisers("ru") == (
        "[ru] Thông tấn xã Việt Nam",
        "[ru] Hãng thông tấn TASS",
    )
    assert texts.get(TextKey.ISBN, "ru") == ISBN


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_file_sent_back_untouched_changes_no_catalogue_text(
    titled, tmp_path: Path, fmt: str
) -> None:
    service, _ids = titled
    path = _export(service, tmp_path, fmt)
    plan = _plan(service, path)
    actions = {e.key: e.action for e in _catalogue(plan).values()}
    # The sent Russian title reads back as it was (XLIFF 1.2 sends it as a proposal beside
    # a copy of the source, which reads as not translated); nothing else was translated.
    assert actions.pop("catalogue:title") in (PlanAction.UNCHANGED, PlanAction.UNTRANSLATED)
    assert set(actions.values()) == {PlanAction.UNTRANSLATED}
    apply_plan(service, plan, backup=False)
    assert read_texts(service).get(TextKey.TITLE, "ru") == RU_TITLE
    assert read_texts(service).get(TextKey.SUBTITLE, "ru") == ""


def test_a_section_file_carries_no_catalogue_text(titled) -> None:
    service, ids = titled
    with service.store.transaction():
        section = service.exhibition.add_section({"vi": "Một"})
        service.exhibition.assign(section.id, [ids[0]])
    document = build_export(service, ExportScope("ru", section_id=section.id), {})
    assert document.units and not document.catalogue


def test_only_unfinished_leaves_out_translated_catalogue_texts(titled) -> None:
    service, _ids = titled
    document = build_export(service, ExportScope("ru", only_unfinished=True), {})
    assert "catalogue:title" not in [u.key for u in document.catalogue]
    assert "catalogue:subtitle" in [u.key for u in document.catalogue]


# -- the conflict rules ---------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["po", "xliff20"])
def test_a_text_the_curator_changed_since_is_kept_and_the_translators_waits_beside(
    titled, tmp_path: Path, fmt: str
) -> None:
    service, _ids = titled
    path = _export(service, tmp_path, fmt)
    # After the export the curator writes the Russian subtitle and changes the title.
    set_texts(service, [("subtitle", "ru", "Мой подзаголовок"), ("title", "ru", "Мой заголовок")])
    translations = {"catalogue:subtitle": "Фото ВИА и ТАСС", "catalogue:edition": "Первое"}
    _translate(path, fmt, lambda key, source: translations.get(key))
    plan = _plan(service, path)
    entries = _catalogue(plan)
    assert entries["catalogue:subtitle"].action == PlanAction.CONFLICT
    assert "changed here" in entries["catalogue:subtitle"].reason
    # The translator left the title as sent: the curator's newer title is no conflict.
    assert entries["catalogue:title"].action == PlanAction.UNCHANGED
    assert "newer text stays" in entries["catalogue:title"].reason
    assert entries["catalogue:edition"].action == PlanAction.NEW
    applied = apply_plan(service, plan, backup=False)
    assert applied.changes.catalogue and not applied.changes.routes
    texts = read_texts(service)
    assert texts.get(TextKey.SUBTITLE, "ru") == "Мой подзаголовок"
    assert texts.get(TextKey.TITLE, "ru") == "Мой заголовок"
    assert texts.get(TextKey.EDITION, "ru") == "Первое"
    [kept] = service.catalogue.kept()
    assert (kept.key, kept.language, kept.text) == ("subtitle", "ru", "Фото ВИА и ТАСС")
    assert kept.origin == path.name
    # Undo puts everything back, the kept text included; redo does it all again.
    assert applied.changes.undo is not None
    undone = service.operations.undo(applied.changes.undo)
    assert read_texts(service).get(TextKey.EDITION, "ru") == ""
    assert service.catalogue.kept() == []
    assert undone.catalogue and undone.undo is not None
    service.operations.undo(undone.undo)
    assert read_texts(service).get(TextKey.EDITION, "ru") == "Первое"
    assert [k.text for k in service.catalogue.kept()] == ["Фото ВИА и ТАСС"]
    resolution = service.operations.exchange.resolve_kept(kept.id, take=True)
    assert resolution.catalogue and resolution.alternatives
    undo = resolution.undo
    assert isinstance(undo, RestoreImport)
    assert undo.texts == (("subtitle", "ru", "Мой подзаголовок", "Фото ВИА и ТАСС"),)
    assert read_texts(service).get(TextKey.SUBTITLE, "ru") == "Фото ВИА и ТАСС"
    assert service.catalogue.kept() == []


def test_a_text_whose_source_changed_since_says_so(titled, tmp_path: Path) -> None:
    service, _ids = titled
    path = _export(service, tmp_path, "po")
    set_texts(service, [("subtitle", "vi", "Ảnh mới")])
    _translate(
        path, "po", lambda key, source: "Подзаголовок" if key == "catalogue:subtitle" else None
    )
    entry = _catalogue(_plan(service, path))["catalogue:subtitle"]
    assert entry.action == PlanAction.SOURCE_CHANGED


def test_a_text_longer_than_its_budget_is_refused_and_nothing_else(titled, tmp_path: Path) -> None:
    service, _ids = titled
    path = _export(service, tmp_path, "xliff12")
    root = ET.parse(path).getroot()
    units = {u.get("id"): u for u in root.iter(f"{X12}trans-unit")}
    assert units["catalogue:title"].get("maxwidth") == "400"
    assert units["catalogue:foreword"].get("maxwidth") == "40000"
    [group] = [g for g in root.iter(f"{X12}group")]
    assert group.get("id") == "catalogue" and len(group) == len(EXCHANGED_KEYS)
    long_title = "Очень длинный заголовок " * 20
    _translate(
        path,
        "xliff12",
        lambda key, source: {"catalogue:title": long_title, "catalogue:paper": "Мелованная"}.get(
            key
        ),
    )
    plan = _plan(service, path)
    entries = _catalogue(plan)
    assert entries["catalogue:title"].action == PlanAction.MALFORMED
    assert "at most 400" in entries["catalogue:title"].message
    apply_plan(service, plan, backup=False)
    assert read_texts(service).get(TextKey.TITLE, "ru") == RU_TITLE
    assert read_texts(service).get(TextKey.PAPER, "ru") == "Мелованная"


def test_a_foreword_too_long_for_a_spreadsheet_cell_is_refused_before_writing(
    titled, tmp_path: Path
) -> None:
    service, _ids = titled
    set_texts(service, [("foreword", "vi", "Một đoạn văn dài. " * 2000)])
    document = build_export(service, ExportScope("ru"), {})
    path = tmp_path / "ru.xlsx"

    with pytest.raises(UsageError, match=r"catalogue:foreword.*PO or XLIFF"):
        write_caption_file(path, document, "xlsx")
    assert not path.exists()
    # PO carries the whole foreword, and reads it back whole.
    po = tmp_path / "ru.po"
    write_caption_file(po, document, "po")
    [entry] = [e for e in read_caption_file(po).entries if e.key == "catalogue:foreword"]
    assert entry.source == ("Một đoạn văn dài. " * 2000).strip()


def test_unknown_and_neutral_catalogue_keys_are_refused(titled, tmp_path: Path) -> None:
    service, _ids = titled
    path = _export(service, tmp_path, "csv")
    rows = list(csv.reader(io.StringIO(path.read_text("utf-8-sig"), newline="")))
    template = next(row for row in rows if row[0] == "catalogue:paper")
    rows.append(["catalogue:isbn", ISBN, "978-0-00-000000-2", *template[3:]])
    rows.append(["catalogue:cover_colour", "đỏ", "красный", *template[3:]])
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    path.write_text("\ufeff" + out.getvalue(), "utf-8")
    entries = _catalogue(_plan(service, path))
    plan = _plan(service, path)
    refused = {e.key: e for e in plan.entries if e.action == PlanAction.MALFORMED}
    assert set(refused) == {"catalogue:isbn", "catalogue:cover_colour"}
    assert "catalogue:paper" in entries
    apply_plan(service, plan, backup=False)
    assert read_texts(service).get(TextKey.ISBN, "") == ISBN


# -- the translators' tools -----------------------------------------------------------------


@pytest.mark.skipif(shutil.which("xmllint") is None, reason="needs xmllint")
@pytest.mark.skipif(not SCHEMAS.is_dir(), reason="needs ../shared/data/schemas")
@pytest.mark.parametrize(
    ("fmt", "schema"),
    [("xliff12", "xliff-core-1.2-transitional.xsd"), ("xliff20", "xliff-core-2.0.xsd")],
)
def test_xliff_with_the_catalogue_group_validates(
    titled, tmp_path: Path, fmt: str, schema: str
) -> None:
    service, _ids = titled
    path = _export(service, tmp_path, fmt)
    result = subprocess.run(
        ["xmllint", "--nonet", "--noout", "--schema", str(SCHEMAS / schema), str(path)],
        capture_output=True,
        text=True,
        env={**os.environ, "XML_CATALOG_FILES": str(SCHEMAS / "catalog.xml")},
    )
    assert result.returncode == 0, result.stderr
    ns = X12 if fmt == "xliff12" else X20
    groups = list(ET.parse(path).getroot().iter(f"{ns}group"))
    assert [g.get("id") for g in groups] == ["catalogue"]


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="needs gettext's msgfmt")
def test_a_po_with_catalogue_texts_passes_msgfmt_check(titled, tmp_path: Path) -> None:
    service, _ids = titled
    set_texts(service, [("foreword", "ru", 'Первый абзац.\n\nВторой, с "кавычками" и \\.')])
    path = _export(service, tmp_path, "po")
    result = subprocess.run(
        ["msgfmt", "-c", "-o", os.devnull, str(path)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    [entry] = [e for e in read_caption_file(path).entries if e.key == "catalogue:foreword"]
    assert entry.target == 'Первый абзац.\n\nВторой, с "кавычками" и \\.'


@pytest.mark.skipif(shutil.which("msgmerge") is None, reason="needs gettext's msgmerge")
def test_msgmerge_against_a_fresh_export_keeps_the_curators_newer_title(
    titled, tmp_path: Path
) -> None:
    service, _ids = titled
    old = _export(service, tmp_path, "po", name="old")
    _translate(old, "po", _translate_all)
    set_texts(service, [("title", "ru", "Заголовок куратора")])
    fresh = _export(service, tmp_path, "po", name="fresh")
    merged = tmp_path / "merged.po"
    subprocess.run(["msgmerge", "--quiet", "-o", merged, old, fresh], check=True, timeout=60)
    plan = _plan(service, merged)
    entries = _catalogue(plan)
    assert entries["catalogue:title"].action == PlanAction.CONFLICT
    assert entries["catalogue:foreword"].action == PlanAction.NEW
    apply_plan(service, plan, backup=False)
    texts = read_texts(service)
    assert texts.get(TextKey.TITLE, "ru") == "Заголовок куратора"
    assert texts.get(TextKey.FOREWORD, "ru") == _ru(VI["foreword"])
    assert [k.text for k in service.catalogue.kept()] == [_ru(VI["title"])]


def test_po2xliff_keeps_the_catalogue_texts(titled, tmp_path: Path) -> None:
    """translate-toolkit drops the PO's msgctxt; Curator's record of origin names it again."""
    po2xliff = shutil.which("po2xliff") or str(Path(os.sys.executable).parent / "po2xliff")
    if not Path(po2xliff).exists():
        pytest.skip("needs translate-toolkit's po2xliff")
    service, _ids = titled
    document = build_export(service, ExportScope("ru"), {})
    record_export(service, document, "xliff12")
    template = tmp_path / "ru.xlf"
    write_caption_file(template, document, "xliff12")
    po = tmp_path / "ru.po"
    write_caption_file(po, document, "po")  # the same export, as PO
    _translate(po, "po", _translate_all)
    xlf = tmp_path / "ru-tt.xlf"
    subprocess.run([po2xliff, "-t", template, po, xlf], check=True, capture_output=True)
    plan = _plan(service, xlf)
    entries = _catalogue(plan)
    assert len(entries) == len(EXCHANGED_KEYS)
    assert {e.action for e in entries.values()} == {PlanAction.NEW, PlanAction.CHANGED}
    assert entries["catalogue:foreword"].incoming_text == _ru(VI["foreword"])
    apply_plan(service, plan, backup=False)
    assert read_texts(service).get(TextKey.ORGANISERS, "ru") == _ru(VI["organisers"])


def _profile(tmp_path: Path) -> str:
    return f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice")
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_libreoffice_resaves_the_catalogue_texts_whole(titled, tmp_path: Path, fmt: str) -> None:
    service, _ids = titled
    path = _export(service, tmp_path, fmt)
    _translate(path, fmt, _translate_all)
    out = tmp_path / "lo"
    subprocess.run(
        [
            "soffice",
            _profile(tmp_path),
            "--headless",
            *(["--infilter=CSV:44,34,76"] if fmt == "csv" else []),
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    plan = _plan(service, out / "ru.xlsx")
    entries = _catalogue(plan)
    assert len(entries) == len(EXCHANGED_KEYS)
    apply_plan(service, plan, backup=False)
    texts = read_texts(service)
    for key, text in VI.items():
        assert texts.get(TextKey(key), "ru") == _ru(text), key


@pytest.mark.parametrize("fmt", ["po", "xliff12"])
def test_omegat_translates_the_catalogue_texts(titled, tmp_path: Path, fmt: str) -> None:
    need_omegat()
    service, _ids = titled
    # One-line texts only: OmegaT splits a multi-line text into paragraphs of its own.
    set_texts(service, [("foreword", "vi", ""), ("organisers", "vi", "")])
    project = tmp_path / "omegat-project"
    omegat_project(project)
    exported = _export(service, project / "source", fmt, name="captions")
    sent = [e for e in read_caption_file(exported).entries if e.key.startswith("catalogue:")]
    pairs = {entry.source: _ru(entry.source) for entry in sent}
    (project / "omegat" / "project_save.tmx").write_text(tmx(pairs), "utf-8")
    translate(project)
    translated = project / "target" / exported.name
    plan = _plan(service, translated)
    entries = _catalogue(plan)
    assert len(entries) == len(sent) == 9
    apply_plan(service, plan, backup=False)
    texts = read_texts(service)
    for key, text in VI.items():
        if key not in ("foreword", "organisers"):
            assert texts.get(TextKey(key), "ru") == _ru(text), key


# -- the package and the command line -------------------------------------------------------


def test_the_translators_package_carries_the_catalogue_texts(titled, tmp_path: Path) -> None:
    service, _ids = titled
    path = service.store.path
    service.close()
    package = tmp_path / "ru.zip"
    assert main(["exchange", "package", str(path), "--lang", "ru", "-o", str(package)]) == 0
    with zipfile.ZipFile(package) as archive:
        text = archive.read("captions-ru.po").decode("utf-8")
    assert 'msgctxt "catalogue:title"' in text and 'msgctxt "catalogue:foreword"' in text


def test_import_json_reports_catalogue_texts_and_conflicts_list_them(
    titled, tmp_path: Path, capsys
) -> None:
    service, _ids = titled
    db = service.store.path
    service.close()
    sent = tmp_path / "ru.po"
    assert (
        main(["exchange", "export", str(db), "--lang", "ru", "--format", "po", "-o", str(sent)])
        == 0
    )
    assert "catalogue's own texts" in capsys.readouterr().err
    _translate(
        sent,
        "po",
        lambda key, source: {"catalogue:title": "Новый", "catalogue:edition": "Первое"}.get(key),
    )
    assert main(["catalogue", "texts", str(db), "--set", "title", "ru", "Куратор"]) == 0
    capsys.readouterr()
    assert main(["exchange", "import", str(db), str(sent), "--apply", "--json"]) == 1
    plan = json.loads(capsys.readouterr().out)
    entries = {e["key"]: e for e in plan["entries"]}
    assert entries["catalogue:title"]["action"] == "conflict"
    assert entries["catalogue:title"]["catalogue_text"] == "title"
    assert entries["catalogue:title"]["photo_id"] is None
    assert entries["catalogue:edition"]["action"] == "new"
    assert main(["catalogue", "texts", str(db), "--json"]) == 0
    [kept] = json.loads(capsys.readouterr().out)["kept_translations"]
    assert (kept["key"], kept["current"], kept["kept"]) == ("title", "Куратор", "Новый")
    assert main(["exchange", "conflicts", str(db)]) == 0
    listed = capsys.readouterr().out
    assert f"catalogue {kept['id']}:" in listed and "translator: Новый" in listed
    assert main(["exchange", "resolve", str(db), str(kept["id"]), "--take", "--catalogue"]) == 0
    with ProjectService.open(db, read_only=True) as reopened:
        texts = read_texts(reopened)
        assert texts.get(TextKey.TITLE, "ru") == "Новый"
        assert texts.get(TextKey.EDITION, "ru") == "Первое"
        assert reopened.catalogue.kept() == []


# -- any text, every format -----------------------------------------------------------------

_ALPHABET = st.sampled_from(
    [
        *"aăâđêôơưáàảãạếềểễệ",
        "a\u0301",
        *"ЁёЙйЖжЩщ",
        *"\"'«»“”%;,|\\#\n\t <>&=",
        "%(name)s",
        "{0}",
        "😀",
        "🇻🇳",
    ]
)
_TEXTS = st.lists(_ALPHABET, min_size=1, max_size=40).map("".join)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(key=st.sampled_from(["title", "foreword"]), source=_TEXTS, translation=_TEXTS)
@example(key="foreword", source="=SUM(A1)\n\nb", translation="-5 °C\n\n@x")
def test_any_catalogue_text_survives_every_format(
    captioned, key: str, source: str, translation: str
) -> None:
    service, _ids = captioned
    text_key = TextKey(key)
    try:
        source_text = clean_value(text_key, source)
        target_text = clean_value(text_key, translation)
    except UsageError:
        return
    if not source_text or not target_text:
        return
    set_texts(service, [(key, "vi", source_text), (key, "ru", "")])
    document = build_export(service, ExportScope("ru"), {})
    unit_key = f"catalogue:{key}"
    with tempfile.TemporaryDirectory() as folder:
        for fmt in FORMATS:
            path = Path(folder) / f"ru{SUFFIXES[fmt]}"
            write_caption_file(path, document, fmt)
            [sent] = [e for e in read_caption_file(path).entries if e.key == unit_key]
            assert sent.source == source_text, fmt
            if fmt == "xliff12":
                # An XLIFF 1.2 target starts as a copy of the source; the tool replaces it
                # and marks it translated (so even a text equal to its source counts).
                _translate(path, fmt, lambda k, _s: target_text if k == unit_key else None)
            else:
                filled = tuple(
                    dataclasses.replace(unit, target=target_text) if unit.key == unit_key else unit
                    for unit in document.catalogue
                )
                write_caption_file(path, dataclasses.replace(document, catalogue=filled), fmt)
            [planned] = [e for e in _plan(service, path).entries if e.key == unit_key]
            assert planned.action == PlanAction.NEW, (fmt, planned)
            assert planned.incoming_text == target_text, fmt

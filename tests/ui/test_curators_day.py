"""A curator's whole day in the real window, on the demo exhibition.

Open the demo from File > Open; import three new photos (EXIF and XMP in them); rate, flag and
filter; caption one in three languages from the keyboard; send Russian to a translator and take
the file back (its plan, Apply, a conflict resolved); put the photos in a section and lay it
out on the Layout tab; run preflight; export the catalogue from File > Export Catalogue and
check the PDF. Every step goes through the menus, keys, buttons and dialogs a person uses (file
dialogs and modal dialogs are answered by ``RecordingDialogs``), and asserts what the person
would see: the library, the status bar, the stored texts, the plan's rows, the PDF.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from PIL import Image, ImageDraw
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog

from curator.core.library.photo_filter import FlagFilter
from curator.core.model import CaptionField, CaptionStatus, PhotoFlag
from curator.demo import write_demo
from curator.ui.views.exchange_dialogs import (
    ConflictsDialog,
    ExportForTranslatorDialog,
    ImportPlanDialog,
)

pytestmark = pytest.mark.gui

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier
HEADLINE, CAPTION = CaptionField.HEADLINE, CaptionField.CAPTION

_XMP = (
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    '<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/"'
    ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmp:Rating="{rating}" xmp:Label="{label}">'
    '<dc:description><rdf:Alt><rdf:li xml:lang="ru">{description}</rdf:li></rdf:Alt>'
    "</dc:description></rdf:Description></rdf:RDF></x:xmpmeta>"
)
# Three photos a photographer sent in the afternoon: (file, rating, label, Russian description).
NEW_PHOTOS = (
    ("10-tet-market.jpg", 3, "Green", "Предновогодний рынок в Ханое"),
    ("11-ao-dai.jpg", 0, "", "Девушки в аозай у озера Хоанкием"),
    ("12-blurred.jpg", 1, "", "Смазанный кадр"),
)


def _make_photos(folder: Path) -> list[Path]:
    """JPEGs at print size with EXIF (photographer, capture time) and embedded XMP."""
    folder.mkdir()
    paths = []
    for index, (name, rating, label, description) in enumerate(NEW_PHOTOS):
        image = Image.new("RGB", (2400, 1600), (40 + 60 * index, 70, 110))
        draw = ImageDraw.Draw(image)
        for band in range(0, 1600, 160):
            draw.rectangle((0, band, 2400, band + 60), fill=(200, 120 + 20 * index, 60))
        exif = Image.Exif()
        exif[0x013B] = "Nguyen Van A"  # Artist (EXIF text is ASCII)
        exif.get_ifd(0x8769)[0x9003] = f"2026:02:1{index} 09:30:00"  # DateTimeOriginal
        xmp = _XMP.format(rating=rating, label=label, description=description)
        path = folder / name
        image.save(path, quality=85, exif=exif, xmp=xmp.encode())
        paths.append(path)
    return paths


def _focused():
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def _press(qtbot, key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    """A key as the keyboard sends it: to the focused widget (shortcuts first)."""
    qtbot.keyClick(_focused(), key, modifiers)


def _type(text: str) -> None:
    """Type into the focused widget, one key event per character (any script)."""
    widget = _focused()
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def _choose(dialog: QDialog, path: Path) -> None:
    """What a person does in a file dialog: type the name, press the accept button."""
    assert isinstance(dialog, QFileDialog), f"expected a file dialog, got {dialog!r}"
    dialog.setDirectory(str(path.parent))
    dialog.selectFile(
        path.name if dialog.fileMode() is not QFileDialog.FileMode.Directory else str(path)
    )
    dialog.accept()


def _choose_many(dialog: QDialog, paths: list[Path]) -> None:
    assert isinstance(dialog, QFileDialog)
    dialog.setDirectory(str(paths[0].parent))
    dialog.selectFile(" ".join(f'"{path.name}"' for path in paths))
    dialog.accept()


def _shown_ids(window) -> list[str]:
    model = window.library.model
    return [model.item(row).photo.id for row in range(model.rowCount())]


def test_a_curators_day_in_the_window(curator_window, dialogs, qtbot, tmp_path: Path) -> None:
    bundle, window = curator_window, curator_window.window
    project, _created = write_demo(tmp_path / "demo")

    # -- morning: open the exhibition -----------------------------------------------------
    dialogs.chosen_path = project
    window.open_action.trigger()
    service = bundle.controller.service
    assert service is not None and service.path == project
    assert window.library.model.rowCount() == 9
    assert "9 photos" in window.library.filter_bar.count_label.text()

    # -- import three new photos (File > Import Photos…) ----------------------------------
    new_files = _make_photos(tmp_path / "from-the-photographer")
    dialogs.dialog_hook = lambda dialog: _choose_many(dialog, new_files)
    bundle.importer.import_files_action.trigger()
    qtbot.waitUntil(lambda: not bundle.importer.running, timeout=30000)
    assert "3 photos added" in window.statusBar().currentMessage()
    assert window.library.model.rowCount() == 12
    by_name = {photo.path.name: photo for photo in service.photos.all()}
    market, ao_dai, blurred = (by_name[name] for name, *_rest in NEW_PHOTOS)
    assert (market.rating, market.label) == (3, "Green")  # from the XMP
    assert market.byline == "Nguyen Van A" and market.captured_at.day == 10  # from the EXIF
    headline_ru = service.captions.get(market.id, "ru", CAPTION)
    assert headline_ru is not None and headline_ru.text == "Предновогодний рынок в Ханое"

    # -- shortlist with the library's keys, then filter -----------------------------------
    window.activateWindow()  # shortcuts go to the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    library = window.library
    for photo, keys in ((market, [Qt.Key.Key_5, Qt.Key.Key_P]), (blurred, [Qt.Key.Key_X])):
        assert library.select_photo(photo.id)
        library.view.setFocus()
        for key in keys:
            qtbot.keyClick(library.view, key)
    assert (service.photos.get(market.id).rating, service.photos.get(market.id).flag) == (
        5,
        PhotoFlag.PICK,
    )
    assert service.photos.get(blurred.id).flag is PhotoFlag.REJECT
    bar = library.filter_bar
    bar.flag_combo.setCurrentIndex(bar.flag_combo.findData(FlagFilter.NOT_REJECTED))
    qtbot.waitUntil(lambda: library.model.rowCount() == 11, timeout=5000)
    assert blurred.id not in _shown_ids(window)
    assert "11 of 12 photos" in bar.count_label.text()
    bar.rating_combo.setCurrentIndex(bar.rating_combo.findData(5))
    qtbot.waitUntil(lambda: _shown_ids(window) == [market.id], timeout=5000)
    bar.clear_button.click()
    qtbot.waitUntil(lambda: library.model.rowCount() == 12, timeout=5000)

    # -- caption the market photo in three languages, from the keyboard -------------------
    assert library.select_photo(ao_dai.id)
    assert library.select_photo(market.id)
    library.view.setFocus()
    _press(qtbot, Qt.Key.Key_1, ALT)  # Alt+1: the first language's column (Vietnamese)
    cell = window.captions.current_cell()
    assert (cell.language, cell.field) == ("vi", HEADLINE)
    _type("Chợ Tết phố cổ")
    _press(qtbot, Qt.Key.Key_Tab)
    _type("Người dân mua hoa đào ở =hn= trước Tết.")  # =hn= is the glossary's Hà Nội
    _press(qtbot, Qt.Key.Key_Return, CTRL)  # Ctrl+Return: final
    _press(qtbot, Qt.Key.Key_3, ALT)  # the same field in English
    _press(qtbot, Qt.Key.Key_Tab, SHIFT)  # up to the headline
    _type("Tet market in the Old Quarter")
    _press(qtbot, Qt.Key.Key_Tab)
    _type("People buy peach blossoms in =hn= before Tet.")
    _press(qtbot, Qt.Key.Key_Return, CTRL | SHIFT)  # needs review
    _press(qtbot, Qt.Key.Key_2, ALT)  # Russian: the caption came from the XMP; a headline
    _press(qtbot, Qt.Key.Key_Tab, SHIFT)
    _type("Рынок перед Тэтом")
    _press(qtbot, Qt.Key.Key_PageDown, CTRL)  # on to the next photo: what was typed is saved
    assert library.selected_photo_ids() != [market.id]

    def stored(photo_id: str, language: str, field: CaptionField) -> tuple[str, CaptionStatus]:
        caption = service.captions.get(photo_id, language, field)
        return (caption.text, caption.status) if caption else ("", CaptionStatus.EMPTY)

    assert stored(market.id, "vi", HEADLINE) == ("Chợ Tết phố cổ", CaptionStatus.DRAFT)
    assert stored(market.id, "vi", CAPTION) == (
        "Người dân mua hoa đào ở Hà Nội trước Tết.",
        CaptionStatus.FINAL,
    )
    assert stored(market.id, "en", HEADLINE) == (
        "Tet market in the Old Quarter",
        CaptionStatus.DRAFT,
    )
    assert stored(market.id, "en", CAPTION) == (
        "People buy peach blossoms in Hanoi before Tet.",
        CaptionStatus.NEEDS_REVIEW,
    )
    assert stored(market.id, "ru", HEADLINE) == ("Рынок перед Тэтом", CaptionStatus.DRAFT)
    # The Vietnamese for the áo dài photo, so the translator has a source to work from.
    assert library.select_photo(ao_dai.id)
    assert window.captions.focus_cell("vi", HEADLINE)
    _type("Áo dài bên hồ Hoàn Kiếm")
    _press(qtbot, Qt.Key.Key_Return, CTRL)
    assert stored(ao_dai.id, "vi", HEADLINE) == ("Áo dài bên hồ Hoàn Kiếm", CaptionStatus.FINAL)

    # -- Russian to a translator: Translators > Export for Translator… --------------------
    po_file = tmp_path / "for-translator" / "ru.po"
    po_file.parent.mkdir()

    def export_hook(dialog: QDialog) -> None:
        if isinstance(dialog, ExportForTranslatorDialog):
            assert dialog.target_combo.currentData() == "ru"  # the first non-source language
            assert dialog.source_combo.currentData() == "vi"
            dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("po"))
            dialog.export_button.click()
        else:
            _choose(dialog, po_file)

    dialogs.dialog_hook = export_hook
    bundle.exchange.export_action.trigger()
    qtbot.waitUntil(
        lambda: "captions written to" in window.statusBar().currentMessage(), timeout=20000
    )
    catalog = polib.pofile(str(po_file))
    entries = {entry.msgctxt: entry for entry in catalog}
    assert entries[f"{ao_dai.id}|headline"].msgid == "Áo dài bên hồ Hoàn Kiếm"
    # The translator fills the empty headline and rewrites the market's headline …
    entries[f"{ao_dai.id}|headline"].msgstr = "Аозай у озера Хоанкием"
    entries[f"{market.id}|headline"].msgstr = "Тэт на рынке Старого квартала"
    catalog.save(str(po_file))
    # … while the curator, meanwhile, changes that headline too: a conflict on the way back.
    assert library.select_photo(market.id)
    editor = window.captions.cell("ru", HEADLINE).editor
    window.captions.focus_cell("ru", HEADLINE)
    editor.selectAll()
    _type("Рынок в Старом квартале")
    _press(qtbot, Qt.Key.Key_Tab)
    assert stored(market.id, "ru", HEADLINE)[0] == "Рынок в Старом квартале"

    # -- the file back: Translators > Import from Translator… (plan, Apply, conflict) -----
    seen: dict[str, object] = {}

    def import_hook(dialog: QDialog) -> None:
        if isinstance(dialog, QFileDialog):
            _choose(dialog, po_file)
        elif isinstance(dialog, ImportPlanDialog):
            rows = {
                (dialog.table.item(row, 1).text(), dialog.table.item(row, 3).text())
                for row in range(dialog.table.rowCount())
            }
            seen["plan"] = rows
            dialog.apply_button.click()
        else:
            assert isinstance(dialog, ConflictsDialog)
            table = dialog.table
            seen["conflict"] = (table.item(0, 3).text(), table.item(0, 4).text())
            assert table.rowCount() == 1
            table.selectRow(0)
            dialog.take_button.click()  # the translator's wording wins
            seen["left"] = table.rowCount()
            dialog.reject()

    dialogs.dialog_hook = import_hook
    bundle.exchange.import_action.trigger()
    qtbot.waitUntil(lambda: "left" in seen, timeout=20000)
    plan_rows = seen["plan"]
    # Each photo by file name beside its id; old → new status; a conflict says why.
    assert (f"11-ao-dai.jpg ({ao_dai.id})", "New translation (Empty → Draft)") in plan_rows
    assert any(
        photo == f"10-tet-market.jpg ({market.id})"
        and what.startswith("Conflict")
        and "changed here after the export" in what
        for photo, what in plan_rows
    )
    assert seen["conflict"] == ("Рынок в Старом квартале", "Тэт на рынке Старого квартала")
    assert seen["left"] == 0
    assert stored(ao_dai.id, "ru", HEADLINE)[0] == "Аозай у озера Хоанкием"
    assert stored(market.id, "ru", HEADLINE)[0] == "Тэт на рынке Старого квартала"
    assert not bundle.exchange.conflicts_action.isEnabled()  # nothing waits any more

    # -- arrange: the two keepers into the first section, laid out on the Layout tab ------
    section = service.exhibition.sections()[0]
    assert bundle.sections.place_photos([market.id, ao_dai.id], section.id, "")  # a drop
    tree = window.exhibition.tree
    tree.setCurrentItem(window.exhibition.item_for(section.id))
    window.workspace.setCurrentWidget(window.layout_canvas)
    bundle.layout.lay_out_button.click()
    qtbot.waitUntil(lambda: bundle.layout.drawn_section_id == section.id, timeout=30000)
    placed = {slot.photo_id for panel in window.layout_canvas.panels for slot in panel.slots}
    assert {market.id, ao_dai.id} <= placed
    assert window.workspace.currentWidget() is window.layout_canvas

    # -- preflight for the catalogue ------------------------------------------------------
    preflight = window.preflight
    preflight.product.setCurrentIndex(preflight.product.findData("catalogue"))
    preflight.check_button.click()
    qtbot.waitUntil(lambda: preflight.summary.text() != "Checking…", timeout=30000)
    assert preflight.summary.text().startswith("0 errors")

    # -- print: File > Export Catalogue…, previewed, then written -------------------------
    window.export_catalogue_action.trigger()
    exporter = bundle.exporter
    dialog = exporter.dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.document.status() == QPdfDocument.Status.Ready, timeout=60000)
    assert dialog.document.pageCount() >= 12
    target = tmp_path / "print" / "catalogue.pdf"
    target.parent.mkdir()
    dialogs.dialog_hook = lambda file_dialog: _choose(file_dialog, target)
    dialog.export_button.click()
    qtbot.waitUntil(lambda: target.is_file() and not exporter.job.running, timeout=60000)
    assert not dialogs.errors, dialogs.errors
    assert "Wrote" in dialog.status.text()
    check = subprocess.run(["qpdf", "--check", str(target)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(target), "-"], capture_output=True, text=True, check=True
        ).stdout
        for caption in ("Chợ Tết phố cổ", "Tet market in the Old Quarter", "Аозай у озера"):
            assert caption in text

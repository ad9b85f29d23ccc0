"""Every text fits: the window and its main dialogs in a pseudo-language 40 % longer.

``x-pseudo`` (curator.i18n) brackets and lengthens every string, so a label sized for English
shows up cut off. The window is shown at a typical 1400 × 900 on the demo exhibition; each
main area and dialog is opened and every visible label, button, check box, tab and menu title
is measured against the room it got (tests/ui/clipping.py). English, Vietnamese and Russian
must also leave the window narrow enough for a 1280-pixel screen.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from clipping import clipped  # tests/ui/clipping.py
from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QApplication, QDialog, QTabWidget, QWidget, QWizard

from curator import i18n
from curator.core.translators.caption_exchange import ExportScope, build_export
from curator.demo import write_demo
from curator.exchange.captions import write_caption_file
from curator.ui.views.export_dialog import ExportProduct

pytestmark = pytest.mark.gui

SIZE = (1400, 900)


def _settle(qtbot, widget: QWidget) -> None:
    """Let layouts run (a shown widget lays out on the next event loop turn)."""
    qtbot.waitExposed(widget)
    for _turn in range(3):
        QApplication.processEvents()


def _every_tab(qtbot, root: QWidget) -> list[str]:
    """What is clipped in ``root``, with each tab of its tab widgets shown in turn."""
    found = clipped(root)
    for tabs in root.findChildren(QTabWidget):
        if not tabs.isVisible():
            continue
        current = tabs.currentIndex()
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            _settle(qtbot, root)
            found += clipped(tabs.widget(index))
        tabs.setCurrentIndex(current)
    return sorted(set(found))


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    # Laid out and hung in its hall, with its route: the installers' plan and the walkthrough
    # need them.
    path, _created = write_demo(tmp_path / "demo", hall=True)
    return path


@pytest.fixture
def pseudo(curator_window, demo):
    bundle = curator_window
    assert bundle.set_interface_language(i18n.PSEUDO_LANGUAGE) == i18n.PSEUDO_LANGUAGE
    assert bundle.controller.open_project(demo)
    bundle.window.resize(*SIZE)
    return bundle


def test_the_main_window_in_pseudo_language_cuts_no_text(pseudo, qtbot) -> None:
    window = pseudo.window
    _settle(qtbot, window)
    assert window.menuBar().actions()[0].text().startswith("[&F")  # the pseudo-language is on
    assert window.width() <= SIZE[0], "the window cannot be as narrow as 1400 px"
    found = _every_tab(qtbot, window)
    # The other areas of each dock tab group and the Layout tab.
    for dock in (window.exhibition_dock, window.readiness_dock, window.glossary_dock):
        dock.raise_()
        _settle(qtbot, window)
        found += clipped(dock)
    window.preflight_dock.raise_()
    window.preflight.check_button.click()
    qtbot.waitUntil(lambda: window.preflight.list.count() > 0, timeout=30000)
    found += clipped(window.preflight_dock)
    window.exhibition.tree.setCurrentItem(window.exhibition.tree.topLevelItem(0))
    window.workspace.setCurrentWidget(window.layout_canvas)
    qtbot.waitUntil(lambda: pseudo.layout.drawn_section_id is not None, timeout=30000)
    _settle(qtbot, window)
    found += clipped(window)
    assert not sorted(set(found)), "\n".join(sorted(set(found)))


def test_the_main_dialogs_in_pseudo_language_cut_no_text(
    pseudo, dialogs, qtbot, tmp_path: Path
) -> None:
    found: list[str] = []
    opened: list[str] = []

    def look(dialog: QDialog) -> None:
        dialog.show()
        _settle(qtbot, dialog)
        if isinstance(dialog, QWizard):
            found.extend(clipped(dialog))
            dialog.page(0).findChild(type(dialog.details.title_edit)).setText("Pseudo")
            dialog.next()
            _settle(qtbot, dialog)
        found.extend(_every_tab(qtbot, dialog))
        opened.append(type(dialog).__name__)
        dialog.reject()

    dialogs.dialog_hook = look
    pseudo.controller.new_project()
    assert pseudo.settings is not None
    pseudo.settings.open_dialog()
    assert pseudo.catalogue_texts is not None
    pseudo.catalogue_texts.open_dialog()
    exchange = pseudo.exchange
    exchange.export_action.trigger()
    service = pseudo.controller.service
    po_file = tmp_path / "ru.po"
    document = build_export(service, ExportScope(target_language="ru", source_language="vi"), {})
    write_caption_file(po_file, document, "po")
    exchange.plan_file(po_file)
    qtbot.waitUntil(lambda: "ImportPlanDialog" in opened, timeout=20000)
    exchange.show_conflicts()
    pseudo.delivery.deliver_action.trigger()
    pseudo.sections.ask_new_section()
    glossary = pseudo.window.glossary
    glossary.table.selectRow(0)
    entry_id = glossary.selected_entry_id()
    assert entry_id is not None
    assert not pseudo.glossary.edit_cases(entry_id)  # shown, then cancelled
    backups = pseudo.backups.show_backups()
    assert backups is not None
    _settle(qtbot, backups)
    found += clipped(backups)
    backups.close()
    library = pseudo.window.library
    library.view.selectAll()
    pseudo.shortlist.compare_selected()
    compare = pseudo.shortlist.compare_dialog
    assert compare is not None
    _settle(qtbot, compare)
    found += clipped(compare)
    compare.close()
    assert {
        "NewProjectDialog",
        "ProjectSettingsDialog",
        "CatalogueTextsDialog",
        "ExportForTranslatorDialog",
        "ImportPlanDialog",
        "ConflictsDialog",
        "DeliverDialog",
        "SectionDialog",
        "CaseFormsDialog",
    } <= set(opened), opened
    for product in ExportProduct:
        dialog = pseudo.exporter.open_dialog(product)
        assert dialog is not None
        if not dialog.spec.folder:  # a PDF product shows its preview; the web edition has none
            qtbot.waitUntil(
                lambda d=dialog: d.document.status() == QPdfDocument.Status.Ready, timeout=60000
            )
        qtbot.waitUntil(lambda: not pseudo.exporter.job.running, timeout=60000)
        _settle(qtbot, dialog)
        found += clipped(dialog)
    assert not sorted(set(found)), "\n".join(sorted(set(found)))


@pytest.mark.parametrize("language", ["en", "vi", "ru"])
def test_the_window_fits_a_1280_pixel_screen(curator_window, demo, language, qtbot) -> None:
    curator_window.set_interface_language(language)
    assert curator_window.controller.open_project(demo)
    window = curator_window.window
    _settle(qtbot, window)
    assert window.minimumSizeHint().width() <= 1280 - 40
    assert window.minimumSizeHint().height() <= 800 - 80


def test_the_measure_finds_a_cut_label_button_and_tab(qtbot) -> None:
    from PySide6.QtWidgets import QLabel, QPushButton, QTabBar, QVBoxLayout

    host = QWidget()
    layout = QVBoxLayout(host)
    label = QLabel("A label far too long for forty pixels")
    label.setFixedWidth(40)
    wrapped = QLabel("A wrapping label with many words in it " * 4)
    wrapped.setWordWrap(True)
    wrapped.setFixedSize(80, 20)
    button = QPushButton("A button too long for its room")
    button.setFixedWidth(60)
    narrow = QPushButton("+")
    narrow.setFixedWidth(30)
    tabs = QTabBar()
    tabs.setElideMode(Qt.TextElideMode.ElideRight)
    for text in ("Preview of the exported file", "Readiness of the captions"):
        tabs.addTab(text)
    tabs.setFixedWidth(120)
    for widget in (label, wrapped, button, narrow, tabs):
        layout.addWidget(widget)
    qtbot.addWidget(host)
    host.show()
    _settle(qtbot, host)
    found = "\n".join(clipped(host))
    assert "A label far too long" in found and "A wrapping label" in found
    assert "A button too long" in found and "'+'" not in found
    assert "Preview of the exported file" in found

"""The Export dialog as the declarations make it, the file chooser, and Open / Show in Folder.

Real clicks (QTest) on the real window offscreen. ``QDesktopServices.openUrl`` is replaced by
a recorder, so no program is ever launched; Show in Folder is tried against a file manager
registered on a private D-Bus session bus (the real ``dbus-daemon``), and without one.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import ClassInfo, QObject, Qt, QUrl, Slot
from PySide6.QtDBus import QDBusConnection
from PySide6.QtGui import QDesktopServices
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLineEdit,
    QPushButton,
)

from curator.demo import write_demo
from curator.export import products
from curator.export.product_spec import OptionKind, ProductOption
from curator.i18n import N_, _
from curator.ui.views.export_dialog import ExportDialog

pytestmark = pytest.mark.gui

TITLE_NAME = "Việt-Nam-Nga-68-năm-hợp-tác-thông-tấn-{}.pdf"


@pytest.fixture
def opened(curator_window, tmp_path: Path):
    path, _created = write_demo(tmp_path / "demo")
    assert curator_window.controller.open_project(path)
    return curator_window


@pytest.fixture
def opened_urls(monkeypatch) -> list[QUrl]:
    """What would have been opened: the desktop is never asked."""
    urls: list[QUrl] = []

    def record(url: QUrl) -> bool:
        urls.append(QUrl(url))
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", record)
    return urls


def _idle(qtbot, exporter) -> None:
    qtbot.waitUntil(lambda: exporter.job is not None and not exporter.job.running, timeout=60000)


def _click(button: QPushButton) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


class Chooser:
    """A person at the file chooser: reads where it opened, types a name, presses Export."""

    def __init__(self, target: Path | None) -> None:
        self.target = target
        self.folder = ""
        self.name = ""

    def __call__(self, dialog: QDialog) -> None:
        assert isinstance(dialog, QFileDialog)
        dialog.show()
        edit = dialog.findChild(QLineEdit, "fileNameEdit")
        self.folder = dialog.directory().absolutePath()
        self.name = edit.text()
        box = dialog.findChild(QDialogButtonBox, "buttonBox")
        if self.target is None:
            _click(box.button(QDialogButtonBox.StandardButton.Cancel))
            return
        dialog.setDirectory(str(self.target.parent))  # goes to the folder, then types
        edit.clear()
        QTest.keyClicks(edit, self.target.name)
        _click(box.button(QDialogButtonBox.StandardButton.Save))


def test_the_chooser_opens_by_the_project_named_from_the_title_then_where_it_went_last(
    opened, qtbot, tmp_path: Path, dialogs, opened_urls
) -> None:
    project = opened.controller.service.path
    opened.window.export_catalogue_action.trigger()
    exporter, dialog = opened.exporter, opened.exporter.dialog
    _idle(qtbot, exporter)
    target = tmp_path / "print" / "book.pdf"
    target.parent.mkdir()
    first = Chooser(target)
    dialogs.dialog_hook = first
    _click(dialog.export_button)
    assert first.folder == str(project.parent)
    assert first.name == TITLE_NAME.format("catalogue")
    _idle(qtbot, exporter)
    assert target.is_file() and not dialogs.errors
    assert opened.preferences.export_folders == {"catalogue": str(target.parent)}

    again = Chooser(None)  # the catalogue again: where it went last; cancelled
    dialogs.dialog_hook = again
    _click(dialog.export_button)
    assert again.folder == str(target.parent)
    assert again.name == TITLE_NAME.format("catalogue")

    opened.window.export_labels_action.trigger()  # another product: by the project again
    _idle(qtbot, exporter)
    labels = Chooser(None)
    dialogs.dialog_hook = labels
    _click(exporter.dialog.export_button)
    assert labels.folder == str(project.parent)
    assert labels.name == TITLE_NAME.format("labels")
    shutil.rmtree(target.parent)  # a remembered folder that is gone: by the project
    opened.window.export_catalogue_action.trigger()
    _idle(qtbot, exporter)
    gone = Chooser(None)
    dialogs.dialog_hook = gone
    _click(exporter.dialog.export_button)
    assert gone.folder == str(project.parent)
    assert not opened_urls


def test_after_an_export_open_and_show_in_folder_from_the_notice_and_the_status_bar(
    opened, qtbot, tmp_path: Path, opened_urls
) -> None:
    exporter = opened.exporter
    exporter.opener._bus = lambda: QDBusConnection("curator-test-no-bus")  # no session bus
    assert not exporter.written_bar.isVisible()
    opened.window.export_proof_action.trigger()
    _idle(qtbot, exporter)
    target = tmp_path / "signed" / "proof.pdf"
    target.parent.mkdir()
    assert exporter.export_to(target)
    _idle(qtbot, exporter)
    notice = exporter.notice
    assert notice is not None and notice.isVisible() and not notice.isModal()
    assert QApplication.activeModalWidget() is None  # the window stays in reach
    assert "proof.pdf" in notice.text()
    bar = exporter.written_bar
    assert bar.isVisible() and bar.label.text() == "Wrote proof.pdf."

    buttons = {button.text(): button for button in notice.buttons()}
    assert set(buttons) == {"Open", "Show in Folder", "Close"}
    _click(buttons["Open"])
    assert opened_urls == [QUrl.fromLocalFile(str(target))]
    qtbot.waitUntil(lambda: exporter.notice is None)  # a click answers the notice

    _click(bar.show_button)  # no file manager on any bus: the folder opens
    assert opened_urls[-1] == QUrl.fromLocalFile(str(target.parent))
    _click(bar.open_button)
    assert opened_urls[-1] == QUrl.fromLocalFile(str(target))

    long = tmp_path / ("Việt Nam – Nga " * 12 + ".pdf")
    exporter.offer(long)  # a long title: the window does not widen for it
    assert bar.label.text().startswith("Wrote Việt Nam") and "…" in bar.label.text()
    assert opened.window.minimumSizeHint().width() <= 1280 - 40

    opened.window.export_cover_action.trigger()  # another product: the last dialog goes
    _idle(qtbot, exporter)
    cover = tmp_path / "signed" / "cover.pdf"
    assert exporter.export_to(cover)
    _idle(qtbot, exporter)
    assert exporter.notice is not None and "cover.pdf" in exporter.notice.text()
    assert exporter.notice.parent() is opened.window  # it outlives the dialog
    opened.window.export_labels_action.trigger()
    _idle(qtbot, exporter)
    assert exporter.notice is not None and exporter.notice.isVisible()
    _click({b.text(): b for b in exporter.notice.buttons()}["Open"])
    assert opened_urls[-1] == QUrl.fromLocalFile(str(cover))

    opened.controller.close_project()  # nothing left to offer
    assert not bar.isVisible() and exporter.notice is None


def test_a_desktop_that_cannot_open_the_file_says_so(opened, qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: False)
    exporter = opened.exporter
    exporter.opener._bus = lambda: QDBusConnection("curator-test-no-bus")
    exporter.offer(tmp_path / "nowhere" / "x.pdf")
    _click(exporter.written_bar.open_button)
    assert "No program opened" in opened.window.statusBar().currentMessage()
    _click(exporter.written_bar.show_button)  # its folder is gone too
    assert "Cannot show the folder" in opened.window.statusBar().currentMessage()


@ClassInfo({"D-Bus Interface": "org.freedesktop.FileManager1"})
class FileManager(QObject):
    """A file manager on the bus, as Nautilus or Dolphin registers: it records what it shows."""

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[list[str]] = []

    @Slot("QStringList", str)
    def ShowItems(self, uris: list[str], startup_id: str) -> None:  # noqa: N802 (D-Bus name)
        self.shown.append(list(uris))


@pytest.fixture
def session_bus() -> Iterator[str]:
    """A private session bus: the real dbus-daemon, gone after the test."""
    if not shutil.which("dbus-daemon"):
        pytest.skip("dbus-daemon is not installed")
    daemon = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--nopidfile", "--print-address=1"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    assert daemon.stdout is not None
    address = daemon.stdout.readline().strip()
    yield address
    daemon.terminate()
    daemon.wait(10)


def test_show_in_folder_asks_the_file_manager_to_select_the_file(
    opened, qtbot, tmp_path: Path, opened_urls, session_bus
) -> None:
    client = QDBusConnection.connectToBus(session_bus, "curator-test-client")
    server = QDBusConnection.connectToBus(session_bus, "curator-test-file-manager")
    try:
        assert client.isConnected() and server.isConnected()
        exporter = opened.exporter
        exporter.opener._bus = lambda: client
        target = tmp_path / "out" / "Hà Nội catalogue.pdf"
        target.parent.mkdir()
        target.write_bytes(b"%PDF-1.7\n")
        exporter.offer(target)

        # no file manager on this bus yet: the folder opens instead
        _click(exporter.written_bar.show_button)
        qtbot.waitUntil(lambda: bool(opened_urls), timeout=10000)
        assert opened_urls == [QUrl.fromLocalFile(str(target.parent))]

        manager = FileManager()
        assert server.registerService("org.freedesktop.FileManager1")
        assert server.registerObject(
            "/org/freedesktop/FileManager1", manager,
            QDBusConnection.RegisterOption.ExportAllSlots,
        )  # fmt: skip
        buttons = {button.text(): button for button in exporter.notice.buttons()}
        _click(buttons["Show in Folder"])
        qtbot.waitUntil(lambda: bool(manager.shown), timeout=10000)
        assert manager.shown == [[QUrl.fromLocalFile(str(target)).toString()]]
        qtbot.wait(200)
        assert len(opened_urls) == 1  # the file manager showed it; no folder was opened
    finally:
        server.unregisterService("org.freedesktop.FileManager1")
        QDBusConnection.disconnectFromBus("curator-test-client")
        QDBusConnection.disconnectFromBus("curator-test-file-manager")


def test_every_dialog_has_a_row_per_declared_option_in_the_interface_language(
    opened, qtbot
) -> None:
    opened.set_interface_language("vi")
    try:
        for spec in products.PRODUCTS:
            dialog = opened.exporter.open_dialog(spec.name)
            assert dialog is not None and dialog.windowTitle() == _(spec.title)
            shown = [option for option in spec.all_options if option.in_dialog]
            assert list(dialog.fields) == [option.key for option in shown]
            for option in shown:
                label = dialog.row_labels[option.key]
                assert label.isVisible() and label.text() == _(option.label) != option.label
            assert dialog.hint.text() == _(spec.hint)
            assert dialog.hint.text() != spec.hint
            _idle(qtbot, opened.exporter)
    finally:
        opened.set_interface_language("en")


def test_a_declared_product_gets_its_dialog_and_exports(
    opened, qtbot, tmp_path: Path, monkeypatch
) -> None:
    sampler = replace(
        products.PROOF,
        name="sampler",
        options=(
            ProductOption("paper", OptionKind.SIZE, N_("the paper, turned landscape (default: A4)"),
                          N_("Paper:"), choices=products.PAPERS[1:]),
            ProductOption("bleed", OptionKind.LENGTH, N_("bleed, e.g. 3mm (default: 3mm)"),
                          N_("Bleed:"), initial=2.0),
        ),
    )  # fmt: skip
    monkeypatch.setattr(products, "PRODUCTS", (*products.PRODUCTS, sampler))
    exporter = opened.exporter
    dialog = exporter.open_dialog("sampler")
    assert isinstance(dialog, ExportDialog) and dialog.objectName() == "ExportSamplerDialog"
    assert [dialog.paper.itemText(i) for i in range(dialog.paper.count())] == ["A3", "A2"]
    assert dialog.bleed.value() == 2.0
    _idle(qtbot, exporter)
    dialog.paper.setCurrentIndex(1)
    target = tmp_path / "sampler.pdf"
    assert exporter.export_to(target)
    _idle(qtbot, exporter)
    assert target.is_file() and exporter.last_result.path == target
    info = subprocess.run(["pdfinfo", str(target)], capture_output=True, text=True, check=True)
    assert "1683.78 x 1190.55" in info.stdout  # A2, turned landscape, as chosen


def test_the_dialog_starts_from_the_project_settings_the_command_line_falls_back_to(
    opened, qtbot, tmp_path: Path
) -> None:
    from dataclasses import replace as changed

    from curator.core.publishing.catalogue_service import CatalogueOptions, resolve_options

    service = opened.controller.service
    settings = changed(service.project.catalogue_settings(), trim_width_mm=170.0,
                       trim_height_mm=240.0, bleed_mm=5.0, crop_marks=True)  # fmt: skip
    with service.store.transaction():
        service.project.set_catalogue_settings(settings)
    opened.window.export_catalogue_action.trigger()
    exporter, dialog = opened.exporter, opened.exporter.dialog
    assert dialog.trim.currentText() == "170 × 240"  # not among the sizes offered: added
    assert dialog.bleed.value() == 5.0 and dialog.marks.isChecked()
    chosen = dialog.options()
    assert (chosen.trim_mm, chosen.bleed_mm, chosen.marks) == ((170.0, 240.0), 5.0, True)
    # what the command line prints without --trim, --bleed and --marks
    resolved = resolve_options(service, CatalogueOptions())
    assert (resolved.spec.trim_width_mm, resolved.spec.bleed_mm, resolved.marks) == (
        chosen.trim_mm[0], chosen.bleed_mm, chosen.marks,
    )  # fmt: skip
    _idle(qtbot, exporter)
    opened.window.export_cover_action.trigger()  # the cover's spine follows the same pages
    assert exporter.dialog.trim.currentText() == "170 × 240"
    _idle(qtbot, exporter)
    opened.window.export_panels_action.trigger()  # panels have no such setting: as declared
    assert exporter.dialog.bleed.value() == 0.0 and not exporter.dialog.marks.isChecked()
    _idle(qtbot, exporter)


def test_a_languages_field_starts_from_the_given_order(qtbot) -> None:
    from curator.ui.views.export_fields import LanguagesField

    field = LanguagesField(products.CATALOGUE.options[0], ["vi", "ru", "en"])
    qtbot.addWidget(field.widget)
    assert field.value() == ("vi", "ru", "en")
    field.start(("en", "vi"))
    assert field.value() == ("en", "vi")
    assert field.widget.count() == 3  # Russian stays, unchecked, after them

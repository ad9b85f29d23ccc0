"""Switching the interface language live.

gettext for Curator's strings, Qt's own catalogues for its dialogs where Qt ships one
(Russian), explicit texts where it does not (Vietnamese), and a signal every widget listens
to for ``retranslate_ui``.
"""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QObject, QTranslator, Signal
from PySide6.QtWidgets import QApplication

from curator import i18n


class LanguageSwitcher(QObject):
    """Owns the Qt translators and announces language changes."""

    language_changed = Signal(str)

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._app = app
        self._translators: list[QTranslator] = []

    def apply(self, tag: str) -> str:
        """Switch to ``tag``; returns the language in force. Emits :attr:`language_changed`."""
        used = i18n.set_language(tag)
        for translator in self._translators:
            self._app.removeTranslator(translator)
        self._translators.clear()
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for catalogue in ("qtbase", "qt"):
            translator = QTranslator(self)
            if translator.load(f"{catalogue}_{used}", qt_dir):
                self._app.installTranslator(translator)
                self._translators.append(translator)
        QLocale.setDefault(QLocale(used if used != i18n.PSEUDO_LANGUAGE else "en"))
        self.language_changed.emit(used)
        return used

"""The exhibition tree: sections in visit order with their photos."""

from __future__ import annotations

from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from curator.core.model import Section
from curator.i18n import _, current_language, ngettext


def pick_text(texts: dict[str, str], languages: list[str]) -> str:
    """The text in the interface language if the project has it, else the first language."""
    ui_language = current_language()
    if texts.get(ui_language):
        return texts[ui_language]
    for tag in languages:
        if texts.get(tag):
            return texts[tag]
    return next(iter(texts.values()), "")


class ExhibitionPanel(QWidget):
    """Sections and their photos as a tree."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree)
        self._sections: list[tuple[Section, list[tuple[str, dict[str, str]]]]] = []
        self._languages: list[str] = []
        self._unplaced = 0
        self.retranslate_ui()

    def set_structure(
        self,
        sections: list[tuple[Section, list[tuple[str, dict[str, str]]]]],
        languages: list[str],
        unplaced: int,
    ) -> None:
        """Sections with ``(photo id, headline by language)`` rows, and the unplaced count."""
        self._sections = sections
        self._languages = languages
        self._unplaced = unplaced
        self._rebuild()

    def retranslate_ui(self) -> None:
        """Set every visible text in the interface language."""
        self.tree.setHeaderLabels([_("Sections in visit order")])
        self._rebuild()

    def _rebuild(self) -> None:
        self.tree.clear()
        for number, (section, photos) in enumerate(self._sections, start=1):
            title = pick_text(section.title, self._languages) or _("Untitled section")
            item = QTreeWidgetItem([f"{number}. {title}"])
            item.setToolTip(0, pick_text(section.intro, self._languages))
            for photo_id, headlines in photos:
                child = QTreeWidgetItem([pick_text(headlines, self._languages) or photo_id])
                item.addChild(child)
            self.tree.addTopLevelItem(item)
            item.setExpanded(True)
        if self._unplaced:
            self.tree.addTopLevelItem(
                QTreeWidgetItem(
                    [
                        ngettext(
                            "%(count)d photo in no section",
                            "%(count)d photos in no section",
                            self._unplaced,
                        )
                        % {"count": self._unplaced}
                    ]
                )
            )

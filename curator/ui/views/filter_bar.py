"""The library's filter bar: a search box over the captions and the shortlisting criteria.

A view only: it holds the widgets and turns their state into a
:class:`~curator.core.library.photo_filter.PhotoFilter`; the shortlist controller runs the filter
and fills the lists (sections, photographers, languages) when the project changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from curator.core.library.photo_filter import NO_SECTION, FlagFilter, PhotoFilter, StatusFilter
from curator.i18n import _, ngettext

#: A typed search runs this long after the last key, so typing stays smooth.
SEARCH_DELAY_MS = 150
_NO_DATE = QDate(1800, 1, 1)


class _LazyCombo(QComboBox):
    """A combo box that asks for its items when it is opened."""

    about_to_show = Signal()

    def showPopup(self) -> None:
        self.about_to_show.emit()
        super().showPopup()


def _date_edit() -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setMinimumDate(_NO_DATE)
    edit.setDate(_NO_DATE)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def _date_of(edit: QDateEdit) -> date | None:
    value = edit.date()
    if value == _NO_DATE:
        return None
    return date(value.year(), value.month(), value.day())


class FilterBar(QWidget):
    """Search box, criteria and the count of photos shown."""

    changed = Signal()
    #: A list (sections, photographers) is about to open: time to fill it afresh.
    options_wanted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._count: tuple[int, int] | None = None
        self.search_edit = QLineEdit()
        self.search_edit.setClearButtonEnabled(True)
        self.clear_button = QPushButton()
        self.count_label = QLabel()
        self.rating_combo = QComboBox()
        self.flag_combo = QComboBox()
        self.status_combo = QComboBox()
        self.section_combo = _LazyCombo()
        self.photographer_combo = _LazyCombo()
        self.missing_combo = QComboBox()
        self.date_from = _date_edit()
        self.date_to = _date_edit()
        self.dates_label = QLabel()
        self.dash_label = QLabel("–")
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._filling = False
        self._languages: list[tuple[str, str]] = []
        self._layout()
        self._connect()
        self.retranslate_ui()

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.search_edit, 1)
        top.addWidget(self.clear_button)
        grid = QGridLayout()
        grid.setHorizontalSpacing(4)
        grid.setVerticalSpacing(2)
        # Two across: three across clipped "No language missing" in a library of 400 px. The
        # photographer's and the missing language's lists take a row each, the whole width:
        # half of it cut "Không lọc theo ngôn ngữ thiếu" at 1280 px in Vietnamese (issue 21).
        pairs = (self.rating_combo, self.flag_combo, self.status_combo, self.section_combo)
        for index, combo in enumerate(pairs):
            grid.addWidget(combo, index // 2, index % 2)
        grid.addWidget(self.photographer_combo, 2, 0, 1, 2)
        grid.addWidget(self.missing_combo, 3, 0, 1, 2)
        for combo in self._combos():
            combo.setMinimumContentsLength(6)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
        dates = QHBoxLayout()
        dates.addWidget(self.dates_label)
        dates.addWidget(self.date_from)
        dates.addWidget(self.dash_label)
        dates.addWidget(self.date_to)
        dates.addStretch(1)
        dates.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.setSpacing(3)
        layout.addLayout(top)
        layout.addLayout(grid)
        layout.addLayout(dates)

    def _combos(self) -> tuple[QComboBox, ...]:
        return (
            self.rating_combo,
            self.flag_combo,
            self.status_combo,
            self.section_combo,
            self.photographer_combo,
            self.missing_combo,
        )

    def _connect(self) -> None:
        self.search_edit.textChanged.connect(lambda _text: self._search_timer.start())
        self.search_edit.returnPressed.connect(self._on_search_timer_timeout)
        self._search_timer.timeout.connect(self._on_search_timer_timeout)
        for combo in self._combos():
            combo.currentIndexChanged.connect(self._on_criterion_changed)
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(self._on_criterion_changed)
        self.section_combo.about_to_show.connect(self.options_wanted)
        self.photographer_combo.about_to_show.connect(self.options_wanted)
        self.clear_button.clicked.connect(self.clear)

    def retranslate_ui(self) -> None:
        """Set every visible text in the interface language."""
        self.search_edit.setPlaceholderText(_("Search captions in every language…"))
        self.search_edit.setToolTip(
            _(
                "Case and accents are ignored: “da nang” finds “Đà Nẵng”, “елка” finds “Ёлка”. "
                "Words are found together, in order; separate them with a comma to find them "
                "anywhere in a caption (“talks, Moscow”)."
            )
        )
        self.clear_button.setText(_("Show All"))
        self.clear_button.setToolTip(_("Clear the search and every filter"))
        if self._count is not None:
            self.show_count(*self._count)
        self.dates_label.setText(_("Taken:"))
        for edit in (self.date_from, self.date_to):
            edit.setSpecialValueText(_("any day"))
        self._fill(
            self.rating_combo,
            [(_("Any rating"), 0)]
            + [("★" * n + " " + _("or more"), n) for n in range(1, 5)]
            + [("★★★★★", 5)],
        )
        self._fill(
            self.flag_combo,
            [
                (_("Any flag"), FlagFilter.ANY),
                (_("Picked"), FlagFilter.PICKED),
                (_("Rejected"), FlagFilter.REJECTED),
                (_("Unflagged"), FlagFilter.UNFLAGGED),
                (_("Not rejected"), FlagFilter.NOT_REJECTED),
            ],
        )
        self._fill(
            self.status_combo,
            [
                (_("Any status"), StatusFilter.ANY),
                (_("Uncaptioned"), StatusFilter.UNCAPTIONED),
                (_("With drafts"), StatusFilter.DRAFT),
                (_("Needing review"), StatusFilter.NEEDS_REVIEW),
                (_("All final"), StatusFilter.FINAL),
            ],
        )
        self.status_combo.setToolTip(
            _(
                "Caption status over every language of the project; “All final”: every written "
                "field is final"
            )
        )
        self.missing_combo.setToolTip(
            _(
                "Photos with no text in this language, or with a field written in another "
                "language but not yet in this one"
            )
        )
        self.set_languages(self._languages)
        self.set_sections(self._section_items())
        self.set_photographers(self._photographer_items())

    # -- lists that depend on the project --------------------------------------------------

    def set_languages(self, languages: list[tuple[str, str]]) -> None:
        """The project's languages as ``(tag, name)``, for "missing language"."""
        self._languages = list(languages)
        self._fill(
            self.missing_combo,
            [(_("No language missing"), None)]
            + [(_("Missing %(language)s") % {"language": name}, tag) for tag, name in languages],
        )

    def set_sections(self, sections: list[tuple[str, str]]) -> None:
        """The sections as ``(id, title)`` in visit order."""
        self._fill(
            self.section_combo,
            [(_("Any section"), None), (_("In no section"), NO_SECTION)]
            + [(title or section_id, section_id) for section_id, title in sections],
        )

    def set_photographers(self, names: list[str]) -> None:
        """Everyone credited, for the photographer list."""
        self._fill(
            self.photographer_combo,
            [(_("Any photographer"), None)] + [(name, name) for name in names],
        )

    def _section_items(self) -> list[tuple[str, str]]:
        combo = self.section_combo
        return [(combo.itemData(i), combo.itemText(i)) for i in range(2, combo.count())]

    def _photographer_items(self) -> list[str]:
        combo = self.photographer_combo
        return [combo.itemData(i) for i in range(1, combo.count())]

    def _fill(self, combo: QComboBox, items: Sequence[tuple[str, object]]) -> None:
        """Replace a combo's items, keeping its choice when it is still there."""
        chosen = combo.currentData()
        self._filling = True
        try:
            combo.clear()
            for text, data in items:
                combo.addItem(text, data)
            index = combo.findData(chosen)
            combo.setCurrentIndex(max(index, 0))
        finally:
            self._filling = False
        if chosen is not None and combo.findData(chosen) < 0:
            self.changed.emit()  # the section or name chosen is gone

    # -- state -------------------------------------------------------------------------------

    def current_filter(self) -> PhotoFilter:
        """What the bar asks for now."""
        return PhotoFilter(
            min_rating=int(self.rating_combo.currentData() or 0),
            flag=self.flag_combo.currentData() or FlagFilter.ANY,
            status=self.status_combo.currentData() or StatusFilter.ANY,
            section_id=self.section_combo.currentData(),
            photographer=self.photographer_combo.currentData(),
            date_from=_date_of(self.date_from),
            date_to=_date_of(self.date_to),
            missing_language=self.missing_combo.currentData(),
            text=self.search_edit.text(),
        )

    def clear(self) -> None:
        """Show every photo again."""
        self._filling = True
        try:
            self.search_edit.clear()
            for combo in self._combos():
                combo.setCurrentIndex(0)
            for edit in (self.date_from, self.date_to):
                edit.setDate(_NO_DATE)
        finally:
            self._filling = False
        self._search_timer.stop()
        self.changed.emit()

    def show_count(self, shown: int, total: int) -> None:
        """Say how many photos the library shows."""
        self._count = (shown, total)
        if shown == total:
            text = ngettext("%(count)d photo", "%(count)d photos", total) % {"count": total}
        else:
            text = ngettext(
                "%(shown)d of %(count)d photo", "%(shown)d of %(count)d photos", total
            ) % {"shown": shown, "count": total}
        self.count_label.setText(text)

    def _on_criterion_changed(self, *_args: object) -> None:
        if not self._filling:
            self.changed.emit()

    def _on_search_timer_timeout(self) -> None:
        self._search_timer.stop()
        self.changed.emit()

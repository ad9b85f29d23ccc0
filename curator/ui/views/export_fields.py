"""The Export dialog's widget for each kind of product option, built from its declaration.

One class per :class:`~curator.export.product_spec.OptionKind`: it makes the widget, gives
the chosen value back (None where nothing is chosen, so the product takes the project's
setting) and sets its texts in the interface language. A product declared with these kinds
gets its dialog without a line here.
"""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from curator.core.language.languages import heading_name
from curator.export.product_spec import OptionKind, ProductOption
from curator.i18n import _, current_language, number_text


class OptionField(Protocol):
    """A product option's widget in the dialog."""

    @property
    def option(self) -> ProductOption:
        """The option's declaration."""

    @property
    def widget(self) -> QWidget:
        """What the dialog shows for it."""

    def value(self) -> Any:
        """The chosen value (None: none chosen, the project's setting)."""

    def start(self, value: Any) -> None:
        """Show ``value`` as the choice the dialog starts from (the project's setting)."""

    def retranslate_ui(self) -> None:
        """Set every visible text in the interface language."""


class LanguagesField:
    """The project's languages, checkable, in an order the curator drags."""

    def __init__(self, option: ProductOption, languages: list[str]) -> None:
        self.option = option
        self.widget = QListWidget()
        self.widget.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        interface = current_language()
        for tag in languages:
            item = QListWidgetItem(f"{heading_name(tag, interface)} ({tag})")
            item.setData(Qt.ItemDataRole.UserRole, tag)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.widget.addItem(item)
        self.widget.setMaximumHeight(110)

    def value(self) -> tuple[str, ...] | None:
        """The checked languages in their listed order (None: none checked, the project's)."""
        tags = []
        for row in range(self.widget.count()):
            item = self.widget.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                tags.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return tuple(tags) or None

    def start(self, value: Any) -> None:
        """Check the languages in ``value``, in its order before the others."""
        chosen = list(value)
        items = [self.widget.takeItem(0) for _row in range(self.widget.count())]
        tag_of = {str(item.data(Qt.ItemDataRole.UserRole)): item for item in items}
        order = [tag for tag in chosen if tag in tag_of]
        order += [tag for tag in tag_of if tag not in order]
        for tag in order:
            item = tag_of[tag]
            checked = tag in chosen
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.widget.addItem(item)

    def retranslate_ui(self) -> None:
        """Set every visible text in the interface language."""
        self.widget.setToolTip(_("Drag to change the order; the first language leads."))


class SizeField:
    """A size among the declared ones, after a "none chosen" choice when one is declared."""

    def __init__(self, option: ProductOption) -> None:
        self.option = option
        self.widget = QComboBox()
        if option.unset:
            self.widget.addItem("", None)  # named in retranslate_ui
        for name, size in option.choices:
            self.widget.addItem(name, size)

    def value(self) -> tuple[float, float] | None:
        """The chosen size in millimetres (None: the "none chosen" choice)."""
        size = self.widget.currentData()
        return (float(size[0]), float(size[1])) if size else None

    def start(self, value: Any) -> None:
        """Choose ``value``; a size that is not among the choices is added first, by its mm."""
        size = (float(value[0]), float(value[1]))
        for row in range(self.widget.count()):
            data = self.widget.itemData(row)
            if data and abs(data[0] - size[0]) < 0.05 and abs(data[1] - size[1]) < 0.05:
                self.widget.setCurrentIndex(row)
                return
        row = 1 if self.option.unset else 0
        self.widget.insertItem(row, f"{number_text(size[0])} × {number_text(size[1])}", size)
        self.widget.setCurrentIndex(row)

    def retranslate_ui(self) -> None:
        """Set every visible text in the interface language."""
        if self.option.unset:
            self.widget.setItemText(0, _(self.option.unset))


class LengthField:
    """A length in millimetres, from its declared starting value."""

    def __init__(self, option: ProductOption) -> None:
        self.option = option
        self.widget = QDoubleSpinBox()
        self.widget.setRange(0.0, 20.0)
        self.widget.setValue(float(option.initial or 0.0))

    def value(self) -> float:
        """The length in millimetres."""
        return float(self.widget.value())

    def start(self, value: Any) -> None:
        """Start from ``value`` millimetres."""
        self.widget.setValue(float(value))

    def retranslate_ui(self) -> None:
        """Set every visible text in the interface language."""
        # TRANSLATORS: the unit after the bleed's number, with its space (Russian " мм").
        self.widget.setSuffix(_(" mm"))


class FlagField:
    """On or off, with the declared sentence beside the box."""

    def __init__(self, option: ProductOption) -> None:
        self.option = option
        self.widget = QCheckBox()
        self.widget.setChecked(bool(option.initial))

    def value(self) -> bool:
        """Whether the box is checked."""
        return self.widget.isChecked()

    def start(self, value: Any) -> None:
        """Start checked or not."""
        self.widget.setChecked(bool(value))

    def retranslate_ui(self) -> None:
        """Set every visible text in the interface language."""
        self.widget.setText(_(self.option.text))


class PhotoField:
    """A photo placed in a section, after the declared default (the first photo)."""

    def __init__(self, option: ProductOption) -> None:
        self.option = option
        self.widget = QComboBox()
        self.widget.addItem("", None)  # the default; named in retranslate_ui

    def set_photos(self, photos: list[tuple[str, str]]) -> None:
        """The photos to choose from: ``(id, what to call it)``, in visit order."""
        while self.widget.count() > 1:
            self.widget.removeItem(1)
        for photo_id, name in photos:
            self.widget.addItem(name, photo_id)

    def value(self) -> str | None:
        """The chosen photo's id (None: the default)."""
        data = self.widget.currentData()
        return str(data) if data else None

    def start(self, value: Any) -> None:
        """Choose the photo ``value`` when it is among the photos."""
        row = self.widget.findData(value)
        if row >= 0:
            self.widget.setCurrentIndex(row)

    def retranslate_ui(self) -> None:
        """Set every visible text in the interface language."""
        self.widget.setItemText(0, _(self.option.unset))


class TextOptionField:
    """A line of text (the web edition's address); empty is none chosen."""

    def __init__(self, option: ProductOption) -> None:
        self.option = option
        self.widget = QLineEdit()
        self.widget.setClearButtonEnabled(True)

    def value(self) -> str | None:
        """The text as typed, without surrounding spaces (None: empty)."""
        return self.widget.text().strip() or None

    def start(self, value: Any) -> None:
        """Start from ``value``."""
        self.widget.setText(str(value))

    def retranslate_ui(self) -> None:
        """Set every visible text in the interface language."""
        self.widget.setToolTip(_(self.option.help))


def make_field(option: ProductOption, languages: list[str]) -> OptionField:
    """The widget for ``option`` (``languages``: the project's, for a languages option)."""
    if option.kind is OptionKind.LANGUAGES:
        return LanguagesField(option, languages)
    if option.kind is OptionKind.SIZE:
        return SizeField(option)
    if option.kind is OptionKind.LENGTH:
        return LengthField(option)
    if option.kind is OptionKind.FLAG:
        return FlagField(option)
    if option.kind is OptionKind.TEXT:
        return TextOptionField(option)
    return PhotoField(option)

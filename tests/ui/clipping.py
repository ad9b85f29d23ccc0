"""Finding texts the layout cut off: labels, buttons, check boxes, tabs and menu titles.

A widget is clipped when it was given less room than its text needs: a one-line label or a
button narrower than its size hint, a wrapping label shorter than its text at its width, a
tab narrower than its text (Qt elides it: "Prev…"), a menu title pushed out of the menu bar.
Only widgets a person can see now are looked at (hidden tabs and pages are not).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QLabel,
    QMenuBar,
    QPushButton,
    QRadioButton,
    QTabBar,
    QWidget,
)

#: Pixels of tolerance: rounding in layouts and style margins.
SLACK = 2
#: The least room a push button's frame and margins take beside its text.
PUSH_BUTTON_PADDING = 8
BUTTONS = (QPushButton, QCheckBox, QRadioButton)


def _name(widget: QWidget, text: str) -> str:
    owner = widget.window()
    return f"{type(widget).__name__} {text!r} in {type(owner).__name__} {owner.windowTitle()!r}"


def _label_clipped(label: QLabel) -> bool:
    if not label.text() or (label.pixmap() is not None and not label.pixmap().isNull()):
        return False
    rect = label.contentsRect()
    if label.wordWrap():
        return label.heightForWidth(label.width()) > label.height() + SLACK
    return label.sizeHint().width() > label.width() + SLACK or (
        label.sizeHint().height() > label.height() + SLACK and rect.height() > 0
    )


def _button_clipped(button: QAbstractButton) -> bool:
    """A push button's text wider than its face; a check box narrower than its hint.

    (A push button's size hint has the style's minimum width: "+" is not cut in a narrow
    button.)
    """
    text = button.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
    if not text:
        return False
    if isinstance(button, QPushButton):
        needed = button.fontMetrics().horizontalAdvance(text) + PUSH_BUTTON_PADDING
        if not button.icon().isNull():
            needed += button.iconSize().width() + 4
        return needed > button.width() + SLACK
    return button.sizeHint().width() > button.width() + SLACK


_VERTICAL = {
    QTabBar.Shape.RoundedEast,
    QTabBar.Shape.RoundedWest,
    QTabBar.Shape.TriangularEast,
    QTabBar.Shape.TriangularWest,
}


def _tabs_clipped(bar: QTabBar) -> list[str]:
    found = []
    vertical = bar.shape() in _VERTICAL
    for index in range(bar.count()):
        text = bar.tabText(index)
        room, wanted = bar.tabRect(index).size(), bar.tabSizeHint(index)
        if vertical:
            room, wanted = room.transposed(), wanted.transposed()
        if text and room.width() + SLACK < wanted.width():
            found.append(_name(bar, text))
        elif text and not bar.rect().contains(bar.tabRect(index)):
            found.append(_name(bar, text) + " (out of the tab bar)")
    return found


def _menu_titles_clipped(bar: QMenuBar) -> list[str]:
    found = []
    for action in bar.actions():
        if not action.isVisible() or not action.text():
            continue
        geometry = bar.actionGeometry(action)
        if geometry.isEmpty() or geometry.right() > bar.width():
            found.append(_name(bar, action.text()) + " (not in the menu bar)")
    return found


def clipped(root: QWidget) -> list[str]:
    """Every visible text under ``root`` (``root`` included) that is cut off."""
    found: list[str] = []
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        if not widget.isVisible() or widget.width() <= 0:
            continue
        cut_label = isinstance(widget, QLabel) and _label_clipped(widget)
        cut_button = isinstance(widget, BUTTONS) and _button_clipped(widget)
        if cut_label or cut_button:
            found.append(_name(widget, widget.text()))
        elif isinstance(widget, QTabBar):
            found += _tabs_clipped(widget)
        elif isinstance(widget, QMenuBar):
            found += _menu_titles_clipped(widget)
    return found

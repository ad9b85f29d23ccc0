"""The Curator window: a thin PySide6 layer over ``curator.core``.

Only this package imports Qt. Widgets get the narrow services they need from
``curator.ui.app``, where everything is wired once.
"""

from curator.ui.qt_compat import make_singletons_immortal

# Before any Qt call: see qt_compat for the PySide6 defect this guards against.
make_singletons_immortal()

"""The Curator window: a thin PySide6 layer over ``curator.core``.

Only this package imports Qt. Widgets get the narrow services they need from
``curator.ui.app``, where everything is wired once.
"""

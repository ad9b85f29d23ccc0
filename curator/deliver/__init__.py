"""Delivering captioned copies: metadata written into copies, checked by reading them back.

``deliver(...)`` in :mod:`.service` is the entry point. The domain decides what each copy
says (:mod:`curator.core.delivery_planning`); this package writes it with exiv2 (through pyexiv2),
resizes through LittleCMS when asked, writes every file under a temporary name before
renaming it, and reads each copy back with Curator's own metadata reader.
"""

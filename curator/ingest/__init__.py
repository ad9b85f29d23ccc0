"""Bringing photos in: finding files, hashing, reading metadata, making thumbnails.

Everything here runs without Qt. Long work reports through ``on_progress`` callbacks and
stops on a ``threading.Event``; the same functions run synchronously in tests and in a
worker under the window.
"""

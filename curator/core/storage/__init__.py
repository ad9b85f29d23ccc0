"""The project file.

SQLite store, schema migrations, the write lock, snapshots and restore, and
the one safe way to write a file.
"""

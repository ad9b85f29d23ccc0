"""Opening a photo file without ever blocking on something that is not one.

The one implementation lives in :mod:`curator.core.storage.regular_files`, where the domain
reads a person's files too (a project's header, a hall's DXF); the decoders import it here.
"""

from __future__ import annotations

from curator.core.storage.regular_files import SpecialFileError, file_kind, open_regular

__all__ = ["SpecialFileError", "file_kind", "open_regular"]

"""How many pages (IFDs in the main chain) a TIFF holds, read from its bytes, bounded.

exiv2 writes a TIFF back with its first few pages only (it knows IFD0 to IFD3), so a
delivered copy of a multi-page TIFF would silently lose the rest. The delivery counts the
pages of the original and of the copy and refuses a copy that lost some.
"""

from __future__ import annotations

import struct

#: More pages than any photo file has; the count stops there (a looping chain ends too).
MAX_PAGES = 10_000


def tiff_pages(data: bytes) -> int:
    """The pages of the TIFF in ``data`` (0 when it is not a classic TIFF)."""
    if data[:4] == b"II*\x00":
        order = "<"
    elif data[:4] == b"MM\x00*":
        order = ">"
    else:
        return 0
    (offset,) = struct.unpack(f"{order}I", data[4:8])
    seen: set[int] = set()
    while offset and offset not in seen and len(seen) < MAX_PAGES:
        if offset + 2 > len(data):
            break
        seen.add(offset)
        (entries,) = struct.unpack(f"{order}H", data[offset : offset + 2])
        end = offset + 2 + 12 * entries
        if end + 4 > len(data):
            break
        (offset,) = struct.unpack(f"{order}I", data[end : end + 4])
    return len(seen)

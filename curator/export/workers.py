"""How many photos an export prepares at once: every core it may use, as memory allows.

Preparing a photo for print (decode with draft, turn upright, resample, encode) happens in
Pillow's and libjpeg's C code, which releases the GIL, so the export prepares photos on a
pool of threads, one per core. Each decode is bounded (:mod:`curator.decode.bounded`):
the worst photo Curator accepts takes under :data:`WORKER_PEAK_BYTES` while it is decoded,
so no more workers run than the memory available holds.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

#: The most one preparation may hold while it decodes: the largest bounded decode (a
#: 61-megapixel progressive JPEG's coefficients, 350 MiB) and the resampled copy beside it.
WORKER_PEAK_BYTES = 400 * 1024 * 1024

_MEMINFO = Path("/proc/meminfo")
_CGROUP = Path("/sys/fs/cgroup")


def usable_cores() -> int:
    """The cores this process may run on (its affinity mask, not the machine's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def available_memory() -> int | None:
    """Bytes that can be taken without swapping, or None when the system does not say.

    Linux's ``MemAvailable``, or what is left under the cgroup's limit if that is less.
    """
    found: list[int] = []
    with contextlib.suppress(OSError, ValueError):
        for line in _MEMINFO.read_text().splitlines():
            if line.startswith("MemAvailable:"):
                found.append(int(line.split()[1]) * 1024)
    with contextlib.suppress(OSError, ValueError):
        limit = (_CGROUP / "memory.max").read_text().strip()
        if limit != "max":
            used = int((_CGROUP / "memory.current").read_text().strip())
            found.append(max(0, int(limit) - used))
    return min(found) if found else None


def worker_count(requested: int | None = None) -> int:
    """Workers for preparing photos: ``requested``, by default every usable core.

    Never more than the available memory holds at :data:`WORKER_PEAK_BYTES` each, and at
    least one.
    """
    wanted = requested if requested is not None and requested > 0 else usable_cores()
    memory = available_memory()
    if memory is not None:
        wanted = min(wanted, memory // WORKER_PEAK_BYTES)
    return max(1, wanted)

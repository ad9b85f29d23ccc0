"""Walls from a DXF floor plan: the LINE and polyline segments of one layer (issue #26).

The file is read in one pass with ezdxf's streaming reader (:mod:`ezdxf.addons.iterdxf`), so
memory stays small whatever its size; at most :data:`MAX_ENTITIES` drawing entities (vertices
counted) and :data:`MAX_VALUES` values of one entity are read, and a plan of more than
:data:`MAX_WALLS` wall segments is refused, each with a message. A
polyline's arcs (bulges) become their chords. Layers are matched without regard to case, as
CAD programs do. Coordinates are turned into millimetres by the unit given, else by the file's
own ``$INSUNITS``, else taken as millimetres.
"""

from __future__ import annotations

import math
import re
from collections import Counter, deque
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any, BinaryIO, cast

from curator.core.errors import CuratorError, UsageError
from curator.core.hall.model import Point
from curator.core.language.library_messages import reason as library_reason
from curator.core.progress import Progress, ProgressCallback, no_progress
from curator.core.storage.regular_files import open_regular
from curator.i18n import _, ngettext

#: Drawing entities (a polyline's vertices counted) read before the file is refused (a hall's
#: plan has a few thousand).
MAX_ENTITIES = 100_000
#: Values (coordinates, attributes) of one entity read before the file is refused.
MAX_VALUES = 200_000
#: Wall segments one import may add.
MAX_WALLS = 2_000
#: Millimetres per unit, as ``--unit`` names them.
UNITS_MM = {"mm": 1.0, "cm": 10.0, "m": 1000.0}
#: ``$INSUNITS`` codes of the header → millimetres per unit.
_INSUNITS_MM = {1: 25.4, 2: 304.8, 4: 1.0, 5: 10.0, 6: 1000.0}
_WALL_TYPES = ("LINE", "LWPOLYLINE", "POLYLINE")
#: How much of the file's start is searched for ``$INSUNITS`` (the header comes first).
_HEADER_BYTES = 1 << 20
_INSUNITS = re.compile(rb"\$INSUNITS\s*\r?\n\s*70\s*\r?\n\s*(\d+)")
#: Progress is told every this many entities.
_PROGRESS_EVERY = 5000
#: Segments shorter than this (mm) are dropped: they are drawing noise, not walls.
_SHORTEST_MM = 1.0

Segment = tuple[Point, Point]
_STAND_IN_LAYER = "curator stand-in \u2400"
_STAND_IN = tuple(
    line.encode("utf-8") + b"\n"
    for line in ("0", "POINT", "8", _STAND_IN_LAYER, "10", "0", "20", "0", "30", "0")
)


class DxfError(CuratorError):
    """The file is not a DXF floor plan Curator can read (exit 2)."""


@dataclass(frozen=True, slots=True)
class DxfLayer:
    """A layer of the file: its name, its lines and polylines, and other entities."""

    name: str
    lines: int
    others: int


@dataclass(frozen=True, slots=True)
class DxfWalls:
    """The wall segments of the chosen layer in mm, in the file's order."""

    layer: str
    segments: tuple[Segment, ...]
    unit_mm: float


def _header_unit(path: Path) -> float | None:
    with open_regular(path) as stream:
        start = stream.read(_HEADER_BYTES)
    match = _INSUNITS.search(start)
    return _INSUNITS_MM.get(int(match.group(1))) if match else None


def _check_whole(path: Path) -> None:
    """Refuse what is plainly not a whole text DXF before parsing it."""
    with open_regular(path) as stream:
        head = stream.read(64)
        stream.seek(0, 2)
        size = stream.tell()
        stream.seek(max(0, size - 64))
        tail = stream.read()
    if head.startswith(b"AutoCAD Binary DXF"):
        raise DxfError(
            _("%(file)s is a binary DXF; save the plan as a text (ASCII) DXF.") % {"file": path},
            path=path,
        )
    if b"\0" in head or not head.strip():
        raise DxfError(_("%(file)s is not a DXF file.") % {"file": path}, path=path)
    if not tail.rstrip().endswith(b"EOF"):
        raise DxfError(
            _("%(file)s ends before the end of its drawing: the file is cut or damaged.")
            % {"file": path},
            path=path,
        )


def _points(entity: Any) -> tuple[list[Point], bool]:
    """An entity's points in drawing units and whether it closes on its start."""
    kind = entity.dxftype()
    if kind == "LINE":
        start, end = entity.dxf.start, entity.dxf.end
        return [(start[0], start[1]), (end[0], end[1])], False
    if kind == "LWPOLYLINE":
        return [(x, y) for x, y in entity.vertices()], bool(entity.closed)
    points = [(v.dxf.location[0], v.dxf.location[1]) for v in entity.vertices]
    return points, bool(entity.is_closed)


def _segments(points: list[Point], closed: bool, scale: float) -> Iterator[Segment]:
    scaled = [(x * scale, y * scale) for x, y in points]
    if closed and len(scaled) > 2:
        scaled.append(scaled[0])
    for start, end in pairwise(scaled):
        if all(math.isfinite(v) for v in (*start, *end)) and math.dist(start, end) >= _SHORTEST_MM:
            yield (start, end)


class _Lines:
    """The file's lines for ezdxf's one-pass reader, with a stand-in entity before ENTITIES' end.

    ezdxf 1.4's ``single_pass_modelspace`` loads an entity when the next one starts, and drops
    the last one at the section's end: a plan's last LINE would be lost. A POINT on a layer of
    no plan is put before that end so that the real last entity is loaded (the stand-in, dropped
    in its place, is skipped even if a later ezdxf yields it).
    """

    def __init__(self, stream: BinaryIO, path: Path) -> None:
        self._stream = stream
        self._path = path
        self._queued: deque[bytes] = deque()
        self._in_entities = False
        self._section = False
        #: Bytes read from the file so far.
        self.read = 0
        self._entities = 0  # entities and their vertices, so far
        self._values = 0  # of the entity being read

    def _count(self, code: bytes) -> None:
        """Refuse a file past the caps before ezdxf holds what it read (bounded memory)."""
        if code != b"0":
            self._values += 1
            if self._values > MAX_VALUES:
                raise DxfError(
                    _("%(file)s has a drawing entity of more than %(count)d values (a polyline "
                      "of that many points); simplify the plan and import it again.")
                    % {"file": self._path, "count": MAX_VALUES},
                    path=self._path,
                )  # fmt: skip
            return
        self._values = 0
        self._entities += 1
        if self._entities > MAX_ENTITIES:
            raise DxfError(
                _(
                    "%(file)s has more than %(count)d drawing entities; save only the "
                    "walls' layer (or the hall's part of the plan) as a DXF and import "
                    "that."
                )
                % {"file": self._path, "count": MAX_ENTITIES},
                path=self._path,
            )

    def readline(self) -> bytes:
        """The next line, as ``BinaryIO.readline`` (b"" at the end)."""
        if not self._queued:
            code, value = self._stream.readline(), self._stream.readline()
            self.read += len(code) + len(value)
            tag = (code.strip(), value.strip())
            if self._in_entities:
                self._count(tag[0])
            if self._in_entities and tag == (b"0", b"ENDSEC"):
                self._queued.extend(_STAND_IN)
                self._in_entities = False
            elif self._section and tag[0] == b"2":
                self._in_entities = tag[1] == b"ENTITIES"
            self._section = tag == (b"0", b"SECTION")
            self._queued.extend((code, value))
        return self._queued.popleft()


def _entities(path: Path, on_progress: ProgressCallback) -> Iterator[Any]:
    from ezdxf.addons import iterdxf
    from ezdxf.lldxf.const import DXFError

    try:
        total = max(1, path.stat().st_size // 1024)
        with open_regular(path) as stream:
            lines = _Lines(stream, path)
            entities = iterdxf.single_pass_modelspace(cast(BinaryIO, lines))
            for count, entity in enumerate(entities, 1):
                if count % _PROGRESS_EVERY == 0:
                    on_progress(Progress(min(lines.read // 1024, total), total))
                yield entity
    except (DXFError, ValueError, UnicodeDecodeError, IndexError) as error:
        raise DxfError(
            _("%(file)s is not a DXF floor plan Curator can read: %(reason)s")
            % {"file": path, "reason": error},
            path=path,
        ) from error


def layer_summary(layers: list[DxfLayer]) -> str:
    """``WALLS: 12 lines or polylines; FURNITURE: 0 (3 other)``, one layer a line."""
    return "\n".join(
        "  "
        + ngettext(
            "%(layer)s: %(count)d line or polyline, %(others)d other",
            "%(layer)s: %(count)d lines or polylines, %(others)d other",
            layer.lines,
        )
        % {"layer": layer.name, "count": layer.lines, "others": layer.others}
        for layer in layers
    )


def read_dxf_walls(
    path: Path,
    layer: str | None,
    unit: str | None = None,
    on_progress: ProgressCallback = no_progress,
) -> DxfWalls:
    """The wall segments on ``layer`` of the DXF at ``path``, in millimetres.

    ``on_progress`` hears of the kilobytes read, every few thousand entities.

    Raises:
        DxfError: not a text DXF, cut short, unreadable, or more than ``MAX_ENTITIES``.
        UsageError: no layer given, or one the file does not have (the message lists the
            layers with their counts), one without lines, too many segments, or an unknown unit.
    """
    if unit is not None and unit not in UNITS_MM:
        raise UsageError(_("The unit is mm, cm or m (got “%(unit)s”).") % {"unit": unit})
    try:
        _check_whole(path)
        scale = UNITS_MM[unit] if unit else (_header_unit(path) or 1.0)
    except OSError as error:
        raise DxfError(
            _("Cannot read %(file)s: %(reason)s") % {"file": path, "reason": library_reason(error)},
            path=path,
        ) from error
    wanted = layer.casefold() if layer else None
    lines: Counter[str] = Counter()
    others: Counter[str] = Counter()
    names: dict[str, str] = {}
    segments: list[Segment] = []
    chosen = ""
    for entity in _entities(path, on_progress):
        name = str(entity.dxf.get("layer", "0"))
        if name == _STAND_IN_LAYER:
            continue
        key = name.casefold()
        names.setdefault(key, name)
        if entity.dxftype() not in _WALL_TYPES:
            others[key] += 1
            continue
        lines[key] += 1
        if key != wanted:
            continue
        chosen = name
        segments.extend(_segments(*_points(entity), scale))
        if len(segments) > MAX_WALLS:
            raise UsageError(
                _("Layer %(layer)s has more than %(count)d wall segments; is it the walls' layer?")
                % {"layer": name, "count": MAX_WALLS}
            )
    layers = [DxfLayer(names[key], lines[key], others[key]) for key in sorted(names)]
    if wanted is None or not segments:
        if not layers:
            raise UsageError(_("%(file)s draws nothing.") % {"file": path})
        if wanted is None:
            intro = _("Choose the walls' layer with --layer; the file's layers:")
        elif wanted in names:
            intro = _("Layer %(layer)s has no lines or polylines; the file's layers:") % {
                "layer": layer
            }
        else:
            intro = _("The file has no layer %(layer)s; its layers:") % {"layer": layer}
        raise UsageError(intro + "\n" + layer_summary(layers))
    return DxfWalls(chosen, tuple(segments), scale)

"""Panel operations that return change sets: photos placed on panels, slots swapped, crops.

Each method is one user action and one transaction. What it did is read from the exhibition
before and after (its rows): the change set names the panels, sections and photos whose rows
changed, and its undo puts the whole exhibition back as it was (same ids), since planning a
panel again may add, remove or renumber panels. The planning itself lives in
:mod:`curator.core.editing.panel_edits` (its ``write_*`` functions run inside the
transaction opened here).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from curator.core.model import Crop
from curator.core.operations.changes import ChangeSet, ExhibitionSnapshot, RestoreExhibition, Row
from curator.core.progress import ProgressCallback, no_progress

if TYPE_CHECKING:
    from curator.core.layout import TextMeasure
    from curator.core.services import ProjectService


def _touched(rows: set[Row], column: str) -> frozenset[str]:
    """The values of ``column`` (an id) in rows that have it."""
    found = set()
    for _table, columns, values in rows:
        if column in columns:
            value = values[columns.index(column)]
            if isinstance(value, str) and value:
                found.add(value)
    return frozenset(found)


def _ids(rows: set[Row], table: str) -> frozenset[str]:
    """The ids of ``table``'s rows among ``rows``."""
    return _touched({row for row in rows if row[0] == table}, "id")


class PanelOperations:
    """Writes to the panels of the exhibition, each one edit."""

    def __init__(self, service: ProjectService) -> None:
        self._service = service

    def snapshot(self) -> ExhibitionSnapshot:
        """The whole exhibition as it is now."""
        return ExhibitionSnapshot(tuple(self._service.exhibition.exhibition_rows()))

    def _run(self, write: Callable[[], None]) -> ChangeSet:
        """Run ``write`` in one transaction; what changed, undone by the snapshot before."""
        with self._service.store.transaction():
            before = self.snapshot()
            write()
            after = self.snapshot()
        return self._difference(before, after)

    @staticmethod
    def _difference(before: ExhibitionSnapshot, after: ExhibitionSnapshot) -> ChangeSet:
        if before == after:
            return ChangeSet()
        changed = set(before.rows) ^ set(after.rows)
        return ChangeSet(
            panels=_ids(changed, "panel") | _touched(changed, "panel_id"),
            sections=_ids(changed, "section") | _touched(changed, "section_id"),
            photos=_touched(changed, "photo_id"),
            undo=RestoreExhibition(before),
        )

    def restore(self, snapshot: ExhibitionSnapshot) -> ChangeSet:
        """Make the exhibition exactly what the snapshot holds (same ids), as one edit."""
        exhibition = self._service.exhibition

        def write() -> None:
            exhibition.clear_exhibition()
            exhibition.restore_rows(list(snapshot.rows))

        return self._run(write)

    def place_on_panel(
        self, panel_id: str, photo_ids: list[str], measure: TextMeasure | None = None
    ) -> ChangeSet:
        """Put photos on a panel (see :func:`~.panel_edits.write_place_on_panel`).

        Raises:
            NotFoundError: An unknown panel or photo.
            UsageError: No photo, or a photo named twice.
        """
        from curator.core.editing import panel_edits  # it reads the project service

        service = self._service
        return self._run(
            lambda: panel_edits.write_place_on_panel(service, panel_id, photo_ids, measure)
        )

    def place_in_section(
        self, section_id: str, photo_ids: list[str], measure: TextMeasure | None = None
    ) -> ChangeSet:
        """Put photos in a section and on its panels (dropped beside the panels)."""
        from curator.core.editing import panel_edits

        service = self._service
        return self._run(
            lambda: panel_edits.write_place_in_section(service, section_id, photo_ids, measure)
        )

    def swap_slots(
        self, slot_id: str, other_slot_id: str, measure: TextMeasure | None = None
    ) -> ChangeSet:
        """Swap the photos of two slots (their crops go with them)."""
        from curator.core.editing import panel_edits

        service = self._service
        return self._run(
            lambda: panel_edits.write_swap_slots(service, slot_id, other_slot_id, measure)
        )

    def move_panel(
        self, panel_id: str, index: int, measure: TextMeasure | None = None
    ) -> ChangeSet:
        """Move a panel to ``index`` of its section (0 first)."""
        from curator.core.editing import panel_edits

        service = self._service
        return self._run(lambda: panel_edits.write_move_panel(service, panel_id, index, measure))

    def set_crop(self, slot_id: str, crop: Crop, measure: TextMeasure | None = None) -> ChangeSet:
        """Set the part of its photo a slot prints (a rectangle or a focus point)."""
        from curator.core.editing import panel_edits

        service = self._service
        return self._run(lambda: panel_edits.write_crop(service, slot_id, crop, measure))

    def auto_layout(
        self,
        section_id: str | None,
        panel_size: tuple[float, float],
        template: str | None = None,
        measure: TextMeasure | None = None,
        *,
        backup: bool = True,
        on_progress: ProgressCallback = no_progress,
        cancel: threading.Event | None = None,
    ) -> tuple[list[str], ChangeSet]:
        """Lay out one section, or every one, into fresh panels (see ``layout_service``).

        Panels already there are replaced (a project snapshot first, unless ``backup`` is
        False); returns the new panels' ids in visit order, and what changed.

        Raises:
            UsageError: An unknown template, or a panel too small for its margins.
            NotFoundError: No section with ``section_id``.
            BackupError: The snapshot before could not be taken (nothing is changed).
            CancelledError: ``cancel`` was set; the layout is rolled back whole.
        """
        from curator.core.editing import layout_service

        service = self._service
        layout_service.prepare_layout(service, section_id, panel_size, template, backup=backup)
        panel_ids: list[str] = []

        def write() -> None:
            panel_ids.extend(
                layout_service.write_auto_layout(
                    service, section_id, panel_size, template, measure, on_progress, cancel
                )
            )

        return panel_ids, self._run(write)

"""Arranging panels by hand: drops, swaps, panel moves, crops, and undo of each."""

from __future__ import annotations

from pathlib import Path

import pytest

from curator.core.editing import panel_edits
from curator.core.editing.layout_service import auto_layout, section_geometry
from curator.core.errors import NotFoundError, UsageError
from curator.core.layout import title_band_mm
from curator.core.layout.style import PANEL_STYLE
from curator.core.model import Crop, Photo
from curator.core.services import ProjectService
from tests.core.test_layout_service import MonoMeasure

MEASURE = MonoMeasure()


@pytest.fixture
def service(tmp_path: Path):
    with ProjectService.create(
        tmp_path / "p.curator", title="T", languages=["vi", "ru", "en"]
    ) as service:
        yield service


def _photos(service: ProjectService, count: int) -> list[str]:
    with service.store.transaction():
        return [
            service.photos.add(
                Photo("", Path(f"/p/{i}.jpg"), f"{i:064x}", 6000, 4000 if i % 2 else 4500)
            ).id
            for i in range(count)
        ]


def _layout(service: ProjectService) -> list[tuple[str, list[str]]]:
    """(panel id, photos in slot order) for every panel of the exhibition, in visit order."""
    return [
        (panel.id, [s.photo_id or "" for s in service.exhibition.slots(panel.id)])
        for section in service.exhibition.sections()
        for panel in service.exhibition.panels(section.id)
    ]


def _two_sections(service: ProjectService) -> tuple[str, str, list[str]]:
    ids = _photos(service, 7)
    a = service.add_section({"en": "A"}, ids[:4])
    b = service.add_section({"en": "B"}, ids[4:6])
    for section in (a, b):
        auto_layout(service, section.id, template="two-side-by-side", measure=MEASURE)
    return a.id, b.id, ids  # ids[6] is in no section


def test_a_library_photo_dropped_on_a_panel_joins_it_and_its_section(service) -> None:
    _a, b, ids = _two_sections(service)
    (first_b,) = [p for p, ph in _layout(service) if ph == ids[4:6]]
    before = _layout(service)
    panel_edits.place_on_panel(service, first_b, [ids[6]], MEASURE)
    # The panel now holds three photos, with a template for three, the new one last.
    panel = service.exhibition.panel(first_b)
    assert [s.photo_id for s in service.exhibition.slots(first_b)] == [*ids[4:6], ids[6]]
    assert panel.template in {"grid-3", "three-side-by-side", "hero-plus-two"}
    assert service.exhibition.photo_ids(b) == [*ids[4:6], ids[6]]
    # The other panels were not touched.
    assert [row for row in _layout(service) if row[0] != first_b] == [
        row for row in before if row[0] != first_b
    ]
    for geometry in section_geometry(service, b, MEASURE):
        for slot in geometry.slots:
            assert slot.frame.contains(slot.image)


def test_a_photo_moved_from_another_panel_leaves_its_slot(service) -> None:
    a, b, ids = _two_sections(service)
    (target,) = [p for p, photos in _layout(service) if photos == ids[4:6]]
    snapshot = panel_edits.place_on_panel(service, target, [ids[0]], MEASURE)
    assert service.exhibition.section_of(ids[0]) == b
    assert [len(service.exhibition.slots_of_photo(pid)) for pid in ids[:6]] == [1] * 6
    a_panels = service.exhibition.panels(a)
    assert [len(service.exhibition.slots(p.id)) for p in a_panels] == [1, 2]
    assert service.exhibition.photo_ids(a) == ids[1:4]
    # Undo puts everything back, ids and all.
    after = panel_edits.exhibition_snapshot(service)
    panel_edits.restore_exhibition(service, snapshot)
    assert panel_edits.exhibition_snapshot(service) == snapshot
    assert service.exhibition.section_of(ids[0]) == a
    panel_edits.restore_exhibition(service, after)
    assert panel_edits.exhibition_snapshot(service) == after


def test_a_full_panel_spills_onto_a_new_panel_after_it(service) -> None:
    ids = _photos(service, 6)
    section = service.add_section({"en": "A"}, ids[:4])
    auto_layout(service, section_id=section.id, template="grid-4", measure=MEASURE)
    (panel,) = service.exhibition.panels(section.id)
    panel_edits.place_on_panel(service, panel.id, ids[4:6], MEASURE)
    panels = service.exhibition.panels(section.id)
    assert panels[0].id == panel.id
    assert [[s.photo_id for s in service.exhibition.slots(p.id)] for p in panels] == [
        ids[:4],
        ids[4:6],
    ]


def test_swapping_two_slots_swaps_their_photos_and_crops(service) -> None:
    a, _b, ids = _two_sections(service)
    first, second = service.exhibition.panels(a)
    one = service.exhibition.slots(first.id)[0]
    other = service.exhibition.slots(second.id)[1]
    panel_edits.set_crop(service, one.id, Crop(0.1, 0.1, 0.5, 0.5))
    one = service.exhibition.slots(first.id)[0]  # planned again: a new slot
    panel_edits.swap_slots(service, one.id, other.id, MEASURE)
    assert [s.photo_id for s in service.exhibition.slots(first.id)] == [ids[3], ids[1]]
    assert [s.photo_id for s in service.exhibition.slots(second.id)] == [ids[2], ids[0]]
    assert service.exhibition.slots(second.id)[1].crop == Crop(0.1, 0.1, 0.5, 0.5)
    assert service.exhibition.photo_ids(a) == [ids[3], ids[1], ids[2], ids[0]]


def test_moving_a_panel_moves_the_title_band_and_the_visit(service) -> None:
    a, _b, ids = _two_sections(service)
    first, second = service.exhibition.panels(a)
    panel_edits.move_panel(service, second.id, 0, MEASURE)
    assert [p.id for p in service.exhibition.panels(a)] == [second.id, first.id]
    assert service.exhibition.photo_ids(a) == [*ids[2:4], *ids[:2]]
    band = title_band_mm(3, PANEL_STYLE)
    opening, following = section_geometry(service, a, MEASURE)
    assert opening.titles and not following.titles
    assert min(s.frame.y_mm for s in opening.slots) >= opening.content.y_mm + band - 1e-6
    assert min(s.frame.y_mm for s in following.slots) == pytest.approx(following.content.y_mm)


def test_crops_are_checked_and_honoured_by_the_geometry(service) -> None:
    a, _b, _ids = _two_sections(service)
    panel_id = service.exhibition.panels(a)[0].id
    slot = service.exhibition.slots(panel_id)[0]
    whole = section_geometry(service, a, MEASURE)[0].slots[0]
    panel_edits.set_crop(service, slot.id, Crop(0.25, 0.25, 0.5, 0.5), MEASURE)
    cropped = section_geometry(service, a, MEASURE)[0].slots[0]
    assert cropped.image == pytest.approx(whole.image)  # the same shape: the same size
    assert cropped.source.width_mm == pytest.approx(0.5)
    assert cropped.source.x_mm == pytest.approx(0.25)
    assert cropped.effective_ppi == pytest.approx(whole.effective_ppi / 2, rel=1e-3)
    # A focus point: the picture fills its frame's photo area, cut around the point.
    slot = service.exhibition.slots(panel_id)[0]
    panel_edits.set_crop(service, slot.id, Crop(0.9, 0.5, 0, 0), MEASURE)
    filled = section_geometry(service, a, MEASURE)[0].slots[0]
    assert filled.image.width_mm == pytest.approx(filled.frame.width_mm)
    assert filled.image.height_mm > whole.image.height_mm
    assert filled.source.height_mm == pytest.approx(1.0)
    assert filled.source.width_mm < 1.0
    assert filled.source.x_mm + filled.source.width_mm == pytest.approx(1.0)  # kept the right
    slot = service.exhibition.slots(panel_id)[0]
    for bad in (Crop(0.8, 0, 0.5, 0.5), Crop(0, 0, 0.5, 0), Crop(-0.5, 0, 0, 0)):
        with pytest.raises(UsageError):
            panel_edits.set_crop(service, slot.id, bad)
    with pytest.raises(NotFoundError):
        panel_edits.set_crop(service, "nope", Crop())


def test_undo_of_laying_out_everything_takes_back_the_gathered_section(service) -> None:
    ids = _photos(service, 3)
    before = panel_edits.exhibition_snapshot(service)
    auto_layout(service, measure=MEASURE)  # no section yet: the photos are gathered into one
    assert len(service.exhibition.sections()) == 1
    assert service.exhibition.placed_photo_ids() == set(ids)
    after = panel_edits.exhibition_snapshot(service)
    panel_edits.restore_exhibition(service, before)
    assert service.exhibition.sections() == []
    assert service.exhibition.placed_photo_ids() == set()
    panel_edits.restore_exhibition(service, after)
    assert panel_edits.exhibition_snapshot(service) == after


def test_photos_dropped_beside_the_panels_join_the_sections_last_panel(service) -> None:
    a, b, ids = _two_sections(service)
    last_a = service.exhibition.panels(a)[-1].id
    before = panel_edits.place_in_section(service, a, [ids[6], ids[4]], MEASURE)
    # The loose photo and one from B are on A's last panel (or after it), and in A.
    assert service.exhibition.photo_ids(a)[-2:] == [ids[6], ids[4]]
    on_a = [pid for panel in service.exhibition.panels(a) for pid in _slot_ids(service, panel.id)]
    assert {ids[6], ids[4]} <= set(on_a)
    assert ids[4] not in service.exhibition.photo_ids(b)
    assert ids[4] not in [
        pid for p in service.exhibition.panels(b) for pid in _slot_ids(service, p.id)
    ]
    assert any(p.id == last_a for p in service.exhibition.panels(a))
    panel_edits.restore_exhibition(service, before)
    assert service.exhibition.photo_ids(a) == ids[:4]
    assert service.exhibition.photo_ids(b) == ids[4:6]


def test_photos_dropped_on_an_empty_sections_canvas_are_laid_out(service) -> None:
    ids = _photos(service, 3)
    empty = service.add_section({"en": "Empty"}, [])
    panel_edits.place_in_section(service, empty.id, ids[:2], MEASURE)
    assert service.exhibition.photo_ids(empty.id) == ids[:2]
    panels = service.exhibition.panels(empty.id)
    assert panels
    placed = [pid for p in panels for pid in _slot_ids(service, p.id)]
    assert sorted(placed) == sorted(ids[:2])
    with pytest.raises(NotFoundError):
        panel_edits.place_in_section(service, "nope", ids[:1], MEASURE)
    with pytest.raises(UsageError):
        panel_edits.place_in_section(service, empty.id, [], MEASURE)


def _slot_ids(service: ProjectService, panel_id: str) -> list[str]:
    return [s.photo_id for s in service.exhibition.slots(panel_id) if s.photo_id]


def test_a_drop_is_a_change_set_naming_the_panels_sections_and_photos(service) -> None:
    a, b, ids = _two_sections(service)
    (target,) = [p for p, photos in _layout(service) if photos == ids[4:6]]
    (source,) = [p for p, photos in _layout(service) if ids[0] in photos]
    start = service.operations.panels.snapshot()
    changes = service.operations.panels.place_on_panel(target, [ids[0]], MEASURE)
    assert {target, source} <= changes.panels
    assert changes.sections == {a, b} and ids[0] in changes.photos
    assert ids[6] not in changes.photos  # a photo nobody moved
    after = service.operations.panels.snapshot()
    back = service.operations.undo(changes.undo)
    assert service.operations.panels.snapshot() == start
    service.operations.undo(back.undo)  # redo
    assert service.operations.panels.snapshot() == after
    # Nothing moved: nothing to undo.
    assert service.operations.panels.place_on_panel(target, [ids[0]], MEASURE).empty

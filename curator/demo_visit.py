"""The demo exhibition's route of the visit: "State visit", its stops and talking points.

``resources/demo/demo.json``'s ``visit`` names each stop by a photo (a stop at that photo) or
by ``panel_of`` a photo (a stop at the panel holding it), so the route follows the demo's
layout whatever panels it made; the talking points are given in vi, ru and en.
"""

from __future__ import annotations

from typing import Any

from curator.core.services import ProjectService


def build_demo_route(service: ProjectService, spec: dict[str, Any]) -> bool:
    """Add the route ``spec`` describes (photos by file name), with its talking points.

    Returns whether it was added: not when the demo's photos are on no panel yet.
    """
    by_file = {photo.path.name: photo.id for photo in service.photos.all()}
    named = [stop.get("photo") or stop["panel_of"] for stop in spec["stops"]]
    if not all(service.exhibition.slots_of_photo(by_file[name]) for name in named):
        return False
    visit = service.operations.visit
    name = str(spec["name"])
    visit.add_route(name, float(spec["speed_m_s"]), float(spec["allotted_min"]))
    for number, stop in enumerate(spec["stops"], 1):
        minutes = float(stop["minutes"])
        if "photo" in stop:
            visit.add_stop(name, photo_id=by_file[stop["photo"]], minutes=minutes)
        else:
            slots = service.exhibition.slots_of_photo(by_file[stop["panel_of"]])
            visit.add_stop(name, panel_id=slots[0].panel_id, minutes=minutes)
        for language, text in stop["points"].items():
            visit.set_points(name, number, language, text)
    return True

"""On the server too, an edit of what a photo shows marks it edited, and undo unmarks it."""

from __future__ import annotations

from pathlib import Path

import curator.server.store  # noqa: F401  (registers the server's store)
from curator.core.model import GlossaryKind, Photo
from curator.core.services import ProjectService
from curator.core.shown import Region, Shown


def test_the_shown_edited_mark_is_kept_on_the_server(server_project: str) -> None:
    with ProjectService.create(server_project, title="t", languages=["vi", "ru"]) as service:
        with service.store.transaction():
            photo = service.photos.add(
                Photo(id="", path=Path("/p/a.jpg"), sha256="a", width=30, height=20)
            ).id
            lan = service.glossary.add(GlossaryKind.PERSON, {"vi": "Lan", "ru": "Лан"}).id
        assert not service.operations.shown.edited(photo)
        changes = service.operations.shown.set(
            photo, Shown().with_person(lan, Region(0.1, 0.1, 0.5, 0.5))
        )
    with ProjectService.open(server_project) as service:
        assert service.operations.shown.edited(photo)
        assert service.operations.shown.get(photo).persons[0].entry_id == lan
        assert changes.undo is not None
        service.operations.undo(changes.undo)
        assert service.operations.shown.get(photo).empty
        assert not service.operations.shown.edited(photo)

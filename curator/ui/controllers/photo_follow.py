"""Show photos whose files changed (a relink, a replaced original): their rows alone.

A relink names the photos it found again (its change set's ``photos``); the window
redraws those library rows (file name, damage), their names in the exhibition tree, the
panels showing one of them, and decodes the thumbnail again where the file is another
picture. Nothing else is read: readiness and the sections do not depend on a file's place.
"""

from __future__ import annotations

from collections.abc import Iterable

from curator.core.model import CaptionField
from curator.core.services import ProjectService
from curator.ui.controllers.project_view_data import library_items
from curator.ui.main_window import MainWindow


def follow_photos(
    window: MainWindow,
    service: ProjectService,
    photo_ids: Iterable[str],
    *,
    new_pictures: Iterable[str] = (),
) -> None:
    """Redraw ``photo_ids`` where the window shows them; ``new_pictures`` decode anew."""
    ids = list(dict.fromkeys(photo_ids))
    if not ids:
        return
    queries = service.queries
    photos = queries.photos(ids)
    headlines = queries.texts(CaptionField.HEADLINE, ids)
    model = window.library.model
    for item in library_items(queries.project(), photos, headlines, queries.damaged_photo_ids()):
        model.update_item(item)
    for photo_id in new_pictures:
        model.forget_thumbnail(photo_id)
    window.exhibition.file_names.update({photo.id: photo.path.name for photo in photos})
    window.exhibition.show_headlines({photo.id: headlines.get(photo.id, {}) for photo in photos})
    by_id = {photo.id: photo for photo in photos}
    for view in (window.photo_view, window.full_preview.view):
        shown = view.photo
        if shown is not None and shown.id in by_id:
            view.show_photo(by_id[shown.id])  # loads the picture again when its file moved
    selected = window.library.selected_photo_ids()
    if len(selected) == 1 and selected[0] in by_id:
        photo = by_id[selected[0]]
        window.metadata.update_photo(photo, queries.photo_rights([photo.id])[0])

"""On the server, an applied translator's file undoes and redoes as one operation, and its
undo is refused (nothing written) once another connection changed one of its captions."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

import curator.server.store  # noqa: F401  (registers the server's store)
from curator.core.errors import CaptionConflictError
from curator.core.model import CaptionField, CaptionStatus, Photo
from curator.core.services import ProjectService
from curator.core.translators.caption_exchange import ExportScope, build_export, record_export
from curator.core.translators.exchange_apply import apply_plan
from curator.core.translators.exchange_plan import plan_import
from curator.exchange.captions import read_caption_file, write_caption_file


def test_an_applied_file_undoes_on_the_server_unless_someone_changed_it(
    server_project: str, tmp_path: Path
) -> None:
    with ProjectService.create(server_project, title="t", languages=["vi", "ru"]) as service:
        with service.store.transaction():
            photo = service.photos.add(
                Photo(id="", path=Path("/p/a.jpg"), sha256="a", width=30, height=20)
            ).id
        service.set_caption(photo, "vi", CaptionField.CAPTION, "Hội đàm", CaptionStatus.FINAL)
        document = build_export(service, ExportScope("ru"), {})
        assert record_export(service, document, "po")
    po = tmp_path / "ru.po"
    write_caption_file(po, document, "po")
    catalog = polib.pofile(str(po))
    for entry in catalog:
        entry.msgstr = "Переговоры" if entry.msgctxt == f"{photo}|caption" else ""
    catalog.save(str(po))
    with (
        ProjectService.open(server_project) as service,
        ProjectService.open(server_project) as other,
    ):
        field = (photo, "ru", CaptionField.CAPTION)
        applied = apply_plan(service, plan_import(service, read_caption_file(po), po), backup=False)
        assert applied.changes.undo is not None
        undone = service.operations.undo(applied.changes.undo)
        assert other.captions.get(*field).text == ""
        assert undone.undo is not None
        redone = service.operations.undo(undone.undo)
        assert other.captions.get(*field).text == "Переговоры"
        other.set_caption(*field, "Переговоры в Ханое")  # a colleague's correction
        assert redone.undo is not None
        with pytest.raises(CaptionConflictError) as refused:
            service.operations.undo(redone.undo)
        assert "Переговоры в Ханое" in refused.value.message
        assert other.captions.get(*field).text == "Переговоры в Ханое"

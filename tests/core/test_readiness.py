from pathlib import Path

from curator.core.checks.readiness import readiness
from curator.core.model import CaptionField, CaptionStatus, Photo
from curator.core.services import ProjectService


def _photos(service: ProjectService, count: int) -> list[str]:
    ids = []
    with service.store.transaction():
        for index in range(count):
            ids.append(
                service.photos.add(
                    Photo(id="", path=Path(f"/p/{index}.jpg"), sha256=str(index), width=1, height=1)
                ).id
            )
    return ids


def test_matrix_counts_every_field_and_rolls_up_per_section(service: ProjectService) -> None:
    ids = _photos(service, 3)
    service.set_caption(ids[0], "vi", CaptionField.CAPTION, "Hội đàm", CaptionStatus.FINAL)
    service.set_caption(ids[1], "vi", CaptionField.CAPTION, "Ký kết", CaptionStatus.NEEDS_REVIEW)
    service.set_caption(ids[1], "ru", CaptionField.CAPTION, "Подписание")
    with service.store.transaction():  # a language the project no longer has
        service.captions.set(ids[2], "de", CaptionField.CAPTION, "nicht im Projekt")
    talks = service.add_section({"vi": "Hội đàm"}, [ids[0], ids[1]])
    report = readiness(service)
    assert report.languages == ["vi", "ru", "en"]
    vi = report.total.matrix["vi"]["caption"]
    assert vi == {"final": 1, "needs-review": 1, "draft": 0, "empty": 1}
    assert report.total.matrix["ru"]["caption"] == {
        "final": 0,
        "needs-review": 0,
        "draft": 1,
        "empty": 2,
    }
    assert report.total.matrix["en"]["headline"]["empty"] == 3
    assert "de" not in report.total.matrix
    (section,) = report.sections
    assert section.section_id == talks.id and section.readiness.photos == 2
    assert section.readiness.matrix["vi"]["caption"]["empty"] == 0
    assert report.unplaced is not None and report.unplaced.photos == 1
    assert report.total.final_share("vi") == 1 / 15
    only = readiness(service, talks.id)
    assert only.total.photos == 2 and only.unplaced is None

"""A small vi/ru/en project with captions, for the caption-file tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from curator.core.model import CaptionField, CaptionStatus, Photo
from curator.core.services import CaptionEdit, ProjectService

SOURCES = [
    (
        "Tổng Giám đốc TTXVN Vũ Việt Trang hội đàm với Tổng giám đốc TASS Andrey Kondrashov.",
        "Генеральный директор ВИА Ву Вьет Чанг на переговорах с Андреем Кондрашовым.",
    ),
    ("Lễ ký kết thỏa thuận hợp tác giữa hai hãng thông tấn.", ""),
    ("Phóng viên TTXVN tác nghiệp tại Moskva.", ""),
]


@pytest.fixture
def captioned(tmp_path: Path) -> Iterator[tuple[ProjectService, list[str]]]:
    """An open project with three photos: vi captions and headlines, one ru caption."""
    path = tmp_path / "exhibition.curator"
    service = ProjectService.create(path, title="Việt Nam – Nga", languages=["vi", "ru", "en"])
    ids: list[str] = []
    with service.store.transaction():
        for index in range(len(SOURCES)):
            photo = Photo(
                id="",
                path=Path(f"/photos/{index:02d} ảnh.jpg"),
                sha256=f"hash{index}",
                width=6000,
                height=4000,
            )
            ids.append(service.photos.add(photo).id)
    edits = []
    for photo_id, (vi, ru) in zip(ids, SOURCES, strict=True):
        edits.append(CaptionEdit(photo_id, "vi", CaptionField.CAPTION, vi, CaptionStatus.FINAL))
        edits.append(CaptionEdit(photo_id, "vi", CaptionField.HEADLINE, vi.split(" ")[0]))
        if ru:
            edits.append(
                CaptionEdit(photo_id, "ru", CaptionField.CAPTION, ru, CaptionStatus.NEEDS_REVIEW)
            )
    service.set_captions(edits)
    yield service, ids
    service.close()

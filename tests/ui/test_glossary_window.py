from pathlib import Path

import pytest

from curator.core.model import CaptionField, Photo
from curator.core.services import ProjectService

pytestmark = pytest.mark.gui


@pytest.fixture
def project(tmp_path: Path) -> tuple[Path, str]:
    from PIL import Image

    path = tmp_path / "ex.curator"
    image = tmp_path / "a.jpg"
    Image.new("RGB", (40, 30)).save(image)
    with ProjectService.create(path, title="T", languages=["vi", "ru", "en"]) as service:
        with service.store.transaction():
            photo = service.photos.add(Photo(id="", path=image, sha256="a", width=40, height=30))
        service.set_caption(
            photo.id, "ru", CaptionField.CAPTION, "Генеральный директор Ву Вьет Транг"
        )
    return path, photo.id


def test_import_check_and_export_a_glossary(curator_window, project, tmp_path, qtbot):
    path, photo_id = project
    csv = tmp_path / "names.csv"
    csv.write_text(
        "code;kind;vi;ru;en;forbidden:ru\n"
        "vvt;person;Vũ Việt Trang;Ву Вьет Чанг;Vu Viet Trang;Ву Вьет Транг\n",
        encoding="utf-8-sig",
    )
    curator_window.controller.open_project(path)
    glossary = curator_window.glossary
    assert glossary.import_file(csv)  # applied after a snapshot written on a worker
    table = curator_window.window.glossary.table
    qtbot.waitUntil(lambda: table.rowCount() == 1, timeout=10000)
    assert table.item(0, 3).text() == "Ву Вьет Чанг"
    glossary.check()
    findings = curator_window.window.glossary.findings
    qtbot.waitUntil(lambda: findings.count() == 1, timeout=10000)
    assert "Ву Вьет Транг" in findings.item(0).text()
    findings.itemActivated.emit(findings.item(0))
    assert curator_window.window.library.selected_photo_ids() == [photo_id]
    out = tmp_path / "out.tbx"
    assert glossary.export_file(out)
    assert "Ву Вьет Чанг" in out.read_text(encoding="utf-8")


def test_a_malformed_glossary_is_refused_with_its_line(curator_window, dialogs, project, tmp_path):
    path, _photo_id = project
    bad = tmp_path / "bad.csv"
    bad.write_text("code,kind,vi\nx,spaceship,Tàu\n", encoding="utf-8")
    curator_window.controller.open_project(path)
    assert not curator_window.glossary.import_file(bad)
    _title, text = dialogs.errors[0]
    assert "bad.csv" in text and "2" in text
    assert curator_window.window.glossary.table.rowCount() == 0

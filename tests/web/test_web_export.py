"""``curator export web``: the demo's site, read page by page as a browser and a reader would."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image

from curator import cli
from curator.core.checks.print_scope import printed_photos
from curator.core.services import ProjectService
from curator.export.web_site import MANIFEST
from tests.web.conftest import HOSTILE, HOSTILE_PHOTO, REJECTED
from tests.web.html_check import internal, read_page, resolve

LANGUAGES = ("vi", "ru", "en")


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_page_is_well_formed_in_its_language_and_every_link_resolves(web_site: Path) -> None:
    pages = _pages(web_site)
    assert len(pages) > 30
    for path in pages:
        page = read_page(path)
        assert "script" not in page.tags, path
        language = path.parent.name if path.parent != web_site else "vi"
        assert page.html_lang == language, path
        for target, _rel in page.links:
            if target.startswith("#"):  # a place on the page itself
                assert f'id="{target[1:]}"' in path.read_text(encoding="utf-8"), target
            elif internal(target):
                assert resolve(path, target).is_file(), f"{path}: {target} does not resolve"
            else:
                assert target.startswith("https://example.org/expo/"), target
        for image in page.images:
            assert image.alt and image.alt.strip(), f"{path}: an image without alt"
            for target in [image.src, *image.srcset]:
                assert resolve(path, target).is_file(), f"{path}: {target} does not resolve"


def test_a_photo_page_switches_language_to_the_same_photo(web_site: Path, web_ids) -> None:
    slug = web_ids[HOSTILE_PHOTO]
    for language in LANGUAGES:
        page = read_page(web_site / language / f"{slug}.html")
        others = {tag: href for tag, href in page.switch}
        assert set(others) == set(LANGUAGES) - {language}
        for tag, href in others.items():
            assert href == f"../{tag}/{slug}.html"
            assert read_page(resolve(web_site / language / "x", href)).html_lang == tag


def test_the_site_shows_the_catalogues_photos_in_visit_order(
    web_demo: Path, web_site: Path, web_ids
) -> None:
    with ProjectService.open(web_demo, read_only=True) as service:
        order = [photo.id for _n, _p, photo in printed_photos(service)]
    assert web_ids[REJECTED] not in order
    assert not (web_site / "en" / f"{web_ids[REJECTED]}.html").exists()
    assert not list((web_site / "images").glob(f"{web_ids[REJECTED]}*"))
    # previous/next walk the photos in visit order, from the first to the last
    walked = [order[0]]
    while True:
        page = read_page(web_site / "ru" / f"{walked[-1]}.html")
        after = [href for href, rel in page.links if rel == "next"]
        if not after:
            break
        walked.append(after[0].removesuffix(".html"))
    assert walked == order
    first = read_page(web_site / "ru" / f"{order[0]}.html")
    assert not [href for href, rel in first.links if rel == "prev"]


def test_a_hostile_caption_shows_as_text(web_site: Path, web_ids) -> None:
    path = web_site / "en" / f"{web_ids[HOSTILE_PHOTO]}.html"
    html = path.read_text(encoding="utf-8")
    assert "<script" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html
    page = read_page(path)
    assert any(HOSTILE in text for _lang, text in page.texts)


def test_texts_carry_their_language(web_site: Path, web_ids) -> None:
    page = read_page(web_site / "vi" / f"{web_ids[HOSTILE_PHOTO]}.html")
    spoken = {lang for lang, _text in page.texts}
    # the page is Vietnamese; the switch names each language in itself
    assert spoken == {"vi", "ru", "en"}
    named = {text: lang for lang, text in page.texts}
    assert named["Русский"] == "ru" and named["English"] == "en" and named["Tiếng Việt"] == "vi"
    chooser = read_page(web_site / "index.html")
    assert {lang for lang, _text in chooser.texts} >= {"vi", "ru", "en"}


def test_pages_weigh_a_few_kilobytes_and_fonts_are_woff2_subsets(web_site: Path) -> None:
    css = (web_site / "style.css").stat().st_size
    assert css < 4_000
    for path in _pages(web_site):
        assert path.stat().st_size + css < 12_000, path
    fonts = sorted((web_site / "fonts").glob("*.woff2"))
    assert [f.name for f in fonts] == ["NotoSans-Bold.woff2", "NotoSans-Regular.woff2"]
    for font in fonts:
        data = font.read_bytes()
        assert data[:4] == b"wOF2"
        assert len(data) < 60_000  # the whole face is over 500 kB
    assert (web_site / "fonts" / "OFL.txt").is_file()


def test_photos_come_in_three_widths_without_metadata(web_site: Path, web_ids) -> None:
    slug = web_ids[HOSTILE_PHOTO]
    widths = []
    for width in (480, 960, 1600):
        with Image.open(web_site / "images" / f"{slug}-{width}.jpg") as image:
            assert image.width == width
            assert not image.getexif()
            assert "icc_profile" not in image.info
            widths.append(image.width)
    assert widths == [480, 960, 1600]


def test_the_setting_keeps_exif_in_the_copies(web_demo: Path, tmp_path: Path, web_ids) -> None:
    copy = tmp_path / "demo.curator"
    copy.write_bytes(web_demo.read_bytes())
    assert cli.main(["settings", str(copy), "web.keep_metadata", "yes"]) == 0
    assert (
        cli.main(["export", "web", str(copy), "-o", str(tmp_path / "site"), "--languages", "en"])
        == 0
    )
    with Image.open(tmp_path / "site" / "images" / f"{web_ids[HOSTILE_PHOTO]}-480.jpg") as image:
        exif = image.getexif()
    assert exif.get(0x010F) == "Canon" and exif.get(0x0112) == 1  # Make; upright


def test_json_says_what_was_written(web_demo: Path, tmp_path: Path, capsys) -> None:
    code = cli.main(["export", "web", str(web_demo), "-o", str(tmp_path / "s"), "--languages",
                     "en,ru", "--json"])  # fmt: skip
    payload = json.loads(capsys.readouterr().out)
    assert code == 0 and payload["exported"] is True
    assert payload["languages"] == ["en", "ru"]
    assert not (tmp_path / "s" / "vi").exists()
    assert payload["pages"] == len(_pages(tmp_path / "s"))


def test_a_folder_of_other_files_is_refused_and_left_alone(
    web_demo: Path, tmp_path: Path, capsys
) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    assert cli.main(["export", "web", str(web_demo), "-o", str(folder)]) == 2
    assert "Curator did not write" in capsys.readouterr().err
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]
    assert cli.main(["export", "web", str(web_demo), "-o", str(web_demo.parent)]) == 2
    assert cli.main(["export", "web", str(web_demo), "-o", str(web_demo)]) == 2


def test_a_re_export_replaces_only_curators_own_files(web_demo: Path, tmp_path: Path) -> None:
    folder = tmp_path / "site"
    assert cli.main(["export", "web", str(web_demo), "-o", str(folder)]) == 0
    (folder / ".htaccess").write_text("added by the web master")
    stale = folder / "en" / "old-photo.html"
    stale.write_text("<!DOCTYPE html>")
    manifest = json.loads((folder / MANIFEST).read_text())
    manifest["files"].append("en/old-photo.html")
    (folder / MANIFEST).write_text(json.dumps(manifest))
    first = sorted(p.relative_to(folder) for p in folder.rglob("*") if p.is_file())
    assert (
        cli.main(["export", "web", str(web_demo), "-o", str(folder), "--languages", "en,vi,ru"])
        == 0
    )
    again = sorted(p.relative_to(folder) for p in folder.rglob("*") if p.is_file())
    assert (folder / ".htaccess").read_text() == "added by the web master"
    assert not stale.exists()
    assert set(again) == set(first) - {Path("en/old-photo.html")}
    assert not [p for p in folder.rglob("*.partial")]


@pytest.mark.parametrize("languages", ["de", "vi,xx"])
def test_an_unknown_language_is_refused_before_writing(
    web_demo: Path, tmp_path: Path, languages: str
) -> None:
    assert (
        cli.main(
            ["export", "web", str(web_demo), "-o", str(tmp_path / "s"), "--languages", languages]
        )
        == 2
    )
    assert not (tmp_path / "s").exists()


def test_a_site_without_photos_is_refused(web_demo: Path, tmp_path: Path, capsys) -> None:
    code = cli.main(["export", "web", str(web_demo), "-o", str(tmp_path / "s"), "--picks-only"])
    assert code == 2 and "would be empty" in capsys.readouterr().err
    assert not (tmp_path / "s").exists()


def test_cancel_takes_back_what_it_added(web_demo: Path, tmp_path: Path) -> None:
    import threading

    from curator.core.errors import CancelledError
    from curator.core.progress import Progress
    from curator.export.web_site import export_web

    cancel = threading.Event()

    def stop_after_two(progress: Progress) -> None:
        if progress.done >= 2:
            cancel.set()

    folder = tmp_path / "site"
    with ProjectService.open(web_demo, read_only=True) as service, pytest.raises(CancelledError):
        export_web(service, folder, on_progress=stop_after_two, cancel=cancel, workers=1)
    assert not folder.exists()  # it was new: nothing half-made is left
    assert cli.main(["export", "web", str(web_demo), "-o", str(folder)]) == 0
    with ProjectService.open(web_demo, read_only=True) as service, pytest.raises(CancelledError):
        export_web(service, folder, on_progress=stop_after_two, cancel=cancel, workers=1)
    # an earlier site keeps its files and its list: the next export goes into it
    assert json.loads((folder / MANIFEST).read_text())["files"]
    assert cli.main(["export", "web", str(web_demo), "-o", str(folder)]) == 0


def test_someone_elses_file_under_a_curator_name_is_kept(
    web_demo: Path, tmp_path: Path, capsys
) -> None:
    folder = tmp_path / "site"
    assert cli.main(["export", "web", str(web_demo), "-o", str(folder), "--languages", "en"]) == 0
    (folder / "vi").mkdir()
    (folder / "vi" / "index.html").write_text("the web master's own page")
    assert cli.main(["export", "web", str(web_demo), "-o", str(folder)]) == 2
    assert "was not written by Curator" in capsys.readouterr().err
    assert (folder / "vi" / "index.html").read_text() == "the web master's own page"


@pytest.mark.parametrize(
    "url", ["ftp://example.org/", "example.org/expo", "https://a b.org/", 'https://e.org/"x']
)
def test_a_base_url_that_is_no_web_address_is_refused(
    web_demo: Path, tmp_path: Path, url: str, capsys
) -> None:
    code = cli.main(["export", "web", str(web_demo), "-o", str(tmp_path / "s"), "--base-url", url])
    assert code == 2 and "is not a web address" in capsys.readouterr().err
    assert not (tmp_path / "s").exists()


def test_every_page_lets_the_keyboard_skip_to_its_content(web_site: Path) -> None:
    for path in (web_site / "ru").glob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert '<a class="skip" href="#main">К основному содержанию</a>' in html
        assert '<main id="main">' in html


def test_the_photographers_index_sorts_as_the_catalogues(web_site: Path) -> None:
    import re

    def names(language: str) -> list[str]:
        html = (web_site / language / "photographers.html").read_text(encoding="utf-8")
        return re.findall(r"<strong>([^<]*)</strong>", html)

    assert names("en") == ["Tuan Anh", "Minh Duc", "Thu Ha", "Aleksei Morozov", "Irina Sokolova"]
    assert names("ru") == ["Туан Ань", "Минь Дык", "Алексей Морозов", "Ирина Соколова", "Тху Ха"]
    page = read_page(web_site / "en" / "photographers.html")
    photo_links = [h for h, _rel in page.links if h.startswith("p") and h != "photographers.html"]
    assert len(photo_links) >= 8 and all((web_site / "en" / href).is_file() for href in photo_links)

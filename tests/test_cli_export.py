"""``curator export catalogue`` as a user runs it."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from curator import cli
from curator.demo import write_demo

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils needed")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_demo(tmp_path_factory.mktemp("demo"))[0]


def _page(pdf: Path, page: int = 1) -> str:
    return subprocess.run(
        ["pdftotext", "-raw", "-f", str(page), "-l", str(page), str(pdf), "-"],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip


def test_export_with_languages_leading_in_the_given_order(
    demo: Path, tmp_path: Path, capsys
) -> None:
    out = tmp_path / "ru.pdf"
    code = cli.main(["export", "catalogue", str(demo), "-o", str(out), "--languages", "ru,vi,en",
                     "--json"])  # fmt: skip
    assert code == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["exported"] and payload["pages"] > 10
    assert payload["images"]["passed-through"] >= 1
    assert {f["code"] for f in payload["findings"]} == {"caption-missing"}
    assert Path(payload["report"]).is_file()
    assert _page(out, 1).startswith("Вьетнам")  # the half-title: the first language's title
    title_page = _page(out, 3).splitlines()
    assert title_page[0].startswith("Вьетнам")  # the title page's big title: the first language
    assert any(line.startswith("Việt Nam") for line in title_page)


def test_human_output_trim_bleed_and_marks(demo: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "a5.pdf"
    code = cli.main(["export", "catalogue", str(demo), "-o", str(out), "--trim", "A5",
                     "--bleed", "5mm", "--marks"])  # fmt: skip
    assert code == 0
    captured = capsys.readouterr()
    assert "Wrote" in captured.out and "warning" in captured.err
    info = subprocess.run(["pdfinfo", "-box", str(out)], capture_output=True, text=True).stdout
    trim = [float(v) for v in info.split("TrimBox:")[1].split("\n")[0].split()]
    assert round((trim[2] - trim[0]) / 72 * 25.4) == 148


@pytest.mark.parametrize(
    "extra",
    [["--languages", "de"], ["--bleed", "three"], ["--trim", "huge"], ["--bleed", "40mm"]],
)
def test_bad_options_exit_2_and_write_nothing(demo: Path, tmp_path: Path, extra, capsys) -> None:
    out = tmp_path / "x.pdf"
    with pytest.raises(SystemExit) if extra[1] in ("three", "huge") else _NoRaise():
        assert cli.main(["export", "catalogue", str(demo), "-o", str(out), *extra]) == 2
    assert not out.exists()
    assert "Traceback" not in capsys.readouterr().err


class _NoRaise:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> bool:
        return False


def test_preflight_errors_exit_2_listing_their_places(tmp_path: Path, capsys) -> None:
    project = write_demo(tmp_path / "demo")[0]
    photo = next((tmp_path / "demo" / "photos").glob("01-*.jpg"))
    photo.rename(photo.with_suffix(".gone"))
    out = tmp_path / "c.pdf"
    assert cli.main(["export", "catalogue", str(project), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "error:" in err and "01-talks.jpg" in err and "not exported" in err
    assert not out.exists()


def test_ctrl_c_exits_130_and_leaves_no_pdf(demo: Path, tmp_path: Path) -> None:
    import os
    import signal
    import sys
    import time

    out = tmp_path / "interrupted.pdf"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    process = subprocess.Popen(
        [sys.executable, "-m", "curator", "export", "catalogue", str(demo), "-o", str(out)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    # The pages are being drawn once the export's temporary folder exists beside the output.
    # No deadline: the loop ends when the folder appears or when the export has ended (the
    # assertion then shows why), however slow the machine.
    while not any(p.name.startswith(".curator-") for p in tmp_path.iterdir()):
        assert process.poll() is None, process.communicate()
        time.sleep(0.02)
    process.send_signal(signal.SIGINT)
    _out, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


@pytest.fixture(scope="module")
def laid_out_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = write_demo(tmp_path_factory.mktemp("laid"))[0]
    assert cli.main(["layout", "auto", str(project)]) == 0
    return project


CMYK = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")


@pytest.mark.parametrize(
    ("product", "extra", "keys"),
    [
        ("panels", ["--paper", "A3"], {"scales": ["1:4"]}),
        ("panels", ["--marks", "--bleed", "5mm"], {"scales": ["1:1"]}),
        ("labels", ["--label", "130x150", "--paper", "A4"], {"labels": 9, "pages": 5}),
        ("proof", ["--languages", "ru,en"], {"photos": 9}),
    ],
)
def test_print_products_export_with_json(
    laid_out_demo: Path, tmp_path: Path, capsys, product: str, extra: list[str], keys: dict
) -> None:
    out = tmp_path / f"{product}.pdf"
    code = cli.main(["export", product, str(laid_out_demo), "-o", str(out), *extra, "--json"])
    assert code == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["exported"] and payload["path"] == str(out) and not payload["pdfx"]
    for key, value in keys.items():
        assert payload[key] == value
    assert out.is_file() and Path(payload["report"]).is_file()


@pytest.mark.skipif(not CMYK.is_file(), reason="libgs-common's default_cmyk.icc")
@pytest.mark.parametrize("product", ["catalogue", "panels", "labels", "proof"])
def test_icc_makes_pdfx(laid_out_demo: Path, tmp_path: Path, capsys, product: str) -> None:
    out = tmp_path / f"{product}.pdf"
    code = cli.main(["export", product, str(laid_out_demo), "-o", str(out), "--icc", str(CMYK)])
    assert code == 0
    assert "Wrote" in capsys.readouterr().out
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
    assert re.search(r"PDF subtype:\s+PDF/X-4\n", info) and re.search(r"PDF version:\s+1\.6", info)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["panels", "--icc", "/usr/share/color/icc/ghostscript/default_rgb.icc"], "not a CMYK"),
        (["panels", "--icc", "/nowhere/shop.icc"], "Cannot read the colour profile"),
        (["labels", "--label", "300x400"], "does not fit on paper"),
        (["labels", "--languages", "de"], "no captions in de"),
        (["proof", "--languages", "fr"], "no captions in fr"),
    ],
)
def test_bad_print_options_exit_2(laid_out_demo: Path, tmp_path: Path, capsys, argv, message):
    out = tmp_path / "x.pdf"
    product, *rest = argv
    assert cli.main(["export", product, str(laid_out_demo), "-o", str(out), *rest]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not out.exists()


def test_panels_before_any_layout_exit_2(project_path: Path, tmp_path: Path, capsys) -> None:
    # (the demo comes laid out and hung in its hall: a project of its own, never laid out)
    assert cli.main(["export", "panels", str(project_path), "-o", str(tmp_path / "p.pdf")]) == 2
    assert "layout auto" in capsys.readouterr().err

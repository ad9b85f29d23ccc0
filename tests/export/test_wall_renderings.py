"""Issue 19.7: the demo's first panel (at 1:10) and first label sheet, in every language
order, rendered by pdftoppm and compared with the reference renderings kept here.

A change of type size, line breaking or typography moves the text and fails the
comparison; set ``CURATOR_UPDATE_REFERENCES=1`` to write new references after looking at
them (tests/export/reference/*.png).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat

from curator.core.editing.layout_service import auto_layout
from curator.core.services import ProjectService
from curator.demo import write_demo
from curator.export.labels import export_labels
from curator.export.panels import export_panels
from curator.export.text_measure import ReportlabMeasure

REFERENCE = Path(__file__).parent / "reference"
ORDERS = (("vi", "ru", "en"), ("ru", "en", "vi"), ("en", "vi", "ru"))
#: pdftoppm resolutions: a panel at 1:10 on a 96 dpi screen; a label sheet at 30 dpi.
RESOLUTIONS = {"panel": "9.6", "labels": "30"}
#: Mean grey-level difference (0-255) allowed: anti-aliasing, not a moved line.
TOLERANCE = 1.5

pytestmark = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler")


@pytest.fixture(scope="module", params=ORDERS, ids=["-".join(o) for o in ORDERS])
def rendered(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    order = request.param
    folder = tmp_path_factory.mktemp("-".join(order))
    path, _created = write_demo(folder)
    measure = ReportlabMeasure()
    with ProjectService.open(path) as service:
        with service.store.transaction():
            service.project.set_languages(list(order))
        auto_layout(service, measure=measure, backup=False)
        export_panels(service, folder / "panel.pdf", measure, report=False)
        export_labels(service, folder / "labels.pdf", measure, report=False)
    images = {}
    for kind, resolution in RESOLUTIONS.items():
        subprocess.run(
            ["pdftoppm", "-r", resolution, "-gray", "-png", "-f", "1", "-l", "1",
             "-singlefile", folder / f"{kind}.pdf", folder / kind],
            check=True, capture_output=True,
        )  # fmt: skip
        images[kind] = folder / f"{kind}.png"
    return "-".join(order), images


@pytest.mark.parametrize("kind", sorted(RESOLUTIONS))
def test_matches_its_reference(rendered, kind: str) -> None:
    order, images = rendered
    reference_path = REFERENCE / f"{kind}-{order}.png"
    if os.environ.get("CURATOR_UPDATE_REFERENCES") == "1":
        shutil.copyfile(images[kind], reference_path)
    rendered_image = Image.open(images[kind]).convert("L")
    reference = Image.open(reference_path).convert("L")
    assert rendered_image.size == reference.size
    difference = ImageStat.Stat(ImageChops.difference(rendered_image, reference)).mean[0]
    assert difference < TOLERANCE, f"{kind} in the order {order}: {difference:.2f}"

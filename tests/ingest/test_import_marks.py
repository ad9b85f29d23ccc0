"""Import takes XMP Rating and Label; a rating of -1 (a reject in XMP and Bridge) is a reject."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from curator.core.model import PhotoFlag
from curator.core.services import ProjectService
from curator.ingest.importer import import_paths


def _xmp_sidecar(rating: str, label: str) -> str:
    return (
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/"'
        f' xmp:Rating="{rating}" xmp:Label="{label}"/></rdf:RDF></x:xmpmeta>'
    )


def test_import_takes_xmp_rating_and_label(service: ProjectService, tmp_path: Path) -> None:
    for shade, (name, rating, label) in enumerate(
        (("kept", "4", "Green"), ("dropped", "-1", "Red"))
    ):
        Image.new("RGB", (40, 30), (200, 10, 100 * shade)).save(tmp_path / f"{name}.jpg")
        (tmp_path / f"{name}.xmp").write_text(_xmp_sidecar(rating, label), encoding="utf-8")
    import_paths(service, [tmp_path])
    marks = {p.path.stem: (p.rating, p.flag, p.label) for p in service.photos.all()}
    assert marks == {"kept": (4, None, "Green"), "dropped": (None, PhotoFlag.REJECT, "Red")}

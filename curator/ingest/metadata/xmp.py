"""XMP: the packet embedded in the file and the sidecar next to it, parsed safely.

Owns finding sidecars (``photo.jpg.xmp`` as darktable writes it, then ``photo.xmp`` as
Lightroom does; the extension in any letter case), parsing RDF in both its attribute form
(``<rdf:Description photoshop:City="Hà Nội">``) and element form, with ``rdf:Alt``,
``rdf:Seq`` and ``rdf:Bag`` arrays, and mapping the properties Curator keeps.

XML goes through defusedxml with DTDs forbidden: a packet with a DOCTYPE or entities is
refused as ``unsafe-xmp``; malformed XML is ``corrupt-xmp`` (``corrupt-sidecar`` for a
sidecar) and the packet is ignored.
"""

from __future__ import annotations

import re
import stat
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path

import defusedxml
import defusedxml.ElementTree as SafeET

from curator.core.checks.problems import Problem
from curator.core.model import GeoPoint
from curator.decode.files import open_regular
from curator.ingest.metadata.fields import (
    DateCandidate,
    SourceFields,
    apex_f_number,
    apex_time,
    camera_name,
    parse_offset,
)
from curator.ingest.metadata.text import clean
from curator.ingest.metadata.types import LangText

#: Largest sidecar Curator reads.
MAX_SIDECAR = 16 * 1024 * 1024

RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DC = "{http://purl.org/dc/elements/1.1/}"
PHOTOSHOP = "{http://ns.adobe.com/photoshop/1.0/}"
XMP = "{http://ns.adobe.com/xap/1.0/}"
IPTC_CORE = "{http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/}"
EXIF = "{http://ns.adobe.com/exif/1.0/}"
TIFF = "{http://ns.adobe.com/tiff/1.0/}"
AUX = "{http://ns.adobe.com/exif/1.0/aux/}"
EXIF_EX = "{http://cipa.jp/exif/1.0/}"

#: Property → values as (xml:lang or None, text), in document order.
Properties = dict[str, list[tuple[str | None, str]]]

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_ARRAYS = (f"{RDF}Alt", f"{RDF}Seq", f"{RDF}Bag")
_ISO_DATE = re.compile(
    r"^(?P<y>\d{4})(?:[-:](?P<m>\d{2})(?:[-:](?P<d>\d{2})"
    r"(?:[T ](?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,](?P<f>\d+))?)?"
    r"(?P<tz>Z|[+-]\d{2}:?\d{2})?)?)?)?$"
)
_RATIONAL = re.compile(
    r"^\s*(?:f/)?(?P<num>[+-]?\d+(?:\.\d*)?|[+-]?\.\d+)(?:\s*/\s*(?P<den>\d+(?:\.\d*)?))?"
    r"(?:\s*[a-z.]*)$",
    re.IGNORECASE,
)
_GPS = re.compile(
    r"^(?P<deg>\d+(?:\.\d+)?),(?P<min>\d+(?:\.\d+)?)(?:,(?P<sec>\d+(?:\.\d+)?))?"
    r"(?P<ref>[NSEW])$"
)


def sidecar_paths(path: Path) -> list[Path]:
    """Existing sidecars of ``path``, the most specific first (``photo.jpg.xmp``)."""
    found: list[Path] = []
    for base in (path.name, path.stem):
        for suffix in (".xmp", ".XMP", ".Xmp"):
            candidate = path.with_name(base + suffix)
            if candidate != path and _is_file(candidate) and candidate not in found:
                found.append(candidate)
                break
    return found


def _is_file(candidate: Path) -> bool:
    """Whether a sidecar is there.

    A name that cannot exist (longer than the file system's NAME_MAX, as ``photo.jpg.xmp`` is
    for a legal 252-byte photo name) is simply not there.
    """
    try:
        return stat.S_ISREG(candidate.stat().st_mode)
    except (OSError, ValueError):
        return False


def read_sidecar(path: Path) -> SourceFields:
    """The fields of an XMP sidecar file."""
    fields = SourceFields(source="xmp-sidecar")
    try:
        with open_regular(path) as fh:
            packet = fh.read(MAX_SIDECAR + 1)
    except OSError as exc:
        fields.problems.append(Problem("corrupt-sidecar", f"{path.name}: {exc}"))
        return fields
    if len(packet) > MAX_SIDECAR:
        detail = f"{path.name}: larger than {MAX_SIDECAR // 2**20} MB"
        fields.problems.append(Problem("corrupt-sidecar", detail))
        return fields
    return parse_xmp(packet, "xmp-sidecar", f"{path.name}: ")


def parse_xmp(packet: bytes, source: str = "xmp", detail_prefix: str = "") -> SourceFields:
    """The fields of one XMP packet; bad XML gives a problem and no fields."""
    fields = SourceFields(source=source)
    corrupt = "corrupt-sidecar" if source == "xmp-sidecar" else "corrupt-xmp"
    try:
        root = SafeET.fromstring(_as_utf8(packet), forbid_dtd=True)
    except defusedxml.DefusedXmlException:
        fields.problems.append(Problem("unsafe-xmp", detail_prefix.rstrip(": ")))
        return fields
    except (ET.ParseError, ValueError) as exc:
        fields.problems.append(Problem(corrupt, f"{detail_prefix}{exc}"))
        return fields
    _fill(fields, collect_properties(root))
    return fields


def _as_utf8(packet: bytes) -> bytes:
    """The packet as UTF-8 without padding; XMP may be stored as UTF-16 or UTF-32."""
    codec = None
    if packet.startswith((b"\x00\x00\xfe\xff", b"\xff\xfe\x00\x00")):
        codec = "utf-32"
    elif packet.startswith((b"\xfe\xff", b"\xff\xfe")):
        codec = "utf-16"
    elif packet[:1] == b"\x00":
        codec = "utf-16-be"
    elif packet[1:2] == b"\x00":
        codec = "utf-16-le"
    if codec is None:
        return packet.strip(b"\x00 \t\r\n")
    text = packet.decode(codec, "replace").strip("\x00 \t\r\n\ufeff")
    # The declaration would now name the wrong encoding.
    return _XML_DECLARATION.sub("", text).encode("utf-8")


def collect_properties(root: ET.Element) -> Properties:
    """Every property of every top-level ``rdf:Description``, in both RDF forms.

    Descriptions nested in structures (contact info, regions) are not top-level and their
    fields are not Curator's.
    """
    properties: Properties = {}
    descriptions = (
        description
        for rdf in root.iter(f"{RDF}RDF")
        for description in rdf.findall(f"{RDF}Description")
    )
    for description in descriptions:
        for name, value in description.attrib.items():
            if not name.startswith(RDF) and name != XML_LANG:
                properties.setdefault(name, []).append((None, value))
        for element in description:
            properties.setdefault(element.tag, []).extend(_values(element))
    return properties


def _values(element: ET.Element) -> Iterable[tuple[str | None, str]]:
    array = next((child for child in element if child.tag in _ARRAYS), None)
    if array is not None:
        for item in array.iter(f"{RDF}li"):
            yield item.get(XML_LANG), "".join(item.itertext())
        return
    resource = element.get(f"{RDF}resource")
    if resource is not None:
        yield element.get(XML_LANG), resource
    elif len(element) == 0:
        yield element.get(XML_LANG), element.text or ""


def _fill(fields: SourceFields, props: Properties) -> None:
    def texts(name: str) -> list[str]:
        return [text for _lang, value in props.get(name, []) if (text := clean(value))]

    def first(*names: str) -> str | None:
        return next((found[0] for name in names if (found := texts(name))), None)

    fields.byline = texts(f"{DC}creator")
    fields.keywords = _keywords(props.get(f"{DC}subject", []))
    fields.credit = first(f"{PHOTOSHOP}Credit")
    fields.photo_source = first(f"{PHOTOSHOP}Source")
    fields.copyright = _default_alternative(props.get(f"{DC}rights", []))
    fields.city = first(f"{PHOTOSHOP}City")
    fields.sublocation = first(f"{IPTC_CORE}Location")
    fields.state = first(f"{PHOTOSHOP}State")
    fields.country = first(f"{PHOTOSHOP}Country")
    fields.job_id = first(f"{PHOTOSHOP}TransmissionReference")
    fields.lens = first(f"{EXIF_EX}LensModel", f"{AUX}Lens")
    _fill_exposure(fields, first)
    fields.label = first(f"{XMP}Label")
    fields.rating = _rating(first(f"{XMP}Rating"))
    fields.orientation = _orientation(first(f"{TIFF}Orientation"))
    fields.make = first(f"{TIFF}Make")
    fields.camera = camera_name(fields.make, first(f"{TIFF}Model"))
    fields.gps = _gps(first(f"{EXIF}GPSLatitude"), first(f"{EXIF}GPSLongitude"))
    fields.headlines = _lang_texts(props.get(f"{PHOTOSHOP}Headline", []), fields.source)
    fields.titles = _lang_texts(props.get(f"{DC}title", []), fields.source)
    fields.descriptions = _lang_texts(props.get(f"{DC}description", []), fields.source)
    fields.alt_texts = _lang_texts(props.get(f"{IPTC_CORE}AltTextAccessibility", []), fields.source)
    fields.ext_descriptions = _lang_texts(
        props.get(f"{IPTC_CORE}ExtDescrAccessibility", []), fields.source
    )
    for name, label in (
        (f"{PHOTOSHOP}DateCreated", "xmp:photoshop:DateCreated"),
        (f"{EXIF}DateTimeOriginal", "xmp:exif:DateTimeOriginal"),
        (f"{XMP}CreateDate", "xmp:xmp:CreateDate"),
    ):
        value = first(name)
        candidate = parse_xmp_date(value, label) if value else None
        if candidate is not None:
            fields.dates.append(candidate)


def _fill_exposure(fields: SourceFields, first: Callable[..., str | None]) -> None:
    """exif:ExposureTime ``1/250``, exif:FNumber ``28/10``: XMP writes EXIF rationals as text."""
    time = _rational(first(f"{EXIF}ExposureTime"))
    if time is None:
        time = apex_time(_rational(first(f"{EXIF}ShutterSpeedValue"), positive=False))
    f_number = _rational(first(f"{EXIF}FNumber"))
    if f_number is None:
        f_number = apex_f_number(_rational(first(f"{EXIF}ApertureValue")))
    iso = _rational(first(f"{EXIF}ISOSpeedRatings", f"{EXIF_EX}PhotographicSensitivity"))
    fields.exposure_time = time
    fields.f_number = f_number
    fields.iso = round(iso) if iso is not None else None
    fields.focal_length = _rational(first(f"{EXIF}FocalLength"))


def _rational(value: str | None, positive: bool = True) -> float | None:
    """An XMP rational (``1/250``, ``5.6``, ``28/10``) as a number.

    ``1/160 sec.`` and ``f/8.0``, as some tools write them, read too; 0/0, junk and (when
    ``positive``) zero or less give ``None``.
    """
    match = _RATIONAL.match(value) if value else None
    if match is None:
        return None
    try:
        number = float(match["num"]) / float(match["den"] or 1)
    except ZeroDivisionError:
        return None
    if abs(number) > 1e6 or (positive and number <= 0):
        return None
    return number


def _keywords(values: list[tuple[str | None, str]]) -> list[str]:
    """dc:subject items; a lone item holding a comma list (a mis-written Bag) is split."""
    items = [text for _lang, value in values if (text := clean(value))]
    if len(items) == 1 and ("," in items[0] or ";" in items[0]):
        items = [text for part in re.split(r"[,;]", items[0]) if (text := clean(part))]
    return items


def language_tag(lang: str | None) -> str | None:
    """An ``xml:lang`` as a BCP 47 tag with hyphens; ``x-default`` (or none) is ``None``."""
    if not lang or lang.strip().lower() in ("x-default", ""):
        return None
    parts = lang.strip().replace("_", "-").split("-")
    tag = [parts[0].lower()]
    for part in parts[1:]:
        tag.append(part.upper() if len(part) == 2 else part.title() if len(part) == 4 else part)
    return "-".join(tag)


def _lang_texts(values: list[tuple[str | None, str]], source: str) -> list[LangText]:
    found = [
        LangText(text, language_tag(lang), source)
        for lang, value in values
        if (text := clean(value))
    ]
    # x-default first: it is the alternative a writer means when it writes just one.
    return sorted(found, key=lambda item: item.language is not None)


def _default_alternative(values: list[tuple[str | None, str]]) -> str | None:
    texts = _lang_texts(values, "")
    return texts[0].text if texts else None


def _rating(value: str | None) -> int | None:
    try:
        rating = round(float(value)) if value else None
    except ValueError:
        return None
    return rating if rating is not None and -1 <= rating <= 5 else None


def _orientation(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and 1 <= int(value) <= 8 else None


def _gps(latitude: str | None, longitude: str | None) -> GeoPoint | None:
    """``21,1.47N`` / ``105,51,7.2E`` (XMP's GPSCoordinate) as signed decimal degrees."""
    lat, lon = _coordinate(latitude), _coordinate(longitude)
    if lat is None or lon is None or abs(lat) > 90 or abs(lon) > 180 or (lat, lon) == (0, 0):
        return None
    return GeoPoint(lat, lon)


def _coordinate(value: str | None) -> float | None:
    match = _GPS.match(value.strip().upper()) if value else None
    if match is None:
        return None
    degrees = float(match["deg"]) + float(match["min"]) / 60 + float(match["sec"] or 0) / 3600
    return -degrees if match["ref"] in "SW" else degrees


def parse_xmp_date(value: str, field: str) -> DateCandidate | None:
    """An XMP date (ISO 8601, any precision, offset optional) as a candidate."""
    match = _ISO_DATE.match(value.strip())
    if match is None:
        return None
    try:
        moment = datetime(
            int(match["y"]),
            int(match["m"] or 1),
            int(match["d"] or 1),
            int(match["H"] or 0),
            int(match["M"] or 0),
            int(match["S"] or 0),
            int((match["f"] or "0")[:6].ljust(6, "0")),
        )
    except ValueError:
        return None
    offset = parse_offset(match["tz"])
    if offset is not None:
        moment = moment.replace(tzinfo=offset)
    return DateCandidate(moment, match["H"] is not None, field)

"""PDFs of a translator's package: the contact sheet and the one-page note.

The contact sheet shows every photo of a caption file with its id, file name, the source
text and the target text as it is now, so a translator sees what a caption describes. Its
words ("Contact sheet", "not translated yet") are in the target language when Curator
speaks it (:func:`curator.i18n.translations_for`), whatever the interface language.
Thumbnails are the project's stored ones (256 px), already upright.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfgen.canvas import Canvas

from curator.core.language.languages import display_name, heading_name
from curator.core.layout.catalogue_model import Tone
from curator.core.model import CaptionField
from curator.core.publishing.catalogue_service import organisers
from curator.core.services import ProjectService
from curator.core.translators.caption_exchange import ExchangeDocument, ExchangeUnit
from curator.export.doc_info import DocumentInfo, stamp_info
from curator.export.pdf import PageFrame, new_canvas, pt, set_fill
from curator.i18n import N_, translations_for

A4 = (210.0, 297.0)
MARGIN_MM = 14.0
THUMB_MM = 52.0
GAP_MM = 6.0
SANS, SANS_BOLD, SERIF = "NotoSans-Regular", "NotoSans-Bold", "NotoSerif-Regular"
MAX_LINES = 9

SHEET_TITLE = N_("Contact sheet: %(title)s")
SHEET_LINE = N_("%(source)s → %(target)s · photos: %(count)d · page %(page)d")
NOT_YET = N_("not translated yet")
SHEET_SUBJECT = N_("Photos and captions to translate from %(source)s into %(target)s")


@dataclass(frozen=True, slots=True)
class _Photo:
    photo_id: str
    file_name: str
    source: dict[CaptionField, str]
    target: dict[CaptionField, str]


def _photos(units: Sequence[ExchangeUnit]) -> list[_Photo]:
    by_id: dict[str, _Photo] = {}
    for unit in units:
        photo = by_id.setdefault(unit.photo_id, _Photo(unit.photo_id, unit.file_name, {}, {}))
        photo.source[unit.field] = unit.source
        if unit.target:
            photo.target[unit.field] = unit.target
    return list(by_id.values())


def _pdf_bytes(draw: Callable[[Canvas], None], frame: PageFrame, info: DocumentInfo) -> bytes:
    with tempfile.TemporaryDirectory(prefix="curator-pdf-") as folder:
        drawn = Path(folder) / "drawn.pdf"
        canvas = new_canvas(drawn, frame, info.title)
        draw(canvas)
        canvas.save()
        # reportlab's placeholders (2000-01-01, "anonymous") replaced, as in every product
        stamped = Path(folder) / "out.pdf"
        with pikepdf.open(drawn) as pdf:
            stamp_info(pdf, info)
            pdf.save(stamped)
        return stamped.read_bytes()


class _TextColumn:
    """Lines of text down a column, in mm from the trim's top."""

    def __init__(self, canvas: Canvas, frame: PageFrame, x_mm: float, width_mm: float) -> None:
        self.canvas, self.frame, self.x, self.width = canvas, frame, x_mm, width_mm

    def lines(self, text: str, font: str, size: float) -> list[str]:
        wrapped: list[str] = []
        for paragraph in text.splitlines() or [""]:
            wrapped += simpleSplit(paragraph, font, size, pt(self.width)) or [""]
        if len(wrapped) > MAX_LINES:
            wrapped = [*wrapped[: MAX_LINES - 1], wrapped[MAX_LINES - 1].rstrip() + " …"]
        return wrapped

    def height(self, text: str, font: str, size: float) -> float:
        return len(self.lines(text, font, size)) * size * 1.3 * 0.3528

    def write(self, y_mm: float, text: str, font: str, size: float, tone: Tone) -> float:
        set_fill(self.canvas, tone)
        self.canvas.setFont(font, size)
        step = size * 1.3 * 0.3528
        for line in self.lines(text, font, size):
            y_mm += step
            self.canvas.drawString(self.frame.x(self.x), self.frame.y(y_mm - step * 0.25), line)
        return y_mm


def contact_sheet_pdf(service: ProjectService, document: ExchangeDocument) -> bytes:
    """The contact sheet of a caption file, A4 portrait, one photo per row."""
    header = document.header
    language, translations = translations_for(header.target_language)
    gettext = translations.gettext
    frame = PageFrame(A4[0], A4[1], 0.0, False)
    photos = _photos(document.units)
    text_x = MARGIN_MM + THUMB_MM + GAP_MM
    text_width = A4[0] - text_x - MARGIN_MM
    source_name = heading_name(header.source_language, language)
    target_name = heading_name(header.target_language, language)
    title = gettext(SHEET_TITLE) % {"title": header.project_title}

    def source_text(photo: _Photo) -> str:
        return "\n".join(
            text for field in (CaptionField.HEADLINE, CaptionField.CAPTION)
            if (text := photo.source.get(field))
        )  # fmt: skip

    def target_text(photo: _Photo) -> str:
        parts = [photo.target.get(f, "") for f in (CaptionField.HEADLINE, CaptionField.CAPTION)]
        return "\n".join(part for part in parts if part) or f"— {gettext(NOT_YET)} —"

    def draw(canvas: Canvas) -> None:
        page = 1
        y = _page_head(canvas, frame, title, gettext, source_name, target_name, len(photos), page)
        for photo in photos:
            writer = _TextColumn(canvas, frame, text_x, text_width)
            needed = max(
                THUMB_MM * 0.75,
                4.5
                + writer.height(source_text(photo), SERIF, 9)
                + 2
                + writer.height(target_text(photo), SANS, 9),
            )
            if y + needed > A4[1] - MARGIN_MM:
                canvas.showPage()
                page += 1
                y = _page_head(
                    canvas, frame, title, gettext, source_name, target_name, len(photos), page
                )
            _thumbnail(canvas, frame, service, photo.photo_id, y)
            text_y = writer.write(
                y, f"{photo.photo_id} · {photo.file_name}", SANS_BOLD, 8, Tone.ACCENT
            )
            text_y = writer.write(text_y + 0.5, source_text(photo), SERIF, 9, Tone.LEAD)
            writer.write(text_y + 2, target_text(photo), SANS, 9, Tone.SECOND)
            y += needed + GAP_MM
        canvas.showPage()

    info = DocumentInfo(
        title,
        organisers(service, header.target_language),
        gettext(SHEET_SUBJECT)
        % {  # mid-sentence: "từ tiếng Anh sang tiếng Nga"
            "source": display_name(header.source_language, language),
            "target": display_name(header.target_language, language),
        },
        header.target_language,
    )
    return _pdf_bytes(draw, frame, info)


def _page_head(
    canvas: Canvas,
    frame: PageFrame,
    title: str,
    gettext: Callable[[str], str],
    source: str,
    target: str,
    count: int,
    page: int,
) -> float:
    set_fill(canvas, Tone.LEAD)
    canvas.setFont(SANS_BOLD, 13)
    canvas.drawString(frame.x(MARGIN_MM), frame.y(MARGIN_MM + 4), title)
    set_fill(canvas, Tone.MUTED)
    canvas.setFont(SANS, 8.5)
    line = gettext(SHEET_LINE) % {
        "source": source,
        "target": target,
        "count": count,
        "page": page,
    }
    canvas.drawString(frame.x(MARGIN_MM), frame.y(MARGIN_MM + 9), line)
    return MARGIN_MM + 15


def _thumbnail(
    canvas: Canvas, frame: PageFrame, service: ProjectService, photo_id: str, y_mm: float
) -> None:
    stored = service.media.thumbnail(photo_id)
    if stored is None:
        canvas.saveState()
        canvas.setStrokeColorCMYK(0, 0, 0, 0.3)
        canvas.rect(
            frame.x(MARGIN_MM), frame.y(y_mm + THUMB_MM * 0.66), pt(THUMB_MM), pt(THUMB_MM * 0.66)
        )
        canvas.restoreState()
        return
    image = ImageReader(io.BytesIO(stored.jpeg))
    width, height = image.getSize()
    scale = min(THUMB_MM / width, THUMB_MM * 0.75 / height)
    w_mm, h_mm = width * scale, height * scale
    canvas.drawImage(image, frame.x(MARGIN_MM), frame.y(y_mm + h_mm), pt(w_mm), pt(h_mm))


def note_pdf(title: str, paragraphs: Sequence[str], language: str = "") -> bytes:
    """The translator's note: one A4 page, a title and paragraphs (in ``language``)."""
    frame = PageFrame(A4[0], A4[1], 0.0, False)
    margin = 25.0

    def draw(canvas: Canvas) -> None:
        writer = _TextColumn(canvas, frame, margin, A4[0] - 2 * margin)
        y = writer.write(margin, title, SANS_BOLD, 16, Tone.LEAD) + 6
        for paragraph in paragraphs:
            y = writer.write(y, paragraph, SERIF, 11, Tone.LEAD) + 4
        canvas.showPage()

    return _pdf_bytes(draw, frame, DocumentInfo(title, language=language))

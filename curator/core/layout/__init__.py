"""Exhibition geometry in millimetres, shared by the layout canvas and the PDF.

Pure Python: rectangles and photo fitting (``geometry``), caption styles per product and the
text-measuring protocol (``style``), line breaking and length budgets (``text``), the panel
templates (``templates``), caption placement (``regions``), auto-layout (``plan``) and the
geometry of a stored panel (``panel``). Nothing here imports Qt, reportlab or Pillow; the
measure that knows the fonts is passed in by ``curator.export``.
"""

from curator.core.layout.geometry import (
    MM_PER_INCH,
    MM_PER_POINT,
    Rect,
    effective_ppi,
    fit_aspect,
    max_width_for_ppi,
)
from curator.core.layout.panel import (
    CaptionTexts,
    PanelGeometry,
    SlotGeometry,
    panel_geometry,
    slot_frames,
    visible_part,
)
from curator.core.layout.plan import (
    PanelPlan,
    PhotoInfo,
    SlotPlan,
    max_photos_per_panel,
    place_photo,
    plan_panel,
    plan_section,
    slot_area,
)
from curator.core.layout.regions import (
    caption_rects,
    caption_reserve_mm,
    needed_reserve_mm,
    uses_columns,
)
from curator.core.layout.style import (
    CATALOGUE_STYLE,
    DEFAULT_MIN_PPI,
    LABEL_STYLE,
    PANEL_STYLE,
    STYLES,
    CaptionStyle,
    Product,
    TextMeasure,
    TextRole,
)
from curator.core.layout.templates import (
    TEMPLATES,
    PanelTemplate,
    content_box,
    frame_rects,
    gutter_mm,
    template_names,
)
from curator.core.layout.text import (
    CaptionBlock,
    CaptionLine,
    break_lines,
    caption_block,
    caption_height_mm,
    sample_fill,
)
from curator.core.layout.titles import title_band_mm, title_blocks

__all__ = [
    "CATALOGUE_STYLE",
    "DEFAULT_MIN_PPI",
    "LABEL_STYLE",
    "MM_PER_INCH",
    "MM_PER_POINT",
    "PANEL_STYLE",
    "STYLES",
    "TEMPLATES",
    "CaptionBlock",
    "CaptionLine",
    "CaptionStyle",
    "CaptionTexts",
    "PanelGeometry",
    "PanelPlan",
    "PanelTemplate",
    "PhotoInfo",
    "Product",
    "Rect",
    "SlotGeometry",
    "SlotPlan",
    "TextMeasure",
    "TextRole",
    "break_lines",
    "caption_block",
    "caption_height_mm",
    "caption_rects",
    "caption_reserve_mm",
    "content_box",
    "effective_ppi",
    "fit_aspect",
    "frame_rects",
    "gutter_mm",
    "max_photos_per_panel",
    "max_width_for_ppi",
    "needed_reserve_mm",
    "panel_geometry",
    "place_photo",
    "plan_panel",
    "plan_section",
    "sample_fill",
    "slot_area",
    "slot_frames",
    "template_names",
    "title_band_mm",
    "title_blocks",
    "uses_columns",
    "visible_part",
]

"""How fine and how large a photo must print: one threshold for auto-layout and preflight.

Per product, the resolution below which preflight warns is also the floor auto-layout
never goes under (``preflight.<product>.ppi_warning``), so a photo placed by auto-layout
gets no routine warning; below the error threshold (``ppi_error``) a photo stops the
export. A photo whose pixels cannot fill ``min_photo_mm`` (its longer side, printed at the
error threshold) is too small for the product at all: an error naming its real size.
The values live in the project setting ``preflight`` (see setting_specs).
"""

from __future__ import annotations

from curator.core.layout.style import Product
from curator.core.services import ProjectService

PREFLIGHT_SETTING = "preflight"

#: ``{product: (warning below, error below)}`` in pixels per inch.
DEFAULT_PPI_THRESHOLDS: dict[str, tuple[float, float]] = {
    Product.CATALOGUE.value: (250.0, 150.0),
    Product.PANELS.value: (100.0, 60.0),
    Product.LABELS.value: (150.0, 100.0),
}

#: ``{product: millimetres}``: the smallest longer side a printed photo may have. Labels
#: print no photo.
DEFAULT_MIN_PHOTO_MM: dict[str, float] = {
    Product.CATALOGUE.value: 40.0,
    Product.PANELS.value: 150.0,
}

#: Settings that were separate floors for auto-layout, now the warning threshold itself.
FORMER_FLOOR_KEYS = {
    "catalogue.min_effective_ppi": "preflight.catalogue.ppi_warning",
    "panels.min_effective_ppi": "preflight.panels.ppi_warning",
    "labels.min_effective_ppi": "preflight.labels.ppi_warning",
}


def _entry(service: ProjectService, product: Product) -> dict[str, object]:
    stored = service.project.setting(PREFLIGHT_SETTING, {})
    entry = stored.get(product.value, {}) if isinstance(stored, dict) else {}
    return entry if isinstance(entry, dict) else {}


def _number(value: object, default: float) -> float:
    is_number = isinstance(value, int | float) and not isinstance(value, bool)
    return float(value) if is_number and value > 0 else default  # type: ignore[operator,arg-type]


def ppi_thresholds(service: ProjectService, product: Product) -> tuple[float, float]:
    """``(warning below, error below)`` for a product; the first is auto-layout's floor."""
    entry = _entry(service, product)
    warning, error = DEFAULT_PPI_THRESHOLDS[product.value]
    return _number(entry.get("ppi_warning"), warning), _number(entry.get("ppi_error"), error)


def min_photo_mm(service: ProjectService, product: Product) -> float | None:
    """The smallest longer side a photo may print at in ``product`` (None: no photos)."""
    default = DEFAULT_MIN_PHOTO_MM.get(product.value)
    if default is None:
        return None
    return _number(_entry(service, product).get("min_photo_mm"), default)

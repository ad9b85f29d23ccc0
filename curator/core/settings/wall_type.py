"""Wall type as project settings: how far panels and labels are read from, or their size.

Per product (``wall.panels.*``, ``wall.labels.*``, stored in the project's ``wall``
setting): the viewing distance in centimetres, which sets the type sizes by the rule of
:mod:`curator.core.layout.wall_sizes`, and a text size chosen directly (0: from the
distance). A size below the product's floor (18 pt on panels, 12 pt on labels) is refused;
a stored value that is damaged or out of bounds reads as its default, as every setting does.
The layout, the canvas, preflight and the PDFs all take their styles from here.
"""

from __future__ import annotations

from collections.abc import Callable

from curator.core.errors import UsageError
from curator.core.layout.style import PANEL_MIN_PT, CaptionStyle, Product
from curator.core.layout.wall_sizes import (
    LABEL_DISTANCE_BOUNDS_CM,
    LABEL_DISTANCE_CM,
    LABEL_MAX_PT,
    LABEL_MIN_PT,
    PANEL_DISTANCE_BOUNDS_CM,
    PANEL_DISTANCE_CM,
    PANEL_MAX_PT,
    label_styles,
    panel_style,
)
from curator.core.services import ProjectService
from curator.core.settings.setting_values import (
    SettingGroup,
    SettingKind,
    SettingSpec,
    SettingValue,
    check_value,
)
from curator.i18n import N_, _, number_text

WALL_SETTING = "wall"

_SECTIONS = {Product.PANELS: N_("Panels"), Product.LABELS: N_("Wall labels")}
#: ``{product: (default distance, (nearest, farthest), floor, largest size)}``
_BOUNDS: dict[Product, tuple[int, tuple[int, int], float, int]] = {
    Product.PANELS: (PANEL_DISTANCE_CM, PANEL_DISTANCE_BOUNDS_CM, PANEL_MIN_PT, PANEL_MAX_PT),
    Product.LABELS: (LABEL_DISTANCE_CM, LABEL_DISTANCE_BOUNDS_CM, LABEL_MIN_PT, LABEL_MAX_PT),
}


def _size_check(product: Product, floor: float) -> Callable[[SettingValue], None]:
    def check(value: SettingValue) -> None:
        if isinstance(value, int) and 0 < value < floor:
            raise UsageError(
                _(
                    "%(size)d pt is smaller than %(product)s allow (%(floor)s pt in every "
                    "language); write 0 to take the size from the viewing distance."
                )
                % {
                    "size": value,
                    "product": _(_SECTIONS[product]).lower(),
                    "floor": number_text(floor),
                }
            )

    return check


def wall_specs() -> list[SettingSpec]:
    """Per wall product: the viewing distance, then a text size chosen directly."""
    specs = []
    for product, (distance, (nearest, farthest), floor, largest) in _BOUNDS.items():
        common = {
            "group": SettingGroup.WALL,
            "row": WALL_SETTING,
            "section": _SECTIONS[product],
        }
        specs += [
            SettingSpec(
                key=f"wall.{product.value}.viewing_distance_cm",
                kind=SettingKind.INTEGER,
                default=distance,
                label=N_("Read from"),
                path=(product.value, "viewing_distance_cm"),
                help=N_(
                    "Sets the type sizes: the text's x-height takes 0.2° of the reader's view "
                    "(about 18.5 pt per metre), never below the smallest size allowed."
                ),
                unit=N_("cm"),
                minimum=nearest,
                maximum=farthest,
                **common,  # type: ignore[arg-type]
            ),
            SettingSpec(
                key=f"wall.{product.value}.text_pt",
                kind=SettingKind.INTEGER,
                default=0,
                label=N_("Text size"),
                path=(product.value, "text_pt"),
                help=N_(
                    "The text of the languages after the first (the first is set larger); "
                    "0 takes it from the distance. Never smaller than 18 pt on panels and "
                    "12 pt on labels."
                ),
                unit=N_("pt"),
                minimum=0,
                maximum=largest,
                check=_size_check(product, floor),
                **common,  # type: ignore[arg-type]
            ),
        ]
    return specs


def _stored(service: ProjectService, spec: SettingSpec) -> int:
    default = spec.default if isinstance(spec.default, int) else 0
    value: object = service.project.setting(WALL_SETTING, {})
    for part in spec.path:
        value = value.get(part) if isinstance(value, dict) else None
    if value is None:
        return default
    try:
        checked = check_value(spec, value)
    except UsageError:
        return default  # damaged or from another version: the default applies
    return checked if isinstance(checked, int) else default


def wall_type(service: ProjectService, product: Product) -> tuple[int, int]:
    """``(viewing distance in cm, text size chosen in pt or 0)`` of a wall product."""
    specs = {spec.key: spec for spec in wall_specs()}
    distance = _stored(service, specs[f"wall.{product.value}.viewing_distance_cm"])
    size = _stored(service, specs[f"wall.{product.value}.text_pt"])
    return distance, size


def project_panel_style(service: ProjectService) -> CaptionStyle:
    """The panel style (languages after the first) the project's settings give."""
    return panel_style(*wall_type(service, Product.PANELS))


def project_label_styles(service: ProjectService) -> tuple[CaptionStyle, CaptionStyle]:
    """The label styles ``(lead language, the others)`` the project's settings give."""
    return label_styles(*wall_type(service, Product.LABELS))

"""The hall's settings: the gap between panels and the narrowest aisle.

The gap kept between panels is ``hall.gap_mm``; the narrowest aisle
a delegation with its protocol needs is ``hall.aisle_mm``; the installers' plan hangs each
panel with its centre ``hall.centre_mm`` above the floor.
"""

from __future__ import annotations

from curator.core.settings.setting_values import SettingGroup, SettingKind, SettingSpec
from curator.i18n import N_

HALL_SETTING = "hall"
GAP_KEY = "hall.gap_mm"
AISLE_KEY = "hall.aisle_mm"
CENTRE_KEY = "hall.centre_mm"
DEFAULT_GAP_MM = 300.0
DEFAULT_AISLE_MM = 1500.0
DEFAULT_CENTRE_MM = 1500.0


def hall_specs() -> list[SettingSpec]:
    """``hall.gap_mm``, ``hall.aisle_mm`` and ``hall.centre_mm``."""
    return [
        SettingSpec(
            key=GAP_KEY,
            group=SettingGroup.HALL,
            kind=SettingKind.LENGTH,
            default=DEFAULT_GAP_MM,
            label=N_("Gap between panels"),
            help=N_(
                "Automatic placement keeps this much wall between panels, from a wall's ends "
                "and from a door."
            ),
            row=HALL_SETTING,
            path=("gap_mm",),
            minimum=0.0,
            maximum=5000.0,
        ),
        SettingSpec(
            key=AISLE_KEY,
            group=SettingGroup.HALL,
            kind=SettingKind.LENGTH,
            default=DEFAULT_AISLE_MM,
            label=N_("Narrowest aisle"),
            help=N_(
                "Walls or stands facing each other closer than this are reported "
                "(aisle-too-narrow): a delegation with its protocol needs room."
            ),
            row=HALL_SETTING,
            path=("aisle_mm",),
            minimum=100.0,
            maximum=20000.0,
        ),
        SettingSpec(
            key=CENTRE_KEY,
            group=SettingGroup.HALL,
            kind=SettingKind.LENGTH,
            default=DEFAULT_CENTRE_MM,
            label=N_("Panels' centre height"),
            help=N_(
                "The installers' plan hangs each panel with its centre this high above the "
                "floor; its bottom edge is half its height lower (never below the floor)."
            ),
            row=HALL_SETTING,
            path=("centre_mm",),
            minimum=300.0,
            maximum=5000.0,
        ),
    ]

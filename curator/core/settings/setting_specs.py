"""Every project setting, declared once: key, kind, default, bounds and where it is stored.

The storage places are the ones the rest of ``core`` already reads: ``credit_templates``
(:mod:`curator.core.language.generated`), ``preflight`` (:mod:`curator.core.checks.preflight`),
``catalogue`` (:class:`~curator.core.model.CatalogueSettings`; its ``min_effective_ppi`` is
no longer read: auto-layout's floor is preflight's warning threshold), ``delivery``
(:mod:`curator.core.delivery_planning.settings`), ``wall`` (:mod:`curator.core.settings.wall_type`)
and ``backups.*`` (:mod:`curator.core.storage.backups`). Declaring them here does not move them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import fields

from curator.core.delivery_planning.iim import IimPolicy
from curator.core.delivery_planning.naming import DEFAULT_PATTERN, check_pattern
from curator.core.delivery_planning.settings import DELIVERY_SETTING, MIN_LONG_EDGE
from curator.core.errors import UsageError
from curator.core.hall.settings import hall_specs
from curator.core.language.credits import (
    DEFAULT_CREDIT_TEMPLATES,
    FALLBACK_TEMPLATE_KEY,
    fill_template,
    template_for,
)
from curator.core.language.generated import CREDIT_TEMPLATES_SETTING
from curator.core.layout.style import Product
from curator.core.model import CatalogueSettings, CreditRole
from curator.core.settings.format_bounds import PatternTooLargeError, check_rendered_length
from curator.core.settings.print_thresholds import (
    DEFAULT_MIN_PHOTO_MM,
    DEFAULT_PPI_THRESHOLDS,
    PREFLIGHT_SETTING,
)
from curator.core.settings.provenance_specs import provenance_specs
from curator.core.settings.setting_values import (
    SettingGroup,
    SettingKind,
    SettingSpec,
    SettingValue,
    setting_title,
)
from curator.core.settings.wall_type import wall_specs
from curator.core.settings.web_address import base_url_spec
from curator.core.storage.backups import (
    BUDGET_SETTING,
    DEFAULT_BUDGET_MB,
    DEFAULT_INTERVAL_MINUTES,
    INTERVAL_SETTING,
)
from curator.i18n import N_, _, number_text

CREDIT_TEMPLATES_ROW = CREDIT_TEMPLATES_SETTING
#: The cover's choices (the front's photo), kept apart from the catalogue's page settings.
COVER_SETTING = "cover"
COVER_PHOTO_KEY = "catalogue.cover_photo"
#: The word standing for "any other language" in credit keys (``credits.other.photo``).
OTHER_LANGUAGES = "other"
#: Room a catalogue page keeps for its content between the margins, in millimetres.
MIN_CONTENT_MM = 20.0
_MAX_PPI = 2400

_ROLE_LABELS = {
    CreditRole.PHOTO: N_("Credit line"),
    CreditRole.ARCHIVE: N_("Credit line, archive photo"),
    CreditRole.PROVIDED: N_("Credit line, photo provided by"),
}
_PRODUCT_SECTIONS = {
    Product.CATALOGUE: N_("Catalogue"),
    Product.PANELS: N_("Panels"),
    Product.LABELS: N_("Wall labels"),
}
_CATALOGUE_LABELS: dict[str, tuple[str, float, float]] = {
    "trim_width_mm": (N_("Page width (trim)"), 50.0, 1500.0),
    "trim_height_mm": (N_("Page height (trim)"), 50.0, 1500.0),
    "bleed_mm": (N_("Bleed"), 0.0, 20.0),
    "margin_inner_mm": (N_("Inner margin"), 0.0, 200.0),
    "margin_outer_mm": (N_("Outer margin"), 0.0, 200.0),
    "margin_top_mm": (N_("Top margin"), 0.0, 200.0),
    "margin_bottom_mm": (N_("Bottom margin"), 0.0, 200.0),
    "binding_pages": (N_("Book block a multiple of (pages)"), 4.0, 32.0),
    "paper_caliper_mm": (N_("Paper thickness per leaf"), 0.02, 2.0),
    "spread_gutter_mm": (N_("Hidden in the binding, per page (photos across a spread)"), 0.0, 30.0),
}


def _check_template(value: SettingValue) -> None:
    try:
        check_rendered_length(fill_template(str(value), "Tuấn Anh", "TTXVN"))
    except PatternTooLargeError as error:
        raise UsageError(str(error)) from None


def _check_naming(value: SettingValue) -> None:
    check_pattern(str(value))


def _check_long_edge(value: SettingValue) -> None:
    if isinstance(value, int) and 0 < value < MIN_LONG_EDGE:
        raise UsageError(
            _("The long edge must be 0 (keep the size) or at least %(min)d pixels.")
            % {"min": MIN_LONG_EDGE}
        )


def _template_key(language: str, role: CreditRole) -> str:
    tag = FALLBACK_TEMPLATE_KEY if language == OTHER_LANGUAGES else language
    return tag if role is CreditRole.PHOTO else f"{tag}:{role.value}"


def _credit_languages(languages: Sequence[str], stored: Mapping[str, object]) -> list[str]:
    result = list(languages)
    for key in stored:
        tag = key.split(":")[0]
        if tag != FALLBACK_TEMPLATE_KEY and tag not in result:
            result.append(tag)
    return [*result, OTHER_LANGUAGES]


def credit_specs(languages: Sequence[str], stored: Mapping[str, object]) -> list[SettingSpec]:
    """The credit templates: each language's three roles, then any other language's.

    A template's default is what applies without it: the built-in template, or the
    project's own template for any other language.
    """
    templates = {k: str(v) for k, v in stored.items() if isinstance(v, str)}
    specs = []
    for language in _credit_languages(languages, stored):
        for role in CreditRole:
            key = _template_key(language, role)
            others = {k: v for k, v in templates.items() if k != key}
            lookup = "und" if language == OTHER_LANGUAGES else language
            default = template_for(lookup, role, others)
            if language == OTHER_LANGUAGES:
                default = others.get(key, DEFAULT_CREDIT_TEMPLATES.get(key, default))
            specs.append(
                SettingSpec(
                    key=f"credits.{language}.{role.value}",
                    group=SettingGroup.CREDITS,
                    kind=SettingKind.TEXT,
                    default=default,
                    label=_ROLE_LABELS[role],
                    row=CREDIT_TEMPLATES_ROW,
                    path=(key,),
                    help=N_("Write {photographer} and {agency} where the names go."),
                    check=_check_template,
                )
            )
    return specs


def preflight_specs() -> list[SettingSpec]:
    """Per product: the resolution thresholds, then the smallest photo.

    The warning threshold is auto-layout's floor too (one threshold, print_thresholds).
    """
    specs = []
    for product in (Product.CATALOGUE, Product.PANELS, Product.LABELS):
        warning, error = DEFAULT_PPI_THRESHOLDS[product.value]
        for name, default, label, help_text in (
            (
                "ppi_warning",
                warning,
                N_("Lowest resolution"),
                N_("Auto-layout never prints a photo coarser; preflight warns below it."),
            ),
            ("ppi_error", error, N_("Error below"), ""),
        ):
            specs.append(
                SettingSpec(
                    key=f"preflight.{product.value}.{name}",
                    group=SettingGroup.PREFLIGHT,
                    kind=SettingKind.INTEGER,
                    default=int(default),
                    label=label,
                    row=PREFLIGHT_SETTING,
                    path=(product.value, name),
                    section=_PRODUCT_SECTIONS[product],
                    help=help_text,
                    unit=N_("ppi"),
                    minimum=1,
                    maximum=_MAX_PPI,
                )
            )
        smallest = DEFAULT_MIN_PHOTO_MM.get(product.value)
        if smallest is None:
            continue  # labels print no photo
        specs.append(
            SettingSpec(
                key=f"preflight.{product.value}.min_photo_mm",
                group=SettingGroup.PREFLIGHT,
                kind=SettingKind.LENGTH,
                default=smallest,
                label=N_("Smallest printed photo"),
                help=N_(
                    "A photo whose pixels cannot make its longer side this long at the error "
                    "resolution is an error."
                ),
                row=PREFLIGHT_SETTING,
                path=(product.value, "min_photo_mm"),
                section=_PRODUCT_SECTIONS[product],
                minimum=1.0,
                maximum=5000.0,
            )
        )
    return specs


def catalogue_specs() -> list[SettingSpec]:
    """The catalogue's page (one setting per :class:`CatalogueSettings` field), its cover photo."""
    defaults = CatalogueSettings()
    specs = []
    for field in fields(CatalogueSettings):
        default = getattr(defaults, field.name)
        common = {
            "key": f"catalogue.{field.name}",
            "group": SettingGroup.CATALOGUE,
            "row": "catalogue",
            "path": (field.name,),
        }
        if field.name == "min_effective_ppi":
            continue  # one threshold: preflight.catalogue.ppi_warning (print_thresholds)
        if field.name == "crop_marks":
            specs.append(
                SettingSpec(
                    **common,  # type: ignore[arg-type]
                    kind=SettingKind.BOOLEAN,
                    default=bool(default),
                    label=N_("Crop marks"),
                )
            )
            continue
        label, minimum, maximum = _CATALOGUE_LABELS[field.name]
        integer = isinstance(default, int)
        specs.append(
            SettingSpec(
                **common,  # type: ignore[arg-type]
                kind=SettingKind.INTEGER if integer else SettingKind.LENGTH,
                default=default,
                label=label,
                unit="",
                minimum=minimum,
                maximum=maximum,
            )
        )
    specs.append(
        SettingSpec(
            key=COVER_PHOTO_KEY,
            group=SettingGroup.CATALOGUE,
            kind=SettingKind.TEXT,
            default="",
            label=N_("Cover photo"),
            row=COVER_SETTING,
            path=("photo",),
            help=N_(
                "The id of the photo across the cover's front (curator photos PROJECT); empty: "
                "the first photo of the first section."
            ),
        )
    )
    return specs


def delivery_specs(languages: Sequence[str], stored: Mapping[str, object]) -> list[SettingSpec]:
    """What ``curator deliver`` and the Deliver dialog start from."""
    chosen = stored.get("languages")
    delivered = [t for t in chosen if t in languages] if isinstance(chosen, list) else []
    tags = tuple(delivered or languages)
    common = {"group": SettingGroup.DELIVERY, "row": DELIVERY_SETTING}
    return [
        SettingSpec(
            key="delivery.languages",
            kind=SettingKind.LANGUAGES,
            default=tuple(languages),
            label=N_("Caption languages, in order"),
            path=("languages",),
            choices=tuple(languages),
            **common,  # type: ignore[arg-type]
        ),
        SettingSpec(
            key="delivery.main_language",
            kind=SettingKind.CHOICE,
            default=tags[0],
            label=N_("Main language"),
            help=N_("The language of x-default in XMP, and of IPTC IIM."),
            path=("main_language",),
            choices=tuple(languages),
            **common,  # type: ignore[arg-type]
        ),
        SettingSpec(
            key="delivery.iim",
            kind=SettingKind.CHOICE,
            default=IimPolicy.ALWAYS.value,
            label=N_("IPTC IIM"),
            path=("iim",),
            choices=tuple(policy.value for policy in IimPolicy),
            **common,  # type: ignore[arg-type]
        ),
        SettingSpec(
            key="delivery.naming",
            kind=SettingKind.TEXT,
            default=DEFAULT_PATTERN,
            label=N_("File names"),
            path=("naming",),
            help=N_("Fields: {section}, {order}, {photographer}, {id}, {original}, {date}."),
            check=_check_naming,
            **common,  # type: ignore[arg-type]
        ),
        SettingSpec(
            key="delivery.long_edge",
            kind=SettingKind.INTEGER,
            default=0,
            label=N_("Long edge of resized copies"),
            help=N_("0 keeps every copy's size."),
            path=("long_edge",),
            unit=N_("px"),
            minimum=0,
            maximum=100_000,
            check=_check_long_edge,
            zero_is_none=True,
            **common,  # type: ignore[arg-type]
        ),
        SettingSpec(
            key="delivery.ascii_names",
            kind=SettingKind.BOOLEAN,
            default=True,
            label=N_("Plain ASCII file names"),
            path=("ascii_names",),
            **common,  # type: ignore[arg-type]
        ),
    ]


def backup_specs() -> list[SettingSpec]:
    """How much room snapshots take and how often they are made."""
    return [
        SettingSpec(
            key=BUDGET_SETTING,
            group=SettingGroup.BACKUPS,
            kind=SettingKind.INTEGER,
            default=DEFAULT_BUDGET_MB,
            label=N_("Room for snapshots"),
            row=BUDGET_SETTING,
            unit=N_("MB"),
            minimum=10,
            maximum=1_000_000,
        ),
        SettingSpec(
            key=INTERVAL_SETTING,
            group=SettingGroup.BACKUPS,
            kind=SettingKind.INTEGER,
            default=DEFAULT_INTERVAL_MINUTES,
            label=N_("A snapshot while editing at most every"),
            row=INTERVAL_SETTING,
            unit=N_("min"),
            minimum=1,
            maximum=24 * 60,
        ),
    ]


#: Where the web edition's settings are kept, and the key of its copies' metadata.
WEB_SETTING = "web"
WEB_KEEP_METADATA = "web.keep_metadata"


def web_specs() -> list[SettingSpec]:
    """What ``curator export web`` keeps in the photos' web copies."""
    return [
        SettingSpec(
            key=WEB_KEEP_METADATA,
            group=SettingGroup.WEB,
            kind=SettingKind.BOOLEAN,
            default=False,
            label=N_("Keep EXIF and GPS in the web copies"),
            help=N_(
                "Off: the site's photos carry no camera data and no location (the default, "
                "safe to publish)."
            ),
            row=WEB_SETTING,
            path=("keep_metadata",),
        ),
        base_url_spec(),
    ]


def declared_specs(
    languages: Sequence[str], stored: Mapping[str, Mapping[str, object]]
) -> list[SettingSpec]:
    """Every setting for a project with ``languages``; ``stored`` holds its stored rows.

    ``stored`` maps the rows ``credit_templates`` and ``delivery`` to their JSON objects
    (defaults that depend on other stored values are worked out from them).
    """
    return [
        *credit_specs(languages, stored.get(CREDIT_TEMPLATES_ROW, {})),
        *preflight_specs(),
        *catalogue_specs(),
        *wall_specs(),
        *hall_specs(),
        *delivery_specs(languages, stored.get(DELIVERY_SETTING, {})),
        *provenance_specs(),
        *backup_specs(),
        *web_specs(),
    ]


def check_together(
    values: Mapping[str, SettingValue],
    specs: Mapping[str, SettingSpec],
    changed: Sequence[str],
    explicit: set[str],
) -> None:
    """Refuse values that contradict each other, naming a setting among ``changed``.

    ``explicit`` holds the keys not left at their default (a main language left at its
    default follows the delivered languages, so it never contradicts them).

    Raises:
        UsageError: an error threshold above its warning, margins that leave less than
            :data:`MIN_CONTENT_MM` of page, a main language that is not delivered.
    """
    for product in (Product.CATALOGUE, Product.PANELS, Product.LABELS):
        warning_key = f"preflight.{product.value}.ppi_warning"
        error_key = f"preflight.{product.value}.ppi_error"
        warning, error = values[warning_key], values[error_key]
        if isinstance(warning, int) and isinstance(error, int) and error > warning:
            key = error_key if error_key in changed else warning_key
            raise _refused(
                specs[key],
                _(
                    "errors start below %(error)d ppi, which is above the warning threshold, "
                    "%(warning)d ppi."
                )
                % {"error": error, "warning": warning},
            )
    for size, first, second in (
        ("trim_width_mm", "margin_inner_mm", "margin_outer_mm"),
        ("trim_height_mm", "margin_top_mm", "margin_bottom_mm"),
    ):
        names = [f"catalogue.{name}" for name in (size, first, second)]
        page, one, other = (float(values[name]) for name in names)  # type: ignore[arg-type]
        if page - one - other < MIN_CONTENT_MM:
            key = next((name for name in names if name in changed), names[0])
            raise _refused(
                specs[key],
                _(
                    "the margins (%(one)s + %(other)s mm) leave less than %(room)s mm of a "
                    "%(page)s mm page."
                )
                % {
                    "one": number_text(one),
                    "other": number_text(other),
                    "room": number_text(MIN_CONTENT_MM),
                    "page": number_text(page),
                },
            )
    delivered = values["delivery.languages"]
    main = values["delivery.main_language"]
    if (
        "delivery.main_language" in explicit
        and isinstance(delivered, tuple)
        and main not in delivered
    ):
        key = (
            "delivery.main_language"
            if "delivery.main_language" in changed
            else "delivery.languages"
        )
        raise _refused(
            specs[key],
            _("the main language “%(main)s” is not among the delivered languages (%(languages)s).")
            % {"main": main, "languages": ", ".join(delivered)},
        )


def _refused(spec: SettingSpec, reason: str) -> UsageError:
    return UsageError(
        _("%(setting)s: %(reason)s") % {"setting": setting_title(spec), "reason": reason}
    )

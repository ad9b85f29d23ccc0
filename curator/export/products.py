"""Every export product declared once: its options, preflight, renderer and file name.

The command line's ``curator export PRODUCT`` subcommands and flags, the Export dialog's
widgets and the window's dispatch are all built from :data:`PRODUCTS`, so a product's option
is named, typed, defaulted and explained in one place; adding a product (the web edition) is
one more :class:`ProductSpec` here. Texts are marked with ``N_`` and translated where they
are shown (the command line's help, the dialog), in the interface language of that moment.

A product's :attr:`ProductSpec.build` turns the chosen values (``{"languages": ("ru", "en"),
"trim": (148.0, 210.0), …}``; None where nothing was chosen) into its renderer's options;
:attr:`ProductSpec.run` writes the file and says what it wrote, for the command line's JSON
and sentence as for the window.
"""

from __future__ import annotations

from curator.core.layout.style import Product
from curator.core.publishing.cover_service import remember_cover_photo, stored_cover_photo
from curator.core.services import ProjectService
from curator.core.settings.web_address import remember_base_url
from curator.export import product_runs as runs
from curator.export.product_spec import (
    LABEL_SIZES,
    PAPERS,
    PLAN_PAPERS,
    TRIM_SIZES,
    OptionKind,
    ProductOption,
    ProductSpec,
)
from curator.i18n import N_


def _project_trim(service: ProjectService) -> tuple[float, float]:
    settings = service.project.catalogue_settings()
    return (settings.trim_width_mm, settings.trim_height_mm)


def _project_bleed(service: ProjectService) -> float:
    return service.project.catalogue_settings().bleed_mm


def _project_marks(service: ProjectService) -> bool:
    return service.project.catalogue_settings().crop_marks


def _languages(help_text: str) -> ProductOption:
    return ProductOption("languages", OptionKind.LANGUAGES, help_text, N_("Languages:"))


def _trim(help_text: str) -> ProductOption:
    """The catalogue's trimmed page size (the cover's spine follows its pages)."""
    return ProductOption("trim", OptionKind.SIZE, help_text, N_("Page size:"), choices=TRIM_SIZES,
                         project_default=_project_trim)  # fmt: skip


_IN_ORDER = N_("languages in order, e.g. ru,vi,en (default: the project's order)")
#: The catalogue's bleed, which its cover shares.
_CATALOGUE_BLEED = ProductOption(
    "bleed", OptionKind.LENGTH, N_("bleed, e.g. 3mm (default: 3mm)"), N_("Bleed:"), initial=3.0,
    project_default=_project_bleed,
)  # fmt: skip


CATALOGUE = ProductSpec(
    name="catalogue",
    label=N_("Catalogue"),
    title=N_("Export Catalogue"),
    help=N_("the printed catalogue"),
    description=N_(
        "Export the catalogue: cover, foreword per language, section openers, photo pages "
        "with captions in every language, an index of photographers and a colophon. "
        "Preflight runs first; errors stop the export (exit 2)."
    ),
    hint=N_(
        "The order of the languages is their order on every page; drag one to the top "
        "to make it lead."
    ),
    options=(
        _languages(N_("languages in page order, e.g. ru,vi,en (default: the project's order)")),
        _trim(N_("trimmed page size: A4, A5, 210x297 or 8.5x11in (default: the project's)")),
        _CATALOGUE_BLEED,
        ProductOption(
            "marks",
            OptionKind.FLAG,
            N_("draw crop marks outside the bleed"),
            N_("Crop marks:"),
            initial=False,
            text=N_("Draw crop marks outside the bleed"),
            project_default=_project_marks,
        ),
        ProductOption(
            "workers",
            OptionKind.COUNT,
            N_(
                "photos prepared at once (default: every core this process may use, as many as "
                "the available memory holds)"
            ),
            "",
            in_dialog=False,
        ),
    ),
    build=runs.catalogue_options,
    run=runs.run_catalogue,
    preflight=Product.CATALOGUE,
    # TRANSLATORS: the end of an exported file's name ("Hanoi-in-Spring-catalogue.pdf").
    file_name=N_("catalogue"),
    texts=True,
)


PANELS = ProductSpec(
    name="panels",
    label=N_("Panels"),
    title=N_("Export Panel Proofs"),
    help=N_("panel proofs, one page per panel"),
    description=N_(
        "Export every panel as the canvas shows it: one page per panel at its real size, "
        "or scaled onto paper (--paper A3) with the scale printed. Preflight for the "
        "panels runs first; errors stop the export (exit 2)."
    ),
    hint=N_(
        "Each panel exactly as on the canvas: at its real size, or scaled onto the "
        "chosen paper with the scale printed under it."
    ),
    options=(
        ProductOption(
            "paper",
            OptionKind.SIZE,
            N_("scale each panel onto this paper, e.g. A3 (default: real size)"),
            N_("Paper:"),
            choices=PAPERS,
            unset=N_("Real size (one page per panel)"),
        ),
        ProductOption(
            "bleed",
            OptionKind.LENGTH,
            N_("bleed around each panel at real size (default: none)"),
            N_("Bleed:"),
            initial=0.0,
        ),
        ProductOption(
            "marks",
            OptionKind.FLAG,
            N_("draw crop marks at real size"),
            N_("Crop marks:"),
            cli_default=False,
            initial=False,
            text=N_("Draw crop marks (at real size)"),
        ),
    ),
    build=runs.panel_options,
    run=runs.run_panels,
    preflight=Product.PANELS,
    # TRANSLATORS: the end of an exported file's name ("Hanoi-in-Spring-panels.pdf").
    file_name=N_("panels"),
)


LABELS = ProductSpec(
    name="labels",
    label=N_("Wall labels"),
    title=N_("Export Wall Labels"),
    help=N_("wall labels, imposed on sheets with cut marks"),
    description=N_(
        "Export one wall label per photo with its captions in the project's languages "
        "(the first leads), imposed on sheets with cut marks. Preflight for the labels "
        "runs first; errors stop the export (exit 2)."
    ),
    hint=N_(
        "One label per photo with its captions in the chosen languages (the first "
        "leads), imposed on sheets with cut marks."
    ),
    options=(
        _languages(_IN_ORDER),
        ProductOption(
            "label",
            OptionKind.SIZE,
            N_("the label's size, e.g. 130x150 (default) or A6"),
            N_("Label size (mm):"),
            choices=LABEL_SIZES,
        ),
        ProductOption(
            "paper",
            OptionKind.SIZE,
            N_("the sheets the labels are printed on (default: A4)"),
            N_("Paper:"),
            choices=PAPERS,
        ),
    ),
    build=runs.label_options,
    run=runs.run_labels,
    preflight=Product.LABELS,
    # TRANSLATORS: the end of an exported file's name ("Hanoi-in-Spring-labels.pdf").
    file_name=N_("labels"),
)


COVER = ProductSpec(
    name="cover",
    label=N_("Catalogue cover"),
    title=N_("Export Catalogue Cover"),
    help=N_("the catalogue's cover: front, spine and back on one sheet"),
    description=N_(
        "Export the catalogue's cover sheet: back, spine and front on one page with bleed, "
        "crop marks and fold marks. The spine is as wide as the book block is thick (its "
        "pages from the same options, times the project's paper caliper per leaf); the "
        "front shows the chosen photo across the panel (default: the first photo of the "
        "first section)."
    ),
    hint=N_(
        "Back, spine and front on one sheet with bleed and marks. The spine is as wide "
        "as the catalogue's pages make it on the paper set in Project Settings."
    ),
    options=(
        _languages(_IN_ORDER),
        _trim(N_("the catalogue's trimmed page size (default: the project's)")),
        _CATALOGUE_BLEED,
        ProductOption(
            "photo",
            OptionKind.PHOTO,
            N_(
                "the front's photo, kept in the project for the next time (default: the one "
                "kept, else the first photo of the first section)"
            ),
            N_("Cover photo:"),
            unset=N_("The first photo of the first section"),
            project_default=stored_cover_photo,
            remember=remember_cover_photo,
            not_kept=N_("The cover photo was not kept in the project: %(reason)s"),
        ),
    ),
    build=runs.cover_options,
    run=runs.run_cover,
    preflight=Product.COVER,
    # TRANSLATORS: the end of an exported file's name ("Hanoi-in-Spring-cover.pdf").
    file_name=N_("cover"),
)


PROOF = ProductSpec(
    name="proof",
    label=N_("Approval proof"),
    title=N_("Export Approval Proof"),
    help=N_("the approval proof for sign-off"),
    description=N_(
        "Export the approval proof: every photo's thumbnail with all its captions side by "
        "side, their status and any glossary or preflight warning, section by section, "
        "with boxes for the approvers' initials on every page."
    ),
    hint=N_(
        "Every photo with all its captions side by side, their status and warnings, "
        "and boxes for the approvers' initials on every page."
    ),
    options=(
        _languages(_IN_ORDER),
        ProductOption(
            "paper",
            OptionKind.SIZE,
            N_("the paper, turned landscape (default: A4)"),
            N_("Paper:"),
            choices=PAPERS,
        ),
    ),
    build=runs.proof_options,
    run=runs.run_proof,
    preflight=None,
    # TRANSLATORS: the end of an exported file's name ("Hanoi-in-Spring-proof.pdf").
    file_name=N_("proof"),
    notes=True,
)

WEB = ProductSpec(
    name="web",
    label=N_("Web edition"),
    title=N_("Export Web Edition"),
    help=N_("the exhibition as a static website, in every language"),
    description=N_(
        "Export the exhibition as a static website into a new folder (or one Curator wrote "
        "before): a start page per language with the foreword and the sections in visit "
        "order, a page per section and per photo with its captions and alt text, the "
        "photographers' index, and a language switch on every page. The same photos as "
        "the catalogue, each in three widths in sRGB, without EXIF or GPS unless the "
        "project keeps them (web.keep_metadata). It works offline from the folder, needs "
        "no JavaScript and can be copied to any web server."
    ),
    hint=N_(
        "A folder of web pages in every chosen language, linked to one another; open its "
        "index.html in a browser, or copy the folder to a web server."
    ),
    options=(
        _languages(_IN_ORDER),
        ProductOption(
            "base_url",
            OptionKind.TEXT,
            N_(
                "the address the site will be published at, e.g. https://example.org/expo/ "
                "(the pages then name their own addresses for search engines)"
            ),
            N_("Web address:"),
            metavar="URL",
            remember=remember_base_url,
            not_kept=N_("The site's address was not kept in the project: %(reason)s"),
        ),
        ProductOption(
            "workers",
            OptionKind.COUNT,
            N_(
                "photos prepared at once (default: every core this process may use, as many as "
                "the available memory holds)"
            ),
            "",
            in_dialog=False,
        ),
    ),
    build=runs.web_options,
    run=runs.run_web,
    preflight=None,
    # TRANSLATORS: the end of an exported folder's name ("Hanoi-in-Spring-web").
    file_name=N_("web"),
    suffix="",
)

WALKTHROUGH = ProductSpec(
    name="walkthrough",
    label=N_("Walkthrough"),
    title=N_("Export Walkthrough"),
    help=N_("the guide's walkthrough of a route, one A5 page per stop"),
    description=N_(
        "Export the walkthrough booklet of a route of the visit for the guide and the "
        "interpreter: one A5 page per stop in order, with the hall's plan and the stop marked, "
        "the photo's thumbnail, its headline and caption in the chosen languages side by side, "
        "the names of the people shown in every language, the talking points per language, "
        "the time to keep and the time so far."
    ),
    hint=N_(
        "One A5 page per stop of the route, in order: the plan, the photo, its captions "
        "and the talking points side by side, and the times."
    ),
    options=(
        ProductOption(
            "route",
            OptionKind.TEXT,
            N_(
                "the route, by its name (curator visit route list); needed only when there "
                "are several"
            ),
            N_("Route:"),
            metavar="NAME",
        ),
        _languages(_IN_ORDER),
    ),
    build=runs.walkthrough_options,
    run=runs.run_walkthrough,
    preflight=None,
    # TRANSLATORS: the end of an exported file's name ("State-visit-walkthrough.pdf").
    file_name=N_("walkthrough"),
)

PLAN = ProductSpec(
    name="plan",
    label=N_("Installers' plan"),
    title=N_("Export Installers' Plan"),
    help=N_("the hall to scale for the installers, with every panel numbered"),
    description=N_(
        "Export the installers' plan: the hall drawn to scale (the largest of 1:20, 1:25, "
        "1:50, 1:75, 1:100 and 1:200 that fits the paper, turned landscape when that is "
        "larger) with a scale bar, every wall and stand named, every panel drawn where it "
        "hangs with its reference as on its label (2.3), its size and the height of its "
        "bottom edge (its centre at hall.centre_mm); then the panels of each wall and stand "
        "in hanging order, and the hall's checks."
    ),
    hint=N_(
        "The hall to scale with every panel numbered as on its label, then each wall's "
        "panels in hanging order with sizes and heights."
    ),
    options=(
        _languages(N_("languages of the sections' titles, e.g. ru,vi,en (default: all)")),
        ProductOption(
            "paper",
            OptionKind.SIZE,
            N_("the paper: A4, A3 (default), A2 or A1"),
            N_("Paper:"),
            choices=PLAN_PAPERS,
        ),
    ),
    build=runs.plan_options,
    run=runs.run_plan,
    preflight=None,
    # TRANSLATORS: the end of an exported file's name ("Hanoi-in-Spring-plan.pdf").
    file_name=N_("plan"),
)

#: Every product, in the command line's order.
PRODUCTS: tuple[ProductSpec, ...] = (
    CATALOGUE,
    PANELS,
    LABELS,
    COVER,
    PROOF,
    WEB,
    PLAN,
    WALKTHROUGH,
)


def preflight_products() -> tuple[ProductSpec, ...]:
    """The products preflight checks before they are written, in the command line's order."""
    return tuple(spec for spec in PRODUCTS if spec.preflight is not None)


def product(name: str) -> ProductSpec:
    """The product called ``name`` (``"catalogue"``…).

    Raises:
        KeyError: No product has that name.
    """
    for spec in PRODUCTS:
        if spec.name == name:
            return spec
    raise KeyError(name)

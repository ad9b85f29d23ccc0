"""What an export product is: its options, a run of it, and what a run wrote.

The declarations themselves are in :mod:`curator.export.products`; the renderers' entries in
:mod:`curator.export.product_runs`. This module is the vocabulary both share with the
command line and the window.
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from curator.core.checks.preflight import Finding
from curator.core.delivery_planning.naming import MAX_STEM_BYTES, safe_stem
from curator.core.layout.style import Product, TextMeasure
from curator.core.progress import ProgressCallback, no_progress
from curator.core.services import ProjectService
from curator.export.colour import OutputProfile
from curator.i18n import N_, _

Size = tuple[float, float]

TRIM_SIZES: tuple[tuple[str, Size], ...] = (
    ("A4", (210.0, 297.0)), ("A5", (148.0, 210.0)), ("B5", (176.0, 250.0)),
    ("240 × 300", (240.0, 300.0)),
)  # fmt: skip
PAPERS: tuple[tuple[str, Size], ...] = (
    ("A4", (210.0, 297.0)), ("A3", (297.0, 420.0)), ("A2", (420.0, 594.0)),
)  # fmt: skip
#: The installers' plan's papers (A3 first: its default).
PLAN_PAPERS: tuple[tuple[str, Size], ...] = (
    ("A3", (297.0, 420.0)), ("A4", (210.0, 297.0)), ("A2", (420.0, 594.0)),
    ("A1", (594.0, 841.0)),
)  # fmt: skip
LABEL_SIZES: tuple[tuple[str, Size], ...] = (
    ("130 × 150", (130.0, 150.0)), ("100 × 150", (100.0, 150.0)),
    ("A6 (105 × 148)", (105.0, 148.0)), ("A5 (148 × 210)", (148.0, 210.0)),
    ("90 × 120", (90.0, 120.0)),
)  # fmt: skip


class OptionKind(StrEnum):
    """What an option's value is; each face reads and shows a kind one way."""

    #: Content languages in order, the first leading (a tuple of tags; None: the project's).
    LANGUAGES = "languages"
    #: A width × height in millimetres (the command line: ``A4``, ``210x297``, ``8.5x11in``).
    SIZE = "size"
    #: A length in millimetres (the command line: ``3mm``, ``0.3cm``, ``0.125in``).
    LENGTH = "length"
    #: On or off.
    FLAG = "flag"
    #: A photo's id, among the photos placed in sections.
    PHOTO = "photo"
    #: A whole number from 1 (the command line only: how many photos are prepared at once).
    COUNT = "count"
    #: A line of text, as written ("": none; the web edition's address).
    TEXT = "text"


@dataclass(frozen=True, slots=True)
class ProductOption:
    """One option of a product: its name, kind, default and the texts that explain it."""

    #: The value's name; the command line's flag is ``--`` and it with hyphens.
    key: str
    kind: OptionKind
    #: The command line's help (``N_``-marked; translated when the parser is built).
    help: str
    #: The dialog's row label (``N_``-marked).
    label: str
    #: A flag's value when the command line does not give it (None: the project's setting).
    cli_default: bool | None = None
    #: The sizes the dialog offers, named as the dialog shows them.
    choices: tuple[tuple[str, Size], ...] = ()
    #: The dialog's first choice for "none chosen" (``N_``-marked); "": there is none.
    unset: str = ""
    #: The dialog's starting value of a length or a flag.
    initial: float | bool | None = None
    #: A flag's check box text in the dialog (``N_``-marked).
    text: str = ""
    #: The project's setting the option falls back to, read from the project: the dialog
    #: starts from it, as the command line (which leaves the option None) prints it.
    project_default: Callable[[ProjectService], Any] | None = None
    #: Whether the Export dialog shows it (the number of workers is the command line's alone:
    #: the window always uses every core the memory allows).
    in_dialog: bool = True
    #: The command line's name for the value, where the kind's own would say too little.
    metavar: str = ""
    #: Keeps a value given for it in the project for the next export (the cover's photo,
    #: the site's address): the command line and the window's export call it, each face
    #: going on with the export when the project cannot keep it.
    remember: Callable[[ProjectService, Any], object] | None = None
    #: Why a value was not kept, ``%(reason)s`` the project's error (``N_``-marked): the
    #: command line's warning and the window's error dialog.
    not_kept: str = ""

    @property
    def flag(self) -> str:
        """The command line's flag: ``--picks-only`` for ``picks_only``."""
        return "--" + self.key.replace("_", "-")


@dataclass(frozen=True, slots=True)
class ExportJob:
    """One run of a product: where to, with what, and whether it is the dialog's preview.

    A preview skips the preflight stop and the report (preflight's findings are checked and
    returned beside it instead); the command line and the window's export never do.
    """

    service: ProjectService
    output: Path
    measure: TextMeasure
    options: Any
    on_progress: ProgressCallback = no_progress
    cancel: threading.Event | None = None
    profile: OutputProfile | None = None
    preview: bool = False
    #: Photos prepared at once (None: every core this process may use, as memory allows).
    workers: int | None = None


@dataclass(frozen=True, slots=True)
class Rendered:
    """What a run wrote: the file, preflight's findings, the proof's notes, and the words."""

    path: Path
    findings: list[Finding]
    #: The renderer's own result (pages, scales, labels, the spine…).
    result: Any
    #: The command line's JSON fields (before ``exported``, ``pdfx``, ``output_profile``).
    payload: dict[str, Any]
    #: "Wrote FILE: 12 pages." in the interface language.
    sentence: str
    notes: int = 0


@dataclass(frozen=True, slots=True)
class ProductSpec:
    """An export product, declared once for the command line, the dialog and the window."""

    #: The command line's subcommand, the dialog's identity, the menu action's name.
    name: str
    #: The dialog's title (``N_``-marked), e.g. "Export Catalogue".
    title: str
    #: The command line's one-line help and its description (``N_``-marked).
    help: str
    description: str
    #: The dialog's sentence under the options (``N_``-marked).
    hint: str
    #: The product's own options in order; :data:`PICKS_ONLY` and the output profile follow.
    options: tuple[ProductOption, ...]
    #: The values chosen (every option's key, None where unchosen) → the renderer's options.
    build: Callable[[Mapping[str, Any]], Any]
    #: Writes the product: the renderer's entry.
    run: Callable[[ExportJob], Rendered]
    #: The preflight product it is checked as before it is written (None: never stopped).
    preflight: Product | None
    #: What the default file name adds to the title (``N_``-marked), e.g. "catalogue".
    file_name: str
    #: The dialog shows the catalogue's own texts (titles, forewords, logos) and a way to them.
    texts: bool = False
    #: Its findings are printed beside the photos as notes, never listed as preflight's (the
    #: approval proof).
    notes: bool = False
    #: The written file's ending; "" for a product written as a folder (the web edition).
    suffix: str = ".pdf"
    #: What the product is called where one is chosen among others, e.g. the preflight
    #: panel's choice (``N_``-marked): "Catalogue", "Wall labels". Every product has one.
    label: str = ""

    @property
    def folder(self) -> bool:
        """Whether the product is a folder of files (no PDF, no output profile, no preview)."""
        return not self.suffix

    @property
    def all_options(self) -> tuple[ProductOption, ...]:
        """The product's options, then the ones every product has."""
        return (*self.options, PICKS_ONLY)


#: The option every product has, after its own.
PICKS_ONLY = ProductOption(
    "picks_only",
    OptionKind.FLAG,
    N_("print only the photos flagged as picks (of those placed in sections)"),
    N_("Photos:"),
    cli_default=False,
    initial=False,
    text=N_("Only those flagged as picks"),
)


def export_title(service: ProjectService) -> str:
    """What an export is named after.

    The catalogue's title in the first of the project's languages that has one, else the
    project's title, else the project file's name.
    """
    titles = service.catalogue.texts().get("title", {})
    for tag in service.project.languages():
        if titles.get(tag, "").strip():
            return str(titles[tag])
    return service.project.get().title.strip() or service.path.stem


def default_file_name(spec: ProductSpec, title: str) -> str:
    """A file name for ``spec`` made from ``title``, safe on every common file system.

    ``"Việt Nam – Nga: 68 năm"`` → ``"Việt-Nam-Nga-68-năm-catalogue.pdf"`` (dashes and the
    characters Windows refuses become one hyphen; the name is cut to fit any system); a
    title of nothing but such characters gives the product's word alone.
    """
    words = "".join("-" if unicodedata.category(char) == "Pd" else char for char in title)
    ending = safe_stem(_(spec.file_name)) or spec.name
    room = MAX_STEM_BYTES - len(ending.encode("utf-8")) - 1
    stem = safe_stem(words, room) if room > 0 else ""
    return (f"{stem}-{ending}" if stem else ending) + spec.suffix

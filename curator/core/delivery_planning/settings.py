"""A delivery's options, kept in the project so the window and the command line agree.

The window saves what the curator chose in the Deliver dialog; ``curator deliver`` starts
from the same stored options and lets its flags override them for one run.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from curator.core.delivery_planning.iim import IimPolicy
from curator.core.delivery_planning.naming import DEFAULT_PATTERN, check_pattern
from curator.core.errors import UsageError
from curator.core.language.languages import normalize_language, not_a_project_language
from curator.core.services import ProjectService
from curator.i18n import _

#: Project setting holding the last delivery's options.
DELIVERY_SETTING = "delivery"
#: Smallest long edge a resized copy may have, in pixels.
MIN_LONG_EDGE = 16


@dataclass(frozen=True, slots=True)
class DeliveryOptions:
    """How a delivery is made.

    ``languages`` are the caption languages written (in this order), ``main_language`` the
    one ``x-default`` and IIM carry. ``long_edge`` resizes copies whose longer side is
    larger (``None``: copies keep their pixels). ``ascii_names`` folds file names to ASCII.
    """

    languages: tuple[str, ...]
    main_language: str
    iim: IimPolicy = IimPolicy.ALWAYS
    naming: str = DEFAULT_PATTERN
    long_edge: int | None = None
    ascii_names: bool = True

    def to_dict(self) -> dict[str, object]:
        """The options as a JSON-ready value."""
        return {
            "languages": list(self.languages),
            "main_language": self.main_language,
            "iim": self.iim.value,
            "naming": self.naming,
            "long_edge": self.long_edge,
            "ascii_names": self.ascii_names,
        }


def stored_options(service: ProjectService) -> DeliveryOptions:
    """The project's stored options; defaults (every language, the first main) otherwise.

    Stored values that no longer fit the project (a language it dropped) fall back to the
    defaults rather than fail.
    """
    project = service.project.get()
    stored = service.project.setting(DELIVERY_SETTING, {})
    stored = stored if isinstance(stored, dict) else {}
    languages = tuple(
        tag for tag in stored.get("languages", []) if tag in project.languages
    ) or tuple(project.languages)
    main = stored.get("main_language")
    long_edge = stored.get("long_edge")
    try:
        iim = IimPolicy(stored.get("iim", IimPolicy.ALWAYS.value))
    except ValueError:
        iim = IimPolicy.ALWAYS
    return DeliveryOptions(
        languages=languages,
        main_language=main if isinstance(main, str) and main in languages else languages[0],
        iim=iim,
        naming=str(stored.get("naming") or DEFAULT_PATTERN),
        long_edge=long_edge if isinstance(long_edge, int) and long_edge > 0 else None,
        ascii_names=bool(stored.get("ascii_names", True)),
    )


def save_options(service: ProjectService, options: DeliveryOptions) -> None:
    """Remember ``options`` in the project (``service.operations.settings.remember_delivery``)."""
    service.operations.settings.remember_delivery(options)


def resolve_options(
    service: ProjectService,
    *,
    languages: Sequence[str] | None = None,
    main_language: str | None = None,
    iim: str | None = None,
    naming: str | None = None,
    long_edge: int | None = None,
    ascii_names: bool | None = None,
) -> DeliveryOptions:
    """The stored options with the given ones put over them, checked.

    Raises:
        UsageError: a language the project does not have, a main language not among the
            delivery's languages, an unknown IIM policy, a bad naming pattern or long edge
            (0 means "do not resize").
    """
    base = stored_options(service)
    project_languages = list(service.project.get().languages)
    tags = tuple(normalize_language(tag) for tag in languages) if languages else base.languages
    for tag in tags:
        if tag not in project_languages:
            raise not_a_project_language(tag, project_languages)
    tags = tuple(dict.fromkeys(tags))
    if main_language:
        main = normalize_language(main_language)
    else:
        main = base.main_language if base.main_language in tags else tags[0]
    if main not in tags:
        raise UsageError(
            _("The main language “%(main)s” is not one of the delivered languages (%(languages)s).")
            % {"main": main, "languages": ", ".join(tags)}
        )
    try:
        policy = IimPolicy(iim) if iim else base.iim
    except ValueError:
        raise UsageError(
            _("Unknown IIM policy “%(policy)s” (use always, if-present or never).")
            % {"policy": iim}
        ) from None
    pattern = naming if naming is not None else base.naming
    check_pattern(pattern)
    if long_edge is not None and long_edge != 0 and long_edge < MIN_LONG_EDGE:
        raise UsageError(
            _("The long edge must be at least %(min)d pixels.") % {"min": MIN_LONG_EDGE}
        )
    return DeliveryOptions(
        languages=tags,
        main_language=main,
        iim=policy,
        naming=pattern,
        long_edge=base.long_edge if long_edge is None else (long_edge or None),
        ascii_names=base.ascii_names if ascii_names is None else ascii_names,
    )

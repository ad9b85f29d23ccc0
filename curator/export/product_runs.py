"""Each export product's renderer entry: its options from the chosen values, and a run.

A run writes the product with the renderer the command line and the window both use, and
says what it wrote (:class:`~curator.export.product_spec.Rendered`). A preview (the dialog's)
skips the preflight stop and the report, and checks preflight beside it instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from curator.core.checks.preflight import Finding, check
from curator.core.errors import UsageError
from curator.core.layout.style import Product
from curator.core.publishing.catalogue_service import CatalogueOptions, project_catalogue
from curator.core.publishing.labels_service import LabelOptions, project_labels
from curator.core.settings.web_address import check_base_url, project_base_url
from curator.export.catalogue import export_catalogue
from curator.export.cover import export_cover
from curator.export.hall_plan import export_hall_plan
from curator.export.images import ImageRoute
from curator.export.labels import export_labels
from curator.export.originals import OriginalsDecoder
from curator.export.panels import PanelOptions, export_panels
from curator.export.product_spec import ExportJob, Rendered, Size
from curator.export.proof import export_proof
from curator.export.walkthrough import WalkthroughOptions, export_walkthrough
from curator.export.web_site import WebOptions, export_web
from curator.i18n import _, ngettext


def _findings(findings: list[Finding]) -> list[dict[str, Any]]:
    return [finding.to_json() for finding in findings]


def _report(path: Path | None) -> str | None:
    return str(path) if path else None


def _wrote(path: Path, pages: int) -> str:
    return ngettext(
        "Wrote %(file)s: %(count)d page.", "Wrote %(file)s: %(count)d pages.", pages
    ) % {"file": path, "count": pages}


def _final(job: ExportJob) -> bool:
    return not job.preview


def _decode(job: ExportJob) -> OriginalsDecoder:
    return OriginalsDecoder.for_project(job.service.path)


# -- the catalogue -------------------------------------------------------------------------


def catalogue_options(values: Mapping[str, Any]) -> CatalogueOptions:
    """The catalogue's options from the chosen values."""
    return CatalogueOptions(
        languages=values.get("languages"),
        trim_mm=values.get("trim"),
        bleed_mm=values.get("bleed"),
        marks=values.get("marks"),
        picks_only=bool(values.get("picks_only")),
    )


def run_catalogue(job: ExportJob) -> Rendered:
    """Write the catalogue (a preview: with preflight's findings beside it)."""
    options: CatalogueOptions = job.options
    findings: list[Finding] = []
    if job.preview:
        geometry, _resolved = project_catalogue(job.service, job.measure, options)
        findings = check(job.service, Product.CATALOGUE, job.measure, catalogue=geometry,
                         picks_only=options.picks_only, decode=_decode(job))  # fmt: skip
    result = export_catalogue(job.service, job.output, job.measure, options, job.on_progress,
                              job.cancel, preflight=_final(job), report=_final(job),
                              profile=job.profile, workers=job.workers)  # fmt: skip
    findings = findings or result.findings
    payload = {
        "path": str(result.path),
        "report": _report(result.report_path),
        "pages": result.pages,
        "images": {route.value: result.count(route) for route in ImageRoute},
        "findings": _findings(result.findings),
    }
    return Rendered(result.path, findings, result, payload, _wrote(result.path, result.pages))


# -- panel proofs --------------------------------------------------------------------------


def panel_options(values: Mapping[str, Any]) -> PanelOptions:
    """The panel proofs' options (no bleed when none is chosen)."""
    return PanelOptions(values.get("paper"), bool(values.get("marks")),
                        values.get("bleed") or 0.0, bool(values.get("picks_only")))  # fmt: skip


def run_panels(job: ExportJob) -> Rendered:
    """Write the panel proofs (a preview: with preflight's findings beside it)."""
    options: PanelOptions = job.options
    result = export_panels(job.service, job.output, job.measure, options, job.on_progress,
                           job.cancel, preflight=_final(job), report=_final(job),
                           profile=job.profile)  # fmt: skip
    findings = result.findings
    if job.preview:
        findings = check(job.service, Product.PANELS, job.measure,
                         picks_only=options.picks_only, decode=_decode(job))  # fmt: skip
    payload = {
        "path": str(result.path),
        "report": _report(result.report_path),
        "pages": result.pages,
        "scales": [f"1:{n}" for n in result.scales],
        "images": {
            route.value: sum(1 for r in result.routes.values() if r is route)
            for route in ImageRoute
        },
        "findings": _findings(result.findings),
    }
    return Rendered(result.path, findings, result, payload, _wrote(result.path, result.pages))


# -- wall labels ---------------------------------------------------------------------------


def label_options(values: Mapping[str, Any]) -> LabelOptions:
    """The wall labels' options."""
    return LabelOptions(values.get("languages"), values.get("label"), values.get("paper"),
                        bool(values.get("picks_only")))  # fmt: skip


def run_labels(job: ExportJob) -> Rendered:
    """Write the wall labels (a preview: with preflight's findings beside it)."""
    options: LabelOptions = job.options
    findings: list[Finding] = []
    if job.preview:
        labels = project_labels(job.service, job.measure, options)
        findings = check(job.service, Product.LABELS, job.measure, labels=labels,
                         picks_only=options.picks_only)  # fmt: skip
    result = export_labels(job.service, job.output, job.measure, options, job.on_progress,
                           job.cancel, preflight=_final(job), report=_final(job),
                           profile=job.profile)  # fmt: skip
    payload = {
        "path": str(result.path),
        "report": _report(result.report_path),
        "pages": result.sheets,
        "labels": result.labels,
        "smaller": result.smaller,
        "taller": result.taller,
        "findings": _findings(result.findings),
    }
    sentence = ngettext(
        "Wrote %(file)s: %(labels)d labels on %(count)d sheet.",
        "Wrote %(file)s: %(labels)d labels on %(count)d sheets.",
        result.sheets,
    ) % {"file": result.path, "labels": result.labels, "count": result.sheets}
    return Rendered(result.path, findings or result.findings, result, payload, sentence)


# -- the cover sheet -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CoverChoice:
    """The cover's options: the catalogue's (its pages make the spine) and the front's photo."""

    catalogue: CatalogueOptions
    photo_id: str | None


def cover_options(values: Mapping[str, Any]) -> CoverChoice:
    """The cover's options: the catalogue's that make its spine, and the photo."""
    catalogue = CatalogueOptions(
        languages=values.get("languages"),
        trim_mm=values.get("trim"),
        bleed_mm=values.get("bleed"),
        picks_only=bool(values.get("picks_only")),
    )
    return CoverChoice(catalogue, values.get("photo"))


def run_cover(job: ExportJob) -> Rendered:
    """Write the cover sheet; its warnings come back with it."""
    options: CoverChoice = job.options
    result = export_cover(job.service, job.output, job.measure, options.catalogue,
                          options.photo_id, job.on_progress, job.cancel,
                          profile=job.profile, preflight=_final(job),
                          decode=_decode(job), workers=job.workers)  # fmt: skip
    payload = {
        "path": str(result.path),
        "pages": 1,
        "book_pages": result.book_pages,
        "spine_mm": round(result.spine_mm, 3),
        "caliper_mm": result.caliper_mm,
        "width_mm": round(result.width_mm, 3),
        "height_mm": round(result.height_mm, 3),
        "photo": result.photo_id,
        "spine_languages": list(result.spine_languages),
        "findings": _findings(result.findings),
    }
    sentence = _("Wrote %(file)s: the cover for %(pages)d pages, spine %(spine)s mm.") % {
        "file": result.path,
        "pages": result.book_pages,
        "spine": f"{result.spine_mm:.1f}",
    }
    return Rendered(result.path, result.findings, result, payload, sentence)


# -- the approval proof --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ProofChoice:
    """The approval proof's options: languages in order, and the paper."""

    languages: tuple[str, ...] | None
    paper_mm: Size | None
    picks_only: bool = False


def proof_options(values: Mapping[str, Any]) -> ProofChoice:
    """The approval proof's options."""
    return ProofChoice(values.get("languages"), values.get("paper"),
                       bool(values.get("picks_only")))  # fmt: skip


def run_proof(job: ExportJob) -> Rendered:
    """Write the approval proof (never stopped; its notes are printed beside the photos)."""
    options: ProofChoice = job.options
    result = export_proof(job.service, job.output, job.measure, options.languages,
                          options.paper_mm, job.on_progress, job.cancel, report=_final(job),
                          profile=job.profile, picks_only=options.picks_only,
                          workers=job.workers)  # fmt: skip
    payload = {
        "path": str(result.path),
        "report": _report(result.report_path),
        "pages": result.pages,
        "photos": result.photos,
        "notes": result.notes,
    }
    notes = ngettext(
        "%(count)d note beside the photos.", "%(count)d notes beside the photos.", result.notes
    ) % {"count": result.notes}
    sentence = _wrote(result.path, result.pages) + " " + notes
    return Rendered(result.path, [], result, payload, sentence, result.notes)


# -- the installers' plan of the hall ------------------------------------------------------


def plan_options(values: Mapping[str, Any]) -> ProofChoice:
    """The installers' plan's options: languages of the titles, and the paper.

    Raises:
        UsageError: --picks-only, which a plan of the whole hall cannot honour.
    """
    if values.get("picks_only"):
        raise UsageError(
            _("The installers' plan shows every panel in the hall; it has no --picks-only.")
        )
    return ProofChoice(values.get("languages"), values.get("paper"))


def run_plan(job: ExportJob) -> Rendered:
    """Write the installers' plan (never stopped: its checks are listed in it)."""
    options: ProofChoice = job.options
    result = export_hall_plan(job.service, job.output, options.languages, options.paper_mm,
                              job.on_progress, job.cancel, profile=job.profile)  # fmt: skip
    payload = {
        "path": str(result.path),
        "pages": result.pages,
        "scale": f"1:{result.scale}",
        "paper_mm": [round(v, 1) for v in result.paper_mm],
        "landscape": result.landscape,
        "placed": result.placed,
        "unplaced": result.unplaced,
        "findings": [finding.to_json() for finding in result.findings],
    }
    sentence = (
        _wrote(result.path, result.pages) + " " + _("Scale 1:%(scale)d.") % {"scale": result.scale}
    )
    return Rendered(result.path, [], result, payload, sentence)


# -- the web edition -----------------------------------------------------------------------


def web_options(values: Mapping[str, Any]) -> WebOptions:
    """The web edition's options (its copies' metadata is the project's setting)."""
    return WebOptions(values.get("languages"), check_base_url(values.get("base_url") or ""),
                      bool(values.get("picks_only")))  # fmt: skip


def run_web(job: ExportJob) -> Rendered:
    """Write the web edition into the folder ``job.output`` (never stopped by preflight)."""
    from dataclasses import replace

    from curator.core.settings.project_settings import find_spec, read_setting
    from curator.core.settings.setting_specs import WEB_KEEP_METADATA

    keep = read_setting(job.service, find_spec(job.service, WEB_KEEP_METADATA)).value
    options = replace(job.options, keep_metadata=bool(keep))
    if not options.base_url:  # the stored address (the CLI and dialog keep a given one)
        options = replace(options, base_url=project_base_url(job.service))
    result = export_web(job.service, job.output, options, job.on_progress, job.cancel,
                        workers=job.workers)  # fmt: skip
    payload = {
        "path": str(result.path),
        "pages": result.pages,
        "photos": result.photos,
        "images": result.images,
        "languages": list(result.languages),
        "removed": result.removed,
        "metadata_kept": options.keep_metadata,
    }
    sentence = ngettext(
        "Wrote the web edition into %(folder)s: %(count)d page, %(photos)d photos.",
        "Wrote the web edition into %(folder)s: %(count)d pages, %(photos)d photos.",
        result.pages,
    ) % {"folder": result.path, "count": result.pages, "photos": result.photos}
    start = result.path / "index.html"
    return Rendered(start, [], result, payload, sentence)


# -- the walkthrough -----------------------------------------------------------------------


def walkthrough_options(values: Mapping[str, Any]) -> WalkthroughOptions:
    """The walkthrough's options: the route and the languages."""
    route = values.get("route")
    return WalkthroughOptions(
        str(route) if route else None, values.get("languages"), bool(values.get("picks_only"))
    )


def run_walkthrough(job: ExportJob) -> Rendered:
    """Write the guide's walkthrough booklet of one route (no preflight)."""
    result = export_walkthrough(job.service, job.output, job.options, job.on_progress,
                                job.cancel, job.profile)  # fmt: skip
    payload = {
        "path": str(result.path),
        "route": result.route,
        "pages": result.pages,
        "total_min": round(result.total_min, 2),
        "allotted_min": result.allotted_min,
        "languages": list(result.languages),
        "findings": _findings(list(result.findings)),
    }
    findings = list(result.findings)
    return Rendered(result.path, findings, result, payload, _wrote(result.path, result.pages))

"""Operations: every use case the window and the command line perform, in one layer.

An operation checks the rules once (:mod:`.rules`), writes in one transaction and returns
a frozen :class:`~.changes.ChangeSet` saying what it touched and how to undo it; reads go
through :class:`~.queries.Queries`. The repositories below stay private to ``core``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from curator.core.errors import CaptionConflictError
from curator.core.layout.catalogue_model import PageChoice
from curator.core.model import FIELD_LABELS, CaptionField
from curator.core.operations.caption_templates import CaptionTemplateOperations
from curator.core.operations.captions import CaptionOperations
from curator.core.operations.catalogue import CatalogueOperations
from curator.core.operations.changes import (
    Arrangement,
    CaptionChange,
    CaptionEdit,
    CaptionValue,
    ChangeSet,
    ExhibitionSnapshot,
    LabelChange,
    MarksChange,
    PlaceSection,
    RemoveSection,
    RestoreArrangement,
    RestoreCaptions,
    RestoreCaptionTemplate,
    RestoreCatalogue,
    RestoreExhibition,
    RestoreGlossaryCases,
    RestoreHall,
    RestoreImport,
    RestoreKeywords,
    RestoreLabels,
    RestoreMarks,
    RestorePageChoice,
    RestoreRights,
    RestoreRoutes,
    RestoreSection,
    RestoreSectionTexts,
    RestoreSettings,
    RestoreShown,
    RestoreTitle,
    SectionSnapshot,
    Undo,
)
from curator.core.operations.credits import CreditOperations
from curator.core.operations.exchange import ExchangeOperations
from curator.core.operations.hall import HallOperations
from curator.core.operations.imports import ImportOperations
from curator.core.operations.keywords import KeywordOperations, KeywordUse
from curator.core.operations.originals import OriginalOperations
from curator.core.operations.panels import PanelOperations
from curator.core.operations.photos import KEEP, Keep, PhotoOperations
from curator.core.operations.project import ProjectOperations
from curator.core.operations.queries import Queries
from curator.core.operations.records import RecordOperations
from curator.core.operations.rights import RightsOperations
from curator.core.operations.sections import SectionOperations
from curator.core.operations.settings import SettingOperations
from curator.core.operations.shown import ShownOperations
from curator.core.operations.visit import VisitOperations
from curator.core.repositories.alternatives import CaptionAlternative
from curator.i18n import _

if TYPE_CHECKING:
    from curator.core.services import ProjectService

__all__ = [
    "KEEP",
    "Arrangement",
    "CaptionAlternative",
    "CaptionChange",
    "CaptionEdit",
    "CaptionValue",
    "ChangeSet",
    "ExhibitionSnapshot",
    "Keep",
    "KeywordUse",
    "LabelChange",
    "MarksChange",
    "Operations",
    "PlaceSection",
    "Queries",
    "RemoveSection",
    "RestoreArrangement",
    "RestoreCaptionTemplate",
    "RestoreCaptions",
    "RestoreCatalogue",
    "RestoreExhibition",
    "RestoreGlossaryCases",
    "RestoreHall",
    "RestoreImport",
    "RestoreKeywords",
    "RestoreLabels",
    "RestoreMarks",
    "RestorePageChoice",
    "RestoreRights",
    "RestoreRoutes",
    "RestoreSection",
    "RestoreSectionTexts",
    "RestoreSettings",
    "RestoreShown",
    "RestoreTitle",
    "SectionSnapshot",
    "Undo",
]


class Operations:
    """The operations on one open project, grouped by what they change."""

    def __init__(self, service: ProjectService) -> None:
        self.captions = CaptionOperations(service)
        self.photos = PhotoOperations(service)
        self.keywords = KeywordOperations(service)
        self.sections = SectionOperations(service)
        self.panels = PanelOperations(service)
        self.catalogue = CatalogueOperations(service)
        self.exchange = ExchangeOperations(service)
        self.records = RecordOperations(service)
        self.settings = SettingOperations(service)
        self.rights = RightsOperations(service)
        self.shown = ShownOperations(service)
        self.hall = HallOperations(service)
        self.visit = VisitOperations(service)
        self.imports = ImportOperations(service)
        self.originals = OriginalOperations(service)
        self.project = ProjectOperations(service)
        self.templates = CaptionTemplateOperations(service)
        self.credits = CreditOperations(service)

    def undo(self, undo: Undo) -> ChangeSet:
        """Apply a change set's undo data; the result's own undo redoes the change."""
        if isinstance(undo, RestoreCaptions | RestoreImport):
            try:
                if isinstance(undo, RestoreImport):  # a translator's file, a kept translation
                    return self.exchange.restore(undo)
                return self.captions.set(undo.edits)
            except CaptionConflictError as conflict:
                raise conflict.with_message(
                    _(
                        "Cannot undo: someone else changed %(field)s (%(language)s) since"
                        " your edit. Their text stays: “%(theirs)s”."
                    )
                    % {
                        "field": _(FIELD_LABELS[CaptionField(conflict.field)]),
                        "language": conflict.language,
                        "theirs": conflict.theirs,
                    }
                ) from conflict
        if isinstance(undo, RestoreMarks):
            return self.photos.restore_marks(list(undo.marks))
        if isinstance(undo, RestoreLabels):
            return self.photos.restore_labels(list(undo.labels))
        if isinstance(undo, RestoreSettings):
            return self.settings.change(dict(undo.values))
        if isinstance(undo, RestoreGlossaryCases):
            return self.records.set_glossary_cases(undo.entry_id, undo.as_dict())
        if isinstance(undo, RestoreRights):
            return self.rights.restore(undo)
        if isinstance(undo, RestoreShown):
            return self.shown.set(undo.photo_id, undo.shown, edited=undo.edited)
        if isinstance(undo, RestoreHall):
            return self.hall.restore(undo.hall)
        if isinstance(undo, RestoreRoutes):
            return self.visit.restore(undo.routes)
        if isinstance(undo, RestoreKeywords):
            return self.keywords.restore(list(undo.keywords))
        if isinstance(undo, RestoreCatalogue):
            return self.catalogue.restore(undo)
        if isinstance(undo, RestorePageChoice):
            return self.catalogue.set_page_choice(undo.photo_id, PageChoice(undo.choice))
        if isinstance(undo, RestoreExhibition):
            return self.panels.restore(undo.snapshot)
        if isinstance(undo, RestoreArrangement):
            return self.sections.restore_arrangement(undo.arrangement)
        if isinstance(undo, RestoreSectionTexts):
            return self.sections.set_texts(undo.section_id, dict(undo.title), dict(undo.intro))
        if isinstance(undo, RestoreSection):
            return self.sections.restore(undo.snapshot, undo.before)
        if isinstance(undo, RestoreTitle):
            return self.project.set_title(undo.title)
        if isinstance(undo, RestoreCaptionTemplate):
            return self.templates.restore(undo)
        if isinstance(undo, RemoveSection):
            return self.sections.remove(undo.section_id, undo.before)
        return self.sections.move(undo.section_id, undo.index)

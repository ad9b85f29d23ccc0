"""What an operation changed: a typed, frozen change set, and what undoing it needs.

Every write of :mod:`curator.core.operations` returns a :class:`ChangeSet`. The window
redraws only what a change set names (the caption fields, the photos, the sections, the
panels, the settings it touched) and keeps the change set's :attr:`ChangeSet.undo` on its
undo stack; the command line reports from it. Nothing here reads the project.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dataclass_field

from curator.core.hall.model import Hall
from curator.core.hall.visit import Route
from curator.core.model import CaptionField, CaptionStatus, PhotoFlag
from curator.core.repositories.alternatives import CaptionAlternative
from curator.core.repositories.catalogue import KeptText, StoredAsset
from curator.core.rights import Provenance, RightsTemplate
from curator.core.settings.setting_values import SettingValue
from curator.core.shown import Shown


@dataclass(frozen=True, slots=True)
class CaptionEdit:
    """One field's new value; ``status`` None means empty/draft by the text.

    ``revision`` is the field's revision the writer read (0: never written). When given, the
    edit is applied only if the field still has it; otherwise nothing of the operation is
    written and :class:`~curator.core.errors.CaptionConflictError` says what the field holds
    now. None writes whatever is there (the command line reads and writes in one step).

    ``expected`` (an undo's) is the value the field must still read, whatever its revision:
    one's own later edits undone first leave it so, someone else's change does not.
    """

    photo_id: str
    language: str
    field: CaptionField
    text: str
    status: CaptionStatus | None = None
    edited: bool = True
    revision: int | None = None
    expected: CaptionValue | None = None


@dataclass(frozen=True, slots=True)
class CaptionValue:
    """A caption field's text, status and whether the curator wrote it (never written: empty).

    ``revision`` is the field's revision with that value (not compared: two values are equal
    when they read the same).
    """

    text: str = ""
    status: CaptionStatus = CaptionStatus.EMPTY
    edited: bool = True
    revision: int = dataclass_field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class CaptionChange:
    """One caption field (photo, language, field) before and after an operation."""

    photo_id: str
    language: str
    field: CaptionField
    before: CaptionValue
    after: CaptionValue

    def restoring(self) -> CaptionEdit:
        """The edit that puts the field back as it was, if nobody changed it since.

        Checked by what the field reads, not by its revision: undoing one's own later edit
        first writes a new revision but gives back what this edit left.
        """
        value = self.before
        return CaptionEdit(
            self.photo_id,
            self.language,
            self.field,
            value.text,
            value.status,
            value.edited,
            expected=self.after,
        )


@dataclass(frozen=True, slots=True)
class MarksChange:
    """A photo's rating and flag before and after (None: never rated, no flag)."""

    photo_id: str
    before: tuple[int | None, PhotoFlag | None]
    after: tuple[int | None, PhotoFlag | None]


@dataclass(frozen=True, slots=True)
class LabelChange:
    """A photo's colour label before and after (None: no label)."""

    photo_id: str
    before: str | None
    after: str | None


@dataclass(frozen=True, slots=True)
class RestoreCaptions:
    """Undo data: write these caption fields back."""

    edits: tuple[CaptionEdit, ...]


@dataclass(frozen=True, slots=True)
class RestoreMarks:
    """Undo data: give these photos these ratings and flags again."""

    marks: tuple[tuple[str, int | None, PhotoFlag | None], ...]


@dataclass(frozen=True, slots=True)
class RestoreLabels:
    """Undo data: give these photos these colour labels again (None: none)."""

    labels: tuple[tuple[str, str | None], ...]


@dataclass(frozen=True, slots=True)
class PlaceSection:
    """Undo data: put a section back at ``index`` of the visit."""

    section_id: str
    index: int


@dataclass(frozen=True, slots=True)
class Arrangement:
    """The photo order of some sections, and which photos were in no section."""

    sections: tuple[tuple[str, tuple[str, ...]], ...]
    unplaced: tuple[str, ...]

    def photo_ids(self) -> list[str]:
        """Every photo it places (in a section or in none), in order."""
        placed = [pid for _section, photo_ids in self.sections for pid in photo_ids]
        return list(dict.fromkeys([*placed, *self.unplaced]))

    def section_ids(self) -> list[str]:
        """The sections it names, in order."""
        return [section_id for section_id, _photos in self.sections]


#: A row of a section's tables: table, column names, values.
Row = tuple[str, tuple[str, ...], tuple[object, ...]]


@dataclass(frozen=True, slots=True)
class SectionSnapshot:
    """A section with everything that hangs from it, and its place in the visit."""

    section_id: str
    index: int
    rows: tuple[Row, ...]


@dataclass(frozen=True, slots=True)
class ExhibitionSnapshot:
    """Every section with its texts, photos, panels and slots, as rows."""

    rows: tuple[Row, ...]


@dataclass(frozen=True, slots=True)
class RestoreExhibition:
    """Undo data: the whole exhibition (sections, panels, slots) as it was, same ids."""

    snapshot: ExhibitionSnapshot


@dataclass(frozen=True, slots=True)
class RestoreArrangement:
    """Undo data: put these photos back in these sections (or in none), in this order."""

    arrangement: Arrangement


@dataclass(frozen=True, slots=True)
class RestoreSectionTexts:
    """Undo data: a section's title and introduction as they were."""

    section_id: str
    title: tuple[tuple[str, str], ...]
    intro: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class RestoreSection:
    """Undo data: bring back a deleted section at its place, with its photos.

    ``before`` (set when the section was new) is where its photos were before it; undoing
    the restore puts them back there.
    """

    snapshot: SectionSnapshot
    before: Arrangement | None = None


@dataclass(frozen=True, slots=True)
class RemoveSection:
    """Undo data: delete a section (no backup), then put ``before``'s photos back, if given."""

    section_id: str
    before: Arrangement | None = None


@dataclass(frozen=True, slots=True)
class RestoreCatalogue:
    """Undo data: the catalogue's own texts and images as they were.

    ``texts`` are ``(key, language, text)`` to write back (empty text: none); the images in
    ``gone`` are removed and those in ``back`` put back (same ids).
    """

    texts: tuple[tuple[str, str, str], ...] = ()
    gone: tuple[StoredAsset, ...] = ()
    back: tuple[StoredAsset, ...] = ()


@dataclass(frozen=True, slots=True)
class RestorePageChoice:
    """Undo data: a photo's catalogue page template as it was (``auto``: by the rules)."""

    photo_id: str
    choice: str


@dataclass(frozen=True, slots=True)
class RestoreSettings:
    """Undo data: these settings' former values (None: the default)."""

    values: tuple[tuple[str, SettingValue | None], ...]


@dataclass(frozen=True, slots=True)
class RestoreGlossaryCases:
    """Undo data: give a glossary entry these case forms again, by language."""

    entry_id: int
    cases: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]

    def as_dict(self) -> dict[str, dict[str, str]]:
        """The forms as the glossary keeps them: ``{"ru": {"gen": "Ханоя"}}``."""
        return {language: dict(forms) for language, forms in self.cases}


@dataclass(frozen=True, slots=True)
class RestoreRights:
    """Undo data: rights templates and photos' provenance records as they were.

    ``templates`` pairs an agency key with its template (None: it had none).
    """

    templates: tuple[tuple[str, RightsTemplate | None], ...] = ()
    provenance: tuple[Provenance, ...] = ()


@dataclass(frozen=True, slots=True)
class RestoreShown:
    """Undo data: what a photo showed before (persons, places, event), and whether edited."""

    photo_id: str
    shown: Shown
    edited: bool = True


@dataclass(frozen=True, slots=True)
class RestoreKeywords:
    """Undo data: give these photos these keywords again."""

    keywords: tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True, slots=True)
class RestoreHall:
    """Undo data: the hall's whole plan as it was."""

    hall: Hall


@dataclass(frozen=True, slots=True)
class RestoreRoutes:
    """Undo data: every route of the visit as it was (stops, talking points)."""

    routes: tuple[Route, ...]


@dataclass(frozen=True, slots=True)
class RestoreImport:
    """Undo data: take back a translator's file applied, or a kept translation resolved.

    The caption fields go back to each change's ``before`` (refused, nothing written, when
    one no longer reads as the change left it); the translations kept beside by the change
    (``kept``, ``kept_texts``) are removed and those it removed (``dropped``,
    ``dropped_texts``) put back; catalogue texts ``(key, language, before, after)`` and the
    routes ``(before, after)`` go back. The undo of the result is this one turned round.
    """

    captions: tuple[CaptionChange, ...] = ()
    kept: tuple[CaptionAlternative, ...] = ()
    dropped: tuple[CaptionAlternative, ...] = ()
    texts: tuple[tuple[str, str, str, str], ...] = ()
    kept_texts: tuple[KeptText, ...] = ()
    dropped_texts: tuple[KeptText, ...] = ()
    routes: tuple[tuple[Route, ...], tuple[Route, ...]] | None = None


@dataclass(frozen=True, slots=True)
class RestoreTitle:
    """Undo data: the project's title as it was."""

    title: str


#: A caption template as undo data keeps it: ``((language, ((field, text), …)), …)``.
FrozenTemplate = tuple[tuple[str, tuple[tuple[str, str], ...]], ...]


@dataclass(frozen=True, slots=True)
class RestoreCaptionTemplate:
    """Undo data: a caption template as it was (None: there was none of that name)."""

    name: str
    template: FrozenTemplate | None


Undo = (
    RestoreCaptions
    | RestoreMarks
    | RestoreLabels
    | PlaceSection
    | RestoreArrangement
    | RestoreSectionTexts
    | RestoreSection
    | RemoveSection
    | RestoreExhibition
    | RestoreCatalogue
    | RestorePageChoice
    | RestoreSettings
    | RestoreGlossaryCases
    | RestoreRights
    | RestoreShown
    | RestoreKeywords
    | RestoreHall
    | RestoreRoutes
    | RestoreImport
    | RestoreTitle
    | RestoreCaptionTemplate
)


@dataclass(frozen=True, slots=True)
class ChangeSet:
    """Everything one operation touched, and how to undo it (None: nothing to undo).

    ``section_order`` says the order of the visit changed (no section's content did);
    ``regenerated`` that caption fields following their data were written again (a credit
    template changed), too many to name.
    """

    captions: tuple[CaptionChange, ...] = ()
    marks: tuple[MarksChange, ...] = ()
    labels: tuple[LabelChange, ...] = ()
    photos: frozenset[str] = frozenset()
    sections: frozenset[str] = frozenset()
    section_order: bool = False
    panels: frozenset[str] = frozenset()
    settings: frozenset[str] = frozenset()
    regenerated: bool = False
    #: Glossary entries whose case forms changed (by id).
    glossary: frozenset[int] = frozenset()
    #: Photos' keywords changed (``photos`` names them).
    keywords: bool = False
    #: The hall's plan changed (walls, stands or placements).
    hall: bool = False
    #: The visit's routes changed (routes, stops or talking points).
    routes: bool = False
    #: The catalogue's own texts or images changed.
    catalogue: bool = False
    #: Translations kept beside the curator's (captions' or catalogue texts') changed.
    alternatives: bool = False
    #: The project's title changed.
    title: bool = False
    undo: Undo | None = None

    @property
    def empty(self) -> bool:
        """Whether nothing changed (nothing was written)."""
        return not (
            self.captions
            or self.marks
            or self.labels
            or self.photos
            or self.sections
            or self.section_order
            or self.panels
            or self.settings
            or self.regenerated
            or self.glossary
            or self.keywords
            or self.hall
            or self.routes
            or self.catalogue
            or self.alternatives
            or self.title
        )

    def caption_photo_ids(self, field: CaptionField | None = None) -> list[str]:
        """The photos whose captions (of ``field``, when given) changed, in first-seen order."""
        return list(
            dict.fromkeys(
                change.photo_id
                for change in self.captions
                if field is None or change.field == field
            )
        )

    def touches_field(self, field: CaptionField) -> bool:
        """Whether any caption of ``field`` changed."""
        return any(change.field == field for change in self.captions)

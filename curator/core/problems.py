"""Problems with input files: a stable English code and a translated message.

A problem is stored as its code plus a detail (the technical reason, untranslated), and
rendered in the interface language only when shown, so a project opened by a Russian and a
Vietnamese curator speaks to each in their own language.
"""

from __future__ import annotations

from dataclasses import dataclass

from curator.i18n import N_, _

#: Every problem code Curator reports, with its message template.
PROBLEM_MESSAGES: dict[str, str] = {
    "unreadable-file": N_("The file cannot be read: %(detail)s"),
    "empty-file": N_("The file is empty (0 bytes)."),
    "not-an-image": N_("The file is not a JPEG, TIFF or PNG image."),
    "unsupported-format": N_("This image format is not supported: %(detail)s"),
    "truncated-file": N_("The image file is truncated: part of it is missing."),
    "corrupt-image": N_("The image data is damaged: %(detail)s"),
    "image-too-large": N_("The image is too large to import safely: %(detail)s"),
    "special-file": N_("Not a regular file (%(detail)s): skipped."),
    "file-name-encoding": N_(
        "The file name is not valid UTF-8 (%(detail)s), so the project cannot store it: "
        "rename the file and import it again."
    ),
    "corrupt-exif": N_("The EXIF metadata is damaged and was partly ignored: %(detail)s"),
    "corrupt-iptc": N_("The IPTC metadata is damaged and was partly ignored: %(detail)s"),
    "corrupt-xmp": N_("The XMP metadata is damaged and was ignored: %(detail)s"),
    "unsafe-xmp": N_("The XMP metadata contains unsafe XML (entities) and was ignored."),
    "corrupt-sidecar": N_("The XMP sidecar file is damaged and was ignored: %(detail)s"),
    "missing-original": N_("The original file is missing: %(detail)s"),
    "field-too-long": N_(
        "Some metadata was far too long and was shortened to a reasonable length: %(detail)s"
    ),
}


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with one input file."""

    code: str
    detail: str = ""

    @property
    def message(self) -> str:
        """The problem in the interface language."""
        template = PROBLEM_MESSAGES.get(self.code)
        if template is None:
            return self.detail or self.code
        return _(template) % {"detail": self.detail}

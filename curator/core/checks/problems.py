"""Problems with input files: a stable English code and a translated message.

A problem is stored as its code plus a detail (the technical reason, untranslated), and
rendered in the interface language only when shown, so a project opened by a Russian and a
Vietnamese curator speaks to each in their own language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from curator.core.language.library_messages import reason
from curator.i18n import N_, _, number_text

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

#: Problems whose detail is a path, a file name or field names Curator wrote, never a
#: library's text.
_NAMES_DETAIL = frozenset({"missing-original", "field-too-long", "file-name-encoding"})
#: What a special file is (``curator.decode.files.file_kind``'s plain words), translated.
_FILE_KINDS: dict[str, str] = {
    "named pipe (FIFO)": N_("a named pipe (FIFO)"),
    "character device": N_("a character device"),
    "block device": N_("a block device"),
    "socket": N_("a socket"),
    "folder": N_("a folder"),
    "special file": N_("a special file"),
}
#: The size the decoder's refusal starts with ("40000 x 40000 pixels ...", untranslated).
_PIXELS = re.compile(r"^(\d+) x (\d+) pixels")
#: An image format's name, as Pillow calls it ("GIF", "WEBP", "JPEG2000").
_FORMAT_NAME = re.compile(r"[A-Z0-9]{2,12}")


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
            return reason(self.detail) if self.detail else self.code
        return _(template) % {"detail": self.shown_detail}

    @property
    def shown_detail(self) -> str:
        """The detail as a person reads it, never a library's own English.

        Names Curator wrote (a path, fields, a format) stay; a library's text is put in
        Curator's words (:func:`curator.core.language.library_messages.reason`).
        """
        if self.code == "special-file":
            return _(_FILE_KINDS.get(self.detail, _FILE_KINDS["special file"]))
        pixels = _PIXELS.match(self.detail) if self.code == "image-too-large" else None
        if pixels is not None:  # its size, in the interface language (not "an error ...")
            width, height = (int(pixels.group(n)) for n in (1, 2))
            return _("%(width)s × %(height)s pixels, %(megapixels)s megapixels") % {
                "width": number_text(width),
                "height": number_text(height),
                "megapixels": number_text(round(width * height / 1e6), grouped=True),
            }
        if self.code in _NAMES_DETAIL or (
            self.code == "unsupported-format" and _FORMAT_NAME.fullmatch(self.detail)
        ):
            return self.detail
        return reason(self.detail)

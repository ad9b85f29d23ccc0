"""Libraries' messages in Curator's own words, in the interface language.

Pillow, Qt's image reader, reportlab, SQLite, exiv2, the XML, zip and CSV readers and the C
library (``strerror``) all explain a failure in English, in their own terms ("image file is
truncated", "not identified by this driver", "Missing dimensions", "database disk image is
malformed", "No space left on device"). None of that text is shown to a person: every place
that catches a library's error and puts its reason in a message passes the error (or the
untranslated detail a project stored) through :func:`reason`, which answers with one of
Curator's translated clauses ("the file ends too early: part of it is missing"), chosen by
the error's ``errno`` or by the library's wording. A message nobody mapped yet gets a
translated clause that says so, naming the kind of error (its class), and the library's own
text goes to the debug log (``curator --debug`` prints it), where a developer finds it.

Clauses are lower-case and without a final stop: they fill a ``%(reason)s`` or
``%(detail)s`` after a colon ("Cannot read %(path)s: %(reason)s").
"""

from __future__ import annotations

import errno
import logging
import re
import sqlite3

from curator.core.errors import CuratorError
from curator.core.storage.regular_files import SpecialFileError
from curator.i18n import N_, _

_log = logging.getLogger(__name__)

DISK_FULL = N_("the disk is full")
READ_ONLY = N_("the file or its folder is read-only")
NO_PERMISSION = N_("you do not have permission to use this file or folder")
NOT_FOUND = N_("the file or folder does not exist")
IS_FOLDER = N_("it is a folder, not a file")
NOT_FOLDER = N_("a part of its path is a file, not a folder")
DISK_ERROR = N_("the disk reported a read or write error")
GONE = N_("the disk or network share is no longer connected")
NAME_TOO_LONG = N_("the name is too long for this disk")
EXISTS = N_("a file of that name already exists")
BUSY = N_("the file is in use by another program")
TOO_MANY_OPEN = N_("too many files are open at once")
NOT_EMPTY = N_("the folder is not empty")
OTHER_DISK = N_("it is on another disk")
LINK_LOOP = N_("its path goes round in a loop of symbolic links")
NO_MEMORY = N_("there is not enough memory")
NOT_REGULAR = N_("it is not a regular file but a named pipe, a device or a socket")
TOO_LARGE_FILE = N_("the file is too large for this disk")
TIMED_OUT = N_("the disk did not answer in time")
INVALID = N_("the system does not accept this name or request")
EMPTY = N_("the file is empty")
LINK_NOWHERE = N_("it is a link that points nowhere")

TRUNCATED = N_("the file ends too early: part of it is missing")
NOT_IMAGE = N_("the data is not in an image format Curator can read")
NO_DIMENSIONS = N_("the image does not say how large it is")
TOO_MANY_PIXELS = N_("the image has too many pixels to open safely")
PIXEL_FORMAT = N_("its kind of pixel data (colour mode or bit depth) is not supported")
DAMAGED = N_("the data is damaged")
BAD_XML = N_("the XML is not well-formed")
XML_ENTITIES = N_("the XML declares entities, which Curator does not read")
NOT_ZIP = N_("it is not a readable zip archive")
CSV_FIELD_TOO_LONG = N_("a field is far too long")
CSV_QUOTES = N_("its quotation marks or line breaks do not match")
CSV_NUL = N_("it contains NUL characters, so it is not text")
DATABASE_LOCKED = N_("another program is using the project")
DATABASE_DAMAGED = N_("the project file is damaged or is not a Curator project")
DATABASE_CANNOT_OPEN = N_("the project file cannot be opened")
DATABASE_VERSION = N_("the project was made by a different version of Curator")
FONT = N_("the font cannot be used")
COLOUR_PROFILE = N_("the colour profile cannot be used")
NO_DICTIONARY = N_("no spelling dictionary is installed for this language")
WORKER_DIED = N_("the program reading it stopped unexpectedly (perhaps out of memory)")
ENCODING = N_("its text is not in the expected character encoding")

_ERRNO: dict[int, str] = {
    errno.ENOSPC: DISK_FULL,
    errno.EDQUOT: DISK_FULL,
    errno.EROFS: READ_ONLY,
    errno.EACCES: NO_PERMISSION,
    errno.EPERM: NO_PERMISSION,
    errno.ENOENT: NOT_FOUND,
    errno.EISDIR: IS_FOLDER,
    errno.ENOTDIR: NOT_FOLDER,
    errno.EIO: DISK_ERROR,
    errno.ENXIO: GONE,
    errno.ENODEV: GONE,
    errno.ESTALE: GONE,
    errno.ENOTCONN: GONE,
    errno.EHOSTDOWN: GONE,
    errno.ENAMETOOLONG: NAME_TOO_LONG,
    errno.EEXIST: EXISTS,
    errno.EBUSY: BUSY,
    errno.ETXTBSY: BUSY,
    errno.EAGAIN: BUSY,
    errno.EMFILE: TOO_MANY_OPEN,
    errno.ENFILE: TOO_MANY_OPEN,
    errno.ENOTEMPTY: NOT_EMPTY,
    errno.EXDEV: OTHER_DISK,
    errno.ELOOP: LINK_LOOP,
    errno.ENOMEM: NO_MEMORY,
    errno.EFBIG: TOO_LARGE_FILE,
    errno.ETIMEDOUT: TIMED_OUT,
    errno.EINVAL: INVALID,
}

#: Libraries' wordings, most specific first; searched case-insensitively anywhere in the text.
_WORDINGS: tuple[tuple[str, str], ...] = (
    # The C library's strerror texts (an OSError's reason, or one a library copied).
    (r"no space left|disk is full|database or disk is full|quota exceeded", DISK_FULL),
    (r"read-only file system|readonly database|read-only database", READ_ONLY),
    (r"permission denied|operation not permitted|access is denied", NO_PERMISSION),
    (r"no such file|file not found|does not exist|no such file or folder", NOT_FOUND),
    (r"is a directory", IS_FOLDER),
    (r"not a directory", NOT_FOLDER),
    (r"input/output error|disk i/o error", DISK_ERROR),
    (r"file name too long", NAME_TOO_LONG),
    (r"points nowhere|dangling|broken (symbolic )?link", LINK_NOWHERE),
    (r"cannot allocate memory|out of memory|memoryerror", NO_MEMORY),
    (r"worker died|process pool|brokenprocesspool|terminated abruptly", WORKER_DIED),
    # SQLite.
    (r"database (table )?is locked", DATABASE_LOCKED),
    (r"malformed|file is not a database|not a database", DATABASE_DAMAGED),
    (r"unable to open database", DATABASE_CANNOT_OPEN),
    (r"no such table|no such column", DATABASE_VERSION),
    # Images: Pillow, Qt's QImageReader, exiv2, Curator's own stored details.
    (r"decompression ?bomb|exceeds limit of|could be decompression", TOO_MANY_PIXELS),
    (r"missing dimensions|invalid dimensions|image size is zero", NO_DIMENSIONS),
    (
        r"truncated|premature end|end of the file is missing|unexpected end|ended prematurely"
        r"|unpack requires a buffer|buffer is not large enough|not enough data|eoferror"
        r"|end of file|ran out of data",
        TRUNCATED,
    ),
    (r"image is empty|file is empty|empty file", EMPTY),
    (r"codec can't decode|invalid start byte|unicodedecodeerror|encoding specified", ENCODING),
    (r"entit(y|ies)", XML_ENTITIES),
    (
        r"not well-formed|mismatched tag|unclosed token|no element found|junk after document"
        r"|xmlsyntaxerror|parseerror|syntax error: line|start tag expected|opening and ending tag",
        BAD_XML,
    ),
    (r"not a zip file|bad zip ?file|badzipfile|zip archive", NOT_ZIP),
    (r"field larger than field limit", CSV_FIELD_TOO_LONG),
    (r"new-line character seen in unquoted field|expected .* after .*\"", CSV_QUOTES),
    (r"\bnul\b|null byte", CSV_NUL),
    (r"\bttf|truetype|\bfont\b", FONT),
    (r"\bicc\b|pycms|colour profile|color profile|cannot build transform|cmsopen", COLOUR_PROFILE),
    (r"dictionary for language|dictnotfound|no dictionary", NO_DICTIONARY),
    (
        r"cannot identify image|not identified by this driver|unidentified|unsupported image format"
        r"|unknown image type|not a (jpeg|tiff|png|gif) file|unrecognized data stream"
        r"|not a valid (jpeg|tiff|png)|image format not supported|does not look like"
        r"|unknown file format|failed to open the data source|not a known file format",
        NOT_IMAGE,
    ),
    (
        r"\bmode\b|bit depth|bits per sample|bitspersample|planar|unsupported photometric",
        PIXEL_FORMAT,
    ),
    (
        r"broken data stream|corrupt|damaged|invalid|bad huffman|crc|checksum|decoder error"
        r"|decoding error|tile cannot extend|unable to read image data|could not decode"
        r"|unexpected byte|no readable exif|bad |wrong |illegal|unknown error",
        DAMAGED,
    ),
)

_COMPILED: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), clause) for pattern, clause in _WORDINGS
)


#: Where an error was raised, for a library that says nothing a wording could match
#: (reportlab fails on a broken font with ``KeyError: 'name'``). Longest prefix first.
_ORIGINS: tuple[tuple[str, str], ...] = (
    ("reportlab.pdfbase.ttfonts", FONT),
    ("PIL.ImageCms", COLOUR_PROFILE),
    ("PIL.", DAMAGED),
    ("sqlite3", DATABASE_DAMAGED),
    ("xml.", BAD_XML),
    ("lxml", BAD_XML),
    ("zipfile", NOT_ZIP),
    ("openpyxl", DAMAGED),
    ("csv", CSV_QUOTES),
)


def _origin(error: BaseException) -> str | None:
    """The clause for the library whose code raised ``error``, judged by its deepest frame."""
    traceback = error.__traceback__
    module = ""
    while traceback is not None:
        name = traceback.tb_frame.f_globals.get("__name__", "")
        if not name.startswith("curator"):
            module = module or name
            module = name if name.split(".")[0] != "builtins" else module
        traceback = traceback.tb_next
    for prefix, clause in _ORIGINS:
        if module.startswith(prefix):
            return clause
    return None


def _mapped(text: str) -> str | None:
    for pattern, clause in _COMPILED:
        if pattern.search(text):
            return clause
    return None


def reason(error: BaseException | str | None) -> str:
    """Why something failed, in Curator's words and the interface language.

    ``error`` is a caught exception or the untranslated detail text a project stored. A
    :class:`~curator.core.errors.CuratorError` already speaks Curator's words and keeps its
    message. Nothing a library wrote is returned.
    """
    if isinstance(error, CuratorError):
        return error.message
    if isinstance(error, MemoryError):
        return _(NO_MEMORY)
    if isinstance(error, SpecialFileError):
        return _(NOT_REGULAR)
    if isinstance(error, OSError) and error.errno in _ERRNO:
        return _(_ERRNO[error.errno])
    text = "" if error is None else str(error)
    if isinstance(error, BaseException):
        text = f"{type(error).__name__}: {text}"
        cause = error.__cause__ or error.__context__
        while cause is not None and not _mapped(text):
            text += f" / {type(cause).__name__}: {cause}"
            cause = cause.__cause__
    if isinstance(error, sqlite3.Error) and not _mapped(text):
        return _(DATABASE_DAMAGED)
    clause = _mapped(text)
    if clause is not None:
        return _(clause)
    if isinstance(error, BaseException) and (by_origin := _origin(error)) is not None:
        _log.debug("Library message mapped by its origin: %r", text)
        return _(by_origin)
    if isinstance(error, OSError) and error.errno is not None:
        name = errno.errorcode.get(error.errno, str(error.errno))
        _log.debug("Unmapped system error %s: %s", name, error)
        return _("the system refused it (error %(code)s)") % {"code": name}
    _log.debug("Unmapped library message: %r", text)
    if isinstance(error, BaseException):
        return _("an error Curator cannot describe further (%(kind)s)") % {
            "kind": type(error).__name__
        }
    return _("an error Curator cannot describe further")


def explained(error: BaseException) -> str:
    """A whole message for an unexpected error: a CuratorError's own, else its reason."""
    if isinstance(error, CuratorError):
        return error.message
    return _("Something went wrong: %(reason)s.") % {"reason": reason(error)}

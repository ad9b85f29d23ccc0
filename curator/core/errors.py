"""The one family of errors a user can cause.

Every exception that reaches a dialog or the command line is a :class:`CuratorError`: its
message is already translated and names the file or field concerned. Anything else that
escapes is a bug. The ``exit_code`` follows the command-line contract (docs/cli.md).
"""

from __future__ import annotations

from pathlib import Path

from curator.i18n import _


class CuratorError(Exception):
    """An error a user can cause, with a message fit to show in a dialog."""

    exit_code: int = 2

    def __init__(self, message: str, *, path: Path | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path

    def __str__(self) -> str:
        return self.message


class UsageError(CuratorError):
    """A bad argument or value: nothing was changed."""

    exit_code = 2


class UnknownLanguageError(UsageError):
    """A language tag that no locale data knows."""

    def __init__(self, message: str, *, tag: str, suggestions: list[str]) -> None:
        super().__init__(message)
        self.tag = tag
        self.suggestions = suggestions


class NotAProjectError(CuratorError):
    """The file exists but is not a Curator project (refused, exit 2)."""

    exit_code = 2


class ProjectOpenError(CuratorError):
    """The project could not be opened or written; nothing was changed (exit 3)."""

    exit_code = 3


class ProjectWriteError(ProjectOpenError):
    """A change could not be saved (disk full, I/O error, read-only media); it was rolled back.

    ``reason`` says why in a few words; ``disk_full`` whether the disk ran out of room. A
    job that commits in several steps says what its earlier steps kept with
    :meth:`after`.
    """

    def __init__(
        self, message: str, *, path: Path | None = None, reason: str = "", disk_full: bool = False
    ) -> None:
        super().__init__(message, path=path)
        self.reason = reason
        self.disk_full = disk_full

    def after(self, kept: str) -> ProjectWriteError:
        """The same failure, its message saying what was kept (``kept``) instead of nothing."""
        message = _("Could not save to %(path)s: %(reason)s.") % {
            "path": self.path,
            "reason": self.reason,
        }
        return ProjectWriteError(
            f"{message} {kept}", path=self.path, reason=self.reason, disk_full=self.disk_full
        )


class CaptionConflictError(ProjectOpenError):
    """A caption field changed since it was read: the write was not applied (exit 3).

    Optimistic concurrency (issue 23): a write that names the revision it read is refused
    when the field's revision moved on meanwhile (another window, another workstation).
    The error carries the other side's text, so the person can choose between the two;
    ``mine`` is the text that was not saved.
    """

    def __init__(
        self,
        message: str,
        *,
        photo_id: str,
        language: str,
        field: str,
        theirs: str,
        theirs_status: str,
        theirs_revision: int,
        mine: str,
    ) -> None:
        super().__init__(message)
        self.photo_id = photo_id
        self.language = language
        self.field = field
        self.theirs = theirs
        self.theirs_status = theirs_status
        self.theirs_revision = theirs_revision
        self.mine = mine

    def with_message(self, message: str) -> CaptionConflictError:
        """The same conflict, told in other words (an undo's refusal, say)."""
        return CaptionConflictError(
            message,
            photo_id=self.photo_id,
            language=self.language,
            field=self.field,
            theirs=self.theirs,
            theirs_status=self.theirs_status,
            theirs_revision=self.theirs_revision,
            mine=self.mine,
        )


class ProjectMissingError(ProjectOpenError):
    """No file at the given path."""


class NewerSchemaError(ProjectOpenError):
    """The project was written by a newer Curator."""


class ProjectLockedError(ProjectOpenError):
    """Another Curator has the project open for writing."""

    def __init__(self, message: str, *, path: Path, holder: str) -> None:
        super().__init__(message, path=path)
        self.holder = holder


class ReadOnlyProjectError(ProjectOpenError):
    """A change was asked of a project that is open read-only."""


class HardLinkedProjectError(ProjectOpenError):
    """The project file has several names (hard links): it is not opened for writing."""


class ProjectExistsError(UsageError):
    """``new`` was asked to create a project where a file already exists."""


class NotFoundError(UsageError):
    """An id (photo, section, ...) that the project does not hold."""


class ProjectGoneError(ProjectOpenError):
    """The project file vanished or was replaced while open (a disk pulled, a folder moved)."""


class BackupError(ProjectOpenError):
    """A snapshot could not be taken or restored; what it guarded did not run (exit 3).

    ``can_go_on`` says the operation could still run without the snapshot, if the person
    chooses to (a full disk, say), as opposed to an unknown or damaged snapshot.
    """

    def __init__(self, message: str, *, path: Path | None = None, can_go_on: bool = False):
        super().__init__(message, path=path)
        self.can_go_on = can_go_on


class CancelledError(CuratorError):
    """The person stopped a job; what it was writing was rolled back (exit 130)."""

    exit_code = 130

"""Diagnostics are data: every stage reports problems here instead of raising at the first one.

The CLI prints them compiler-style (``path:line:col: error: message``) so editors and CI make
them clickable, and only the CLI decides the exit code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from .i18n import _, decimal, ngettext

QUOTE_LIMIT = 60  # characters of the user's own text a message repeats


def quote(text: str, limit: int = QUOTE_LIMIT) -> str:
    """The user's text as a message repeats it: at most ``limit`` characters, on one line.

    A 300-word title pasted into the wrong field must not come back as a 3,000-character
    message; the location says where the rest is.
    """
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[:limit].rstrip() + "…"


def number(value: float, digits: int = 0) -> str:
    """A number in the message language's style: 2,000,000 and 1.5 in English, 2.000.000 and 1,5 in Turkish."""
    return decimal(value, digits)


def file_size(size: int, exact: bool = False) -> str:
    """A byte count people read at a glance: ``812 bytes``, ``2 MB``, ``3.7 GB``."""
    if size < 10_000 or exact:
        return ngettext("{count} byte", "{count} bytes", size).format(count=number(size))
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("KB", 1e3)):
        if size >= scale:
            value = size / scale
            text = number(value, 0 if value >= 100 or value == int(value) else 1)
            return f"{text} {unit}"
    return number(size)  # pragma: no cover - unreachable


def os_reason(exc: OSError) -> str:
    """What the operating system refused, in words (not ``[Errno 28]`` or a tuple)."""
    import errno

    reasons = {
        errno.ENOSPC: _("the disk is full"),
        errno.EDQUOT: _("the disk quota is used up"),
        errno.EACCES: _("permission denied"),
        errno.EPERM: _("permission denied"),
        errno.EROFS: _("the disk is read-only"),
        errno.EISDIR: _("a folder of that name is in the way"),
        errno.ENOTDIR: _("a file of that name is in the way of a folder"),
        errno.ENOENT: _("it does not exist"),
        errno.EEXIST: _("it already exists"),
        errno.ENAMETOOLONG: _("the name is too long"),
        errno.EIO: _("the disk reported a read or write error"),
    }
    return reasons.get(exc.errno, exc.strerror or _("unknown reason"))


class Level(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"  # information for the editor (a value to pin); never an error, even with --strict


@dataclass(frozen=True, order=True)
class Location:
    """A place in a content file; line and column are 1-based, as editors count them."""

    path: Path
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{self.col or 1}"
        return str(self.path)


@dataclass(frozen=True)
class Diagnostic:
    level: Level
    location: Location
    message: str
    hint: str = ""

    def format(self) -> str:
        level = {Level.ERROR: _("error"), Level.WARNING: _("warning")}.get(self.level) or _("note")
        text = f"{self.location}: {level}: {self.message}"
        if self.hint:
            text += "\n  " + _("hint: {hint}").format(hint=self.hint)
        return text


@dataclass
class Report:
    """Collects diagnostics from every stage so a user sees all problems in one run."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    strict: bool = False  # --strict: every warning is reported, and counts, as an error

    def error(self, location: Location, message: str, hint: str = "") -> None:
        self._add(Diagnostic(Level.ERROR, location, message, hint))

    def warning(self, location: Location, message: str, hint: str = "") -> None:
        self._add(Diagnostic(Level.ERROR if self.strict else Level.WARNING, location, message, hint))

    def note(self, location: Location, message: str, hint: str = "") -> None:
        self._add(Diagnostic(Level.NOTE, location, message, hint))

    def _add(self, diagnostic: Diagnostic) -> None:
        """A problem found again (a section laid out a second time, say) is still one problem."""
        if diagnostic not in self.diagnostics:
            self.diagnostics.append(diagnostic)

    def error_from_exception(self, where: Path, exc: BaseException) -> None:
        """An unexpected failure, kept as a diagnostic so a batch can go on with the next booklet.

        The editor gets words, not the exception: a file-system error says what the system
        refused, anything else is a bug whose details ``--debug`` prints.
        """
        if isinstance(exc, OSError):
            place = Path(exc.filename) if isinstance(exc.filename, str) else where
            self.error(
                Location(place),
                _("cannot use this file or folder: {reason}").format(reason=os_reason(exc)),
                _("check that the folder exists, is writable and that the disk has space, then run the command again"),
            )
        elif isinstance(exc, MemoryError):
            self.error(
                Location(where),
                _("not enough memory to finish"),
                _(
                    "a file is probably far larger than it should be (an image or a pasted text); check the files changed last"
                ),
            )
        else:
            self.error(
                Location(where),
                _("internal error: booklet stopped unexpectedly"),
                _("this is a bug in booklet; run the command again with --debug and report what it prints"),
            )

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.level is Level.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.level is Level.WARNING]

    def raise_if_errors(self) -> None:
        if self.errors:
            raise BookletError(self)

    def summary(self) -> str:
        e, w = len(self.errors), len(self.warnings)
        return (
            ngettext("{count} error", "{count} errors", e).format(count=e)
            + ", "
            + ngettext("{count} warning", "{count} warnings", w).format(count=w)
        )


class BookletError(Exception):
    """Raised when a stage cannot go on; carries every diagnostic collected so far."""

    def __init__(self, report: Report):
        self.report = report
        super().__init__("\n".join(d.format() for d in report.diagnostics))

    @classmethod
    def single(cls, location: Location, message: str, hint: str = "") -> BookletError:
        report = Report()
        report.error(location, message, hint)
        return cls(report)

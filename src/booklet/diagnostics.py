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
ALIKE_SHOWN = 5  # the same message in one file is printed this many times, then counted
ALIKE_KEPT = 200  # … and kept this many times (the studio and tests see them), then only counted
LEVEL_KEPT = 5_000  # errors (and warnings) kept in all; more are only counted


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


def _from_here(location: Location) -> Location:
    """A file below the working folder is named from there (``content/prose/…``), as the
    editor typed it, even when it was found through a resolved link (``prose: ../../prose``)."""
    path = location.path
    if path.is_absolute():
        try:
            return Location(path.relative_to(Path.cwd()), location.line, location.col)
        except (ValueError, OSError):
            pass
    return location


@dataclass(frozen=True)
class Diagnostic:
    level: Level
    location: Location
    message: str
    hint: str = ""

    def format(self) -> str:
        level = _("error") if self.level is Level.ERROR else _("warning")
        text = f"{_from_here(self.location)}: {level}: {self.message}"
        if self.hint:
            text += "\n  " + _("hint: {hint}").format(hint=self.hint)
        return text


@dataclass
class Report:
    """Collects diagnostics from every stage so a user sees all problems in one run.

    Bounded: the same message in the same file is kept :data:`ALIKE_KEPT` times and each
    level :data:`LEVEL_KEPT` times; beyond that a problem is only counted (a pasted text of
    400,000 characters the font lacks is 400,000 errors, not 400,000 objects to print).
    """

    diagnostics: list[Diagnostic] = field(default_factory=list)
    strict: bool = False  # --strict: every warning is reported, and counts, as an error
    _seen: set[Diagnostic] = field(default_factory=set, init=False, repr=False, compare=False)
    _alike: dict[tuple, int] = field(default_factory=dict, init=False, repr=False, compare=False)
    _dropped: dict[tuple, list] = field(default_factory=dict, init=False, repr=False, compare=False)
    _unlisted: dict[Level, int] = field(default_factory=dict, init=False, repr=False, compare=False)
    _levels: dict[Level, int] = field(default_factory=dict, init=False, repr=False, compare=False)

    def error(self, location: Location, message: str, hint: str = "") -> None:
        self._add(Diagnostic(Level.ERROR, location, message, hint))

    def warning(self, location: Location, message: str, hint: str = "") -> None:
        self._add(Diagnostic(Level.ERROR if self.strict else Level.WARNING, location, message, hint))

    def _add(self, diagnostic: Diagnostic) -> None:
        """A problem found again (a section laid out a second time, say) is still one problem.

        Looked up in a set: 12,000 pasted characters the font lacks are 12,000 errors, and a
        scan of the list for each would be 72 million comparisons."""
        if diagnostic in self._seen:
            return
        key = _key(diagnostic)
        if self._alike.get(key, 0) >= ALIKE_KEPT:
            line = diagnostic.location.line
            dropped = self._dropped.setdefault(key, [0, line, line])
            dropped[0] += 1
            if line:
                dropped[1], dropped[2] = min(dropped[1] or line, line), max(dropped[2], line)
            return
        if self._levels.get(diagnostic.level, 0) >= LEVEL_KEPT:
            self._unlisted[diagnostic.level] = self._unlisted.get(diagnostic.level, 0) + 1
            return
        self.diagnostics.append(diagnostic)
        self._seen.add(diagnostic)
        self._alike[key] = self._alike.get(key, 0) + 1
        self._levels[diagnostic.level] = self._levels.get(diagnostic.level, 0) + 1

    def merge(self, other: Report) -> None:
        """Add another report's problems to this one, those only counted as well (a warning
        becomes an error here under ``--strict``)."""
        for d in other.diagnostics:
            (self.warning if d.level is Level.WARNING else self.error)(d.location, d.message, d.hint)
        for (level, *rest), (count, low, high) in other._dropped.items():
            key = (Level.ERROR if self.strict else level, *rest) if level is Level.WARNING else (level, *rest)
            entry = self._dropped.setdefault(key, [0, low, high])
            entry[0] += count
            entry[1], entry[2] = min(filter(None, (entry[1], low)), default=0), max(entry[2], high)
        for level, count in other._unlisted.items():
            level = Level.ERROR if self.strict else level
            self._unlisted[level] = self._unlisted.get(level, 0) + count

    def count(self, level: Level) -> int:
        """How many problems of ``level`` were found, listed or only counted."""
        dropped = sum(entry[0] for key, entry in self._dropped.items() if key[0] is level)
        return self._levels.get(level, 0) + dropped + self._unlisted.get(level, 0)

    def shown(self) -> list[Diagnostic]:
        """The diagnostics as an editor reads them: the same message in the same file is
        listed :data:`ALIKE_SHOWN` times, then one line says how many more there are and on
        which lines (a pasted text with 2,400 no-break spaces is not 2,400 lines)."""
        groups: dict[tuple, list[Diagnostic]] = {}
        for d in self.diagnostics:
            groups.setdefault(_key(d), []).append(d)
        shown: list[Diagnostic] = []
        counted: dict[tuple, int] = {}
        for d in self.diagnostics:
            key = _key(d)
            alike, index = groups[key], counted.get(key, 0)
            counted[key] = index + 1
            dropped = self._dropped.get(key, [0, 0, 0])
            more = len(alike) - ALIKE_SHOWN + dropped[0]
            if index < ALIKE_SHOWN or more == 1:
                shown.append(d)
            if index == ALIKE_SHOWN - 1 and more > 1:
                rest = alike[ALIKE_SHOWN:]
                lines = sorted({r.location.line for r in rest if r.location.line} | set(filter(None, dropped[1:])))
                where = ""
                if len(lines) > 1:
                    where = _("lines {first}–{last}").format(first=lines[0], last=lines[-1])
                elif lines:
                    where = _("line {line}").format(line=lines[0])
                message = ngettext(
                    "… and {count} more like the one above in {file}",
                    "… and {count} more like the one above in {file}",
                    more,
                ).format(count=number(more), file=d.location.path.name)
                if where:
                    message += f" ({where})"
                shown.append(Diagnostic(d.level, rest[0].location, message))
        for level, count in self._unlisted.items():
            text = (
                ngettext("… and {count} more error, not listed", "… and {count} more errors, not listed", count)
                if level is Level.ERROR
                else ngettext(
                    "… and {count} more warning, not listed", "… and {count} more warnings, not listed", count
                )
            )
            shown.append(
                Diagnostic(
                    level, Location(Path(".")), text.format(count=number(count)), _("correct the ones listed first")
                )
            )
        return shown

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
        e, w = self.count(Level.ERROR), self.count(Level.WARNING)
        return (
            ngettext("{count} error", "{count} errors", e).format(count=number(e))
            + ", "
            + ngettext("{count} warning", "{count} warnings", w).format(count=number(w))
        )


def _key(d: Diagnostic) -> tuple:
    return (d.level, d.location.path, d.message, d.hint)


class BookletError(Exception):
    """Raised when a stage cannot go on; carries every diagnostic collected so far."""

    def __init__(self, report: Report):
        self.report = report
        super().__init__()

    def __str__(self) -> str:  # made when asked: a report may hold thousands of diagnostics
        return "\n".join(d.format() for d in self.report.shown())

    @classmethod
    def single(cls, location: Location, message: str, hint: str = "") -> BookletError:
        report = Report()
        report.error(location, message, hint)
        return cls(report)

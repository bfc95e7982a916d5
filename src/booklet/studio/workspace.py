"""The studio's view of a content folder: booklets, versioned files, drafts, problems.

Nothing here knows about HTTP or builds (builds.py builds and saves); every path the browser
names is resolved through paths.py, so nothing outside the content folder is ever read or
written, and a published edition's frozen copy (``published/``) is never offered for editing.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from ..batch import booklets_under
from ..content.load import BOOKLET_FILE, FIGURES_FILE
from ..content.source import MAX_FILE_BYTES, read_bytes
from ..diagnostics import BookletError, Diagnostic, Level, Report
from ..inputs import InputProblem, read_input
from ..pdf.output import write_atomically
from ..publish import SNAPSHOT_DIR
from ..watch import watched_folders
from .paths import EDITABLE_SUFFIXES, OutsideContent, editable, inside, relative_name


def version_of(data: bytes) -> str:
    """A file's version as the browser holds it: a digest of its bytes, not a clock."""
    return hashlib.sha256(data).hexdigest()[:16]


class Conflict(Exception):
    """The file changed on disk since the browser loaded it (another tab, an editor, the CLI)."""

    def __init__(self, name: str):
        super().__init__(name)
        self.name = name


@dataclass(frozen=True)
class FileText:
    name: str  # relative to the content folder, posix
    text: str
    version: str


@dataclass(frozen=True)
class Problem:
    """A diagnostic as the browser shows it: the file relative to the content folder."""

    level: str
    file: str
    line: int
    col: int
    message: str
    hint: str

    @property
    def is_error(self) -> bool:
        return self.level == Level.ERROR

    @property
    def place(self) -> str:
        return f"{self.file}:{self.line}:{self.col}" if self.line else self.file


class Workspace:
    """One content folder, its booklets and the studio's state under ``OUT/studio``."""

    def __init__(self, content: Path, out_dir: Path):
        self.root = Path(content).resolve()
        self.out_dir = Path(out_dir).resolve()
        self.state = self.out_dir / "studio"

    # --- booklets ---------------------------------------------------------------------------

    def booklets(self) -> list[str]:
        """Every booklet under the content folder, by its name relative to it (``elazig/2024-2``)."""
        found = booklets_under(self.root) if self.root.is_dir() else []
        return [relative_name(self.root, b) for b in found if b.resolve().is_relative_to(self.root)]

    def booklet(self, name: str) -> Path:
        """The folder of a booklet named by the browser; anything else is OutsideContent."""
        path = inside(self.root, name)
        if not (path / BOOKLET_FILE).is_file() or relative_name(self.root, path) not in self.booklets():
            raise OutsideContent(name)
        return path

    def folders(self, booklet: Path) -> list[Path]:
        """The booklet folder and its shared prose folder, when that lies inside the content."""
        return [f for f in watched_folders(booklet) if f == self.root or f.is_relative_to(self.root)]

    def files(self, booklet: Path) -> list[str]:
        """The content files an editor may open for this booklet: its own, then the shared prose
        (never hidden files, output/, or a published edition's frozen copy in published/)."""
        names = []
        for folder in self.folders(booklet):
            for path in sorted(folder.rglob("*")):
                rel = path.relative_to(folder).parts
                if (
                    path.is_file()
                    and path.suffix.lower() in EDITABLE_SUFFIXES
                    and not any(p.startswith(".") or p == "output" for p in rel)
                    and not (folder == booklet and rel[0] == SNAPSHOT_DIR)
                    and path.resolve().is_relative_to(self.root)
                ):
                    names.append(relative_name(self.root, path))
        return list(dict.fromkeys(names))

    def editable_file(self, booklet: Path, name: str) -> Path:
        """A file of this booklet the editor may save: one that :meth:`files` lists (checked
        for this one path, without walking the folders)."""
        try:
            path = editable(self.root, name)
        except OutsideContent:
            self._why_not_a_file(name)  # in the folder but no regular file: say what it is
            raise
        for folder in self.folders(booklet):
            if path.is_relative_to(folder) and path.is_file():
                rel = path.relative_to(folder).parts
                if not any(p.startswith(".") or p == "output" for p in rel) and not (
                    folder == booklet and rel[0] == SNAPSHOT_DIR
                ):
                    return path
        raise OutsideContent(name)

    def fingerprint(self, booklet: Path) -> tuple:
        """Changes whenever a file of the booklet or its prose changes (size or time)."""
        entries = []
        for folder in self.folders(booklet):
            for path in sorted(folder.rglob("*")):
                if path.is_file() and not any(
                    p.startswith(".") or p == "output" for p in path.relative_to(folder).parts
                ):
                    stat = path.stat()
                    entries.append((str(path), stat.st_size, stat.st_mtime_ns))
        return tuple(entries)

    # --- files ------------------------------------------------------------------------------

    def name_of(self, path: Path) -> str:
        return relative_name(self.root, path)

    def read(self, name: str) -> FileText:
        try:
            path = editable(self.root, name)
        except OutsideContent:
            self._why_not_a_file(name)
            raise
        data = read_bytes(path)  # a regular file within the limit, checked first
        return FileText(relative_name(self.root, path), data.decode("utf-8-sig", errors="replace"), version_of(data))

    def _why_not_a_file(self, name: str) -> None:
        """A content file's name that is in the folder but no regular file (a folder, a pipe,
        a link to /dev/zero or to itself): a located message instead of "not part of the
        content folder". Nothing of what the link points to is shown."""
        placed = Path(os.path.abspath(self.root / name))
        if ".." in Path(name).parts or not placed.is_relative_to(os.path.abspath(self.root)):
            return
        if not (placed.is_symlink() or placed.exists()):
            return
        read_bytes(placed)  # raises the located message saying what is there instead

    def version(self, name: str) -> str:
        """The version of a content file, or "" when there is no readable file there (a link
        to /dev/zero, a pipe, a 4 GB file: read within the content-file limit, never whole)."""
        try:
            path = editable(self.root, name)
            return version_of(read_input(path, MAX_FILE_BYTES)) if path.is_file() else ""
        except (OutsideContent, InputProblem):
            return ""

    def problems(self, report: Report, staged: Path | None = None) -> list[Problem]:
        """The report's diagnostics, their files named relative to the content folder."""
        found = []
        for d in report.shown():
            found.append(self._problem(d, staged))
        return found

    def _problem(self, d: Diagnostic, staged: Path | None) -> Problem:
        path = Path(d.location.path)
        if staged is not None and path.is_absolute() and path.is_relative_to(staged):
            path = self.root / path.relative_to(staged)
        try:
            name = relative_name(self.root, path) if path.is_absolute() else path.as_posix()
        except ValueError:
            name = path.name
        message, hint = d.message, d.hint
        if staged is not None:  # a path named inside the text (a command to run) is the real one
            message, hint = (t.replace(str(staged), str(self.root)) for t in (message, hint))
        return Problem(str(d.level), name, d.location.line, d.location.col, message, hint)

    # --- drafts -----------------------------------------------------------------------------

    def _draft_path(self, name: str) -> Path:
        return self.state / "drafts" / (name + ".draft")

    def draft(self, name: str) -> str | None:
        try:
            editable(self.root, name)
        except OutsideContent:  # no regular file there (a link to a device, a loop): no draft either
            return None
        path = self._draft_path(name)
        return path.read_text(encoding="utf-8") if path.is_file() else None

    def keep_draft(self, name: str, text: str) -> None:
        editable(self.root, name)
        write_atomically({self._draft_path(name): text.encode("utf-8")})

    def discard_draft(self, name: str) -> None:
        editable(self.root, name)
        self._draft_path(name).unlink(missing_ok=True)

    # --- lists ------------------------------------------------------------------------------

    def summary(self, booklet_name: str) -> dict:
        """Province, edition, month, figures still stale and the date of publication, read
        without building (for lists)."""
        import yaml

        from ..content.figures import read_figures
        from ..content.reader import Reader
        from ..content.source import load, read_source

        booklet = self.booklet(booklet_name)
        meta: dict = {}
        try:
            loaded = yaml.safe_load(read_source(booklet / BOOKLET_FILE).text)
            meta = loaded if isinstance(loaded, dict) else {}
        except (OSError, yaml.YAMLError, BookletError):
            pass
        figures = {}
        try:
            source, node = load(booklet / FIGURES_FILE)
            figures = read_figures(Reader(source, Report(), booklet), node)
        except BookletError:
            pass
        return {
            "province": str(meta.get("province", "")) or booklet.parent.name,
            "edition": str(meta.get("edition", "")) or booklet.name,
            "date": str(meta.get("date", "")),
            "figures": len(figures),
            "stale": sorted(name for name, f in figures.items() if f.stale or f.value is None),
            "published": published_on(booklet),
        }


def published_on(booklet: Path) -> str:
    """The day a published edition was published (``2026-12-01``), or "" when it is open.

    A damaged record still counts as published (the build says what is wrong with it)."""
    from ..publish import Manifest, is_published

    if not is_published(booklet):
        return ""
    try:
        return Manifest.read(booklet).published[:10]
    except BookletError:
        return "—"


def located(name: str, line: int, col: int, message: str, hint: str = "") -> Problem:
    """A problem the studio itself finds (a typed value, a spreadsheet row)."""
    return Problem(str(Level.ERROR), name, line, col, message, hint)

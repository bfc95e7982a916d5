"""The studio's service layer: booklets, versioned files, staged saves, drafts and builds.

Nothing here knows about HTTP; the routes in app.py call these methods, and these methods
call booklet's library (load, check, build, proof, diff, spreadsheets, periods) — never the
command line.

A save is built in a staging copy first (the booklet folder and its shared prose, hard-linked
where the file system allows): only when the staged booklet builds is the real file replaced,
so a file on disk is never left invalid, and the last good PDF is replaced only by a good one.
A save that does not build is kept as a draft beside the studio's state, outside the content.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..batch import booklets_under
from ..build import build, check
from ..content.load import BOOKLET_FILE, FIGURES_FILE
from ..content.source import MAX_FILE_BYTES
from ..diagnostics import BookletError, Diagnostic, Level, Report
from ..pdf.output import write_atomically
from ..pdf.targets import SCREEN
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


@dataclass
class BuildState:
    """What the studio knows of a booklet's last build."""

    ok: bool
    problems: list[Problem]
    fingerprint: tuple
    seconds: float = 0.0
    pdf: Path | None = None
    pages: int = 0
    built_at: float = field(default_factory=time.time)
    files: list[Path] = field(default_factory=list)
    preflight: object | None = None  # the print file's PreflightReport, after a print build

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]


@dataclass(frozen=True)
class SaveOutcome:
    saved: bool
    problems: list[Problem]
    versions: dict[str, str]  # file name → version now on disk
    draft: bool = False
    seconds: float = 0.0
    pdf: Path | None = None


def _link_or_copy(src: str, dst: str) -> str:
    if os.path.lexists(dst):
        return dst
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)
    return dst


class Workspace:
    """One content folder, its booklets and the studio's state under ``OUT/studio``."""

    def __init__(self, content: Path, out_dir: Path):
        self.root = Path(content).resolve()
        self.out_dir = Path(out_dir).resolve()
        self.state = self.out_dir / "studio"
        self.lock = threading.RLock()  # one build at a time: ReportLab and PDFium are not thread-safe
        self._builds: dict[str, BuildState] = {}
        self._checks: dict[str, BuildState] = {}

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
        """The content files an editor may open for this booklet: its own, then the shared prose."""
        names = []
        for folder in self.folders(booklet):
            for path in sorted(folder.rglob("*")):
                rel = path.relative_to(folder).parts
                if (
                    path.is_file()
                    and path.suffix.lower() in EDITABLE_SUFFIXES
                    and not any(p.startswith(".") or p == "output" for p in rel)
                    and path.resolve().is_relative_to(self.root)
                ):
                    names.append(relative_name(self.root, path))
        return list(dict.fromkeys(names))

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
        path = editable(self.root, name)
        data = path.read_bytes()[: MAX_FILE_BYTES + 1]
        return FileText(relative_name(self.root, path), data.decode("utf-8-sig", errors="replace"), version_of(data))

    def version(self, name: str) -> str:
        path = editable(self.root, name)
        return version_of(path.read_bytes()) if path.is_file() else ""

    def problems(self, report: Report, staged: Path | None = None) -> list[Problem]:
        """The report's diagnostics, their files named relative to the content folder."""
        found = []
        for d in report.diagnostics:
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
        editable(self.root, name)
        path = self._draft_path(name)
        return path.read_text(encoding="utf-8") if path.is_file() else None

    def keep_draft(self, name: str, text: str) -> None:
        editable(self.root, name)
        write_atomically({self._draft_path(name): text.encode("utf-8")})

    def discard_draft(self, name: str) -> None:
        editable(self.root, name)
        self._draft_path(name).unlink(missing_ok=True)

    # --- saving -----------------------------------------------------------------------------

    def _stage(self, booklet: Path, changes: dict[Path, str]) -> tuple[Path, Path]:
        """A copy of the booklet and its prose with ``changes`` applied; returns (root, booklet)."""
        staging = self.state / "staging"
        shutil.rmtree(staging, ignore_errors=True)
        for folder in self.folders(booklet):
            target = staging / folder.relative_to(self.root)
            shutil.copytree(
                folder,
                target,
                symlinks=True,
                copy_function=_link_or_copy,
                ignore=shutil.ignore_patterns("output", ".*"),
                dirs_exist_ok=True,
            )
        for path, text in changes.items():
            target = staging / path.relative_to(self.root)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.unlink(missing_ok=True)  # never write through a hard link into the real file
            target.write_text(text, encoding="utf-8")
        return staging, staging / booklet.relative_to(self.root)

    def save(self, booklet_name: str, changes: dict[str, tuple[str, str]]) -> SaveOutcome:
        """Save ``{file: (text, version the browser had)}`` if the booklet then builds.

        A file whose version on disk differs raises Conflict and nothing is written. A change
        that does not build is kept as a draft; the real files and the last PDF stay as they were.
        """
        booklet = self.booklet(booklet_name)
        with self.lock:
            paths: dict[Path, str] = {}
            for name, (text, expected) in changes.items():
                path = editable(self.root, name)
                if not any(path.is_relative_to(f) for f in self.folders(booklet)):
                    raise OutsideContent(name)
                current = version_of(path.read_bytes()) if path.is_file() else ""
                if current != expected:
                    raise Conflict(relative_name(self.root, path))
                paths[path] = text.replace("\r\n", "\n")
            start = time.perf_counter()
            staging, staged = self._stage(booklet, paths)
            report = Report()
            out = self.state / "staged-output"
            try:
                result = build(staged, out, report, (SCREEN,))
            except BookletError as exc:
                problems = self.problems(exc.report, staging)
                for path, text in paths.items():
                    self.keep_draft(relative_name(self.root, path), text)
                versions = {relative_name(self.root, p): self.version(relative_name(self.root, p)) for p in paths}
                return SaveOutcome(False, problems, versions, True, time.perf_counter() - start)
            finally:
                shutil.rmtree(staging, ignore_errors=True)
            write_atomically({path: text.encode("utf-8") for path, text in paths.items()})
            pdf = self.out_dir / result.path.name
            self.out_dir.mkdir(parents=True, exist_ok=True)
            os.replace(result.path, pdf)  # only now: the sources on disk match the new PDF
            for path in paths:
                self.discard_draft(relative_name(self.root, path))
            elapsed = time.perf_counter() - start
            problems = self.problems(report, staging)
            self._builds[booklet_name] = BuildState(
                True, problems, self.fingerprint(booklet), elapsed, pdf, result.pages
            )
            versions = {relative_name(self.root, p): self.version(relative_name(self.root, p)) for p in paths}
            return SaveOutcome(True, problems, versions, False, elapsed, pdf)

    # --- builds and checks ------------------------------------------------------------------

    def current_build(self, booklet_name: str) -> BuildState:
        """The booklet's screen PDF as of its files now: rebuilt when a file changed since."""
        booklet = self.booklet(booklet_name)
        with self.lock:
            known = self._builds.get(booklet_name)
            fingerprint = self.fingerprint(booklet)
            if known is not None and known.fingerprint == fingerprint:
                return known
            start = time.perf_counter()
            report = Report()
            try:
                result = build(booklet, self.out_dir, report, (SCREEN,))
                state = BuildState(
                    True, self.problems(report), fingerprint, time.perf_counter() - start, result.path, result.pages
                )
            except BookletError as exc:
                last = self.out_dir / f"{known.pdf.name}" if known and known.pdf else self._last_pdf(booklet)
                state = BuildState(
                    False,
                    self.problems(exc.report),
                    fingerprint,
                    time.perf_counter() - start,
                    last if last and last.is_file() else None,
                )
            except Exception as exc:  # noqa: BLE001 - an internal error is shown, the studio goes on
                report.error_from_exception(booklet, exc)
                state = BuildState(False, self.problems(report), fingerprint, time.perf_counter() - start)
            self._builds[booklet_name] = state
            return state

    def _last_pdf(self, booklet: Path) -> Path | None:
        """The screen PDF an earlier build left, found by the booklet's slug."""
        from ..content.load import load_booklet

        try:
            slug = load_booklet(booklet, Report()).slug
        except BookletError:
            return None
        path = self.out_dir / SCREEN.file_name(slug)
        return path if path.is_file() else None

    def status(self, booklet_name: str) -> BuildState:
        """Checked, not built (fast enough for a dashboard of many booklets); cached per fingerprint."""
        booklet = self.booklet(booklet_name)
        with self.lock:
            fingerprint = self.fingerprint(booklet)
            for known in (self._builds.get(booklet_name), self._checks.get(booklet_name)):
                if known is not None and known.fingerprint == fingerprint:
                    return known
            report = Report()
            try:
                check(booklet, report)
                state = BuildState(True, self.problems(report), fingerprint)
            except BookletError as exc:
                state = BuildState(False, self.problems(exc.report), fingerprint)
            self._checks[booklet_name] = state
            return state

    def summary(self, booklet_name: str) -> dict:
        """Province, edition, month and figures still stale, read without building (for lists)."""
        import yaml

        from ..content.figures import read_figures
        from ..content.reader import Reader
        from ..content.source import load
        from ..publish import is_published

        booklet = self.booklet(booklet_name)
        meta: dict = {}
        try:
            loaded = yaml.safe_load((booklet / BOOKLET_FILE).read_text(encoding="utf-8-sig"))
            meta = loaded if isinstance(loaded, dict) else {}
        except (OSError, yaml.YAMLError):
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
            "stale": sorted(name for name, f in figures.items() if f.stale),
            "published": is_published(booklet),
        }

    def build_all(self, booklet_name: str) -> BuildState:
        """Screen and print files into the output folder, exactly as ``booklet build`` writes them."""
        from ..build import targets_for

        booklet = self.booklet(booklet_name)
        with self.lock:
            start = time.perf_counter()
            report = Report()
            try:
                result = build(booklet, self.out_dir, report, targets_for("all", 3.0, True))
            except BookletError as exc:
                return BuildState(
                    False, self.problems(exc.report), self.fingerprint(booklet), time.perf_counter() - start
                )
            state = BuildState(
                True,
                self.problems(report),
                self.fingerprint(booklet),
                time.perf_counter() - start,
                result.files[0].path,
                result.pages,
            )
            state.files = [f.path for f in result.files]
            state.preflight = result.preflight
            self._builds[booklet_name] = state
            return state

    def forget(self, booklet_name: str) -> None:
        self._builds.pop(booklet_name, None)
        self._checks.pop(booklet_name, None)


def located(name: str, line: int, col: int, message: str, hint: str = "") -> Problem:
    """A problem the studio itself finds (a typed value, a spreadsheet row)."""
    return Problem(str(Level.ERROR), name, line, col, message, hint)

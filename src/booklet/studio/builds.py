"""Builds and saves, in worker threads, one at a time.

The routes hand every build to a worker thread (:func:`off_loop`), so the server goes on
answering — page images, other tabs, the dashboard — while a booklet builds. ReportLab and
PDFium are not thread-safe, so one lock lets one build or page render run at a time, which
is in particular one build per booklet.

A save is built in a staging copy of the booklet and its prose first (hard-linked where the
file system allows): only when the staged booklet builds are the real files written and the
new PDF put in place, so a file on disk is never left invalid and the last good PDF is
replaced only by a good one. A save that does not build is kept as a draft.

A newer save of the same files from the same page supersedes an older one that is still
waiting or building: the older one writes nothing (its text is part of the newer one), and
the newer one is not refused as a conflict because the older one got there first. Saves from
different pages never supersede each other: the later one gets the conflict message.
"""

from __future__ import annotations

import functools
import itertools
import os
import shutil
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from starlette.concurrency import run_in_threadpool

from ..build import Superseded, build, check, targets_for
from ..diagnostics import BookletError, Location, Report
from ..i18n import _
from ..pdf.output import write_atomically
from ..pdf.targets import SCREEN
from ..publish import is_published, refuse_if_published
from .paths import relative_name
from .workspace import Conflict, Problem, Workspace, published_on

T = TypeVar("T")
KEPT_LINEAGE = 256


async def off_loop(function: Callable[..., T], *args, **kwargs) -> T:
    """Run blocking work (a build, a render, a walk of the folder) in a worker thread."""
    return await run_in_threadpool(functools.partial(function, *args, **kwargs))


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
    pdf: Path | None = None  # the new PDF; None when saved but the booklet does not build yet

    @property
    def built(self) -> bool:
        return self.pdf is not None


def _link_or_copy(src: str, dst: str) -> str:
    if os.path.lexists(dst):
        return dst
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)
    return dst


class Builder:
    """Builds, checks and saves of one workspace; see the module's docstring for the rules."""

    def __init__(self, workspace: Workspace):
        self.ws = workspace
        self.lock = threading.RLock()  # ReportLab and PDFium: one build or render at a time
        self._builds: dict[str, BuildState] = {}
        self._checks: dict[str, BuildState] = {}
        self._prints: dict[str, BuildState] = {}
        self._serial = itertools.count(1)
        self._wanted: dict[tuple, int] = {}  # (booklet, page, files) → the newest save's number
        self._lineage: OrderedDict[tuple[str, str, str], str] = OrderedDict()
        self._small = threading.Lock()  # guards the two dicts above, never held while building
        self.builds_run = 0  # counted for the tests: builds really run, cached ones not

    # --- what is built now ----------------------------------------------------------------

    def current_build(self, name: str) -> BuildState:
        """The booklet's screen PDF as of its files now: rebuilt when a file changed since."""
        booklet = self.ws.booklet(name)
        with self.lock:
            known = self._builds.get(name)
            fingerprint = self.ws.fingerprint(booklet)
            if known is not None and known.fingerprint == fingerprint:
                return known
            start = time.perf_counter()
            report = Report()
            try:
                result = self._build(booklet, self.ws.out_dir, report, (SCREEN,))
                state = BuildState(
                    True, self.ws.problems(report), fingerprint, time.perf_counter() - start, result.path, result.pages
                )
            except BookletError as exc:
                last = known.pdf if known and known.pdf else self._last_pdf(booklet)
                state = BuildState(
                    False,
                    self.ws.problems(exc.report),
                    fingerprint,
                    time.perf_counter() - start,
                    last if last and last.is_file() else None,
                )
            except Exception as exc:  # noqa: BLE001 - an internal error is shown, the studio goes on
                report.error_from_exception(booklet, exc)
                state = BuildState(False, self.ws.problems(report), fingerprint, time.perf_counter() - start)
            self._builds[name] = state
            return state

    def last_build(self, name: str) -> BuildState | None:
        """The last build known, without building (for page images while a build runs)."""
        return self._builds.get(name)

    def _last_pdf(self, booklet: Path) -> Path | None:
        """The screen PDF an earlier build left, found by the booklet's slug."""
        from ..content.load import load_booklet

        try:
            slug = load_booklet(booklet, Report()).slug
        except BookletError:
            return None
        path = self.ws.out_dir / SCREEN.file_name(slug)
        return path if path.is_file() else None

    def status(self, name: str) -> BuildState:
        """Checked, not built (fast enough for a dashboard of many booklets); cached per fingerprint."""
        booklet = self.ws.booklet(name)
        with self.lock:
            fingerprint = self.ws.fingerprint(booklet)
            for known in (self._builds.get(name), self._checks.get(name)):
                if known is not None and known.fingerprint == fingerprint:
                    return known
            report = Report()
            try:
                check(booklet, report)
                state = BuildState(True, self.ws.problems(report), fingerprint)
            except BookletError as exc:
                state = BuildState(False, self.ws.problems(exc.report), fingerprint)
            self._checks[name] = state
            return state

    def build_all(self, name: str) -> BuildState:
        """Screen and print files into the output folder, exactly as ``booklet build`` writes
        them; built again only when a file changed or an output file is gone."""
        booklet = self.ws.booklet(name)
        with self.lock:
            fingerprint = self.ws.fingerprint(booklet)
            known = self._prints.get(name)
            if known is not None and known.fingerprint == fingerprint and all(f.is_file() for f in known.files):
                return known
            start = time.perf_counter()
            report = Report()
            try:
                result = self._build(booklet, self.ws.out_dir, report, targets_for("all", 3.0, True))
            except BookletError as exc:
                return BuildState(False, self.ws.problems(exc.report), fingerprint, time.perf_counter() - start)
            state = BuildState(
                True,
                self.ws.problems(report),
                fingerprint,
                time.perf_counter() - start,
                result.files[0].path,
                result.pages,
                files=[f.path for f in result.files],
                preflight=result.preflight,
            )
            self._prints[name] = self._builds[name] = state
            return state

    def locked(self, function: Callable[..., T], *args) -> T:
        """``function(*args)`` while no build runs (publishing builds, reopening changes sources)."""
        with self.lock:
            return function(*args)

    def forget(self, name: str) -> None:
        """After publishing or reopening: what was built is built from other sources now."""
        with self.lock:
            for known in (self._builds, self._checks, self._prints):
                known.pop(name, None)

    def _build(self, booklet: Path, out: Path, report: Report, targets, current=None):
        self.builds_run += 1
        return build(booklet, out, report, targets, current=current)

    # --- saves ------------------------------------------------------------------------------

    def save(self, name: str, changes: dict[str, tuple[str, str]], page: str = "") -> SaveOutcome:
        """Save ``{file: (text, version the browser had)}`` if the booklet then builds; a change
        that does not build is kept as a draft. ``page`` names the browser page that saves."""
        booklet = self.ws.booklet(name)
        texts = {
            self.ws.editable_file(booklet, file): text.replace("\r\n", "\n") for file, (text, _v) in changes.items()
        }

        def stage(staging: Path) -> None:
            for path, text in texts.items():
                target = staging / path.relative_to(self.ws.root)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.unlink(missing_ok=True)  # never write through a hard link into the real file
                target.write_text(text, encoding="utf-8")

        def write() -> None:
            write_atomically({path: text.encode("utf-8") for path, text in texts.items()})

        expected = {file: version for file, (_text, version) in changes.items()}
        drafts = {self.ws.name_of(path): text for path, text in texts.items()}
        return self.commit(name, expected, stage, write, page, drafts)

    def commit(
        self,
        name: str,
        expected: dict[str, str],
        stage: Callable[[Path], None],
        write: Callable[[], None],
        page: str = "",
        drafts: dict[str, str] | None = None,
    ) -> SaveOutcome:
        """The one way the studio changes content files.

        ``expected`` gives each file's version as the browser had it (Conflict if it changed
        since); ``stage(staging)`` makes the change in a staging copy of the content folder,
        which is then built; only if it builds does ``write()`` make the same change to the real
        files (both may raise BookletError: the library's own refusals). Raises Superseded
        when a newer save of the same files from the same page came in meanwhile.
        """
        booklet = self.ws.booklet(name)
        for file in expected:
            self.ws.editable_file(booklet, file)
        current = self._ticket(name, page, expected)
        drafts = drafts or {}
        with self.lock:
            if not current():
                raise Superseded()
            refused = self._refused_if_published(booklet, expected)
            if refused is not None:
                return self._not_saved(refused, expected, drafts)
            for file, version in expected.items():
                self._check_version(page, file, version)
            start = time.perf_counter()
            result, problems, saveable = self._staged_build(name, booklet, stage, current)
            if not saveable:
                return self._not_saved(problems, expected, drafts, time.perf_counter() - start)
            if not current():
                raise Superseded()
            before = {file: self.ws.version(file) for file in expected}
            try:
                write()
            except BookletError as exc:
                return self._not_saved(self.ws.problems(exc.report), expected, drafts, time.perf_counter() - start)
            versions = {file: self.ws.version(file) for file in expected}
            self._remember(page, expected, before, versions)
            for file in expected:
                self.ws.discard_draft(file)
            return self._settle(name, booklet, result, problems, versions, time.perf_counter() - start)

    def _staged_build(self, name: str, booklet: Path, stage, current) -> tuple[object, list[Problem], bool]:
        """Build the change in a staging copy: (the build's result or None, the problems, may
        it be saved). It may when it builds, and also when it does not build but makes nothing
        worse: a booklet that did not build before keeps only errors it had and gets none new
        (a new province filled in one figure at a time, a broken file mended in steps)."""
        staging = self.ws.state / "staging"
        self._stage(booklet, staging)
        report = Report()
        try:
            stage(staging)
            result = self._build(
                staging / booklet.relative_to(self.ws.root), self.ws.state / "staged-output", report, (SCREEN,), current
            )
        except BookletError as exc:
            problems = self.ws.problems(exc.report, staging)
            known = self.current_build(name)
            had = {(p.file, p.message) for p in known.errors} if not known.ok else set()
            no_worse = bool(had) and all((p.file, p.message) in had for p in problems if p.is_error)
            return None, problems, no_worse
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        return result, self.ws.problems(report, staging), True

    def _settle(
        self, name: str, booklet: Path, result, problems: list[Problem], versions: dict[str, str], seconds: float
    ) -> SaveOutcome:
        """After the files are written: the new PDF put in place, or the last one kept."""
        fingerprint = self.ws.fingerprint(booklet)
        if result is None:  # saved, but the booklet does not build yet
            last = self._builds.get(name)
            pdf = last.pdf if last is not None else None
            self._builds[name] = BuildState(False, problems, fingerprint, seconds, pdf)
            return SaveOutcome(True, problems, versions, False, seconds, None)
        pdf = self.ws.out_dir / result.path.name
        self.ws.out_dir.mkdir(parents=True, exist_ok=True)
        os.replace(result.path, pdf)  # only now: the sources on disk match the new PDF
        self._builds[name] = BuildState(True, problems, fingerprint, seconds, pdf, result.pages)
        return SaveOutcome(True, problems, versions, False, seconds, pdf)

    def _not_saved(
        self, problems: list[Problem], expected: dict[str, str], drafts: dict[str, str], seconds: float = 0.0
    ) -> SaveOutcome:
        for file, text in drafts.items():
            self.ws.keep_draft(file, text)
        versions = {file: self.ws.version(file) for file in expected}
        return SaveOutcome(False, problems, versions, bool(drafts), seconds)

    def _stage(self, booklet: Path, staging: Path) -> None:
        """A copy of the booklet and its prose under ``staging``, mirroring the content folder."""
        shutil.rmtree(staging, ignore_errors=True)
        for folder in self.ws.folders(booklet):
            shutil.copytree(
                folder,
                staging / folder.relative_to(self.ws.root),
                symlinks=True,
                copy_function=_link_or_copy,
                ignore=shutil.ignore_patterns("output", ".*"),
                dirs_exist_ok=True,
            )

    def _refused_if_published(self, booklet: Path, files: Iterable[str]) -> list[Problem] | None:
        """A published edition's files, and the shared text seen from it, are not changed."""
        if not is_published(booklet):
            return None
        for file in files:
            path = self.ws.root / file
            try:
                if path.is_relative_to(booklet):
                    refuse_if_published(booklet, path.relative_to(booklet).as_posix())
                else:
                    raise BookletError.single(
                        Location(path),
                        _(
                            "{file} is shared text: this edition was published on {date} and prints from its own copy"
                        ).format(file=file, date=published_on(booklet)),
                        _("change the shared text from a booklet that is not published, for example the next period"),
                    )
            except BookletError as exc:
                return self.ws.problems(exc.report)
        return None

    # --- which save wins ----------------------------------------------------------------

    def _ticket(self, name: str, page: str, files: Iterable[str]) -> Callable[[], bool]:
        """``current()`` stays true until a newer save of the same files from the same page."""
        if not page:
            return lambda: True
        key = (name, page, frozenset(files))
        with self._small:
            number = next(self._serial)
            self._wanted.pop(key, None)
            self._wanted[key] = number
            while len(self._wanted) > KEPT_LINEAGE:  # the oldest pages' saves are long answered
                self._wanted.pop(next(iter(self._wanted)))
        return lambda: self._wanted.get(key, number) == number

    def up_to_date(self, page: str, file: str, expected: str) -> bool:
        """The file is as the browser had it, or as this same page's earlier save (made from
        that version, its answer still on the way) left it."""
        now = self.ws.version(file)
        if now == expected:
            return True
        with self._small:
            return bool(page) and self._lineage.get((page, file, expected)) == now

    def _check_version(self, page: str, file: str, expected: str) -> None:
        if not self.up_to_date(page, file, expected):
            raise Conflict(relative_name(self.ws.root, self.ws.root / file))

    def _remember(self, page: str, expected: dict[str, str], before: dict[str, str], after: dict[str, str]) -> None:
        if not page:
            return
        with self._small:
            for file, version in after.items():
                for base in (expected[file], before[file]):
                    self._lineage[(page, file, base)] = version
                    self._lineage.move_to_end((page, file, base))
            while len(self._lineage) > KEPT_LINEAGE:
                self._lineage.popitem(last=False)

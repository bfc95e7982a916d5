"""Building many booklets at once: every province, in parallel processes.

Worker processes are forked after the parent has imported ReportLab and registered the
fonts, so each worker starts warm; a booklet that fails is reported and the rest are built.

Before anything is built, the file names every booklet will write are compared: two
booklets that would write the same file are an error, since one would silently replace
the other. Ctrl-C stops every worker at once (a worker that is writing puts the previous
files back, see pdf/output.py); the booklets already finished keep their files and the
batch says how far it got.
"""

from __future__ import annotations

import contextlib
import os
import signal
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .diagnostics import BookletError, Location, Report
from .i18n import _
from .pdf.targets import Target

if TYPE_CHECKING:  # multiprocessing is imported only by a batch that runs workers
    import multiprocessing
    from multiprocessing.connection import Connection

SKIP = {"output", "node_modules", "__pycache__"}
STOP_GRACE = 0.5  # seconds a worker has to clean up after Ctrl-C before it is killed


def booklets_under(folder: Path) -> list[Path]:
    """Every booklet folder (one holding booklet.yaml) at or below ``folder``, in order."""
    folder = Path(folder)
    if (folder / "booklet.yaml").is_file():
        return [folder]
    found = []
    for path in sorted(folder.rglob("booklet.yaml")):
        parts = path.relative_to(folder).parts
        if not any(part.startswith(".") or part in SKIP for part in parts):
            found.append(path.parent)
    return found


@dataclass
class Outcome:
    booklet: Path
    files: list[str] = field(default_factory=list)
    pages: int = 0
    diagnostics: list[str] = field(default_factory=list)
    errors: int = 0
    warnings: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.errors


class Batch(list):
    """The outcomes of the booklets that finished, in the order given; ``interrupted`` after Ctrl-C."""

    def __init__(self, outcomes: list[Outcome], total: int, interrupted: bool = False):
        super().__init__(outcomes)
        self.total = total
        self.interrupted = interrupted


# -- one writer per output file ----------------------------------------------------------------


def planned_name(booklet: Path) -> tuple[str, Location] | None:
    """The name stem a booklet's build will write (``elazig-2024-2``) and where its province
    is given, read from booklet.yaml without building; None if it cannot be told (the
    build will say why)."""
    import yaml

    from .content import source
    from .turkish import ascii_slug

    try:
        src, node = source.load(booklet / "booklet.yaml")
    except BookletError:
        return None
    values = {
        key.value: value
        for key, value in (node.value if isinstance(node, yaml.MappingNode) else [])
        if isinstance(key, yaml.ScalarNode) and isinstance(value, yaml.ScalarNode)
    }
    province, edition = values.get("province"), values.get("edition")
    if province is None or edition is None or not province.value.strip() or not edition.value.strip():
        return None
    return f"{ascii_slug(province.value)}-{ascii_slug(edition.value)}", src.location(province.start_mark)


def output_conflicts(booklets: list[Path], out_dir: Path, targets: tuple[Target, ...]) -> Report:
    """An error for every booklet that would write a file another booklet writes too."""
    report = Report()
    first: dict[str, Path] = {}
    for booklet in booklets:
        planned = planned_name(booklet)
        if planned is None:
            continue
        stem, where = planned
        for target in targets:
            name = target.file_name(stem)
            if name in first:
                report.error(
                    where,
                    _("this booklet and {other} would both write {file}").format(
                        other=first[name], file=Path(out_dir) / name
                    ),
                    _(
                        "the province and edition name the file: correct the one that is wrong, or build the two"
                        " booklets into different folders with -o; nothing was built"
                    ),
                )
                break
            first[name] = booklet
    return report


# -- building ------------------------------------------------------------------------------------


def _build_one(
    booklet: Path, out_dir: Path, targets: tuple[Target, ...], strict: bool, hold: signal.Signals | None = None
) -> Outcome:
    """Build one booklet; with ``hold``, that signal waits from the moment the files start
    to be renamed until the caller has recorded the outcome (see :func:`_release`), so a
    booklet interrupted by Ctrl-C is either written and counted or not written at all."""
    from .build import build

    start = time.perf_counter()
    report = Report(strict=strict)
    outcome = Outcome(booklet)

    def commit() -> bool:
        if hold is not None:
            signal.pthread_sigmask(signal.SIG_BLOCK, {hold})
        return True

    try:
        result = build(booklet, out_dir, report, targets, current=commit)
        outcome.files = [str(f.path) for f in result.files]
        outcome.pages = result.files[0].pages
    except BookletError as exc:
        report = exc.report
    except Exception as exc:  # noqa: BLE001 - one broken booklet must not stop the others
        report.error_from_exception(booklet, exc)
    outcome.diagnostics = [d.format() for d in report.shown()]
    outcome.errors, outcome.warnings = len(report.errors), len(report.warnings)
    outcome.seconds = time.perf_counter() - start
    return outcome


def build_many(
    booklets: list[Path],
    out_dir: Path,
    targets: tuple[Target, ...],
    jobs: int | None = None,
    strict: bool = False,
    progress: Callable[[Outcome], None] | None = None,
) -> Batch:
    """Build every booklet; results come back in the order given, whatever finished first.

    Raises :class:`BookletError` before building anything when two booklets would write
    the same file. After Ctrl-C the batch holds the booklets that finished and says so.
    """
    conflicts = output_conflicts(booklets, out_dir, targets)
    conflicts.raise_if_errors()
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(booklets)))
    results: dict[Path, Outcome] = {}

    def done(outcome: Outcome) -> None:
        results[outcome.booklet] = outcome
        if progress:
            progress(outcome)

    interrupted = False
    try:
        if jobs == 1:
            for booklet in booklets:
                done(_build_one(booklet, out_dir, targets, strict, hold=signal.SIGINT))
                _release(signal.SIGINT)  # a Ctrl-C that came while it was written is raised now
        else:
            _Pool(jobs, out_dir, targets, strict).run(booklets, done)
    except KeyboardInterrupt:
        interrupted = True
    return Batch([results[b] for b in booklets if b in results], len(booklets), interrupted)


class _Pool:
    """Forked workers fed one booklet at a time through their own pipe.

    Each worker has its own pipe, so stopping them holds no shared lock: on Ctrl-C the
    parent sends SIGTERM (the worker unwinds, its half-written files are removed or put
    back), waits ``STOP_GRACE`` and kills what is left.
    """

    def __init__(self, jobs: int, out_dir: Path, targets: tuple[Target, ...], strict: bool):
        import multiprocessing

        from . import fonts

        fonts.register()  # once, in the parent: forked workers inherit it
        self.context = multiprocessing.get_context("fork")
        self.jobs, self.args = jobs, (out_dir, targets, strict)
        self.workers: dict[Connection, tuple[multiprocessing.Process, Path | None]] = {}

    def start(self) -> Connection:
        parent, child = self.context.Pipe()
        process = self.context.Process(target=_worker, args=(child, *self.args), daemon=True)
        process.start()
        child.close()
        self.workers[parent] = (process, None)
        return parent

    def give(self, conn: Connection, queue: deque) -> None:
        process, _booklet = self.workers[conn]
        if queue:
            booklet = queue.popleft()
            self.workers[conn] = (process, booklet)
            conn.send(booklet)
        else:
            self.workers[conn] = (process, None)
            conn.send(None)

    def run(self, booklets: list[Path], done: Callable[[Outcome], None]) -> None:
        from multiprocessing.connection import wait

        queue = deque(booklets)
        try:
            for _ in range(self.jobs):
                self.give(self.start(), queue)
            while any(booklet is not None for _process, booklet in self.workers.values()):
                busy = [c for c, (_p, b) in self.workers.items() if b is not None]
                for conn in wait(busy):
                    process, booklet = self.workers[conn]
                    try:
                        outcome = conn.recv()
                    except (EOFError, OSError):  # the worker died (killed, out of memory)
                        outcome = _lost(booklet, process)
                        _remove_leftovers(self.args[0], process.pid)
                        del self.workers[conn]
                        conn.close()
                        conn = self.start()
                    done(outcome)
                    self.give(conn, queue)
        finally:
            self.stop(done)

    def stop(self, done: Callable[[Outcome], None]) -> None:
        """SIGTERM every worker; a worker renaming its files finishes them and sends its
        outcome first, which is still recorded; after ``STOP_GRACE`` the rest are killed."""
        for process, _booklet in self.workers.values():
            if process.is_alive():
                with contextlib.suppress(OSError):
                    os.kill(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + STOP_GRACE
        for conn, (process, _booklet) in self.workers.items():
            process.join(max(0.0, deadline - time.monotonic()))
            if process.is_alive():
                process.kill()
                process.join()
                _remove_leftovers(self.args[0], process.pid)
            with contextlib.suppress(EOFError, OSError):
                while conn.poll():
                    done(conn.recv())
            conn.close()
        self.workers.clear()


def _remove_leftovers(out_dir: Path, pid: int) -> None:
    """The temporary files of a worker that had to be killed before it could remove them."""
    for path in Path(out_dir).glob(f".*.{pid}.*.part"):
        path.unlink(missing_ok=True)


def _lost(booklet: Path | None, process: multiprocessing.Process) -> Outcome:
    process.join(1)
    outcome = Outcome(booklet or Path("."))
    report = Report()
    report.error(
        Location(booklet or Path(".")),
        _("the process building this booklet stopped unexpectedly"),
        _("it may have run out of memory; build this booklet alone to see more"),
    )
    outcome.diagnostics = [d.format() for d in report.shown()]
    outcome.errors = 1
    return outcome


def _worker(conn: Connection, out_dir: Path, targets: tuple[Target, ...], strict: bool) -> None:
    """Build the booklets the parent sends until it sends None (or closes the pipe)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.signal(signal.SIGTERM, _unwind)
    with contextlib.suppress(EOFError, OSError):
        while (booklet := conn.recv()) is not None:
            conn.send(_build_one(booklet, out_dir, targets, strict, hold=signal.SIGTERM))
            _release(signal.SIGTERM)


def _release(signum: signal.Signals) -> None:
    """Let a held signal through again (a pending one is delivered at once)."""
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signum})


def _unwind(signum, frame) -> None:
    """SIGTERM from the parent: leave through every ``finally`` (temporary files go)."""
    raise SystemExit(130)

"""Building many booklets at once: every province, in parallel processes.

Worker processes are forked after the parent has imported ReportLab and registered the
fonts, so each worker starts warm; a booklet that fails is reported and the rest are built.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from .build import build
from .diagnostics import BookletError, Report
from .pdf.targets import Target

SKIP = {"output", "node_modules", "__pycache__"}


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


def _build_one(booklet: Path, out_dir: Path, targets: tuple[Target, ...], strict: bool) -> Outcome:
    start = time.perf_counter()
    report = Report(strict=strict)
    outcome = Outcome(booklet)
    try:
        result = build(booklet, out_dir, report, targets)
        outcome.files = [str(f.path) for f in result.files]
        outcome.pages = result.files[0].pages
    except BookletError as exc:
        report = exc.report
    except Exception as exc:  # noqa: BLE001 - one broken booklet must not stop the others
        report.error_from_exception(booklet, exc)
    outcome.diagnostics = [d.format() for d in report.diagnostics]
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
) -> list[Outcome]:
    """Build every booklet; results come back in the order given, whatever finished first."""
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(booklets)))
    if jobs == 1:
        outcomes = []
        for booklet in booklets:
            outcomes.append(_build_one(booklet, out_dir, targets, strict))
            if progress:
                progress(outcomes[-1])
        return outcomes
    from . import fonts

    fonts.register()  # once, in the parent: forked workers inherit it
    context = multiprocessing.get_context("fork")
    results: dict[Path, Outcome] = {}
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        futures = [pool.submit(_build_one, b, out_dir, targets, strict) for b in booklets]
        for future in as_completed(futures):
            outcome = future.result()
            results[outcome.booklet] = outcome
            if progress:
                progress(outcome)
    return [results[b] for b in booklets]

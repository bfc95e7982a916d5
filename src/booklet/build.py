"""The pipeline, read top to bottom: load → resolve → lay out → write."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import fonts as font_registry
from .content.load import load_booklet
from .diagnostics import Report
from .layout.paginate import Layout, lay_out
from .resolve import resolve
from .write import render_pdf, write_atomically


@dataclass(frozen=True)
class BuildResult:
    path: Path
    pages: int
    report: Report


def check(booklet_dir: Path, report: Report | None = None) -> Report:
    """Everything up to and including resolving, without laying out or writing."""
    report = report if report is not None else Report()
    booklet = load_booklet(booklet_dir, report)
    resolve(booklet, font_registry.register(), report)
    return report


def layout_booklet(booklet_dir: Path, report: Report) -> Layout:
    fonts = font_registry.register()
    booklet = load_booklet(booklet_dir, report)
    resolved, resolver = resolve(booklet, fonts, report)
    return lay_out(resolved, fonts, resolver.values, report)


def build(booklet_dir: Path, out_dir: Path, report: Report | None = None) -> BuildResult:
    report = report if report is not None else Report()
    layout = layout_booklet(booklet_dir, report)
    data = render_pdf(layout)
    target = Path(out_dir) / f"{layout.booklet.slug}.pdf"
    write_atomically(data, target)
    return BuildResult(target, len(layout.pages), report)

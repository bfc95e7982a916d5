"""The pipeline, read top to bottom: load → resolve → lay out → write (→ preflight)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.lib.units import mm

from . import fonts as font_registry
from .assets import fonts_folder
from .content.load import load_booklet
from .diagnostics import BookletError, Location, Report
from .i18n import _
from .layout.paginate import Layout, lay_out
from .pdf.output import write_atomically
from .pdf.render import build_epoch, padded_pages, render_pdf
from .pdf.targets import SCREEN, Target, print_target
from .process import collector_paused
from .publish import as_published
from .resolve import resolve

if TYPE_CHECKING:
    from .preflight import PreflightReport


class Superseded(Exception):
    """A build that its caller no longer wants (a newer save came in): nothing was written."""


@dataclass(frozen=True)
class Written:
    target: Target
    path: Path
    pages: int
    blank_pages: int


@dataclass
class BuildResult:
    files: list[Written]
    report: Report
    preflight: PreflightReport | None = None  # of the print file, when one was built
    notes: list[str] = field(default_factory=list)

    @property
    def path(self) -> Path:
        return self.files[0].path

    @property
    def pages(self) -> int:
        return self.files[0].pages


def check(booklet_dir: Path, report: Report | None = None, spell: bool = False) -> Report:
    """Everything up to and including resolving, without laying out or writing; with
    ``spell``, the prose's words are also checked against the Turkish dictionary."""
    report = report if report is not None else Report()
    booklet = load_booklet(booklet_dir, report)
    resolve(booklet, font_registry.register(fonts_folder(booklet_dir)), report)
    from .colourmatch import check_colours  # the colour profile is loaded for checks, not for every build

    check_colours(booklet.theme.colours, report)
    if spell:
        from .spelling import check_spelling

        check_spelling(booklet, report)
    report.raise_if_errors()
    return report


def layout_booklet(booklet_dir: Path, report: Report) -> Layout:
    fonts = font_registry.register(fonts_folder(booklet_dir))
    booklet = load_booklet(booklet_dir, report)
    resolved, resolver = resolve(booklet, fonts, report)
    return lay_out(resolved, fonts, resolver.values, report)


def build(
    booklet_dir: Path,
    out_dir: Path,
    report: Report | None = None,
    targets: tuple[Target, ...] = (SCREEN,),
    current: Callable[[], bool] | None = None,
) -> BuildResult:
    """Lay the booklet out once and write one file per target; all files or none are replaced.

    ``current`` is asked just before writing: when it says the build is no longer wanted
    (``booklet watch`` saw a newer save), :class:`Superseded` is raised and nothing written.
    The cyclic collector is paused meanwhile: a build's objects live until it ends.
    """
    with collector_paused():
        return _build(booklet_dir, out_dir, report, targets, current)


def _build(booklet_dir, out_dir, report, targets, current) -> BuildResult:
    report = report if report is not None else Report()
    layout = layout_booklet(booklet_dir, report)
    files: dict[Path, bytes] = {}
    written = []
    preflight_report = None
    result_notes: list[str] = []
    rendered = {}
    try:
        # The print file first: Ghostscript renders its plates for the ink check on the other
        # core while the screen file is made and the preflight's first rules run.
        for target in sorted(targets, key=lambda t: not t.cmyk):
            rendered[target] = _render(layout, target)
        for target in targets:
            name = target.file_name(layout.booklet.slug)
            data, separations = rendered[target]
            rendered[target] = (data, None)
            path = Path(out_dir) / name
            if target.cmyk:
                from .preflight import Rules, preflight

                _warn_narrow_bleed(target, path, report)
                checked = preflight(path, Rules(bleed_mm=target.bleed / mm), data=data, separations=separations)
                if not checked.passed:
                    for level, check, message in checked.grouped():
                        if level == "fail":
                            report.error(
                                Location(path), _("preflight: {check}: {message}").format(check=check, message=message)
                            )
                    raise BookletError(report)
                preflight_report = checked
            data, archived = as_published(booklet_dir, target.name, target.bleed / mm, target.marks, data)
            if archived:
                result_notes.append(
                    _(
                        "{name}: this booklet sets the published edition differently; wrote the file as published"
                    ).format(name=name)
                )
            files[path] = data
            pages, blanks = padded_pages(layout, target)
            written.append(Written(target, path, len(pages), blanks))
    finally:
        for _data, separations in rendered.values():
            if separations is not None:  # an error before its preflight: stop Ghostscript
                separations.close()
    report.raise_if_errors()  # warnings become errors under --strict: nothing is written
    if current is not None and not current():
        raise Superseded()
    write_atomically(files)
    return BuildResult(written, report, preflight_report, result_notes)


def _render(layout: Layout, target: Target):
    """A target's PDF bytes; for the print file also Ghostscript started on its separations."""
    name = target.file_name(layout.booklet.slug)
    data = render_pdf(layout, target, name)
    if not target.cmyk:
        return data, None
    from .pdf.pdfx import finish_pdfx
    from .preflight import ink

    data = finish_pdfx(data, layout.title, build_epoch(layout), overprint=target.overprint)
    gs = ink.ghostscript()
    pages, _blanks = padded_pages(layout, target)
    return data, ink.SeparationRun(gs, data, len(pages)) if gs is not None else None


def _warn_narrow_bleed(target: Target, path: Path, report: Report) -> None:
    """A bleed under 3 mm may be what the shop agreed, but it is never a default to pass silently."""
    from .preflight.report import USUAL_BLEED_MM

    if target.bleed / mm < USUAL_BLEED_MM - 0.05:
        report.warning(
            Location(path),
            _("the print file has {bleed:g} mm bleed; most print shops need {usual:g} mm").format(
                bleed=round(target.bleed / mm, 2), usual=USUAL_BLEED_MM
            ),
            _("use --bleed {usual:g}, or keep the smaller bleed only if the print shop agreed to it").format(
                usual=USUAL_BLEED_MM
            ),
        )


def targets_for(name: str, bleed_mm: float, marks: bool, overprint: bool = True) -> tuple[Target, ...]:
    printing = print_target(bleed_mm, marks, overprint)
    return {"screen": (SCREEN,), "print": (printing,), "all": (SCREEN, printing)}[name]

"""The command line: a thin layer that runs the pipeline and maps reports to exit codes.

Exit codes: 0 success, 1 content or build errors, 2 usage errors (click's own).
"""

from __future__ import annotations

import sys
import time
import traceback
from pathlib import Path

import click

from . import __version__
from .diagnostics import BookletError, Report

DEFAULT_CONTENT = Path("content")
DEFAULT_OUTPUT = Path("output")


def _print_report(report: Report) -> None:
    for diagnostic in report.diagnostics:
        click.echo(diagnostic.format(), err=True)


def _run(debug: bool, action):
    """Run a pipeline step; user errors are printed compiler-style, never as a traceback."""
    report = Report()
    try:
        result = action(report)
    except BookletError as exc:
        _print_report(exc.report)
        click.echo(exc.report.summary(), err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        click.echo("interrupted; the previous output was left in place", err=True)
        sys.exit(130)
    except Exception as exc:  # a bug in booklet, not in the content
        if debug:
            traceback.print_exc()
        click.echo(f"internal error: {type(exc).__name__}: {exc}", err=True)
        click.echo("this is a bug in booklet; run again with --debug and report the traceback", err=True)
        sys.exit(1)
    _print_report(report)
    return result, report


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="booklet")
@click.option("--debug", is_flag=True, help="Show a traceback for internal errors.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Typeset a Turkish information booklet from YAML content into a PDF."""
    ctx.obj = {"debug": debug}


booklet_dir_argument = click.argument(
    "booklet_dir", required=False, default=DEFAULT_CONTENT, type=click.Path(path_type=Path, file_okay=False)
)


@main.command()
@booklet_dir_argument
@click.option(
    "-o",
    "--output",
    "out_dir",
    default=DEFAULT_OUTPUT,
    show_default=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder for the PDF files.",
)
@click.option(
    "--target",
    type=click.Choice(["screen", "print", "all"]),
    default="all",
    show_default=True,
    help="screen: RGB file for the web; print: PDF/X-4 file for the press.",
)
@click.option(
    "--bleed",
    "bleed_mm",
    type=click.FloatRange(0, 10),
    default=3.0,
    show_default=True,
    help="Bleed of the print file, in mm, on every side.",
)
@click.option("--no-marks", is_flag=True, help="Print file without crop marks and slug line.")
@click.pass_context
def build(ctx: click.Context, booklet_dir: Path, out_dir: Path, target: str, bleed_mm: float, no_marks: bool) -> None:
    """Build the booklet in BOOKLET_DIR (default: ./content) into PDF files."""
    from .build import build as run_build
    from .build import targets_for

    start = time.perf_counter()
    targets = targets_for(target, bleed_mm, not no_marks)
    result, report = _run(ctx.obj["debug"], lambda r: run_build(booklet_dir, out_dir, r, targets))
    elapsed = time.perf_counter() - start
    for written in result.files:
        click.echo(f"wrote {written.path} ({written.pages} pages, {written.target.name})")
        if written.blank_pages:
            click.echo(
                f"  added {written.blank_pages} blank page{'s' * (written.blank_pages > 1)} before the back cover: "
                f"saddle stitching needs a multiple of 4 pages ({written.pages - written.blank_pages} → {written.pages})"
            )
    if result.preflight is not None:
        for line in result.preflight.lines():
            click.echo(f"  {line}")
    click.echo(f"built in {elapsed:.2f} s; {report.summary()}")
    if result.preflight is not None and not result.preflight.passed:
        sys.exit(1)


@main.command()
@booklet_dir_argument
@click.pass_context
def check(ctx: click.Context, booklet_dir: Path) -> None:
    """Validate the content in BOOKLET_DIR without rendering."""
    from .build import check as run_check

    _, report = _run(ctx.obj["debug"], lambda r: run_check(booklet_dir, r))
    click.echo(f"{booklet_dir}: ok; {report.summary()}")

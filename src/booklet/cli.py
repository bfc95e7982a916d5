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


def _run(debug: bool, action, strict: bool = False):
    """Run a pipeline step; user errors are printed compiler-style, never as a traceback."""
    report = Report(strict=strict)
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


strict_option = click.option("--strict", is_flag=True, help="Treat warnings as errors.")
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
@strict_option
@click.pass_context
def build(
    ctx: click.Context, booklet_dir: Path, out_dir: Path, target: str, bleed_mm: float, no_marks: bool, strict: bool
) -> None:
    """Build the booklet in BOOKLET_DIR (default: ./content) into PDF files."""
    from .build import build as run_build
    from .build import targets_for

    start = time.perf_counter()
    targets = targets_for(target, bleed_mm, not no_marks)
    result, report = _run(ctx.obj["debug"], lambda r: run_build(booklet_dir, out_dir, r, targets), strict)
    elapsed = time.perf_counter() - start
    for written in result.files:
        click.echo(f"wrote {written.path} ({written.pages} pages, {written.target.name})")
        if written.blank_pages:
            blanks, before = written.blank_pages, written.pages - written.blank_pages
            click.echo(
                f"  added {blanks} blank page{'s' * (blanks > 1)} before the back cover: "
                f"saddle stitching needs a multiple of 4 pages ({before} → {written.pages})"
            )
    if result.preflight is not None:
        for line in result.preflight.lines():
            click.echo(f"  {line}")
    click.echo(f"built in {elapsed:.2f} s; {report.summary()}")
    if result.preflight is not None and not result.preflight.passed:
        sys.exit(1)


@main.command()
@booklet_dir_argument
@strict_option
@click.pass_context
def check(ctx: click.Context, booklet_dir: Path, strict: bool) -> None:
    """Validate the content in BOOKLET_DIR without rendering."""
    from .build import check as run_check

    _, report = _run(ctx.obj["debug"], lambda r: run_check(booklet_dir, r), strict)
    click.echo(f"{booklet_dir}: ok; {report.summary()}")


pdf_argument = click.argument("pdf_file", type=click.Path(path_type=Path, exists=True, dir_okay=False))


@main.command()
@pdf_argument
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON.")
@click.option(
    "--bleed", "bleed_mm", type=click.FloatRange(0, 20), default=3.0, show_default=True, help="Required bleed in mm."
)
@click.option(
    "--min-ppi",
    type=click.FloatRange(1),
    default=300,
    show_default=True,
    help="Effective resolution below which an image is a warning (below 200 it fails).",
)
@click.option(
    "--max-ink", type=click.FloatRange(100, 400), default=300, show_default=True, help="Total ink limit in per cent."
)
def preflight(pdf_file: Path, as_json: bool, bleed_mm: float, min_ppi: float, max_ink: float) -> None:
    """Check PDF_FILE against the print shop's rules; exit 1 on any failure."""
    from .preflight import Rules
    from .preflight import preflight as run_preflight

    report = run_preflight(pdf_file, Rules(bleed_mm=bleed_mm, min_ppi=min_ppi, max_ink=max_ink))
    if as_json:
        click.echo(report.to_json())
    else:
        for line in report.lines():
            click.echo(line)
    sys.exit(0 if report.passed else 1)


@main.command()
@pdf_argument
@click.option(
    "-o",
    "--output",
    "out_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Imposed file (default: next to PDF_FILE, ending in -imposed.pdf).",
)
@click.pass_context
def impose(ctx: click.Context, pdf_file: Path, out_file: Path | None) -> None:
    """Write printer spreads of PDF_FILE for saddle stitching (16|1, 2|15, …)."""
    from .impose import impose as run_impose
    from .impose import spread_order

    target = out_file or pdf_file.with_name(pdf_file.stem + "-imposed.pdf")
    sides, _ = _run(ctx.obj["debug"], lambda r: run_impose(pdf_file, target))
    order = ", ".join(f"{a}|{b}" for a, b in spread_order(sides * 2)[:4])
    click.echo(f"wrote {target} ({sides} sheet sides: {order}, …)")

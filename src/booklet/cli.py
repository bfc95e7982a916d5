"""The command line: a thin layer that runs the pipeline and maps reports to exit codes.

Exit codes: 0 success, 1 content or build errors, 2 usage errors (click's own).
"""

from __future__ import annotations

import gc
import os
import sys
import time
import traceback
from pathlib import Path

import click

from . import __version__, i18n, process
from .cliwords import Group, Number
from .diagnostics import BookletError, Location, Report, number
from .i18n import N_, _, ngettext


def _language_from_argv(argv: list[str]) -> str | None:
    """``--lang`` is read before click parses anything, so that --help is translated too."""
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


i18n.setup(_language_from_argv(sys.argv[1:]))

DEFAULT_CONTENT = Path("content")
DEFAULT_OUTPUT = Path("output")


def _print_report(report: Report) -> None:
    for diagnostic in report.shown():
        click.echo(diagnostic.format(), err=True)


INTERRUPTED_BUILD = N_("interrupted; the previous output was left in place")
UNCHANGED_FIGURES = N_("interrupted; figures.yaml was left as it was")
NOTHING_CREATED = N_("interrupted; nothing was created")
NOT_PUBLISHED = N_("interrupted; the edition was not published")


def _run(
    debug: bool, action, strict: bool = False, where: Path = Path("booklet"), interrupted: str = INTERRUPTED_BUILD
):
    """Run a pipeline step; user errors are printed compiler-style, never as a traceback.

    ``where`` is what an unexpected failure is reported at (the booklet or file worked on);
    ``interrupted`` is what Ctrl-C left, in words."""
    report = Report(strict=strict)
    try:
        result = action(report)
    except BookletError as exc:
        _print_report(exc.report)
        click.echo(exc.report.summary(), err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        click.echo(_(interrupted), err=True)
        sys.exit(130)
    except Exception as exc:  # the file system refused, memory ran out, or a bug in booklet
        if debug:
            traceback.print_exc()
        report.error_from_exception(where, exc)
        _print_report(report)
        click.echo(report.summary(), err=True)
        sys.exit(1)
    _print_report(report)
    return result, report


def run() -> None:
    """The ``booklet`` command, as installed and as ``python -m booklet``.

    The cyclic collector stays off: a one-shot command makes little cyclic garbage and
    ends soon (``watch``, ``studio`` and ``--all``, which run on, switch it back on). When
    the command has finished, its files closed and renamed into place, the process leaves
    without the interpreter's teardown, unless a thread of its own is still running.
    """
    gc.disable()
    try:
        main()
    except SystemExit as exit_:
        code = exit_.code
        threading = sys.modules.get("threading")
        alone = threading is None or threading.active_count() == 1
        if alone and (code is None or isinstance(code, int)):
            process.leave(code or 0)
        raise


def _long_running() -> None:
    """A command that builds again and again: cyclic garbage is collected between builds."""
    gc.enable()


@click.group(
    cls=Group,
    context_settings={"help_option_names": ["-h", "--help"]},
    help=_("Typeset a Turkish information booklet from YAML content into a PDF."),
)
@click.version_option(__version__, prog_name="booklet")
@click.option("--debug", is_flag=True, help=_("Show a traceback for internal errors."))
@click.option(
    "--lang",
    type=click.Choice(i18n.LANGUAGES),
    default=None,
    help=_("Language of the messages: en or tr (default: from LANG)."),
)
@click.pass_context
def main(ctx: click.Context, debug: bool, lang: str | None) -> None:
    if lang is not None and lang != i18n.current():
        i18n.setup(lang)  # help texts were chosen at start-up from the same option
    ctx.obj = {"debug": debug}


strict_option = click.option("--strict", is_flag=True, help=_("Treat warnings as errors."))
creep_option = click.option(
    "--creep",
    "creep_mm",
    type=Number(0, 5),
    default=0,
    show_default=True,
    metavar=_("MM"),
    help=_("Move the pages of the innermost sheet this many mm towards the spine (thick paper)."),
)
no_overprint_option = click.option(
    "--no-overprint", is_flag=True, help=_("Let 100 % K text knock out the colour beneath it.")
)
output_option = click.option(
    "-o",
    "--output",
    "out_dir",
    default=DEFAULT_OUTPUT,
    show_default=True,
    type=click.Path(path_type=Path, file_okay=False),
    help=_("Folder for the PDF files."),
)


def jobs_option(help_text: str):
    """``-j/--jobs N``: how many processes a command may use (default: one per core)."""
    return click.option("-j", "--jobs", type=Number(1, whole=True), default=None, metavar=_("N"), help=help_text)


no_marks_option = click.option("--no-marks", is_flag=True, help=_("Print file without crop marks and slug line."))
booklet_dir_argument = click.argument(
    "booklet_dir",
    required=False,
    default=DEFAULT_CONTENT,
    metavar=_("[BOOKLET_DIR]"),
    type=click.Path(path_type=Path, file_okay=False),
)
existing_booklet_argument = click.argument(
    "booklet_dir", metavar=_("BOOKLET_DIR"), type=click.Path(path_type=Path, file_okay=False, exists=True)
)
bleed_option = click.option(
    "--bleed",
    "bleed_mm",
    type=Number(0, 10),
    default=3,
    show_default=True,
    metavar=_("MM"),
    help=_("Bleed of the print file, in mm, on every side."),
)
no_marks_option = click.option("--no-marks", is_flag=True, help=_("Print file without crop marks and slug line."))
TARGET_NAMES = {"screen": N_("screen"), "print": N_("print")}


@main.command(
    help=_(
        "Build the booklet in BOOKLET_DIR (default: the one in ./content) into PDF files.\n\nWith --all, every booklet under BOOKLET_DIR (every province and period) is built."
    )
)
@booklet_dir_argument
@output_option
@click.option(
    "--target",
    type=click.Choice(["screen", "print", "all"]),
    default="all",
    show_default=True,
    help=_("screen: RGB file for the web; print: PDF/X-4 file for the press."),
)
@bleed_option
@no_marks_option
@no_overprint_option
@click.option("--all", "build_all", is_flag=True, help=_("Build every booklet under BOOKLET_DIR, in parallel."))
@jobs_option(_("Processes for --all (default: CPU count)."))
@strict_option
@click.pass_context
def build(
    ctx: click.Context,
    booklet_dir: Path,
    out_dir: Path,
    target: str,
    bleed_mm: float,
    no_marks: bool,
    no_overprint: bool,
    build_all: bool,
    jobs: int | None,
    strict: bool,
) -> None:
    from .batch import booklets_under
    from .build import build as run_build
    from .build import targets_for

    start = time.perf_counter()
    targets = targets_for(target, bleed_mm, not no_marks, not no_overprint)
    booklet_dir = _pick_booklet(booklet_dir, build_all)
    if build_all:
        booklets = booklets_under(booklet_dir)
        if not booklets:
            from .assets import shown

            report = Report()
            report.error(
                Location(booklet_dir),
                _("no booklet (no booklet.yaml) found"),
                _("looked for booklet.yaml in {folders} and every folder below it").format(
                    folders=shown([booklet_dir])
                ),
            )
            _print_report(report)
            sys.exit(1)
        _long_running()
        _build_many(booklets, out_dir, targets, jobs, strict)
        return
    result, report = _run(ctx.obj["debug"], lambda r: run_build(booklet_dir, out_dir, r, targets), strict, booklet_dir)
    elapsed = time.perf_counter() - start
    for written in result.files:
        click.echo(
            _("wrote {path} ({pages} pages, {target})").format(
                path=written.path, pages=written.pages, target=_(TARGET_NAMES[written.target.name])
            )
        )
        if written.blank_pages:
            blanks, before = written.blank_pages, written.pages - written.blank_pages
            click.echo(
                "  "
                + ngettext(
                    "added {count} blank page before the back cover: saddle stitching needs a multiple of 4 pages"
                    " ({before} → {pages})",
                    "added {count} blank pages before the back cover: saddle stitching needs a multiple of 4 pages"
                    " ({before} → {pages})",
                    blanks,
                ).format(count=blanks, before=before, pages=written.pages)
            )
    for note in result.notes:
        click.echo("  " + note)
    if result.preflight is not None:
        for line in result.preflight.lines():
            click.echo(f"  {line}")
    click.echo(_("built in {elapsed} s; {summary}").format(elapsed=number(elapsed, 2), summary=report.summary()))
    if result.preflight is not None and not result.preflight.passed:
        sys.exit(1)


def _pick_booklet(folder: Path, build_all: bool) -> Path:
    """A folder that is not itself a booklet stands for the one booklet below it."""
    from .batch import booklets_under

    if build_all or (folder / "booklet.yaml").is_file():
        return folder
    found = booklets_under(folder) if folder.is_dir() else []
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        names = ", ".join(str(p) for p in found[:5]) + (", …" if len(found) > 5 else "")
        raise click.UsageError(
            _("{folder} holds {found} booklets ({names}); give one of them, or use --all").format(
                folder=folder, found=len(found), names=names
            )
        )
    return folder  # the loader says what is missing


def _build_many(booklets: list[Path], out_dir: Path, targets, jobs: int | None, strict: bool) -> None:
    from .batch import build_many, output_conflicts

    if not booklets:
        click.echo(_("error: no booklet (no booklet.yaml) found"), err=True)
        sys.exit(1)
    start = time.perf_counter()
    conflicts = output_conflicts(booklets, out_dir, targets)
    if conflicts.errors:  # two booklets would write the same file: nothing is built
        _print_report(conflicts)
        click.echo(conflicts.summary(), err=True)
        sys.exit(1)
    with click.progressbar(length=len(booklets), label=_("building"), file=sys.stderr) as bar:
        outcomes = build_many(booklets, out_dir, targets, jobs, strict, progress=lambda _: bar.update(1))
    elapsed = time.perf_counter() - start
    failed = [o for o in outcomes if not o.ok]
    _print_by_booklet([(o.booklet, o.diagnostics) for o in outcomes])
    files = sum(len(o.files) for o in outcomes)
    warnings = sum(o.warnings for o in outcomes)
    for outcome in failed:
        click.echo(
            _("FAILED {booklet} ({errors} errors)").format(booklet=outcome.booklet, errors=outcome.errors), err=True
        )
    built = len(outcomes) - len(failed)
    if outcomes.interrupted:
        click.echo(
            _(
                "interrupted: built {built} of {total} booklets ({files} files) in {elapsed} s; the others were"
                " not built and their previous files are unchanged"
            ).format(built=built, total=outcomes.total, files=files, elapsed=number(elapsed, 2)),
            err=True,
        )
        sys.exit(130)
    click.echo(
        _(
            "built {built} of {total} booklets ({files} files) in {elapsed} s; {failed} failed, {warnings} warnings"
        ).format(
            built=built,
            total=len(outcomes),
            files=files,
            elapsed=number(elapsed, 2),
            failed=len(failed),
            warnings=warnings,
        )
    )
    sys.exit(1 if failed else 0)


@main.command(help=_("Validate the content in BOOKLET_DIR (or every booklet below it) without rendering."))
@booklet_dir_argument
@strict_option
@click.option("--spell", is_flag=True, help=_("Also check the spelling of the prose (needs: pip install '.[spell]')."))
@click.pass_context
def check(ctx: click.Context, booklet_dir: Path, strict: bool, spell: bool) -> None:
    from .batch import booklets_under
    from .build import check as run_check

    booklets = booklets_under(booklet_dir) if booklet_dir.is_dir() else []
    if not booklets or booklets == [booklet_dir]:  # one booklet, or none: the loader says what is missing
        _result, report = _run(ctx.obj["debug"], lambda r: run_check(booklet_dir, r, spell), strict, booklet_dir)
        click.echo(_("{booklet}: ok; {summary}").format(booklet=booklet_dir, summary=report.summary()))
        return
    _long_running()
    reports = []
    for booklet in booklets:  # every booklet is checked, whatever the ones before it gave
        reports.append(
            (booklet, _attempt(ctx.obj["debug"], lambda r, b=booklet: run_check(b, r, spell), strict, booklet))
        )
    _print_by_booklet([(booklet, [d.format() for d in report.shown()]) for booklet, report in reports])
    for booklet, report in reports:
        line = _("{booklet}: ok; {summary}") if not report.errors else _("{booklet}: FAILED; {summary}")
        click.echo(line.format(booklet=booklet, summary=report.summary()), err=bool(report.errors))
    if any(report.errors for _booklet, report in reports):
        sys.exit(1)


def _attempt(debug: bool, action, strict: bool, where: Path) -> Report:
    """Run a check on one of several booklets: its report, whatever went wrong (Ctrl-C stops all)."""
    report = Report(strict=strict)
    try:
        action(report)
    except BookletError as exc:
        return exc.report
    except KeyboardInterrupt:
        click.echo(_(INTERRUPTED_BUILD), err=True)
        sys.exit(130)
    except Exception as exc:  # the file system refused, memory ran out, or a bug in booklet
        if debug:
            traceback.print_exc()
        report.error_from_exception(where, exc)
    return report


def _print_by_booklet(found: list[tuple[Path, list[str]]]) -> None:
    """The problems of several booklets, each once, with the booklets it was found in.

    A mistake in the shared prose is found in every province's booklet: it is printed
    once, naming them, instead of once per province."""
    where: dict[str, tuple[str, list[Path]]] = {}  # place and message → the first text, its booklets
    for booklet, lines in found:
        for line in lines:
            where.setdefault(line.split("\n", 1)[0], (line, []))[1].append(booklet)  # hints may name the booklet
    several = len(found) > 1
    for line, booklets in where.values():
        click.echo(line, err=True)
        if several:
            names = _shortlist([str(b) for b in booklets], 5)
            click.echo(
                "  "
                + ngettext("booklet: {names}", "{count} booklets: {names}", len(booklets)).format(
                    count=len(booklets), names=names
                ),
                err=True,
            )


pdf_argument = click.argument(
    "pdf_file", metavar=_("PDF_FILE"), type=click.Path(path_type=Path, exists=True, dir_okay=False)
)


@main.command(help=_("Check PDF_FILE against the print shop's rules; exit 1 on any failure."))
@pdf_argument
@click.option("--json", "as_json", is_flag=True, help=_("Print the findings as JSON."))
@click.option(
    "--bleed",
    "bleed_mm",
    type=Number(0, 20),
    default=3,
    show_default=True,
    metavar=_("MM"),
    help=_("Required bleed in mm."),
)
@click.option(
    "--min-ppi",
    type=Number(1),
    default=300,
    show_default=True,
    metavar=_("N"),
    help=_("Effective resolution below which an image is a warning (below 200 it fails)."),
)
@click.option(
    "--max-ink",
    type=Number(100, 400),
    default=300,
    show_default=True,
    metavar=_("PCT"),
    help=_("Total ink limit in per cent."),
)
def preflight(pdf_file: Path, as_json: bool, bleed_mm: float, min_ppi: float, max_ink: float) -> None:
    from .preflight import Rules
    from .preflight import preflight as run_preflight

    report = run_preflight(pdf_file, Rules(bleed_mm=bleed_mm, min_ppi=min_ppi, max_ink=max_ink))
    if as_json:
        click.echo(report.to_json())
    else:
        for line in report.lines():
            click.echo(line)
    sys.exit(0 if report.passed else 1)


@main.command(help=_("Write printer spreads of PDF_FILE for saddle stitching (16|1, 2|15, …)."))
@pdf_argument
@click.option(
    "-o",
    "--output",
    "out_file",
    type=click.Path(path_type=Path, dir_okay=False),
    metavar=_("OUT"),
    help=_("Imposed file (default: next to PDF_FILE, ending in -imposed.pdf)."),
)
@creep_option
@click.pass_context
def impose(ctx: click.Context, pdf_file: Path, out_file: Path | None, creep_mm: float) -> None:
    from .impose import impose as run_impose
    from .impose import spread_order

    target = out_file or pdf_file.with_name(pdf_file.stem + "-imposed.pdf")
    result, _report = _run(ctx.obj["debug"], lambda r: run_impose(pdf_file, target, creep_mm))
    order = ", ".join(f"{a}|{b}" for a, b in spread_order(result.sides * 2)[:4])
    click.echo(
        _("wrote {target} ({sides} sheet sides: {order}, …)").format(target=target, sides=result.sides, order=order)
    )
    if result.pdfx:
        click.echo("  " + _("PDF/X-4: it passes the same preflight as the print file"))
    else:
        click.echo("  " + _("a plain PDF, for proofing: {reason}").format(reason=result.reasons[0]))


@main.command(help=_("Build the print file of BOOKLET_DIR and write the print shop's package: a folder and a .zip."))
@booklet_dir_argument
@output_option
@bleed_option
@creep_option
@no_overprint_option
@strict_option
@click.pass_context
def package(
    ctx: click.Context,
    booklet_dir: Path,
    out_dir: Path,
    bleed_mm: float,
    creep_mm: float,
    no_overprint: bool,
    strict: bool,
) -> None:
    from .package import make_package

    booklet_dir = _pick_booklet(booklet_dir, False)
    result, report = _run(
        ctx.obj["debug"],
        lambda r: make_package(
            booklet_dir, out_dir, r, bleed_mm=bleed_mm, creep_mm=creep_mm, overprint=not no_overprint
        ),
        strict,
    )
    click.echo(
        _("wrote {folder} ({count} files) and {archive}").format(
            folder=result.folder, count=len(result.files), archive=result.archive
        )
    )
    for path in result.files:
        click.echo(f"  {path.name}")
    click.echo(result.preflight.summary())


@main.group(help=_("Move a booklet's figures in and out of spreadsheets."))
def figures() -> None:
    pass  # a group: its commands follow


@figures.command(
    "import",
    help=_(
        "Fill BOOKLET_DIR/figures.yaml from SHEET (.csv or .xlsx with the columns key/anahtar and value/değer,"
        " and optionally güncel). Prints the table of changes; --dry-run writes nothing; --undo puts back the"
        " figures as they were before the last import."
    ),
)
@existing_booklet_argument
@click.argument(
    "sheet", required=False, metavar=_("[SHEET]"), type=click.Path(path_type=Path, dir_okay=False, exists=True)
)
@click.option("--dry-run", is_flag=True, help=_("Show what would change and write nothing."))
@click.option("--undo", is_flag=True, help=_("Restore figures.yaml as it was before the last import."))
@click.pass_context
def figures_import(ctx: click.Context, booklet_dir: Path, sheet: Path | None, dry_run: bool, undo: bool) -> None:
    from .spreadsheet import import_figures, undo_import

    if undo:
        if sheet is not None or dry_run:
            raise click.UsageError(_("--undo takes only the booklet folder"))
        restored, _report = _run(ctx.obj["debug"], lambda r: undo_import(booklet_dir), interrupted=UNCHANGED_FIGURES)
        click.echo(_("restored {path} as it was before the last import").format(path=restored))
        return
    if sheet is None:
        raise click.UsageError(_("give the spreadsheet to import (or --undo)"))
    result, report = _run(
        ctx.obj["debug"],
        lambda r: import_figures(booklet_dir, sheet, r, dry_run=dry_run),
        interrupted=UNCHANGED_FIGURES,
    )
    if result.changes:
        for line in result.table():
            click.echo(line)
        click.echo("")
    yaml_path = booklet_dir / "figures.yaml"
    if dry_run:
        click.echo(
            ngettext(
                "dry run: {count} figure would change in {yaml}; nothing was written",
                "dry run: {count} figures would change in {yaml}; nothing was written",
                len(result.updated),
            ).format(count=len(result.updated), yaml=yaml_path)
        )
    elif result.written:
        click.echo(
            _(
                "updated {updated} figures in {yaml} from {sheet}; undo with: booklet figures import {booklet} --undo"
            ).format(updated=len(result.updated), yaml=yaml_path, sheet=sheet, booklet=booklet_dir)
        )
    else:
        click.echo(_("nothing changed: the sheet gives the values figures.yaml already has"))
    if result.confirmed:
        click.echo(_("  confirmed as this period's (güncel): {names}").format(names=", ".join(result.confirmed)))
    if result.ignored_columns:
        click.echo(
            _("  note: ignored the columns {ignored_columns}").format(
                ignored_columns=_shortlist(result.ignored_columns)
            )
        )
    if result.missing:
        click.echo(
            _("  not in the spreadsheet, left as they were: {missing}").format(missing=_shortlist(result.missing))
        )
    if result.still_stale:
        click.echo(
            "  "
            + ngettext(
                "{count} figure still carries last period's value: {names}",
                "{count} figures still carry last period's value: {names}",
                len(result.still_stale),
            ).format(count=len(result.still_stale), names=_shortlist(result.still_stale))
        )


def _shortlist(names: list[str], limit: int = 8) -> str:
    shown = ", ".join(names[:limit])
    more = len(names) - limit
    return shown + (" " + ngettext("and {count} more", "and {count} more", more).format(count=more) if more > 0 else "")


@figures.command("export", help=_("Write the current figures of BOOKLET_DIR as a spreadsheet to fill in."))
@existing_booklet_argument
@click.option(
    "-o",
    "--output",
    "target",
    type=click.Path(path_type=Path, dir_okay=False),
    help=_("A .csv or .xlsx file (default: output/<province>-<period>-figures.csv)."),
)
@click.pass_context
def figures_export(ctx: click.Context, booklet_dir: Path, target: Path | None) -> None:
    from .spreadsheet import export_figures

    target = target or DEFAULT_OUTPUT / f"{booklet_dir.resolve().parent.name}-{booklet_dir.resolve().name}-figures.csv"
    count, _report = _run(ctx.obj["debug"], lambda r: export_figures(booklet_dir, target))
    click.echo(_("wrote {count} figures to {target}").format(count=count, target=target))


@main.command(
    "new-period", help=_("Start the next reporting period from BOOKLET_DIR: figures carried over, marked stale.")
)
@existing_booklet_argument
@click.option("--period", required=True, metavar=_("PERIOD"), help=_("The new edition, e.g. 2025-1."))
@click.option(
    "--date", "month", required=True, metavar=_("YYYY-MM"), help=_("The new publication month, e.g. 2025-05.")
)
@click.option(
    "-o",
    "--output",
    "target",
    type=click.Path(path_type=Path, file_okay=False),
    help=_("Folder of the new period (default: next to BOOKLET_DIR, named after the period)."),
)
@click.pass_context
def new_period(ctx: click.Context, booklet_dir: Path, period: str, month: str, target: Path | None) -> None:
    from .periods import new_period as run_new_period

    created, _report = _run(
        ctx.obj["debug"], lambda r: run_new_period(booklet_dir, period, month, target), interrupted=NOTHING_CREATED
    )
    click.echo(_("created {created}: every figure carried over and marked 'stale: true'").format(created=created))
    click.echo(
        _("next: booklet figures import {created} NEW-FIGURES.xlsx && booklet build {created} --strict").format(
            created=created
        )
    )


@main.command(
    "new-province",
    help=_(
        "Start a province in BOOKLET_DIR (e.g. content/malatya/2024-2) from the shared prose: every figure present"
        " and empty, to be filled in."
    ),
)
@click.argument("booklet_dir", metavar=_("BOOKLET_DIR"), type=click.Path(path_type=Path, file_okay=False))
@click.option(
    "--province", required=True, metavar=_("NAME"), help=_("The province's name as it is printed, e.g. Malatya.")
)
@click.option("--date", "month", required=True, metavar=_("YYYY-MM"), help=_("The publication month, e.g. 2024-05."))
@click.option(
    "--period", default=None, metavar=_("PERIOD"), help=_("The edition (default: the folder's name, e.g. 2024-2).")
)
@click.option(
    "--from",
    "model",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    default=None,
    help=_("The booklet whose list of figures is copied (default: the newest one next to it)."),
)
@click.pass_context
def new_province(
    ctx: click.Context, booklet_dir: Path, province: str, month: str, period: str | None, model: Path | None
) -> None:
    from .periods import new_province as run_new_province

    (created, source, count), _report = _run(
        ctx.obj["debug"],
        lambda r: run_new_province(booklet_dir, province, month, period, model),
        interrupted=NOTHING_CREATED,
    )
    click.echo(
        _("created {created}: {count} figures from {source}, every one empty (value: null)").format(
            created=created, count=count, source=source
        )
    )
    click.echo(
        _(
            "next: booklet figures import {created} FIGURES.xlsx (or fill in figures.yaml) && booklet check {created}"
        ).format(created=created)
    )


@main.command(
    help=_(
        "Freeze the edition in BOOKLET_DIR as it goes to the press: build it strictly, keep the PDFs and a copy of"
        " everything they were made from, so that it rebuilds byte for byte; --reopen lifts the freeze."
    )
)
@existing_booklet_argument
@output_option
@click.option("--reopen", is_flag=True, help=_("Allow changes to a published edition again."))
@bleed_option
@no_marks_option
@click.pass_context
def publish(
    ctx: click.Context, booklet_dir: Path, out_dir: Path, reopen: bool, bleed_mm: float, no_marks: bool
) -> None:
    from .publish import publish as run_publish
    from .publish import reopen as run_reopen

    if reopen:
        folder, _report = _run(ctx.obj["debug"], lambda r: run_reopen(booklet_dir))
        click.echo(
            _("reopened {booklet}: it builds from the current shared prose again ({folder} removed)").format(
                booklet=booklet_dir, folder=folder
            )
        )
        return
    done, _report = _run(
        ctx.obj["debug"],
        lambda r: run_publish(booklet_dir, out_dir, r, bleed_mm, not no_marks),
        interrupted=NOT_PUBLISHED,
    )
    for path in done.files:
        click.echo(_("wrote {path}").format(path=path))
    click.echo(
        _("published {booklet}: {inputs} files it was made from and the PDFs are kept in {folder}").format(
            booklet=booklet_dir, inputs=done.inputs, folder=done.folder
        )
    )


@main.command(help=_("Compare the figures of two booklets (periods or provinces) and flag what needs a look."))
@click.argument("old_dir", metavar=_("OLD_DIR"), type=click.Path(path_type=Path, file_okay=False, exists=True))
@click.argument("new_dir", metavar=_("NEW_DIR"), type=click.Path(path_type=Path, file_okay=False, exists=True))
@click.option(
    "--threshold",
    type=Number(0),
    default=50,
    show_default=True,
    metavar=_("PCT"),
    help=_("Flag changes larger than this many per cent."),
)
@click.option("--all", "every_row", is_flag=True, help=_("List every figure, not only the changed and flagged ones."))
@strict_option
@click.pass_context
def diff(ctx: click.Context, old_dir: Path, new_dir: Path, threshold: float, every_row: bool, strict: bool) -> None:
    from .diff import compare, flag_lines, table, worth_a_look

    (rows, old, new), _report = _run(ctx.obj["debug"], lambda r: compare(old_dir, new_dir, threshold))
    shown = rows if every_row else [row for row in rows if worth_a_look(row)]
    if shown:
        for line in table(shown, old, new):
            click.echo(line)
        click.echo("")
    flags = flag_lines(rows)
    for line in flags:
        click.echo(line)
    changed = sum(1 for row in rows if row.change)
    click.echo(
        _("{rows} figures, {changed} changed, {flags} flagged").format(
            rows=len(rows), changed=changed, flags=sum(1 for r in rows if r.flags)
        )
    )
    if len(shown) < len(rows):
        click.echo(
            ngettext(
                "{count} figure unchanged and not flagged is not listed; --all lists every figure",
                "{count} figures unchanged and not flagged are not listed; --all lists every figure",
                len(rows) - len(shown),
            ).format(count=len(rows) - len(shown))
        )
    if strict and flags:
        sys.exit(1)


@main.command(help=_("Build the booklet and write PNGs of every page and a contact sheet of its spreads."))
@booklet_dir_argument
@click.option(
    "-o",
    "--output",
    "out_dir",
    default=DEFAULT_OUTPUT,
    show_default=True,
    type=click.Path(path_type=Path, file_okay=False),
    help=_("Folder for the PDF; PNGs go to its proof/."),
)
@click.option(
    "--print", "for_print", is_flag=True, help=_("Proof the print file, with trim, bleed and safe-zone lines.")
)
@jobs_option(_("Processes that render the pages (default: CPU count)."))
@click.pass_context
def proof(ctx: click.Context, booklet_dir: Path, out_dir: Path, for_print: bool, jobs: int | None) -> None:
    from .build import build as run_build
    from .build import targets_for
    from .content.load import load_booklet
    from .proof import make_proof, sheet_title

    booklet_dir = _pick_booklet(booklet_dir, False)
    targets = targets_for("print" if for_print else "screen", 3.0, True)
    result, _report = _run(ctx.obj["debug"], lambda r: run_build(booklet_dir, out_dir, r, targets))
    written = result.files[0]
    title = sheet_title(load_booklet(booklet_dir, Report()).meta, written.pages)
    with click.progressbar(length=written.pages, label=_("rendering pages"), file=sys.stderr) as bar:
        made = make_proof(
            written.path,
            out_dir / "proof",
            title,
            overlay=for_print,
            tick=lambda: bar.update(1),
            jobs=jobs or os.cpu_count() or 1,
        )
    click.echo(
        _("wrote {pages} page images and the contact sheet {contact_sheet}").format(
            pages=len(made.pages), contact_sheet=made.contact_sheet
        )
    )


@main.command(
    help=_(
        "Write the JSON Schemas of the content files, for editors with a YAML language server, into the folder the"
        " files in CONTENT_DIR (default: ./content) name in their first line; descriptions in the language of the"
        " messages."
    )
)
@click.argument(
    "content_dir",
    required=False,
    default=DEFAULT_CONTENT,
    metavar=_("[CONTENT_DIR]"),
    type=click.Path(path_type=Path, file_okay=False),
)
@click.option(
    "-o",
    "--output",
    "folder",
    type=click.Path(path_type=Path, file_okay=False, allow_dash=True),
    metavar=_("DIR"),
    help=_("Folder for the *.schema.json files instead; '-' prints them."),
)
@click.pass_context
def schema(ctx: click.Context, content_dir: Path, folder: Path | None) -> None:
    from .jsonschema import schema_folder, schemas_as_text, write_schemas

    if folder is not None and str(folder) == "-":
        click.echo(schemas_as_text(), nl=False)
        return

    def write(report: Report) -> list[Path]:
        return write_schemas(folder if folder is not None else schema_folder(content_dir))

    written, _report = _run(ctx.obj["debug"], write, where=folder or content_dir)
    for path in written:
        click.echo(_("wrote {path}").format(path=path))


@main.command(help=_("Rebuild the booklet whenever one of its files is saved (Ctrl-C stops)."))
@booklet_dir_argument
@output_option
@click.option(
    "--target",
    type=click.Choice(["screen", "print", "all"]),
    default="screen",
    show_default=True,
    help=_("Which files to rebuild on every save."),
)
@strict_option
def watch(booklet_dir: Path, out_dir: Path, target: str, strict: bool) -> None:
    from .build import targets_for
    from .watch import Watcher, watched_folders

    booklet_dir = _pick_booklet(booklet_dir, False)

    def report(outcome) -> None:
        stamp = time.strftime("%H:%M:%S")
        for diagnostic in outcome.report.shown():
            click.echo(diagnostic.format(), err=True)
        if outcome.ok:
            click.echo(
                _("[{stamp}] rebuilt {files} in {seconds} s; {summary}").format(
                    stamp=stamp,
                    files=", ".join(map(str, outcome.files)),
                    seconds=number(outcome.seconds, 2),
                    summary=outcome.report.summary(),
                )
            )
        else:
            click.echo(
                _("[{stamp}] build failed ({summary}); the last good PDF is unchanged").format(
                    stamp=stamp, summary=outcome.report.summary()
                )
            )

    def notice(message: str) -> None:
        click.echo("[{stamp}] {message}".format(stamp=time.strftime("%H:%M:%S"), message=message), err=True)

    _long_running()
    watcher = Watcher(booklet_dir, out_dir, targets_for(target, 3.0, True), report, strict, notice)
    try:
        watcher.rebuild()
        watcher.start()
        folders = ", ".join(str(f) for f in watched_folders(booklet_dir))
        click.echo(_("watching {folders}; Ctrl-C stops").format(folders=folders))
        while True:
            time.sleep(0.5)
    except KeyboardInterrupt:
        watcher.stop()
        click.echo(_("stopped"))
        sys.exit(130)


@main.command(help=_("Open the studio: a local web app to edit figures and text with a live preview."))
@click.argument(
    "content_dir",
    required=False,
    default=DEFAULT_CONTENT,
    metavar=_("[CONTENT_DIR]"),
    type=click.Path(path_type=Path, file_okay=False, exists=True),
)
@click.option(
    "--port",
    type=Number(0, 65535, whole=True),
    default=8470,
    show_default=True,
    metavar=_("PORT"),
    help=_("Port to listen on."),
)
@click.option("--no-browser", is_flag=True, help=_("Do not open the browser."))
@click.option(
    "--host",
    default=None,
    help=_("Also listen on this address (e.g. 0.0.0.0), protected by an access token; default: 127.0.0.1 only."),
)
@click.option(
    "--lang",
    "studio_lang",
    type=click.Choice(i18n.LANGUAGES),
    default=None,
    help=_("Language of the studio (default: tr)."),
)
@output_option
@click.pass_context
def studio(
    ctx: click.Context,
    content_dir: Path,
    port: int,
    no_browser: bool,
    host: str | None,
    studio_lang: str | None,
    out_dir: Path,
) -> None:
    try:
        from .studio.server import PortInUse, port_message, serve
    except ImportError as exc:  # the web stack is an optional extra
        click.echo(
            _("error: the studio needs its web libraries ({missing}): pip install '.[studio]'").format(
                missing=exc.name
            ),
            err=True,
        )
        sys.exit(2)
    language = studio_lang or (ctx.parent.params.get("lang") if ctx.parent else None) or "tr"
    _long_running()

    def ready(address) -> None:
        click.echo(_("booklet studio: {url}").format(url=address.url))
        if address.token:
            click.echo(_("  listening on {host}; the address above carries the access token").format(host=address.host))
        click.echo(_("  content: {content}; Ctrl-C stops").format(content=content_dir.resolve()))

    try:
        serve(content_dir, out_dir, host, port, language, not no_browser, on_ready=ready)
    except KeyboardInterrupt:  # uvicorn shuts down gracefully, then passes Ctrl-C on
        click.echo(_("stopped"))
        sys.exit(130)
    except PortInUse:
        click.echo(_("error: {message}").format(message=port_message(port)), err=True)
        sys.exit(2)

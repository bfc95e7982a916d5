"""The figures table: values typed the Turkish way in, surgical edits of figures.yaml out.

A value is read by the spreadsheet import's own parser (``92.783``, ``188,1 milyon TL``,
``%3``, refusing ``92,783`` and ``188.1``), then the edited file is read back by the
loader's own figure reader, so a value the build would refuse is refused as it is typed.
Edits replace only the characters of the changed values and ``stale`` flags: comments,
order and layout of figures.yaml stay.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import yaml
from babel.numbers import format_decimal

from ..content import source as yaml_source
from ..content.figures import read_figures
from ..content.load import FIGURES_FILE
from ..content.model import Figure
from ..content.reader import Reader
from ..diagnostics import BookletError, Report
from ..diff import Row, compare
from ..i18n import _
from ..periods import number_text, set_figures
from ..spreadsheet import NumberProblem, parse_number
from ..turkish import FORMATTERS, LOCALE, NBSP
from .workspace import Problem, located


@dataclass(frozen=True)
class FigureRow:
    name: str
    label: str
    kind: str
    value: Decimal
    typed: str  # the exact value as an editor types it: 92.783, 188.100.000, 3,5
    printed: str  # as the booklet prints it: 92.783, 188,1 milyon TL, %3
    stale: bool
    line: int
    col: int
    previous: str = ""  # last period's value as printed
    change: str = ""
    percent: str = ""
    flags: tuple[str, ...] = ()


def typed_form(value: Decimal | None, kind: str) -> str:
    """The value written the Turkish way without rounding (the printed form may round money);
    empty for a value still to be filled in (a new province)."""
    if value is None:
        return ""
    if kind == "year":
        return number_text(value)
    return format_decimal(value, locale=LOCALE, decimal_quantization=False)


def printed_form(value: Decimal | None, kind: str) -> str:
    return "—" if value is None else FORMATTERS[kind](value).replace(NBSP, " ")


def value_positions(source: yaml_source.Source, root: yaml.Node | None) -> dict[str, tuple[int, int]]:
    """Line and column of each figure's ``value``, for messages that point at it."""
    found = {}
    if isinstance(root, yaml.MappingNode):
        for key, node in root.value:
            if isinstance(node, yaml.MappingNode):
                for k, v in node.value:
                    if k.value == "value":
                        found[key.value] = (v.start_mark.line + 1, v.start_mark.column + 1)
    return found


def read_text(path: Path, text: str, booklet: Path) -> tuple[dict[str, Figure], Report, dict[str, tuple[int, int]]]:
    """The figures of a figures.yaml text (the file on disk, a draft or a candidate)."""
    report = Report()
    source = yaml_source.Source(path, text)
    try:
        root = yaml_source.compose(source)
    except BookletError as exc:  # a YAML syntax error, a duplicate key …
        return {}, exc.report, {}
    figures = read_figures(Reader(source, report, booklet), root)
    return figures, report, value_positions(source, root)


def previous_period(booklet: Path) -> Path | None:
    """The period before this one in the same province folder (2024-1 before 2024-2)."""

    def order(folder: Path) -> tuple[int, ...]:
        return tuple(int(n) for n in re.findall(r"\d+", folder.name)) or (0,)

    siblings = [p for p in booklet.parent.iterdir() if p.is_dir() and (p / FIGURES_FILE).is_file()]
    earlier = [p for p in siblings if p != booklet and order(p) < order(booklet)]
    return max(earlier, key=order) if earlier else None


def file_text(path: Path) -> str:
    """A content file's text as the command line reads it (a regular file within the limit,
    checked before reading: a link to /dev/zero or a named pipe is a located message, not a
    page that eats memory or never answers); not UTF-8 is a located error too."""
    from ..content.source import read_source

    return read_source(path).text


def rows(
    booklet: Path, text: str | None = None, shown: str = FIGURES_FILE
) -> tuple[list[FigureRow], list[Problem], Path | None]:
    """The table: every figure with last period's value and the diff's flags (``shown``: the
    figures file's name in messages)."""
    path = booklet / FIGURES_FILE
    if text is None:
        try:
            text = file_text(path)
        except BookletError as exc:  # no table to show; the page says why
            return (
                [],
                [located(shown, d.location.line, d.location.col, d.message, d.hint) for d in exc.report.shown()],
                None,
            )
    figures, report, positions = read_text(path, text, booklet)
    problems = [located(shown, d.location.line, d.location.col, d.message, d.hint) for d in report.diagnostics]
    before = previous_period(booklet)
    diff_rows: dict[str, Row] = {}
    if before is not None:
        try:
            diff_rows = {row.name: row for row in compare(before, booklet)[0]}
        except Exception:  # noqa: BLE001 - a broken earlier period only loses the comparison
            diff_rows = {}
    table = []
    for name, figure in figures.items():
        line, col = positions.get(name, (figure.location.line, figure.location.col))
        row = FigureRow(
            name,
            figure.label,
            figure.kind,
            figure.value,
            typed_form(figure.value, figure.kind),
            printed_form(figure.value, figure.kind),
            figure.stale,
            line,
            col,
        )
        old = diff_rows.get(name)
        if old is not None and old.old is not None and old.old.value is not None and figure.value is not None:
            change = figure.value - old.old.value
            percent = old.percent if old.new is not None else None
            row = FigureRow(
                **{
                    **row.__dict__,
                    "previous": printed_form(old.old.value, old.old.kind),
                    "change": ("+" if change > 0 else "") + format_decimal(change, locale=LOCALE) if change else "0",
                    "percent": ""
                    if percent is None
                    else ("+" if percent > 0 else "") + format_decimal(round(percent, 1), locale=LOCALE),
                    "flags": old.flags,
                }
            )
        table.append(row)
    return table, problems, before


def parse_typed(raw: str, kind: str) -> Decimal:
    """A value as typed in the table; raises NumberProblem with the reason, in the UI's language."""
    return parse_number(raw, kind)


@dataclass(frozen=True)
class Edit:
    """The outcome of applying typed values to figures.yaml."""

    text: str | None  # the new file text, or None when a typed value is refused
    problems: list[Problem]
    changed: list[str]  # figures whose value changes
    confirmed: list[str]  # figures whose stale flag is cleared without a change of value


def edit(booklet: Path, text: str, typed: dict[str, str], current: set[str], shown: str = FIGURES_FILE) -> Edit:
    """Apply the values the editor changed (``typed``) and the "güncel" ticks (``current``:
    the figures confirmed for this period).

    A changed value is current by definition; an unchanged value keeps its stale flag unless
    ticked; untying the tick of a figure marks it stale again.
    """
    path = booklet / FIGURES_FILE
    figures, report, positions = read_text(path, text, booklet)
    problems: list[Problem] = []
    if report.errors:
        return Edit(
            None,
            [located(shown, d.location.line, d.location.col, d.message, d.hint) for d in report.errors],
            [],
            [],
        )
    values: dict[str, Decimal] = {}
    for name, raw in typed.items():
        figure = figures.get(name)
        if figure is None:
            continue
        line, col = positions.get(name, (0, 0))
        try:
            value = parse_typed(raw, figure.kind)
        except NumberProblem as exc:
            problems.append(located(shown, line, col, _("{name}: {problem}").format(name=name, problem=exc)))
            continue
        if value != figure.value:
            values[name] = value
    if problems:
        return Edit(None, problems, [], [])
    confirmed = [n for n in figures if n in current and figures[n].stale and n not in values]
    unconfirmed = [  # a figure still without a value has no tick to take away
        n
        for n in figures
        if n not in current and not figures[n].stale and n not in values and figures[n].value is not None
    ]
    stale = {**dict.fromkeys([*values, *confirmed], False), **dict.fromkeys(unconfirmed, True)}
    new_text = set_figures(path, values, stale, text=text) if values or stale else text
    _checked, report, _positions = read_text(path, new_text, booklet)
    problems = [located(shown, d.location.line, d.location.col, d.message, d.hint) for d in report.errors]
    return Edit(None if problems else new_text, problems, list(values), confirmed)


def check_one(booklet: Path, text: str, name: str, raw: str, shown: str = FIGURES_FILE) -> tuple[str, Problem | None]:
    """As the editor types: the printed form of the value, or the located reason it is refused."""
    path = booklet / FIGURES_FILE
    figures, _report, positions = read_text(path, text, booklet)
    figure = figures.get(name)
    if figure is None:
        return "", located(shown, 0, 0, _("unknown figure '{name}'").format(name=name))
    line, col = positions.get(name, (0, 0))
    try:
        value = parse_typed(raw, figure.kind)
    except NumberProblem as exc:
        return "", located(shown, line, col, _("{name}: {problem}").format(name=name, problem=exc))
    candidate = set_figures(path, {name: value}, {name: False}, text=text) if value != figure.value else text
    _figures, report, _positions = read_text(path, candidate, booklet)
    mine = [d for d in report.errors if d.location.line == line]
    if mine:
        return "", located(shown, line, col, mine[0].message, mine[0].hint)
    return printed_form(value, figure.kind), None

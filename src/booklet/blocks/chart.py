"""``chart``: figures drawn as a bar, stacked bar or line chart, where a reader would rather look than read.

A chart is fed by figures of ``figures.yaml``, never by numbers typed into the prose, so it
always shows what the sentences say. With ``periods: N`` each figure is drawn over this
province's last N periods: the period folders beside the booklet (``content/elazig/2023-2``
beside ``content/elazig/2024-2``), read in period order; when fewer exist, a note under the
chart says so. The drawing itself is :mod:`booklet.layout.charts`.

In the accessible file the drawing is one Figure whose /Alt is the content's ``alt:``
followed by the chart's figures, so a screen reader hears what a sighted reader sees; the
title, the note and the caption are paragraphs around it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from reportlab.graphics import renderPDF
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle

from ..content.fields import Field
from ..content.model import Paragraph
from ..content.source import Text
from ..diagnostics import BookletError, Location, Report, number, quote
from ..i18n import N_, _, ngettext
from ..layout.charts import ChartData, ChartDrawing, Painter, plain, value_text
from ..layout.colours import ThemeColour
from ..layout.flowables import Block, Para, markup
from ..layout.structure import Node, marked, tag
from ..turkish import format_month
from .base import Kind

TYPES = ("bar", "stacked bar", "line")
MAX_SERIES = 6  # tints of one colour a reader still tells apart
MAX_PERIODS = 8
MAX_LABEL = 40  # characters: a legend entry or a bar's label, read at a glance

FIELDS = {
    "type": Field("name", True, N_("bar, stacked bar or line."), choices=TYPES),
    "title": Field("text", True, N_("Line printed above the chart.")),
    "alt": Field(
        "text",
        True,
        N_(
            "What the chart shows, in a sentence, for readers who cannot see it (screen readers read it"
            " aloud, followed by the chart's figures)."
        ),
    ),
    "caption": Field("text", False, N_("Line printed under the chart, e.g. its source.")),
    "periods": Field(
        "number",
        False,
        N_("Draw each figure over this province's last N periods (2 to 8), from the period folders beside this one."),
    ),
    "series": Field("list", True, N_("The figures the chart draws, each with its label."), "chart_series"),
}
SERIES_FIELDS = {
    "figure": Field("name", True, N_("Figure name from figures.yaml.")),
    "label": Field("text", True, N_("Words printed with the figure: in the legend, or beside its bar.")),
}


@dataclass(frozen=True)
class Series:
    figure: Text
    label: Paragraph


@dataclass(frozen=True)
class Chart:
    type: str  # one of TYPES
    title: Paragraph
    alt: Paragraph
    series: tuple[Series, ...]
    caption: Paragraph | None = None
    periods: int | None = None  # None: this period's figures only
    location: Location | None = None


# -- reading ------------------------------------------------------------------------------


def read(r, node) -> Chart | None:
    f = r.fields(node, "chart", _("chart"))
    if f is None:
        return None
    kind = _read_type(r, f["type"]) if "type" in f else None
    title = r.line(f["title"], _("chart title")) if "title" in f else None
    alt = r.line(f["alt"], _("alternative text")) if "alt" in f else None
    caption = r.line(f["caption"], _("caption")) if "caption" in f else None
    periods = _read_periods(r, f["periods"]) if "periods" in f else None
    series = _read_series(r, f["series"]) if "series" in f else None
    for key, limit in (("title", 120), ("caption", 200)):
        if key in f:
            _check_length(r, key, f[key], limit)
    if None in (kind, title, alt, series) or periods is False:
        return None
    if kind.value == "line" and periods is None:
        r.report.error(
            kind.location,
            _("a line chart draws figures over periods, but this chart gives no 'periods'"),
            _("add 'periods: 4' (2 to 8) to draw this province's last periods, or use type: bar"),
        )
        return None
    if kind.value == "stacked bar" and periods is None and len(series) < 2:
        r.report.error(
            r.at(f["series"]),
            _("a stacked bar shows the parts of a whole: it needs at least two figures"),
            _("add the other parts under 'series', or use type: bar"),
        )
        return None
    return Chart(kind.value, title, alt, series, caption, periods, r.at(node))


def _read_type(r, node) -> Text | None:
    text = r.text(node, _("chart type"))
    if text is None:
        return None
    written = " ".join(text.value.split())
    if written not in TYPES:
        from ..content.reader import did_you_mean

        r.report.error(
            text.location,
            _("{what} '{text}' is not one of: {choices}").format(
                what=_("chart type"), text=quote(text.value), choices=", ".join(TYPES)
            ),
            did_you_mean(written, TYPES),
        )
        return None
    return Text(written, text.source, text.node)


def _read_periods(r, node) -> int | None | bool:
    value = r.number(node, _("periods"))
    if value is None:
        return False
    if value != value.to_integral_value() or not 2 <= value <= MAX_PERIODS:
        r.report.error(
            r.at(node),
            _("periods must be a whole number from 2 to {most}, found {value}").format(
                most=MAX_PERIODS, value=node.value
            ),
            _("give how many periods the chart draws, this one included, e.g. periods: 4"),
        )
        return False
    return int(value)


def _read_series(r, node) -> tuple[Series, ...] | None:
    items = r.items(node, _("series"))
    if not items:
        if hasattr(node, "value") and isinstance(node.value, list):  # a list, but an empty one
            r.report.error(
                r.at(node),
                _("the chart has no figures to draw: 'series' is empty"),
                _("list each figure as '- {figure: name, label: words}' under series"),
            )
        return None
    found: list[Series] = []
    seen: dict[str, Text] = {}
    for item in items:
        g = r.fields(item, "chart_series", _("chart series"))
        if g is None or "figure" not in g or "label" not in g:
            continue
        figure = r.name(g["figure"], _("figure"))
        label = r.line(g["label"], _("label"))
        _check_length(r, "label", g["label"], MAX_LABEL)
        if figure is None or label is None:
            continue
        if figure.value in seen:
            r.report.error(
                figure.location,
                _("figure '{name}' is already in this chart (line {line})").format(
                    name=figure.value, line=seen[figure.value].location.line
                ),
                _("a chart draws each figure once"),
            )
            continue
        seen[figure.value] = figure
        found.append(Series(figure, label))
    if len(found) > MAX_SERIES:
        r.report.error(
            r.at(node),
            _("the chart draws {count} figures; at most {most} can be told apart").format(
                count=len(found), most=MAX_SERIES
            ),
            _("split it into two charts, or keep the figures that matter most"),
        )
        return None
    return tuple(found) if found and len(found) == len(items) else None


def _check_length(r, name: str, node, limit: int) -> None:
    if not hasattr(node, "value") or not isinstance(node.value, str):
        return
    length = len(" ".join(node.value.split()))
    if length > limit:
        r.report.error(
            r.at(node),
            _("'{name}' is too long: {length} characters, at most {limit}: '{start}'").format(
                name=name, length=number(length), limit=limit, start=quote(node.value)
            ),
            _("shorten it to what a reader needs at a glance; the details belong in the text"),
        )


def paragraphs(block: Chart) -> Iterator[Paragraph]:
    yield block.title
    yield from (s.label for s in block.series)
    yield block.alt
    if block.caption is not None:
        yield block.caption


# -- checks that need the figures and the other periods ------------------------------------


def check(block: Chart, check) -> None:
    figures = check.booklet.figures
    errors = len(check.report.errors)
    first = None
    for series in block.series:
        check.figure(series.figure)
        figure = figures.get(series.figure.value)
        if figure is None:
            continue
        if figure.kind == "year":
            check.report.error(
                series.figure.location,
                _("'{name}' is a year; a chart draws counts, amounts or percentages").format(name=figure.name),
                _("leave the year in the text, or name it in the chart's title"),
            )
        elif first is None:
            first = figure
        elif figure.kind != first.kind:
            check.report.error(
                series.figure.location,
                _(
                    "'{name}' is of kind {kind}, but '{first}' in the same chart is of kind {first_kind}:"
                    " a chart draws figures of one kind"
                ).format(name=figure.name, kind=figure.kind, first=first.name, first_kind=first.kind),
                _("draw them in two charts, each with figures of one kind"),
            )
    if block.periods and len(check.report.errors) == errors:  # every figure known, one kind
        periods_of(check.booklet, block, check.report)


@dataclass(frozen=True)
class Period:
    name: str  # the period as figures.yaml names it, e.g. 2024-2
    label: str  # as the axis prints it: Mayıs 2024
    values: dict[str, Decimal]


def periods_of(booklet, block: Chart, report: Report) -> list[Period]:
    """This period and the ones before it that have every figure of the chart, oldest first,
    at most ``block.periods``. Going back stops at the first period that lacks a figure (or
    has it of another kind), so a line never silently jumps over a gap."""
    names = [s.figure.value for s in block.series]
    current = Period(
        booklet.meta.edition.value.strip(),
        format_month(booklet.meta.date),
        {n: booklet.figures[n].value for n in names},
    )
    chosen = [current]
    for period, figures in _earlier_periods(booklet, block, report):
        if len(chosen) >= (block.periods or 1):
            break
        if any(
            n not in figures or figures[n].value is None or figures[n].kind != booklet.figures[n].kind for n in names
        ):
            break
        chosen.append(Period(period.name, period.label, {n: figures[n].value for n in names}))
    labels = [p.label for p in chosen]
    if len(set(labels)) < len(labels):  # two periods in the same month: name them by period
        chosen = [Period(p.name, p.name, p.values) for p in chosen]
    return chosen[::-1]


def _period_key(name: str) -> tuple:
    """2024-2 < 2025-1 < 2025-10: numbers compare as numbers."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.findall(r"\d+|\D+", name.strip()))


def _earlier_periods(booklet, block: Chart, report: Report):
    """The period folders beside this booklet that belong to the same province and come
    before this period, newest first, each with its figures."""
    from ..content import source
    from ..content.figures import read_figures_file, same_owner
    from ..content.reader import Reader

    root = Path(booklet.root).resolve()
    here = _period_key(booklet.meta.edition.value)
    found = []
    for folder in sorted(root.parent.iterdir()) if root.parent.is_dir() else []:
        if folder.name.startswith(".") or folder.resolve() == root or not (folder / "figures.yaml").is_file():
            continue
        own = Report()
        try:
            src, node = source.load(folder / "figures.yaml", report=own)
            file = read_figures_file(Reader(src, own, folder), node)
        except BookletError as exc:  # not YAML, too large, not a regular file: named by the loader
            own.merge(exc.report)
            file = None
        if file is not None and (
            file.province is None or not same_owner(file.province.value, booklet.meta.province.value)
        ):
            continue  # another province's folder, or one that does not say whose it is
        name = file.period.value.strip() if file is not None and file.period is not None else folder.name
        if _period_key(name) >= here:
            continue
        if own.errors or file is None:
            count = len(own.errors)
            report.error(
                block.location,
                ngettext(
                    "the chart draws the figures of {period}, but {file} has an error",
                    "the chart draws the figures of {period}, but {file} has {count} errors",
                    count,
                ).format(period=name, file=folder / "figures.yaml", count=count),
                _("correct that file first; it is listed below"),
            )
            for error in own.errors:
                report.error(error.location, error.message, error.hint)
            continue
        found.append((_period_key(name), Period(name, _period_label(folder, name), {}), file.figures))
    found.sort(key=lambda item: item[0], reverse=True)
    return [(period, figures) for _key, period, figures in found]


def _period_label(folder: Path, name: str) -> str:
    """The period's month as its own booklet.yaml gives it (Mayıs 2023), else its name."""
    import yaml

    from ..content import source
    from ..content.reader import Reader, read_month

    try:
        src, node = source.load(folder / "booklet.yaml")
    except BookletError:  # a missing or broken booklet.yaml only loses the month
        return name
    for key, value in node.value if isinstance(node, yaml.MappingNode) else ():
        if getattr(key, "value", None) == "date":
            date = read_month(Reader(src, Report(), folder), value)
            return format_month(date) if date is not None else name
    return name


# -- the flowable -------------------------------------------------------------------------------


def chart_data(block: Chart, booklet) -> tuple[ChartData, int]:
    """The values to draw and how many periods were found (0 for a chart of this period only)."""
    names = [s.figure.value for s in block.series]
    labels = tuple(plain(s.label.plain) for s in block.series)
    kind = booklet.figures[names[0]].kind
    if not block.periods:
        return ChartData(block.type, kind, labels, tuple((booklet.figures[n].value,) for n in names)), 0
    periods = periods_of(booklet, block, Report())  # check() reported any problem already
    values = tuple(tuple(p.values[n] for p in periods) for n in names)
    return ChartData(block.type, kind, labels, values, tuple(plain(p.label) for p in periods)), len(periods)


def described(data: ChartData) -> str:
    """The chart's figures in words, for the Figure's /Alt: "Kadın: 23.491; Erkek: 2.264."."""
    parts = []
    for label, values in zip(data.labels, data.values):
        if data.over_periods:
            shown = ", ".join(f"{c} {value_text(data.kind, v)}" for c, v in zip(data.categories, values))
        else:
            shown = value_text(data.kind, values[0])
        parts.append(f"{label}: {shown}")
    return "; ".join(parts) + "."


def note_text(province: str, found: int, wanted: int) -> str | None:
    """Printed under a chart that finds fewer periods than it asks for (the booklet is in Turkish)."""
    if found >= wanted:
        return None
    if found <= 1:
        return f"Not: {province} için önceki dönemlerin rakamları bulunmamaktadır; grafik yalnızca bu dönemi göstermektedir."
    return f"Not: {province} için {found} dönemin rakamları bulunmaktadır; grafik bu dönemleri göstermektedir."


class ChartBlock(Block):
    """The chart's title, its drawing (the Figure), a note on missing periods and the caption,
    in the text column beside the gutter, like a subsection's text."""

    role = "Figure"

    def __init__(self, data: ChartData, styles, colour: ThemeColour, title: Para, notes: list[Para], node: Node):
        super().__init__()
        self.data, self.styles, self.colour = data, styles, colour
        self.title, self.notes, self.node = title, notes, node
        self.indent, self.gap = styles.gutter, styles.g.mm(2.4)
        self.drawing: ChartDrawing | None = None
        self.too_wide: list[str] = []  # bar labels cut to fit, reported by check()

    def parts(self):
        return [self.title, *self.notes]

    def wrap(self, avail_width, avail_height):
        inner = avail_width - self.indent
        if self.drawing is None or self.drawing.width != inner:
            painter = Painter(self.data, self.styles, self.colour, inner)
            self.drawing, self.too_wide = painter.drawing(), painter.too_wide
        self._title_h = self.title.wrap(inner, avail_height)[1]
        self._note_h = [n.wrap(inner, avail_height)[1] for n in self.notes]
        self.width = avail_width
        self.height = self._title_h + self.gap + self.drawing.height + sum(h + self.gap for h in self._note_h)
        return self.width, self.height

    def check(self, report: Report) -> None:
        for label in self.too_wide:
            report.error(
                self.location,
                _("the chart label '{label}' does not fit beside its bar").format(label=quote(label)),
                _("shorten the label"),
            )

    def draw(self):
        c, x = self.canv, self.indent
        y = self.height - self._title_h
        self.title.drawOn(c, x, y)
        y -= self.gap + self.drawing.height
        with marked(c, self.node):
            renderPDF.draw(self.drawing, c, x, y)
        for note, h in zip(self.notes, self._note_h):
            y -= self.gap + h
            note.drawOn(c, x, y)


def flowable(block: Chart, story, colour: ThemeColour) -> Block:
    s, t = story.styles, story.styles.g.type_size
    parent = story.container
    data, found = chart_data(block, story.booklet)
    title_style = ParagraphStyle("chart_title", parent=s.subsection_title, fontSize=t(10.2), leading=t(13))
    title_style.textColor = s.type_colour(colour, title_style.fontSize)
    title = tag(Para(markup(block.title), title_style), "P", parent)
    small = ParagraphStyle("chart_note", parent=s.caption, alignment=TA_LEFT)
    notes = []
    note = note_text(story.booklet.meta.province.value, found, block.periods or 0)
    if note is not None:
        notes.append(tag(Para(note, small), "P", parent))
    if block.caption is not None:
        notes.append(tag(Para(markup(block.caption), small), "P", parent))
    alt = plain(" ".join(f"{block.alt.plain} {described(data)}".split()))
    chart = ChartBlock(data, s, colour, title, notes, Node("Figure", parent, alt=alt))
    chart.label = _("the chart '{title}'").format(title=quote(block.title.plain, 40))
    chart.location = block.location
    return chart


KIND = Kind(
    name="chart",
    field=Field("record", False, N_("Figures drawn as a bar, stacked bar or line chart."), "chart"),
    model=Chart,
    records={"chart": FIELDS, "chart_series": SERIES_FIELDS},
    read=read,
    paragraphs=paragraphs,
    check=check,
    flowable=flowable,
)

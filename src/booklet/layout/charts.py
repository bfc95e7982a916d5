"""Charts as vector drawings: a value axis with Turkish numbers, bars, stacked bars, lines, a legend.

The ``chart`` block kind (:mod:`booklet.blocks.chart`) gathers the figures; this module
only draws them, for one width, with ``reportlab.graphics`` shapes. It uses them rather
than ReportLab's chart widgets because the widgets default a dozen colours to RGB black
and place labels by their own rules, where the booklet needs every colour a theme colour
(CMYK in print, RGB on screen), type under 9 pt on one plate (``Styles.type_colour``),
text only in pairings the theme's contrast check measures (text and muted on paper), and
Turkish numbers on the axis: ``5.000``, ``%2,5``, ``150 milyon TL`` written as ``150`` under
``milyon TL``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, Rect, String
from reportlab.lib.attrmap import AttrMap, AttrMapValue
from reportlab.lib.validators import isColorOrNone
from reportlab.pdfbase.pdfmetrics import stringWidth

from ..turkish import FORMATTERS, NBSP, format_decimal_plain, format_percent_value
from .colours import ThemeColour

TINTS = (1.0, 0.62, 0.38, 0.22, 0.82, 0.5)  # each series' share of the section colour, darkest first
LINE_TINTS = (1.0, 0.75, 0.55, 0.9, 0.65, 0.45)  # a line is thin: its tint stays darker
DASHES = (None, (4, 2), (1.2, 1.6), (6, 2, 1.2, 2), (2, 2), (8, 3))  # lines apart without colour too
MAX_LABEL_SHARE = 0.4  # of the width: the column of bar labels
TOTAL = "Toplam"  # printed before the whole of a stacked bar (the booklet is in Turkish)


@dataclass(frozen=True)
class ChartData:
    """What a chart draws: one list of values per series, over categories (periods)."""

    type: str  # bar | stacked bar | line
    kind: str  # count | money | percent: the kind of every value
    labels: tuple[str, ...]  # one per series
    values: tuple[tuple[Decimal, ...], ...]  # [series][category]
    categories: tuple[str, ...] = ()  # the periods' labels; empty: this period's figures only

    @property
    def over_periods(self) -> bool:
        return bool(self.categories)


def plain(text: str) -> str:
    """A drawn string is never broken, so its no-break spaces can be plain ones."""
    return text.replace(NBSP, " ")


def value_text(kind: str, value: Decimal) -> str:
    """A value as the prose prints it: 23.491, %3,5, 188,1 milyon TL."""
    return plain(FORMATTERS[kind](value))


def share_text(part: Decimal, whole: Decimal) -> str:
    """A part of a whole as a Turkish percentage with one decimal: %86,8."""
    return format_percent_value((Decimal(part) * 100 / whole).quantize(Decimal("0.1"))) if whole else ""


@dataclass(frozen=True)
class Scale:
    """A value axis from 0 at a round step; money is written in millions or billions of lira."""

    top: float
    step: float
    kind: str
    divisor: float = 1.0
    unit: str = ""

    @classmethod
    def fitting(cls, kind: str, largest: float, ticks: int) -> Scale:
        step = _round_step(largest / ticks, whole=kind == "count") if largest > 0 else 1.0
        top = math.ceil(largest / step - 1e-9) * step if largest > 0 else step
        divisor, unit = 1.0, ""
        if kind == "money":
            divisor, unit = (1e9, "milyar TL") if top >= 1e9 else (1e6, "milyon TL") if top >= 1e6 else (1.0, "TL")
        return cls(top, step, kind, divisor, unit)

    def ticks(self) -> list[float]:
        return [i * self.step for i in range(int(round(self.top / self.step)) + 1)]

    def label(self, tick: float) -> str:
        """5.000, %20, 1,5 (under "milyar TL"): grouped, with a decimal comma, never a year's dot."""
        value = Decimal(repr(round(tick / self.divisor, 6))).normalize()
        if self.kind == "percent":
            return format_percent_value(value)
        return plain(format_decimal_plain(value))


def _round_step(raw: float, whole: bool) -> float:
    """The smallest of 1, 2, 2.5, 5 × 10ⁿ at least ``raw``; whole steps for counts."""
    magnitude = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 2.5, 5, 10):
        step = m * magnitude
        if step >= raw - 1e-12 and not (whole and step != int(step)):
            return step
    return 10 * magnitude


class ChartDrawing(Drawing):
    """A drawing whose first fill and stroke colours are given: ReportLab's renderer would
    start from RGB black, which the print file refuses."""

    _attrMap = AttrMap(
        BASE=Drawing,
        initialFillColor=AttrMapValue(isColorOrNone, desc="the fill colour the renderer starts from"),
        initialStrokeColor=AttrMapValue(isColorOrNone, desc="the stroke colour the renderer starts from"),
    )


class Painter:
    """Builds the drawing of one chart for one width. ``too_wide`` lists the bar labels that
    had to be cut to fit (the block reports them)."""

    def __init__(self, data: ChartData, styles, colour: ThemeColour, width: float):
        self.data, self.colour, self.width = data, colour, width
        g = styles.g
        self.mm = g.mm
        self.regular, self.bold = styles.fonts.regular, styles.fonts.bold
        self.size, self.tick_size = g.type_size(8.2), g.type_size(7.5)
        palette = styles.palette
        self.ink = styles.type_colour(palette["text"], self.size)
        self.muted = styles.type_colour(palette["muted"], self.tick_size, bold=False)
        self.grid, self.paper = palette["muted"].tint(0.3), palette["paper"]
        self.shapes: list = []
        self.too_wide: list[str] = []

    def drawing(self) -> ChartDrawing:
        if not self.data.over_periods:
            height = self.stacked_bar() if self.data.type == "stacked bar" else self.bars()
        else:
            height = self.columns()
        drawing = ChartDrawing(self.width, height)
        drawing.initialFillColor = drawing.initialStrokeColor = self.ink
        drawing.initialFontName, drawing.initialFontSize = self.regular, self.size
        for shape in self.shapes:
            drawing.add(shape)
        return drawing

    # -- pieces ---------------------------------------------------------------------------
    def text_width(self, text: str, bold: bool = False, size: float | None = None) -> float:
        return stringWidth(text, self.bold if bold else self.regular, size or self.size)

    def text(self, x: float, y: float, text: str, anchor: str = "start", bold: bool = False, tick: bool = False):
        size, colour = (self.tick_size, self.muted) if tick else (self.size, self.ink)
        font = self.bold if bold else self.regular
        self.shapes.append(String(x, y, text, fontName=font, fontSize=size, fillColor=colour, textAnchor=anchor))

    def series_colour(self, index: int) -> ThemeColour:
        tints = LINE_TINTS if self.data.type == "line" else TINTS
        return self.colour.tint(tints[index % len(tints)])

    def scale(self, span: float, largest: float) -> Scale:
        """As many round ticks as their labels leave room for along ``span``."""
        for ticks in (8, 6, 5, 4, 3, 2, 1):
            scale = Scale.fitting(self.data.kind, largest, ticks)
            marks = scale.ticks()
            widest = max(self.text_width(scale.label(t), size=self.tick_size) for t in marks)
            if len(marks) < 3 or span / (len(marks) - 1) > widest + self.mm(3):
                return scale
        return scale

    def axis_height(self, scale: Scale) -> float:
        """Room under a horizontal value axis for its tick labels (and the money unit)."""
        return self.tick_size * (3.2 if scale.unit else 2.0)

    def value_axis(self, scale: Scale, x0: float, x1: float, y: float, top: float) -> None:
        """A horizontal value axis at ``y`` with gridlines up to ``top``; drawn before the bars."""
        for tick in scale.ticks():
            x = x0 + (x1 - x0) * tick / scale.top
            if tick > 0:
                self.shapes.append(Line(x, y, x, top, strokeColor=self.grid, strokeWidth=0.4))
            self.text(x, y - self.tick_size * 1.35, scale.label(tick), "middle", tick=True)
        self.shapes.append(Line(x0, y, x1, y, strokeColor=self.muted, strokeWidth=0.6))
        if scale.unit:
            self.text(x1, y - self.tick_size * 2.7, scale.unit, "end", tick=True)

    def legend(self, entries: list[tuple[str, str]]) -> float:
        """A swatch (a line sample for lines), the label and a value for each series, in rows
        from the bottom of the drawing up; returns the height it takes."""
        swatch, gap, line, spacing = self.mm(3), self.mm(1.5), self.size * 1.7, self.mm(6)
        if self.data.type == "line":
            swatch = self.mm(7)
        widths = [
            swatch + gap + self.text_width(f"{label} ") + self.text_width(value, True) for label, value in entries
        ]
        rows: list[list[int]] = [[]]
        used = 0.0
        for k, w in enumerate(widths):
            if rows[-1] and used + w > self.width:
                rows.append([])
                used = 0.0
            rows[-1].append(k)
            used += w + spacing
        height = line * len(rows)
        for r, row in enumerate(rows):
            y, x = height - line * (r + 1) + line * 0.3, 0.0
            for k in row:
                label, value = entries[k]
                self.swatch(k, x, y, swatch)
                self.text(x + swatch + gap, y, label)
                if value:
                    self.text(x + swatch + gap + self.text_width(f"{label} "), y, value, bold=True)
                x += widths[k] + spacing
        return height

    def swatch(self, i: int, x: float, y: float, width: float) -> None:
        colour = self.series_colour(i)
        if self.data.type != "line":
            self.shapes.append(Rect(x, y - width * 0.1, width, width, fillColor=colour, strokeColor=None))
            return
        middle = y + self.size * 0.3
        self.shapes.append(
            PolyLine([x, middle, x + width, middle], strokeColor=colour, strokeWidth=1.6, strokeDashArray=DASHES[i])
        )
        self.shapes.append(Circle(x + width / 2, middle, self.mm(1.1), fillColor=colour, strokeColor=self.paper))

    # -- this period's figures: horizontal bars, or one bar in parts ------------------------
    def bars(self) -> float:
        """One bar per figure, its label before it and its value after it."""
        d = self.data
        label_w = max(self.text_width(label) for label in d.labels) + self.mm(3)
        room = self.width * MAX_LABEL_SHARE
        self.too_wide = [label for label in d.labels if self.text_width(label) + self.mm(3) > room]
        label_w = min(label_w, room)
        value_w = max(self.text_width(value_text(d.kind, v[0]), bold=True) for v in d.values) + self.mm(2)
        x0, x1 = label_w, self.width - value_w
        scale = self.scale(x1 - x0, float(max(v[0] for v in d.values)))
        row, bar = self.mm(7), self.mm(4.4)
        axis_y = self.axis_height(scale)
        top = axis_y + row * len(d.values) + self.mm(1)
        self.value_axis(scale, x0, x1, axis_y, top)
        for i, (label, (value,)) in enumerate(zip(d.labels, d.values)):
            y = top - row * (i + 1) + (row - bar) / 2
            length = (x1 - x0) * float(value) / scale.top
            self.shapes.append(Rect(x0, y, length, bar, fillColor=self.colour, strokeColor=None))
            baseline = y + bar / 2 - self.size * 0.35
            self.text(x0 - self.mm(3), baseline, label, "end")
            self.text(x0 + length + self.mm(1.5), baseline, value_text(d.kind, value), bold=True)
        return top

    def stacked_bar(self) -> float:
        """The parts of one whole in one bar, the whole after it, each part in the legend
        with its value and share."""
        d = self.data
        parts = [v[0] for v in d.values]
        total = sum(parts)
        total_text = value_text(d.kind, total)
        word = f"{TOTAL} "
        x1 = self.width - self.text_width(word) - self.text_width(total_text, bold=True) - self.mm(2)
        scale = self.scale(x1, float(total))
        entries = [(label, f"{value_text(d.kind, v)} ({share_text(v, total)})") for label, v in zip(d.labels, parts)]
        axis_y = self.legend(entries) + self.mm(3.5) + self.axis_height(scale)
        bar, y = self.mm(9), axis_y + self.mm(1.2)
        top = y + bar + self.mm(1)
        self.value_axis(scale, 0.0, x1, axis_y, top)
        x = 0.0
        for i, value in enumerate(parts):
            length = x1 * float(value) / scale.top
            self.shapes.append(
                Rect(x, y, length, bar, fillColor=self.series_colour(i), strokeColor=self.paper, strokeWidth=0.8)
            )
            x += length
        baseline = y + bar / 2 - self.size * 0.35
        self.text(x + self.mm(1.5), baseline, word)
        self.text(x + self.mm(1.5) + self.text_width(word), baseline, total_text, bold=True)
        return top

    # -- figures over periods: columns or lines ----------------------------------------------
    def columns(self) -> float:
        """Periods along the bottom, values up the side; grouped or stacked columns, or lines."""
        d = self.data
        stacked, line, many = d.type == "stacked bar", d.type == "line", len(d.values) > 1
        totals = [sum(v[c] for v in d.values) for c in range(len(d.categories))]
        largest = float(max(totals) if stacked else max(max(v) for v in d.values))
        legend_h = self.legend([(label, "") for label in d.labels]) + self.mm(3) if many else 0.0
        names = self.category_lines()
        base = legend_h + self.tick_size * 1.25 * max(len(n) for n in names) + self.mm(2)
        plot_h = self.mm(40)
        top = base + plot_h
        scale = Scale.fitting(d.kind, largest, 5)
        x0 = max(self.text_width(scale.label(t), size=self.tick_size) for t in scale.ticks()) + self.mm(2.5)
        x1 = self.width
        if line and many:  # the last value of each line stands beside its end
            x1 -= max(self.text_width(value_text(d.kind, v[-1]), bold=True) for v in d.values) + self.mm(2.5)
        room = self.size * 1.6  # above the highest column or point: its value

        def y_of(value) -> float:
            return base + (plot_h - room) * float(value) / scale.top

        for tick in scale.ticks():
            y = y_of(tick)
            colour, width = (self.muted, 0.6) if tick == 0 else (self.grid, 0.4)
            self.shapes.append(Line(x0, y, x1, y, strokeColor=colour, strokeWidth=width))
            self.text(x0 - self.mm(2), y - self.tick_size * 0.35, scale.label(tick), "end", tick=True)
        if scale.unit:
            self.text(0, top - self.tick_size * 0.2, scale.unit, tick=True)
        slot = (x1 - x0) / len(d.categories)
        for c, lines in enumerate(names):
            for k, name in enumerate(lines):
                y = base - self.mm(1) - self.tick_size * (1.0 + 1.25 * k)
                self.text(x0 + slot * (c + 0.5), y, name, "middle", tick=True)
        if line:
            self.lines(x0, slot, y_of, many)
        else:
            self.column_bars(x0, slot, y_of, stacked, totals)
        return top

    def category_lines(self) -> list[list[str]]:
        """Each period's label; month and year on two lines when one line is too wide."""
        d = self.data
        slot = self.width * 0.85 / len(d.categories)
        wide = any(self.text_width(c, size=self.tick_size) > slot - self.mm(2) for c in d.categories)
        return [c.rsplit(" ", 1) if wide and " " in c else [c] for c in d.categories]

    def column_bars(self, x0: float, slot: float, y_of, stacked: bool, totals) -> None:
        d = self.data
        group = slot * 0.62
        width = group if stacked else group / len(d.values)
        for c in range(len(d.categories)):
            left = x0 + slot * c + (slot - group) / 2
            bottom = y_of(0)
            for i, values in enumerate(d.values):
                x = left if stacked else left + width * i
                y = bottom if stacked else y_of(0)
                height = y_of(values[c]) - y_of(0)
                self.shapes.append(
                    Rect(x, y, width, height, fillColor=self.series_colour(i), strokeColor=self.paper, strokeWidth=0.6)
                )
                text = value_text(d.kind, values[c])
                if not stacked and self.text_width(text, bold=True) <= width + self.mm(1.5):
                    self.text(x + width / 2, y + height + self.mm(1), text, "middle", bold=True)
                bottom = y + height
            if stacked:
                self.text(left + group / 2, bottom + self.mm(1), value_text(d.kind, totals[c]), "middle", bold=True)

    def lines(self, x0: float, slot: float, y_of, many: bool) -> None:
        """A line per series with a dot per period; one line has every value over its dots,
        several have their last value beside their end."""
        d = self.data
        ends = []
        for i, values in enumerate(d.values):
            colour = self.series_colour(i)
            points = [(x0 + slot * (c + 0.5), y_of(v)) for c, v in enumerate(values)]
            flat = [coordinate for point in points for coordinate in point]
            if len(points) > 1:
                self.shapes.append(
                    PolyLine(flat, strokeColor=colour, strokeWidth=1.6, strokeDashArray=DASHES[i], strokeLineJoin=1)
                )
            for (x, y), value in zip(points, values):
                self.shapes.append(
                    Circle(x, y, self.mm(1.1), fillColor=colour, strokeColor=self.paper, strokeWidth=0.8)
                )
                if not many:
                    self.text(x, y + self.mm(2), value_text(d.kind, value), "middle", bold=True)
            ends.append([points[-1][1], points[-1][0], value_text(d.kind, values[-1])])
        if many:
            ends.sort()
            for k in range(1, len(ends)):  # nudged apart so that no two overlap
                ends[k][0] = max(ends[k][0], ends[k - 1][0] + self.size * 1.15)
            for y, x, text in ends:
                self.text(x + self.mm(2.5), y - self.size * 0.35, text, bold=True)

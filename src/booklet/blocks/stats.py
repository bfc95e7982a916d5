"""``stats``: big numbers in boxes, with the sentence's words before and after them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth

from ..content.fields import Field
from ..content.model import Paragraph
from ..content.source import Text
from ..diagnostics import Location, Report, quote
from ..i18n import N_, _
from ..layout.colours import ThemeColour
from ..layout.flowables import Block, Para, markup
from ..layout.structure import Node, tag
from .base import Kind

FIELDS = {
    "lead": Field("text", False, N_("Words before the numbers.")),
    "items": Field("list", True, N_("The numbers."), "stat_item"),
    "tail": Field("text", False, N_("Words after the numbers.")),
    "label_first": Field("boolean", False, N_("Print each label above its number.")),
}
ITEM_FIELDS = {
    "figure": Field("name", True, N_("Figure name from figures.yaml.")),
    "label": Field("text", True, N_("Words printed with the number.")),
}


@dataclass(frozen=True)
class StatItem:
    figure: Text
    label: Paragraph


@dataclass(frozen=True)
class Stats:
    items: tuple[StatItem, ...]
    lead: Paragraph | None = None
    tail: Paragraph | None = None
    label_first: bool = False
    location: Location | None = None


def read(r, node) -> Stats | None:
    f = r.fields(node, "stats", _("stats"))
    if f is None or "items" not in f:
        return None
    items = []
    for item in r.items(f["items"], _("items")):
        g = r.fields(item, "stat_item", _("stats item"))
        if g is None or "figure" not in g or "label" not in g:
            continue
        figure = r.name(g["figure"], _("figure"))
        label = r.line(g["label"], _("label"))
        if figure and label:
            items.append(StatItem(figure, label))
    if not items:
        return None
    lead = r.line(f["lead"], _("lead")) if "lead" in f else None
    tail = r.line(f["tail"], _("tail")) if "tail" in f else None
    label_first = r.boolean(f["label_first"], _("label_first")) if "label_first" in f else False
    return Stats(tuple(items), lead, tail, label_first, r.at(node))


def paragraphs(block: Stats) -> Iterator[Paragraph]:
    for p in (block.lead, *(i.label for i in block.items), block.tail):
        if p is not None:
            yield p


def check(block: Stats, check) -> None:
    for item in block.items:
        check.figure(item.figure)


class StatPanel(Block):
    """Big numbers in boxes, with the sentence's words before and after them."""

    role = "L"  # a list of label and number pairs, read "Şehit 301, Gazi 326"

    def __init__(self, lead, items, tail, colour: ThemeColour, label_first: bool, box_height: float, pad: float):
        super().__init__()
        self.lead, self.items, self.tail = lead, items, tail  # items: [(number, label)]
        self.colour, self.label_first = colour, label_first
        self.box_height, self.pad = box_height, pad
        self.label = _("the statistics box")
        self.location: Location | None = None

    def parts(self):
        cells = [p for number, label in self.items for p in ((label, number) if self.label_first else (number, label))]
        return [p for p in (self.lead, *cells, self.tail) if p is not None]

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        inner = avail_width - 2 * self.pad
        self._lead_h = self.lead.wrap(inner, avail_height)[1] if self.lead else 0
        self._tail_h = self.tail.wrap(inner, avail_height)[1] if self.tail else 0
        n = len(self.items)
        self._box_w = min((inner - (n - 1) * self.pad) / n, inner * 0.42)
        gaps = (self.pad * 0.6 if self.lead else 0) + (self.pad * 0.6 if self.tail else 0)
        self.height = 2 * self.pad + self._lead_h + self._tail_h + self.box_height + gaps
        return self.width, self.height

    def overflowing(self) -> list[str]:
        """Labels or numbers that do not fit their box (a content error, not a layout one)."""
        bad = []
        for number, label in self.items:
            h = number.wrap(self._box_w - self.pad, 1e6)[1] + label.wrap(self._box_w - self.pad, 1e6)[1]
            if h > self.box_height - self.pad * 0.5 or len(number.blPara.lines) > 1:
                bad.append(label.text)
        return bad

    def check(self, report: Report) -> None:
        for label in self.overflowing():
            report.error(
                self.location,
                _("statistic '{label}' does not fit its box").format(label=quote(label)),
                _("shorten the label"),
            )

    def draw(self):
        c = self.canv
        c.setFillColor(self.colour.tint(0.1))
        c.roundRect(0, 0, self.width, self.height, self.pad * 0.6, stroke=0, fill=1)
        y = self.height - self.pad
        if self.lead:
            y -= self._lead_h
            self.lead.drawOn(c, self.pad, y)
            y -= self.pad * 0.6
        n = len(self.items)
        row = n * self._box_w + (n - 1) * self.pad
        x = (self.width - row) / 2
        y -= self.box_height
        for number, label in self.items:
            c.setFillColor(self.colour.tint(0))
            c.roundRect(x, y, self._box_w, self.box_height, self.pad * 0.5, stroke=0, fill=1)
            c.setFillColor(self.colour)
            c.rect(x + self._box_w * 0.3, y + self.box_height - 3, self._box_w * 0.4, 3, stroke=0, fill=1)
            nh = number.wrap(self._box_w - self.pad, 1e6)[1]
            lh = label.wrap(self._box_w - self.pad, 1e6)[1]
            block = nh + lh
            top = y + (self.box_height + block) / 2
            first, second = (label, number) if self.label_first else (number, label)
            fh = lh if self.label_first else nh
            first.drawOn(c, x + self.pad / 2, top - fh)
            second.drawOn(c, x + self.pad / 2, top - block)
            x += self._box_w + self.pad
        if self.tail:
            self.tail.drawOn(c, self.pad, self.pad)


class SingleStat(StatPanel):
    """One number, read in line with its sentence: lead | number and label | tail.

    A single figure does not need a box of its own in a panel of boxes: the row keeps the
    sentence's order from left to right at a third of the height.
    """

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        pad = self.pad
        inner = avail_width - 2 * pad
        ((number, label),) = self.items
        self._num_w = max(stringWidth(number.text, number.style.fontName, number.style.fontSize), inner * 0.24) + pad
        sides = [p for p in (self.lead, self.tail) if p is not None]
        room = inner - self._num_w - pad * len(sides)
        natural = {id(p): _natural_width(p) for p in sides}
        self._widths = dict(natural)
        if sum(natural.values()) > room:  # the shorter side keeps its line if it can; the other wraps
            short, long = sorted(natural, key=natural.get) if len(natural) == 2 else (None, *natural)
            if short is not None:
                self._widths[short] = min(natural[short], room / 2)
            self._widths[long] = room - (self._widths[short] if short is not None else 0)
        self._heights = {id(p): p.wrap(self._widths[id(p)], avail_height)[1] for p in sides}
        self._row = sum(self._widths.values()) + self._num_w + pad * len(sides)
        self._nh = number.wrap(self._num_w, avail_height)[1]
        self._lh = label.wrap(self._num_w, avail_height)[1]
        self.height = 2 * pad + max([self._nh + self._lh, *self._heights.values()])
        return self.width, self.height

    def overflowing(self) -> list[str]:
        ((number, label),) = self.items
        return [label.text] if len(number.blPara.lines) > 1 or len(label.blPara.lines) > 2 else []

    def draw(self):
        c, pad = self.canv, self.pad
        ((number, label),) = self.items
        c.setFillColor(self.colour.tint(0.1))
        c.roundRect(0, 0, self.width, self.height, pad * 0.6, stroke=0, fill=1)
        x = (self.width - self._row) / 2  # the row is centred in the panel
        if self.lead is not None:
            h = self._heights[id(self.lead)]
            self.lead.drawOn(c, x, (self.height - h) / 2)
            x += self._widths[id(self.lead)] + pad
        block = self._nh + self._lh
        top = (self.height + block) / 2
        c.setFillColor(self.colour)
        c.rect(x + self._num_w * 0.3, top + pad * 0.25, self._num_w * 0.4, 3, stroke=0, fill=1)
        first, second = (label, number) if self.label_first else (number, label)
        first.drawOn(c, x, top - (self._lh if self.label_first else self._nh))
        second.drawOn(c, x, top - block)
        x += self._num_w + pad
        if self.tail is not None:
            h = self._heights[id(self.tail)]
            self.tail.drawOn(c, x, (self.height - h) / 2)


def _natural_width(para) -> float:
    """The width of a paragraph set on one line."""
    return sum(stringWidth(f.text, f.fontName, f.fontSize) for f in para.frags) + 1


def flowable(block: Stats, story, colour: ThemeColour) -> Block:
    s, g = story.styles, story.styles.g
    number_style = ParagraphStyle("n", parent=s.stat_number, textColor=colour)
    single = len(block.items) == 1
    lead_style = ParagraphStyle("stat_lead", parent=s.stat_text, alignment=TA_RIGHT) if single else s.stat_text
    tail_style = ParagraphStyle("stat_tail", parent=s.stat_text, alignment=TA_LEFT) if single else s.stat_text
    parent = story.container
    emphasis = s.type_colour(colour, s.stat_text.fontSize)
    lead = tag(Para(markup(block.lead, emphasis), lead_style), "P", parent) if block.lead else None
    listing = Node("L", parent, list_numbering="None")
    items = []
    for item in block.items:
        number, label = Para(story.values[item.figure.value], number_style), Para(markup(item.label), s.stat_label)
        entry = Node("LI", listing)  # Lbl then LBody in the order they are printed
        first, second = (label, number) if block.label_first else (number, label)
        tag(first, "Lbl", entry)
        tag(second, "LBody", entry)
        items.append((number, label))
    tail = tag(Para(markup(block.tail, emphasis), tail_style), "P", parent) if block.tail else None
    kind = SingleStat if single else StatPanel
    panel = kind(lead, items, tail, colour, block.label_first, g.mm(34), g.mm(5) if single else g.mm(6))
    panel.location = block.location
    return panel


KIND = Kind(
    name="stats",
    field=Field("record", False, N_("Big-number call-outs."), "stats"),
    model=Stats,
    records={"stats": FIELDS, "stat_item": ITEM_FIELDS},
    read=read,
    paragraphs=paragraphs,
    check=check,
    flowable=flowable,
)

"""The front and back covers, laid out from the content.

The front cover stacks, from the top: the ministry line, the colour stripe, the province
name, the title, a rule, the publisher; the month (and the edition code, only if the
content asks) stand at the foot. Turkish capitals carry accents above (İ Ğ Â Ö Ü) and
below (Ş Ç), and a name like ÇANAKKALE or ŞANLIURFA reaches further than the font's cap
height says, so every line is placed from the real extent of its glyphs' outlines (read
with FreeType through Pillow) and keeps at least :data:`CLEARANCE` from the next line or
rule. :func:`cover_plan` returns those boxes so the clearances can be checked for every
province.

The back cover carries the emblem and motto, the contact block and a QR code to the
booklet's web page, drawn as vector squares in black only (one plate in print) on paper.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from PIL import ImageFont
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth

from .. import turkish
from .colours import ThemeColour
from .contrast import COVER_DISC_TINT, COVER_EDITION_TINT
from .pages import _overdraw, _spaced, century_mark, full_background
from .structure import Node, marked
from .styles import Styles

CLEARANCE = 2.0  # points: no accent of one line nearer than this to the next line or a rule
MEASURE_SIZE = 1000  # pixels per em when reading glyph outlines


@lru_cache(maxsize=1024)
def ink(font: str, text: str, size: float) -> tuple[float, float]:
    """How far the glyphs' outlines reach above and below the baseline, in points."""
    face = _face(font)
    left, top, right, bottom = face.getbbox(text, anchor="ls")
    scale = size / MEASURE_SIZE
    return -top * scale, bottom * scale


@lru_cache(maxsize=8)
def _face(font: str) -> ImageFont.FreeTypeFont:
    """The file ReportLab registered under ``font`` (a checkout's edited fonts included)."""
    return ImageFont.truetype(pdfmetrics.getFont(font).face.filename, MEASURE_SIZE)


@dataclass
class Line:
    """One line of cover text: where its baseline is and how far its ink reaches."""

    text: str
    font: str
    size: float
    x: float
    baseline: float
    node: Node | None = None
    spacing: float = 0.0  # letter spacing
    muted: bool = False  # the edition code: in a tint of the cover colour

    @property
    def top(self) -> float:
        return self.baseline + ink(self.font, self.text, self.size)[0]

    @property
    def bottom(self) -> float:
        return self.baseline - ink(self.font, self.text, self.size)[1]


@dataclass
class CoverPlan:
    lines: list[Line] = field(default_factory=list)
    rules: list[tuple[float, float]] = field(default_factory=list)  # (bottom, top) of the stripe and the rule
    fit: dict[str, bool] = field(default_factory=dict)

    def boxes(self) -> list[tuple[float, float, str]]:
        """Every line's ink and every rule, as (bottom, top, what), top of the page first."""
        found = [(line.bottom, line.top, line.text) for line in self.lines if line.text.strip()]
        found += [(bottom, top, "rule") for bottom, top in self.rules]
        return sorted(found, key=lambda box: -box[1])


def _lines_below(texts: list[str], font: str, size: float, leading: float, x: float, ceiling: float, gap: float, node):
    """Lines hung under ``ceiling``: the first line's ink ``gap`` below it, each next line a
    leading lower, or lower still if its accents would come within CLEARANCE of the line above."""
    lines = []
    for text in texts:
        top = ink(font, text, size)[0]
        if lines:
            baseline = min(lines[-1].baseline - leading, lines[-1].bottom - CLEARANCE - top)
        else:
            baseline = ceiling - gap - top
        lines.append(Line(text, font, size, x, baseline, node))
    return lines


def cover_plan(
    s: Styles,
    province: str,
    title: str,
    publisher: str,
    ministry: str | None,
    month: str,
    edition: str | None,
    parent=None,
) -> CoverPlan:
    g, fonts = s.g, s.fonts
    t = g.type_size
    left = g.mm(20)
    width = g.width - 2 * left
    plan = CoverPlan()
    title_node = Node("H1", parent)
    if ministry:
        text = turkish.upper(ministry)
        size, spacing = t(10), t(1.2)
        fits = stringWidth(text, fonts.bold, size) + spacing * (len(text) - 1) <= width
        plan.fit["ministry"] = fits
        plan.lines.append(Line(text, fonts.bold, size, left, g.height - g.mm(28), Node("P", parent), spacing))
    name = turkish.upper(province)
    name_size = min(t(64), width / max(stringWidth(name, fonts.bold, 1), 1))
    plan.fit["province"] = name_size >= t(30)
    name_line = Line(name, fonts.bold, name_size, left - name_size * 0.04, g.height * 0.56, title_node)
    plan.lines.append(name_line)
    cap = ink(fonts.bold, "H", name_size)[0]
    stripe = max(name_line.baseline + cap + name_size * 0.18, name_line.top + CLEARANCE + t(2))
    plan.rules.append((stripe, stripe + g.mm(2.2)))
    titles = simpleSplit(turkish.upper(title), fonts.regular, t(19), width)
    plan.fit["title"] = len(titles) <= 2
    title_lines = _lines_below(titles, fonts.regular, t(19), t(24), left, name_line.bottom, g.mm(4), title_node)
    plan.lines += title_lines
    rule = (title_lines[-1].bottom if title_lines else name_line.bottom) - g.mm(9)
    plan.rules.append((rule - g.mm(0.35) / 2, rule + g.mm(0.35) / 2))
    publishers = simpleSplit(turkish.upper(publisher), fonts.bold, t(10.5), g.mm(70))
    plan.fit["publisher"] = len(publishers) <= 3
    plan.lines += _lines_below(publishers, fonts.bold, t(10.5), t(14), left, rule, g.mm(5), Node("P", parent))
    plan.lines.append(Line(month, fonts.bold, t(13), left, g.mm(30), Node("P", parent)))
    if edition:
        # coloured type is at least 9 pt and bold, so it survives plates a hair out of register
        plan.lines.append(Line(edition, fonts.bold, t(10), left, g.mm(24), Node("P", parent), muted=True))
    return plan


def cover(
    s: Styles,
    plan: CoverPlan,
    mark: str,
    section_colours: list[ThemeColour],
    parent: Node | None = None,
) -> list:
    g, paper = s.g, s.palette["paper"]
    base = s.palette["cover"]
    left = g.mm(20)
    t = g.type_size

    def paint(c):
        c.saveState()
        p = c.beginPath()
        o = _overdraw(s)
        p.rect(-o, -o, g.width + 2 * o, g.height + 2 * o)
        c.clipPath(p, stroke=0, fill=0)
        c.setFillColor(base.tint(COVER_DISC_TINT))
        c.circle(g.width * 0.98, g.height * 0.80, g.width * 0.52, stroke=0, fill=1)
        c.setFillColor(base.tint(0.93))
        c.circle(g.width * 0.98, g.height * 0.80, g.width * 0.34, stroke=0, fill=1)
        c.setStrokeColor(base.tint(0.78))
        c.setLineWidth(g.mm(0.5))
        c.circle(g.width * 0.02, g.height * 0.06, g.width * 0.30, stroke=1, fill=0)
        c.restoreState()
        stripe, rule = plan.rules
        bar_w = g.mm(11)  # the sections' colours: the booklet's contents at a glance
        for i, colour in enumerate(section_colours):
            c.setFillColor(colour)
            c.rect(left + i * (bar_w + g.mm(1.2)), stripe[0], bar_w, stripe[1] - stripe[0], stroke=0, fill=1)
        c.setStrokeColor(paper)
        c.setLineWidth(rule[1] - rule[0])
        c.line(left, (rule[0] + rule[1]) / 2, left + g.mm(24), (rule[0] + rule[1]) / 2)
        for line in plan.lines:
            c.setFillColor(s.type_colour(base.tint(COVER_EDITION_TINT), line.size) if line.muted else paper)
            with marked(c, line.node):
                if line.spacing:
                    _spaced(c, line.text, line.x, line.baseline, line.font, line.size, line.spacing)
                else:
                    c.setFont(line.font, line.size)
                    c.drawString(line.x, line.baseline, line.text + " ")  # the space: one title, read on

    paint.fit = plan.fit  # type: ignore[attr-defined]
    return [
        full_background(s, base),
        paint,
        century_mark(s, g.width - g.mm(20), g.mm(30), t(15), "right", parent)(mark),
    ]


def qr_modules(url: str) -> list[list[bool]]:
    """The QR code's modules (error correction M), from ReportLab's encoder."""
    widget = QrCodeWidget(url, barLevel="M")
    widget.qr.make()
    return [[bool(m) for m in row] for row in widget.qr.modules]


def draw_qr(c, modules: list[list[bool]], x: float, y: float, size: float, colour: ThemeColour) -> None:
    """Runs of dark modules as filled rectangles in one colour, a four-module quiet zone around."""
    count = len(modules)
    step = size / (count + 8)
    c.setFillColor(colour)
    for r, row in enumerate(modules):
        top = y + size - (r + 4 + 1) * step
        col = 0
        while col < count:
            if row[col]:
                start = col
                while col < count and row[col]:
                    col += 1
                c.rect(x + (start + 4) * step, top, (col - start) * step, step, stroke=0, fill=1)
            else:
                col += 1


def back_cover(s: Styles, back, contact_block, parent: Node | None = None) -> list:
    """Emblem and motto above; the contact block and the QR code above the closing mark."""
    g, fonts, paper = s.g, s.fonts, s.palette["paper"]
    base = s.palette["cover"]
    t = g.type_size
    emblem, motto = (back.emblem.value if back.emblem else None), (back.motto.value if back.motto else None)
    emblem_node = Node("P", parent)
    motto_lines = simpleSplit(turkish.upper(motto), fonts.bold, t(11), g.mm(120)) if motto else []
    motto_node = Node("P", parent)
    qr = qr_modules(back.qr.value.strip()) if back.qr else None
    qr_node = Node("Figure", parent, alt=f"QR kod: {back.qr.value.strip()}") if back.qr else None
    contact_width = g.width - 2 * g.mm(20) - (g.mm(40) if qr else 0)
    contact_h = contact_block.wrap(contact_width, g.height)[1] if contact_block else 0
    centre = g.height * 0.64

    def paint(c):
        cx = g.width / 2
        c.setStrokeColor(base.tint(0.75))
        c.setLineWidth(g.mm(0.5))
        c.circle(cx, centre, g.mm(42), stroke=1, fill=0)
        if emblem:
            size = t(84)
            c.setFillColor(paper)
            c.setFont(fonts.bold, size)
            with marked(c, emblem_node):
                c.drawCentredString(cx, centre - size * 0.36, emblem)
            c.setFillColor(s.palette["accent"])
            c.rect(cx - g.mm(12), centre - size * 0.36 - g.mm(7), g.mm(24), g.mm(1.6), stroke=0, fill=1)
        y = centre - g.mm(42) - g.mm(10)
        c.setFillColor(paper)
        for text in motto_lines:
            y -= t(15)
            with marked(c, motto_node):
                c.setFont(fonts.bold, t(11))
                c.drawCentredString(cx, y, text)
        foot = g.mm(62)  # the contact block and the QR code stand on this line
        c.setStrokeColor(base.tint(0.6))
        c.setLineWidth(0.6)
        c.line(g.mm(20), foot + g.mm(40), g.width - g.mm(20), foot + g.mm(40))
        if contact_block:
            contact_block.drawOn(c, g.mm(20), foot + (g.mm(32) - contact_h) / 2 + g.mm(2))
        if qr is not None:
            x = g.width - g.mm(20) - g.mm(30)
            c.setFillColor(paper)  # the quiet zone: paper, so the code is black on white in one ink
            c.rect(x, foot + g.mm(2), g.mm(30), g.mm(30), stroke=0, fill=1)
            with marked(c, qr_node):
                draw_qr(c, qr, x, foot + g.mm(2), g.mm(30), s.palette["text"])

    return [
        full_background(s, base),
        paint,
        century_mark(s, g.width / 2, g.mm(30), t(17), "centre", parent)(back.mark.value),
    ]

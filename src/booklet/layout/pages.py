"""Page furniture: covers, section bands, running heads and folios.

Each function returns a closure that paints one page element; all measuring (wrapping the
band title, the cover lines) happens when the closure is made, during layout. A closure that
is pure furniture says which artifact it is (``paint.artifact``); one that also draws texts
(covers, band) marks those texts as the structure nodes of ``parent`` and leaves the rest to
the writer, which makes anything unmarked an artifact.
"""

from __future__ import annotations

from collections.abc import Callable

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth

from .. import turkish
from .colours import ThemeColour
from .contrast import BAND_DISC_TINT, COVER_DISC_TINT, COVER_EDITION_TINT
from .flowables import Block, Para
from .icons import Icon
from .structure import Node, marked, read_as, tag
from .styles import Styles

Paint = Callable[[object], None]
OPENER_HEIGHT_MM = 36  # a section band in the middle of a page (at the top of one: Geometry.band_height)
OPENER_GAP_MM = 10  # white above it
OPENER_FOOT_MM = 9  # white below it, before the section's text


def _overdraw(s: Styles) -> float:
    """Backgrounds run this far past the trim, so the print file's bleed is covered."""
    return s.g.mm(6)


def full_background(s: Styles, colour: ThemeColour) -> Paint:
    g, o = s.g, _overdraw(s)

    def paint(c):
        c.setFillColor(colour)
        c.rect(-o, -o, g.width + 2 * o, g.height + 2 * o, stroke=0, fill=1)

    paint.artifact = ("Layout",)  # type: ignore[attr-defined]
    return paint


def _spaced(
    c, text: str, x: float, y: float, font: str, size: float, spacing: float, align: str = "left", reads: str = ""
) -> None:
    """Letter-spaced text that still reads as ``reads`` (default: ``text``) word by word."""
    width = stringWidth(text, font, size) + spacing * (len(text) - 1)
    if align == "right":
        x -= width
    elif align == "centre":
        x -= width / 2
    t = c.beginText(x, y)
    t.setFont(font, size)
    t.setCharSpace(spacing)
    t.textOut(text)
    t.setCharSpace(0)  # character spacing is graphics state: it would leak into the body text
    with read_as(c, reads or text):  # the spaced letters read as the word, not as "İ Ç İ N"
        c.drawText(t)


def century_mark(s: Styles, x: float, y: float, size: float, align: str, parent: Node | None) -> Paint:
    """The typographic "TÜRKİYE YÜZYILI" mark: two stacked words beside a red bar."""
    fonts, paper, red = s.fonts, s.palette["paper"], s.palette["accent"]

    def paint_mark(mark: str) -> Paint:
        words = turkish.upper(mark).split()
        top, rest = words[0], " ".join(words[1:])
        width = max(
            stringWidth(top, fonts.bold, size),
            stringWidth(rest, fonts.regular, size) + size * 0.12 * len(rest),
        )
        bar = size * 0.32
        left = x if align == "left" else (x - width - bar * 2 if align == "right" else x - (width + bar * 2) / 2)

        node = Node("P", parent)

        def paint(c):
            c.setFillColor(red)
            c.rect(left, y - size * 1.05, bar, size * 2.05, stroke=0, fill=1)
            c.setFillColor(paper)
            with marked(c, node):
                _spaced(c, top, left + bar * 2, y, fonts.bold, size, size * 0.02, reads=top + " ")
            with marked(c, node):
                _spaced(c, rest, left + bar * 2, y - size * 1.0, fonts.regular, size, size * 0.12)

        return paint

    return paint_mark


def cover(
    s: Styles,
    province: str,
    title: str,
    publisher: str,
    month: str,
    edition: str,
    mark: str,
    section_colours: list[ThemeColour],
    parent: Node | None = None,
) -> list[Paint]:
    g, fonts, paper = s.g, s.fonts, s.palette["paper"]
    base = s.palette["cover"]
    left = g.mm(20)
    t = g.type_size
    name = turkish.upper(province)
    name_size = min(t(64), (g.width - 2 * left) / max(stringWidth(name, fonts.bold, 1), 1))
    title_style = ParagraphStyle("ct", fontName=fonts.regular, fontSize=t(19), leading=t(24), textColor=paper)
    title_p = tag(Para(turkish.upper(title), title_style), "H1", parent)
    title_h = title_p.wrap(g.width - 2 * left, g.height)[1]
    pub_style = ParagraphStyle("cp", fontName=fonts.bold, fontSize=t(10.5), leading=t(14), textColor=paper)
    pub_p = tag(Para(turkish.upper(publisher), pub_style), "P", parent)
    month_node, edition_node = Node("P", parent), Node("P", parent)
    pub_h = pub_p.wrap(g.mm(70), g.height)[1]
    name_y = g.height * 0.56

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
        # seven bars in the section colours: the booklet's contents at a glance
        bar_w = g.mm(11)
        for i, colour in enumerate(section_colours):
            c.setFillColor(colour)
            c.rect(left + i * (bar_w + g.mm(1.2)), name_y + name_size * 0.95, bar_w, g.mm(2.2), stroke=0, fill=1)
        c.setFillColor(paper)
        c.setFont(fonts.bold, name_size)
        with marked(c, title_p.node):  # "ELAZIĞ İLİ BİLGİLENDİRME …": one title, the space unseen
            c.drawString(left - name_size * 0.04, name_y, name + " ")
        title_p.drawOn(c, left, name_y - g.mm(5) - title_h)
        c.setStrokeColor(paper)
        c.setLineWidth(g.mm(0.35))
        rule_y = name_y - g.mm(5) - title_h - g.mm(10)
        c.line(left, rule_y, left + g.mm(24), rule_y)
        pub_p.drawOn(c, left, rule_y - g.mm(5) - pub_h)
        c.setFont(fonts.bold, t(13))
        with marked(c, month_node):
            c.drawString(left, g.mm(30), month)
        c.setFillColor(s.type_colour(base.tint(COVER_EDITION_TINT), t(10)))
        c.setFont(fonts.bold, t(10))  # coloured type is at least 9 pt and bold (registration)
        with marked(c, edition_node):
            c.drawString(left, g.mm(24), edition)

    paint.fit = {  # type: ignore[attr-defined]
        "province": name_size >= t(30),
        "title": len(title_p.blPara.lines) <= 2,
        "publisher": len(pub_p.blPara.lines) <= 3,
    }
    return [
        full_background(s, base),
        paint,
        century_mark(s, g.width - g.mm(20), g.mm(30), t(15), "right", parent)(mark),
    ]


def back_cover(s: Styles, mark: str, emblem: str | None, motto: str | None, parent: Node | None = None) -> list[Paint]:
    g, fonts, paper = s.g, s.fonts, s.palette["paper"]
    base = s.palette["cover"]
    t = g.type_size
    motto_style = ParagraphStyle(
        "m", fontName=fonts.bold, fontSize=t(11), leading=t(15), alignment=TA_CENTER, textColor=paper
    )
    emblem_node = Node("P", parent)
    motto_p = tag(Para(turkish.upper(motto), motto_style), "P", parent) if motto else None
    motto_h = motto_p.wrap(g.mm(120), g.height)[1] if motto_p else 0

    def paint(c):
        cx = g.width / 2
        c.setStrokeColor(base.tint(0.75))
        c.setLineWidth(g.mm(0.5))
        c.circle(cx, g.height * 0.55, g.mm(48), stroke=1, fill=0)
        if emblem:
            size = t(96)
            c.setFillColor(paper)
            c.setFont(fonts.bold, size)
            with marked(c, emblem_node):
                c.drawCentredString(cx, g.height * 0.55 - size * 0.36, emblem)
            c.setFillColor(s.palette["accent"])
            c.rect(cx - g.mm(12), g.height * 0.55 - size * 0.36 - g.mm(7), g.mm(24), g.mm(1.6), stroke=0, fill=1)
        if motto_p:
            motto_p.drawOn(c, cx - g.mm(60), g.height * 0.55 - g.mm(48) - g.mm(12) - motto_h)

    return [full_background(s, base), paint, century_mark(s, g.width / 2, g.mm(40), t(17), "centre", parent)(mark)]


def section_band(
    s: Styles, number: int, title: str, colour: ThemeColour, icon: Icon | None, parent: Node | None = None
) -> Paint:
    """The coloured band that opens a section at the top of a page, bled off the top and both sides."""
    g = s.g
    band = _Band(s, number, title, colour, icon, g.band_height, parent)

    def paint(c):
        band.paint(c, 0, g.height - g.band_height, top_bleed=True)

    paint.title_lines = band.title_lines  # type: ignore[attr-defined]
    paint.band = band  # type: ignore[attr-defined]
    return paint


class _Band:
    """The band's drawing, for the top of a page and for the middle of one."""

    def __init__(
        self, s: Styles, number: int, title: str, colour: ThemeColour, icon: Icon | None, height: float, parent
    ):
        self.s, self.number, self.colour, self.icon, self.height = s, number, colour, icon, height
        g = s.g
        self.icon_size = min(g.mm(26), height * 0.5)
        text_w = g.width - 2 * g.mm(20) - (self.icon_size + g.mm(12) if icon else 0)
        self.title_p = tag(Para(turkish.upper(title), s.section_title), "H1", parent)
        self.title_p.role = "H1"
        self.title_h = self.title_p.wrap(text_w, height)[1]
        self.title_lines = len(self.title_p.blPara.lines)
        self.title = title
        self.foot = min(g.mm(12), height * 0.2)  # white under the title
        self.needed = self.foot + self.title_h + g.mm(5) + g.type_size(13) + g.mm(6)

    def paint(self, c, x0: float, bottom: float, top_bleed: bool) -> None:
        """Paint with the page's left edge at ``x0`` and the band's foot at ``bottom``."""
        s, g, colour = self.s, self.s.g, self.colour
        paper, o = s.palette["paper"], _overdraw(s)
        top = bottom + self.height
        extra = o if top_bleed else 0
        c.setFillColor(colour)
        c.rect(x0 - o, bottom, g.width + 2 * o, self.height + extra, stroke=0, fill=1)
        c.saveState()
        p = c.beginPath()
        p.rect(x0 - o, bottom, g.width + 2 * o, self.height + extra)
        c.clipPath(p, stroke=0, fill=0)
        scale = self.height / g.band_height
        cx, cy = x0 + g.width - g.mm(36), top - self.height * 0.45
        c.setFillColor(colour.tint(BAND_DISC_TINT))
        c.circle(cx, cy, g.mm(40) * max(scale, 0.6), stroke=0, fill=1)
        c.setFillColor(colour.tint(0.7))
        c.circle(x0 + g.mm(8), top + g.mm(6), g.mm(28) * max(scale, 0.6), stroke=0, fill=1)
        c.restoreState()
        if self.icon:
            size = self.icon_size
            self.icon.draw(c, cx - size / 2, cy - size / 2, size, paper)
        left = x0 + g.mm(20)
        base = bottom + self.foot
        c.setFillColor(paper)
        _spaced(
            c,
            f"{self.number:02d}",
            left,
            base + self.title_h + g.mm(5),
            s.fonts.bold,
            g.type_size(13),
            g.type_size(1.5),
        )
        c.setStrokeColor(paper)
        c.setLineWidth(1)
        line_y = base + self.title_h + g.mm(3)
        c.line(left, line_y, left + g.mm(9), line_y)
        self.title_p.drawOn(c, left, base)
        key = f"section-{self.number}"
        c.bookmarkHorizontal(key, 0, top)
        c.addOutlineEntry(turkish.upper(self.title), key, level=0)


class SectionOpener(Block):
    """A section's band in the flow of a page, after the section before it; bled off both sides."""

    role = "Div"  # its title paragraph is the section's H1

    def __init__(self, s: Styles, number: int, title: str, colour: ThemeColour, icon: Icon | None, parent=None):
        super().__init__()
        g = s.g
        self.band = _Band(s, number, title, colour, icon, OPENER_HEIGHT_MM * g.mm(1), parent)
        if self.band.needed > self.band.height:  # a two-line title: the band grows to hold it
            self.band = _Band(s, number, title, colour, icon, self.band.needed, parent)
        self.title_lines = self.band.title_lines
        self.gap_before = OPENER_GAP_MM * g.mm(1)
        self.keep_with_next = True
        self.label = f"section band '{title}'"

    def parts(self):
        return [self.band.title_p]

    def wrap(self, avail_width, avail_height):
        self.width, self.height = avail_width, self.band.height
        return self.width, self.height

    def drawOn(self, canvas, x, y, _sW=0):  # noqa: N802 - ReportLab's name
        self.page_x = x  # the band runs to the page edges, left of the frame
        super().drawOn(canvas, x, y, _sW)

    def draw(self):
        self.band.paint(self.canv, -self.page_x, 0, top_bleed=False)


def running_head(s: Styles, page_number: int, section_title: str, booklet_title: str, colour: ThemeColour) -> Paint:
    g, fonts = s.g, s.fonts
    o = _overdraw(s)
    left = g.frame_left(page_number)
    right = left + g.frame_width
    size = g.type_size(7.5)

    def paint(c):
        c.setFillColor(colour)
        c.rect(-o, g.height - g.mm(3), g.width + 2 * o, g.mm(3) + o, stroke=0, fill=1)
        y = g.height - g.mm(13)
        c.setFillColor(s.palette["text"])  # small type prints on the black plate only, never in colour
        _spaced(c, turkish.upper(section_title), left, y, fonts.bold, size, size * 0.08)
        c.setFillColor(s.palette["muted"])
        _spaced(c, turkish.upper(booklet_title), right, y, fonts.regular, size, size * 0.08, "right")
        c.setStrokeColor(s.palette["muted"].tint(0.4))
        c.setLineWidth(0.5)
        c.line(left, y - g.mm(3), right, y - g.mm(3))

    paint.artifact = ("Pagination", "Header")  # type: ignore[attr-defined]
    return paint


def folio(s: Styles, page_number: int, imprint: str, colour: ThemeColour) -> Paint:
    """Page number on the outer edge, the imprint on the inner side."""
    g, fonts = s.g, s.fonts
    left = g.frame_left(page_number)
    right = left + g.frame_width
    y = g.mm(11)
    recto = page_number % 2 == 1

    def paint(c):
        number = str(page_number)
        c.setFont(fonts.bold, g.type_size(9))
        w = stringWidth(number, fonts.bold, g.type_size(9))
        x = right - w if recto else left
        c.setFillColor(s.palette["text"])
        c.drawString(x, y, number)
        c.setFillColor(colour)
        sq = g.mm(1.8)
        c.rect(x - g.mm(3.2) if recto else x + w + g.mm(1.4), y + g.mm(0.2), sq, sq, stroke=0, fill=1)
        c.setFillColor(s.palette["muted"])
        c.setFont(fonts.regular, g.type_size(7.5))
        if recto:
            c.drawString(left, y, imprint)
        else:
            c.drawRightString(right, y, imprint)

    paint.artifact = ("Pagination", "Footer")  # type: ignore[attr-defined]
    return paint

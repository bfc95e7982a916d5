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
from .flowables import Para
from .icons import Icon
from .structure import Node, marked, read_as, tag
from .styles import Styles

Paint = Callable[[object], None]


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
    """The coloured band that opens a section, bled off the top and both sides."""
    g, fonts, paper = s.g, s.fonts, s.palette["paper"]
    o = _overdraw(s)
    band = g.band_height
    top = g.height
    icon_size = g.mm(26)
    text_w = g.width - 2 * g.mm(20) - (icon_size + g.mm(12) if icon else 0)
    title_p = tag(Para(turkish.upper(title), s.section_title), "H1", parent)
    title_h = title_p.wrap(text_w, band)[1]

    def paint(c):
        c.setFillColor(colour)
        c.rect(-o, top - band, g.width + 2 * o, band + o, stroke=0, fill=1)
        c.saveState()
        p = c.beginPath()
        p.rect(-o, top - band, g.width + 2 * o, band + o)
        c.clipPath(p, stroke=0, fill=0)
        cx, cy = g.width - g.mm(36), top - band * 0.45
        c.setFillColor(colour.tint(BAND_DISC_TINT))
        c.circle(cx, cy, g.mm(40), stroke=0, fill=1)
        c.setFillColor(colour.tint(0.7))
        c.circle(g.mm(8), top + g.mm(6), g.mm(28), stroke=0, fill=1)
        c.restoreState()
        if icon:
            icon.draw(c, cx - icon_size / 2, cy - icon_size / 2, icon_size, paper)
        left = g.mm(20)
        c.setFillColor(paper)
        _spaced(
            c,
            f"{number:02d}",
            left,
            top - band + g.mm(12) + title_h + g.mm(5),
            fonts.bold,
            g.type_size(13),
            g.type_size(1.5),
        )
        c.setStrokeColor(paper)
        c.setLineWidth(1)
        line_y = top - band + g.mm(12) + title_h + g.mm(3)
        c.line(left, line_y, left + g.mm(9), line_y)
        title_p.drawOn(c, left, top - band + g.mm(12))

    paint.title_lines = len(title_p.blPara.lines)  # type: ignore[attr-defined]
    return paint


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

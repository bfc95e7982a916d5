"""The introduction page: its heading ("Sunuş"), the introduction, and the table of contents.

The heading and the text hang from the top of the frame and the contents stand on its
foot, so the page is composed whatever the length of the introduction; the white between
them is the page's breathing space. The contents can only be drawn once every section has
been laid out, so this is made last and painted as furniture.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.styles import ParagraphStyle

from .. import turkish
from . import pages as furniture
from .colours import ThemeColour
from .flowables import Para, markup
from .structure import Node, link, marked, tag
from .styles import Styles

DEFAULT_TITLE = "Sunuş"
CONTENTS = "İÇİNDEKİLER"


@dataclass(frozen=True)
class Entry:
    number: int
    title: str
    page: int
    colour: ThemeColour


def introduction_page(s: Styles, page_number: int, title: str, paragraphs, entries: list[Entry]):
    """The page's paint closure and whether everything fits on it. In the structure tree the
    page is a Sect: the heading (H1), the paragraphs, and the contents (TOC), each row a TOCI
    whose Reference is a Link to the page the section opens on."""
    g, palette = s.g, s.palette
    sect = Node("Sect")
    cover = palette["cover"]
    left = g.frame_left(page_number)
    width = g.frame_width
    heading_style = ParagraphStyle(
        "intro_title", fontName=s.fonts.bold, fontSize=g.type_size(26), leading=g.type_size(31), textColor=cover
    )
    heading = tag(Para(title, heading_style), "H1", sect)
    heading.role = "H1"
    heading_h = heading.wrap(width, g.height)[1]
    text = [tag(Para(markup(p), s.cover_intro), "P", sect) for p in paragraphs]
    contents_heading = Node("H2", sect, CONTENTS)
    contents = Node("TOC", sect)
    heights = [p.wrap(width - g.mm(10), g.height)[1] for p in text]
    row_style = ParagraphStyle(
        "toc", fontName=s.fonts.bold, fontSize=g.type_size(10.5), leading=g.type_size(13), textColor=palette["text"]
    )
    rows = []
    for entry in entries:
        reference = Node("Reference", Node("TOCI", contents))
        p = tag(Para(turkish.upper(entry.title), row_style), "Link", reference)
        h = p.wrap(width - g.mm(34), g.height)[1]
        rows.append((entry, p, h, max(h, g.mm(9)) + g.mm(4)))

    top = g.height - g.margin_top - g.mm(10)
    text_foot = top - g.mm(2) - g.mm(10) - heading_h - g.mm(8) - sum(heights) - g.mm(4) * (len(text) - 1)
    contents_h = g.mm(6) + sum(row[3] for row in rows)
    foot = g.margin_bottom + g.mm(4)
    contents_top = foot + contents_h
    fits = text_foot - g.mm(12) >= contents_top

    def paint(c):
        c.setFillColor(cover)
        c.rect(left, top, g.mm(16), g.mm(2), stroke=0, fill=1)
        y = top - g.mm(10) - heading_h
        heading.drawOn(c, left, y)
        y -= g.mm(8)
        for p, h in zip(text, heights):
            y -= h
            p.drawOn(c, left, y)
            y -= g.mm(4)
        y = contents_top
        c.setFillColor(s.type_colour(cover, g.type_size(9)))  # small type prints on one plate
        with marked(c, contents_heading):
            furniture._spaced(c, CONTENTS, left, y - g.type_size(9), s.fonts.bold, g.type_size(9), g.type_size(1.4))
        y -= g.mm(6)
        for entry, p, h, row_h in rows:
            y -= row_h
            c.setFillColor(entry.colour)
            c.rect(left, y + g.mm(1), g.mm(9), row_h - g.mm(3), stroke=0, fill=1)
            c.setFillColor(palette["paper"])
            c.setFont(s.fonts.bold, g.type_size(9))
            c.drawCentredString(left + g.mm(4.5), y + row_h / 2 - g.mm(1.2), f"{entry.number:02d}")
            p.drawOn(c, left + g.mm(14), y + (row_h - h) / 2 - g.mm(0.2))
            c.setFillColor(palette["text"])
            c.setFont(s.fonts.bold, g.type_size(10.5))
            with marked(c, p.node):
                c.drawRightString(left + width, y + row_h / 2 - g.mm(1.4), str(entry.page))
            if entry.page:
                link(c, p.node, (left + g.mm(14), y, left + width, y + row_h), entry.page - 1)
            c.setStrokeColor(palette["muted"].tint(0.3))
            c.setLineWidth(0.5)
            c.line(left + g.mm(14), y, left + width, y)

    paint.parts = [heading, *text, *(p for _, p, _, _ in rows)]  # type: ignore[attr-defined]
    return paint, fits

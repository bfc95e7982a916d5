"""Flowing blocks onto pages: the one place that decides page breaks.

The result is a list of :class:`Page` records holding placed flowables and furniture; the
writer paints them onto as many canvases as there are targets without laying out again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from reportlab.lib.styles import ParagraphStyle

from .. import turkish
from ..assets import icon_path
from ..content.model import Booklet
from ..diagnostics import Location, Report, quote
from ..fonts import FontSet
from ..i18n import N_, _
from . import pages as furniture
from .colours import Palette, ThemeColour
from .flowables import FUZZ, Block, Callout, Para, Stack, markup
from .icons import load_icon
from .story import StoryBuilder
from .structure import Node, link, marked, tag
from .styles import Geometry, Styles


@dataclass
class Placement:
    flowable: object
    x: float
    y: float


@dataclass
class Page:
    number: int
    kind: str  # cover | intro | section | back
    section_index: int | None = None
    furniture: list = field(default_factory=list)
    placements: list[Placement] = field(default_factory=list)
    bookmark: str | None = None  # outline title for a page that opens a section

    @property
    def is_section_start(self) -> bool:
        return self.bookmark is not None and self.kind == "section"


@dataclass
class Layout:
    """Everything a writer needs: page size, pages, and the document's metadata."""

    booklet: Booklet
    geometry: Geometry
    pages: list[Page]
    fonts: FontSet
    palette: Palette
    title: str
    subject: str
    month: str


COVER_FIELDS = {"province": N_("province name"), "title": N_("title"), "publisher": N_("publisher")}
RUNT_FILL = 0.3  # a last page filled less than this is worth saving
TIGHT_GAPS = 0.45
TIGHT_LEADING = 0.94


class Paginator:
    def __init__(self, booklet: Booklet, fonts: FontSet, values: dict[str, str], report: Report):
        self.booklet = booklet
        self.report = report
        self.g = Geometry.for_page(booklet.meta.page_size)
        self.palette = Palette(booklet.theme)
        self.styles = Styles(self.g, fonts, self.palette)
        self.story = StoryBuilder(booklet, self.styles, values, report)
        self.fonts = fonts
        meta = booklet.meta
        self.month = turkish.format_month(meta.date)
        self.full_title = f"{meta.province.value} {meta.title.value}"
        self.imprint = f"{self.full_title} · {self.month}"
        self.pages: list[Page] = []
        self.y = 0.0
        self.at_top = True
        self.too_tall_reported: set[Location] = set()

    # -- page management -------------------------------------------------------------
    def new_page(self, kind: str, section_index: int | None = None) -> Page:
        page = Page(len(self.pages) + 1, kind, section_index)
        self.pages.append(page)
        return page

    def open_frame(self, top: float) -> None:
        self.y = top
        self.at_top = True

    def continuation(self, section_index: int) -> None:
        page = self.new_page("section", section_index)
        self.dress_body_page(page, running_head=True)
        self.open_frame(self.g.height - self.g.margin_top)

    def dress_body_page(self, page: Page, running_head: bool) -> None:
        colour = self.section_colour(page.section_index)
        if running_head:
            section = self.booklet.sections[page.section_index]
            page.furniture.append(
                furniture.running_head(self.styles, page.number, self.section_title(section), self.full_title, colour)
            )
        page.furniture.append(furniture.folio(self.styles, page.number, self.imprint, colour))

    def section_colour(self, index: int | None) -> ThemeColour:
        if index is None:
            return self.palette["cover"]
        return self.palette[self.booklet.sections[index].colour.value]

    def section_title(self, section) -> str:
        return section.title.plain

    # -- flowing ----------------------------------------------------------------------
    def place(self, block: Block, section_index: int) -> None:
        g = self.g
        width = g.frame_width
        while True:
            page = self.pages[-1]
            gap = 0.0 if self.at_top else block.gap_before
            avail = self.y - g.margin_bottom - gap
            _width, h = block.wrap(width, avail)
            if h <= avail + FUZZ:
                self.y -= gap + h
                page.placements.append(Placement(block, g.frame_left(page.number), self.y))
                self.at_top = False
                return
            parts = block.split(width, avail) if block.splittable and avail > 0 else []
            if parts:
                first, *rest = parts
                _width, h = first.wrap(width, avail)
                self.y -= gap + h
                page.placements.append(Placement(first, g.frame_left(page.number), self.y))
                self.at_top = False
                block = rest[0] if len(rest) == 1 else _chain(rest)
                self.continuation(section_index)
                continue
            if self.at_top:
                self.too_tall(block, section_index, h)
                return
            self.continuation(section_index)

    def too_tall(self, block: Block, section_index: int, height: float) -> None:
        """An error at the part that cannot be split (a call-out, an image), once: the
        section may be flowed again with tighter gaps and would say it again."""
        culprit = _unsplittable_part(block, self.g.frame_width, self.g.height) or block
        where = culprit.location or block.location or Location(self.booklet.sections[section_index].path)
        if where in self.too_tall_reported:
            return
        self.too_tall_reported.add(where)
        self.report.error(
            where,
            _("{block} is taller than a whole page ({mm:.0f} mm)").format(
                block=culprit.label or block.label or _("a block"), mm=height / self.g.mm(1)
            ),
            _("a call-out cannot go on over a page: shorten it, or make part of it an ordinary paragraph")
            if isinstance(culprit, Callout)
            else _("shorten its text or split it into two subsections"),
        )

    # -- the booklet ------------------------------------------------------------------
    def run(self) -> Layout:
        b, s, g = self.booklet, self.styles, self.g
        meta = b.meta
        cover = self.new_page("cover")
        cover.furniture = furniture.cover(
            s,
            meta.province.value,
            meta.title.value,
            meta.publisher.value,
            self.month,
            meta.edition.value,
            b.cover.mark.value,
            [self.palette[sec.colour.value] for sec in b.sections],
            Node("Sect"),
        )
        for name, fits in cover.furniture[1].fit.items():
            if not fits:
                text = getattr(meta, name)
                self.report.error(
                    text.location,
                    _("the {name} '{text}' does not fit on the cover").format(
                        name=_(COVER_FIELDS[name]), text=quote(text.value)
                    ),
                    _("shorten it; the cover has room for a short name, a two-line title and a three-line publisher"),
                )
        intro = self.new_page("intro")
        for index, section in enumerate(b.sections):
            for block in self.lay_section(index, section):
                block.check(self.report)
        self.dress_intro(intro)
        back = self.new_page("back")
        back.furniture = furniture.back_cover(
            s,
            b.back_cover.mark.value,
            b.back_cover.emblem.value if b.back_cover.emblem else None,
            b.back_cover.motto.value if b.back_cover.motto else None,
            Node("Sect"),
        )
        subject = f"{meta.publisher.value}, {self.month} ({meta.edition.value})"
        return Layout(b, g, self.pages, self.fonts, self.palette, self.full_title, subject, self.month)

    def lay_section(self, index: int, section) -> list[Block]:
        """Flow one section; if its last page would hold only a few lines, flow it again with
        tighter vertical gaps, then also slightly tighter leading, and keep the first attempt
        that saves the page."""
        sect = Node("Sect")
        blocks = self.story.section(section, sect)
        band = self.section_band(index, section, sect)  # made once: every attempt opens with it
        start = len(self.pages)
        self.flow_section(index, section, band, blocks)
        if len(self.pages) - start > 1 and self.fill() < RUNT_FILL:
            first_try = self.pages[start:]
            attempts = (
                lambda: [block.scaled(TIGHT_GAPS) for block in blocks],
                lambda: [block.scaled(TIGHT_GAPS) for block in self.tight_story.section(section, sect)],
            )
            for attempt in attempts:
                del self.pages[start:]
                self.flow_section(index, section, band, attempt())
                if len(self.pages) - start < len(first_try):
                    break
            else:
                del self.pages[start:]
                self.pages.extend(first_try)
        return blocks

    @cached_property
    def tight_story(self) -> StoryBuilder:
        styles = Styles(self.g, self.fonts, self.palette, leading=TIGHT_LEADING)
        return StoryBuilder(self.booklet, styles, self.story.values, Report())  # its problems were reported once

    def fill(self) -> float:
        """How much of the current page's frame is used, 0 to 1."""
        page = self.pages[-1]
        top = self.g.height - (self.g.margin_top if page.bookmark is None else self.g.band_height + self.g.mm(11))
        return (top - self.y) / (top - self.g.margin_bottom)

    def section_band(self, index: int, section, sect: Node):
        icon = load_icon(icon_path(section.icon.value, self.booklet.asset_roots)) if section.icon else None
        band = furniture.section_band(
            self.styles, index + 1, self.section_title(section), self.section_colour(index), icon, sect
        )
        if band.title_lines > 2:
            self.report.error(
                section.title.location,
                _("section title is too long for the section band (over two lines)"),
                _("shorten the title"),
            )
        return band

    def flow_section(self, index: int, section, band, blocks: list[Block]) -> None:
        g = self.g
        page = self.new_page("section", index)
        page.bookmark = turkish.upper(self.section_title(section))
        page.furniture.append(band)
        self.dress_body_page(page, running_head=False)
        self.open_frame(g.height - g.band_height - g.mm(11))
        for block in blocks:
            self.place(block, index)

    def dress_intro(self, page: Page) -> None:
        """The introduction and a table of contents with the page each section opens on; each
        row is a TOCI whose Reference links to the section's first page."""
        b, s, g = self.booklet, self.styles, self.g
        page.bookmark = "Giriş"
        page.furniture.append(furniture.folio(s, page.number, self.imprint, self.palette["cover"]))
        left = g.frame_left(page.number)
        width = g.frame_width
        sect = Node("Sect")
        text = [tag(Para(markup(p), s.cover_intro), "P", sect) for p in b.introduction]
        heading = Node("H1", sect, "İÇİNDEKİLER")
        contents = Node("TOC", sect)
        heights = [p.wrap(width - g.mm(10), g.height)[1] for p in text]
        starts = {p.section_index: p.number for p in self.pages if p.is_section_start}
        cover = self.palette["cover"]
        rows = []
        row_style = ParagraphStyle(
            "toc",
            fontName=s.fonts.bold,
            fontSize=g.type_size(10.5),
            leading=g.type_size(13),
            textColor=self.palette["text"],
        )
        for index, section in enumerate(b.sections):
            reference = Node("Reference", Node("TOCI", contents))
            p = tag(Para(turkish.upper(self.section_title(section)), row_style), "Link", reference)
            rows.append((index, p, p.wrap(width - g.mm(34), g.height)[1]))
        fonts = s.fonts

        def paint(c):
            top = g.height - g.mm(34)
            c.setFillColor(cover)
            c.rect(left, top, g.mm(16), g.mm(2), stroke=0, fill=1)
            y = top - g.mm(12)
            for p, h in zip(text, heights):
                y -= h
                p.drawOn(c, left, y)
                y -= g.mm(4)
            y -= g.mm(16)
            c.setFillColor(cover)
            with marked(c, heading):
                furniture._spaced(c, "İÇİNDEKİLER", left, y, fonts.bold, g.type_size(9), g.type_size(1.4))
            y -= g.mm(6)
            for index, p, h in rows:
                row_h = max(h, g.mm(9)) + g.mm(4)
                y -= row_h
                colour = self.section_colour(index)
                c.setFillColor(colour)
                c.rect(left, y + g.mm(1), g.mm(9), row_h - g.mm(3), stroke=0, fill=1)
                c.setFillColor(self.palette["paper"])
                c.setFont(fonts.bold, g.type_size(9))
                c.drawCentredString(left + g.mm(4.5), y + row_h / 2 - g.mm(1.2), f"{index + 1:02d}")
                p.drawOn(c, left + g.mm(14), y + (row_h - h) / 2 - g.mm(0.2))
                c.setFillColor(self.palette["text"])
                c.setFont(fonts.bold, g.type_size(10.5))
                number = str(starts.get(index, ""))
                with marked(c, p.node):
                    c.drawRightString(left + width, y + row_h / 2 - g.mm(1.4), number)
                if index in starts:
                    link(c, p.node, (left + g.mm(14), y, left + width, y + row_h), starts[index] - 1)
                c.setStrokeColor(self.palette["muted"].tint(0.3))
                c.setLineWidth(0.5)
                c.line(left + g.mm(14), y, left + width, y)

        page.furniture.insert(0, paint)


def _unsplittable_part(block, width: float, page: float):
    """The child of a stack that alone is taller than a page, if there is one."""
    for child, _gap in getattr(block, "children", ()):
        if child.wrap(width, 1e6)[1] > page and getattr(child, "location", None) is not None:
            return _unsplittable_part(child, width, page) or child
    return None


def _chain(blocks: list[Block]) -> Block:
    return Stack([(b, 0.0) for b in blocks])


def lay_out(booklet: Booklet, fonts: FontSet, values: dict[str, str], report: Report) -> Layout:
    """Layout stage entry point."""
    layout = Paginator(booklet, fonts, values, report).run()
    report.raise_if_errors()
    return layout

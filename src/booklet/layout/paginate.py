"""Flowing blocks onto pages: the one place that decides page breaks.

The result is a list of :class:`Page` records holding placed flowables and furniture; the
writer paints them onto as many canvases as there are targets without laying out again.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import turkish
from ..assets import icon_path
from ..blocks.contact import contact_flowable
from ..content.model import Booklet
from ..diagnostics import Location, Report, quote
from ..fonts import FontSet
from ..i18n import N_, _
from . import covers, intro
from . import pages as furniture
from .colours import Palette, ThemeColour
from .flowables import FUZZ, Block, Callout, Stack
from .icons import load_icon
from .story import StoryBuilder
from .structure import Node
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
    bookmark: str | None = None  # outline title of the page (the introduction); section bands add their own
    foot: float | None = None  # where the lowest placed block ends


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


COVER_FIELDS = {
    "province": N_("province name"),
    "title": N_("title"),
    "publisher": N_("publisher"),
    "ministry": N_("ministry line"),
}
MIN_FILL = 0.6  # no page of text ends higher than this on its frame, when it can be helped


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
        self.starts: dict[int, int] = {}  # section index → the page its band is on
        self.shortened: dict[int, float] = {}  # page number → how much higher its frame ends
        self.flow_report = Report()  # problems of the flow kept, reported once
        self.first_body = 2  # pages before the sections: the cover and the introduction
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
    def bottom(self, page: Page) -> float:
        """The foot of a page's frame: raised on a page that gives lines to the last one."""
        return self.g.margin_bottom + self.shortened.get(page.number, 0.0)

    def place(self, block: Block, section_index: int, gap_before: float | None = None) -> None:
        g = self.g
        width = g.frame_width
        gap_before = block.gap_before if gap_before is None else gap_before
        while True:
            page = self.pages[-1]
            gap = 0.0 if self.at_top else gap_before
            avail = self.y - self.bottom(page) - gap
            _width, h = block.wrap(width, avail)
            if h <= avail + FUZZ:
                self.y -= gap + h
                page.placements.append(Placement(block, g.frame_left(page.number), self.y))
                page.foot = self.y
                self.at_top = False
                return
            parts = block.split(width, avail) if block.splittable and avail > 0 else []
            if parts:
                first, *rest = parts
                _width, h = first.wrap(width, avail)
                self.y -= gap + h
                page.placements.append(Placement(first, g.frame_left(page.number), self.y))
                page.foot = self.y
                self.at_top = False
                block = rest[0] if len(rest) == 1 else _chain(rest)
                self.continuation(section_index)
                continue
            if self.at_top:
                self.too_tall(block, section_index, h)
                return
            self.continuation(section_index)

    def too_tall(self, block: Block, section_index: int, height: float) -> None:
        """An error at the part that cannot be split (a call-out, an image), once per flow
        (the flow is kept or dropped with its report)."""
        culprit = _unsplittable_part(block, self.g.frame_width, self.g.height) or block
        where = culprit.location or block.location or Location(self.booklet.sections[section_index].path)
        if where in self.too_tall_reported:
            return
        self.too_tall_reported.add(where)
        self.flow_report.error(
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
        self.check_glyphs(b)
        cover = self.new_page("cover")
        cover_sect = Node("Sect")
        ministry = b.cover.ministry.value if b.cover.ministry else None
        plan = covers.cover_plan(
            s,
            meta.province.value,
            meta.title.value,
            meta.publisher.value,
            ministry,
            self.month,
            meta.edition.value if b.cover.show_edition else None,
            cover_sect,
        )
        cover.furniture = covers.cover(
            s, plan, b.cover.mark.value, [self.palette[sec.colour.value] for sec in b.sections], cover_sect
        )
        for name, fits in plan.fit.items():
            if not fits:
                text = b.cover.ministry if name == "ministry" else getattr(meta, name)
                self.report.error(
                    text.location,
                    _("the {name} '{text}' does not fit on the cover").format(
                        name=_(COVER_FIELDS[name]), text=quote(text.value)
                    ),
                    _("shorten it; the cover has room for a short name, a two-line title and a three-line publisher"),
                )
        intro = self.new_page("intro")
        sects = [Node("Sect") for _section in b.sections]
        stories = [self.story.section(section, sect) for section, sect in zip(b.sections, sects)]
        bands = [self.section_band(i, section, sect) for i, (section, sect) in enumerate(zip(b.sections, sects))]
        self.flow(stories, bands, sects)
        self.balance(stories, bands, sects)
        self.report.merge(self.flow_report)
        for blocks in stories:
            for block in blocks:
                block.check(self.report)
        self.dress_intro(intro)
        back = self.new_page("back")
        back_sect = Node("Sect")
        contact = b.back_cover.contact
        block = None
        if contact is not None:
            paper, accent = self.palette["paper"], self.palette["paper"]
            block = contact_flowable(contact, s, paper, accent, back_sect)
        back.furniture = covers.back_cover(s, b.back_cover, block, back_sect)
        subject = f"{meta.publisher.value}, {self.month} ({meta.edition.value})"
        return Layout(b, g, self.pages, self.fonts, self.palette, self.full_title, subject, self.month)

    def check_glyphs(self, b: Booklet) -> None:
        """Texts printed as written (the ministry line, a web or e-mail address) are checked
        here; the prose is checked when it is resolved."""
        from ..blocks.contact import PLAIN
        from ..resolve import cannot_draw

        texts = [b.cover.ministry] if b.cover.ministry else []
        contact = b.back_cover.contact
        texts += [t for key, t in (contact.lines if contact else ()) if key in PLAIN]
        for text in texts:
            for i, ch in enumerate(text.value):
                if ch != "\n" and not self.fonts.can_draw(ch):
                    self.report.error(text.locate(i), *cannot_draw(ch))

    def flow(self, stories: list[list[Block]], bands: list, sects: list[Node]) -> None:
        """Every section's blocks onto pages, after the introduction page."""
        del self.pages[self.first_body :]
        self.starts = {}
        self.flow_report = Report()
        self.too_tall_reported = set()
        for index, section in enumerate(self.booklet.sections):
            self.lay_section(index, section, stories[index], bands[index], sects[index])

    def lay_section(self, index: int, section, blocks: list[Block], band, sect: Node) -> None:
        """Flow one section: on the page the last one ended on when its band and the first
        lines under it fit there (``section_break: continue``), else on a new page."""
        opener = furniture.SectionOpener(
            self.styles,
            index + 1,
            self.section_title(section),
            self.section_colour(index),
            self.section_icon(section),
            sect,
        )
        if self.opens_here(index, opener, blocks):
            page = self.pages[-1]
            kept = (len(self.pages), len(page.placements), self.y, self.at_top, page.foot)
            self.place(opener, index)
            self.flow_blocks(index, blocks, self.g.mm(furniture.OPENER_FOOT_MM))
            if self.kept_with_band(page, opener, blocks):
                self.starts[index] = page.number
                return
            # the lines could not be split so that enough of them stay with the band
            del self.pages[kept[0] :]
            del page.placements[kept[1] :]
            self.y, self.at_top, page.foot = kept[2:]
        self.open_section_page(index, section, band)
        self.starts[index] = self.pages[-1].number
        self.flow_blocks(index, blocks)

    def flow_blocks(self, index: int, blocks: list[Block], first_gap: float | None = None) -> None:
        for number, block in enumerate(blocks):
            self.place(block, index, first_gap if number == 0 else None)

    def kept_with_band(self, page: Page, opener, blocks: list[Block]) -> bool:
        """At least ``keep_with_band`` lines of text (or the whole section) under a mid-page band,
        counted in body lines (half a line less is enough: a lead paragraph has a wider leading)."""
        placed = next(p for p in page.placements if p.flowable is opener)
        below = placed.y - page.foot - self.g.mm(furniture.OPENER_FOOT_MM)
        lines = (self.booklet.theme.keep_with_band - 0.5) * self.styles.body.leading
        whole = sum(b.wrap(self.g.frame_width, self.g.height)[1] for b in blocks)
        return below >= min(lines, whole) - FUZZ

    def fill(self, page: Page) -> float:
        """How far down its frame a page is used, 0 to 1 (a band at its top counts as used)."""
        top, bottom = self.g.height - self.g.margin_top, self.g.margin_bottom
        return (top - page.foot) / (top - bottom) if page.foot is not None else 0.0

    def balance(self, stories: list[list[Block]], bands: list, sects: list[Node]) -> None:
        """A last page under :data:`MIN_FILL` takes lines from the page before it: that page's
        frame is shortened by what is missing, if no page ends up emptier and none is added."""
        for _attempt in range(3):
            pages = self.pages[self.first_body :]
            if len(pages) < 2 or self.fill(pages[-1]) >= MIN_FILL:
                return
            before, last = pages[-2], pages[-1]
            frame = self.g.height - self.g.margin_top - self.g.margin_bottom
            missing = (MIN_FILL + 0.03 - self.fill(last)) * frame
            kept = (list(self.pages), dict(self.starts), dict(self.shortened), self.flow_report)
            worst = min(self.fill(p) for p in pages)
            self.shortened[before.number] = self.shortened.get(before.number, 0.0) + missing
            self.flow(stories, bands, sects)
            after = self.pages[self.first_body :]
            if len(after) > len(pages) or min(self.fill(p) for p in after) <= worst:
                self.pages, self.starts, self.shortened, self.flow_report = kept
                return

    def opens_here(self, index: int, opener, blocks: list[Block]) -> bool:
        """Room on this page for the band and ``keep_with_band`` lines (or the whole first block)?"""
        theme = self.booklet.theme
        if index == 0 or theme.section_break != "continue" or not blocks or self.pages[-1].kind != "section":
            return False
        g = self.g
        first = blocks[0]
        first_h = first.wrap(g.frame_width, g.height)[1]
        lines = theme.keep_with_band * self.styles.body.leading
        below = min(first_h, lines) if first.splittable else first_h
        below = max(below, min(lines, sum(b.wrap(g.frame_width, g.height)[1] for b in blocks)))
        need = opener.gap_before + opener.wrap(g.frame_width, g.height)[1] + g.mm(furniture.OPENER_FOOT_MM) + below
        return self.y - self.bottom(self.pages[-1]) >= need

    def section_icon(self, section):
        return load_icon(icon_path(section.icon.value, self.booklet.asset_roots)) if section.icon else None

    def section_band(self, index: int, section, sect: Node):
        band = furniture.section_band(
            self.styles,
            index + 1,
            self.section_title(section),
            self.section_colour(index),
            self.section_icon(section),
            sect,
        )
        if band.title_lines > 2:
            self.report.error(
                section.title.location,
                _("section title is too long for the section band (over two lines)"),
                _("shorten the title"),
            )
        return band

    def open_section_page(self, index: int, section, band) -> None:
        g = self.g
        page = self.new_page("section", index)
        page.furniture.append(band)
        page.foot = g.height - g.band_height
        self.dress_body_page(page, running_head=False)
        self.open_frame(g.height - g.band_height - g.mm(11))

    def dress_intro(self, page: Page) -> None:
        """The introduction, under its heading, and the table of contents; each row of the
        contents is a TOCI whose Reference links to the page the section opens on."""
        b, s = self.booklet, self.styles
        title = b.introduction_title.value if b.introduction_title else intro.DEFAULT_TITLE
        page.bookmark = title
        page.furniture.append(furniture.folio(s, page.number, self.imprint, self.palette["cover"]))
        entries = [
            intro.Entry(i + 1, self.section_title(section), self.starts.get(i, 0), self.section_colour(i))
            for i, section in enumerate(b.sections)
        ]
        paint, fits = intro.introduction_page(s, page.number, title, b.introduction, entries)
        if not fits:
            where = b.introduction[0].location if b.introduction else Location(b.root)
            self.report.error(
                where,
                _("the introduction and the table of contents do not fit on one page"),
                _("shorten the introduction"),
            )
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

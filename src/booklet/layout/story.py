"""Turning each resolved section into the blocks the paginator flows onto pages."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from ..assets import icon_path
from ..content.model import Booklet, Group, ImageBlock, Section, Stats, Subsection, TextBlock
from ..diagnostics import Report
from ..i18n import _
from ..images import load_picture
from .blocks import Block, Callout, GroupHeading, Lead, Para, PictureBlock, Stack, StatPanel, SubsectionHeading, markup
from .colours import ThemeColour, readable
from .icons import Icon, load_icon
from .structure import Node, tag
from .styles import Styles

MIN_PPI = 300
HARD_MIN_PPI = 200


class StoryBuilder:
    def __init__(self, booklet: Booklet, styles: Styles, values: dict[str, str], report: Report):
        self.booklet = booklet
        self.report = report
        self.checked_images: set = set()
        self.styles = styles
        self.values = values  # figures already formatted by the resolve stage
        self.body_indented = ParagraphStyle("body_indented", parent=styles.body, leftIndent=styles.gutter)

    def icon(self, name: str) -> Icon:
        return load_icon(icon_path(name, self.booklet.asset_roots))

    def section(self, section: Section, parent: Node | None = None) -> list[Block]:
        """The section's blocks; their structure nodes go under ``parent`` (the section's
        Sect), those after a group heading under the group's own Sect."""
        s, g = self.styles, self.styles.g
        colour = s.accent(section.colour.value)
        blocks: list[Block] = []
        container = parent
        if section.intro:
            paras = [tag(Para(markup(p, colour), s.intro), "P", parent) for p in section.intro]
            blocks.append(Lead(paras, colour, g.mm(1.6), g.mm(5)))
            blocks[-1].label = "section intro"
        pending: Stack | None = None
        for block in section.blocks:
            if isinstance(block, Group):
                container = Node("Sect", parent)
            built = self.block(block, colour, container, grouped=container is not parent)
            built.gap_before = self.styles.g.mm(7.5)
            if pending is not None and isinstance(built, Stack):
                # a group heading travels with the first block under it
                built = Stack(
                    pending.children + [(built.children[0][0], self.styles.g.mm(5))] + built.children[1:],
                    built.gap_before,
                    built.label,
                )
                pending = None
            elif pending is not None:
                blocks.append(pending)
                pending = None
            if isinstance(block, Group) and not block.paragraphs:
                pending = built
                continue
            blocks.append(built)
        if pending is not None:
            blocks.append(pending)
        if blocks:
            blocks[0].gap_before = 0
        return blocks

    def block(self, block, colour: ThemeColour, parent: Node | None = None, grouped: bool = False) -> Block:
        """The flowable of one block; a subsection is a Sect with an H2 (H3 under a group)."""
        s, g = self.styles, self.styles.g
        if isinstance(block, Subsection):
            sect = Node("Sect", parent)
            title = Para(markup(block.title), ParagraphStyle("t", parent=s.subsection_title, textColor=colour))
            tag(title, "H3" if grouped else "H2", sect, title=block.title.plain)
            children = [(SubsectionHeading(title, self.icon(block.icon.value), colour, s.gutter, g.mm(13)), 0.0)]
            children += self.paragraphs(block.paragraphs, colour, indent=True, parent=sect)
            return Stack(children, label=f"subsection '{block.title.plain}'")
        if isinstance(block, Group):
            style = ParagraphStyle("g", parent=s.group_title, textColor=colour)
            title = tag(Para(markup(block.title, upper=True), style), "H2", parent, title=block.title.plain)
            heading = GroupHeading(title, colour, g.mm(3))
            return Stack(
                [(heading, 0.0)] + self.paragraphs(block.paragraphs, colour, indent=False, parent=parent),
                label=f"group '{block.title.plain}'",
            )
        if isinstance(block, TextBlock):
            return Stack(self.paragraphs(block.paragraphs, colour, indent=False, parent=parent), label="text")
        if isinstance(block, Stats):
            return self.stats(block, colour, parent)
        if isinstance(block, ImageBlock):
            return self.picture(block, parent)
        raise TypeError(block)

    def paragraphs(self, paragraphs, colour: ThemeColour, indent: bool, parent: Node | None = None) -> list:
        """Body paragraphs and call-outs, each a P in reading order."""
        s, g = self.styles, self.styles.g
        out = []
        for p in paragraphs:
            if p.highlight:
                para = tag(Para(markup(p, readable(colour, colour.tint(0.1))), s.callout), "P", parent)
                out.append(
                    (Callout(para, colour, s.gutter if indent else 0, g.mm(4.2), g.mm(1.3)), self.styles.g.mm(2.5))
                )
            else:
                para = tag(Para(markup(p, colour), self.body_indented if indent else s.body), "P", parent)
                out.append((para, self.styles.g.mm(2.2)))
        if out:
            out[0] = (out[0][0], self.styles.g.mm(1.8))
        return out

    def picture(self, block: ImageBlock, parent: Node | None = None) -> PictureBlock:
        """The image at its printed size; below 300 ppi is a warning, below 200 an error."""
        s, g = self.styles, self.styles.g
        picture = load_picture(block.path)
        width = float(block.width_mm) * mm if block.width_mm else None
        placed = min(width or g.frame_width, g.frame_width)
        ppi = picture.ppi(placed)
        where = block.file.location
        if (where, ppi) in self.checked_images:  # the paginator may build a section twice
            pass
        elif ppi < HARD_MIN_PPI:
            self.report.error(
                where,
                _("image '{block}' is {ppi:.0f} ppi at its printed size; print needs {min_ppi}").format(
                    block=block.file.value, ppi=ppi, min_ppi=MIN_PPI
                ),
                _("use a larger image (at least {ppi:.0f} pixels wide) or print it smaller with 'width:'").format(
                    ppi=picture.width_px * MIN_PPI / ppi
                ),
            )
        elif ppi < MIN_PPI:
            self.report.warning(
                where,
                _(
                    "image '{block}' is {ppi:.0f} ppi at its printed size (below {min_ppi}); it may look soft in print"
                ).format(block=block.file.value, ppi=ppi, min_ppi=MIN_PPI),
            )
        self.checked_images.add((where, ppi))
        caption = tag(Para(markup(block.caption), s.caption), "P", parent) if block.caption else None
        figure = Node("Figure", parent, alt=block.caption.plain if block.caption else block.file.value)
        return PictureBlock(picture, width, caption, g.mm(2), figure)

    def stats(self, stats: Stats, colour: ThemeColour, parent: Node | None = None) -> StatPanel:
        """Big numbers in boxes; read as a list of label and number pairs between the lead
        and tail sentences ("Şehit 301, Gazi 326")."""
        s, g = self.styles, self.styles.g
        number_style = ParagraphStyle("n", parent=s.stat_number, textColor=colour)
        lead = tag(Para(markup(stats.lead, colour), s.stat_text), "P", parent) if stats.lead else None
        listing = Node("L", parent, list_numbering="None")
        items = []
        for item in stats.items:
            entry = Node("LI", listing)
            number = Para(self.values[item.figure.value], number_style)
            label = Para(markup(item.label), s.stat_label)
            first, second = (label, number) if stats.label_first else (number, label)
            tag(first, "Lbl", entry)
            tag(second, "LBody", entry)
            items.append((number, label))
        tail = tag(Para(markup(stats.tail, colour), s.stat_text), "P", parent) if stats.tail else None
        panel = StatPanel(lead, items, tail, colour, stats.label_first, g.mm(34), g.mm(6))
        panel.location = stats.location
        return panel

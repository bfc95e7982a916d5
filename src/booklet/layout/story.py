"""Turning each resolved section into the blocks the paginator flows onto pages.

Each block kind builds its own flowables (``booklet.blocks``); the story adds what they
share: the section's lead, paragraphs with their call-outs, the gaps between blocks, and
a bare heading joined to the block under it.
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle

from ..assets import icon_path
from ..blocks import kind_of
from ..content.model import Booklet, Section
from ..diagnostics import Report
from ..i18n import _
from .colours import ThemeColour, readable
from .flowables import Block, Callout, Lead, Para, Stack, markup
from .icons import Icon, load_icon
from .structure import Node, tag
from .styles import Styles


class StoryBuilder:
    def __init__(self, booklet: Booklet, styles: Styles, values: dict[str, str], report: Report):
        self.booklet = booklet
        self.report = report
        self.checked_images: set = set()
        self.styles = styles
        self.values = values  # figures already formatted by the resolve stage
        self.body_indented = ParagraphStyle("body_indented", parent=styles.body, leftIndent=styles.gutter)
        self.subheading_role = "H2"  # a group heading makes the subsections after it H3
        self.section_node: Node | None = None  # the section's Sect
        self.container: Node | None = None  # where the next block's structure goes: a group's Sect after one

    def icon(self, name: str) -> Icon:
        return load_icon(icon_path(name, self.booklet.asset_roots))

    def section(self, section: Section, parent: Node | None = None) -> list[Block]:
        """The section's blocks; their structure goes under ``parent`` (the section's Sect)."""
        s, g = self.styles, self.styles.g
        colour = s.accent(section.colour.value)
        self.subheading_role = "H2"
        self.section_node = self.container = parent
        blocks: list[Block] = []
        if section.intro:
            emphasis = s.type_colour(colour, s.intro.fontSize)
            paras = [tag(Para(markup(p, emphasis), s.intro), "P", parent) for p in section.intro]
            blocks.append(Lead(paras, colour, g.mm(1.6), g.mm(5)))
            blocks[-1].label = _("the section introduction")
            blocks[-1].location = section.intro[0].location
        pending: Block | None = None
        for block in section.blocks:
            built = self.block(block, colour)
            built.gap_before = g.mm(7.5)
            if pending is not None and isinstance(built, Stack):
                # a bare heading travels with the first block under it
                joined = Stack(
                    pending.children + [(built.children[0][0], g.mm(5))] + built.children[1:],
                    built.gap_before,
                    built.label,
                )
                joined.joins_next, built, pending = built.joins_next, joined, None
            elif pending is not None:
                blocks.append(pending)
                pending = None
            if built.joins_next:
                pending = built
                continue
            blocks.append(built)
        if pending is not None:
            blocks.append(pending)
        if blocks:
            blocks[0].gap_before = 0
        return blocks

    def block(self, block, colour: ThemeColour) -> Block:
        return kind_of(block).flowable(block, self, colour)

    def open_group(self) -> Node:
        """A group heading starts a Sect of its own: the blocks after it belong to it."""
        self.container = Node("Sect", self.section_node)
        return self.container

    def paragraphs(
        self, paragraphs, colour: ThemeColour, indent: bool, parent: Node | None = None, lang: str | None = None
    ) -> list:
        """Body paragraphs and call-outs, each with the gap above it; each a P under
        ``parent`` (default: the current container), call-outs in reading order. A passage in
        another ``lang`` is marked so for screen readers and is not hyphenated by Turkish rules."""
        s, g = self.styles, self.styles.g
        parent = parent or self.container
        out = []
        for p in paragraphs:
            if p.highlight:
                emphasis = s.type_colour(readable(colour, colour.tint(0.1)), s.callout.fontSize)
                para = tag(Para(markup(p, emphasis), foreign(s.callout, lang)), "P", parent, lang=lang)
                callout = Callout(para, colour, s.gutter if indent else 0, g.mm(4.2), g.mm(1.3))
                callout.label, callout.location = _("the call-out"), p.location
                out.append((callout, g.mm(2.5)))
            else:
                style = foreign(self.body_indented if indent else s.body, lang)
                para = tag(Para(markup(p, s.type_colour(colour, style.fontSize)), style), "P", parent, lang=lang)
                out.append((para, g.mm(2.2)))
        if out:
            out[0] = (out[0][0], g.mm(1.8))
        return out


def foreign(style: ParagraphStyle, lang: str | None) -> ParagraphStyle:
    """The style for a passage in another language: the same, without Turkish hyphenation."""
    if lang is None:
        return style
    return ParagraphStyle(f"{style.name}-{lang}", parent=style, hyphenationLang=None)

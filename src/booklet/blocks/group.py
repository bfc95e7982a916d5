"""``group``: a heading in capitals over the subsections after it, with optional text."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus.paragraph import Paragraph as RLParagraph

from ..content.fields import Field
from ..content.model import Paragraph
from ..diagnostics import quote
from ..i18n import N_, _
from ..layout.colours import ThemeColour
from ..layout.flowables import Block, Para, Stack, markup
from ..layout.structure import tag
from .base import Kind

FIELDS = {
    "title": Field("text", True, N_("Group heading.")),
    "text": Field("text", False, N_("Paragraphs under the heading.")),
}


@dataclass(frozen=True)
class Group:
    title: Paragraph
    paragraphs: tuple[Paragraph, ...]


def read(r, node) -> Group | None:
    g = r.fields(node, "group", _("group"))
    if g is None or "title" not in g:
        return None
    title = r.line(g["title"], _("group title"))
    paragraphs = r.paragraphs(g["text"], _("text")) if "text" in g else ()
    return Group(title, paragraphs) if title else None


def paragraphs(block: Group) -> Iterator[Paragraph]:
    yield block.title
    yield from block.paragraphs


class GroupHeading(Block):
    """A heading over several subsections: capitals in the section colour and a hairline."""

    keep_with_next = True  # the title paragraph is the H2; the hairline is decoration

    def __init__(self, title: RLParagraph, colour: ThemeColour, rule_gap: float):
        super().__init__()
        self.title, self.colour, self.rule_gap = title, colour, rule_gap

    def parts(self):
        return [self.title]

    def wrap(self, avail_width, avail_height):
        _, h = self.title.wrap(avail_width, avail_height)
        self.width, self.height = avail_width, h + self.rule_gap
        return self.width, self.height

    def draw(self):
        c = self.canv
        self.title.drawOn(c, 0, self.rule_gap)
        c.setStrokeColor(self.colour)  # the hairline is decoration: an artifact
        c.setLineWidth(1.2)
        c.line(0, self.rule_gap * 0.35, self.width, self.rule_gap * 0.35)


def flowable(block: Group, story, colour: ThemeColour) -> Block:
    s, g = story.styles, story.styles.g
    style = ParagraphStyle("g", parent=s.group_title, textColor=colour)
    title = Para(markup(block.title, upper=True), style)
    title.role = "H2"
    tag(title, title.role, story.open_group(), title=block.title.plain)  # a Sect of its own, bookmarked
    story.subheading_role = "H3"  # the subsections after a group are one level down
    heading = GroupHeading(title, colour, g.mm(3))
    stack = Stack(
        [(heading, 0.0)] + story.paragraphs(block.paragraphs, colour, indent=False),
        label=_("the group '{title}'").format(title=quote(block.title.plain, 40)),
    )
    stack.location = block.title.location
    stack.joins_next = not block.paragraphs  # a bare heading travels with the first block under it
    return stack


KIND = Kind(
    name="group",
    field=Field("record", False, N_("A heading over the subsections after it."), "group"),
    model=Group,
    records={"group": FIELDS},
    read=read,
    paragraphs=paragraphs,
    flowable=flowable,
)

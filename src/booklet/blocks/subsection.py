"""``subsection``: a titled block with an icon in the gutter, its paragraphs and call-outs."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus.paragraph import Paragraph as RLParagraph

from ..content.fields import Field
from ..content.model import Paragraph
from ..content.source import Text
from ..diagnostics import quote
from ..i18n import N_, _
from ..layout.colours import ThemeColour
from ..layout.flowables import Block, Para, Stack, markup
from ..layout.icons import Icon
from ..layout.structure import Node, marked, tag
from ..turkish import ascii_slug
from .base import Kind

FIELDS = {
    "id": Field("name", False, N_("Short id for overrides; default: the title in lowercase ASCII.")),
    "title": Field("text", True, N_("Subsection title.")),
    "icon": Field("name", True, N_("Icon name (assets/icons/NAME.svg).")),
    "lang": Field(
        "name",
        False,
        N_(
            "Language of this subsection when it is not Turkish, as a language tag such as en or de;"
            " screen readers then read it in that language."
        ),
    ),
    "icon_alt": Field(
        "text", False, N_("What the icon shows, read by screen readers; without it the icon is decoration.")
    ),
    "text": Field("text", True, N_("Paragraphs; a paragraph starting with '> ' is highlighted.")),
}


@dataclass(frozen=True)
class Subsection:
    title: Paragraph
    icon: Text
    paragraphs: tuple[Paragraph, ...]
    id: str = ""  # section-id/subsection-id names it in a booklet's overrides
    icon_alt: Text | None = None  # given: the icon is a Figure with this text, else an artifact
    lang: str | None = None  # a subsection in another language than Turkish (BCP 47 tag)


def read(r, node) -> Subsection | None:
    g = r.fields(node, "subsection", _("subsection"))
    if g is None or "title" not in g:
        return None
    title = r.line(g["title"], _("subsection title"))
    icon = r.name(g["icon"], _("icon")) if "icon" in g else None
    paragraphs = r.paragraphs(g["text"], _("text")) if "text" in g else ()
    ident = r.name(g["id"], _("subsection id")) if "id" in g else None
    icon_alt = r.text(g["icon_alt"], _("icon description")) if "icon_alt" in g else None
    lang = _language(r, g["lang"]) if "lang" in g else None
    if title is None or icon is None or not paragraphs:
        return None
    ident_value = ident.value if ident else ascii_slug(title.text.value)
    return Subsection(title, icon, paragraphs, ident_value, icon_alt, lang)


LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(-[A-Z]{2})?$")


def _language(r, node) -> str | None:
    tag_ = r.text(node, _("language"))
    if tag_ is None:
        return None
    value = tag_.value.strip()
    if not LANGUAGE_TAG.match(value):
        r.report.error(
            r.at(node),
            _("'{value}' is not a language tag").format(value=quote(value)),
            _("write the language as a tag such as en (English), de (German) or ar (Arabic)"),
        )
        return None
    return None if value == "tr" else value


def paragraphs(block: Subsection) -> Iterator[Paragraph]:
    yield block.title
    yield from block.paragraphs


def check(block: Subsection, check) -> None:
    check.icon(block.icon)
    title = block.title.text.value.strip()
    first = check.first(("subsection", title), block)
    if first is not None:
        check.report.error(
            block.title.text.location,
            _("duplicate subsection '{title}' in this section (first on line {line})").format(
                title=quote(title), line=first.title.text.location.line
            ),
            _("merge the two subsections or give them different titles"),
        )


class SubsectionHeading(Block):
    """The icon in its coloured disc, in the gutter, beside the subsection title.

    The title paragraph carries the heading role (H2, or H3 under a group); the disc is
    decoration, and so is the icon unless the content describes it (``icon_alt``): then it
    is a Figure read after the heading it stands beside.
    """

    keep_with_next = True

    def __init__(
        self,
        title: RLParagraph,
        icon: Icon,
        colour: ThemeColour,
        gutter: float,
        disc: float,
        icon_node: Node | None = None,
    ):
        super().__init__()
        self.title, self.icon, self.colour = title, icon, colour
        self.gutter, self.disc, self.icon_node = gutter, disc, icon_node

    def parts(self):
        return [self.title]

    def wrap(self, avail_width, avail_height):
        _, h = self.title.wrap(avail_width - self.gutter, avail_height)
        self.width, self.height = avail_width, h
        return self.width, self.height

    def draw(self):
        c = self.canv
        if self.icon_node is not None:  # the heading first: it is read before the figure
            self.title.drawOn(c, self.gutter, 0)
        r = self.disc / 2
        top = self.height + r * 0.18
        c.setFillColor(self.colour)
        c.circle(r, top - r, r, stroke=0, fill=1)  # the disc is decoration: an artifact
        size = self.disc * 0.62
        with marked(c, self.icon_node):  # without a node: decoration, like the disc
            self.icon.draw(c, r - size / 2, top - r - size / 2, size, self.colour.tint(0))
        if self.icon_node is None:
            self.title.drawOn(c, self.gutter, 0)


def flowable(block: Subsection, story, colour: ThemeColour) -> Block:
    s, g = story.styles, story.styles.g
    title = Para(markup(block.title), ParagraphStyle("t", parent=s.subsection_title, textColor=colour))
    title.role = story.subheading_role
    sect = Node("Sect", story.container, lang=block.lang)  # heading, paragraphs and call-outs: one Sect
    tag(title, title.role, sect, title=block.title.plain, lang=block.lang)
    icon_node = Node("Figure", sect, alt=block.icon_alt.value.strip()) if block.icon_alt else None
    heading = SubsectionHeading(title, story.icon(block.icon.value), colour, s.gutter, g.mm(13), icon_node)
    children = [(heading, 0.0)]
    children += story.paragraphs(block.paragraphs, colour, indent=True, parent=sect, lang=block.lang)
    stack = Stack(children, label=_("the subsection '{title}'").format(title=quote(block.title.plain, 40)))
    stack.location = block.title.location
    return stack


KIND = Kind(
    name="subsection",
    field=Field("record", False, N_("A titled block with an icon."), "subsection"),
    model=Subsection,
    records={"subsection": FIELDS},
    read=read,
    paragraphs=paragraphs,
    check=check,
    flowable=flowable,
)

"""``text``: paragraphs under no subsection, at the full column width."""

from __future__ import annotations

from dataclasses import dataclass

from ..content.fields import Field
from ..content.model import Paragraph
from ..i18n import N_, _
from ..layout.colours import ThemeColour
from ..layout.flowables import Block, Stack
from .base import Kind


@dataclass(frozen=True)
class TextBlock:
    paragraphs: tuple[Paragraph, ...]


def read(r, node) -> TextBlock | None:
    paragraphs = r.paragraphs(node, _("text"))
    return TextBlock(paragraphs) if paragraphs else None


def flowable(block: TextBlock, story, colour: ThemeColour) -> Block:
    stack = Stack(story.paragraphs(block.paragraphs, colour, indent=False), label=_("the text block"))
    stack.location = block.paragraphs[0].location if block.paragraphs else None
    return stack


KIND = Kind(
    name="text",
    field=Field("text", False, N_("Paragraphs under no subsection.")),
    model=TextBlock,
    read=read,
    paragraphs=lambda block: block.paragraphs,
    flowable=flowable,
)

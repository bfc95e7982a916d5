"""Flowables for each kind of content block, and the stack that keeps them together.

Every flowable here only measures in ``wrap``/``split`` and only paints in ``draw``, so one
layout can be painted onto several canvases (screen and print).
"""

from __future__ import annotations

import copy
from xml.sax.saxutils import escape

from reportlab.platypus.flowables import Flowable
from reportlab.platypus.paragraph import Paragraph

from .. import turkish
from ..resolve import Resolved
from .colours import Palette, ThemeColour
from .icons import Icon
from .structure import marked

FUZZ = 1e-6


def markup(resolved: Resolved, emphasis: ThemeColour | None = None, upper: bool = False) -> str:
    """ReportLab paragraph markup for resolved spans; bold spans take the emphasis colour."""
    out = []
    for span in resolved.spans:
        text = escape(turkish.upper(span.text) if upper else span.text)
        if span.bold:
            text = f"<b>{text}</b>"
            if emphasis is not None:
                text = f'<font color="{Palette.register(emphasis)}">{text}</font>'
        out.append(text)
    return "".join(out)


class Para(Paragraph):
    """A paragraph that remembers its line breaks for a width: the paginator asks often.
    With a structure ``node`` (see :func:`~booklet.layout.structure.tag`) it draws as that
    node's content; the parts of a split paragraph share the node: one P across pages."""

    _cached_width: float | None = None
    node = None

    def drawOn(self, canvas, x, y, _sW=0):
        with marked(canvas, self.node, (x, y + self.height)):
            super().drawOn(canvas, x, y, _sW)

    def wrap(self, avail_width, avail_height):
        if avail_width != self._cached_width:
            self._cached_size = super().wrap(avail_width, avail_height)
            self._cached_width = avail_width
        return self._cached_size

    def split(self, avail_width, avail_height):
        kept = getattr(self, "blPara", None) if avail_width == self._cached_width else None
        parts = super().split(avail_width, avail_height)
        for part in parts:
            part.node = self.node
        if not hasattr(self, "blPara"):  # a failed split drops the line breaks it found
            if kept is None:
                self._cached_width = None
            else:
                self.blPara = kept
        return parts


class Block(Flowable):
    """A flowable that says how it sits in the page flow."""

    gap_before: float = 0.0
    keep_with_next: bool = False
    splittable: bool = False
    label: str = ""  # names the block in layout errors

    def split(self, avail_width, avail_height):  # noqa: D102 - unsplittable by default
        return []

    def scaled(self, factor: float) -> Block:
        """The same block with its vertical gaps scaled; line breaks already found are kept."""
        clone = copy.copy(self)
        clone.gap_before = self.gap_before * factor
        return clone


class Stack(Block):
    """Children drawn top to bottom; splits between or inside children, never leaving a
    keep-with-next child (a heading) alone at a page foot."""

    splittable = True

    def __init__(self, children: list[tuple[Flowable, float]], gap_before: float = 0.0, label: str = ""):
        super().__init__()
        self.children = children
        self.gap_before = gap_before
        self.label = label
        self._heights: list[float] = []

    def scaled(self, factor: float) -> Stack:
        return Stack([(child, gap * factor) for child, gap in self.children], self.gap_before * factor, self.label)

    def wrap(self, avail_width, avail_height):
        if avail_width == getattr(self, "_wrapped_width", None):
            return self.width, self.height
        self._wrapped_width = avail_width
        self._heights = [child.wrap(avail_width, 1e6)[1] for child, _ in self.children]
        self.width = avail_width
        self.height = sum(self._heights) + sum(gap for _, gap in self.children[1:])
        return self.width, self.height

    def split(self, avail_width, avail_height):
        self.wrap(avail_width, avail_height)
        used = 0.0
        head: list[tuple[Flowable, float]] = []
        tail: list[tuple[Flowable, float]] = []
        for i, ((child, gap), h) in enumerate(zip(self.children, self._heights)):
            gap = gap if head else 0.0
            if used + gap + h <= avail_height + FUZZ:
                head.append((child, gap))
                used += gap + h
                continue
            room = avail_height - used - gap
            parts = _split_child(child, avail_width, room) if room > 0 else []
            if len(parts) >= 2:
                head.append((parts[0], gap))
                tail = [(parts[1], 0.0)] + [(p, 0.0) for p in parts[2:]] + self.children[i + 1 :]
            else:
                tail = self.children[i:]
            break
        if tail and head and getattr(tail[0][0], "keep_with_previous", False):
            # a call-out never starts a page alone: take the last lines of the text before it
            prev, prev_gap = head.pop()
            parts = _split_child(prev, avail_width, prev.wrap(avail_width, 1e6)[1] - FUZZ - _leading(prev))
            if len(parts) >= 2:
                head.append((parts[0], prev_gap))
                tail = [(parts[1], 0.0)] + [(p, 0.0) for p in parts[2:]] + tail
            else:
                tail.insert(0, (prev, prev_gap))
        while head and getattr(head[-1][0], "keep_with_next", False):
            tail.insert(0, head.pop())
        if not head or not tail:
            return []
        tail[0] = (tail[0][0], 0.0)
        return [Stack(head, self.gap_before, self.label), Stack(tail, 0.0, self.label)]

    def draw(self):
        y = self.height
        for (child, gap), h in zip(self.children, self._heights):
            y -= gap + h
            child.wrap(self.width, 1e6)  # cached; restores line breaks a failed split dropped
            child.drawOn(self.canv, 0, y)


def _leading(flowable: Flowable) -> float:
    style = getattr(flowable, "style", None)
    return style.leading if style is not None else 0.0


def _split_child(child: Flowable, width: float, height: float) -> list[Flowable]:
    if isinstance(child, Paragraph):
        return child.split(width, height)
    if getattr(child, "splittable", False):
        return child.split(width, height)
    return []


class SubsectionHeading(Block):
    """The icon in its coloured disc, in the gutter, beside the subsection title."""

    keep_with_next = True

    def __init__(self, title: Paragraph, icon: Icon, colour: ThemeColour, gutter: float, disc: float):
        super().__init__()
        self.title, self.icon, self.colour = title, icon, colour
        self.gutter, self.disc = gutter, disc

    def wrap(self, avail_width, avail_height):
        _, h = self.title.wrap(avail_width - self.gutter, avail_height)
        self.width, self.height = avail_width, h
        return self.width, self.height

    def draw(self):
        c = self.canv
        r = self.disc / 2
        top = self.height + r * 0.18
        c.setFillColor(self.colour)
        c.circle(r, top - r, r, stroke=0, fill=1)
        size = self.disc * 0.62
        self.icon.draw(c, r - size / 2, top - r - size / 2, size, self.colour.tint(0))
        self.title.drawOn(c, self.gutter, 0)


class Callout(Block):
    """The highlighted figure sentence: a tinted box with a bar in the section colour."""

    keep_with_previous = True

    def __init__(self, paragraph: Paragraph, colour: ThemeColour, indent: float, pad: float, bar: float):
        super().__init__()
        self.paragraph, self.colour = paragraph, colour
        self.indent, self.pad, self.bar = indent, pad, bar

    def wrap(self, avail_width, avail_height):
        inner = avail_width - self.indent - self.bar - 2 * self.pad
        _, h = self.paragraph.wrap(inner, avail_height)
        self.width, self.height = avail_width, h + 2 * self.pad * 0.8
        return self.width, self.height

    def draw(self):
        c = self.canv
        c.setFillColor(self.colour.tint(0.1))
        c.rect(self.indent, 0, self.width - self.indent, self.height, stroke=0, fill=1)
        c.setFillColor(self.colour)
        c.rect(self.indent, 0, self.bar, self.height, stroke=0, fill=1)
        self.paragraph.drawOn(c, self.indent + self.bar + self.pad, self.pad * 0.8)


class Lead(Block):
    """A section's opening paragraph(s), set larger beside a rule in the section colour."""

    def __init__(self, paragraphs: list[Paragraph], colour: ThemeColour, rule: float, pad: float):
        super().__init__()
        self.paragraphs, self.colour, self.rule, self.pad = paragraphs, colour, rule, pad

    def wrap(self, avail_width, avail_height):
        self._h = [p.wrap(avail_width - self.rule - self.pad, avail_height)[1] for p in self.paragraphs]
        self.width = avail_width
        self.height = sum(self._h) + sum(p.getSpaceAfter() for p in self.paragraphs[:-1])
        return self.width, self.height

    def draw(self):
        c = self.canv
        c.setFillColor(self.colour)
        c.rect(0, 0, self.rule, self.height, stroke=0, fill=1)
        y = self.height
        for p, h in zip(self.paragraphs, self._h):
            y -= h
            p.drawOn(c, self.rule + self.pad, y)
            y -= p.getSpaceAfter()


class GroupHeading(Block):
    """A heading over several subsections: capitals in the section colour and a hairline."""

    keep_with_next = True

    def __init__(self, title: Paragraph, colour: ThemeColour, rule_gap: float):
        super().__init__()
        self.title, self.colour, self.rule_gap = title, colour, rule_gap

    def wrap(self, avail_width, avail_height):
        _, h = self.title.wrap(avail_width, avail_height)
        self.width, self.height = avail_width, h + self.rule_gap
        return self.width, self.height

    def draw(self):
        c = self.canv
        self.title.drawOn(c, 0, self.rule_gap)
        c.setStrokeColor(self.colour)
        c.setLineWidth(1.2)
        c.line(0, self.rule_gap * 0.35, self.width, self.rule_gap * 0.35)


class StatPanel(Block):
    """Big numbers in boxes, with the sentence's words before and after them."""

    def __init__(self, lead, items, tail, colour: ThemeColour, label_first: bool, box_height: float, pad: float):
        super().__init__()
        self.lead, self.items, self.tail = lead, items, tail  # items: [(number, label)]
        self.colour, self.label_first = colour, label_first
        self.box_height, self.pad = box_height, pad
        self.label = "statistics"

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        inner = avail_width - 2 * self.pad
        self._lead_h = self.lead.wrap(inner, avail_height)[1] if self.lead else 0
        self._tail_h = self.tail.wrap(inner, avail_height)[1] if self.tail else 0
        n = len(self.items)
        self._box_w = min((inner - (n - 1) * self.pad) / n, inner * 0.42)
        gaps = (self.pad * 0.6 if self.lead else 0) + (self.pad * 0.6 if self.tail else 0)
        self.height = 2 * self.pad + self._lead_h + self._tail_h + self.box_height + gaps
        return self.width, self.height

    def overflowing(self) -> list[str]:
        """Labels or numbers that do not fit their box (a content error, not a layout one)."""
        bad = []
        for number, label in self.items:
            h = number.wrap(self._box_w - self.pad, 1e6)[1] + label.wrap(self._box_w - self.pad, 1e6)[1]
            if h > self.box_height - self.pad * 0.5 or len(number.blPara.lines) > 1:
                bad.append(label.text)
        return bad

    def draw(self):
        c = self.canv
        c.setFillColor(self.colour.tint(0.1))
        c.roundRect(0, 0, self.width, self.height, self.pad * 0.6, stroke=0, fill=1)
        y = self.height - self.pad
        if self.lead:
            y -= self._lead_h
            self.lead.drawOn(c, self.pad, y)
            y -= self.pad * 0.6
        n = len(self.items)
        row = n * self._box_w + (n - 1) * self.pad
        x = (self.width - row) / 2
        y -= self.box_height
        for number, label in self.items:
            c.setFillColor(self.colour.tint(0))
            c.roundRect(x, y, self._box_w, self.box_height, self.pad * 0.5, stroke=0, fill=1)
            c.setFillColor(self.colour)
            c.rect(x + self._box_w * 0.3, y + self.box_height - 3, self._box_w * 0.4, 3, stroke=0, fill=1)
            nh = number.wrap(self._box_w - self.pad, 1e6)[1]
            lh = label.wrap(self._box_w - self.pad, 1e6)[1]
            block = nh + lh
            top = y + (self.box_height + block) / 2
            first, second = (label, number) if self.label_first else (number, label)
            fh = lh if self.label_first else nh
            first.drawOn(c, x + self.pad / 2, top - fh)
            second.drawOn(c, x + self.pad / 2, top - block)
            x += self._box_w + self.pad
        if self.tail:
            self.tail.drawOn(c, self.pad, self.pad)


class PictureBlock(Block):
    """A raster image at the column width (or less) with its caption; CMYK pixels in print."""

    def __init__(self, picture, width: float | None, caption: Para | None, gap: float, node=None):
        super().__init__()
        self.picture, self.requested, self.caption, self.gap = picture, width, caption, gap
        self.node = node  # the Figure, with its alternative text
        self.label = f"image '{picture.path.name}'"

    def wrap(self, avail_width, avail_height):
        self.image_width = min(self.requested or avail_width, avail_width)
        self.image_height = self.image_width * self.picture.aspect
        caption = self.caption.wrap(avail_width, avail_height)[1] + self.gap if self.caption else 0
        self.width, self.height = avail_width, self.image_height + caption
        return self.width, self.height

    def draw(self):
        from reportlab.lib.utils import ImageReader

        cmyk = getattr(self.canv, "booklet_cmyk", False)
        pixels = self.picture.cmyk if cmyk else self.picture.rgb
        x = (self.width - self.image_width) / 2
        with marked(self.canv, self.node):
            self.canv.drawImage(
                ImageReader(pixels), x, self.height - self.image_height, self.image_width, self.image_height
            )
        if self.caption:
            self.caption.drawOn(self.canv, 0, 0)

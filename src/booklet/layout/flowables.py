"""The flowables every block kind builds on: paragraphs, the stack that keeps them
together, the call-out and the section lead. Kind-specific flowables live with their kind
in :mod:`booklet.blocks`.

Every flowable here only measures in ``wrap``/``split`` and only paints in ``draw``, so one
layout can be painted onto several canvases (screen and print). Each knows its structural
``role`` (``H1`` … ``H3``, ``P``, ``Table``, ``Figure``, ``Artifact``; ``Div`` for a container
whose children carry the roles), so the accessible file can tag what it draws.
"""

from __future__ import annotations

from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus.flowables import Flowable
from reportlab.platypus.paragraph import Paragraph, ParaLines

from .. import turkish
from ..diagnostics import Location, Report
from ..resolve import Resolved
from . import typeset
from .colours import Palette, ThemeColour
from .parsed import parsed_markup
from .structure import marked

FUZZ = 1e-6


def escape(text: str) -> str:
    """``&``, ``<`` and ``>`` as entities, as ReportLab's markup parser reads them (what
    ``xml.sax.saxutils.escape`` does; that module would import urllib, http, email and ssl)."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


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
    node's content; the parts of a split paragraph share the node: one P across pages.

    Justified paragraphs are broken by total fit (``typeset.py``); a split keeps the lines
    chosen for the whole paragraph on both sides of the page break. Other alignments
    (titles, captions, centred labels) keep ReportLab's own breaking.
    """

    _cached_width: float | None = None
    _preset: tuple[tuple[float, ...], list] | None = None  # lines kept from the paragraph this was split from
    role = "P"  # a heading's title paragraph is given its heading role by its kind
    node = None

    def _setup(self, text, style, bulletText, frags, cleaner):  # noqa: N803 - ReportLab's names
        if frags is None and bulletText is None:  # the same markup is parsed once per process
            parsed = parsed_markup(text, style, self.caseSensitive, cleaner)
            if parsed is not None:
                text, frags = parsed
        super()._setup(text, style, bulletText, frags, cleaner)

    def drawOn(self, canvas, x, y, _sW=0):
        if self.node is None:  # drawn as an artifact, or on a canvas that does not tag
            return super().drawOn(canvas, x, y, _sW)
        with marked(canvas, self.node, (x, y + self.height)):
            super().drawOn(canvas, x, y, _sW)

    @property
    def total_fit(self) -> bool:
        """Justified text, and ragged text that asks for it (the call-outs)."""
        style = self.style
        return style.alignment == TA_JUSTIFY or (style.alignment == TA_LEFT and getattr(style, "total_fit", False))

    def wrap(self, avail_width, avail_height):
        if avail_width != self._cached_width:
            self._cached_size = super().wrap(avail_width, avail_height)
            self._cached_width = avail_width
        return self._cached_size

    def breakLines(self, width):  # noqa: N802 - ReportLab's name
        if not self.total_fit:
            return super().breakLines(width)
        widths = tuple(width) if isinstance(width, (list, tuple)) else (width,)
        if self._preset is not None and self._preset[0] == widths:
            return ParaLines(kind=1, lines=self._preset[1])
        style = self.style
        hyphenate = bool(getattr(style, "hyphenationLang", None))
        ragged = style.alignment == TA_LEFT
        return typeset.break_paragraph(self.frags, list(widths), hyphenate, style.hyphenationMinWordLength, ragged)

    def beginText(self, x, y):  # noqa: N802 - ReportLab's name
        text = super().beginText(x, y)  # the canvas's own kind (the tagged one reads line ends)
        tracking = [getattr(line, "tracking", 0.0) for line in self.blPara.lines]
        if self.blPara.kind == 1 and any(tracking):
            return tracked(text, tracking)
        return text

    def split(self, avail_width, avail_height):
        if self.total_fit:
            return self._split_lines(avail_width, avail_height)
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

    def _split_lines(self, avail_width, avail_height) -> list[Paragraph]:
        """Split between the chosen lines: never one line alone at a page foot or head."""
        self.wrap(avail_width, avail_height)
        lines = self.blPara.lines
        fit = int((avail_height + FUZZ) / self.style.leading)
        if fit <= 1 or not lines:
            return []
        if len(lines) <= fit:
            return [self]
        if len(lines) == fit + 1:
            if len(lines) <= 3:
                return []
            fit -= 1
        return [self._part(lines[:fit], justify_last=True), self._part(lines[fit:])]

    def _part(self, lines: list, justify_last: bool = False) -> Para:
        part = Para(None, self.style, frags=typeset.clean_frags(lines))
        part._preset = (tuple(self._wrapWidths), lines)
        part._JustifyLast = justify_last
        part.role, part.node = self.role, self.node  # one P across the page break
        return part


class TrackedText:
    """Mixed into a canvas's text object: sets each line's letter spacing before its first glyph.

    ReportLab's paragraph drawing writes a line as one or more text runs, the last one
    ending the line (``T*``); the spacing in force is restored with the graphics state
    that ``drawPara`` saves around the paragraph. A mixin, so that the text object the
    canvas makes (plain, or the accessible file's that reads line ends) keeps its kind.
    """

    tracking: list[float]
    line: int
    at_line_start: bool

    def _textOut(self, text, TStar=0):  # noqa: N803 - ReportLab's name
        if self.at_line_start:
            wanted = self.tracking[self.line] if self.line < len(self.tracking) else 0.0
            if wanted != getattr(self, "_charSpace", 0.0):
                self.setCharSpace(wanted)
            self.at_line_start = False
        super()._textOut(text, TStar)
        if TStar:
            self.line += 1
            self.at_line_start = True


_TRACKED: dict[type, type] = {}


def tracked(text: PDFTextObject, tracking: list[float]) -> PDFTextObject:
    """The same text object, now setting each line's letter spacing."""
    base = type(text)
    kind = _TRACKED.get(base)
    if kind is None:
        kind = _TRACKED[base] = type(f"Tracked{base.__name__}", (TrackedText, base), {})
    text.__class__ = kind
    text.tracking, text.line, text.at_line_start = tracking, 0, True
    return text


class Block(Flowable):
    """A flowable that says how it sits in the page flow."""

    gap_before: float = 0.0
    keep_with_next: bool = False
    joins_next: bool = False  # a bare heading: the story joins it to the block after it
    splittable: bool = False
    label: str = ""  # names the block in layout errors (translated)
    location: Location | None = None  # where its content starts, for layout errors
    role: str = "Div"

    def split(self, avail_width, avail_height):  # noqa: D102 - unsplittable by default
        return []

    def check(self, report: Report) -> None:
        """Report content that does not fit once laid out (a label too long for its box)."""

    def parts(self) -> list[Flowable]:
        """The flowables drawn inside this one, in reading order (for tagging and measuring)."""
        return []


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

    def parts(self) -> list[Flowable]:
        return [child for child, _gap in self.children]

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


class Callout(Block):
    """The highlighted figure sentence: a tinted box with a bar in the section colour."""

    keep_with_previous = True
    role = "Div"

    def parts(self) -> list[Flowable]:
        return [self.paragraph]

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

    def parts(self) -> list[Flowable]:
        return list(self.paragraphs)

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

"""The booklet's logical structure, made by the layout next to the pages it lays out.

Layout knows what each thing it draws is (a section title, a paragraph, a statistic's
label), so it names a :class:`Node` for it with its PDF structure role and parent. While
painting, :func:`marked` brackets the drawing of a node's content, :func:`artifact` brackets
page furniture, and :func:`read_as` gives letter-spaced or decorative text the words it
stands for. All three ask the canvas for its ``booklet_tags`` recorder (set by the PDF
writer) and do nothing without one, so layout never depends on the writer.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

HEADING_ROLES = ("H1", "H2", "H3")


@dataclass(frozen=True, eq=False)
class Node:
    """One structure element; its children are the nodes that name it as parent, in the
    order their content is painted (which is reading order: the paginator places blocks in
    order, and furniture paints before the page's blocks)."""

    role: str
    parent: Node | None = None
    text: str = ""  # the words as written, for line ends that need a space or a whole word
    alt: str | None = None  # Figure: the alternative text from the content
    title: str | None = None  # headings: the bookmark title
    list_numbering: str | None = None  # L: how its items are numbered
    lang: str | None = None  # a passage in another language than the document's (BCP 47, e.g. en)

    @property
    def outline_level(self) -> int | None:
        """Headings below the section title become nested bookmarks (H2 → 1, H3 → 2)."""
        if self.role in HEADING_ROLES[1:] and self.title:
            return HEADING_ROLES.index(self.role)
        return None


def plain_text(flowable) -> str:
    """The text of a ReportLab paragraph as its fragments hold it (markup removed)."""
    frags = getattr(flowable, "frags", None) or []
    return "".join(getattr(frag, "text", "") for frag in frags)


def tag(flowable, role: str, parent: Node | None, **attributes):
    """Name the structure element a paragraph-like flowable draws; returns the flowable."""
    flowable.node = Node(role, parent, plain_text(flowable), **attributes)
    return flowable


def _recorder(canvas):
    return getattr(canvas, "booklet_tags", None)


class marked:  # noqa: N801 - used like the context-manager functions beside it
    """Everything drawn inside is content of ``node`` (one marked-content sequence); ``at``
    is where a heading's bookmark points, in the current coordinates. A class rather than a
    generator: it wraps every paragraph drawn."""

    __slots__ = ("canvas", "node", "at", "tags")

    def __init__(self, canvas, node: Node | None, at: tuple[float, float] = (0.0, 0.0)):
        self.canvas, self.node, self.at = canvas, node, at
        self.tags = getattr(canvas, "booklet_tags", None) if node is not None else None

    def __enter__(self) -> None:
        if self.tags is not None:
            self.tags.begin(self.canvas, self.node, self.at)

    def __exit__(self, *exc) -> None:
        if self.tags is not None:
            self.tags.end(self.canvas)


@contextmanager
def artifact(canvas, kind: str = "Layout", subtype: str | None = None) -> Iterator[None]:
    """Everything drawn inside is page furniture that assistive technology skips."""
    tags = _recorder(canvas)
    if tags is None:
        yield
        return
    tags.begin_artifact(canvas, kind, subtype)
    try:
        yield
    finally:
        tags.end(canvas)


@contextmanager
def read_as(canvas, text: str) -> Iterator[None]:
    """The glyphs drawn inside read as ``text`` (ActualText): letter-spaced capitals as
    words, a hyphen that only breaks a line as nothing."""
    tags = _recorder(canvas)
    if tags is None:
        yield
        return
    canvas._code.append(f"/Span <</ActualText {utf16_hex(text)}>> BDC")
    try:
        yield
    finally:
        canvas._code.append("EMC")


def link(canvas, node: Node, rect: tuple[float, float, float, float], page_index: int) -> None:
    """A link over ``rect`` (current coordinates) to a page, owned by the Link ``node``."""
    tags = _recorder(canvas)
    if tags is not None:
        tags.link(canvas, node, *rect, page_index)


def utf16_hex(text: str) -> str:
    """A PDF text string (UTF-16BE with byte order mark) as a hexadecimal string."""
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"

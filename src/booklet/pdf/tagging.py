"""Marked content while painting: MCIDs for structure, artifacts for everything else.

:class:`MarkedContent` is the recorder the layout's :func:`~booklet.layout.structure.marked`
and :func:`~booklet.layout.structure.artifact` talk to. Anything drawn outside a node's
content is wrapped as an artifact automatically, so a new decoration can never end up as
untagged content. It also records, per page, which node owns which MCID, the order in
which nodes first received content (the structure tree's order), heading bookmarks and
link rectangles; :mod:`booklet.pdf.finish` turns that record into the structure tree.

:class:`TaggedCanvas` gives paragraphs text objects that end every line the way it reads:
a real space where a word ends, and a hyphen that only breaks a word marked to read as a
soft hyphen, so the word comes out whole. The visible glyphs and their positions do not
change.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

from ..layout.structure import Node, utf16_hex

SOFT_HYPHEN = "\u00ad"
_ARTIFACT = object()  # marks an open artifact on the recorder's stack


@dataclass
class Link:
    page: int  # index of the page holding the link
    rect: tuple[float, float, float, float]  # in default user space
    target: int  # index of the page it leads to
    node: Node  # the Link element that owns the annotation


@dataclass
class MarkedContent:
    """What one render marked: per page the node of each MCID, and the nodes' kids."""

    pages: list[list[Node]] = field(default_factory=list)
    kids: dict[Node, list] = field(default_factory=dict)  # node -> [Node | (page, mcid)]
    roots: list[Node] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    cursors: dict[Node, int] = field(default_factory=dict)  # how far a node's text was drawn
    stack: list = field(default_factory=list)
    _default_at: int | None = None  # where the automatic artifact opened in the page code

    # -- pages -----------------------------------------------------------------------
    def start_page(self, canvas: Canvas) -> None:
        self.pages.append([])
        self.stack.clear()
        self._open_default(canvas)

    def end_page(self, canvas: Canvas) -> None:
        assert not self.stack, "marked content left open at the end of a page"
        self._close_default(canvas)

    def _open_default(self, canvas: Canvas) -> None:
        canvas._code.append("/Artifact BMC")
        self._default_at = len(canvas._code)

    def _close_default(self, canvas: Canvas) -> None:
        if self._default_at is None:
            return
        if len(canvas._code) == self._default_at:
            canvas._code.pop()  # nothing was drawn: no empty sequence
        else:
            canvas._code.append("EMC")
        self._default_at = None

    # -- sequences -------------------------------------------------------------------
    def begin(self, canvas: Canvas, node: Node, at: tuple[float, float] = (0.0, 0.0)) -> None:
        assert _ARTIFACT not in self.stack, f"{node.role} content inside an artifact"
        self._close_default(canvas)
        page = len(self.pages) - 1
        mcid = len(self.pages[page])
        self.pages[page].append(node)
        self._attach(node)
        self.kids[node].append((page, mcid))
        canvas._code.append(f"/{node.role} <</MCID {mcid}>> BDC")
        self.stack.append(node)
        if node.outline_level is not None:
            key = f"h{page}-{mcid}"
            canvas.bookmarkHorizontal(key, *at)
            canvas.addOutlineEntry(node.title, key, level=node.outline_level)

    def begin_artifact(self, canvas: Canvas, kind: str, subtype: str | None) -> None:
        self._close_default(canvas)
        properties = f"/Type /{kind}" + (f" /Subtype /{subtype}" if subtype else "")
        canvas._code.append(f"/Artifact <<{properties}>> BDC")
        self.stack.append(_ARTIFACT)

    def end(self, canvas: Canvas) -> None:
        canvas._code.append("EMC")
        self.stack.pop()
        if not self.stack:
            self._open_default(canvas)

    def _attach(self, node: Node) -> None:
        if node in self.kids:
            return
        self.kids[node] = []
        if node.parent is None:
            self.roots.append(node)
        else:
            self._attach(node.parent)
            self.kids[node.parent].append(node)

    def link(self, canvas: Canvas, node: Node, x0: float, y0: float, x1: float, y1: float, target: int) -> None:
        """A link annotation over the rectangle (current coordinates) to a page index."""
        ax0, ay0 = canvas.absolutePosition(x0, y0)
        ax1, ay1 = canvas.absolutePosition(x1, y1)
        self._attach(node)
        self.links.append(Link(len(self.pages) - 1, (ax0, ay0, ax1, ay1), target, node))

    # -- text ------------------------------------------------------------------------
    def read(self, node: Node, drawn: str) -> tuple[bool, bool]:
        """Follow ``drawn`` through the node's text; says whether its last character is a
        hyphen the text does not have (inserted by hyphenation) and whether a word ends
        after it."""
        source, i = node.text, self.cursors.get(node, 0)
        n = len(source)
        if drawn and not drawn[0].isspace():
            while i < n and source[i].isspace():  # the space a line break replaced
                i += 1
        if source.startswith(drawn, i):  # the usual case: the words as written
            i += len(drawn)
            self.cursors[node] = i
            return False, i >= n or source[i].isspace()
        head = drawn[:-1]
        if drawn.endswith("-") and source.startswith(head, i) and source[i + len(head) : i + len(drawn)] != "-":
            self.cursors[node] = i + len(head)  # a word broken by hyphenation: it goes on
            return True, False
        inserted = False
        for k, ch in enumerate(drawn):
            if i < n and source[i] == ch:
                i += 1
                continue
            if ch.isspace():
                if i < n and source[i].isspace():
                    i += 1
                continue
            j = i
            while j < n and source[j].isspace():  # the space a line break replaced
                j += 1
            if j < n and source[j] == ch:
                i = j + 1
            elif ch == "-" and k == len(drawn) - 1:
                inserted = True
        self.cursors[node] = i
        return inserted, i >= n or source[i].isspace()


class TaggedText(PDFTextObject):
    """A text object whose line ends read right (see the module docstring)."""

    def _textOut(self, text, TStar=0):
        tags = self._canvas.booklet_tags
        stack = tags.stack if tags is not None else None
        node = stack[-1] if stack else None
        if node is None or node is _ARTIFACT or not node.text:
            return super()._textOut(text, TStar)
        inserted, word_ends = tags.read(node, text)
        if inserted:
            super()._textOut(text[:-1], 0)
            self._code.append(f"/Span <</ActualText {utf16_hex(SOFT_HYPHEN)}>> BDC")
            super()._textOut("-", 0)
            self._code.append("EMC T*" if TStar else "EMC")
            return None
        if TStar and word_ends and not text.endswith(" "):
            text += " "
        return super()._textOut(text, TStar)


class TaggedCanvas(Canvas):
    """A canvas whose text objects are :class:`TaggedText`."""

    booklet_tags: MarkedContent | None = None

    def beginText(self, x=0, y=0, direction=None):
        return TaggedText(self, x, y, direction=direction)

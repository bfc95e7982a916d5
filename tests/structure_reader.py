"""Reading a tagged PDF the way assistive technology does: through its structure tree.

Independent of how booklet writes the file: MCIDs are found in the content streams, their
text is decoded with each font's ToUnicode map (ActualText, where present, replaces the
glyphs it spans), and the tree is walked from /StructTreeRoot.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pikepdf

_BFCHAR = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")


def _to_unicode(font) -> dict[int, str]:
    cmap = font.get("/ToUnicode")
    if cmap is None:
        return {}
    text = cmap.read_bytes()
    mapping = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", text, re.S):
        for code, uni in _BFCHAR.findall(block):
            mapping[int(code, 16)] = bytes.fromhex(uni.decode()).decode("utf-16-be")
    return mapping


def _text_string(obj) -> str:
    raw = bytes(obj)
    if raw.startswith(b"\xfe\xff"):
        return raw[2:].decode("utf-16-be")
    return str(obj)


@dataclass
class PageContent:
    """MCID → text of one page, and the MCIDs in the order they occur."""

    texts: dict[int, str] = field(default_factory=dict)
    order: list[int] = field(default_factory=list)
    hyphen_spans: int = 0  # visible hyphens that read as a soft hyphen


def page_content(page: pikepdf.Page) -> PageContent:
    fonts = {name: _to_unicode(font) for name, font in page.obj.Resources.get("/Font", {}).items()}
    result = PageContent()
    stack: list[tuple[int | None, str | None]] = []  # (mcid, actual text) per open sequence
    font: dict[int, str] = {}
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op in ("BDC", "BMC"):
            mcid, actual = None, None
            if op == "BDC" and isinstance(operands[1], pikepdf.Dictionary):
                props = operands[1]
                mcid = int(props.MCID) if "/MCID" in props else None
                actual = _text_string(props.ActualText) if "/ActualText" in props else None
            if mcid is not None:
                result.texts[mcid] = ""
                result.order.append(mcid)
            stack.append((mcid, actual))
            owner = _owner(stack)
            if actual is not None and owner is not None:
                result.texts[owner] += actual
                if actual == "\u00ad":
                    result.hyphen_spans += 1
        elif op == "EMC":
            stack.pop()
        elif op == "Tf":
            font = fonts.get(str(operands[0]), {})
        elif op in ("Tj", "'", '"', "TJ"):
            owner = _owner(stack)
            if owner is None or any(actual is not None for _, actual in stack):
                continue
            strings = operands[-1] if op == "TJ" else [operands[-1]]
            for s in strings:
                if isinstance(s, pikepdf.String):
                    result.texts[owner] += "".join(font.get(b, "") for b in bytes(s))
    return result


def _owner(stack) -> int | None:
    for mcid, _ in reversed(stack):
        if mcid is not None:
            return mcid
    return None


@dataclass
class Element:
    role: str
    obj: pikepdf.Dictionary
    kids: list  # Element | (page index, mcid) | ("annotation", obj)
    text: str = ""  # its content's text, in order (children included)


class StructureReader:
    def __init__(self, pdf: pikepdf.Pdf):
        self.pdf = pdf
        self.page_index = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}
        self.contents = [page_content(page) for page in pdf.pages]
        self.root = self.element(pdf.Root.StructTreeRoot.K)

    def element(self, obj) -> Element:
        page = self.page_index.get(obj.Pg.objgen) if "/Pg" in obj else None
        kids = []
        raw = obj.get("/K")
        for kid in raw if isinstance(raw, pikepdf.Array) else ([raw] if raw is not None else []):
            if isinstance(kid, int):
                kids.append((page, int(kid)))
            elif kid.get("/Type") == "/MCR":
                kids.append((self.page_index[kid.Pg.objgen], int(kid.MCID)))
            elif kid.get("/Type") == "/OBJR":
                kids.append(("annotation", kid.Obj))
            else:
                kids.append(self.element(kid))
        element = Element(str(obj.S)[1:], obj, kids)
        element.text = "".join(
            k.text
            if isinstance(k, Element)
            else (self.contents[k[0]].texts.get(k[1], "") if k[0] != "annotation" else "")
            for k in kids
        )
        return element

    def walk(self, element: Element | None = None):
        element = element or self.root
        yield element
        for kid in element.kids:
            if isinstance(kid, Element):
                yield from self.walk(kid)

    def claims(self) -> list[tuple[int, int, Element]]:
        return [(k[0], k[1], e) for e in self.walk() for k in e.kids if isinstance(k, tuple) and k[0] != "annotation"]


def readable(text: str) -> str:
    """Whitespace collapsed, soft hyphens removed (the word reads whole)."""
    return re.sub(r"\s+", " ", text.replace("\u00ad", "").replace("\xa0", " ")).strip()

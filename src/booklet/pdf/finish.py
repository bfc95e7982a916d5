"""PDF/UA-1 finishing with pikepdf: what ReportLab's open-source edition cannot write.

From the record of one render (:class:`~booklet.pdf.tagging.MarkedContent`) this writes the
structure tree (StructTreeRoot, one StructElem per node, the ParentTree that leads from each
MCID back to its element, /StructParents and /Tabs /S on every page), link annotations for
the table of contents, /MarkInfo, /Lang, DisplayDocTitle, page labels that match the
printed folios and the XMP packet (title, author, subject, language, dates, pdfuaid part 1).
It also drops the ToUnicode entries ReportLab writes for unused codes (U+0000, which PDF/UA
forbids). The print file's PDF/X-4 finishing runs after this and keeps every XMP property
set here, so its packet carries both identifications.
"""

from __future__ import annotations

import datetime
import io
import re
import zlib
from html import escape as _html_escape

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from ..layout.structure import Node
from .tagging import MarkedContent

_UNUSED_CODE = re.compile(rb"^<[0-9A-Fa-f]+> <0000>\r?\n", re.MULTILINE)
_BFCHAR_COUNT = re.compile(rb"(\d+) beginbfchar")


def finish_accessible(data: bytes, tags: MarkedContent, meta: dict[str, str], epoch: int, linearize: bool) -> bytes:
    """The tagged PDF/UA-1 file; deterministic for the same input."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        pages = list(pdf.pages)
        root = _structure_tree(pdf, pages, tags)
        pdf.Root.StructTreeRoot = root
        pdf.Root.MarkInfo = Dictionary(Marked=True)
        pdf.Root.Lang = String(meta["language"])
        pdf.Root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
        pdf.Root.PageLabels = Dictionary(Nums=Array([0, Dictionary(S=Name.D)]))
        for page in pages:
            page.obj.Tabs = Name.S
        _clean_to_unicode(pdf)
        _write_xmp(pdf, meta, epoch)
        out = io.BytesIO()
        pdf.save(
            out,
            deterministic_id=True,
            linearize=linearize,
            stream_decode_level=pikepdf.StreamDecodeLevel.none,  # ReportLab's streams stay as they are
            compress_streams=False,
        )
    return out.getvalue()


def _structure_tree(pdf: pikepdf.Pdf, pages: list, tags: MarkedContent) -> pikepdf.Object:
    tree_root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    document = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document, P=tree_root))
    elements: dict[Node, pikepdf.Object] = {}

    roles: dict[str, pikepdf.Name] = {}

    def element(node: Node, parent: pikepdf.Object) -> pikepdf.Object:
        role = roles.get(node.role) or roles.setdefault(node.role, Name(f"/{node.role}"))
        fields = {"/Type": Name.StructElem, "/S": role, "/P": parent}
        kids_of = tags.kids.get(node, ())
        first_page = next((kid[0] for kid in kids_of if not isinstance(kid, Node)), None)
        if first_page is not None:
            fields["/Pg"] = pages[first_page].obj
        if node.alt:
            fields["/Alt"] = String(node.alt)
        if node.list_numbering:
            fields["/A"] = Dictionary(O=Name.List, ListNumbering=Name(f"/{node.list_numbering}"))
        content = [
            kid[1] if kid[0] == first_page else Dictionary(Type=Name.MCR, Pg=pages[kid[0]].obj, MCID=kid[1])
            for kid in kids_of
            if not isinstance(kid, Node)
        ]
        if len(content) == len(kids_of):  # a leaf: written whole, once (each edit of an indirect object costs)
            fields["/K"] = Array(content)
            elements[node] = elem = pdf.make_indirect(Dictionary(fields))
            return elem
        elements[node] = elem = pdf.make_indirect(Dictionary(fields))
        kids = []
        for kid in kids_of:
            if isinstance(kid, Node):
                kids.append(element(kid, elem))
            elif kid[0] == first_page:
                kids.append(kid[1])
            else:
                kids.append(Dictionary(Type=Name.MCR, Pg=pages[kid[0]].obj, MCID=kid[1]))
        elem.K = Array(kids)
        return elem

    document.K = Array([element(node, document) for node in tags.roots])
    nums: list = []  # one pikepdf Array at the end: growing one item by item is slow
    for index, owners in enumerate(tags.pages):
        if owners:
            pages[index].obj.StructParents = index
            nums += [index, pdf.make_indirect(Array([elements[node] for node in owners]))]
    key = len(tags.pages)
    for link in tags.links:
        annotation = _link_annotation(pdf, pages, link, key)
        elements[link.node].K.append(Dictionary(Type=Name.OBJR, Obj=annotation, Pg=pages[link.page].obj))
        nums += [key, elements[link.node]]
        key += 1
    tree_root.K = document
    tree_root.ParentTree = pdf.make_indirect(Dictionary(Nums=Array(nums)))
    tree_root.ParentTreeNextKey = key
    return tree_root


def _link_annotation(pdf: pikepdf.Pdf, pages: list, link, key: int) -> pikepdf.Object:
    x0, y0, x1, y1 = link.rect
    page = pages[link.page].obj
    annotation = pdf.make_indirect(
        Dictionary(
            Type=Name.Annot,
            Subtype=Name.Link,
            Rect=Array([min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)]),
            Border=Array([0, 0, 0]),
            Dest=Array([pages[link.target].obj, Name.Fit]),
            Contents=String(link.node.text or link.node.title or ""),
            StructParent=key,
            P=page,
        )
    )
    if "/Annots" not in page:
        page.Annots = Array()
    page.Annots.append(annotation)
    return annotation


def _clean_to_unicode(pdf: pikepdf.Pdf) -> None:
    """ReportLab maps every unused code of a font subset to U+0000; PDF/UA forbids that."""
    seen = set()
    for page in pdf.pages:
        fonts = page.obj.get("/Resources", {}).get("/Font", {})
        for font in fonts.values():
            cmap = font.get("/ToUnicode")
            if cmap is None or cmap.objgen in seen:
                continue
            seen.add(cmap.objgen)
            text = cmap.read_bytes()
            kept, dropped = _UNUSED_CODE.subn(b"", text)
            if dropped:
                count = int(_BFCHAR_COUNT.search(kept).group(1)) if _BFCHAR_COUNT.search(kept) else 0
                kept = _BFCHAR_COUNT.sub(str(max(count - dropped, 0)).encode() + b" beginbfchar", kept, count=1)
                cmap.write(zlib.compress(kept), filter=Name.FlateDecode)


XMP_TEMPLATE = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{subject}</rdf:li></rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>{language}</rdf:li></rdf:Bag></dc:language>
   <pdf:Producer>{producer}</pdf:Producer>
   <pdf:Keywords>{keywords}</pdf:Keywords>
   <xmp:CreatorTool>booklet</xmp:CreatorTool>
   <xmp:CreateDate>{date}</xmp:CreateDate>
   <xmp:ModifyDate>{date}</xmp:ModifyDate>
   <xmp:MetadataDate>{date}</xmp:MetadataDate>
   <pdfuaid:part>1</pdfuaid:part>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""


def xmp_packet(meta: dict[str, str], producer: str, epoch: int) -> bytes:
    """The XMP packet: title, author, subject, language, dates and the PDF/UA identification.
    Written as text (pikepdf's XMP editor costs more than the rest of the finishing); the
    print file's PDF/X-4 step opens it with pikepdf and adds its own keys to the same packet."""
    date = datetime.datetime.fromtimestamp(epoch, datetime.UTC).isoformat().replace("+00:00", "Z")
    fields = {key: _escape(value) for key, value in meta.items()}
    return XMP_TEMPLATE.format(**fields, producer=_escape(producer), date=date).encode("utf-8")


def _write_xmp(pdf: pikepdf.Pdf, meta: dict[str, str], epoch: int) -> None:
    producer = str(pdf.docinfo.get("/Producer", "booklet"))
    stream = pdf.make_stream(xmp_packet(meta, producer, epoch))
    stream.Type, stream.Subtype = Name.Metadata, Name.XML
    pdf.Root.Metadata = stream


def _escape(text: str) -> str:
    """&, < and > as entities, as xml.sax.saxutils.escape writes them (that module would
    import urllib, http, email and ssl into every build)."""
    return _html_escape(text, quote=False)

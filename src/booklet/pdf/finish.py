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
import json
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


class _Objects:
    """New indirect objects in qpdf's JSON form, handed to qpdf in one call: a few hundred
    structure elements cost a millisecond this way, against several through pikepdf one by one."""

    def __init__(self, pdf: pikepdf.Pdf):
        self.next_id = int(pdf.trailer.Size)
        self.values: dict[str, object] = {}

    def reserve(self) -> str:
        ref = f"{self.next_id} 0 R"
        self.next_id += 1
        return ref

    def put(self, ref: str, value: dict | list) -> str:
        self.values[f"obj:{ref}"] = {"value": value}
        return ref

    def write(self, pdf: pikepdf.Pdf) -> None:
        header = {
            "jsonversion": 2,
            "pushedinheritedpageresources": False,
            "calledgetallpages": False,
            "maxobjectid": self.next_id - 1,
        }
        pdf.update_from_qpdf_json(io.BytesIO(json.dumps({"qpdf": [header, self.values]}).encode()))


def _ref(obj: pikepdf.Object) -> str:
    number, generation = obj.objgen
    return f"{number} {generation} R"


def _structure_tree(pdf: pikepdf.Pdf, pages: list, tags: MarkedContent) -> pikepdf.Object:
    """StructTreeRoot → Document → the recorded nodes, the ParentTree, the link annotations."""
    objects = _Objects(pdf)
    page_refs = [_ref(page.obj) for page in pages]
    tree_root, document = objects.reserve(), objects.reserve()
    key = len(tags.pages)  # ParentTree keys: pages first, then annotations
    annotations: dict[Node, list[tuple[str, int]]] = {}
    nums: list = []
    for link in tags.links:
        annotation = objects.put(objects.reserve(), _link_annotation(link, page_refs, key))
        annotations.setdefault(link.node, []).append((annotation, link.page))
        key += 1
    elements: dict[Node, str] = {}

    def element(node: Node, parent: str) -> str:
        ref = elements[node] = objects.reserve()
        value: dict[str, object] = {"/Type": "/StructElem", "/S": f"/{node.role}", "/P": parent}
        kids: list = []
        first_page = None
        for kid in tags.kids.get(node, ()):
            if isinstance(kid, Node):
                kids.append(element(kid, ref))
                continue
            page, mcid = kid
            if first_page is None:
                first_page = page
                value["/Pg"] = page_refs[page]
            kids.append(mcid if page == first_page else {"/Type": "/MCR", "/Pg": page_refs[page], "/MCID": mcid})
        for annotation, page in annotations.get(node, ()):
            kids.append({"/Type": "/OBJR", "/Obj": annotation, "/Pg": page_refs[page]})
        value["/K"] = kids
        if node.alt:
            value["/Alt"] = "u:" + node.alt
        if node.lang:
            value["/Lang"] = "u:" + node.lang
        if node.list_numbering:
            value["/A"] = {"/O": "/List", "/ListNumbering": f"/{node.list_numbering}"}
        return objects.put(ref, value)

    kids = [element(node, document) for node in tags.roots]
    objects.put(document, {"/Type": "/StructElem", "/S": "/Document", "/P": tree_root, "/K": kids})
    for index, owners in enumerate(tags.pages):
        if owners:
            nums += [index, objects.put(objects.reserve(), [elements[node] for node in owners])]
    for number, link in enumerate(tags.links, len(tags.pages)):
        nums += [number, elements[link.node]]
    parent_tree = objects.put(objects.reserve(), {"/Nums": nums})
    objects.put(
        tree_root,
        {"/Type": "/StructTreeRoot", "/K": document, "/ParentTree": parent_tree, "/ParentTreeNextKey": key},
    )
    objects.write(pdf)
    for index, owners in enumerate(tags.pages):
        if owners:
            pages[index].obj.StructParents = index
    for placed in annotations.values():
        for annotation, page in placed:
            page_obj = pages[page].obj
            if "/Annots" not in page_obj:
                page_obj.Annots = Array()
            page_obj.Annots.append(pdf.get_object(int(annotation.split()[0]), 0))
    return pdf.get_object(int(tree_root.split()[0]), 0)


def _link_annotation(link, page_refs: list[str], key: int) -> dict:
    x0, y0, x1, y1 = link.rect
    return {
        "/Type": "/Annot",
        "/Subtype": "/Link",
        "/Rect": [min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)],
        "/Border": [0, 0, 0],
        "/Dest": [page_refs[link.target], "/Fit"],
        "/Contents": "u:" + (link.node.text or link.node.title or ""),
        "/StructParent": key,
        "/P": page_refs[link.page],
    }


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

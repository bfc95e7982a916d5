"""Printer spreads for saddle stitching: two pages side by side on a double-width sheet.

For n pages (a multiple of 4), sheet k carries on its front n−2k | 2k+1 and on its back
2k+2 | n−2k−1; folded and nested, the sheets read 1, 2, … n. Each page keeps its bleed on
its three outer edges (it is clipped at its BleedBox); at the spine the two pages meet at
their trim, so the inner bleed is cut at the fold. Around the sheet's bleed come crop marks,
fold marks at the spine, registration marks and a slug naming the sheet and side.

With ``creep``, the pages of inner sheets move towards the spine (the innermost by the full
amount), so that after the face is trimmed their outer margins match the outer sheets'.

The imposed file gets its own DocumentID and InstanceID. It claims PDF/X-4 only when it
passes the same preflight as the print file; otherwise it is written as a plain PDF, for
proofing, and the result says why.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from .diagnostics import BookletError, Location
from .i18n import _, ngettext
from .pdf import marks
from .pdf.pdfx import (
    PDF_VERSION,
    PDFX_VERSION,
    document_ids,
    drop_empty_transitions,
    pdf_date,
    pdfx_properties,
    retag_subsets,
    write_xmp,
)
from .preflight.limits import Unreadable
from .preflight.opening import open_pdf
from .preflight.scan import box, scan_pdf

MARKS_AREA = 12 * mm  # beyond the bleed: room for crop, fold and registration marks and the slug
SIZE_TOLERANCE = 0.5  # points: pages of one booklet share one trim size


def spread_order(pages: int) -> list[tuple[int, int]]:
    """(left, right) page numbers of every sheet side, front then back, sheet by sheet."""
    if pages <= 0 or pages % 4:
        raise ValueError(f"{pages} pages: saddle stitching needs a multiple of 4")
    sides = []
    for k in range(pages // 4):
        sides.append((pages - 2 * k, 2 * k + 1))
        sides.append((2 * k + 2, pages - 2 * k - 1))
    return sides


@dataclass(frozen=True)
class Imposed:
    path: Path
    sides: int
    pdfx: bool
    reasons: list[str] = field(default_factory=list)  # why it is not PDF/X-4, when it is not


@dataclass(frozen=True)
class Geometry:
    """The sheet, in points: trim w × h per page, bleed b, marks area around the bleed."""

    w: float
    h: float
    b: float

    @property
    def sheet(self) -> tuple[float, float]:
        return 2 * self.w + 2 * (self.b + MARKS_AREA), self.h + 2 * (self.b + MARKS_AREA)

    @property
    def trim(self) -> tuple[float, float, float, float]:
        o = self.b + MARKS_AREA
        return o, o, o + 2 * self.w, o + self.h

    @property
    def spine(self) -> float:
        return self.b + MARKS_AREA + self.w


def _fail(source: Path, message: str, hint: str = "") -> BookletError:
    return BookletError.single(Location(source), message, hint)


def _geometry(pdf: pikepdf.Pdf, source: Path, creep: float) -> Geometry:
    """One trim size and bleed for the whole booklet, checked page by page."""
    first = None
    for number, page in enumerate(pdf.pages, 1):
        rotate = page.obj.get("/Rotate", 0)
        if not isinstance(rotate, int) or rotate % 360:
            raise _fail(source, _("page {number} is rotated: impose needs upright pages").format(number=number))
        media = box(page.obj.get("/MediaBox")) or box(page.mediabox)
        trim = box(page.obj.get("/TrimBox")) or media
        bleed = box(page.obj.get("/BleedBox")) or trim
        if trim is None or bleed is None:
            raise _fail(source, _("page {number} has no readable page size").format(number=number))
        width = min(trim[0] - bleed[0], trim[1] - bleed[1], bleed[2] - trim[2], bleed[3] - trim[3])
        size = (trim[2] - trim[0], trim[3] - trim[1], max(width, 0.0))
        if first is None:
            first = size
        elif abs(size[0] - first[0]) > SIZE_TOLERANCE or abs(size[1] - first[1]) > SIZE_TOLERANCE:
            raise _fail(
                source,
                _("page {number} is {width:.0f} × {height:.0f} mm, page 1 is {w1:.0f} × {h1:.0f} mm").format(
                    number=number, width=size[0] / mm, height=size[1] / mm, w1=first[0] / mm, h1=first[1] / mm
                ),
                _("a saddle-stitched booklet has one page size"),
            )
    geometry = Geometry(first[0], first[1], min(first[2], 20 * mm))
    if creep > geometry.b + 0.01:
        raise _fail(
            source,
            _("--creep {creep:g} mm is more than the {bleed:g} mm bleed").format(
                creep=round(creep / mm, 2), bleed=round(geometry.b / mm, 2)
            ),
            _("the outer edge of the inner pages would show bare paper; build with a wider --bleed"),
        )
    return geometry


def _shift(side: int, sheets: int, creep: float) -> float:
    """How far the pages of this sheet side move towards the spine: 0 outside, ``creep`` innermost."""
    sheet = side // 2
    return creep * sheet / (sheets - 1) if sheets > 1 else 0.0


def _slug(file_name: str, sheet: int, sheets: int, side: int, pair: tuple[int, int], day: str) -> str:
    face = "ön / front" if side % 2 == 0 else "arka / back"
    return f"{file_name} · tabaka / sheet {sheet}/{sheets} · {face} · {pair[0]}|{pair[1]} · {day}"


def _marks_sheets(g: Geometry, order: list[tuple[int, int]], file_name: str, day: str) -> bytes:
    """One page per sheet side with only the marks and the slug, drawn by ReportLab."""
    from . import fonts as font_registry

    font = font_registry.register().regular
    width, height = g.sheet
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(width, height), invariant=1, pageCompression=1, initialFontName=font)
    x0, y0, x1, y1 = g.trim
    sheets = len(order) // 2
    for side, pair in enumerate(order):
        marks.draw_marks(canvas, 2 * g.w, g.h, y0, g.b, x_offset=x0)
        marks.draw_fold_marks(canvas, g.spine, y0, y1, g.b)
        for x in (x0 - g.b - MARKS_AREA / 2, x1 + g.b + MARKS_AREA / 2):
            marks.draw_registration_mark(canvas, x, (y0 + y1) / 2)
        for x in (x0 + g.w / 2, x1 - g.w / 2):
            marks.draw_registration_mark(canvas, x, y1 + g.b + MARKS_AREA / 2)
        slug = _slug(file_name, side // 2 + 1, sheets, side, pair, day)
        marks.draw_slug_text(canvas, font, x0 + 12 * mm, (y0 - g.b) / 2 - 2, slug)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _place(out: pikepdf.Pdf, source: pikepdf.Pdf, sheet: pikepdf.Page, pair, g: Geometry, shift: float, forms) -> None:
    """Draw the two pages of a sheet side under its marks, each clipped at its BleedBox and the spine."""
    commands = []
    x0, y0, _x1, _y1 = g.trim
    for slot, number in enumerate(pair):
        page = source.pages[number - 1]
        trim = box(page.obj.get("/TrimBox")) or box(page.mediabox)
        bleed = box(page.obj.get("/BleedBox")) or trim
        if number not in forms:
            form = page.as_form_xobject()
            form.BBox = pikepdf.Array(list(bleed))  # qpdf cuts a page's form at its TrimBox
            forms[number] = out.copy_foreign(form)
        name = f"/P{number}"
        if "/XObject" not in sheet.obj.Resources:
            sheet.obj.Resources.XObject = pikepdf.Dictionary()
        sheet.obj.Resources.XObject[name] = forms[number]
        left = x0 + shift if slot == 0 else g.spine - shift  # where this page's trim starts on the sheet
        dx, dy = left - trim[0], y0 - trim[1]
        clip_x0 = bleed[0] + dx if slot == 0 else g.spine
        clip_x1 = g.spine if slot == 0 else bleed[2] + dx
        clip_y0, clip_y1 = bleed[1] + dy, bleed[3] + dy
        commands.append(
            f"q {clip_x0:.4f} {clip_y0:.4f} {clip_x1 - clip_x0:.4f} {clip_y1 - clip_y0:.4f} re W n "
            f"1 0 0 1 {dx:.4f} {dy:.4f} cm {name} Do Q"
        )
    sheet.contents_add(out.make_stream(" ".join(commands).encode()), prepend=True)
    x0, y0, x1, y1 = g.trim
    sheet.obj.TrimBox = pikepdf.Array([x0, y0, x1, y1])
    sheet.obj.BleedBox = pikepdf.Array([x0 - g.b, y0 - g.b, x1 + g.b, y1 + g.b])


def _moment(source: pikepdf.Pdf) -> datetime.datetime:
    """The imposed file's date: the print file's own, so the same input gives the same bytes."""
    from .preflight.pdfx import parse_pdf_date

    for key in ("/ModDate", "/CreationDate"):
        value = source.docinfo.get(key)
        moment = parse_pdf_date(str(value)) if value is not None else None
        if moment is not None:
            return moment
    return datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)


def _metadata(source: pikepdf.Pdf, out: pikepdf.Pdf, content: bytes, moment: datetime.datetime, pdfx: bool) -> None:
    for key in ("/Title", "/Author", "/Subject", "/Keywords", "/Creator"):
        if key in source.docinfo:
            out.docinfo[key] = source.docinfo[key]
    out.docinfo.Producer = pikepdf.String("booklet impose")
    out.docinfo.CreationDate = out.docinfo.ModDate = pikepdf.String(pdf_date(moment))
    out.docinfo.Trapped = pikepdf.Name("/False")
    title = str(source.docinfo.get("/Title", ""))
    document_id, instance_id = document_ids(content)
    properties = pdfx_properties(title, moment, document_id, instance_id)
    if pdfx:
        out.Root.OutputIntents = pikepdf.Array(
            [out.copy_foreign(i if i.is_indirect else source.make_indirect(i)) for i in source.Root.OutputIntents]
        )
        out.docinfo.GTS_PDFXVersion = pikepdf.String(PDFX_VERSION)
        write_xmp(out, properties)
    else:
        del properties["pdfxid:GTS_PDFXVersion"]
        if "/GTS_PDFXVersion" in out.docinfo:
            del out.docinfo["/GTS_PDFXVersion"]
        write_xmp(out, properties, remove=("pdfxid:GTS_PDFXVersion",))


def _write(source: pikepdf.Pdf, out_bytes: bytes, moment: datetime.datetime, pdfx: bool) -> bytes:
    with pikepdf.open(io.BytesIO(out_bytes)) as out:
        _metadata(source, out, out_bytes, moment, pdfx)
        buffer = io.BytesIO()
        out.save(buffer, deterministic_id=True, min_version=PDF_VERSION, compress_streams=True)
    return buffer.getvalue()


def impose_bytes(source_path: Path, creep_mm: float = 0.0) -> tuple[bytes, int, bool, list[str]]:
    """The imposed file as bytes, its sheet sides, whether it is PDF/X-4 and, if not, why."""
    from .preflight import Rules, preflight

    try:
        pdf = open_pdf(source_path)
    except Unreadable as exc:
        raise _fail(source_path, exc.message) from None
    with pdf:
        try:
            scan_pdf(pdf)  # a hostile file is refused here, before anything draws it
        except Unreadable as exc:
            where = _(" (page {page})").format(page=exc.page) if exc.page else ""
            raise _fail(source_path, exc.message + where) from None
        n = len(pdf.pages)
        if n % 4:
            raise _fail(
                source_path,
                ngettext(
                    "{count} page is not a multiple of 4, so it cannot be saddle-stitched",
                    "{count} pages is not a multiple of 4, so it cannot be saddle-stitched",
                    n,
                ).format(count=n),
                _("impose the print file (booklet build --target print), which is padded to a multiple of 4"),
            )
        g = _geometry(pdf, source_path, creep_mm * mm)
        order = spread_order(n)
        moment = _moment(pdf)
        layer = _marks_sheets(g, order, source_path.name, moment.date().isoformat())
        with pikepdf.open(io.BytesIO(layer)) as out:
            forms: dict[int, pikepdf.Object] = {}
            for side, pair in enumerate(order):
                _place(out, pdf, out.pages[side], pair, g, _shift(side, len(order) // 2, creep_mm * mm), forms)
            retag_subsets(out)
            drop_empty_transitions(out)  # ReportLab's empty /Trans on the marks layer's pages
            buffer = io.BytesIO()
            out.save(buffer, deterministic_id=True, min_version=PDF_VERSION)
        claims_pdfx = "/OutputIntents" in pdf.Root and str(pdf.docinfo.get("/GTS_PDFXVersion", "")) == PDFX_VERSION
        data = _write(pdf, buffer.getvalue(), moment, claims_pdfx)
        reasons: list[str] = []
        if claims_pdfx:
            checked = preflight(source_path, Rules(bleed_mm=g.b / mm, page_multiple=1), data=data)
            if not checked.passed:
                reasons = [f.message for f in checked.failures]
                data = _write(pdf, buffer.getvalue(), moment, pdfx=False)
        else:
            reasons = [_("the print file is not PDF/X-4")]
        return data, len(order), not reasons, reasons


def impose(source: Path, target: Path, creep_mm: float = 0.0) -> Imposed:
    """Write the imposed file of ``source`` to ``target`` (atomically)."""
    from .pdf.output import write_atomically

    data, sides, pdfx, reasons = impose_bytes(Path(source), creep_mm)
    write_atomically({Path(target): data})
    return Imposed(Path(target), sides, pdfx, reasons)

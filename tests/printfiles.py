"""Print files for the preflight tests, made at test time: one good PDF/X-4 file and the faults.

``good_pdf`` is a small four-page A5 print file as a shop wants it (boxes, 3 mm bleed, crop
marks in registration colour, 10 pt text in 100 % K, a background bled off the page,
OutputIntent and PDF/X-4 keys). Every fault in ``BROKEN`` takes that file and breaks one thing
with pikepdf, the way a careless tool or a hostile sender would.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Callable
from functools import cache

import pikepdf
from PIL import ImageCms
from reportlab.lib.colors import CMYKColor
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from booklet.fonts import register
from booklet.pdf.marks import draw_marks
from booklet.pdf.pdfx import finish_pdfx

W, H = 148 * mm, 210 * mm
BLEED = 3 * mm
MARKS = 12 * mm
OFFSET = BLEED + MARKS
TRIM = (OFFSET, OFFSET, OFFSET + W, OFFSET + H)
EPOCH = 1714521600  # 2024-05-01


@cache
def good_pdf() -> bytes:
    fonts = register()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(W + 2 * OFFSET, H + 2 * OFFSET), invariant=1, initialFontName=fonts.regular)
    canvas.setTitle("Elazığ İli Bilgilendirme Kitapçığı")
    canvas.setAuthor("Aile ve Sosyal Hizmetler Bakanlığı")
    canvas.setTrimBox(TRIM)
    canvas.setBleedBox((OFFSET - BLEED, OFFSET - BLEED, OFFSET + W + BLEED, OFFSET + H + BLEED))
    for number in range(1, 5):
        if number == 1:  # a cover background, bled off every edge
            canvas.setFillColor(CMYKColor(0.95, 0.72, 0.3, 0.18))
            canvas.rect(OFFSET - BLEED, OFFSET - BLEED, W + 2 * BLEED, H + 2 * BLEED, stroke=0, fill=1)
        canvas.setFillColor(CMYKColor(0, 0, 0, 1))
        canvas.setFont(fonts.regular, 10)
        canvas.drawString(OFFSET + 20 * mm, OFFSET + 150 * mm, "Şiddet Önleme ve İzleme Merkezi (ŞÖNİM)")
        draw_marks(canvas, W, H, OFFSET, BLEED)
        canvas.showPage()
    canvas.save()
    return finish_pdfx(buffer.getvalue(), "Elazığ İli Bilgilendirme Kitapçığı", EPOCH)


def _save(pdf: pikepdf.Pdf, **options) -> bytes:
    out = io.BytesIO()
    ids = {"static_id": True} if "encryption" in options else {"deterministic_id": True}
    pdf.save(out, **ids, **options)
    return out.getvalue()


def edit(change: Callable[[pikepdf.Pdf], None], **options) -> bytes:
    """The good file with ``change`` applied."""
    with pikepdf.open(io.BytesIO(good_pdf())) as pdf:
        change(pdf)
        return _save(pdf, **options)


def draw(pdf: pikepdf.Pdf, content: bytes, page: int = 1, **resources) -> None:
    """Append ``content`` to a page, with extra resources (``XObject={...}``, …)."""
    target = pdf.pages[page - 1]
    for kind, items in resources.items():
        key = f"/{kind}"
        if key not in target.Resources:
            target.Resources[key] = pikepdf.Dictionary()
        for name, value in items.items():
            target.Resources[key][f"/{name}"] = value
    target.contents_add(pdf.make_stream(b"q " + content + b" Q"), prepend=False)


def form(pdf: pikepdf.Pdf, content: bytes, **extra) -> pikepdf.Object:
    stream = pdf.make_stream(content)
    stream.Type = pikepdf.Name.XObject
    stream.Subtype = pikepdf.Name.Form
    stream.BBox = [0, 0, 100, 100]
    for key, value in extra.items():
        stream[f"/{key}"] = value
    return stream


def image(pdf: pikepdf.Pdf, size: int, space, samples: bytes, **extra) -> pikepdf.Object:
    stream = pdf.make_stream(zlib.compress(samples))
    stream.Type, stream.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
    stream.Width = stream.Height = size
    stream.BitsPerComponent = 8
    stream.ColorSpace = space
    stream.Filter = pikepdf.Name.FlateDecode
    for key, value in extra.items():
        stream[f"/{key}"] = value
    return stream


def place(x_mm: float, y_mm: float, size_mm: float, name: bytes) -> bytes:
    s = size_mm * mm
    return b"%.2f 0 0 %.2f %.2f %.2f cm /%s Do" % (s, s, OFFSET + x_mm * mm, OFFSET + y_mm * mm, name)


def with_image(size: int, space, samples: bytes, **extra) -> bytes:
    """The good file with an image of ``size`` pixels placed 20 mm wide on page 1 (as Im9)."""
    return edit(lambda p: draw(p, place(20, 40, 20, b"Im9"), XObject={"Im9": image(p, size, space, samples, **extra)}))


def tint(_pdf: pikepdf.Pdf) -> pikepdf.Object:
    """A type 2 (exponential) function from one tint to three components."""
    return pikepdf.Dictionary(FunctionType=2, Domain=[0, 1], C0=[1, 1, 1], C1=[1, 0, 0], N=1)


def srgb() -> bytes:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def icc(pdf: pikepdf.Pdf, data: bytes, n: int) -> pikepdf.Object:
    stream = pdf.make_stream(data)
    stream.N = n
    return pikepdf.Array([pikepdf.Name.ICCBased, stream])


def font_name(pdf: pikepdf.Pdf) -> bytes:
    return str(next(iter(pdf.pages[0].Resources.Font.keys()))).lstrip("/").encode()


def text(pdf: pikepdf.Pdf, colour: bytes, size: float) -> None:
    draw(
        pdf,
        b"BT %s /%s %.1f Tf 1 0 0 1 %.1f %.1f Tm (Kitap) Tj ET"
        % (colour, font_name(pdf), size, OFFSET + 60, OFFSET + 60),
    )


def nested(pdf: pikepdf.Pdf, depth: int, content: bytes) -> pikepdf.Object:
    inner = form(pdf, content)
    for _level in range(depth - 1):
        inner = form(pdf, b"/Fx Do", Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(Fx=inner)))
    return inner


def set_info_and_xmp(pdf: pikepdf.Pdf, key: str, prop: str, value: str) -> None:
    pdf.docinfo[key] = pikepdf.String(value)
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
        xmp[prop] = value


def _type3(pdf: pikepdf.Pdf) -> None:
    glyph = pdf.make_stream(b"0 0 d0 1 0 0 rg 0 0 800 800 re f")
    font = pikepdf.Dictionary(
        Type=pikepdf.Name.Font,
        Subtype=pikepdf.Name.Type3,
        FontBBox=[0, 0, 1000, 1000],
        FontMatrix=[0.001, 0, 0, 0.001, 0, 0],
        CharProcs=pikepdf.Dictionary(a=glyph),
        Encoding=pikepdf.Dictionary(Type=pikepdf.Name.Encoding, Differences=[97, pikepdf.Name.a]),
        FirstChar=97,
        LastChar=97,
        Widths=[1000],
    )
    draw(pdf, b"BT /T3 12 Tf 1 0 0 1 100 100 Tm (a) Tj ET", Font={"T3": pdf.make_indirect(font)})


def _annotation(pdf: pikepdf.Pdf, rect, appearance: bytes | None = None) -> None:
    annotation = pikepdf.Dictionary(
        Type=pikepdf.Name.Annot,
        Subtype=pikepdf.Name.Link,
        Rect=rect,
        A=pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String("https://www.aile.gov.tr")),
    )
    if appearance is not None:
        annotation.Subtype = pikepdf.Name.Square
        del annotation["/A"]
        annotation.AP = pikepdf.Dictionary(N=form(pdf, appearance))
    pdf.pages[0].Annots = pdf.make_indirect(pikepdf.Array([pdf.make_indirect(annotation)]))


def _pages(pdf: pikepdf.Pdf, count: int) -> None:
    while len(pdf.pages) < count:
        pdf.pages.append(pdf.pages[1])


def _bleed(pdf: pikepdf.Pdf, bleed_mm: float) -> None:
    for page in pdf.pages:
        page.BleedBox = [
            TRIM[0] - bleed_mm * mm,
            TRIM[1] - bleed_mm * mm,
            TRIM[2] + bleed_mm * mm,
            TRIM[3] + bleed_mm * mm,
        ]


def _registration(pdf: pikepdf.Pdf) -> bytes:
    return b"/CSall CS 1 SCN 0.25 w %.2f %.2f m %.2f %.2f l S" % (OFFSET - 2, OFFSET + 40, OFFSET - 2, OFFSET + 80)


def _all_space(pdf: pikepdf.Pdf) -> pikepdf.Object:
    fn = pikepdf.Dictionary(FunctionType=2, Domain=[0, 1], C0=[0, 0, 0, 0], C1=[1, 1, 1, 1], N=1)
    return pikepdf.Array([pikepdf.Name.Separation, pikepdf.Name.All, pikepdf.Name.DeviceCMYK, fn])


def _strip_marks(pdf: pikepdf.Pdf, keep_corners: int) -> None:
    """Remove every registration-colour stroke, then draw marks at only ``keep_corners`` corners."""
    for page in pdf.pages:
        unpainted = [
            pikepdf.ContentStreamInstruction([], pikepdf.Operator("n")) if str(i.operator) == "S" else i
            for i in pikepdf.parse_content_stream(page)
        ]
        page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(unpainted))
        corners = [(TRIM[0], TRIM[1]), (TRIM[2], TRIM[1]), (TRIM[0], TRIM[3]), (TRIM[2], TRIM[3])][:keep_corners]
        for x, y in corners:
            dx = -1 if x == TRIM[0] else 1
            draw(
                pdf,
                b"/CSall CS 1 SCN 0.25 w %.2f %.2f m %.2f %.2f l S" % (x + dx * 12, y, x + dx * 28, y),
                page=pdf.pages.index(page) + 1,
                ColorSpace={"CSall": _all_space(pdf)},
            )


# each fault: (the check that must fail, how the good file is broken)
BROKEN: dict[str, tuple[str, Callable[[], bytes]]] = {
    "cmyk-400-image": ("ink", lambda: with_image(300, pikepdf.Name.DeviceCMYK, b"\xff" * 360000)),
    "device-rgb-image": ("colour", lambda: with_image(300, pikepdf.Name.DeviceRGB, b"\x80" * 270000)),
    "indexed-rgb-image": (
        "colour",
        lambda: with_image(
            300,
            pikepdf.Array([pikepdf.Name.Indexed, pikepdf.Name.DeviceRGB, 0, pikepdf.String(b"\xff\0\0")]),
            b"\0" * 90000,
        ),
    ),
    "device-rgb-fill": ("colour", lambda: edit(lambda p: draw(p, b"1 0 0 rg 100 100 50 50 re f"))),
    "separation-rgb-alternate": (
        "colour",
        lambda: edit(
            lambda p: draw(
                p,
                b"/CSspot cs 1 scn 100 100 50 50 re f",
                ColorSpace={
                    "CSspot": pikepdf.Array(
                        [pikepdf.Name.Separation, pikepdf.Name("/PANTONE 185 C"), pikepdf.Name.DeviceRGB, tint(p)]
                    )
                },
            )
        ),
    ),
    "devicen-rgb-alternate": (
        "colour",
        lambda: edit(
            lambda p: draw(
                p,
                b"/CSn cs 1 1 scn 100 100 50 50 re f",
                ColorSpace={
                    "CSn": pikepdf.Array(
                        [
                            pikepdf.Name.DeviceN,
                            pikepdf.Array([pikepdf.Name("/Gold"), pikepdf.Name("/Silver")]),
                            pikepdf.Name.DeviceRGB,
                            pikepdf.Dictionary(FunctionType=2, Domain=[0, 1], C0=[1, 1, 1], C1=[1, 0, 0], N=1),
                        ]
                    )
                },
            )
        ),
    ),
    "iccbased-rgb": (
        "colour",
        lambda: edit(
            lambda p: draw(p, b"/CSicc cs 1 0 0 sc 100 100 50 50 re f", ColorSpace={"CSicc": icc(p, srgb(), 3)})
        ),
    ),
    "icc-n-against-profile": (
        "colour",
        lambda: edit(
            lambda p: draw(p, b"/CSicc cs 1 0 0 0 sc 100 100 50 50 re f", ColorSpace={"CSicc": icc(p, srgb(), 4)})
        ),
    ),
    "lab-colour": (
        "colour",
        lambda: edit(
            lambda p: draw(
                p,
                b"/CSlab cs 50 20 20 sc 100 100 50 50 re f",
                ColorSpace={
                    "CSlab": pikepdf.Array([pikepdf.Name.Lab, pikepdf.Dictionary(WhitePoint=[0.9505, 1, 1.089])])
                },
            )
        ),
    ),
    "rgb-shading-pattern": (
        "colour",
        lambda: edit(
            lambda p: draw(
                p,
                b"/Pattern cs /Sh0 scn 100 100 50 50 re f",
                Pattern={
                    "Sh0": pikepdf.Dictionary(
                        PatternType=2,
                        Shading=pikepdf.Dictionary(
                            ShadingType=2, ColorSpace=pikepdf.Name.DeviceRGB, Coords=[0, 0, 1, 0], Function=tint(p)
                        ),
                    )
                },
            )
        ),
    ),
    "rgb-tiling-pattern": (
        "colour",
        lambda: edit(
            lambda p: draw(
                p,
                b"/Pattern cs /Ti0 scn 100 100 50 50 re f",
                Pattern={
                    "Ti0": form(
                        p, b"0 1 0 rg 0 0 5 5 re f", PatternType=1, PaintType=1, TilingType=1, XStep=10, YStep=10
                    )
                },
            )
        ),
    ),
    "rgb-transparency-group": (
        "colour",
        lambda: edit(
            lambda p: draw(
                p,
                b"/Fg Do",
                XObject={
                    "Fg": form(
                        p,
                        b"0 0 0 1 k 0 0 10 10 re f",
                        Group=pikepdf.Dictionary(S=pikepdf.Name.Transparency, CS=pikepdf.Name.DeviceRGB),
                    )
                },
            )
        ),
    ),
    "rgb-soft-mask": (
        "colour",
        lambda: edit(
            lambda p: draw(
                p,
                b"/GSm gs 0 0 0 1 k 100 100 50 50 re f",
                ExtGState={
                    "GSm": pikepdf.Dictionary(
                        Type=pikepdf.Name.ExtGState,
                        SMask=pikepdf.Dictionary(
                            S=pikepdf.Name.Luminosity,
                            G=form(
                                p,
                                b"0.5 0.5 0.5 rg 0 0 100 100 re f",
                                Group=pikepdf.Dictionary(S=pikepdf.Name.Transparency, CS=pikepdf.Name.DeviceRGB),
                            ),
                        ),
                    )
                },
            )
        ),
    ),
    "rgb-annotation-appearance": (
        "colour",
        lambda: edit(lambda p: _annotation(p, [2, 2, 20, 20], b"1 0 0 rg 0 0 10 10 re f")),
    ),
    "rgb-type3-glyph": ("colour", lambda: edit(_type3)),
    "rgb-form-six-deep": (
        "colour",
        lambda: edit(lambda p: draw(p, b"/Fd Do", XObject={"Fd": nested(p, 6, b"0 0 1 rg 0 0 10 10 re f")})),
    ),
    "srgb-output-profile": (
        "pdfx",
        lambda: edit(lambda p: setattr(p.Root.OutputIntents[0], "DestOutputProfile", p.make_stream(srgb(), N=3))),
    ),
    "no-output-intent": ("pdfx", lambda: edit(lambda p: p.Root.__delitem__("/OutputIntents"))),
    "pdfx-3-version": (
        "pdfx",
        lambda: edit(lambda p: set_info_and_xmp(p, "/GTS_PDFXVersion", "pdfxid:GTS_PDFXVersion", "PDF/X-3:2002")),
    ),
    "pdf-1.7-header": ("pdfx", lambda: edit(lambda p: None, force_version="1.7")),
    "not-trapped": ("pdfx", lambda: edit(lambda p: p.docinfo.__delitem__("/Trapped"))),
    "info-xmp-disagree": (
        "metadata",
        lambda: edit(
            lambda p: (
                p.docinfo.__setitem__("/Title", pikepdf.String("Malatya İli Bilgilendirme Kitapçığı")),
                p.docinfo.__setitem__("/ModDate", pikepdf.String("D:20250101000000Z")),
            )
        ),
    ),
    "rich-black-body-text": ("text", lambda: edit(lambda p: text(p, b"0.6 0.5 0.4 1 k", 9.8))),
    "small-text-three-plates": ("text", lambda: edit(lambda p: text(p, b"0.2 0.1 0 0.65 k", 7.5))),
    "unembedded-font": (
        "fonts",
        lambda: edit(
            lambda p: draw(
                p,
                b"BT /Fh 10 Tf 1 0 0 1 100 100 Tm (Kitap) Tj ET",
                Font={
                    "Fh": pikepdf.Dictionary(
                        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica
                    )
                },
            )
        ),
    ),
    "low-resolution-image": ("images", lambda: with_image(40, pikepdf.Name.DeviceCMYK, b"\x40" * 6400)),
    "artwork-clipped-at-trim": (
        "boxes",
        lambda: edit(lambda p: draw(p, b"0.9 0.5 0 0 k %.2f %.2f %.2f %.2f re f" % (TRIM[0], TRIM[1], W, H), page=2)),
    ),
    "bleed-1-mm": ("boxes", lambda: edit(lambda p: _bleed(p, 1))),
    "no-bleed": ("boxes", lambda: edit(lambda p: _bleed(p, 0))),
    "no-trim-box": ("boxes", lambda: edit(lambda p: [page.obj.__delitem__("/TrimBox") for page in p.pages])),
    "six-pages": ("pages", lambda: edit(lambda p: _pages(p, 6))),
    "crop-marks-in-bleed": (
        "marks",
        lambda: edit(lambda p: draw(p, _registration(p), ColorSpace={"CSall": _all_space(p)})),
    ),
    "crop-marks-at-two-corners": ("marks", lambda: edit(lambda p: _strip_marks(p, 2))),
    "javascript-open-action": (
        "safety",
        lambda: edit(
            lambda p: setattr(
                p.Root, "OpenAction", pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))
            )
        ),
    ),
    "annotation-inside-trim": (
        "safety",
        lambda: edit(lambda p: _annotation(p, [TRIM[0] + 20, TRIM[1] + 20, TRIM[0] + 90, TRIM[1] + 40])),
    ),
    "transfer-function": (
        "safety",
        lambda: edit(
            lambda p: draw(
                p, b"/GSt gs 100 100 50 50 re f", ExtGState={"GSt": pikepdf.Dictionary(TR=pikepdf.Name.Identity)}
            )
        ),
    ),
    "halftone-phase": (
        "safety",
        lambda: edit(
            lambda p: draw(p, b"/GSh gs 100 100 50 50 re f", ExtGState={"GSh": pikepdf.Dictionary(HTP=[0, 0])})
        ),
    ),
    "opi-image": (
        "safety",
        lambda: with_image(
            300,
            pikepdf.Name.DeviceCMYK,
            b"\x20" * 360000,
            OPI=pikepdf.Dictionary(
                {"/2.0": pikepdf.Dictionary(Type=pikepdf.Name.OPI, Version=2.0, F=pikepdf.String("hires.tif"))}
            ),
        ),
    ),
    "aes-256-encrypted": (
        "safety",
        lambda: edit(lambda p: None, encryption=pikepdf.Encryption(owner="matbaa", user="", aes=True, R=6)),
    ),
}


def _self_drawing() -> bytes:
    def change(pdf: pikepdf.Pdf) -> None:
        loop = pdf.make_indirect(form(pdf, b"/Fs Do"))
        loop.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Fs=loop))
        draw(pdf, b"/Fs Do", XObject={"Fs": loop})

    return edit(change)


def _each_other() -> bytes:
    def change(pdf: pikepdf.Pdf) -> None:
        a, b = pdf.make_indirect(form(pdf, b"/Fb Do")), pdf.make_indirect(form(pdf, b"/Fa Do"))
        a.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Fb=b))
        b.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Fa=a))
        draw(pdf, b"/Fa Do", XObject={"Fa": a})

    return edit(change)


def _fan_out(scaled: bool) -> bytes:
    """Ten levels of forms, each drawing the next 16 times: 16^10 placements in a few kilobytes."""

    def change(pdf: pikepdf.Pdf) -> None:
        inner = form(pdf, b"0 0 0 1 k 0 0 1 1 re f")
        for _level in range(10):
            steps = b" ".join(
                (b"q %.3f 0 0 %.3f 0 0 cm /Fn Do Q" % (1 + i / 1000, 1 + i / 1000)) if scaled else b"/Fn Do"
                for i in range(16)
            )
            inner = pdf.make_indirect(
                form(pdf, steps, Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(Fn=inner)))
            )
        draw(pdf, b"/Fn Do", XObject={"Fn": inner})

    return edit(change)


def _deep_chain() -> bytes:
    return edit(lambda p: draw(p, b"/Fd Do", XObject={"Fd": nested(p, 60, b"0 0 0 1 k 0 0 1 1 re f")}))


def _inflating() -> bytes:
    """A content stream of 60 KB that inflates to 64 MB."""

    def change(pdf: pikepdf.Pdf) -> None:
        stream = pdf.make_stream(zlib.compress(b" " * (64 << 20), 9))
        stream.Filter = pikepdf.Name.FlateDecode
        pdf.pages[0].contents_add(stream, prepend=False)

    return edit(change)


def _zero_pages() -> bytes:
    with pikepdf.new() as pdf:
        return _save(pdf)


def _locked() -> bytes:
    return edit(lambda p: None, encryption=pikepdf.Encryption(owner="matbaa", user="gizli", aes=True, R=6))


def _huge_image() -> bytes:
    def change(pdf: pikepdf.Pdf) -> None:
        big = image(pdf, 1, pikepdf.Name.DeviceCMYK, b"\0" * 4)
        big.Width = big.Height = 200_000
        draw(pdf, place(20, 40, 20, b"Im9"), XObject={"Im9": big})

    return edit(change)


def _space_bomb() -> bytes:
    def change(pdf: pikepdf.Pdf) -> None:
        space = pikepdf.Name.DeviceCMYK
        for _level in range(40):
            space = pikepdf.Array([pikepdf.Name.Indexed, space, 0, pikepdf.String(b"\0\0\0\0")])
        draw(pdf, b"/CSx cs 0 sc 0 0 1 1 re f", ColorSpace={"CSx": space})

    return edit(change)


def _page_loop() -> bytes:
    data = good_pdf()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        kids = pdf.Root.Pages.Kids
        kids.append(pdf.Root.Pages)
        pdf.Root.Pages.Count = 5
        return _save(pdf)


def _raw_pdf(*objects: bytes) -> bytes:
    """A PDF written by hand from object bodies (numbered from 1), with a correct xref table."""
    out, offsets = bytearray(b"%PDF-1.6\n%\xe2\xe3\xcf\xd3\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _stream(dictionary: bytes, data: bytes) -> bytes:
    return b"<< %s /Length %d >>\nstream\n%s\nendstream" % (dictionary, len(data), data)


def _fan_out_small() -> bytes:
    """Twelve levels of forms, each drawing the next 16 times (16^12 placements), in under 4 KB."""
    levels = 12
    forms = [
        _stream(
            b"/Type /XObject /Subtype /Form /BBox [0 0 1 1] /Resources << /XObject << /F %d 0 R >> >>" % (6 + level),
            b" ".join([b"/F Do"] * 16),
        )
        for level in range(levels - 1)
    ]
    forms.append(_stream(b"/Type /XObject /Subtype /Form /BBox [0 0 1 1]", b"0 0 0 1 k 0 0 1 1 re f"))
    return _raw_pdf(
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 420 595] /Contents 4 0 R /Resources << /XObject << /F 5 0 R >> >> >>",
        _stream(b"", b"/F Do"),
        *forms,
    )


def _deep_objects() -> bytes:
    """A catalog holding arrays nested 100,000 deep (200 KB), the kind of file that overflows a parser's stack."""
    depth = 100_000
    return _raw_pdf(
        b"<< /Type /Catalog /Pages 2 0 R /Deep %s%s >>" % (b"[" * depth, b"]" * depth),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 420 595] >>",
    )


# hostile or damaged files: (words the one line must contain, the file)
HOSTILE: dict[str, tuple[str, Callable[[], bytes]]] = {
    "not-a-pdf": ("the file is not a PDF", lambda: b"PK\x03\x04 a Word document, renamed"),
    "truncated": ("the file is damaged", lambda: good_pdf()[: len(good_pdf()) // 2]),
    "password": ("the file is password-protected", _locked),
    "zero-pages": ("the file has no pages", _zero_pages),
    "form-draws-itself": ("draws itself", _self_drawing),
    "forms-draw-each-other": ("draws itself", _each_other),
    "fan-out-of-forms": ("too complex", lambda: _fan_out(False)),
    "fan-out-scaled": ("too complex", lambda: _fan_out(True)),
    "fan-out-in-4-kb": ("too complex", _fan_out_small),
    "objects-100000-deep": ("the file is damaged", _deep_objects),
    "forms-sixty-deep": ("too complex", _deep_chain),
    "inflating-content": ("too complex", _inflating),
    "colour-space-forty-deep": ("the file is damaged", _space_bomb),
    "page-tree-loop": ("the file is damaged", _page_loop),
    "huge-image": ("too large", _huge_image),
}

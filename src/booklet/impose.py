"""Printer spreads for saddle stitching: two pages side by side on a double-width sheet.

For n pages (a multiple of 4), sheet k carries on its front n−2k | 2k+1 and on its back
2k+2 | n−2k−1; folded and nested, the sheets read 1, 2, … n. Each page keeps its bleed on
the outer edges; at the spine the two pages meet at their trim.
"""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf

from .diagnostics import BookletError, Location
from .i18n import _


def spread_order(pages: int) -> list[tuple[int, int]]:
    """(left, right) page numbers of every sheet side, front then back, sheet by sheet."""
    if pages <= 0 or pages % 4:
        raise ValueError(f"{pages} pages: saddle stitching needs a multiple of 4")
    sides = []
    for k in range(pages // 4):
        sides.append((pages - 2 * k, 2 * k + 1))
        sides.append((2 * k + 2, pages - 2 * k - 1))
    return sides


def _box(page: pikepdf.Page, name: str, fallback: str = "/MediaBox") -> list[float]:
    value = page.obj.get(name, page.obj.get(fallback, page.mediabox))
    x0, y0, x1, y1 = (float(v) for v in value)
    return [min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)]


def impose(source: Path, target: Path) -> int:
    """Write the imposed file; returns the number of sheet sides."""
    try:
        pdf = pikepdf.open(source)
    except (pikepdf.PdfError, OSError) as exc:
        raise BookletError.single(Location(source), _("cannot read PDF: {exc}").format(exc=exc)) from None
    with pdf:
        n = len(pdf.pages)
        if n % 4:
            raise BookletError.single(
                Location(source),
                _("{count} pages is not a multiple of 4, so it cannot be saddle-stitched").format(count=n),
                _("impose the print file (booklet build --target print), which is padded to a multiple of 4"),
            )
        first = pdf.pages[0]
        trim = _box(first, "/TrimBox")
        bleed_box = _box(first, "/BleedBox", "/TrimBox")
        bleed = min(trim[0] - bleed_box[0], trim[1] - bleed_box[1])
        w, h = trim[2] - trim[0], trim[3] - trim[1]
        out = pikepdf.new()
        sheet_w, sheet_h = 2 * w + 2 * bleed, h + 2 * bleed
        forms = {}
        for left, right in spread_order(n):
            sheet = out.add_blank_page(page_size=(sheet_w, sheet_h))
            sheet.obj.TrimBox = pikepdf.Array([bleed, bleed, bleed + 2 * w, bleed + h])
            sheet.obj.BleedBox = pikepdf.Array([0, 0, sheet_w, sheet_h])
            commands = []
            resources = pikepdf.Dictionary()
            for slot, number in enumerate((left, right)):
                page = pdf.pages[number - 1]
                page_trim = _box(page, "/TrimBox")
                if number not in forms:
                    forms[number] = out.copy_foreign(page.as_form_xobject())
                name = f"/P{number}"
                resources[name] = forms[number]
                # where the source page's trim corner lands on the sheet
                x = bleed + slot * w
                clip_x0 = 0 if slot == 0 else bleed + w
                clip_x1 = bleed + w if slot == 0 else sheet_w
                dx, dy = x - page_trim[0], bleed - page_trim[1]
                commands.append(
                    f"q {clip_x0:.3f} 0 {clip_x1 - clip_x0:.3f} {sheet_h:.3f} re W n "
                    f"1 0 0 1 {dx:.3f} {dy:.3f} cm {name} Do Q"
                )
            sheet.obj.Resources = pikepdf.Dictionary(XObject=resources)
            sheet.obj.Contents = out.make_stream(" ".join(commands).encode())
        _copy_print_metadata(pdf, out)
        buffer = io.BytesIO()
        out.save(buffer, deterministic_id=True, min_version="1.6")
    from .pdf.output import write_atomically

    write_atomically({target: buffer.getvalue()})
    return n // 2


def _copy_print_metadata(source: pikepdf.Pdf, out: pikepdf.Pdf) -> None:
    """Keep the OutputIntent and the PDF/X keys: the imposed file goes to the same press."""
    if "/OutputIntents" in source.Root:
        out.Root.OutputIntents = pikepdf.Array(
            [
                out.copy_foreign(intent if intent.is_indirect else source.make_indirect(intent))
                for intent in source.Root.OutputIntents
            ]
        )
    for key, value in source.docinfo.items():
        out.docinfo[key] = value
    if "/Metadata" in source.Root:
        out.Root.Metadata = out.copy_foreign(source.Root.Metadata)

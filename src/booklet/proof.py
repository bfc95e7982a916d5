"""Proofs for reviewers: every page as PNG and one contact sheet of the booklet as it opens.

Rendered with PDFium (pypdfium2 ships it; no system packages). The contact sheet shows the
cover alone, then the facing pages 2|3, 4|5, … as a reader sees them; with ``--print`` the
print file's pages carry the trim, bleed and safe-zone lines.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFont, PngImagePlugin

from .assets import assets_dir

MM = 72 / 25.4
SAFE_MM = 5.0
PAGE_DPI = 110
THUMB_HEIGHT = 420
GAP = 28
MARGIN = 48
BACKGROUND = (232, 234, 237)
TRIM_COLOUR = (0, 160, 220)
BLEED_COLOUR = (230, 40, 40)
SAFE_COLOUR = (220, 0, 160)


def sheet_title(meta, pages: int) -> str:
    """What the contact sheet is of, in the booklet's own language (it is Turkish whatever the
    messages are): "Elazığ — İli Bilgilendirme Kitapçığı — Mayıs 2024 — 14 sayfa"."""
    from .turkish import format_month

    return " — ".join(
        (meta.province.value.strip(), meta.title.value.strip(), format_month(meta.date), f"{pages} sayfa")
    )


@dataclass(frozen=True)
class Proof:
    pages: list[Path]
    contact_sheet: Path


def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    name = "NotoSans-Bold.ttf" if bold else "NotoSans-Regular.ttf"
    return ImageFont.truetype(str(assets_dir() / "fonts" / name), size)


def _box(page: pdfium.PdfPage, name: str) -> tuple[float, float, float, float] | None:
    getter = {"trim": page.get_trimbox, "bleed": page.get_bleedbox}[name]
    try:
        return getter(fallback_ok=False)
    except Exception:  # noqa: BLE001 - PDFium reports a missing box as an error
        return None


def _overlay(image: Image.Image, page: pdfium.PdfPage, scale: float) -> None:
    """Trim (cyan), bleed (red) and the 5 mm safe zone (magenta, dashed) over a print page."""
    _, height = page.get_size()
    draw = ImageDraw.Draw(image)

    def rect(box, colour, width, dash=False):
        x0, y0, x1, y1 = (v * scale for v in (box[0], height - box[3], box[2], height - box[1]))
        if not dash:
            draw.rectangle((x0, y0, x1, y1), outline=colour, width=width)
            return
        step = 12
        for x in range(int(x0), int(x1), step * 2):
            draw.line((x, y0, min(x + step, x1), y0), fill=colour, width=width)
            draw.line((x, y1, min(x + step, x1), y1), fill=colour, width=width)
        for y in range(int(y0), int(y1), step * 2):
            draw.line((x0, y, x0, min(y + step, y1)), fill=colour, width=width)
            draw.line((x1, y, x1, min(y + step, y1)), fill=colour, width=width)

    trim, bleed = _box(page, "trim"), _box(page, "bleed")
    if bleed:
        rect(bleed, BLEED_COLOUR, 2)
    if trim:
        rect(trim, TRIM_COLOUR, 2)
        s = SAFE_MM * MM
        rect((trim[0] + s, trim[1] + s, trim[2] - s, trim[3] - s), SAFE_COLOUR, 2, dash=True)


def render_pages(pdf: Path, folder: Path, overlay: bool, tick: Callable[[], None] | None = None) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    document = pdfium.PdfDocument(str(pdf))
    scale = PAGE_DPI / 72
    written = []
    try:
        for index, page in enumerate(document, 1):
            image = page.render(scale=scale).to_pil().convert("RGB")
            if overlay:
                _overlay(image, page, scale)
            path = folder / f"{pdf.stem}-p{index:02d}.png"
            image.save(path, optimize=True)
            written.append(path)
            if tick:
                tick()
    finally:
        document.close()
    return written


def spreads(count: int) -> list[tuple[int | None, int | None]]:
    """Pages as the booklet opens: the cover alone on the right, then 2|3, 4|5, …"""
    result: list[tuple[int | None, int | None]] = [(None, 1)]
    for left in range(2, count + 1, 2):
        result.append((left, left + 1 if left + 1 <= count else None))
    return result


def contact_sheet(pages: list[Path], target: Path, title: str, per_row: int = 4) -> Path:
    thumbs = [Image.open(p) for p in pages]
    ratio = thumbs[0].width / thumbs[0].height
    th, tw = THUMB_HEIGHT, round(THUMB_HEIGHT * ratio)
    pairs = spreads(len(pages))
    rows = (len(pairs) + per_row - 1) // per_row
    header = 90
    width = MARGIN * 2 + per_row * 2 * tw + (per_row - 1) * GAP
    height = header + MARGIN + rows * (th + 40) + (rows - 1) * GAP + MARGIN
    sheet = Image.new("RGB", (width, height), BACKGROUND)
    draw = ImageDraw.Draw(sheet)
    draw.text((MARGIN, 34), title, fill=(30, 30, 30), font=_font(30, bold=True))
    label_font = _font(18)
    for i, (left, right) in enumerate(pairs):
        x = MARGIN + (i % per_row) * (2 * tw + GAP)
        y = header + MARGIN + (i // per_row) * (th + 40 + GAP)
        for slot, number in enumerate((left, right)):
            if number is None:
                continue
            thumb = thumbs[number - 1].resize((tw, th), Image.LANCZOS)
            px = x + slot * tw
            sheet.paste(thumb, (px, y))
            draw.rectangle((px, y, px + tw - 1, y + th - 1), outline=(170, 170, 170))
        label = " | ".join(str(n) for n in (left, right) if n is not None)
        draw.text((x + tw - label_font.getlength(label) / 2, y + th + 8), label, fill=(80, 80, 80), font=label_font)
    target.parent.mkdir(parents=True, exist_ok=True)
    info = PngImagePlugin.PngInfo()
    info.add_itxt("Title", title)  # the title as text too, for image viewers and file lists
    sheet.save(target, optimize=True, pnginfo=info)
    return target


def make_proof(
    pdf: Path, folder: Path, title: str, overlay: bool = False, tick: Callable[[], None] | None = None
) -> Proof:
    pages = render_pages(pdf, folder, overlay, tick)
    sheet = contact_sheet(pages, folder / f"{pdf.stem}-contact.png", title)
    return Proof(pages, sheet)

"""Proofs for reviewers: every page as PNG and one contact sheet of the booklet as it opens.

Rendered with PDFium (pypdfium2 ships it; no system packages). The contact sheet shows the
cover alone, then the facing pages 2|3, 4|5, … as a reader sees them; with ``--print`` the
print file's pages carry the trim, bleed and safe-zone lines.
"""

from __future__ import annotations

import math
import signal
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


def _thumb_size(document: pdfium.PdfDocument, scale: float) -> tuple[int, int]:
    """The contact sheet's thumbnail size: the first page's proportions, as PDFium renders it."""
    width, height = document[0].get_size()
    ratio = math.ceil(width * scale) / math.ceil(height * scale)
    return round(THUMB_HEIGHT * ratio), THUMB_HEIGHT


def _render_one(
    document: pdfium.PdfDocument, index: int, path: Path, overlay: bool, thumb: tuple[int, int] | None
) -> Image.Image | None:
    """One page as a PNG (zlib's default level: ``optimize`` tried every filter and took two
    thirds of a proof for 2 % smaller files) and, if ``thumb`` is a size, its thumbnail."""
    scale = PAGE_DPI / 72
    page = document[index]
    image = page.render(scale=scale).to_pil().convert("RGB")
    if overlay:
        _overlay(image, page, scale)
    image.save(path)
    return image.resize(thumb, Image.LANCZOS) if thumb else None


_worker: dict = {}


def _worker_start(pdf: str) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops the pool
    _worker["document"] = pdfium.PdfDocument(pdf)


def _worker_page(task: tuple[int, Path, bool, tuple[int, int] | None]) -> tuple[int, bytes | None]:
    index, path, overlay, thumb = task
    image = _render_one(_worker["document"], index, path, overlay, thumb)
    return index, image.tobytes() if image else None


def _render(
    pdf: Path, folder: Path, overlay: bool, tick: Callable[[], None] | None, jobs: int, thumbnails: bool
) -> tuple[list[Path], list[Image.Image | None]]:
    folder.mkdir(parents=True, exist_ok=True)
    document = pdfium.PdfDocument(str(pdf))
    try:
        count = len(document)
        thumb = _thumb_size(document, PAGE_DPI / 72) if thumbnails else None
        paths = [folder / f"{pdf.stem}-p{index:02d}.png" for index in range(1, count + 1)]
        thumbs: list[Image.Image | None] = [None] * count
        jobs = max(1, min(jobs, count))
        if jobs == 1:
            for index in range(count):
                thumbs[index] = _render_one(document, index, paths[index], overlay, thumb)
                if tick:
                    tick()
        else:
            import multiprocessing  # only here: a build does not need it

            tasks = [(index, paths[index], overlay, thumb) for index in range(count)]
            # forked workers share the loaded PDFium and fonts; each opens the file itself
            with multiprocessing.get_context("fork").Pool(jobs, _worker_start, (str(pdf),)) as pool:
                for index, data in pool.imap_unordered(_worker_page, tasks):
                    thumbs[index] = Image.frombytes("RGB", thumb, data) if thumb and data else None
                    if tick:
                        tick()
    finally:
        document.close()
    return paths, thumbs


def render_pages(
    pdf: Path, folder: Path, overlay: bool, tick: Callable[[], None] | None = None, jobs: int = 1
) -> list[Path]:
    """Every page of ``pdf`` as a PNG in ``folder``; with ``jobs`` > 1 in that many forked
    processes (the files are the same bytes whatever the number)."""
    return _render(pdf, folder, overlay, tick, jobs, thumbnails=False)[0]


def spreads(count: int) -> list[tuple[int | None, int | None]]:
    """Pages as the booklet opens: the cover alone on the right, then 2|3, 4|5, …"""
    result: list[tuple[int | None, int | None]] = [(None, 1)]
    for left in range(2, count + 1, 2):
        result.append((left, left + 1 if left + 1 <= count else None))
    return result


def contact_sheet(
    pages: list[Path], target: Path, title: str, per_row: int = 4, thumbs: list[Image.Image] | None = None
) -> Path:
    """The spreads of ``pages`` on one sheet; ``thumbs``, when given, are the pages already
    reduced to the thumbnail size (what :func:`make_proof` has in memory), else the PNGs are read."""
    if thumbs is None:
        first = Image.open(pages[0])
        ratio = first.width / first.height
        size = (round(THUMB_HEIGHT * ratio), THUMB_HEIGHT)
        thumbs = []
        for p in pages:
            with Image.open(p) as image:
                thumbs.append(image.resize(size, Image.LANCZOS))
    tw, th = thumbs[0].size
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
            px = x + slot * tw
            sheet.paste(thumbs[number - 1], (px, y))
            draw.rectangle((px, y, px + tw - 1, y + th - 1), outline=(170, 170, 170))
        label = " | ".join(str(n) for n in (left, right) if n is not None)
        draw.text((x + tw - label_font.getlength(label) / 2, y + th + 8), label, fill=(80, 80, 80), font=label_font)
    target.parent.mkdir(parents=True, exist_ok=True)
    info = PngImagePlugin.PngInfo()
    info.add_itxt("Title", title)  # the title as text too, for image viewers and file lists
    sheet.save(target, pnginfo=info)
    return target


def make_proof(
    pdf: Path,
    folder: Path,
    title: str,
    overlay: bool = False,
    tick: Callable[[], None] | None = None,
    jobs: int = 1,
) -> Proof:
    pages, thumbs = _render(pdf, folder, overlay, tick, jobs, thumbnails=True)
    sheet = contact_sheet(pages, folder / f"{pdf.stem}-contact.png", title, thumbs=thumbs)
    return Proof(pages, sheet)

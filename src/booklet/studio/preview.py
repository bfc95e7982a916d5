"""Page images of the last good PDF, and which pages a save changed.

Pages are rendered with PDFium (as ``booklet proof`` does) and named by a digest of their
pixels: a page whose pixels did not change keeps its name, so the browser keeps its image
and only the affected pages are fetched again after a save.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium

from ..pdf.output import write_atomically
from ..proof import render_pages, spreads

SCALE = 0.62  # 45 dpi: an A4 page is 369 px wide, twice what a spread shows of it (170 px)
LARGE_SCALE = 2.2  # the full-page view (1309 px wide)


@dataclass(frozen=True)
class PageImage:
    number: int
    digest: str
    width: int
    height: int


@dataclass(frozen=True)
class Pages:
    """The rendered pages of one PDF, and the page each section opens on."""

    pdf: Path
    pdf_digest: str
    images: tuple[PageImage, ...]
    openings: tuple[int, ...]  # page number of each bookmark, in order (introduction, sections …)

    def spreads(self) -> list[tuple[PageImage | None, PageImage | None]]:
        by_number = {image.number: image for image in self.images}
        return [(by_number.get(left), by_number.get(right)) for left, right in spreads(len(self.images))]

    def digest_of(self, number: int) -> str | None:
        return next((i.digest for i in self.images if i.number == number), None)


def _encode(image, path: Path) -> None:
    import io

    buffer = io.BytesIO()
    image.save(buffer, "PNG", compress_level=1)
    write_atomically({path: buffer.getvalue()})


class Previews:
    """Renders and remembers page images under one folder, named by their pixels' digest."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self._cache: dict[Path, Pages] = {}

    def pages(self, pdf: Path) -> Pages:
        data = pdf.read_bytes()
        digest = hashlib.sha256(data).hexdigest()[:16]
        known = self._cache.get(pdf)
        if known is not None and known.pdf_digest == digest:
            return known
        self.folder.mkdir(parents=True, exist_ok=True)
        document = pdfium.PdfDocument(data)
        images = []
        try:
            for number, page in enumerate(document, 1):
                bitmap = page.render(scale=SCALE)
                pil = bitmap.to_pil()
                pixel_digest = hashlib.sha1(pil.tobytes()).hexdigest()[:16]
                target = self.folder / f"{pixel_digest}.png"
                if not target.is_file():
                    _encode(pil.convert("RGB"), target)
                images.append(PageImage(number, pixel_digest, pil.width, pil.height))
            openings = tuple(item.get_dest().get_index() + 1 for item in document.get_toc() if item.get_dest())
        finally:
            document.close()
        pages = Pages(pdf, digest, tuple(images), openings)
        self._cache[pdf] = pages
        return pages

    def image(self, digest: str, large: bool = False, pdf: Path | None = None, number: int = 0) -> Path | None:
        """The PNG of a page by its digest (``large``: rendered again at the full-page size)."""
        if not digest.isalnum():
            return None
        small = self.folder / f"{digest}.png"
        if not large:
            return small if small.is_file() else None
        big = self.folder / f"{digest}-large.png"
        if big.is_file() or pdf is None:
            return big if big.is_file() else None
        document = pdfium.PdfDocument(str(pdf))
        try:
            _encode(document[number - 1].render(scale=LARGE_SCALE).to_pil().convert("RGB"), big)
        finally:
            document.close()
        return big

    @staticmethod
    def changed(before: Pages | None, after: Pages) -> set[int]:
        """Numbers of the pages whose pixels differ (every page, when there was no earlier set)."""
        if before is None:
            return {image.number for image in after.images}
        old = {image.number: image.digest for image in before.images}
        return {image.number for image in after.images if old.get(image.number) != image.digest}


def print_pages(pdf: Path, folder: Path) -> list[Path]:
    """The print file's pages with trim (cyan), bleed (red) and 5 mm safe zone (magenta)."""
    digest = hashlib.sha256(pdf.read_bytes()).hexdigest()[:16]
    target = folder / digest
    done = target / "done"
    if done.is_file():
        return sorted(target.glob("*.png"))
    paths = render_pages(pdf, target, overlay=True)
    done.write_text("ok")
    return paths

"""Page images of the last good PDF, and which pages a save changed.

Pages are rendered with PDFium (as ``booklet proof`` does) and named by a digest of their
pixels: a page whose pixels did not change keeps its name, so the browser keeps its image
and only the affected pages are fetched again after a save.

Only the pages that changed are rendered: each page of a new PDF is first known by a digest
of what draws it (its content stream and every resource it uses, fonts included, read with
pikepdf in a few milliseconds); a page whose drawing digest was rendered before reuses that
image. A page drawn differently but looking the same gets its old pixel name back.
"""

from __future__ import annotations

import hashlib
import io
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium

from ..pdf.output import write_atomically
from ..proof import render_pages, spreads

SCALE = 0.62  # 45 dpi: an A4 page is 369 px wide, twice what a spread shows of it (170 px)
LARGE_SCALE = 2.2  # the full-page view (1309 px wide)
KEPT_DRAWINGS = 4096
NOT_DRAWN = ("/Parent", "/StructParents", "/StructParent")  # places in the page and structure trees


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
    buffer = io.BytesIO()
    image.save(buffer, "PNG", compress_level=1)
    write_atomically({path: buffer.getvalue()})


def drawing_digests(data: bytes) -> list[str]:
    """Per page, a digest of everything that draws it: the page dictionary and, followed
    through every reference, its contents, resources (fonts, images, patterns) and
    annotations; a reference to another page counts by that page's number."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        numbers = {page.obj.objgen: index for index, page in enumerate(pdf.pages)}
        memo: dict[tuple[int, int], bytes] = {}

        def entries(obj) -> bytes:
            h = hashlib.sha256(b"stream" + obj.read_raw_bytes() if isinstance(obj, pikepdf.Stream) else b"dict")
            for key in sorted(obj.keys()):
                if key not in NOT_DRAWN:
                    h.update(key.encode() + digest(obj[key]))
            return h.digest()

        def digest(obj) -> bytes:
            if not isinstance(obj, pikepdf.Object):
                return repr(obj).encode()
            if obj.is_indirect:
                if obj.objgen in numbers:
                    return b"page %d" % numbers[obj.objgen]
                if obj.objgen in memo:
                    return memo[obj.objgen]
                memo[obj.objgen] = b"cycle"
            if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
                value = entries(obj)
            elif isinstance(obj, pikepdf.Array):
                value = hashlib.sha256(b"array" + b",".join(digest(item) for item in obj)).digest()
            else:
                value = obj.unparse()
            if obj.is_indirect:
                memo[obj.objgen] = value
            return value

        return [entries(page.obj).hex()[:32] for page in pdf.pages]


class Previews:
    """Renders and remembers page images under one folder, named by their pixels' digest.

    ``lock`` is the builder's: PDFium must not run in two threads at once."""

    def __init__(self, folder: Path, lock: threading.RLock | None = None):
        self.folder = Path(folder)
        self.lock = lock or threading.RLock()
        self._cache: dict[Path, tuple[tuple, Pages]] = {}
        self._drawn: OrderedDict[str, PageImage] = OrderedDict()  # drawing digest → image (number 0)
        self.rendered = 0  # pages rendered so far (the tests count them)

    def pages(self, pdf: Path) -> Pages:
        """The pages of ``pdf``; known ones without waiting for the lock (a build may hold it)."""
        stat = pdf.stat()
        identity = (stat.st_ino, stat.st_size, stat.st_mtime_ns)
        known = self._cache.get(pdf)
        if known is not None and known[0] == identity:
            return known[1]
        with self.lock:
            data = pdf.read_bytes()
            digest = hashlib.sha256(data).hexdigest()[:16]
            known = self._cache.get(pdf)
            pages = known[1] if known is not None and known[1].pdf_digest == digest else None
            pages = pages or self._render_new(pdf, data, digest)
            self._cache[pdf] = (identity, pages)
            return pages

    def _render_new(self, pdf: Path, data: bytes, digest: str) -> Pages:
        self.folder.mkdir(parents=True, exist_ok=True)
        drawings = drawing_digests(data)
        document = pdfium.PdfDocument(data)
        images = []
        try:
            for number, drawing in enumerate(drawings, 1):
                seen = self._drawn.get(drawing)
                if seen is None or not (self.folder / f"{seen.digest}.png").is_file():
                    seen = self._render(document[number - 1])
                    self._drawn[drawing] = seen
                self._drawn.move_to_end(drawing)
                images.append(PageImage(number, seen.digest, seen.width, seen.height))
            while len(self._drawn) > KEPT_DRAWINGS:
                self._drawn.popitem(last=False)
            openings = tuple(item.get_dest().get_index() + 1 for item in document.get_toc() if item.get_dest())
        finally:
            document.close()
        return Pages(pdf, digest, tuple(images), openings)

    def _render(self, page) -> PageImage:
        pil = page.render(scale=SCALE).to_pil()
        self.rendered += 1
        pixel_digest = hashlib.sha1(pil.tobytes()).hexdigest()[:16]
        target = self.folder / f"{pixel_digest}.png"
        if not target.is_file():
            _encode(pil.convert("RGB"), target)
        return PageImage(0, pixel_digest, pil.width, pil.height)

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
        with self.lock:
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


def print_pages(pdf: Path, folder: Path, lock: threading.RLock) -> list[Path]:
    """The print file's pages with trim (cyan), bleed (red) and 5 mm safe zone (magenta)."""
    digest = hashlib.sha256(pdf.read_bytes()).hexdigest()[:16]
    target = folder / digest
    done = target / "done"
    with lock:
        if done.is_file():
            return sorted(target.glob("*.png"))
        paths = render_pages(pdf, target, overlay=True)
        done.write_text("ok")
    return paths

"""The file under check as the rules see it: the opened PDF, the walk's facts and the limits."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pikepdf

from .report import Rules
from .scan import Scan, box, inherited

MM = 72 / 25.4
Box = tuple[float, float, float, float]


@dataclass
class Document:
    path: Path
    source: Path | bytes  # what PDFium and Ghostscript read
    pdf: pikepdf.Pdf
    scan: Scan
    rules: Rules
    separations: object | None = None  # an ink.SeparationRun started after the walk, if any
    _boxes: dict[int, dict[str, Box | None]] = field(default_factory=dict)

    def boxes(self, number: int) -> dict[str, Box | None]:
        """MediaBox, CropBox, BleedBox and TrimBox of a page (1-based) as written, None if absent."""
        if number not in self._boxes:
            page = self.pdf.pages[number - 1].obj
            media = box(inherited(page, "/MediaBox"))
            self._boxes[number] = {
                "media": media,
                "crop": box(inherited(page, "/CropBox")) or media,
                "bleed": box(page.get("/BleedBox")),
                "trim": box(page.get("/TrimBox")),
            }
        return self._boxes[number]

    @property
    def renderable(self) -> bool:
        """Whether rendering is safe: no image is larger than PDFium or Ghostscript should decode."""
        from .limits import MAX_RENDER_PIXELS

        return all(i.width * i.height <= MAX_RENDER_PIXELS for i in self.scan.images)


def inside(inner: Box, outer: Box, tolerance: float = 0.01) -> bool:
    return (
        inner[0] >= outer[0] - tolerance
        and inner[1] >= outer[1] - tolerance
        and inner[2] <= outer[2] + tolerance
        and inner[3] <= outer[3] + tolerance
    )


def overlaps(a: Box, b: Box, margin: float = 0.0) -> bool:
    """Whether ``a`` reaches more than ``margin`` into ``b``."""
    return a[0] < b[2] - margin and a[2] > b[0] + margin and a[1] < b[3] - margin and a[3] > b[1] + margin

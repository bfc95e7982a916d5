"""What distinguishes the screen file from the press file; the layout is the same."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.units import mm

DEFAULT_BLEED_MM = 3.0
MARKS_AREA = 12 * mm  # room outside the bleed for crop marks and the slug line


@dataclass(frozen=True)
class Target:
    name: str
    suffix: str
    cmyk: bool
    bleed: float = 0.0  # points, on every side
    marks: bool = False
    pad_to: int = 1  # page count must be a multiple of this (saddle stitch: 4)
    overprint: bool = False  # 100 % K text overprints (print only)

    @property
    def offset(self) -> float:
        """Distance from the MediaBox edge to the trim edge."""
        return self.bleed + (MARKS_AREA if self.marks else 0.0)

    def file_name(self, slug: str) -> str:
        return f"{slug}{self.suffix}.pdf"


SCREEN = Target("screen", "", cmyk=False)


def print_target(bleed_mm: float = DEFAULT_BLEED_MM, marks: bool = True, overprint: bool = True) -> Target:
    return Target("print", "-print", cmyk=True, bleed=bleed_mm * mm, marks=marks, pad_to=4, overprint=overprint)

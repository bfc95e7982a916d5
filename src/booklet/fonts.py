"""The embedded fonts, registered with ReportLab once per process.

Only TrueType fonts that cover Turkish are used; the 14 standard PDF fonts would turn
ğ, ş, ı into black boxes without a warning.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from .assets import assets_dir

REGULAR = "NotoSans"
BOLD = "NotoSans-Bold"
ITALIC = "NotoSans-Italic"
BOLD_ITALIC = "NotoSans-BoldItalic"
FACES = {
    REGULAR: "NotoSans-Regular.ttf",
    BOLD: "NotoSans-Bold.ttf",
    ITALIC: "NotoSans-Italic.ttf",
    BOLD_ITALIC: "NotoSans-BoldItalic.ttf",
}


@dataclass(frozen=True)
class FontSet:
    regular: str
    bold: str
    italic: str
    bold_italic: str
    coverage: frozenset[int]  # code points every face can draw

    def can_draw(self, ch: str) -> bool:
        return ord(ch) in self.coverage

    def can_draw_all(self, text: str) -> bool:
        return self.coverage.issuperset(map(ord, text))


@cache
def register() -> FontSet:
    """Load the vendored faces (subsets, so this takes milliseconds) and record their coverage."""
    folder = assets_dir() / "fonts"
    coverage: frozenset[int] | None = None
    for name, filename in FACES.items():
        font = TTFont(name, str(folder / filename))
        pdfmetrics.registerFont(font)
        codes = frozenset(font.face.charToGlyph)
        coverage = codes if coverage is None else coverage & codes
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC)
    return FontSet(REGULAR, BOLD, ITALIC, BOLD_ITALIC, coverage or frozenset())

"""Page geometry and paragraph styles, derived from the booklet's page size and theme.

Sizes are given for A4 and scale with the page width, so an A5 edition keeps the same
proportions with type that stays readable.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from .. import turkish
from ..content.model import PageSize
from ..fonts import FontSet
from .colours import SMALL_TYPE_PT, Palette, ThemeColour


@dataclass(frozen=True)
class Geometry:
    width: float
    height: float
    scale: float  # 1.0 for A4

    @classmethod
    def for_page(cls, size: PageSize) -> Geometry:
        return cls(size.width_mm * mm, size.height_mm * mm, size.width_mm / 210.0)

    def mm(self, value: float) -> float:
        return value * mm * self.scale

    @property
    def margin_inner(self) -> float:
        return self.mm(20)

    @property
    def margin_outer(self) -> float:
        return self.mm(17)

    @property
    def margin_top(self) -> float:
        return self.mm(24)

    @property
    def margin_bottom(self) -> float:
        return self.mm(22)

    @property
    def band_height(self) -> float:
        return self.mm(64)

    @property
    def frame_width(self) -> float:
        return self.width - self.margin_inner - self.margin_outer

    def frame_left(self, page_number: int) -> float:
        """Mirrored margins: the wider margin is always on the binding side."""
        return self.margin_inner if page_number % 2 else self.margin_outer

    def type_size(self, a4_points: float) -> float:
        """Type shrinks more gently than the page, so A5 text stays readable."""
        return a4_points * (0.55 + 0.45 * self.scale)


class Styles:
    """All paragraph styles of the booklet, built once per build."""

    def __init__(self, geometry: Geometry, fonts: FontSet, palette: Palette):
        self.g = geometry
        self.fonts = fonts
        self.palette = palette
        t = geometry.type_size
        text = palette["text"]
        self.body = ParagraphStyle(
            "body",
            fontName=fonts.regular,
            fontSize=t(9.8),
            leading=t(14.6),
            alignment=TA_JUSTIFY,
            textColor=text,
            hyphenationLang=turkish.hyphenation_pairs,
            embeddedHyphenation=1,
            hyphenationMinWordLength=5,
            allowWidows=0,
            allowOrphans=0,
            spaceAfter=t(5),
        )
        self.callout = ParagraphStyle(
            "callout",
            parent=self.body,
            fontSize=t(10.2),
            leading=t(15),
            spaceAfter=0,
            alignment=TA_LEFT,  # ragged: a figure sentence reads as a statement, with even spaces
            hyphenationLang="",
        )
        self.callout.total_fit = True  # an even rag, broken over the whole paragraph
        self.intro = ParagraphStyle(
            "intro",
            parent=self.body,
            fontName=fonts.italic,
            fontSize=t(11.6),
            leading=t(17.2),
            spaceAfter=t(4),
        )
        self.subsection_title = ParagraphStyle(
            "subsection_title",
            fontName=fonts.bold,
            fontSize=t(12.6),
            leading=t(15.4),
            alignment=TA_LEFT,
            textColor=text,
        )
        self.group_title = ParagraphStyle(
            "group_title", fontName=fonts.bold, fontSize=t(10.5), leading=t(13), textColor=text
        )
        self.section_title = ParagraphStyle(
            "section_title", fontName=fonts.bold, fontSize=t(23), leading=t(27), textColor=palette["paper"]
        )
        self.stat_number = ParagraphStyle(
            "stat_number",
            fontName=fonts.bold,
            fontSize=t(40),
            leading=t(44),
            alignment=TA_CENTER,
            textColor=text,
        )
        self.stat_label = ParagraphStyle(
            "stat_label",
            fontName=fonts.bold,
            fontSize=t(12),
            leading=t(15),
            alignment=TA_CENTER,
            textColor=text,
        )
        self.stat_text = ParagraphStyle(
            "stat_text",
            parent=self.body,
            fontSize=t(11),
            leading=t(15.5),
            alignment=TA_CENTER,
            spaceAfter=0,
            hyphenationLang="",  # a few words around a number: never broken
        )
        self.caption = ParagraphStyle(
            "caption",
            parent=self.body,
            fontName=fonts.italic,
            fontSize=t(8.5),
            leading=t(12),
            alignment=TA_CENTER,
            textColor=palette["muted"],
            spaceAfter=0,
        )
        self.cover_intro = ParagraphStyle(
            "cover_intro", parent=self.body, fontSize=t(13.2), leading=t(21), spaceAfter=0
        )

    @cached_property
    def gutter(self) -> float:
        """Left column of a subsection, where its icon stands."""
        return self.g.mm(21)

    def accent(self, name: str) -> ThemeColour:
        return self.palette[name]

    def type_colour(self, colour: ThemeColour, size: float, bold: bool = True) -> ThemeColour:
        """The colour type of ``size`` points prints in: coloured type stays coloured only when it
        is at least 9 pt and bold; smaller type prints on one plate, in the text black, so plates a
        hair out of register cannot blur it (A5 editions scale the body below 9 pt)."""
        if colour.plates <= 1 or (bold and size >= SMALL_TYPE_PT - 0.005):
            return colour
        return self.palette["text"]


def word_measures(size: PageSize) -> tuple[float, float]:
    """How wide one word may be, in ems of its own type size: (the subsection text column,
    the narrowest column any paragraph or heading is set in). The resolve stage breaks a
    word wider than the first into pieces that fit the second, so no line breaker ever
    meets a word it cannot place. Kept in step with :class:`Styles` (a test checks)."""
    g = Geometry.for_page(size)
    t = g.type_size
    text = g.frame_width - g.mm(21)  # beside the gutter
    narrowest = min(
        text / t(12.6),  # subsection title
        (text - g.mm(1.3) - 2 * g.mm(4.2)) / t(10.2),  # call-out box
        (g.frame_width - g.mm(10)) / t(13.2),  # introduction page
    )
    return text / t(9.8), narrowest

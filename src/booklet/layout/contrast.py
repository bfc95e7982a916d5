"""Which text colours the layout puts on which backgrounds, and whether screens can read them.

The screen file is published for everyone, so every pairing the layout uses must meet WCAG
2.1 AA: 4.5:1 for text below 18 pt, 3:1 for 18 pt and above. :data:`TEXT_ON` lists the
pairings with the smallest size each is used at; :func:`shortfalls` measures them on the
theme's RGB values (the screen colours) for the colours the booklet's sections use, so the
theme check can refuse a theme before anything is laid out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..i18n import N_

SECTION = "section"  # stands for each section colour in turn
LARGE_TEXT_PT = 18.0
CALLOUT_TINT = 0.1  # call-out and statistic panels: the section colour at 10 %
BAND_DISC_TINT = 0.82  # the disc behind the section title in the band
COVER_DISC_TINT = 0.86  # the disc behind the province name and title on the cover
COVER_EDITION_TINT = 0.35  # the edition line on the cover

RGB = tuple[float, float, float]


@dataclass(frozen=True)
class TextOn:
    """Text in one colour on one background, at the smallest size the layout sets it."""

    what: str  # where the reader sees it (marked for translation)
    text: str  # a theme colour name, or SECTION
    background: str
    size: float  # points, on A4
    bold: bool = False
    text_tint: float = 1.0
    background_tint: float = 1.0

    @property
    def required(self) -> float:
        return 3.0 if self.size >= LARGE_TEXT_PT else 4.5


TEXT_ON = (
    TextOn(N_("body text"), "text", "paper", 9.8),
    TextOn(N_("running head, imprint and captions"), "muted", "paper", 7.5),
    TextOn(N_("highlights, subsection titles and the running head in the section colour"), SECTION, "paper", 7.5, True),
    TextOn(N_("section numbers in the band and the table of contents"), "paper", SECTION, 9, True),
    TextOn(N_("the section title over the band's disc"), "paper", SECTION, 23, True, 1.0, BAND_DISC_TINT),
    TextOn(N_("highlights in a statistic panel"), SECTION, SECTION, 11, True, 1.0, CALLOUT_TINT),
    TextOn(N_("text in a call-out or statistic panel"), "text", SECTION, 10.2, False, 1.0, CALLOUT_TINT),
    TextOn(N_("cover texts"), "paper", "cover", 10.5, True),
    TextOn(N_("the cover title over the cover's disc"), "paper", "cover", 19, False, 1.0, COVER_DISC_TINT),
    TextOn(N_("the edition on the cover"), "cover", "cover", 10, False, COVER_EDITION_TINT),
    TextOn(N_("the table of contents heading"), "cover", "paper", 9, True),
)


def tinted(rgb: RGB, tint: float) -> RGB:
    """The colour mixed toward paper white, as the layout tints it (1: full, 0: white)."""
    return tuple(1 - (1 - v) * tint for v in rgb)  # type: ignore[return-value]


def hex_rgb(text: str) -> RGB:
    return tuple(int(text[i : i + 2], 16) / 255 for i in (1, 3, 5))  # type: ignore[return-value]


def luminance(rgb: RGB) -> float:
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(a: RGB, b: RGB) -> float:
    """WCAG 2.1 contrast ratio, 1 to 21."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@dataclass(frozen=True)
class Shortfall:
    pair: TextOn
    text: str  # the colour names measured
    background: str
    ratio: float
    fix: str  # the colour to darken: the section colour, else the one that is not paper
    suggestion: str | None  # a darker #RRGGBB of it, same hue, that passes


def shortfalls(colours: dict[str, RGB], sections: Iterable[str]) -> list[Shortfall]:
    """Every pairing below AA, once per section colour where the pairing uses one."""
    found = []
    used = list(dict.fromkeys(sections))
    for pair in TEXT_ON:
        names = used if SECTION in (pair.text, pair.background) else [None]
        for section in names:
            fg = section if pair.text == SECTION else pair.text
            bg = section if pair.background == SECTION else pair.background
            if fg not in colours or bg not in colours:
                continue
            measured = _measure(pair, colours[fg], colours[bg])
            if measured >= pair.required:
                continue
            target = section or (fg if fg != "paper" else bg)
            found.append(Shortfall(pair, fg, bg, measured, target, _darkened(pair, colours, fg, bg, target)))
    return found


def _measure(pair: TextOn, fg: RGB, bg: RGB) -> float:
    return ratio(tinted(fg, pair.text_tint), tinted(bg, pair.background_tint))


def _darkened(pair: TextOn, colours: dict[str, RGB], fg: str, bg: str, target: str) -> str | None:
    """The colour ``target`` scaled toward black until the pairing passes (keeps its hue)."""
    rgb = colours[target]
    for step in range(1, 100):
        factor = 1 - step / 100
        darker = tuple(v * factor for v in rgb)
        a = darker if fg == target else colours[fg]
        b = darker if bg == target else colours[bg]
        if _measure(pair, a, b) >= pair.required + 0.05:
            return "#" + "".join(f"{round(v * 255):02X}" for v in darker)
    return None

"""Theme colours that know both their screen (RGB) and press (CMYK) form.

Layout uses only these objects; the writer decides per target which form reaches the PDF,
through ReportLab's ``enforceColorSpace`` hook, so one layout serves both files.
"""

from __future__ import annotations

from reportlab.lib.colors import CMYKColor, Color, toColor

from ..content.model import Colour, Theme
from .contrast import ratio as contrast_ratio

SMALL_TYPE_PT = 9.0  # type below this prints on one plate


class ThemeColour(CMYKColor):
    """A CMYK colour with its RGB twin; ``tint`` mixes toward paper white in both spaces."""

    def __init__(self, colour: Colour, tint: float = 1.0):
        c, m, y, k = (v * tint for v in colour.cmyk)
        super().__init__(c, m, y, k)
        r, g, b = (1 - (1 - v) * tint for v in colour.rgb)
        self.rgb_twin = Color(r, g, b)
        self.source = colour
        self.tint_level = tint

    def tint(self, amount: float) -> ThemeColour:
        return ThemeColour(self.source, self.tint_level * amount)

    def shade(self, amount: float) -> ThemeColour:
        """Darker in both spaces (more black ink, less light), for text on a tinted box."""
        c, m, y, k = self.cmyk()
        shaded = Colour(
            f"{self.source.name}-shade{round(amount * 100)}",
            tuple(v * (1 - amount) for v in self.rgb_twin.rgb()),
            (c, m, y, min(1.0, k + amount * (1 - k))),
            self.source.location,
        )
        return ThemeColour(shaded)

    @property
    def plates(self) -> int:
        """How many process plates the press colour prints on."""
        return sum(1 for v in self.cmyk() if v > 0)

    @property
    def markup_name(self) -> str:
        """The name under which paragraph markup (``<font color=…>``) finds this colour."""
        return f"booklet_{self.source.name.replace('-', '_')}_{round(self.tint_level * 1000)}"


class Palette:
    """The theme's colours as :class:`ThemeColour`, registered for paragraph markup."""

    def __init__(self, theme: Theme):
        self.colours = {name: ThemeColour(c) for name, c in theme.colours.items()}
        for colour in self.colours.values():
            self.register(colour)

    def __getitem__(self, name: str) -> ThemeColour:
        return self.colours[name]

    @staticmethod
    def register(colour: ThemeColour) -> str:
        toColor.extraColorsNS[colour.markup_name] = colour
        return colour.markup_name


def contrast(a: ThemeColour, b: ThemeColour) -> float:
    """WCAG contrast ratio of the screen twins."""
    return contrast_ratio(a.rgb_twin.rgb(), b.rgb_twin.rgb())


def readable(colour: ThemeColour, background: ThemeColour, ratio: float = 4.5) -> ThemeColour:
    """The colour, darkened just enough to be read as text on ``background`` (WCAG AA)."""
    amount = 0.0
    candidate = colour
    while contrast(candidate, background) < ratio and amount < 0.9:
        amount += 0.05
        candidate = colour.shade(amount)
    return candidate


def to_screen(colour):
    """``enforceColorSpace`` for the screen file: theme colours become their RGB twin."""
    if isinstance(colour, ThemeColour):
        return colour.rgb_twin
    return colour


def to_print(colour):
    """``enforceColorSpace`` for the press: CMYK only; anything else is a bug in layout."""
    if isinstance(colour, CMYKColor):
        return colour
    raise ValueError(f"non-CMYK colour {colour!r} reached the print file")

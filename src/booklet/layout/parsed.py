"""ReportLab's parse of paragraph markup, done once per distinct markup and style.

Parsing a paragraph's markup into fragments (ReportLab's ``ParaParser``, an HTML parser)
is a seventh of a warm build, and most paragraphs are the same in every province and
every rebuild. The fragments depend only on the markup, on the style's values and on the
colours that ``<font color=…>`` names; those make the key. A paragraph gets its own copy
of the fragments, so nothing it does to them reaches another booklet.
"""

from __future__ import annotations

import re

from reportlab.lib.colors import Color, toColor
from reportlab.platypus.paragraph import textTransformFrags
from reportlab.platypus.paraparser import ParaParser

from ..lru import LRU

COLOUR_NAME = re.compile(r'color="([^"]*)"')
_parsed: LRU[tuple[str, list]] = LRU(1024)  # a booklet has ≈ 120 distinct markups, ≈ 40 its own


def parsed_markup(text: str, style, case_sensitive: int, cleaner) -> tuple[str, list] | None:
    """``(cleaned text, fragments)`` as ``Paragraph._setup`` would make them, or None when
    this markup is not one to share (ReportLab then parses it, and reports its errors)."""
    key = _key(text, style, case_sensitive)
    if key is None:
        return None
    hit = _parsed.get(key)
    if hit is None:
        cleaned = cleaner(text)
        parser = ParaParser()
        parser.caseSensitive = case_sensitive
        style_out, frags, bullet = parser.parse(cleaned, style)
        if frags is None or bullet or style_out is not style:  # an error, or <para>/<bullet> markup
            return None
        textTransformFrags(frags, style)
        hit = (cleaned, frags)
        _parsed.put(key, hit)
    cleaned, frags = hit
    return cleaned, [frag.clone() for frag in frags]


def _key(text: str, style, case_sensitive: int) -> tuple | None:
    values = tuple((name, _value(value)) for name, value in vars(style).items() if name != "parent")
    colours = tuple(_value(toColor.extraColorsNS.get(name, name)) for name in COLOUR_NAME.findall(text))
    key = (text, case_sensitive, values, colours)
    try:
        hash(key)
    except TypeError:  # a style value that cannot be compared: do not share
        return None
    return key


def _value(value):
    """A colour by everything it carries (a theme colour's CMYK, its RGB twin, its source),
    not by ReportLab's equality, which looks only at the CMYK values."""
    if isinstance(value, Color):
        return (type(value), tuple((name, _value(v)) for name, v in vars(value).items()))
    return value

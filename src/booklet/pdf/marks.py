"""Crop marks and the slug line, outside the bleed, for the print file."""

from __future__ import annotations

from reportlab.lib.colors import CMYKColorSep
from reportlab.lib.units import mm

# The PDF "All" separation prints on every plate: the registration colour of crop marks.
REGISTRATION = CMYKColorSep(1, 1, 1, 1, spotName="All")
MARK_LENGTH = 6 * mm
MARK_GAP = 1 * mm  # between the bleed edge and the start of a mark
MARK_WIDTH = 0.25


def draw_marks(canvas, width: float, height: float, offset: float, bleed: float) -> None:
    """Eight hairlines, two per corner, in line with the trim edges and clear of the bleed."""
    canvas.saveState()
    canvas.setStrokeColor(REGISTRATION)
    canvas.setLineWidth(MARK_WIDTH)
    start = bleed + MARK_GAP
    left, right, bottom, top = offset, offset + width, offset, offset + height
    for y in (bottom, top):
        canvas.line(left - start - MARK_LENGTH, y, left - start, y)
        canvas.line(right + start, y, right + start + MARK_LENGTH, y)
    for x in (left, right):
        canvas.line(x, bottom - start - MARK_LENGTH, x, bottom - start)
        canvas.line(x, top + start, x, top + start + MARK_LENGTH)
    canvas.restoreState()


def draw_slug(canvas, layout, offset: float, text: str) -> None:
    """File name, page and date in small type below the bottom-left crop marks."""
    canvas.saveState()
    canvas.setFillColor(layout.palette["text"])
    canvas.setFont(layout.fonts.regular, 6)
    canvas.drawString(offset + layout.geometry.mm(12), offset / 2 - 2, text)
    canvas.restoreState()

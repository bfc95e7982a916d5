"""Printer's marks outside the bleed: crop marks, fold and registration marks, and the slug line.

Marks print in registration colour (the PDF ``All`` separation, on every plate) so that each
plate carries them; the slug is small type and prints on the black plate only.
"""

from __future__ import annotations

from reportlab.lib.colors import CMYKColor, CMYKColorSep
from reportlab.lib.units import mm

# The PDF "All" separation prints on every plate: the registration colour of crop marks.
REGISTRATION = CMYKColorSep(1, 1, 1, 1, spotName="All")
BLACK = CMYKColor(0, 0, 0, 1)
MARK_LENGTH = 6 * mm
MARK_GAP = 1 * mm  # between the bleed edge and the start of a mark
MARK_WIDTH = 0.25
TARGET_RADIUS = 2.5 * mm
SLUG_SIZE = 6


def draw_marks(canvas, width: float, height: float, offset: float, bleed: float, x_offset: float | None = None) -> None:
    """Eight hairlines, two per corner, in line with the trim edges and clear of the bleed.

    The trim is the rectangle (``x_offset`` or ``offset``, ``offset``, + ``width``, + ``height``).
    """
    canvas.saveState()
    canvas.setStrokeColor(REGISTRATION)
    canvas.setLineWidth(MARK_WIDTH)
    start = bleed + MARK_GAP
    x0 = offset if x_offset is None else x_offset
    left, right, bottom, top = x0, x0 + width, offset, offset + height
    for y in (bottom, top):
        canvas.line(left - start - MARK_LENGTH, y, left - start, y)
        canvas.line(right + start, y, right + start + MARK_LENGTH, y)
    for x in (left, right):
        canvas.line(x, bottom - start - MARK_LENGTH, x, bottom - start)
        canvas.line(x, top + start, x, top + start + MARK_LENGTH)
    canvas.restoreState()


def draw_fold_marks(canvas, x: float, bottom: float, top: float, bleed: float) -> None:
    """Short dashed lines in line with the spine, above and below the sheet's bleed."""
    canvas.saveState()
    canvas.setStrokeColor(REGISTRATION)
    canvas.setLineWidth(MARK_WIDTH)
    canvas.setDash(1.5 * mm, 1 * mm)
    start = bleed + MARK_GAP
    canvas.line(x, bottom - start - MARK_LENGTH, x, bottom - start)
    canvas.line(x, top + start, x, top + start + MARK_LENGTH)
    canvas.restoreState()


def draw_registration_mark(canvas, x: float, y: float) -> None:
    """A target: a circle with a cross through it, for the press operator to align the plates."""
    canvas.saveState()
    canvas.setStrokeColor(REGISTRATION)
    canvas.setLineWidth(MARK_WIDTH)
    canvas.circle(x, y, TARGET_RADIUS * 0.6, stroke=1, fill=0)
    canvas.line(x - TARGET_RADIUS, y, x + TARGET_RADIUS, y)
    canvas.line(x, y - TARGET_RADIUS, x, y + TARGET_RADIUS)
    canvas.restoreState()


def draw_slug_text(canvas, font: str, x: float, y: float, text: str) -> None:
    """The slug line in 6 pt, 100 % K."""
    canvas.saveState()
    canvas.setFillColor(BLACK)
    canvas.setFont(font, SLUG_SIZE)
    canvas.drawString(x, y, text)
    canvas.restoreState()


def draw_slug(canvas, layout, offset: float, text: str) -> None:
    """File name, page and date in small type below the bottom-left crop marks."""
    canvas.saveState()
    canvas.setFillColor(layout.palette["text"])
    canvas.setFont(layout.fonts.regular, SLUG_SIZE)
    canvas.drawString(offset + layout.geometry.mm(12), offset / 2 - 2, text)
    canvas.restoreState()

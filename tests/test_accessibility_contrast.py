"""Contrast: every text on screen meets WCAG 2.1 AA, and the theme check refuses one that does not."""

from __future__ import annotations

import ctypes
from collections import Counter

import pypdfium2 as pdfium
import pypdfium2.raw as raw
import pytest

from booklet.build import check
from booklet.diagnostics import BookletError, Report
from booklet.layout.contrast import ratio

from .conftest import shared

SCALE = 2


def _runs(page, textpage):
    """Consecutive visible characters of one fill colour and size: (box, colour, size)."""
    runs = []
    for i in range(textpage.count_chars()):
        if chr(raw.FPDFText_GetUnicode(textpage, i)).isspace():
            continue
        r, g, b, a = (ctypes.c_uint() for _ in range(4))
        raw.FPDFText_GetFillColor(textpage, i, *(ctypes.byref(v) for v in (r, g, b, a)))
        left, right, bottom, top = (ctypes.c_double() for _ in range(4))
        raw.FPDFText_GetCharBox(textpage, i, *(ctypes.byref(v) for v in (left, right, bottom, top)))
        colour = (r.value, g.value, b.value)
        size = raw.FPDFText_GetFontSize(textpage, i)
        box = [left.value, bottom.value, right.value, top.value]
        if runs and runs[-1][1] == colour and runs[-1][2] == size and abs(runs[-1][0][1] - box[1]) < 1:
            run = runs[-1][0]
            run[0], run[1], run[2], run[3] = (
                min(run[0], box[0]),
                min(run[1], box[1]),
                max(run[2], box[2]),
                max(run[3], box[3]),
            )
        else:
            runs.append((box, colour, size))
    return runs


def _background(image, box, height):
    """The commonest colour in a ring just outside the run's box: what the text sits on."""
    x0, y0, x1, y1 = (round(v * SCALE) for v in (box[0], height - box[3], box[2], height - box[1]))
    pad = 3

    def colours(area):
        crop = image.crop(area)
        return Counter({p: n for n, p in crop.getcolors(crop.width * crop.height + 1)})

    ring = colours((x0 - pad, y0 - pad, x1 + pad, y1 + pad)) - colours((x0, y0, max(x1, x0 + 1), max(y1, y0 + 1)))
    return ring.most_common(1)[0][0] if ring else None


def test_every_text_colour_on_its_background_meets_wcag_aa(built):
    document = pdfium.PdfDocument(str(built))
    low = []
    try:
        for index, page in enumerate(document):
            image = page.render(scale=SCALE).to_pil().convert("RGB")
            textpage = page.get_textpage()
            for box, colour, size in _runs(page, textpage):
                background = _background(image, box, page.get_height())
                if background is None:
                    continue
                measured = ratio(*(tuple(v / 255 for v in c) for c in (colour, background)))
                needed = 3.0 if size >= 18 else 4.5
                if measured < needed - 0.05:  # pixels are rounded to 8 bits
                    low.append((index + 1, colour, background, round(size, 1), round(measured, 2)))
    finally:
        document.close()
    assert low == []


def test_the_theme_check_names_the_pair_and_its_ratio(booklet_copy):
    theme = shared(booklet_copy) / "theme.yaml"
    text = theme.read_text(encoding="utf-8")
    theme.write_text(text.replace('cocuk:         {rgb: "#A95200"', 'cocuk:         {rgb: "#E5791F"'), encoding="utf-8")
    with pytest.raises(BookletError) as raised:
        check(booklet_copy, Report())
    (problem,) = [
        f"{d.location}: {d.level.value}: {d.message}\n  hint: {d.hint}" for d in raised.value.report.diagnostics
    ]
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith("  cocuk:"))
    assert f"theme.yaml:{line}:3: error: highlights in a statistic panel: 'cocuk' on 'cocuk' at 10 %" in problem
    assert "has a contrast of 2.68:1; WCAG 2.1 AA needs 4.5:1 for 11 pt bold text on screen" in problem
    assert "darken 'cocuk' (its rgb value), e.g. to \"#" in problem


def test_a_light_section_colour_fails_white_on_its_band(booklet_copy):
    theme = shared(booklet_copy) / "theme.yaml"
    text = theme.read_text(encoding="utf-8")
    theme.write_text(text.replace('yatirim:       {rgb: "#1F6FA8"', 'yatirim:       {rgb: "#F4D03F"'), encoding="utf-8")
    with pytest.raises(BookletError) as raised:
        check(booklet_copy, Report())
    (problem,) = [d.message for d in raised.value.report.diagnostics]
    assert "'yatirim'" in problem and "has a contrast of 1." in problem

"""An independent separation check of the print file, the way a prepress inspector does it.

Ghostscript's ``tiffsep`` device renders every plate (C, M, Y, K and any spot) of every page
inside the BleedBox, once as printed and once with all text left out (``-dFILTERTEXT``).
PDFium says where each glyph is and at what size. A glyph lands on the plates whose pixels
change when the text is taken away: a black glyph that overprints changes only the black
plate, one that knocks out a tinted box changes the box's plates too. Nothing here uses
booklet's own preflight.
"""

from __future__ import annotations

import ctypes
import subprocess
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from PIL import Image, ImageChops, ImageMath

from booklet.build import build, targets_for

from .conftest import CONTENT

DPI = 100
SMALL = 9.0


def separations(gs: str, pdf: Path, folder: Path, name: str, *options: str) -> dict[int, dict[str, Image.Image]]:
    folder.mkdir(parents=True, exist_ok=True)
    command = [gs, "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=tiffsep", f"-r{DPI}", "-dUseBleedBox"]
    subprocess.run([*command, *options, f"-sOutputFile={folder}/{name}%02d.tif", str(pdf)], check=True)
    plates: dict[int, dict[str, Image.Image]] = {}
    for path in folder.glob(f"{name}*(*).tif"):
        page, plate = int(path.name[len(name) : len(name) + 2]), path.name.split("(")[1].rstrip(").tif")
        plates.setdefault(page, {})[plate] = ImageChops.invert(Image.open(path).convert("L"))  # 255: full ink
    return plates


def small_glyphs(pdf: Path, first: int = 1, last: int | None = None):
    """(page, character, pixel box, size) of every visible glyph under 9 pt inside the BleedBox."""
    document = pdfium.PdfDocument(str(pdf))
    for index in range(first - 1, last or len(document)):
        page = document[index]
        x0, y0, x1, y1 = page.get_bleedbox()
        text = page.get_textpage()
        for i in range(text.count_chars()):
            char = text.get_text_range(i, 1)
            size = pdfium_c.FPDFText_GetFontSize(text.raw, i)
            if not char.strip() or pdfium_c.FPDFText_IsGenerated(text.raw, i) or size >= SMALL:
                continue
            left, bottom, right, top = text.get_charbox(i)
            if not (x0 <= left and right <= x1 and y0 <= bottom and top <= y1):
                continue  # the slug outside the bleed is cut off
            s = DPI / 72
            pixels = (
                int((left - x0) * s) - 1,
                int((y1 - top) * s) - 1,
                int((right - x0) * s) + 2,
                int((y1 - bottom) * s) + 2,
            )
            yield index + 1, char, pixels, size
    document.close()


def is_black(text, index: int) -> bool:
    """PDFium's idea of the glyph's fill (as RGB): 100 % K comes out near black."""
    rgba = [ctypes.c_uint() for _ in range(4)]
    pdfium_c.FPDFText_GetFillColor(text.raw, index, *(ctypes.byref(v) for v in rgba))
    return max(v.value for v in rgba[:3]) < 80


def plates_of(box, printed: dict[str, Image.Image], textless: dict[str, Image.Image]) -> set[str]:
    return {
        plate
        for plate, image in printed.items()
        if ImageChops.difference(image.crop(box), textless[plate].crop(box)).getextrema()[1]
        > 3  # no anti-aliasing in tiffsep: any change is ink
    }


@pytest.fixture(scope="module")
def plates(ghostscript, print_pdf, tmp_path_factory):
    folder = tmp_path_factory.mktemp("separations")
    return separations(ghostscript, print_pdf, folder, "p"), separations(
        ghostscript, print_pdf, folder, "t", "-dFILTERTEXT"
    )


def test_every_glyph_under_9_pt_prints_on_one_plate(plates, print_pdf):
    printed, textless = plates
    glyphs = list(small_glyphs(print_pdf))
    several = [(page, char, sorted(plates_of(box, printed[page], textless[page]))) for page, char, box, _ in glyphs]
    assert len(glyphs) > 650  # running heads, folios' imprint, captions on pages 2–13
    assert [g for g in several if len(g[2]) != 1] == []
    assert {plate for _page, _char, found in several for plate in found} == {"Black"}


def test_maximum_ink_on_the_rendered_separations_is_within_300_per_cent(plates):
    printed, _textless = plates
    highest = 0.0
    for page in printed.values():
        assert set(page) == {"Cyan", "Magenta", "Yellow", "Black"}  # process only, no spot plates
        total = ImageMath.lambda_eval(
            lambda a: a["c"] + a["m"] + a["y"] + a["k"],
            **{k: page[n].convert("I") for k, n in zip("cmyk", ("Cyan", "Magenta", "Yellow", "Black"))},
        )
        highest = max(highest, total.getextrema()[1] / 2.55)
    assert 200 < highest <= 300


def test_black_text_overprints_and_knocks_out_without_it(ghostscript, print_pdf, tmp_path):
    """On page 4 the black call-out text (10.2 pt, 100 % K) sits on a tinted box: overprinting, it leaves
    the box's Cyan plate alone; built with --no-overprint, it cuts holes into it."""
    knockout = build(CONTENT, tmp_path, targets=targets_for("print", 3.0, True, overprint=False)).files[0].path
    for pdf, expected in ((print_pdf, {"Black"}), (knockout, {"Black", "Cyan", "Magenta", "Yellow"})):
        printed = separations(ghostscript, pdf, tmp_path / pdf.stem, "p", "-dFirstPage=4", "-dLastPage=4")[1]
        textless = separations(
            ghostscript, pdf, tmp_path / pdf.stem, "t", "-dFILTERTEXT", "-dFirstPage=4", "-dLastPage=4"
        )[1]
        document = pdfium.PdfDocument(str(pdf))
        page = document[3]
        x0, _y0, _x1, y1 = page.get_bleedbox()
        text = page.get_textpage()
        found = set()
        for i in range(text.count_chars()):
            if abs(pdfium_c.FPDFText_GetFontSize(text.raw, i) - 10.2) > 0.05 or not text.get_text_range(i, 1).strip():
                continue
            if not is_black(text, i):  # the figures in the call-out are bold in the section colour
                continue
            left, bottom, right, top = text.get_charbox(i)
            s = DPI / 72
            box = (
                int((left - x0) * s) + 1,
                int((y1 - top) * s) + 1,
                int((right - x0) * s) - 1,
                int((y1 - bottom) * s) - 1,
            )
            if box[2] > box[0] and box[3] > box[1]:
                found |= plates_of(box, printed, textless)
        document.close()
        assert found == expected, pdf.name


def font_name(text, index: int) -> str:
    name = ctypes.create_string_buffer(128)
    pdfium_c.FPDFText_GetFontInfo(text.raw, index, name, len(name), None)
    return name.value.decode("latin-1")


def test_coloured_text_is_at_least_9_pt_and_bold(plates, print_pdf):
    """Every glyph that puts ink on a plate other than Black (reverse type in white aside) is
    9 pt or larger and set in a bold face. The pixel box is shrunk by one pixel so a neighbour's
    ink does not count: at 100 dpi the glyphs of a 7.5 pt line nearly touch."""
    printed, textless = plates
    document = pdfium.PdfDocument(str(print_pdf))
    coloured, wrong = 0, []
    for index in range(len(document)):
        page = document[index]
        x0, y0, x1, y1 = page.get_bleedbox()
        text = page.get_textpage()
        for i in range(text.count_chars()):
            char = text.get_text_range(i, 1)
            if not char.strip() or pdfium_c.FPDFText_IsGenerated(text.raw, i):
                continue
            left, bottom, right, top = text.get_charbox(i)
            if not (x0 <= left and right <= x1 and y0 <= bottom and top <= y1):
                continue
            rgba = [ctypes.c_uint() for _ in range(4)]
            pdfium_c.FPDFText_GetFillColor(text.raw, i, *(ctypes.byref(v) for v in rgba))
            if min(v.value for v in rgba[:3]) > 240:  # white type knocked out of a background
                continue
            s = DPI / 72
            box = (int((left - x0) * s) + 1, int((y1 - top) * s) + 1, int((right - x0) * s), int((y1 - bottom) * s))
            if box[2] <= box[0] or box[3] <= box[1]:
                continue
            if plates_of(box, printed[index + 1], textless[index + 1]) - {"Black"}:
                coloured += 1
                size, font = pdfium_c.FPDFText_GetFontSize(text.raw, i), font_name(text, i)
                if size < SMALL - 0.005 or "Bold" not in font:
                    wrong.append((index + 1, char, round(size, 1), font))
    document.close()
    assert coloured > 2000  # headings, call-out figures, section numbers
    assert wrong == []

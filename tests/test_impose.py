"""booklet impose: printer spreads a shop can use, looked at on a render and read back."""

from __future__ import annotations

import io

import pikepdf
import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner

from booklet.cli import main
from booklet.diagnostics import BookletError
from booklet.impose import impose
from booklet.preflight import Rules, preflight

from .conftest import MM
from .printfiles import edit, good_pdf

SHEET_MARGIN_MM = 3 + 12  # bleed and marks area around the spread's trim


@pytest.fixture(scope="module")
def imposed(print_pdf, tmp_path_factory):
    target = tmp_path_factory.mktemp("imposed") / "elazig-imposed.pdf"
    return impose(print_pdf, target)


def render(path, index: int, dpi: int = 50):
    document = pdfium.PdfDocument(str(path))
    image = document[index].render(scale=dpi / 72).to_pil().convert("RGB")
    document.close()
    return image


def test_pages_keep_their_bleed_to_the_sheet_bleed_edge(imposed):
    """On the cover sheet (16 | 1) the blue background reaches 1.5 mm into the bleed on all outer edges."""
    image = render(imposed.path, 0)
    scale = 50 / 25.4
    px = lambda x_mm, y_mm: image.getpixel((round(x_mm * scale), round(y_mm * scale)))  # noqa: E731
    width_mm, height_mm = 2 * 210 + 2 * SHEET_MARGIN_MM, 297 + 2 * SHEET_MARGIN_MM
    for x, y in ((12 + 1.5, 100), (width_mm - 12 - 1.5, 250), (100, 12 + 1.5), (300, height_mm - 12 - 1.5)):
        red, green, blue = px(x, y)
        assert blue > red + 40 and blue < 200, (x, y)  # the cover's dark blue
    for x, y in ((12 - 1, 100), (width_mm - 12 + 1, 100), (100, 12 - 1)):
        assert px(x, y) == (255, 255, 255), (x, y)  # beyond the bleed: only marks


def test_the_inner_bleed_is_cut_at_the_spine(imposed):
    """Sheet 4 | 13: page 4's running-head bar stops at the fold, page 13's starts there."""
    image = render(imposed.path, 3, dpi=100)
    scale = 100 / 25.4
    spine = SHEET_MARGIN_MM + 210
    y = SHEET_MARGIN_MM + 1  # in the 3 mm bar at the top of both pages
    left = image.getpixel((round((spine - 0.7) * scale), round(y * scale)))
    right = image.getpixel((round((spine + 0.7) * scale), round(y * scale)))
    assert left != right and (255, 255, 255) not in (left, right)


def test_marks_slug_and_honest_metadata(imposed, print_pdf):
    report = preflight(imposed.path, Rules(page_multiple=1))
    assert report.passed, report.lines()
    assert "ok    marks: crop marks at the 4 trim corners, outside the bleed, on all 8 pages" in report.lines()
    document = pdfium.PdfDocument(str(imposed.path))
    width, _height = document[1].get_size()
    slug = document[1].get_textpage().get_text_bounded(0, 0, width, 6 * MM)
    assert "tabaka / sheet 1/4 · arka / back · 2|15 · 2024-05-01" in slug
    with pikepdf.open(imposed.path) as out, pikepdf.open(print_pdf) as source:
        out_xmp, source_xmp = out.open_metadata(), source.open_metadata()
        assert out_xmp["xmpMM:DocumentID"] != source_xmp["xmpMM:DocumentID"]
        assert out_xmp["xmpMM:InstanceID"] not in (source_xmp["xmpMM:InstanceID"], out_xmp["xmpMM:DocumentID"])
        assert out_xmp["pdfxid:GTS_PDFXVersion"] == "PDF/X-4" and imposed.pdfx
        fold = [line for line in pikepdf.parse_content_stream(out.pages[0]) if str(line.operator) == "d"]
        assert fold  # the dashed fold marks


def test_a_source_that_is_not_pdfx_gives_a_plain_pdf(tmp_path):
    source = tmp_path / "plain.pdf"
    source.write_bytes(edit(lambda p: p.Root.__delitem__("/OutputIntents")))
    result = impose(source, tmp_path / "out.pdf")
    assert not result.pdfx and result.reasons == ["the print file is not PDF/X-4"]
    with pikepdf.open(result.path) as out:
        assert "/GTS_PDFXVersion" not in out.docinfo and "/OutputIntents" not in out.Root
        assert "pdfxid:GTS_PDFXVersion" not in out.open_metadata()


def _leftmost_text_x(path, index: int, half: str) -> float:
    page = pdfium.PdfDocument(str(path))[index]
    width, height = page.get_size()
    text = page.get_textpage()
    xs = []
    for i in range(text.count_chars()):
        x0, y0, _x1, _y1 = text.get_charbox(i)
        inside = SHEET_MARGIN_MM * MM < y0 < height - SHEET_MARGIN_MM * MM
        if inside and (x0 < width / 2 if half == "left" else x0 > width / 2):
            xs.append(x0)
    return min(xs)


def test_creep_moves_inner_pages_towards_the_spine(print_pdf, imposed, tmp_path):
    crept = impose(print_pdf, tmp_path / "crept.pdf", creep_mm=0.9)
    # side 7 is the innermost sheet's back (8 | 9): its left page moves right by the full 0.9 mm
    shift = _leftmost_text_x(crept.path, 7, "left") - _leftmost_text_x(imposed.path, 7, "left")
    assert shift == pytest.approx(0.9 * MM, abs=0.05)
    shift = _leftmost_text_x(crept.path, 6, "right") - _leftmost_text_x(imposed.path, 6, "right")
    assert shift == pytest.approx(-0.9 * MM, abs=0.05)  # 10 | 7: the right page moves left
    assert _leftmost_text_x(crept.path, 0, "right") == pytest.approx(_leftmost_text_x(imposed.path, 0, "right"))
    assert crept.pdfx


def test_creep_beyond_the_bleed_and_bad_page_counts_are_refused(print_pdf, tmp_path):
    with pytest.raises(BookletError) as info:
        impose(print_pdf, tmp_path / "x.pdf", creep_mm=4)
    assert info.value.report.errors[0].message == "--creep 4 mm is more than the 3 mm bleed"
    six = tmp_path / "six.pdf"
    with pikepdf.open(io.BytesIO(good_pdf())) as pdf:
        pdf.pages.extend([pdf.pages[1], pdf.pages[2]])
        pdf.save(six)
    with pytest.raises(BookletError) as info:
        impose(six, tmp_path / "x.pdf")
    assert "6 pages is not a multiple of 4" in info.value.report.errors[0].message


def test_mixed_page_sizes_are_refused(tmp_path):
    mixed = tmp_path / "mixed.pdf"

    def shrink(pdf: pikepdf.Pdf) -> None:
        trim = [float(v) for v in pdf.pages[2].TrimBox]
        pdf.pages[2].TrimBox = [trim[0], trim[1], trim[2] - 20 * MM, trim[3]]

    mixed.write_bytes(edit(shrink))
    with pytest.raises(BookletError) as info:
        impose(mixed, tmp_path / "x.pdf")
    assert info.value.report.errors[0].message == "page 3 is 128 × 210 mm, page 1 is 148 × 210 mm"


def test_cli(print_pdf, tmp_path):
    target = tmp_path / "cli-imposed.pdf"
    done = CliRunner().invoke(main, ["impose", str(print_pdf), "-o", str(target), "--creep", "0.3"])
    assert done.exit_code == 0, done.output
    assert f"wrote {target} (8 sheet sides: 16|1, 2|15, 14|3, 4|13, …)" in done.output
    assert "PDF/X-4: it passes the same preflight as the print file" in done.output

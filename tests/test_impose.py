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


def test_the_inner_bleed_is_cut_at_the_spine(imposed, print_pdf):
    """At the fold each half of the sheet shows its own page: the colour bar at the top of the
    left page stops at the spine, the right page's starts there (checked against the pages)."""
    from booklet.impose import spread_order

    scale = 100 / 25.4
    y = 1.0  # mm below the trim, in the 3 mm bar at the top of body pages

    def source(number: int, x_mm: float):
        return render(print_pdf, number - 1, dpi=100).getpixel((round((15 + x_mm) * scale), round((15 + y) * scale)))

    differing = 0
    for side, (left, right) in enumerate(spread_order(16)):
        sheet = render(imposed.path, side, dpi=100)
        spine = SHEET_MARGIN_MM + 210
        at_left = sheet.getpixel((round((spine - 0.7) * scale), round((SHEET_MARGIN_MM + y) * scale)))
        at_right = sheet.getpixel((round((spine + 0.7) * scale), round((SHEET_MARGIN_MM + y) * scale)))
        assert at_left == source(left, 210 - 0.7) and at_right == source(right, 0.7), side
        differing += at_left != at_right
    assert differing >= 2  # sheets where the two pages' bars differ, so the cut shows


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
        assert not any("/Trans" in page.obj for page in out.pages)  # no empty transition from ReportLab
        fonts = set()
        for page in out.pages:
            fonts |= {str(f.BaseFont) for f in page.Resources.get("/Font", {}).values()}
            for form in page.Resources.XObject.values():
                fonts |= {str(f.BaseFont) for f in form.get("/Resources", {}).get("/Font", {}).values()}
        tags = [name[1:7] for name in fonts]
        assert len(fonts) >= 5 and len(set(tags)) == len(tags)  # the slug's subset and the pages' four


def test_a_source_that_is_not_pdfx_gives_a_plain_pdf(tmp_path):
    source = tmp_path / "plain.pdf"
    source.write_bytes(edit(lambda p: p.Root.__delitem__("/OutputIntents")))
    result = impose(source, tmp_path / "out.pdf")
    assert not result.pdfx and result.reasons == ["the print file is not PDF/X-4"]
    with pikepdf.open(result.path) as out:
        assert "/GTS_PDFXVersion" not in out.docinfo and "/OutputIntents" not in out.Root
        assert "pdfxid:GTS_PDFXVersion" not in out.open_metadata()


def _imprint_x(path, index: int, half: str) -> float:
    """Where the imprint beside the folio starts on one half of a sheet side."""
    page = pdfium.PdfDocument(str(path))[index]
    width, _height = page.get_size()
    text = page.get_textpage()
    searcher = text.search("Bilgilendirme Kitapçığı · Mayıs")
    starts = []
    while (found := searcher.get_next()) is not None:
        starts.append(text.get_charbox(found[0])[0])
    (x,) = [x for x in starts if (x < width / 2) == (half == "left")]
    return x


def test_creep_moves_inner_pages_towards_the_spine(print_pdf, imposed, tmp_path):
    crept = impose(print_pdf, tmp_path / "crept.pdf", creep_mm=0.9)
    # side 7 is the innermost sheet's back (8 | 9): its left page moves right by the full 0.9 mm
    shift = _imprint_x(crept.path, 7, "left") - _imprint_x(imposed.path, 7, "left")
    assert shift == pytest.approx(0.9 * MM, abs=0.05)
    shift = _imprint_x(crept.path, 6, "right") - _imprint_x(imposed.path, 6, "right")
    assert shift == pytest.approx(-0.9 * MM, abs=0.05)  # 10 | 7: the right page moves left
    shift = _imprint_x(crept.path, 2, "right") - _imprint_x(imposed.path, 2, "right")
    assert shift == pytest.approx(-0.3 * MM, abs=0.05)  # 14 | 3, the second of four sheets: a third of it
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


def test_registration_targets_print_on_every_plate_and_the_slug_on_black(imposed, ghostscript, tmp_path):
    """Ghostscript's separations of the cover sheet: each of the four targets (beside the spread at
    mid-height, above each page) has ink on all four plates; the slug's line only on Black."""
    import subprocess

    from PIL import Image, ImageChops

    dpi = 100
    subprocess.run(
        [ghostscript, "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=tiffsep", f"-r{dpi}", "-dFirstPage=1",
         "-dLastPage=1", f"-sOutputFile={tmp_path}/s.tif", str(imposed.path)],
        check=True,
    )  # fmt: skip
    plates = {
        name: ImageChops.invert(Image.open(tmp_path / f"s({name}).tif").convert("L"))
        for name in ("Cyan", "Magenta", "Yellow", "Black")
    }
    width, height = 2 * 210 + 2 * SHEET_MARGIN_MM, 297 + 2 * SHEET_MARGIN_MM
    px = dpi / 25.4

    def inked(x_mm: float, y_mm: float, r_mm: float) -> set[str]:
        box = tuple(round(v * px) for v in (x_mm - r_mm, y_mm - r_mm, x_mm + r_mm, y_mm + r_mm))
        return {name for name, image in plates.items() if image.crop(box).getextrema()[1] > 30}

    targets = [(6, height / 2), (width - 6, height / 2), (15 + 105, 6), (width - 15 - 105, 6)]
    for x, y in targets:
        assert inked(x, y, 2) == set(plates), (x, y)
    assert inked(15 + 12 + 20, height - 6.5, 1.2) == {"Black"}  # the slug, below the bottom-left crop marks
    assert inked(width / 2, height / 2, 2) == set(plates)  # the cover's four-colour background at the spine

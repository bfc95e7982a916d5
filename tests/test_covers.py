"""The covers as people see them: the ministry, accents clear of every line, the contact block, a QR code that scans."""

from __future__ import annotations

import importlib.util

import pikepdf
import pypdf
import pypdfium2 as pdfium
import pytest
import zxingcpp

from booklet import fonts as font_registry
from booklet.build import build
from booklet.content.model import PageSize
from booklet.layout.colours import Palette
from booklet.layout.covers import CLEARANCE, cover_plan
from booklet.layout.styles import Geometry, Styles

from .conftest import MM, ROOT, shared


def provinces() -> list[str]:
    spec = importlib.util.spec_from_file_location("bench_provinces", ROOT / "benchmarks" / "bench_provinces.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return list(module.PROVINCES)


@pytest.fixture(scope="module")
def styles():
    from booklet.build import layout_booklet
    from booklet.diagnostics import Report

    from .conftest import CONTENT

    layout = layout_booklet(CONTENT, Report())
    return Styles(Geometry.for_page(PageSize("A4", 210, 297)), font_registry.register(), Palette(layout.booklet.theme))


def test_no_accent_comes_near_a_rule_or_another_line_for_any_province(styles):
    names = provinces()
    assert len(names) == 81 and "Çanakkale" in names and "Şanlıurfa" in names and "Iğdır" in names
    for name in names:
        plan = cover_plan(
            styles,
            name,
            "İli Bilgilendirme Kitapçığı",
            "Strateji Geliştirme Başkanlığı",
            "T.C. Aile ve Sosyal Hizmetler Bakanlığı",
            "Mayıs 2024",
            "2024-2",
        )
        boxes = plan.boxes()
        for (bottom, _top, upper), (_bottom, top, lower) in zip(boxes, boxes[1:]):
            assert bottom - top >= CLEARANCE, (name, upper, lower, bottom - top)


def test_the_breve_of_elazig_clears_the_stripe_on_the_page(built):
    """Read from the rendered cover: a run of background rows between the stripe and the Ğ."""
    page = pdfium.PdfDocument(str(built))[0]
    scale = 600 / 72
    image = page.render(scale=scale).to_pil().convert("RGB")
    x = round(82 * MM * scale)  # through the Ğ of ELAZIĞ
    background = image.getpixel((round(5 * MM * scale), round(150 * MM * scale)))
    column = [image.getpixel((x, y)) for y in range(image.height)]
    rows = [y for y, px in enumerate(column) if sum(abs(a - b) for a, b in zip(px, background)) > 60]
    # the first inked rows from the top are the stripe, then a gap, then the breve
    runs, start = [], rows[0]
    for a, b in zip(rows, rows[1:]):
        if b - a > 1:
            runs.append((start, a))
            start = b
    runs.append((start, rows[-1]))
    stripe, breve = [r for r in runs if r[1] * 72 / 600 > 80 * MM][:2]
    assert (breve[0] - stripe[1]) * 72 / 600 >= CLEARANCE


def test_the_cover_names_the_ministry_and_not_the_edition(built):
    text = pypdf.PdfReader(built).pages[0].extract_text()
    assert text.startswith("T.C. AİLE VE SOSYAL HİZMETLER BAKANLIĞI")
    assert "Mayıs 2024" in text and "STRATEJİ GELİŞTİRME BAŞKANLIĞI" in text
    assert "2024-2" not in text


def test_the_edition_is_shown_when_the_content_asks(booklet_copy, tmp_path):
    prose = shared(booklet_copy) / "prose.yaml"
    prose.write_text(prose.read_text(encoding="utf-8").replace("show_edition: false", "show_edition: true"))
    text = pypdf.PdfReader(build(booklet_copy, tmp_path).path).pages[0].extract_text()
    assert "2024-2" in text


def test_the_back_cover_prints_only_the_contact_data_given(pdf):
    back = pdf[len(pdf) - 1].get_textpage().get_text_range()
    assert "aile.gov.tr" in back and "ALO 183" in back
    for label in ("Adres", "Telefon", "E-posta"):
        assert label not in back


def test_a_contact_field_that_is_given_is_printed_with_its_label(booklet_copy, tmp_path):
    prose = shared(booklet_copy) / "prose.yaml"
    text = prose.read_text(encoding="utf-8").replace(
        "    hotline: ALO 183", "    telephone: 0 (312) 000 00 00\n    hotline: ALO 183"
    )
    prose.write_text(text, encoding="utf-8")
    reader = pypdf.PdfReader(build(booklet_copy, tmp_path).path)
    back = reader.pages[-1].extract_text()
    assert "Telefon" in back and "0 (312) 000 00 00" in back


def test_the_qr_code_scans_to_the_booklets_web_page(pdf):
    image = pdf[len(pdf) - 1].render(scale=200 / 72).to_pil()
    found = zxingcpp.read_barcodes(image)
    assert [code.text for code in found] == ["https://www.aile.gov.tr/"]


def test_the_qr_code_prints_on_the_black_plate_only(print_pdf):
    """Every square of the code on the back cover is filled with 0 0 0 1 k: one plate."""
    with pikepdf.open(print_pdf) as pdf:
        page = pdf.pages[-1]
        fill, squares = None, []
        for operands, operator in pikepdf.parse_content_stream(page):
            op = str(operator)
            if op == "k":
                fill = tuple(float(v) for v in operands)
            elif op in ("rg", "g", "sc", "scn", "cs"):
                fill = op
            elif op == "re":
                x, y, w, h = (float(v) for v in operands)
                if 0 < w < 3 and abs(h - w) < 1e-6 or (0 < h < 3 and w >= h):
                    squares.append(fill)
    assert len(squares) > 100
    assert set(squares) == {(0.0, 0.0, 0.0, 1.0)}

"""The print file as a print shop reads it: boxes, colour, PDF/X keys, page count, imposition."""

from __future__ import annotations

import io
import struct

import pikepdf
import pypdf
import pypdfium2 as pdfium
import pytest

from booklet.build import build, check, targets_for
from booklet.diagnostics import BookletError, Report
from booklet.impose import impose, spread_order
from booklet.preflight import preflight

from .conftest import CONTENT, MM, normalise, shared

MARKS_MM = 12


def boxes(page) -> dict[str, list[float]]:
    return {name: [round(float(v) / MM, 1) for v in page[name]] for name in ("/MediaBox", "/TrimBox", "/BleedBox")}


def test_boxes_on_every_page(print_pdf):
    reader = pypdf.PdfReader(print_pdf)
    offset = 3 + MARKS_MM
    for page in reader.pages:
        b = boxes(page)
        assert b["/MediaBox"] == [0, 0, 210 + 2 * offset, 297 + 2 * offset]
        assert b["/TrimBox"] == [offset, offset, offset + 210, offset + 297]
        assert b["/BleedBox"] == [offset - 3, offset - 3, offset + 213, offset + 300]


def _operators(pdf: pikepdf.Pdf):
    for page in pdf.pages:
        yield from (str(op) for _, op in pikepdf.parse_content_stream(page))


def test_no_device_rgb_anywhere(print_pdf):
    with pikepdf.open(print_pdf) as pdf:
        ops = set(_operators(pdf))
        assert "rg" not in ops and "RG" not in ops
        assert "k" in ops  # CMYK fills
        for page in pdf.pages:
            for xobject in page.obj.Resources.get("/XObject", {}).values():
                assert str(xobject.get("/ColorSpace", "/DeviceCMYK")) != "/DeviceRGB"


def test_screen_file_uses_the_rgb_twins(built):
    with pikepdf.open(built) as pdf:
        ops = set(_operators(pdf))
    assert "rg" in ops and "k" not in ops


def test_body_text_is_pure_black_ink(print_pdf):
    with pikepdf.open(print_pdf) as pdf:
        fills = set()
        for operands, op in pikepdf.parse_content_stream(pdf.pages[3]):
            if str(op) == "k":
                fills.add(tuple(round(float(v), 3) for v in operands))
    assert (0, 0, 0, 1) in fills


def test_pdfx_output_intent_and_keys(print_pdf):
    with pikepdf.open(print_pdf) as pdf:
        (intent,) = pdf.Root.OutputIntents
        assert intent.S == "/GTS_PDFX"
        assert str(intent.OutputConditionIdentifier) == "FOGRA39"
        profile = intent.DestOutputProfile
        assert int(profile.N) == 4 and len(profile.read_bytes()) > 100_000
        assert str(pdf.docinfo.GTS_PDFXVersion) == "PDF/X-4"
        assert pdf.docinfo.Trapped == pikepdf.Name("/False")
        assert str(pdf.docinfo.Title) == "Elazığ İli Bilgilendirme Kitapçığı"
        assert str(pdf.docinfo.CreationDate) == "D:20240501000000Z"
        assert pdf.pdf_version >= "1.6"
        xmp = pdf.open_metadata()
        assert xmp["pdfxid:GTS_PDFXVersion"] == "PDF/X-4"
        assert xmp["pdf:Trapped"] == "False"
        assert xmp["dc:title"] == "Elazığ İli Bilgilendirme Kitapçığı"


def test_padded_to_a_multiple_of_four_with_blanks_before_the_back_cover(print_pdf, page_texts):
    document = pdfium.PdfDocument(str(print_pdf))
    texts = [normalise(page.get_textpage().get_text_range()) for page in document]
    assert len(texts) == 16 and len(page_texts) == 13
    slug = "elazig-2024-2-print.pdf"
    for index in (12, 13, 14):  # only the slug line on the three blank pages
        assert texts[index].startswith(slug) and f"{index + 1}/16" in texts[index] and len(texts[index]) < 60
    assert "YÜZÜNCÜ YILI" in texts[15]


def test_same_page_breaks_as_the_screen_file(print_pdf, pdf):
    document = pdfium.PdfDocument(str(print_pdf))
    offset = (3 + MARKS_MM) * MM
    printed = []
    for page in document:
        w, h = page.get_size()
        printed.append(normalise(page.get_textpage().get_text_bounded(offset, offset, w - offset, h - offset)))
    screen = [normalise(page.get_textpage().get_text_range()) for page in pdf]
    # PDFium drops a page-final hyphen when it extracts a region; the words are the same
    assert [t.rstrip("-\xad") for t in printed[:12]] == [t.rstrip("-\xad") for t in screen[:12]]
    assert printed[12] == printed[13] == printed[14] == ""
    assert printed[15] == screen[12]


def test_backgrounds_reach_the_bleed_edge_and_marks_stay_outside(print_pdf):
    image = pdfium.PdfDocument(str(print_pdf))[0].render(scale=2).to_pil().convert("RGB")
    px = lambda x_mm, y_mm: image.getpixel((round(x_mm * MM * 2), round(y_mm * MM * 2)))  # noqa: E731
    offset = 3 + MARKS_MM
    inside = px(offset + 5, offset + 150)
    in_bleed = px(offset - 1.5, offset + 150)
    outside = px(offset - 4, offset + 150)
    assert inside == in_bleed != (255, 255, 255)
    assert outside == (255, 255, 255)
    mark = px(offset - 3 - 1 - 3, offset)  # on the horizontal crop mark at the trim line
    assert mark != (255, 255, 255)


def test_print_output_is_byte_identical(print_pdf, tmp_path):
    again = build(CONTENT, tmp_path, targets=targets_for("print", 3.0, True)).files[0].path
    assert again.read_bytes() == print_pdf.read_bytes()


def test_no_marks_and_wider_bleed(tmp_path):
    result = build(CONTENT, tmp_path, targets=targets_for("print", 5.0, False))
    page = pypdf.PdfReader(result.files[0].path).pages[0]
    b = boxes(page)
    assert b["/MediaBox"] == b["/BleedBox"] == [0, 0, 220, 307]
    assert b["/TrimBox"] == [5, 5, 215, 302]
    assert result.preflight.passed


def test_build_runs_preflight_on_the_print_file(build_all):
    assert build_all.preflight is not None and build_all.preflight.passed


def test_preflight_passes_the_print_file_and_fails_the_screen_file(print_pdf, built):
    assert preflight(print_pdf).passed
    screen = preflight(built)
    assert not screen.passed
    text = "\n".join(screen.lines())
    assert "13 pages is not a multiple of 4" in text
    assert "pages 1–13: no TrimBox" in text
    assert "pages 1–13: colour in DeviceRGB: the press needs CMYK" in text
    assert "no PDF/X OutputIntent" in text


def test_spread_order():
    assert spread_order(16) == [(16, 1), (2, 15), (14, 3), (4, 13), (12, 5), (6, 11), (10, 7), (8, 9)]
    assert spread_order(4) == [(4, 1), (2, 3)]
    with pytest.raises(ValueError):
        spread_order(6)


def test_imposed_file_puts_pages_in_folding_order(print_pdf, tmp_path):
    target = tmp_path / "imposed.pdf"
    assert impose(print_pdf, target).sides == 8
    document = pdfium.PdfDocument(str(target))
    assert len(document) == 8
    width, height = document[0].get_size()
    assert round(width / MM) == 2 * 210 + 2 * (3 + MARKS_MM) and round(height / MM) == 297 + 2 * (3 + MARKS_MM)

    def half(index: int, side: str) -> str:
        page = document[index]
        w, h = page.get_size()
        left, right = (0, w / 2) if side == "left" else (w / 2, w)
        margin = (3 + MARKS_MM) * MM  # the slug and the pages' own hidden slugs lie outside
        return normalise(page.get_textpage().get_text_bounded(left, margin, right, h - margin))

    assert "YÜZÜNCÜ YILI" in half(0, "left") and "ELAZIĞ" in half(0, "right")  # 16 | 1
    assert "İÇİNDEKİLER" in half(1, "left") and half(1, "right") == ""  # 2 | 15 (blank)
    assert half(2, "right").endswith("3") or "AİLE VE TOPLUM" in half(2, "right")  # 14 | 3
    with pikepdf.open(target) as pdf:
        assert str(pdf.docinfo.GTS_PDFXVersion) == "PDF/X-4"
        assert "/OutputIntents" in pdf.Root


def test_theme_colours_must_suit_the_press(booklet_copy):
    theme = shared(booklet_copy) / "theme.yaml"
    text = theme.read_text(encoding="utf-8")
    text = text.replace("cmyk: [0, 0, 0, 100]}     # metin", "cmyk: [80, 80, 80, 100]}     # metin")
    text = text.replace("cmyk: [95, 72, 30, 18]", "cmyk: [95, 92, 90, 68]")
    theme.write_text(text, encoding="utf-8")
    with pytest.raises(BookletError) as info:
        check(booklet_copy, Report())
    messages = [d.message for d in info.value.report.errors]
    assert "colour 'cover' needs 345 per cent of ink; the press allows 300 per cent" in messages
    assert "colour 'text' needs 340 per cent of ink; the press allows 300 per cent" in messages
    assert "the text colour must print as pure black, cmyk [0, 0, 0, 100]" in messages


def test_black_text_overprints_in_the_graphics_state(print_pdf):
    """Every 100 % K text show runs under /OP true /op true /OPM 1; other text does not."""
    with pikepdf.open(print_pdf) as pdf:
        page = pdf.pages[3]
        states = page.Resources.ExtGState
        overprinting = {str(name) for name, gs in states.items() if gs.get("/op") is True}
        assert overprinting and all(states[n].OP is True and states[n].OPM == 1 for n in overprinting)
        fill, current, shows = None, None, []
        for operands, op in pikepdf.parse_content_stream(page):
            op = str(op)
            if op == "k":
                fill = tuple(round(float(v), 3) for v in operands)
            elif op == "gs":
                current = str(operands[0])
            elif op == "ET":
                current = current if current not in overprinting else None
            elif op in ("Tj", "TJ"):
                shows.append((fill == (0, 0, 0, 1), current in overprinting))
    assert shows and all(black == over for black, over in shows)
    assert sum(black for black, _ in shows) > 20


def test_small_fixes_subset_tags_transitions_profile_date_and_ids(print_pdf):
    with pikepdf.open(print_pdf) as pdf:
        tags = {str(f.BaseFont)[1:7] for page in pdf.pages for f in page.Resources.Font.values()}
        assert len(tags) == 4  # four fonts, four tags (ReportLab named them all AAAAAA+)
        assert not any("/Trans" in page.obj for page in pdf.pages)
        profile = pdf.Root.OutputIntents[0].DestOutputProfile.read_bytes()
        assert struct.unpack(">6H", profile[24:36]) <= (2024, 5, 1, 0, 0, 0)
        xmp = pdf.open_metadata()
        assert xmp["xmpMM:InstanceID"] != xmp["xmpMM:DocumentID"]
        assert xmp["pdfuaid:part"] == "1" and xmp["pdfxid:GTS_PDFXVersion"] == "PDF/X-4"  # one packet, both


def test_xmp_takes_extra_properties(print_pdf):
    from booklet.pdf.pdfx import finish_pdfx

    data = finish_pdfx(print_pdf.read_bytes(), "Başlık", 1714521600, xmp_extra={"dc:rights": "CC BY 4.0"})
    with pikepdf.open(io.BytesIO(data)) as pdf:
        xmp = pdf.open_metadata()
        assert xmp["dc:rights"] == "CC BY 4.0" and xmp["pdfxid:GTS_PDFXVersion"] == "PDF/X-4"
        assert xmp["pdfuaid:part"] == "1"  # kept from the tagged input


def test_no_overprint_and_a_narrow_bleed_warning(tmp_path):
    report = Report()
    result = build(CONTENT, tmp_path, report, targets=targets_for("print", 1.0, True, overprint=False))
    assert [d.message for d in report.warnings] == ["the print file has 1 mm bleed; most print shops need 3 mm"]
    assert result.preflight.passed
    assert any("bleed 1.0 mm is less than the usual 3 mm" in line for line in result.preflight.lines())
    with pikepdf.open(result.files[0].path) as pdf:
        assert all(gs.get("/op") is not True for gs in pdf.pages[3].Resources.get("/ExtGState", {}).values())
    with pytest.raises(BookletError):
        build(CONTENT, tmp_path / "strict", Report(strict=True), targets=targets_for("print", 1.0, True))


def test_muted_colour_must_print_on_one_plate(booklet_copy):
    theme = shared(booklet_copy) / "theme.yaml"
    text = theme.read_text(encoding="utf-8").replace("cmyk: [0, 0, 0, 70]", "cmyk: [20, 10, 0, 65]")
    theme.write_text(text, encoding="utf-8")
    with pytest.raises(BookletError) as info:
        check(booklet_copy, Report())
    (error,) = info.value.report.errors
    assert error.message == (
        "the colour 'muted' sets small type (running heads, folios, captions) and must print on one plate"
    )
    assert str(error.location).endswith("prose/theme.yaml:8:3")


def test_an_a5_edition_keeps_small_type_on_one_plate(booklet_copy, tmp_path):
    """A5 scales the body to 8.5 pt: its bold figures print in black, not the section colour."""
    (booklet_copy / "booklet.yaml").open("a", encoding="utf-8").write("page_size: A5\n")
    result = build(booklet_copy, tmp_path, targets=targets_for("print", 3.0, True))
    assert result.preflight.passed
    assert result.preflight.facts["small_text_glyphs"] > 10_000
    assert result.preflight.facts["small_text_glyphs_on_several_plates"] == 0


def test_build_bleed_1_warns_and_its_preflight_is_the_command_with_the_same_bleed(tmp_path):
    """`booklet build --bleed 1` prints the warning; the preflight it prints is line for line what
    `booklet preflight --bleed 1` says of the same file, and the default 3 mm rule fails it."""
    from click.testing import CliRunner

    from booklet.cli import main

    runner = CliRunner()
    built = runner.invoke(
        main, ["--lang", "en", "build", str(CONTENT), "--target", "print", "--bleed", "1", "-o", str(tmp_path)]
    )
    assert built.exit_code == 0, built.output
    path = tmp_path / "elazig-2024-2-print.pdf"
    assert f"{path}: warning: the print file has 1 mm bleed; most print shops need 3 mm" in built.output
    own = [
        line.strip()
        for line in built.output.splitlines()
        if line.startswith(("  ok ", "  WARN", "  FAIL", "  preflight"))
    ]
    agreed = runner.invoke(main, ["--lang", "en", "preflight", str(path), "--bleed", "1"])
    assert agreed.exit_code == 0 and own == agreed.output.splitlines()
    assert "WARN  boxes: pages 1–16: bleed 1.0 mm is less than the usual 3 mm: agree it with the print shop" in own
    usual = runner.invoke(main, ["--lang", "en", "preflight", str(path)])
    assert usual.exit_code == 1 and "FAIL  boxes: pages 1–16: bleed 1.0 mm < 3 mm" in usual.output

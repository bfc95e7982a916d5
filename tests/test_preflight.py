"""Preflight on deliberately broken PDFs: each fault gives the line a printer would expect."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image
from reportlab.lib.colors import CMYKColor
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from booklet.cli import main
from booklet.fonts import register
from booklet.preflight import Rules, preflight

from .conftest import DATA
from .printfiles import BROKEN

W, H = 210 * mm, 297 * mm
GHOSTSCRIPT_PDFX4 = DATA / "pdfx4-ghostscript" / "pdfx4-ghostscript.pdf"


def make_pdf(
    path: Path,
    *,
    bleed: float = 3 * mm,
    font: str | None = None,
    image: Image.Image | None = None,
    image_mm: float = 50,
    pages: int = 4,
) -> Path:
    """A small print-like PDF; each keyword breaks one rule."""
    fonts = register()
    canvas = Canvas(str(path), pagesize=(W + 2 * bleed, H + 2 * bleed), invariant=1, initialFontName=fonts.regular)
    canvas.setTrimBox((bleed, bleed, bleed + W, bleed + H))
    canvas.setBleedBox((0, 0, W + 2 * bleed, H + 2 * bleed))
    for _ in range(pages):
        canvas.setFillColor(CMYKColor(0, 0, 0, 1))
        canvas.setFont(font or fonts.regular, 12)
        canvas.drawString(bleed + 20 * mm, bleed + 250 * mm, "Şiddet Önleme ve İzleme Merkezi")
        if image is not None:
            canvas.drawImage(ImageReader(image), bleed + 20 * mm, bleed + 100 * mm, image_mm * mm, image_mm * mm)
        canvas.showPage()
    canvas.save()
    return path


def lines(path: Path) -> str:
    return "\n".join(preflight(path).lines())


def test_clean_cmyk_file_has_only_the_pdfx_failures(tmp_path):
    report = preflight(make_pdf(tmp_path / "ok.pdf"))
    failing = {f.check for f in report.failures}
    assert failing == {"pdfx", "metadata"}  # no OutputIntent, no XMP: a plain ReportLab file is not PDF/X
    assert "ok    boxes: TrimBox 210 × 297 mm and 3.0 mm bleed on all 4 pages" in report.lines()


def test_rgb_image_fails(tmp_path):
    path = make_pdf(tmp_path / "rgb.pdf", image=Image.new("RGB", (800, 800), (200, 30, 30)), image_mm=50)
    assert "colour in DeviceRGB" not in lines(path)
    assert "FAIL  colour: pages 1–4: image" in lines(path)
    assert "in DeviceRGB: the press needs CMYK or spot colour" in lines(path)


def test_missing_bleed_fails(tmp_path):
    text = lines(make_pdf(tmp_path / "nobleed.pdf", bleed=0))
    assert "FAIL  boxes: pages 1–4: bleed 0.0 mm < 3 mm" in text


def test_unembedded_font_fails(tmp_path):
    text = lines(make_pdf(tmp_path / "helvetica.pdf", font="Helvetica"))
    assert "FAIL  fonts: page 1: font Helvetica is not embedded" in text


def test_low_resolution_image_fails_and_medium_warns(tmp_path):
    low = make_pdf(tmp_path / "low.pdf", image=Image.new("CMYK", (200, 200), (0, 50, 100, 0)), image_mm=50)
    assert "FAIL  images: pages 1–4: image" in lines(low) and "102 ppi < 200" in lines(low)
    medium = make_pdf(tmp_path / "medium.pdf", image=Image.new("CMYK", (500, 500), (0, 50, 100, 0)), image_mm=50)
    report = preflight(medium)
    assert "254 ppi < 300" in "\n".join(report.lines())
    assert not any(f.check == "images" for f in report.failures)
    assert any(f.check == "images" for f in report.warnings)


def test_page_count_must_suit_saddle_stitching(tmp_path):
    assert "6 pages is not a multiple of 4" in lines(make_pdf(tmp_path / "six.pdf", pages=6))


def test_total_ink_over_the_limit(tmp_path):
    path = tmp_path / "ink.pdf"
    canvas = Canvas(str(path), pagesize=(W, H), invariant=1, initialFontName=register().regular)
    canvas.setFillColor(CMYKColor(1, 1, 1, 1))
    canvas.rect(0, 0, W, H, stroke=0, fill=1)
    canvas.save()
    assert "FAIL  ink: page 1: total ink 400 % > 300 %" in lines(path)
    assert preflight(path, Rules(max_ink=400)).failures != []  # other rules still fail


def test_not_a_pdf(tmp_path):
    path = tmp_path / "x.pdf"
    path.write_text("hello")
    report = preflight(path)
    assert not report.passed and report.failures[0].check == "file"
    assert report.lines()[0] == "FAIL  file: the file is not a PDF: it does not start with %PDF-"


EXTRA = {  # other rules a fault legitimately breaks as well
    "aes-256-encrypted": {"pdfx"},  # AES-256 needs a PDF 1.7 (extension level 3) header
}


@pytest.mark.usefixtures("without_ghostscript")
@pytest.mark.parametrize("name", sorted(BROKEN))
def test_every_broken_file_fails_with_the_right_rule(name):
    check, make = BROKEN[name]
    failing = {f.check for f in preflight(f"{name}.pdf", data=make()).failures}
    assert failing == {check} | EXTRA.get(name, set())


def test_the_corpus_holds_the_faults_the_inspection_found():
    inspection = {  # the 17 faults an independent inspection slipped past the old preflight, and the rest
        "cmyk-400-image", "separation-rgb-alternate", "srgb-output-profile", "pdfx-3-version",
        "rich-black-body-text", "artwork-clipped-at-trim", "javascript-open-action", "annotation-inside-trim",
        "transfer-function", "info-xmp-disagree", "rgb-transparency-group", "rgb-annotation-appearance",
        "rgb-shading-pattern", "pdf-1.7-header", "aes-256-encrypted", "devicen-rgb-alternate", "iccbased-rgb",
        "icc-n-against-profile", "rgb-soft-mask", "rgb-type3-glyph", "rgb-form-six-deep", "halftone-phase",
        "opi-image", "crop-marks-in-bleed", "small-text-three-plates", "bleed-1-mm",
    }  # fmt: skip
    assert inspection <= set(BROKEN) and len(BROKEN) >= 26


def test_a_pdfx4_file_made_by_ghostscript_passes_without_a_finding(ghostscript):
    """Made by Ghostscript's pdfwrite (tests/data/pdfx4-ghostscript/make.sh), not by booklet."""
    report = preflight(GHOSTSCRIPT_PDFX4)
    assert report.passed and report.warnings == [], report.lines()
    assert report.facts["ink_method"] == "separations" and round(report.facts["max_ink"]) == 215
    assert "ok    text: Turkish text extracts (Ö ü ğ İ ı Ş ş found)" in report.lines()


def test_cli_exit_codes_and_json(tmp_path, print_pdf, built):
    runner = CliRunner()
    ok = runner.invoke(main, ["preflight", str(print_pdf)])
    assert ok.exit_code == 0 and "preflight PASS" in ok.output
    bad = runner.invoke(main, ["preflight", str(built), "--json"])
    assert bad.exit_code == 1
    data = json.loads(bad.output)
    assert data["passed"] is False and data["pages"] == 13
    assert {
        "level": "fail",
        "check": "boxes",
        "message": "no TrimBox: the printer cannot tell where to cut",
        "page": 3,
    } in data["findings"]
    assert runner.invoke(main, ["preflight", str(tmp_path / "missing.pdf")]).exit_code == 2

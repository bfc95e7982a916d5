"""Preflight on deliberately broken PDFs: each fault gives the line a printer would expect."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from PIL import Image
from reportlab.lib.colors import CMYKColor
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from booklet.cli import main
from booklet.fonts import register
from booklet.preflight import Rules, preflight

W, H = 210 * mm, 297 * mm


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
    assert failing == {"pdfx"}  # no OutputIntent: a plain ReportLab file is not PDF/X
    assert "ok    boxes: TrimBox 210 × 297 mm and 3.0 mm bleed on all 4 pages" in report.lines()


def test_rgb_image_fails(tmp_path):
    path = make_pdf(tmp_path / "rgb.pdf", image=Image.new("RGB", (800, 800), (200, 30, 30)), image_mm=50)
    assert "colour in DeviceRGB" not in lines(path)
    assert "FAIL  colour: pages 1–4: image" in lines(path)
    assert "in DeviceRGB: the press needs CMYK" in lines(path)


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

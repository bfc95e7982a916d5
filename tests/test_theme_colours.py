"""Theme colours: CMYK derived from RGB through FOGRA39, and RGB/CMYK pairs that disagree."""

from __future__ import annotations

import re

import pikepdf
import pytest
from click.testing import CliRunner

from booklet import i18n
from booklet.cli import main
from booklet.colour_match import THRESHOLD, ciede2000, derived_cmyk, difference

from .conftest import CONTENT

AILE = '  aile:          {rgb: "#0D7585", cmyk: [88, 25, 38, 5]}'


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture()
def english_afterwards():
    yield
    i18n.setup("en")


def theme_with(booklet, line: str):
    theme = booklet / "../../prose/theme.yaml"
    text = theme.read_text(encoding="utf-8")
    assert AILE in text
    theme.write_text(text.replace(AILE, line), encoding="utf-8")
    return theme.resolve()


# Sharma, Wu and Dalal (2005), table 1: pairs 1, 7, 17, 34 and the neutral pair 27
@pytest.mark.parametrize(
    ("lab1", "lab2", "expected"),
    [
        ((50, 2.6772, -79.7751), (50, 0, -82.7485), 2.0425),
        ((50, 0, 0), (50, -1, 2), 2.3669),
        ((50, 2.5, 0), (73, 25, -18), 27.1492),
        ((2.0776, 0.0795, -1.1350), (0.9033, -0.0636, -0.5514), 0.9082),
        ((63.0109, -31.0961, -5.8663), (62.8187, -29.7946, -4.0864), 1.2630),
    ],
)
def test_ciede2000_matches_the_published_pairs(lab1, lab2, expected):
    assert ciede2000(lab1, lab2) == pytest.approx(expected, abs=1e-4)
    assert ciede2000(lab2, lab1) == pytest.approx(expected, abs=1e-4)


def test_a_derived_cmyk_is_the_same_colour_and_the_same_every_time():
    rgb = (0x0D / 255, 0x75 / 255, 0x85 / 255)
    assert derived_cmyk(rgb) == derived_cmyk(rgb) == (75, 1, 17, 48)
    assert difference(rgb, tuple(v / 100 for v in derived_cmyk(rgb))) < 1


def test_an_rgb_only_colour_prints_as_its_derived_cmyk(booklet_copy, tmp_path):
    theme_with(booklet_copy, '  aile:          {rgb: "#0D7585"}')
    result = run("build", str(booklet_copy), "-o", str(tmp_path / "out"), "--target", "print")
    assert result.exit_code == 0, result.output
    (pdf_path,) = (tmp_path / "out").glob("*print*.pdf")
    fills = set()
    with pikepdf.open(pdf_path) as pdf:
        for page in pdf.pages:
            for operands, op in pikepdf.parse_content_stream(page):
                if str(op) in ("k", "K"):
                    fills.add(tuple(round(float(v), 2) for v in operands))
    assert (0.75, 0.01, 0.17, 0.48) in fills  # the section band of "Aile ve Toplum"
    assert (0.88, 0.25, 0.38, 0.05) not in fills


def test_check_prints_the_derived_cmyk_to_pin(booklet_copy, english_afterwards):
    theme = theme_with(booklet_copy, '  aile:          {rgb: "#0D7585"}')
    result = run("--lang", "tr", "check", str(booklet_copy))
    assert result.exit_code == 0, result.output
    assert f"{theme}:10:3: bilgi: 'aile' renginin cmyk değeri yok; FOGRA39 ile cmyk [75, 1, 17, 48] olarak basılır" in (
        result.output
    )
    assert "theme.yaml'da rgb'nin yanına cmyk: [75, 1, 17, 48] yazın" in result.output


def test_check_strict_does_not_fail_on_a_derived_cmyk(booklet_copy):
    theme_with(booklet_copy, '  aile:          {rgb: "#0D7585"}')
    result = run("check", "--strict", str(booklet_copy))
    assert "note: colour 'aile' has no cmyk" in result.output
    assert not re.search(r"theme\.yaml:10:3: error", result.output)


def test_a_mismatched_pair_warns_with_the_colour_and_its_place(booklet_copy, english_afterwards):
    theme = theme_with(booklet_copy, '  aile:          {rgb: "#0D7585", cmyk: [0, 100, 0, 0]}')
    result = run("--lang", "tr", "check", str(booklet_copy))
    assert (
        f"{theme}:10:3: uyarı: 'aile' rengi: rgb ve cmyk [0, 100, 0, 0] değerleri farklı renkler (ΔE00 "
        in result.output
    )
    delta = float(re.search(r"'aile' rengi: .*\(ΔE00 ([\d,]+);", result.output).group(1).replace(",", "."))
    assert delta > THRESHOLD
    assert "FOGRA39 ile rgb değeri cmyk [75, 1, 17, 48] olarak basılır" in result.output


def test_a_colour_the_press_cannot_print_warns(booklet_copy):
    theme_with(booklet_copy, '  aile:          {rgb: "#0000FF"}')
    result = run("check", str(booklet_copy))
    assert "colour 'aile' is outside what the press can print" in result.output


def test_black_only_colours_are_not_compared(booklet_copy):
    result = run("check", str(booklet_copy))
    assert "'text'" not in result.output and "'muted'" not in result.output


# The shipped theme's CMYK values were typed by hand and four of them are not the colour of
# their RGB through FOGRA39 (ΔE00 cover 5.9, aile 7.8, cocuk 17.0, engelli-yasli 8.8). They are
# pinned by test_accessibility_contrast.py and left for the designer to decide.
@pytest.mark.xfail(strict=True, reason="shipped CMYK of cover, aile, cocuk, engelli-yasli differ from their RGB")
def test_the_shipped_theme_gives_no_colour_warning():
    result = run("check", str(CONTENT))
    assert "are different colours" not in result.output, result.output

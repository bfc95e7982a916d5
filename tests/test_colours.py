"""Theme colours: an RGB-only colour prints in the CMYK FOGRA39 gives it, and two forms that
look different are a warning unless the theme says why."""

from __future__ import annotations

import re

import pikepdf
import pytest
from click.testing import CliRunner

from booklet.cli import main
from booklet.colourmatch import MAX_DELTA_E, ciede2000, delta_e, derive_cmyk

from .conftest import shared

NEW_COLOUR = '  yeni:          {rgb: "#0D7585"}   # yalnız ekran rengi\n'


def _theme(booklet):
    return shared(booklet) / "theme.yaml"


def _use_new_colour(booklet) -> int:
    """Adds the colour 'yeni' (RGB only) and gives it to section 07; returns its line."""
    theme = _theme(booklet)
    lines = theme.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("  yatirim:")) + 1
    lines.insert(at, NEW_COLOUR)
    theme.write_text("".join(lines), encoding="utf-8")
    section = shared(booklet) / "sections" / "07-yatirimlar.yaml"
    section.write_text(section.read_text(encoding="utf-8").replace("colour: yatirim", "colour: yeni"), "utf-8")
    return at + 1


def _fill_colours(pdf_path) -> set[tuple[float, ...]]:
    found = set()
    with pikepdf.open(pdf_path) as pdf:
        for page in pdf.pages:
            for operands, operator in pikepdf.parse_content_stream(page):
                if str(operator) in ("k", "K", "rg", "RG"):
                    found.add(tuple(round(float(v), 3) for v in operands))
    return found


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [  # Sharma, Wu and Dalal (2005), the CIEDE2000 test data: pairs 1, 7, 17 and 34
        ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
        ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),
        ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
        ((2.0776, 0.0795, -1.135), (0.9033, -0.0636, -0.5514), 0.9082),
    ],
)
def test_ciede2000_matches_the_published_test_data(first, second, expected):
    assert ciede2000(first, second) == pytest.approx(expected, abs=1e-4)


def test_a_derived_colour_is_close_to_its_screen_colour():
    rgb = (13 / 255, 117 / 255, 133 / 255)
    cmyk = derive_cmyk(rgb)
    assert all(v * 100 == round(v * 100) for v in cmyk)  # whole per cent, as theme.yaml writes it
    assert delta_e(rgb, cmyk) < 2.0
    assert derive_cmyk(rgb) == cmyk  # deterministic


def test_an_rgb_only_colour_prints_in_its_derived_cmyk_and_check_says_which(booklet_copy, tmp_path, monkeypatch):
    line = _use_new_colour(booklet_copy)
    monkeypatch.chdir(booklet_copy.parent.parent.parent)
    result = CliRunner().invoke(main, ["check", "content/elazig/2024-2"])
    assert result.exit_code == 0, result.output
    cmyk = derive_cmyk((13 / 255, 117 / 255, 133 / 255))
    shown = "[" + ", ".join(str(round(v * 100)) for v in cmyk) + "]"
    expected = (
        f"theme.yaml:{line}:3: warning: colour 'yeni' has no cmyk: it prints as cmyk {shown}, derived from #0D7585"
    )
    assert expected in result.output
    assert f"hint: write cmyk: {shown} beside its rgb in theme.yaml to pin it" in result.output
    strict = CliRunner().invoke(main, ["check", "--strict", "content/elazig/2024-2"])
    assert strict.exit_code == 1  # publishing builds strictly: a published edition has its colours pinned

    built = CliRunner().invoke(main, ["build", "content/elazig/2024-2", "--target", "all", "-o", str(tmp_path)])
    assert built.exit_code == 0, built.output
    assert tuple(round(v, 3) for v in cmyk) in _fill_colours(tmp_path / "elazig-2024-2-print.pdf")
    assert (round(13 / 255, 3), round(117 / 255, 3), round(133 / 255, 3)) in _fill_colours(
        tmp_path / "elazig-2024-2.pdf"
    )


def test_two_forms_that_look_different_are_a_warning_naming_the_colour(booklet_copy, monkeypatch):
    theme = _theme(booklet_copy)
    text = theme.read_text(encoding="utf-8")
    changed = re.sub(
        r'yatirim: +\{rgb: "#1F6FA8", cmyk: \[88, 50, 5, 0\]\}', 'yatirim: {rgb: "#1F6FA8", cmyk: [0, 90, 10, 0]}', text
    )
    assert changed != text
    theme.write_text(changed, encoding="utf-8")
    line = next(i for i, row in enumerate(changed.splitlines(), 1) if row.startswith("  yatirim:"))
    monkeypatch.chdir(booklet_copy.parent.parent.parent)
    result = CliRunner().invoke(main, ["check", "content/elazig/2024-2"])
    assert result.exit_code == 0, result.output
    warning = re.search(rf"theme\.yaml:{line}:3: warning: colour 'yatirim': .* ΔE00 (\d+\.\d) apart", result.output)
    assert warning is not None, result.output
    assert float(warning.group(1)) > MAX_DELTA_E
    assert "or say why they differ with differs: in theme.yaml" in result.output

    explained = changed.replace("cmyk: [0, 90, 10, 0]}", 'cmyk: [0, 90, 10, 0], differs: "baskıda kurumsal pembe"}')
    theme.write_text(explained, encoding="utf-8")
    quiet = CliRunner().invoke(main, ["check", "content/elazig/2024-2"])
    assert "yatirim" not in quiet.output and "0 warnings" in quiet.output


def test_the_shipped_theme_gives_no_colour_warning(booklet_copy):
    result = CliRunner().invoke(main, ["check", str(booklet_copy)])
    assert result.exit_code == 0 and "0 errors, 0 warnings" in result.output, result.output


def test_the_warning_is_in_turkish_with_a_decimal_comma(booklet_copy):
    from booklet import i18n

    theme = _theme(booklet_copy)
    text = theme.read_text(encoding="utf-8").replace("cmyk: [88, 50, 5, 0]}", "cmyk: [0, 90, 10, 0]}")
    theme.write_text(text, encoding="utf-8")
    try:
        result = CliRunner().invoke(main, ["--lang", "tr", "check", str(booklet_copy)])
    finally:
        i18n.setup("en")
    assert re.search(r"'yatirim' renginin .* ΔE00 \d+,\d", result.output), result.output

"""One quote style and one range style, chosen in the theme; every change reported at its place."""

from __future__ import annotations

import pypdf
import pytest
from click.testing import CliRunner

from booklet.build import build
from booklet.cli import main
from booklet.content.model import Theme
from booklet.typography import normalise_text

from .conftest import shared

CURLY = Theme({})
STRAIGHT = Theme({}, quotes="straight", ranges="hyphen")


@pytest.mark.parametrize(
    ("source", "curly", "straight"),
    [
        ('"Sıfır Tolerans" ilkesi', "“Sıfır Tolerans” ilkesi", '"Sıfır Tolerans" ilkesi'),
        ("“Sıfır Tolerans” ilkesi", "“Sıfır Tolerans” ilkesi", '"Sıfır Tolerans" ilkesi'),
        ("SHM'lerde ve ŞÖNİM’den", "SHM’lerde ve ŞÖNİM’den", "SHM'lerde ve ŞÖNİM'den"),
        ("0-18 yaş, 2021-2025 ve 2002–2024", "0–18 yaş, 2021–2025 ve 2002–2024", "0-18 yaş, 2021-2025 ve 2002-2024"),
        ("çocuk- ebeveyn ilişkisi", "çocuk-ebeveyn ilişkisi", "çocuk-ebeveyn ilişkisi"),
        ("ön- ve son değerlendirme", "ön- ve son değerlendirme", "ön- ve son değerlendirme"),
        ('("Umut Evi")', "(“Umut Evi”)", '("Umut Evi")'),
    ],
)
def test_the_theme_chooses_one_style(source, curly, straight):
    assert normalise_text(source, CURLY) == curly
    assert normalise_text(source, STRAIGHT) == straight


def test_each_change_is_a_warning_at_its_place(booklet_copy):
    section = shared(booklet_copy) / "sections" / "03-kadin.yaml"
    text = section.read_text(encoding="utf-8")
    line = next(i for i, t in enumerate(text.splitlines(), 1) if '"**Güçlü Kadın' in t)
    col = text.splitlines()[line - 1].index('"**Güçlü Kadın') + 1
    section.write_text(text.replace('"**Güçlü Kadın', "“**Güçlü Kadın", 1).replace("2021–2025", "2021-2025", 1))
    result = CliRunner().invoke(main, ["check", str(booklet_copy)])
    assert result.exit_code == 0
    assert f"{section}:{line}:{col}: warning: typography: '“' is printed as '\"'" in result.output
    assert "warning: typography: '-' is printed as '–'" in result.output
    assert "hint: write it so in the source; the style is chosen in theme.yaml under typography" in result.output
    assert "0 errors, 2 warnings" in result.output


def test_the_shipped_prose_needs_no_change(booklet_copy):
    result = CliRunner().invoke(main, ["check", str(booklet_copy)])
    assert "typography" not in result.output


def test_straight_quotes_and_hyphens_when_the_theme_says_so(booklet_copy, tmp_path):
    theme = shared(booklet_copy) / "theme.yaml"
    text = (
        theme.read_text(encoding="utf-8")
        .replace("quotes: curly", "quotes: straight")
        .replace("ranges: en-dash", "ranges: hyphen")
    )
    theme.write_text(text, encoding="utf-8")
    path = build(booklet_copy, tmp_path).path
    printed = " ".join(page.extract_text() for page in pypdf.PdfReader(path).pages)
    assert '"Sıfır Tolerans"' in printed and "“" not in printed and "’" not in printed
    assert "2021-2025" in printed and "2021–2025" not in printed

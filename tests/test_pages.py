"""How sections follow each other on the pages, the introduction page, and how full pages are."""

from __future__ import annotations

import pypdf
import pytest
from click.testing import CliRunner

from booklet.build import build, layout_booklet
from booklet.cli import main
from booklet.diagnostics import Report
from booklet.layout.pages import SectionOpener

from .conftest import CONTENT, MM, shared
from .test_linebreak import load_benchmark


def set_layout(booklet, section_break: str, keep: int | str = 6) -> None:
    theme = shared(booklet) / "theme.yaml"
    text = theme.read_text(encoding="utf-8")
    start = text.index("layout:")
    end = text.index("typography:")
    theme.write_text(
        text[:start] + f"layout:\n  section_break: {section_break}\n  keep_with_band: {keep}\n" + text[end:],
        encoding="utf-8",
    )


def openers(layout) -> list[int]:
    """Pages on which a section opens in the middle of the page."""
    return [p.number for p in layout.pages for pl in p.placements if isinstance(pl.flowable, SectionOpener)]


def test_sections_continue_on_the_page_the_last_one_ended_on():
    layout = layout_booklet(CONTENT, Report())
    assert openers(layout)  # some sections open mid-page
    body = [p for p in layout.pages if p.kind == "section"]
    top_bands = [p for p in body if any(getattr(f, "band", None) for f in p.furniture)]
    assert len(top_bands) + len(openers(layout)) == len(layout.booklet.sections)


def test_section_break_page_opens_every_section_on_a_new_page(booklet_copy):
    set_layout(booklet_copy, "page")
    layout = layout_booklet(booklet_copy, Report())
    assert openers(layout) == []
    continued = layout_booklet(CONTENT, Report())
    assert len(layout.pages) > len(continued.pages)


def test_a_band_needs_its_lines_below_it(booklet_copy):
    """With a large keep_with_band every band opens a page: there is never room for 20 lines."""
    set_layout(booklet_copy, "continue", 20)
    few = layout_booklet(booklet_copy, Report())
    set_layout(booklet_copy, "continue", 2)
    many = layout_booklet(booklet_copy, Report())
    assert len(openers(few)) < len(openers(many))
    for layout, lines in ((few, 20), (many, 2)):
        pages = layout.pages
        for page, after in zip(pages, pages[1:]):
            for placed in page.placements:
                if not isinstance(placed.flowable, SectionOpener):
                    continue
                index = placed.flowable.band.number - 1
                continues = after.kind == "section" and after.section_index == index
                if continues:  # the section goes on over the page: its lines are under the band
                    assert placed.y - page.foot >= 9 * MM + (lines - 0.5) * 14.6 - 0.01


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("sometimes", "section_break 'sometimes' is not one of: page, continue"),
        ("continue\n  keep_with_band: 1", "keep_with_band must be a whole number from 2 to 20"),
        ("continue\n  keep_with_band: 4.5", "keep_with_band must be a whole number from 2 to 20"),
    ],
)
def test_wrong_layout_choices_are_located(booklet_copy, value, message):
    theme = shared(booklet_copy) / "theme.yaml"
    text = theme.read_text(encoding="utf-8")
    start = text.index("layout:")
    end = text.index("typography:")
    theme.write_text(text[:start] + f"layout:\n  section_break: {value}\n" + text[end:], encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(booklet_copy)])
    assert result.exit_code == 1
    assert f"{theme}:" in result.output and message in result.output


def test_the_introduction_page_has_its_heading_and_the_contents(built):
    reader = pypdf.PdfReader(built)
    text = reader.pages[1].extract_text()
    assert text.lstrip().startswith("Sunuş")
    assert "İÇİNDEKİLER" in text and "SOSYAL YARDIMLAR" in text
    assert reader.outline[0].title == "Sunuş"


def test_the_introduction_heading_comes_from_the_content(booklet_copy, tmp_path):
    prose = shared(booklet_copy) / "prose.yaml"
    prose.write_text(
        prose.read_text(encoding="utf-8").replace("introduction_title: Sunuş", "introduction_title: Önsöz")
    )
    reader = pypdf.PdfReader(build(booklet_copy, tmp_path).path)
    assert reader.pages[1].extract_text().lstrip().startswith("Önsöz")


def test_an_introduction_too_long_for_its_page_is_an_error(booklet_copy):
    prose = shared(booklet_copy) / "prose.yaml"
    text = prose.read_text(encoding="utf-8")
    sentence = "Aile ve Sosyal Hizmetler Bakanlığımızca hizmetler yürütülmektedir. "
    text = text.replace("introduction: |\n  ", "introduction: |\n  " + sentence * 60)
    prose.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(booklet_copy), "-o", str(booklet_copy / "out")])
    assert result.exit_code == 1
    assert f"{prose}:" in result.output
    assert "the introduction and the table of contents do not fit on one page" in result.output


def test_one_leading_throughout():
    layout = layout_booklet(CONTENT, Report())
    leadings = set()
    bench = load_benchmark()
    for page in layout.pages:
        for placed in page.placements:
            for f in bench.flowables(placed.flowable):
                if getattr(f, "style", None) is not None and f.style.name in ("body", "body_indented"):
                    leadings.add(round(f.style.leading, 3))
    assert leadings == {round(14.6, 3)}


def test_no_page_of_text_is_under_sixty_per_cent_full(built):
    bench = load_benchmark()
    layout = layout_booklet(CONTENT, Report())
    m = bench.Measures("Elazığ")
    bench.measure_fill(layout, built.read_bytes(), m)
    assert [f for f in m.fills if f[1] not in ("cover", "back")] and m.underfull_pages == []


def test_a_mid_page_band_bleeds_off_both_edges(pdf):
    layout = layout_booklet(CONTENT, Report())
    page_number = openers(layout)[0]
    placed = next(pl for pl in layout.pages[page_number - 1].placements if isinstance(pl.flowable, SectionOpener))
    colour = placed.flowable.band.colour.rgb_twin.rgb()
    image = pdf[page_number - 1].render(scale=1).to_pil().convert("RGB")
    y = round(image.height - (placed.y + placed.flowable.height / 2))
    expected = tuple(round(v * 255) for v in colour)
    for x in (1, image.width - 2):
        assert all(abs(a - b) <= 40 for a, b in zip(image.getpixel((x, y)), expected)), x
    assert abs(placed.flowable.height - 36 * MM) < 8 * MM

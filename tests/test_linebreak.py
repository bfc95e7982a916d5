"""Total-fit line breaking: the algorithm, the Turkish paragraphs it sets, and the pages it makes."""

from __future__ import annotations

import importlib.util
import re
import sys

import pypdfium2 as pdfium
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.styles import ParagraphStyle

from booklet import fonts as font_registry
from booklet import turkish
from booklet.build import layout_booklet
from booklet.diagnostics import Report
from booklet.layout import typeset
from booklet.layout.flowables import Para
from booklet.layout.linebreak import INFINITY, Params, badness, box, break_lines, fitness_class, glue, penalty

from .conftest import CONTENT, MM, ROOT

FONTS = font_registry.register()
SAMPLE = (
    "Aile ve Sosyal Hizmetler Bakanlığımızca ülkemizin dört bir köşesinde birey aile toplum refahını artırmak "
    "çerçevesinde sosyal hizmet yardım faaliyetleri bütüncül çalışmalarla yürütülmektedir psikososyal "
    "Kahramanmaraş'ta rehabilitasyon sürdürülebilirliklerinin ASDEP SHM'lerde 92.783\u00a0haneye "
    "188,1\u00a0milyon\u00a0TL çocuk-ebeveyn İhtisaslaştırılmış"
)
WORDS = SAMPLE.split(" ")


def body_style(**extra) -> ParagraphStyle:
    return ParagraphStyle(
        "body",
        fontName=FONTS.regular,
        fontSize=9.8,
        leading=14.6,
        alignment=TA_JUSTIFY,
        hyphenationLang=turkish.hyphenation_pairs,
        hyphenationMinWordLength=5,
        **extra,
    )


def words_of(lines) -> list[str]:
    """The paragraph's words read back from its lines, added hyphens removed."""
    text = ""
    for line in lines:
        piece = "".join(w.text for w in line.words)
        if line.hyphen == "added":
            text += piece[:-1]
        else:
            text += piece + ("" if line.hyphen else " ")
    return text.split()


def paragraph(widths: list[float]) -> list:
    items = []
    for i, w in enumerate(widths):
        if i:
            items.append(glue(10, 5, 3))
        items.append(box(w))
    return items + [glue(0, 1e6, 0), penalty(0, -INFINITY)]


def demerits(items, breaks: list[int], measure: float, params: Params) -> float | None:
    """Total demerits of a set of breaks, computed directly from the definition."""
    total, start, previous_fitness = 0.0, 0, 2
    for b in breaks:
        while items[start].kind != 0:
            start += 1
        line = items[start:b]
        natural = sum(i.width for i in line)
        stretch, shrink = sum(i.stretch for i in line), sum(i.shrink for i in line)
        if natural <= measure:
            ratio = (measure - natural) / stretch if stretch else (0 if natural == measure else INFINITY)
        else:
            ratio = (measure - natural) / shrink if shrink else -INFINITY
        if ratio < -1 or badness(ratio) > params.tolerance:
            return None
        total += (params.line_penalty + badness(ratio)) ** 2
        fit = fitness_class(ratio)
        if abs(fit - previous_fitness) > 1:
            total += params.adj_demerits
        previous_fitness, start = fit, b + 1
    return total


@settings(max_examples=80, deadline=None)
@given(st.lists(st.integers(min_value=8, max_value=70), min_size=2, max_size=9))
def test_the_chosen_breaks_have_the_fewest_demerits_of_all(widths):
    """Total fit is optimal: no other set of breaks has fewer demerits (checked by brute force)."""
    items = paragraph([float(w) for w in widths])
    params = Params(tolerance=1000)
    spaces = [i for i, item in enumerate(items) if item.kind == 1 and items[i - 1].kind == 0][:-1]
    best = None
    for mask in range(1 << len(spaces)):
        breaks = [s for k, s in enumerate(spaces) if mask >> k & 1] + [len(items) - 1]
        d = demerits(items, breaks, 120.0, params)
        if d is not None and (best is None or d < best):
            best = d
    chosen = break_lines(items, [120.0], params)
    if best is None:
        assert chosen is None
    else:
        assert chosen is not None
        assert demerits(items, [b.position for b in chosen], 120.0, params) == pytest.approx(best)


def test_total_fit_avoids_the_loose_line_first_fit_leaves():
    # first fit squeezes five words into line 1 (ratio -0.83) and leaves "40 50" on line 2
    # stretched to ratio 4; total fit takes four words, then "10 40 50" fills line 2 exactly
    items = paragraph([15, 15, 15, 35, 10, 40, 50, 40])
    breaks = break_lines(items, [120.0], Params())
    assert [b.position for b in breaks] == [7, 13, 16]
    assert [round(b.ratio, 2) for b in breaks[:-1]] == [0.67, 0.0]


def test_three_hyphenated_lines_in_a_row_are_never_chosen():
    # every line can only end at a hyphen: without the rule the best set has three in a row
    items = []
    for _ in range(4):
        items += [box(50), penalty(5, 0, flagged=True), box(50)]
        items.append(glue(5, 2, 1))
    items[-1:] = [glue(0, 1e6, 0), penalty(0, -INFINITY)]
    for run in (1, 2):
        breaks = break_lines(items, [105.0], Params(tolerance=10000, max_hyphen_run=run, allow_overfull=True))
        assert breaks is not None
        longest = current = 0
        for b in breaks[:-1]:
            current = current + 1 if b.flagged else 0
            longest = max(longest, current)
        assert longest <= run


def test_no_solution_within_the_tolerance_is_reported_not_invented():
    items = [box(200), glue(0, 1e6, 0), penalty(0, -INFINITY)]  # a word wider than the line
    assert break_lines(items, [100.0], Params()) is None
    assert break_lines(items, [100.0], Params(tolerance=INFINITY, allow_overfull=True)) is not None


def test_break_points_keep_three_letters_and_skip_acronyms_figures_and_suffixes():
    assert typeset.break_points("yürütülmektedir", True) == {4: "hyphen", 7: "hyphen", 10: "hyphen", 12: "hyphen"}
    assert typeset.break_points("ASDEP", True) == {}
    assert typeset.break_points("92.783\u00a0haneye", True) == {}
    assert typeset.break_points("Kahramanmaraş'ta", True) == {3: "hyphen", 5: "hyphen", 8: "hyphen", 10: "hyphen"}
    assert typeset.break_points("çocuk-ebeveyn", False) == {6: "explicit"}
    assert typeset.break_points("0-18", True) == {}


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=60),
    st.floats(min_value=120, max_value=460),
    st.booleans(),
)
def test_lines_keep_every_word_and_follow_the_rules(words, width, bold_first):
    text = " ".join(words)
    markup = f"<b>{words[0]}</b> {' '.join(words[1:])}" if bold_first else text
    para = Para(markup.replace("&", "&amp;"), body_style())
    para.wrap(width, 1e6)
    lines = para.blPara.lines
    assert words_of(lines) == text.split()
    run = 0
    for i, line in enumerate(lines):
        run = run + 1 if line.hyphen else 0
        assert run <= 2
        if line.hyphen == "added":
            assert i < len(lines) - 1
            head = re.findall(r"\w+-$", "".join(w.text for w in line.words))
            tail = re.match(r"\w+", "".join(w.text for w in lines[i + 1].words))
            assert head and len(head[0]) - 1 >= 3 and tail and len(tail.group()) >= 3
    if len(lines) > 1:
        assert lines[-2].hyphen != "added" or len("".join(w.text for w in lines[-1].words).split()) > 1


def test_a_split_paragraph_keeps_the_lines_of_the_whole():
    text = " ".join(WORDS * 3)
    whole = Para(text, body_style())
    whole.wrap(300, 1e6)
    before = ["".join(w.text for w in line.words) for line in whole.blPara.lines]
    head, tail = whole.split(300, 14.6 * 4 + 1)
    head.wrap(300, 1e6)
    tail.wrap(300, 1e6)
    after = ["".join(w.text for w in line.words) for line in head.blPara.lines + tail.blPara.lines]
    assert after == before
    assert len(head.blPara.lines) == 4 and head._JustifyLast


def test_a_split_never_leaves_one_line_alone():
    para = Para(" ".join(WORDS), body_style())
    _, height = para.wrap(300, 1e6)
    lines = len(para.blPara.lines)
    assert lines >= 4
    assert para.split(300, 14.6 * 1.5) == []  # one line at the page foot: move it all
    head, tail = para.split(300, 14.6 * (lines - 1) + 1)  # would leave one line at the next page's head
    head.wrap(300, 1e6)
    tail.wrap(300, 1e6)
    assert len(head.blPara.lines) == lines - 2 and len(tail.blPara.lines) == 2


def test_line_breaks_are_cached_across_builds():
    layout_booklet(CONTENT, Report())
    misses = typeset._cached_lines.cache_info().misses
    layout_booklet(CONTENT, Report())
    assert typeset._cached_lines.cache_info().misses == misses


def load_benchmark():
    spec = importlib.util.spec_from_file_location("typography", ROOT / "benchmarks" / "typography.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["typography"] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def measures():
    bench = load_benchmark()
    m = bench.Measures("Elazığ")
    bench.measure_lines(layout_booklet(CONTENT, Report()), m)
    return bench, m


def test_elazig_meets_the_hyphenation_and_spacing_targets(measures):
    bench, m = measures
    assert m.lines > 100
    assert m.share <= 0.20
    assert m.longest_run <= 2
    assert m.hyphenated_last_words == []
    assert m.short_breaks == []
    assert m.widest_space <= bench.MAX_SPACE + 0.005
    assert m.narrowest_space >= 2 / 3 - 0.01
    assert m.most_tracking <= bench.MAX_TRACKING + 1e-6


def test_justified_lines_end_at_the_right_margin(built):
    """Read back from the PDF: every line of a justified paragraph but its last ends on the margin."""
    document = pdfium.PdfDocument(str(built))
    page = document[2]  # the first page of section 1: body text at the indented measure
    width, _height = page.get_size()
    textpage = page.get_textpage()
    rows: dict[int, list[float]] = {}
    for i in range(textpage.count_chars()):
        if textpage.get_text_range(i, 1).strip():
            left, bottom, right, top = textpage.get_charbox(i)
            rows.setdefault(round(bottom), []).append(right)
    right_edge = width - 20 * MM  # page 3 is a recto: the outer margin is 17 mm, the frame ends 20 mm in
    ends = [max(r) for r in rows.values()]
    on_margin = [e for e in ends if abs(e - (width - 17 * MM)) < 0.8]
    assert len(on_margin) >= 8, (right_edge, sorted(ends))
    assert all(e <= width - 17 * MM + 0.8 for e in ends)
    document.close()

"""Layout work has a hard bound, and titles have length limits.

A 12,000-letter word pasted from a PDF took 78 s to lay out (ReportLab tried every
hyphenation point and measured each); now any word wider than the text column is broken
into pieces that fit the narrowest column before layout, with a warning at its place. A
300-word group title was set in capitals over most of a page; now it is an error at its
place that quotes 60 characters.
"""

from __future__ import annotations

import random
import re

import pypdfium2 as pdfium
import pytest
from reportlab.lib.units import mm

from booklet import fonts as font_registry
from booklet.build import build, check
from booklet.content.load import load_booklet
from booklet.content.model import PageSize
from booklet.diagnostics import BookletError, Report
from booklet.layout.colours import Palette
from booklet.layout.styles import Geometry, Styles, word_measures

from .conftest import CONTENT, MM
from .hostile import BOOKLET, assert_editor_words, corpus, edit, run_limited

LETTERS = "abcçdefgğhıijklmnoöprsştuüvyz"
OVERRIDE = "Afet ve acil durumlarda psikososyal"  # in booklet.yaml, line 11
CALLOUT = "> {il} ilimizde 2013"  # the call-out of the same override, line 13


def garbage(length: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    return "".join(rng.choice(LETTERS) for _ in range(length))


def letters_of(pdf) -> str:
    """The body text of every page (without running heads and folios), letters only."""
    document = pdfium.PdfDocument(str(pdf))
    parts = []
    for page in document:
        width, height = page.get_size()
        parts.append(page.get_textpage().get_text_bounded(0, 18 * MM, width, height - 17 * MM))
    document.close()
    return re.sub(r"[\s\ufffe\x02\xad-]", "", "".join(parts))


@pytest.fixture(scope="module")
def long_word_built(tmp_path_factory):
    root = tmp_path_factory.mktemp("long-word")
    word = garbage(12_000)
    (folder,) = corpus(
        root, {"word": lambda c: edit(c / BOOKLET / "booklet.yaml", OVERRIDE, f"Afet ve acil {word} durumlarda")}
    ).values()
    out = root / "out"
    return run_limited("build", folder / BOOKLET, "-o", out, "--target", "all"), folder, out, word


def test_a_12000_letter_word_lays_out_within_the_limits_with_a_located_warning(long_word_built):
    result, folder, out, word = long_word_built
    assert result.returncode == 0, result.stderr
    (warning,) = [line for line in result.stderr.splitlines() if ": warning: " in line]
    assert warning.startswith(f"{folder / BOOKLET / 'booklet.yaml'}:11:20: warning: '{word[:40]}…'")
    assert "(12,000 characters without a space) is wider than the column; it is broken into lines" in warning
    assert_editor_words(result.stderr)
    assert sorted(p.name for p in out.iterdir()) == ["elazig-2024-2-print.pdf", "elazig-2024-2.pdf"]


def test_the_broken_word_loses_no_letter(long_word_built):
    _result, _folder, out, word = long_word_built
    assert word in letters_of(out / "elazig-2024-2.pdf")


def test_with_strict_the_long_word_is_an_error_and_nothing_is_written(tmp_path):
    word = garbage(3_000, seed=2)
    (folder,) = corpus(
        tmp_path, {"word": lambda c: edit(c / BOOKLET / "booklet.yaml", OVERRIDE, f"Afet ve acil {word} durumlarda")}
    ).values()
    out = tmp_path / "out"
    result = run_limited("build", folder / BOOKLET, "-o", out, "--strict", "--target", "screen")
    assert result.returncode == 1
    assert f"booklet.yaml:11:20: error: '{word[:40]}…' (3,000 characters without a space)" in result.stderr
    assert not out.exists() or list(out.iterdir()) == []


def test_a_call_out_too_tall_for_a_page_is_one_error_at_the_call_out(tmp_path):
    word = garbage(12_000, seed=3)
    (folder,) = corpus(
        tmp_path, {"word": lambda c: edit(c / BOOKLET / "booklet.yaml", CALLOUT, "> {il} " + word + " ilimizde 2013")}
    ).values()
    result = run_limited("build", folder / BOOKLET, "-o", tmp_path / "out", "--target", "screen")
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    (error,) = errors  # once, though the section is flowed again with tighter gaps
    where = f"{folder / BOOKLET / 'booklet.yaml'}:13:9: "
    assert re.fullmatch(re.escape(where) + r"error: the call-out is taller than a whole page \(\d+ mm\)", error), error
    assert "a call-out cannot go on over a page" in result.stderr
    assert_editor_words(result.stderr)


def test_text_joined_by_no_break_spaces_breaks_at_them(booklet_copy, tmp_path):
    """A paragraph pasted with no-break spaces for every space is one unbreakable line."""
    sentence = "\u00a0".join(["Aile", "ve", "Sosyal", "Hizmetler", "Bakanlığımızca"] * 30)
    edit(booklet_copy / "booklet.yaml", OVERRIDE, sentence)
    report = Report()
    result = build(booklet_copy, tmp_path, report)
    (warning,) = [w for w in report.warnings if "tied by no-break spaces" in w.message]
    assert (warning.location.line, warning.location.col) == (11, 7)
    text = " ".join(page.get_textpage().get_text_range() for page in pdfium.PdfDocument(str(result.path)))
    assert "Hizmetler" in text and "Bakanlığımızca" in text  # broken at no-break spaces, not inside words


def test_a_long_word_in_a_subsection_title_is_broken_too(booklet_copy, tmp_path):
    word = garbage(100, seed=4)
    edit(booklet_copy / "../../prose/sections/03-kadin.yaml", "title: Kadın Konukevi", f"title: Kadın {word}")
    report = Report()
    result = build(booklet_copy, tmp_path, report)
    assert [w.location.line for w in report.warnings if "without a space" in w.message] == [11]
    assert word in letters_of(result.path)


@pytest.mark.parametrize("size", [PageSize("A4", 210, 297), PageSize("A5", 148, 210), PageSize("100x300mm", 100, 300)])
def test_the_pieces_fit_every_column_the_styles_set_text_in(size):
    """word_measures repeats the styles' sizes; this keeps the two in step."""
    booklet = load_booklet(CONTENT, Report())
    g = Geometry.for_page(size)
    styles = Styles(g, font_registry.register(), Palette(booklet.theme))
    column, narrowest = word_measures(size)
    gutter = styles.gutter
    measures = {
        "body beside the gutter": (g.frame_width - gutter, styles.body),
        "subsection title": (g.frame_width - gutter, styles.subsection_title),
        "call-out": (g.frame_width - gutter - g.mm(1.3) - 2 * g.mm(4.2), styles.callout),
        "introduction page": (g.frame_width - g.mm(10), styles.cover_intro),
        "section intro": (g.frame_width - g.mm(1.6) - g.mm(5), styles.intro),
        "group title": (g.frame_width, styles.group_title),
    }
    for name, (width, style) in measures.items():
        assert narrowest <= width / style.fontSize + 1e-9, name
    assert column == pytest.approx((g.frame_width - gutter) / styles.body.fontSize)
    assert narrowest * styles.body.fontSize > 40 * mm * g.scale  # still a sensible piece


# -- length limits ------------------------------------------------------------------------------

WORDS_300 = " ".join(["Kuruluş"] * 300)
LIMITS = {
    "group-title": ("prose/sections/02-cocuk.yaml", "title: Kuruluşlar", f"title: {WORDS_300}", 11, 14, "title", 80),
    "subsection-title": (
        "prose/sections/03-kadin.yaml",
        "title: Kadın Konukevi",
        f"title: {WORDS_300}",
        11,
        14,
        "title",
        120,
    ),
    "section-title": (
        "prose/sections/03-kadin.yaml",
        "title: Kadınlara",
        f"title: {WORDS_300} Kadınlara",
        4,
        8,
        "title",
        120,
    ),
    "stat-label": (
        "prose/sections/05-sehit-yakinlari-ve-gazi.yaml",
        "label: Gazi",
        f"label: {WORDS_300}",
        16,
        18,
        "label",
        60,
    ),
    "cover-mark": (
        "prose/prose.yaml",
        "cover:\n  mark: Türkiye Yüzyılı",
        f"cover:\n  mark: {WORDS_300}",
        10,
        9,
        "mark",
        60,
    ),
    "province": (
        "elazig/2024-2/booklet.yaml",
        "province: Elazığ ",
        f"province: Elazığ {WORDS_300} ",
        4,
        11,
        "province",
        40,
    ),
}


@pytest.mark.parametrize("name", LIMITS)
def test_a_title_too_long_is_an_error_at_its_place_quoting_60_characters(booklet_copy, name):
    file, find, replace, line, col, key, limit = LIMITS[name]
    root = booklet_copy.parent.parent
    edit(root / file, find, replace)
    with pytest.raises(BookletError) as info:
        check(booklet_copy, Report())
    errors = [d for d in info.value.report.errors if "too long" in d.message]
    assert len(errors) == 1, info.value.report.diagnostics
    (error,) = errors
    assert (error.location.path, error.location.line, error.location.col) == (root / file, line, col)
    assert error.message.startswith(f"'{key}' is too long: ")
    assert f"characters, at most {limit}: '" in error.message
    quoted = error.message.split(": '", 1)[1]
    assert len(quoted) <= 62 and quoted.endswith("…'")
    assert len(error.message) < 150


def test_a_300_word_group_title_is_not_set(booklet_copy, tmp_path):
    edit(booklet_copy / "../../prose/sections/02-cocuk.yaml", "title: Kuruluşlar", f"title: {WORDS_300}")
    with pytest.raises(BookletError):
        build(booklet_copy, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_a_label_within_the_limit_that_does_not_fit_its_box_is_still_reported(booklet_copy, tmp_path):
    edit(
        booklet_copy / "../../prose/sections/05-sehit-yakinlari-ve-gazi.yaml",
        "label: Gazi",
        "label: Kayıtlı gazi yakınlarımız, vazife malulleri ve yakınlarımız",
    )
    with pytest.raises(BookletError) as info:
        build(booklet_copy, tmp_path)
    assert [e.message for e in info.value.report.errors] == [
        "statistic 'Kayıtlı gazi yakınlarımız, vazife malulleri ve yakınlarımız' does not fit its box"
    ]

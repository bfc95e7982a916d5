"""Invisible characters and YAML mistakes are told in an editor's words, at their own place.

Text pasted from Word or a web page brings characters nobody sees; a YAML slip makes the
parser talk about tokens and scanners. Each case here must give our own message at the
line and column of the character or the mistake, with a hint, and no parser wording.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from booklet.build import check
from booklet.content import source
from booklet.content.source import Source, compose
from booklet.diagnostics import BookletError, Report

from .conftest import CONTENT_ROOT
from .hostile import BOOKLET, assert_editor_words, corpus, edit, lines_for, run_limited

SECTION = "prose/sections/03-kadin.yaml"

# name: (file, find, replace, expected "line:col: level: message" of the first diagnostic)
CHARACTERS = {
    "nbsp-after-colon": (
        "elazig/2024-2/figures.yaml",
        "shm_sayisi: {value: 2,",
        "shm_sayisi: {value:\u00a02,",
        "error: no-break space (U+00A0) where YAML needs a normal space",
    ),
    "nbsp-indenting-a-key": (
        SECTION,
        "  - subsection:\n      title: Kadın Konukevi",
        "  - subsection:\n    \u00a0\u00a0title: Kadın Konukevi",
        "error: no-break space (U+00A0) where YAML needs a normal space",
    ),
    "nbsp-after-block-key": (
        "elazig/2024-2/booklet.yaml",
        "province: Elazığ",
        "province:\u00a0Elazığ",
        "error: no-break space (U+00A0) where YAML needs a normal space",
    ),
    "nbsp-inside-text": (
        SECTION,
        "title: Kadın Konukevi",
        "title: Kadın\u00a0Konukevi",
        "warning: no-break space (U+00A0) in the text: it looks like a space, but the words on either side never part",
    ),
    "line-separator": (
        SECTION,
        "title: Kadın Konukevi",
        "title: Kadın\u2028Konukevi",
        "error: invisible line separator (U+2028), usually pasted from Word or a web page",
    ),
    "paragraph-separator": (
        SECTION,
        "title: Kadın Konukevi",
        "title: Kadın Konukevi\u2029",
        "error: invisible paragraph separator (U+2029), usually pasted from Word or a web page",
    ),
    "vertical-tab": (
        SECTION,
        "title: Kadın Konukevi",
        "title: Kadın\x0bKonukevi",
        "error: invisible vertical tab (U+000B): a manual line or page break pasted from Word",
    ),
    "zero-width-space": (
        SECTION,
        "title: Kadın Konukevi",
        "title: Kadın Konuk\u200bevi",
        "error: invisible zero-width space (U+200B)",
    ),
    "byte-order-mark-inside": (
        SECTION,
        "title: Kadın Konukevi",
        "title: Kadın \ufeffKonukevi",
        "error: invisible byte order mark (zero-width no-break space) (U+FEFF) inside the file",
    ),
    "soft-hyphen-in-word": (
        SECTION,
        "title: Kadın Konukevi",
        "title: Kadın Konuk\u00adevi",
        "warning: invisible soft hyphen (U+00AD) inside a word, usually pasted from Word",
    ),
    "soft-hyphen-in-key": (
        SECTION,
        "title: Kadın Konukevi",
        "ti\u00adtle: Kadın Konukevi",
        "error: invisible soft hyphen (U+00AD) in a key or between values",
    ),
    "null-character": (
        SECTION,
        "title: Kadın Konukevi",
        "title: Kadın\x00 Konukevi",
        "error: control character null character (U+0000): it cannot be printed",
    ),
    "escape-character": (
        SECTION,
        "title: Kadın Konukevi",
        "title: Kadın \x1b[1mKonukevi",
        "error: control character escape character (U+001B): it cannot be printed",
    ),
    "right-to-left-override": (
        SECTION,
        "title: Kadın Konukevi",
        "title: Kadın \u202eKonukevi",
        "error: invisible right-to-left override (U+202E)",
    ),
    "next-line": (
        SECTION,
        "title: Kadın Konukevi",
        "title: Kadın\x85Konukevi",
        "error: invisible next-line character (U+0085), usually pasted from Word or a web page",
    ),
}


def _place(text: str, replace: str, find: str) -> tuple[int, int]:
    """Line and column (1-based, counting only line feeds) of the first odd character."""
    start = text.index(find)
    odd = next(i for i in range(len(replace)) if i >= len(find) or replace[i] != find[i])
    index = start + odd
    return text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)


@pytest.fixture(scope="module")
def checked(tmp_path_factory):
    root = tmp_path_factory.mktemp("characters")

    def breaker(file, find, replace):
        return lambda content: edit(content / file, find, replace)

    folders = corpus(root, {name: breaker(*case[:3]) for name, case in CHARACTERS.items()})
    return run_limited("check", root), folders


def test_the_character_corpus_has_no_parser_or_python_words(checked):
    result, _folders = checked
    assert result.returncode == 1
    assert_editor_words(result.stderr)


@pytest.mark.parametrize("name", CHARACTERS)
def test_each_character_is_named_at_its_own_line_and_column(checked, name):
    result, folders = checked
    file, find, replace, expected = CHARACTERS[name]
    text = (CONTENT_ROOT / file).read_text(encoding="utf-8")
    line, col = _place(text, replace, find)
    lines = lines_for(result.stderr, folders[name])
    assert lines, result.stderr
    assert lines[0].startswith(f"{folders[name] / file}:{line}:{col}: {expected}"), lines[0]


def test_a_no_break_space_inside_a_text_only_warns_and_the_booklet_builds(booklet_copy):
    section = booklet_copy / "../../prose/sections/03-kadin.yaml"
    edit(section, "title: Kadın Konukevi", "title: Kadın\u00a0Konukevi")
    report = check(booklet_copy, Report())
    (warning,) = [d for d in report.warnings if "U+00A0" in d.message]
    assert warning.location.line == 11 and warning.location.col == 19
    with pytest.raises(BookletError):
        check(booklet_copy, Report(strict=True))  # --strict refuses it


def test_line_numbers_after_a_line_separator_stay_right(booklet_copy):
    """libyaml counts U+2028 as a line break: every later line number would be off by one."""
    section = booklet_copy / "../../prose/sections/03-kadin.yaml"
    text = section.read_text(encoding="utf-8")
    text = text.replace("title: Kadın Konukevi", "title: Kadın\u2028Konukevi", 1)
    section.write_text(text.replace("title: Kadın Kooperatifleri", "title: Kadın\u2028Kooperatifleri", 1))
    with pytest.raises(BookletError) as info:
        check(booklet_copy, Report())
    lines = sorted(d.location.line for d in info.value.report.errors)
    expected = sorted(i + 1 for i, line in enumerate(section.read_text().split("\n")) if "\u2028" in line)
    assert lines == expected and len(lines) == 2


# -- YAML syntax ------------------------------------------------------------------------------

# name: (text, line, col, message, hint fragment)
SYNTAX = {
    "colon-in-value": (
        "title: Kadın: Konukevi\n",
        1,
        13,
        "the value of 'title' contains ': ', which YAML reads as the start of a new key",
        'title: "Kadın: Konukevi"',
    ),
    "unclosed-double-quote": (
        'id: kadin\ntitle: "Kadın Konukevi\ncolour: kadin\n',
        2,
        8,
        'the quotation mark " opened here is never closed',
        'end the value with "',
    ),
    "unclosed-single-quote": (
        "id: kadin\ntitle: 'Kadın Konukevi\n",
        2,
        8,
        "the quotation mark ' opened here is never closed",
        "'Kars''ta'",
    ),
    "apostrophe-inside-single-quotes": (
        "title: 'Kars'ta'\n",
        1,
        14,
        "text after the closing quotation mark (')",
        "'Kars''ta'",
    ),
    "quote-closed-by-an-apostrophe-lines-below": (
        "cover:\n  mark: 'Türkiye Yüzyılı\nintroduction: |\n  Bakanlığımız'ın çalışmaları\n",
        2,
        9,
        "the quotation mark ' opened here is closed only on line 4, and text follows it there",
        "'Kars''ta'",
    ),
    "unclosed-bracket": (
        "edition: [2024-2\nprose: ../../prose\n",
        1,
        10,
        "the list opened here with '[' is not closed",
        "']'",
    ),
    "unclosed-brace": ("a: {value: 2, kind: count\nb: 1\n", 1, 4, "the '{' opened here is not closed with '}'", "'}'"),
    "key-indented-too-little": (
        "cover:\n  mark: x\n mark2: y\n",
        3,
        2,
        "this line starts at column 2, between the keys above it at columns 1 and 3",
        "0 or 2 spaces",
    ),
    "key-under-a-value": (
        "province: Elazığ\n  date: 2024-05\n",
        2,
        3,
        "this key is indented under 'province' (line 1), which already has a value",
        "indent it like 'province'",
    ),
    "list-item-where-a-key-belongs": (
        "id: x\n- subsection: y\n",
        2,
        1,
        "a list item ('- ') where the lines above expect a key",
        "blocks:",
    ),
    "text-after-pipe": ("intro: | Uyumlu\n  bir aile\n", 1, 10, "text cannot follow '|' on the same line", "next line"),
    "text-block-dedented": (
        "intro: |\n    Uyumlu bir aile\n  birliğini\n",
        3,
        3,
        "this line of text is indented less than the text above it",
        "at least as many spaces",
    ),
    "tab-indentation": ("cover:\n\tmark: x\n", 2, 1, "a tab character cannot indent or start a value", "spaces"),
    "at-sign-start": ("mark: @aile\n", 1, 7, "a value cannot start with '@'", '"@…"'),
    "backtick-start": ("mark: `aile`\n", 1, 7, "a value cannot start with '`'", '"`…"'),
    "percent-start": ("mark: %3 artış\n", 1, 7, "a value cannot start with '%'", '"%…"'),
    "anchor": ("mark: & kapak\n", 1, 7, "'&' at the start of a value marks a YAML anchor, alias or tag", '"&…"'),
    "bad-escape": ('mark: "C:\\yol"\n', 1, 10, "'\\y' is not a valid escape inside double quotes", "single quotes"),
    "second-document": ("id: x\n---\nid: y\n", 2, 1, "'---' starts a second document", "remove the '---' line"),
    "no-space-after-colon": (
        "id: x\ntitle:Kadın\n",
        2,
        1,
        "the key 'title' needs a space after its ':'",
        "'title: Kadın'",
    ),
    "line-without-colon": (
        "id: x\nKadın Konukevi\ncolour: y\n",
        2,
        1,
        "this line has no ':' after its key",
        "'key: value'",
    ),
    "text-line-before-key": (
        "cover:\n  Kadın Konukevi\n  mark: y\n",
        3,
        3,
        "line 2 has no ':' but the line after it is a key",
        "'key: value'",
    ),
}


def _syntax_error(text: str) -> str:
    with pytest.raises(BookletError) as info:
        compose(Source(Path("f.yaml"), text))
    (diagnostic,) = info.value.report.diagnostics
    return diagnostic.format()


@pytest.mark.parametrize("loader", ["libyaml", "pure-python"])
@pytest.mark.parametrize("name", SYNTAX)
def test_yaml_mistakes_are_told_at_the_place_to_fix(name, loader, monkeypatch):
    if loader == "pure-python":  # PyYAML without libyaml words its problems differently
        monkeypatch.setattr(source, "_Loader", yaml.SafeLoader)
    text, line, col, message, hint = SYNTAX[name]
    shown = _syntax_error(text)
    first, hint_line = shown.split("\n")
    assert first.startswith(f"f.yaml:{line}:{col}: error: "), shown
    assert message in first, shown
    assert hint in hint_line, shown
    assert_editor_words(shown)


def test_the_old_unclosed_bracket_case_points_at_the_bracket(booklet_copy):
    edit(booklet_copy / "booklet.yaml", "edition: 2024-2", "edition: [2024-2")
    with pytest.raises(BookletError) as info:
        check(booklet_copy, Report())
    (error,) = info.value.report.errors
    assert (error.location.line, error.location.col) == (6, 10)


FUZZ_FILES = [f"{BOOKLET}/booklet.yaml", f"{BOOKLET}/figures.yaml", "prose/prose.yaml", SECTION]
# Characters that mean something to YAML, and invisible ones pasted with text.
NOISE = list(":-[]{}'\"|>&*!%@`#,?\t \n") + ["\u00a0", "\u2028", "\x0b", "\u200b", "\ufeff", "\u00ad", ": ", "\n  "]


@settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    st.sampled_from(FUZZ_FILES),
    st.lists(st.tuples(st.floats(0, 1), st.sampled_from(NOISE)), min_size=1, max_size=4),
)
def test_any_slip_in_a_content_file_gets_our_words_and_a_place_inside_the_file(file, edits):
    text = (CONTENT_ROOT / file).read_text(encoding="utf-8")
    for where, noise in edits:
        at = int(where * len(text))
        text = text[:at] + noise + text[at:]
    try:
        compose(Source(Path(file), text), Report())
    except BookletError as exc:
        lines = text.split("\n")
        for diagnostic in exc.report.diagnostics:
            assert_editor_words(diagnostic.format())
            loc = diagnostic.location
            assert 1 <= loc.line <= len(lines), diagnostic.format()
            assert 1 <= loc.col <= len(lines[loc.line - 1]) + 1, diagnostic.format()
    assert re.search(r"\S", text)

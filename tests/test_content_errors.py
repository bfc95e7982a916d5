"""Broken content gives located, readable diagnostics and never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from booklet.build import build, check
from booklet.diagnostics import BookletError, Report

from .conftest import shared


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def errors_of(booklet: Path) -> list[str]:
    with pytest.raises(BookletError) as info:
        check(booklet, Report())
    return [d.format() for d in info.value.report.diagnostics if d.level.value == "error"]


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(needle)


def test_shipped_content_checks_clean(booklet_copy):
    report = check(booklet_copy, Report())
    assert report.diagnostics == []


def test_unknown_figure_is_located_in_the_prose(booklet_copy):
    section = shared(booklet_copy) / "sections/01-aile-ve-toplum.yaml"
    edit(section, "{asdep_hane_sayisi}", "{asdep_hane_sayis}")
    line = line_of(section, "{asdep_hane_sayis}")
    col = section.read_text(encoding="utf-8").splitlines()[line - 1].index("{asdep_hane_sayis}") + 1
    errors = errors_of(booklet_copy)
    assert errors == [
        f"{section}:{line}:{col}: error: unknown figure '{{asdep_hane_sayis}}'\n"
        "  hint: did you mean 'asdep_hane_sayisi'?"
    ]


def test_unused_figure_is_a_warning(booklet_copy):
    figures = booklet_copy / "figures.yaml"
    figures.write_text(figures.read_text(encoding="utf-8") + "yeni_rakam: {value: 5, kind: count}\n", encoding="utf-8")
    report = check(booklet_copy, Report())
    assert [d.message for d in report.warnings] == ["figure 'yeni_rakam' is defined but never used"]
    assert report.warnings[0].location.line == line_of(figures, "yeni_rakam")


def test_unknown_key_suggests_the_near_miss(booklet_copy):
    section = shared(booklet_copy) / "sections/02-cocuk.yaml"
    edit(section, "      icon: cocuk-evi", "      ikon: cocuk-evi")
    errors = errors_of(booklet_copy)
    line = line_of(section, "ikon: cocuk-evi")
    assert f"{section}:{line}:7: error: unknown key 'ikon' in subsection\n  hint: did you mean 'icon'?" in errors
    assert any("missing the required key 'icon'" in e for e in errors)


def test_yaml_syntax_error_has_line_and_column(booklet_copy):
    meta = booklet_copy / "booklet.yaml"
    edit(meta, "edition: 2024-2", "edition: [2024-2")
    errors = errors_of(booklet_copy)
    assert len(errors) == 1
    assert errors[0].startswith(f"{meta}:")
    assert "YAML syntax error" in errors[0]


def test_tab_indentation_gets_a_hint(booklet_copy):
    meta = shared(booklet_copy) / "prose.yaml"
    edit(meta, "  mark: Türkiye Yüzyılı\n  ministry", "\tmark: Türkiye Yüzyılı\n  ministry")
    (error,) = errors_of(booklet_copy)
    assert "tab" in error


def test_a_subsection_key_indented_like_the_block_kind_gets_the_indentation_hint(booklet_copy):
    section = shared(booklet_copy) / "sections/03-kadin.yaml"
    edit(section, "      icon: konukevi\n      text: |", "      icon: konukevi\n    text: |")
    with pytest.raises(BookletError) as info:
        check(booklet_copy, Report())
    (error,) = info.value.report.errors
    assert (error.location.line, error.location.col) == (10, 5)
    assert error.hint == (
        "'text' (line 13) is indented like 'subsection' (column 5); if it belongs to the subsection,"
        " indent it like 'title' (column 7); a block of its own starts with '- '"
    )


def test_two_blocks_in_one_list_item_keep_the_list_hint(booklet_copy):
    section = shared(booklet_copy) / "sections/03-kadin.yaml"
    edit(
        section,
        "  - subsection:\n      title: Kadın Konukevi",
        "  - text: Giriş\n    subsection:\n      title: Kadın Konukevi",
    )
    with pytest.raises(BookletError) as info:
        check(booklet_copy, Report())
    (error,) = info.value.report.errors
    assert error.hint == "start a new '- ' list item for each block"


def test_duplicate_key_is_an_error_not_a_silent_overwrite(booklet_copy):
    figures = booklet_copy / "figures.yaml"
    figures.write_text(figures.read_text(encoding="utf-8") + "shm_sayisi: {value: 3, kind: count}\n", encoding="utf-8")
    (error,) = errors_of(booklet_copy)
    assert "duplicate key 'shm_sayisi' (first given on line" in error


def test_turkish_number_in_a_value_is_explained(booklet_copy):
    figures = booklet_copy / "figures.yaml"
    edit(figures, "value: 92783,", 'value: "92.783",')
    (error,) = errors_of(booklet_copy)
    assert "must be a number, found '92.783'" in error
    assert "without Turkish separators" in error


def test_character_the_font_cannot_draw_is_located(booklet_copy):
    section = shared(booklet_copy) / "sections/03-kadin.yaml"
    edit(section, "Kadın Konukevi\n", "Kadın Konukevi ☃\n")
    (error,) = errors_of(booklet_copy)
    line = line_of(section, "☃")
    col = section.read_text(encoding="utf-8").splitlines()[line - 1].index("☃") + 1
    assert error.startswith(f"{section}:{line}:{col}: error: the booklet's font cannot draw '☃' (U+2603 SNOWMAN)")


def test_missing_icon_names_the_file(booklet_copy):
    section = shared(booklet_copy) / "sections/03-kadin.yaml"
    edit(section, "icon: konukevi", "icon: konuk-evi")
    (error,) = errors_of(booklet_copy)
    assert f"{section}:{line_of(section, 'konuk-evi')}:" in error
    assert "icon 'konuk-evi' not found" in error


def test_unclosed_bold_is_located(booklet_copy):
    section = shared(booklet_copy) / "sections/06-sosyal-yardimlar.yaml"
    edit(section, "**{sydv_sayisi}", "{sydv_sayisi}")
    (error,) = errors_of(booklet_copy)
    assert "'**' opens bold text that is never closed" in error


def test_missing_section_file(booklet_copy):
    (shared(booklet_copy) / "sections/07-yatirimlar.yaml").unlink()
    (error,) = errors_of(booklet_copy)
    assert "section file 'sections/07-yatirimlar.yaml' not found" in error
    assert error.startswith(f"{shared(booklet_copy) / 'prose.yaml'}:")


def test_section_colour_must_be_in_the_theme(booklet_copy):
    section = shared(booklet_copy) / "sections/02-cocuk.yaml"
    edit(section, "colour: cocuk", "colour: cocuq")
    (error,) = errors_of(booklet_copy)
    assert "colour 'cocuq' is not defined in theme.yaml" in error and "did you mean 'cocuk'?" in error


def test_aliases_are_refused(booklet_copy):
    meta = shared(booklet_copy) / "prose.yaml"
    edit(meta, "cover:\n  mark: Türkiye Yüzyılı", "cover: &c\n  mark: Türkiye Yüzyılı")
    edit(meta, "back_cover:", "x: *c\nback_cover:")
    errors = errors_of(booklet_copy)
    assert any("anchors and aliases" in e for e in errors)


def test_failed_build_leaves_the_previous_pdf_untouched(booklet_copy, tmp_path):
    out = tmp_path / "out"
    first = build(booklet_copy, out).path
    before = first.read_bytes()
    edit(booklet_copy / "figures.yaml", "value: 92783,", "value: doksan,")
    with pytest.raises(BookletError):
        build(booklet_copy, out)
    assert first.read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == [first.name]


def test_new_figures_change_the_pdf_not_the_prose(booklet_copy, tmp_path):
    edit(booklet_copy / "figures.yaml", "value: 92783,", "value: 101234,")
    edit(booklet_copy / "booklet.yaml", "date: 2024-05", "date: 2024-11")
    import pypdfium2 as pdfium

    path = build(booklet_copy, tmp_path).path
    text = " ".join(p.get_textpage().get_text_range() for p in pdfium.PdfDocument(str(path)))
    assert "101.234" in text and "92.783" not in text
    assert "Kasım 2024" in text

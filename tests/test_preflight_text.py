"""Text rules: type under 9 pt on one plate, black text in black ink only."""

from __future__ import annotations

import pytest

from booklet.preflight import preflight

from .printfiles import BROKEN, edit, good_pdf, text

pytestmark = pytest.mark.usefixtures("without_ghostscript")


def test_small_text_on_three_plates_fails():
    report = preflight("x.pdf", data=BROKEN["small-text-three-plates"][1]())
    assert (
        "FAIL  text: page 1: text under 9 pt prints on 3 plates (Cyan, Magenta, Black): small text must print on one"
        " plate (a black tint or one spot colour)" in report.lines()
    )


def test_small_text_in_a_black_tint_passes():
    report = preflight("x.pdf", data=edit(lambda p: text(p, b"0 0 0 0.65 k", 7.5)))
    assert report.passed and "ok    text: all 5 glyphs under 9 pt print on one plate" in report.lines()


def test_rich_black_body_text_fails_and_large_rich_black_does_not():
    report = preflight("x.pdf", data=BROKEN["rich-black-body-text"][1]())
    assert (
        "FAIL  text: page 1: black text under 12 pt in rich black (C60 M50 Y40 K100): black text must be 100 % K only"
        in report.lines()
    )
    assert preflight("x.pdf", data=edit(lambda p: text(p, b"0.6 0.5 0.4 1 k", 24))).passed


def test_turkish_extracts_from_the_good_file():
    assert "ok    text: Turkish text extracts (Ö İ Ş found)" in preflight("x.pdf", data=good_pdf()).lines()


def test_the_plates_are_named_in_turkish_for_a_turkish_reader(tmp_path):
    from click.testing import CliRunner

    from booklet import i18n
    from booklet.cli import main

    path = tmp_path / "x.pdf"
    path.write_bytes(BROKEN["small-text-three-plates"][1]())
    try:
        done = CliRunner().invoke(main, ["--lang", "tr", "preflight", str(path)])
    finally:
        i18n.setup("en")  # the command switched the process to Turkish
    assert done.exit_code == 1
    assert "9 punto altındaki metin 3 kalıba basılıyor (camgöbeği, macenta, siyah)" in done.output

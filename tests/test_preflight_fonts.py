"""Font rules: embedded fonts and one subset tag per subset."""

from __future__ import annotations

import re

import pikepdf
import pytest

from booklet.preflight import preflight

from .printfiles import BROKEN, edit, good_pdf

pytestmark = pytest.mark.usefixtures("without_ghostscript")


def test_an_unembedded_font_fails():
    report = preflight("x.pdf", data=BROKEN["unembedded-font"][1]())
    assert "FAIL  fonts: page 1: font Helvetica is not embedded" in report.lines()


def test_subsets_sharing_a_tag_warn(print_pdf):
    def same_tag(pdf: pikepdf.Pdf) -> None:
        font = next(iter(pdf.pages[0].Resources.Font.values()))
        twin = pdf.copy_foreign(font) if False else pikepdf.Dictionary(font)
        twin.FontDescriptor = pikepdf.Dictionary(twin.FontDescriptor)
        twin.FontDescriptor.FontFile2 = pdf.make_stream(b"another subset")
        twin.BaseFont = pikepdf.Name("/" + str(font.BaseFont)[1:7] + "+NotoSans-Bold")
        pdf.pages[1].Resources.Font["/F9"] = pdf.make_indirect(twin)
        pdf.pages[1].contents_add(pdf.make_stream(b"BT /F9 10 Tf 100 100 Td (a) Tj ET"))

    report = preflight("x.pdf", data=edit(same_tag))
    assert any(
        re.match(r"WARN  fonts: 2 different font subsets share the tag [A-Z]{6}\+", line) for line in report.lines()
    )
    assert not any("share the tag" in line for line in preflight("x.pdf", data=good_pdf()).lines())
    assert not any("share the tag" in line for line in preflight(print_pdf).lines())

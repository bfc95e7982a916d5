"""Sheet rules: page count, boxes and bleed, artwork into the bleed, crop marks."""

from __future__ import annotations

import pikepdf
import pytest

from booklet.preflight import Rules, preflight

from .printfiles import BROKEN, _strip_marks, edit, good_pdf

pytestmark = pytest.mark.usefixtures("without_ghostscript")


def lines(data: bytes, rules: Rules | None = None) -> list[str]:
    return preflight("x.pdf", rules, data=data).lines()


def test_the_good_file_passes_every_sheet_rule():
    text = lines(good_pdf())
    assert "ok    boxes: TrimBox 148 × 210 mm and 3.0 mm bleed on all 4 pages" in text
    assert "ok    boxes: artwork that touches the trim runs into the bleed" in text
    assert "ok    marks: crop marks at the 4 trim corners, outside the bleed, on all 4 pages" in text


def test_artwork_clipped_at_the_trim_fails_on_every_edge():
    text = lines(BROKEN["artwork-clipped-at-trim"][1]())
    for edge in ("top", "bottom", "left", "right"):
        assert any(
            line.startswith(f"FAIL  boxes: page 2: artwork stops at the trim on the {edge} edge (") for line in text
        ), text
    assert not any("page 1" in line and "artwork" in line for line in text)  # the cover is bled


def test_narrow_bleed_fails_unless_agreed_and_then_warns():
    data = BROKEN["bleed-1-mm"][1]()
    assert "FAIL  boxes: pages 1–4: bleed 1.0 mm < 3 mm" in lines(data)
    agreed = preflight("x.pdf", Rules(bleed_mm=1), data=data)
    assert agreed.passed
    assert (
        "WARN  boxes: pages 1–4: bleed 1.0 mm is less than the usual 3 mm: agree it with the print shop"
        in agreed.lines()
    )


def test_missing_trim_box_and_page_count():
    assert "FAIL  boxes: pages 1–4: no TrimBox: the printer cannot tell where to cut" in lines(
        BROKEN["no-trim-box"][1]()
    )
    assert "FAIL  pages: 6 pages is not a multiple of 4 (saddle stitching)" in lines(BROKEN["six-pages"][1]())
    assert not any(line.startswith("FAIL  pages") for line in lines(BROKEN["six-pages"][1](), Rules(page_multiple=1)))


def test_crop_marks_inside_the_bleed_fail():
    report = preflight("x.pdf", data=BROKEN["crop-marks-in-bleed"][1]())
    assert (
        "FAIL  marks: page 1: crop marks (registration colour) inside the bleed: they would print on the page"
        in report.lines()
    )
    assert {f.check for f in report.failures} == {"marks"}


def test_crop_marks_missing_warn_and_incomplete_fail():
    none = preflight("x.pdf", data=edit(lambda p: _strip_marks(p, 0)))
    assert "WARN  marks: pages 1–4: no crop marks, though the sheet has room for them outside the bleed" in none.lines()
    two = preflight("x.pdf", data=edit(lambda p: _strip_marks(p, 2)))
    assert "FAIL  marks: pages 1–4: crop marks at only 2 of the 4 trim corners" in two.lines()


def test_a_sheet_without_room_needs_no_marks():
    def tight(pdf: pikepdf.Pdf) -> None:
        for page in pdf.pages:
            page.MediaBox = page.BleedBox
            page.CropBox = page.BleedBox

    assert "ok    marks: no crop marks (the sheet ends at the bleed)" in lines(edit(tight))

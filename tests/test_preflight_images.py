"""Image rules: effective resolution at the placed size, and images too large to print."""

from __future__ import annotations

import pytest

from booklet.preflight import preflight

from .printfiles import BROKEN, HOSTILE

pytestmark = pytest.mark.usefixtures("without_ghostscript")


def test_a_low_resolution_image_fails():
    report = preflight("x.pdf", data=BROKEN["low-resolution-image"][1]())
    assert "FAIL  images: page 1: image Im9 51 ppi < 200" in report.lines()


def test_a_forty_gigapixel_image_fails_without_being_rendered():
    report = preflight("x.pdf", data=HOSTILE["huge-image"][1]())
    assert (
        "FAIL  images: page 1: image Im9 is 200000 × 200000 pixels, more than 100 million: too large to print"
        in report.lines()
    )
    assert not any("artwork" in line for line in report.lines())  # PDFium never saw it
    assert report.facts["ink_method"] == "estimate"

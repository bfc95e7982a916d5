"""Total ink measured on rendered separations: images, overprint and stacking count."""

from __future__ import annotations

import pytest

from booklet.preflight import Rules, preflight

from .printfiles import BROKEN, good_pdf


def test_a_400_per_cent_image_fails_on_the_separations(ghostscript):
    report = preflight("x.pdf", data=BROKEN["cmyk-400-image"][1]())
    assert "FAIL  ink: page 1: total ink 400 % > 300 %" in report.lines()
    assert {f.check for f in report.failures} == {"ink"}
    assert report.facts["ink_method"] == "separations"


def test_registration_colour_in_the_bleed_is_400_per_cent_on_the_separations(ghostscript):
    report = preflight("x.pdf", data=BROKEN["crop-marks-in-bleed"][1]())
    assert {f.check for f in report.failures} == {"marks", "ink"}


def test_overprinting_black_text_adds_its_ink_to_the_background(ghostscript):
    """The cover is C95 M72 Y30 K18 (215 %); 100 % K text overprints it: 297 % where the text is."""
    report = preflight("x.pdf", data=good_pdf())
    assert report.passed
    assert 296 <= report.facts["max_ink"] <= 298
    assert report.facts["plates"].keys() == {"Cyan", "Magenta", "Yellow", "Black"}
    assert not preflight("x.pdf", Rules(max_ink=280), data=good_pdf()).passed


def test_without_ghostscript_the_image_samples_still_count(monkeypatch):
    monkeypatch.setenv("BOOKLET_GHOSTSCRIPT", "")
    report = preflight("x.pdf", data=BROKEN["cmyk-400-image"][1]())
    assert "FAIL  ink: page 1: total ink 400 % > 300 %" in report.lines()
    assert any(
        line.startswith("WARN  ink: total ink estimated from colour values and image samples")
        for line in report.lines()
    )


@pytest.mark.usefixtures("without_ghostscript")
def test_vector_ink_is_estimated_without_ghostscript():
    report = preflight("x.pdf", data=good_pdf())
    assert report.facts["max_ink"] == pytest.approx(215, abs=0.5)

"""Colour rules: CMYK or spot only, wherever a colour space hides (one broken file per case)."""

from __future__ import annotations

import pytest

from booklet.preflight import preflight

from .printfiles import BROKEN

pytestmark = pytest.mark.usefixtures("without_ghostscript")

EXPECTED = {
    "device-rgb-fill": "FAIL  colour: page 1: colour in DeviceRGB: the press needs CMYK or spot colour",
    "device-rgb-image": "FAIL  colour: page 1: image Im9 in DeviceRGB: the press needs CMYK or spot colour",
    "indexed-rgb-image": "FAIL  colour: page 1: image Im9 in Indexed (DeviceRGB base)",
    "separation-rgb-alternate": "FAIL  colour: page 1: colour space in Separation (DeviceRGB alternate)",
    "devicen-rgb-alternate": "FAIL  colour: page 1: colour space in DeviceN (DeviceRGB alternate)",
    "iccbased-rgb": "FAIL  colour: page 1: colour space in ICC-based RGB",
    "icc-n-against-profile": "FAIL  colour: page 1: colour space in ICC-based RGB, though its /N says 4",
    "lab-colour": "FAIL  colour: page 1: colour space in Lab",
    "rgb-shading-pattern": "FAIL  colour: page 1: shading pattern in DeviceRGB",
    "rgb-tiling-pattern": "FAIL  colour: page 1: tiling pattern in DeviceRGB",
    "rgb-transparency-group": "FAIL  colour: page 1: transparency group in DeviceRGB",
    "rgb-soft-mask": "FAIL  colour: page 1: soft mask in DeviceRGB",
    "rgb-annotation-appearance": "FAIL  colour: page 1: annotation appearance in DeviceRGB",
    "rgb-type3-glyph": "FAIL  colour: page 1: Type 3 glyph in DeviceRGB",
    "rgb-form-six-deep": "FAIL  colour: page 1: colour in DeviceRGB",
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_rgb_is_found_wherever_it_hides(name):
    check, make = BROKEN[name]
    report = preflight(f"{name}.pdf", data=make())
    assert check == "colour" and {f.check for f in report.failures} == {"colour"}
    assert any(line.startswith(EXPECTED[name]) for line in report.lines()), report.lines()


def test_every_colour_fault_is_listed_here():
    assert {name for name, (check, _make) in BROKEN.items() if check == "colour"} == set(EXPECTED)

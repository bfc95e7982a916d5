"""Safety rules: encryption, scripts, annotations on the page, transfer functions, halftones, OPI."""

from __future__ import annotations

import pytest

from booklet.preflight import preflight

from .printfiles import BROKEN

pytestmark = pytest.mark.usefixtures("without_ghostscript")

EXPECTED = {
    "javascript-open-action": "FAIL  safety: JavaScript runs when the file opens (OpenAction)",
    "annotation-inside-trim": "FAIL  safety: page 1: a Link annotation lies inside the BleedBox: PDF/X allows none there",
    "transfer-function": "FAIL  safety: page 1: graphics state GSt sets TR: PDF/X allows no transfer functions or halftone phase",
    "halftone-phase": "FAIL  safety: page 1: graphics state GSh sets HTP: PDF/X allows no transfer functions or halftone phase",
    "opi-image": "FAIL  safety: page 1: Im9 carries OPI comments: the high-resolution original is not in the file",
    "aes-256-encrypted": "FAIL  safety: the file is encrypted (AES-256): PDF/X allows no encryption; save it without security settings",
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_safety_fault(name):
    check, make = BROKEN[name]
    report = preflight(f"{name}.pdf", data=make())
    assert check == "safety" and EXPECTED[name] in report.lines(), report.lines()


def test_every_safety_fault_is_listed_here():
    assert {name for name, (check, _make) in BROKEN.items() if check == "safety"} == set(EXPECTED)

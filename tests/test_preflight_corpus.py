"""`booklet preflight` itself, as a shop would run it (Ghostscript separations on), on every broken
file of the corpus and on a PDF/X-4 file Ghostscript writes at test time.

test_preflight.py checks the rules in-process without rendering (fast); here the command runs with
the real ink measurement, so a rule that only fails with rendered separations shows up too.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest
from click.testing import CliRunner

from booklet.cli import main

from .conftest import DATA
from .printfiles import BROKEN

MAKE_PDFX4 = DATA / "pdfx4-ghostscript" / "make.sh"
ALSO = {  # other rules a fault rightly breaks as well, with rendered separations
    "aes-256-encrypted": {"pdfx"},  # AES-256 needs a PDF 1.7 header, which PDF/X-4 does not allow
    "crop-marks-in-bleed": {"ink"},  # registration colour is C100 M100 Y100 K100: 400 % where it prints
}


def failing_rules(output: str) -> list[str]:
    return [line.split()[1].rstrip(":") for line in output.splitlines() if line.startswith("FAIL  ")]


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_booklet_preflight_fails_each_broken_file_naming_its_rule(name, ghostscript, tmp_path):
    rule, make = BROKEN[name]
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(make())
    done = CliRunner().invoke(main, ["--lang", "en", "preflight", str(path)])
    assert done.exit_code == 1, done.output
    assert set(failing_rules(done.output)) == {rule} | ALSO.get(name, set()), done.output
    assert "Traceback" not in done.output and "preflight FAIL" in done.output.splitlines()[-1]


def test_the_corpus_has_a_file_for_every_fault_of_the_issue():
    named = {  # the 26 of issue #12 (17 the old preflight passed, and the rest the issue asks for)
        "cmyk-400-image", "separation-rgb-alternate", "srgb-output-profile", "pdfx-3-version",
        "rich-black-body-text", "artwork-clipped-at-trim", "javascript-open-action", "annotation-inside-trim",
        "transfer-function", "info-xmp-disagree", "rgb-transparency-group", "rgb-annotation-appearance",
        "rgb-shading-pattern", "pdf-1.7-header", "aes-256-encrypted", "halftone-phase", "opi-image",
        "rgb-soft-mask", "rgb-type3-glyph", "rgb-form-six-deep", "crop-marks-in-bleed", "crop-marks-at-two-corners",
        "no-bleed", "unembedded-font", "low-resolution-image", "six-pages",
    }  # fmt: skip
    assert len(named) == 26 and named <= set(BROKEN)


def test_a_pdfx4_file_ghostscript_writes_now_passes_without_a_finding(ghostscript, tmp_path):
    """Not the vendored copy: the installed Ghostscript's pdfwrite writes the file during the test."""
    if shutil.which("bash") is None:
        pytest.skip("make.sh needs bash")
    out = tmp_path / "pdfx4.pdf"
    subprocess.run(["bash", str(MAKE_PDFX4), str(out)], check=True, capture_output=True, timeout=120)
    done = CliRunner().invoke(main, ["--lang", "en", "preflight", str(out)])
    assert done.exit_code == 0, done.output
    assert [line for line in done.output.splitlines() if line.startswith(("FAIL", "WARN"))] == []
    assert "measured on rendered separations" in done.output and "preflight PASS" in done.output

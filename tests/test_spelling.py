"""Spelling: on the original source's wording the check flags its five typos and nothing else."""

from __future__ import annotations

import pytest

from booklet.build import check
from booklet.diagnostics import Report

from .conftest import shared

pytest.importorskip("spylls", reason="the spell extra (pip install '.[spell]') is part of the test extra")

# the source text's five typos, put back where the booklet corrected them
TYPOS = {
    "yürütülmektedir": "yürütölmektedir",
    "görecek": "görecak",
    "psikososyal ve ekonomik": "psikosozyal ve ekonomik",
    "mücadelemiz": "mücadeleimiz",
    "kişilerince": "kişilerinince",
}


def test_shipped_prose_has_no_misspelling(booklet_copy):
    assert check(booklet_copy, Report(), spell=True).warnings == []


def test_the_five_typos_of_the_source_are_flagged_and_nothing_else(booklet_copy):
    prose = shared(booklet_copy)
    files = [prose / "prose.yaml", *sorted((prose / "sections").glob("*.yaml"))]
    for right, wrong in TYPOS.items():
        for path in files:
            text = path.read_text(encoding="utf-8")
            if right in text:
                path.write_text(text.replace(right, wrong, 1), encoding="utf-8")
                break
        else:
            raise AssertionError(right)
    warnings = check(booklet_copy, Report(), spell=True).warnings
    flagged = sorted(w.message for w in warnings)
    assert flagged == sorted(f"possible misspelling '{w.split()[0]}'" for w in TYPOS.values())
    for warning in warnings:
        word = warning.message.split("'")[1]
        line = warning.location.path.read_text(encoding="utf-8").splitlines()[warning.location.line - 1]
        assert line[warning.location.col - 1 :].startswith(word)

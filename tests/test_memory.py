"""A process that builds booklet after booklet stays the same size (issue 14).

A batch worker, ``watch`` and the studio build hundreds of booklets in one process; every
cache that outlives a build is bounded, so once they are full the memory is flat. The
benchmark (benchmarks/anchors.py) goes on to 1,000 booklets; 400 keep this test under a minute.
"""

from __future__ import annotations

import gc
import shutil
import sys
from pathlib import Path

import pytest

from booklet.build import build, targets_for

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "samples"))

from make_samples import make_variant  # noqa: E402


def province_name(number: int) -> str:
    """An invented province name of letters only ("Yenikaba", "Yenikabe", …): Turkish suffixes
    follow its last vowel, as with a real name."""
    syllables = ("ba", "be", "dı", "di", "ka", "ke", "lu", "lü", "mo", "mö")
    word = ""
    while True:
        number, digit = divmod(number, len(syllables))
        word = syllables[digit] + word
        if not number:
            return "Yeni" + word


def rss_mib() -> float:
    gc.collect()
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS in /proc/self/status")


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads the resident size from /proc")
def test_memory_after_400_booklets_is_within_a_quarter_of_memory_after_80(tmp_path):
    shutil.copytree(ROOT / "content" / "prose", tmp_path / "prose")
    screen = targets_for("screen", 3.0, True)
    sizes = {}
    for number in range(1, 401):
        # each booklet a new province with its own figures, as in a batch of all provinces
        booklet = make_variant(tmp_path / f"il-{number}" / "2024-2", province_name(number), str(number), "../../prose")
        result = build(booklet, tmp_path / "out", targets=screen)
        assert result.files[0].pages == 13
        result.files[0].path.unlink()
        shutil.rmtree(booklet.parent)
        if number in (80, 400):
            sizes[number] = rss_mib()
    assert sizes[400] <= 1.25 * sizes[80], sizes

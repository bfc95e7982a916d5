"""Caches that outlive a build (issue 14) never change what a build writes.

A batch worker, ``watch`` and the studio build many booklets in one process; each file
must be byte for byte what a fresh process writes for it.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from booklet.build import build, targets_for
from booklet.lru import LRU

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "samples"))

from make_samples import make_variant  # noqa: E402


def _fresh(booklet: Path, out: Path, target: str = "screen") -> dict[str, str]:
    """The files a new process writes for the booklet: name -> md5."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    command = [sys.executable, "-m", "booklet", "build", str(booklet), "-o", str(out), "--target", target]
    subprocess.run(command, check=True, capture_output=True, env=env, timeout=300)
    return {p.name: hashlib.md5(p.read_bytes()).hexdigest() for p in out.glob("*.pdf")}


def _built(booklet: Path, out: Path, target: str = "screen") -> dict[str, str]:
    result = build(booklet, out, targets=targets_for(target, 3.0, True))
    return {f.path.name: hashlib.md5(f.path.read_bytes()).hexdigest() for f in result.files}


def test_booklets_built_one_after_another_in_one_process_are_as_built_alone(tmp_path):
    shutil.copytree(ROOT / "content" / "prose", tmp_path / "prose")
    a5 = tmp_path / "prose-a5"
    shutil.copytree(ROOT / "content" / "prose", a5)
    (a5 / "prose.yaml").write_text(
        (a5 / "prose.yaml").read_text(encoding="utf-8").replace("page_size: A4", "page_size: A5"), encoding="utf-8"
    )
    booklets = [
        make_variant(tmp_path / "hakkari" / "2024-2", "Hakkâri", "1", "../../prose"),
        make_variant(tmp_path / "kars" / "2024-2", "Kars", "2", "../../prose-a5"),
        make_variant(tmp_path / "kars" / "2025-1", "Kars", "2", "../../prose", "2025-1"),
    ]
    in_process: dict[str, str] = {}
    for booklet in booklets + booklets[::-1]:
        for name, digest in _built(booklet, tmp_path / "one", "all").items():
            assert in_process.setdefault(name, digest) == digest
    alone: dict[str, str] = {}
    for booklet in booklets:
        alone.update(_fresh(booklet, tmp_path / "alone" / booklet.parent.name / booklet.name, "all"))
    assert in_process == alone


def test_a_colour_changed_between_two_builds_reaches_the_second_file(tmp_path):
    """watch and the studio rebuild after a save of theme.yaml: paragraphs whose markup
    names that colour are not taken from the first build."""
    shutil.copytree(ROOT / "content" / "prose", tmp_path / "prose")
    booklet = make_variant(tmp_path / "mus" / "2024-2", "Muş", "3", "../../prose")
    first = _built(booklet, tmp_path / "out")
    theme = tmp_path / "prose" / "theme.yaml"
    text = theme.read_text(encoding="utf-8")
    assert 'aile:          {rgb: "#0D7585"' in text
    theme.write_text(text.replace('aile:          {rgb: "#0D7585"', 'aile:          {rgb: "#0A7282"'), encoding="utf-8")
    later = time.time_ns() + 5_000_000_000  # a new modification time, however coarse the clock
    os.utime(theme, ns=(later, later))
    second = _built(booklet, tmp_path / "out")
    assert second != first
    assert second == _fresh(booklet, tmp_path / "fresh")


def test_the_lru_keeps_only_the_most_recently_used():
    cache: LRU[int] = LRU(3)
    for key in "abcd":
        cache.put(key, ord(key))
    assert len(cache) == 3 and cache.get("a") is None
    assert cache.get("b") == ord("b")  # b is now the most recent
    cache.put("e", 5)
    assert cache.get("c") is None and cache.get("b") == ord("b")

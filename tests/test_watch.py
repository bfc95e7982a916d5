"""Saving a file rebuilds the booklet in well under a second; a broken save keeps the last PDF."""

from __future__ import annotations

import queue
import time

from booklet.build import targets_for
from booklet.watch import Watcher, watched_folders

from .conftest import shared


def test_watch_rebuilds_after_a_save_and_keeps_the_last_good_pdf(booklet_copy, tmp_path):
    results: queue.Queue = queue.Queue()
    out = tmp_path / "out"
    watcher = Watcher(booklet_copy, out, targets_for("screen", 3, True), results.put)
    first = watcher.rebuild()
    assert first.ok
    results.get()
    pdf = first.files[0]
    good = pdf.read_bytes()
    assert [p.name for p in watched_folders(booklet_copy)] == ["2024-2", "prose"]
    watcher.start()
    try:
        time.sleep(0.3)  # let the observer settle before the first save
        figures = booklet_copy / "figures.yaml"
        saved = time.perf_counter()
        figures.write_text(
            figures.read_text(encoding="utf-8").replace("value: 92783,", "value: 93001,"), encoding="utf-8"
        )
        outcome = results.get(timeout=10)
        after_save = time.perf_counter() - saved
        assert outcome.ok, outcome.report.diagnostics
        assert after_save < 1.0, f"rebuilt {after_save:.2f} s after the save"
        assert pdf.read_bytes() != good
        good = pdf.read_bytes()

        section = shared(booklet_copy) / "sections/03-kadin.yaml"  # the shared prose is watched too
        section.write_text(
            section.read_text(encoding="utf-8").replace("{il} ilimizde", "{ill} ilimizde", 1), encoding="utf-8"
        )
        broken = results.get(timeout=10)
        assert not broken.ok
        (error,) = broken.report.errors
        assert error.format().startswith(f"{section}:") and "unknown figure '{ill}'" in error.message
        assert pdf.read_bytes() == good
    finally:
        watcher.stop()

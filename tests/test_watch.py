"""Saving a file rebuilds the booklet; a broken save keeps the last PDF; an older build never wins."""

from __future__ import annotations

import queue
import shutil
import signal
import subprocess
import sys
import threading
import time

import pypdfium2 as pdfium

from booklet.build import targets_for
from booklet.watch import Watcher, watched_folders

from .conftest import shared
from .terminal import ctrl_c_reaches_it


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
        figures.write_text(
            figures.read_text(encoding="utf-8").replace("value: 92783,", "value: 93001,"), encoding="utf-8"
        )
        outcome = results.get(timeout=10)
        assert outcome.ok, outcome.report.diagnostics
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


def _figure(booklet, old: str, new: str) -> None:
    figures = booklet / "figures.yaml"
    figures.write_text(figures.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def _text(pdf) -> str:
    document = pdfium.PdfDocument(str(pdf))
    text = " ".join(page.get_textpage().get_text_range() for page in document)
    document.close()
    return text


def test_a_build_overtaken_by_a_newer_save_is_discarded_before_it_writes(booklet_copy, tmp_path, monkeypatch):
    """The issue: a slow build finished after a newer one and overwrote the newer PDF."""
    import booklet.watch as watch

    results: queue.Queue = queue.Queue()
    watcher = Watcher(booklet_copy, tmp_path / "out", targets_for("screen", 3, True), results.put)
    pdf = watcher.rebuild().files[0]
    results.get()
    first_asked, changed = threading.Event(), threading.Event()
    real_build, real_changed = watch.build, watcher.changed

    def note_change() -> None:
        real_changed()
        changed.set()

    def slow_first_build(*args, current=None, **kwargs):
        def ask() -> bool:
            if not first_asked.is_set():  # the first build after the save: hold it before it writes
                changed.clear()
                first_asked.set()
                changed.wait(20)  # until the watcher has seen the newer save
            return current()

        return real_build(*args, current=ask, **kwargs)

    watcher.changed = note_change
    monkeypatch.setattr(watch, "build", slow_first_build)
    watcher.start()
    try:
        time.sleep(0.3)  # let the observer settle before the first save
        _figure(booklet_copy, "value: 92783,", "value: 11111,")  # the older save
        assert first_asked.wait(10)
        _figure(booklet_copy, "value: 11111,", "value: 22222,")  # the newer save, while it builds
        outcome = results.get(timeout=20)
        assert outcome.ok
        assert "22.222" in _text(pdf) and "11.111" not in _text(pdf)
        assert results.empty()  # one builder thread: the older build would have come first
    finally:
        watcher.stop()


def test_watch_recovers_when_the_booklet_folder_disappears_and_returns(booklet_copy, tmp_path):
    results: queue.Queue = queue.Queue()
    notices: queue.Queue = queue.Queue()
    watcher = Watcher(
        booklet_copy, tmp_path / "out", targets_for("screen", 3, True), results.put, on_notice=notices.put
    )
    pdf = watcher.rebuild().files[0]
    results.get()
    watcher.start()
    try:
        time.sleep(0.3)
        kept = tmp_path / "kept"
        shutil.copytree(booklet_copy, kept)
        shutil.rmtree(booklet_copy)  # a git checkout of another branch, a folder restored from backup …
        assert notices.get(timeout=10).endswith("has disappeared; watching for it to come back")
        _figure(kept, "value: 92783,", "value: 33333,")
        shutil.copytree(kept, booklet_copy)
        assert notices.get(timeout=10).endswith("is back; watching it again")
        outcome = results.get(timeout=20)
        while not outcome.ok:  # failures while it was gone
            outcome = results.get(timeout=20)
        assert "33.333" in _text(pdf)
        _figure(booklet_copy, "value: 33333,", "value: 44444,")  # a later save is not ignored
        outcome = results.get(timeout=20)
        assert outcome.ok and "44.444" in _text(pdf)
    finally:
        watcher.stop()


def test_ctrl_c_stops_booklet_watch_with_status_130(booklet_copy, tmp_path):
    process = subprocess.Popen(
        [sys.executable, "-m", "booklet", "--lang", "en", "watch", str(booklet_copy), "-o", str(tmp_path / "out")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=ctrl_c_reaches_it,
    )
    try:
        assert "rebuilt" in process.stdout.readline()  # the first build
        assert process.stdout.readline().startswith("watching ")
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=30)
    finally:
        if process.poll() is None:  # never leave a watcher behind, whatever failed
            process.kill()
            process.communicate()
    assert process.returncode == 130
    assert "stopped" in stdout and "Traceback" not in stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["elazig-2024-2.pdf"]

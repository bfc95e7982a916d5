"""A failed or interrupted build never damages the files a previous build wrote."""

from __future__ import annotations

import errno
import os
import re
import shutil
import signal
import subprocess
import sys
import time

import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner

from booklet.build import build, targets_for
from booklet.cli import main
from booklet.diagnostics import BookletError
from booklet.pdf import output

from .conftest import CONTENT, CONTENT_ROOT
from .terminal import ctrl_c_reaches_it

BOTH = targets_for("all", 3, True)


@pytest.fixture()
def previous(tmp_path):
    out = tmp_path / "out"
    result = build(CONTENT, out, targets=BOTH)
    return out, {f.path: f.path.read_bytes() for f in result.files}


def unchanged(out, files) -> bool:
    return all(path.read_bytes() == data for path, data in files.items()) and sorted(out.iterdir()) == sorted(files)


def test_interrupted_build_leaves_the_old_files_byte_identical(previous, monkeypatch, booklet_copy):
    out, files = previous
    edit = booklet_copy / "figures.yaml"
    edit.write_text(edit.read_text(encoding="utf-8").replace("value: 92783,", "value: 12345,"), encoding="utf-8")

    def interrupt(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(output.os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        build(booklet_copy, out, targets=BOTH)
    assert unchanged(out, files)  # no half-written PDF, no stray .part file


def test_full_disk_is_a_clear_error_and_keeps_the_old_files(previous, monkeypatch, booklet_copy):
    out, files = previous

    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(output.os, "fsync", full)
    with pytest.raises(BookletError) as info:
        build(booklet_copy, out, targets=BOTH)
    assert "cannot write the file: the disk is full" in str(info.value)
    assert unchanged(out, files)


def test_content_error_keeps_the_old_files(previous, booklet_copy):
    out, files = previous
    edit = booklet_copy / "figures.yaml"
    edit.write_text(edit.read_text(encoding="utf-8").replace("value: 92783,", "value: doksan,"), encoding="utf-8")
    with pytest.raises(BookletError):
        build(booklet_copy, out, targets=BOTH)
    assert unchanged(out, files)


def test_ctrl_c_in_the_cli_says_the_old_output_is_kept(monkeypatch, tmp_path):
    import booklet.build

    def interrupt(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(booklet.build, "layout_booklet", interrupt)
    result = CliRunner().invoke(main, ["build", str(CONTENT), "-o", str(tmp_path)])
    assert result.exit_code == 130
    assert "interrupted; the previous output was left in place" in result.output
    assert "Traceback" not in result.output


def test_build_writes_only_inside_its_output_folder(tmp_path, booklet_copy):
    out = tmp_path / "out"
    before = {p for p in tmp_path.rglob("*")}
    build(booklet_copy, out, targets=BOTH)
    after = {p for p in tmp_path.rglob("*")}
    assert {p for p in after - before if not p.is_relative_to(out)} == set()


# -- all targets or none ---------------------------------------------------------------------


def test_a_print_file_that_cannot_be_replaced_leaves_the_screen_file_too(previous, booklet_copy):
    """The issue's worst case: the screen file was replaced, the print file was not."""
    out, files = previous
    print_file = out / "elazig-2024-2-print.pdf"
    print_file.unlink()
    print_file.mkdir()  # something the rename cannot replace
    edit = booklet_copy / "figures.yaml"
    edit.write_text(edit.read_text(encoding="utf-8").replace("value: 92783,", "value: 12345,"), encoding="utf-8")
    with pytest.raises(BookletError) as info:
        build(booklet_copy, out, targets=BOTH)
    (error,) = info.value.report.errors
    assert error.location.path == print_file
    assert error.message == "cannot write the file: a folder of that name is in the way"
    screen = out / "elazig-2024-2.pdf"
    assert screen.read_bytes() == files[screen]
    assert sorted(p.name for p in out.iterdir()) == ["elazig-2024-2-print.pdf", "elazig-2024-2.pdf"]


@pytest.mark.parametrize("failure", [OSError(errno.EACCES, "Permission denied"), KeyboardInterrupt()])
def test_a_failed_rename_puts_back_the_files_already_replaced(previous, monkeypatch, booklet_copy, failure):
    out, files = previous
    edit = booklet_copy / "figures.yaml"
    edit.write_text(edit.read_text(encoding="utf-8").replace("value: 92783,", "value: 12345,"), encoding="utf-8")
    real_replace = os.replace
    renamed = []

    def replace(src, dst):
        if str(dst).endswith("-print.pdf") and not str(src).endswith(".old"):
            raise failure
        renamed.append(dst)
        real_replace(src, dst)

    monkeypatch.setattr(output.os, "replace", replace)
    with pytest.raises((BookletError, KeyboardInterrupt)) as info:
        build(booklet_copy, out, targets=BOTH)
    assert renamed[0] == out / "elazig-2024-2.pdf"  # the screen file had been replaced …
    assert unchanged(out, files)  # … and was put back; no temporary file is left
    if isinstance(failure, OSError):
        (error,) = info.value.report.errors
        assert error.location.path == out / "elazig-2024-2-print.pdf"
        assert error.message == "cannot write the file: permission denied"


def test_two_builds_of_the_same_booklet_at_once_both_end_with_identical_files(tmp_path):
    out = tmp_path / "out"
    command = [sys.executable, "-m", "booklet", "build", str(CONTENT), "-o", str(out)]
    processes = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    assert [p.wait(timeout=120) for p in processes] == [0, 0]
    alone = build(CONTENT, tmp_path / "alone", targets=BOTH)
    assert sorted(p.name for p in out.iterdir()) == sorted(f.path.name for f in alone.files)
    for written in alone.files:
        assert (out / written.path.name).read_bytes() == written.path.read_bytes()


# -- many booklets -----------------------------------------------------------------------------


def _provinces(root, names):
    """Copies of the Elazığ booklet for other provinces, sharing one prose folder."""
    shutil.copytree(CONTENT_ROOT / "prose", root / "prose")
    for name in names:
        booklet = root / name.lower() / "2024-2"
        shutil.copytree(CONTENT, booklet)
        for file in ("booklet.yaml", "figures.yaml"):
            path = booklet / file
            path.write_text(path.read_text(encoding="utf-8").replace("Elazığ", name), encoding="utf-8")
    return root


def test_two_booklets_writing_the_same_file_are_refused_before_anything_is_built(tmp_path):
    root = _provinces(tmp_path / "content", ["Muş", "Mus", "Kars"])  # Muş and Mus are both mus-2024-2.pdf
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(root), "--all", "-o", str(out)])
    assert result.exit_code == 1
    second, first = root / "muş/2024-2", root / "mus/2024-2"  # in the order found: mus, muş
    expected = (
        f"{second / 'booklet.yaml'}:4:11: error: this booklet and {first} would both write {out / 'mus-2024-2.pdf'}"
    )
    assert expected in result.output
    assert "nothing was built" in result.output and "built " not in result.output
    assert not out.exists()


def test_ctrl_c_stops_build_all_at_once_and_keeps_the_finished_booklets(tmp_path):
    names = ["Adana", "Ankara", "Bursa", "Çorum", "Denizli", "Edirne", "Giresun", "Hatay", "İzmir", "Kars"]
    root = _provinces(tmp_path / "content", names)
    out = tmp_path / "out"
    process = subprocess.Popen(
        [sys.executable, "-m", "booklet", "--lang", "en", "build", str(root), "--all", "--jobs", "2", "-o", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a terminal gives it
        preexec_fn=ctrl_c_reaches_it,
    )
    while not any(out.glob("*-print.pdf")) and process.poll() is None:
        time.sleep(0.01)  # wait for the first booklet, not for a time
    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C sends: the whole group
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    match = re.search(r"interrupted: built (\d+) of 10 booklets \((\d+) files\)", stderr)
    assert match, stderr
    built = int(match.group(1))
    # a booklet whose files are in place may not have been counted yet when Ctrl-C came
    assert 0 <= built < 10 and int(match.group(2)) == 2 * built
    assert "Traceback" not in stderr + stdout
    pdfs = sorted(out.glob("*.pdf"))
    assert sorted(p.name for p in out.iterdir()) == [p.name for p in pdfs]  # no temporary file left
    assert len(pdfs) == 2 * built  # a booklet whose files were renamed is counted, and no other
    for pdf in pdfs:
        document = pdfium.PdfDocument(str(pdf))  # every file there is whole
        assert len(document) > 1 and (not pdf.name.endswith("-print.pdf") or len(document) % 4 == 0)
        document.close()
    stems = {p.name.removesuffix("-print.pdf").removesuffix(".pdf") for p in pdfs}
    assert all((out / f"{stem}.pdf").is_file() and (out / f"{stem}-print.pdf").is_file() for stem in stems)

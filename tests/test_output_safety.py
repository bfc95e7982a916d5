"""A failed or interrupted build never damages the files a previous build wrote."""

from __future__ import annotations

import errno
import os

import pytest
from click.testing import CliRunner

from booklet.build import build, targets_for
from booklet.cli import main
from booklet.diagnostics import BookletError
from booklet.pdf import output

from .conftest import CONTENT

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

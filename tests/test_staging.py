"""new-period, new-province, figures import and publish leave nothing half-made behind."""

from __future__ import annotations

import errno
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from booklet.cli import main
from booklet.diagnostics import BookletError, Report
from booklet.periods import new_period, new_province
from booklet.publish import publish
from booklet.spreadsheet import import_figures


def failing_copy(after: int, exc: BaseException):
    """A shutil.copyfile that copies ``after`` files, then fails the way a full disk or Ctrl-C does."""
    real = shutil.copyfile
    calls = {"n": 0}

    def copy(src, dst, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] > after:
            raise exc
        return real(src, dst, *args, **kwargs)

    return copy


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


@pytest.mark.parametrize(
    "exc", [OSError(errno.ENOSPC, "No space left on device"), KeyboardInterrupt()], ids=["disk-full", "ctrl-c"]
)
def test_new_period_cleans_up_and_runs_again(booklet_copy, monkeypatch, exc):
    (booklet_copy / "images").mkdir()
    for i in range(5):
        (booklet_copy / "images" / f"{i}.bin").write_bytes(b"x" * 1000)
    monkeypatch.setattr(shutil, "copyfile", failing_copy(2, exc))
    with pytest.raises(BookletError if isinstance(exc, OSError) else KeyboardInterrupt) as info:
        new_period(booklet_copy, "2025-1", "2025-05")
    if isinstance(exc, OSError):
        message = info.value.report.errors[0].format()
        assert "the disk is full" in message and "Errno" not in message and "(" not in message.split(":")[-1][:3]
    assert not (booklet_copy.parent / "2025-1").exists()
    assert leftovers(booklet_copy.parent) == []
    monkeypatch.undo()
    assert new_period(booklet_copy, "2025-1", "2025-05").is_dir()


def test_new_province_cleans_up_its_new_folders(booklet_copy, monkeypatch):
    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path, "write_text", full)
    target = booklet_copy.parent.parent / "van" / "2024-2"
    with pytest.raises(BookletError, match="the disk is full"):
        new_province(target, "Van", "2024-05")
    assert not target.parent.exists()
    monkeypatch.undo()
    assert new_province(target, "Van", "2024-05")[0].is_dir()


def test_an_interrupted_import_leaves_figures_as_they_were(booklet_copy, tmp_path, monkeypatch):
    later = new_period(booklet_copy, "2025-1", "2025-05")
    sheet = tmp_path / "s.csv"
    sheet.write_text("key,value\nasdep_hane_sayisi,95120\n", encoding="utf-8")
    before = (later / "figures.yaml").read_bytes()
    import os

    real_replace = os.replace

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        import_figures(later, sheet, Report())
    monkeypatch.setattr(os, "replace", real_replace)
    assert (later / "figures.yaml").read_bytes() == before
    assert not [p for p in later.rglob("*.part")]
    assert import_figures(later, sheet, Report()).written


def test_an_interrupted_publish_leaves_the_edition_open(booklet_copy, tmp_path, monkeypatch):
    monkeypatch.setattr(shutil, "copyfile", failing_copy(3, KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        publish(booklet_copy, tmp_path / "out", Report())
    assert not (booklet_copy / "published").exists() and leftovers(booklet_copy) == []
    monkeypatch.undo()
    result = CliRunner().invoke(main, ["publish", str(booklet_copy), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert (booklet_copy / "published" / "manifest.yaml").is_file()


def test_new_period_cli_reports_a_full_disk_in_words(booklet_copy, monkeypatch):
    monkeypatch.setattr(shutil, "copyfile", failing_copy(0, OSError(errno.ENOSPC, "No space left on device")))
    result = CliRunner().invoke(main, ["new-period", str(booklet_copy), "--period", "2025-1", "--date", "2025-05"])
    assert result.exit_code == 1
    assert "the disk is full" in result.output and "internal error" not in result.output
    assert "Errno" not in result.output and "OSError" not in result.output

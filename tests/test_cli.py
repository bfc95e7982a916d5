from __future__ import annotations

import re

from click.testing import CliRunner

from booklet import __version__
from booklet.cli import main

from .conftest import CONTENT


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_build_writes_both_files_and_says_how_it_padded(tmp_path):
    result = run("build", str(CONTENT), "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "elazig-2024-2.pdf").is_file()
    assert (tmp_path / "elazig-2024-2-print.pdf").is_file()
    assert "elazig-2024-2.pdf (13 pages, screen)" in result.output
    assert "elazig-2024-2-print.pdf (16 pages, print)" in result.output
    assert "added 3 blank pages before the back cover" in result.output
    assert re.search(r"built in [\d.]+ s; 0 errors, 0 warnings", result.output)


def test_screen_target_writes_only_the_screen_file(tmp_path):
    result = run("build", str(CONTENT), "-o", str(tmp_path), "--target", "screen")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["elazig-2024-2.pdf"]


def test_check_reports_content_errors_with_locations_and_exit_1(booklet_copy):
    meta = booklet_copy / "booklet.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("date: 2024-05", "date: Mayıs"), encoding="utf-8")
    result = run("check", str(booklet_copy))
    assert result.exit_code == 1
    assert f"{meta}:5:7: error: date 'Mayıs' is not a month" in result.output
    assert "hint: write it as YYYY-MM" in result.output
    assert result.output.rstrip().endswith("1 error, 0 warnings")
    assert "Traceback" not in result.output


def test_missing_booklet_folder_is_a_content_error(tmp_path):
    result = run("build", str(tmp_path / "nowhere"))
    assert result.exit_code == 1
    assert "error: no booklet.yaml" in result.output


def test_usage_errors_exit_2():
    assert run("build", "--no-such-option").exit_code == 2
    assert run("frobnicate").exit_code == 2


def test_version_and_help_on_every_command():
    assert run("--version").output.strip() == f"booklet, version {__version__}"
    for command in ([], ["build"], ["check"]):
        result = run(*command, "--help")
        assert result.exit_code == 0 and "Usage:" in result.output

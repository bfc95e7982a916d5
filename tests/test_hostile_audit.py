"""The audit of issue 10, case by case, as an editor meets each from the command line.

Every hostile file is made here, at test time; each command runs in a child limited to
500 MB of address space and 5 s of CPU (``tests/hostile.py``), so a case that hangs or eats
memory fails by being killed, not by a stopwatch.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from booklet.cli import main
from booklet.diagnostics import ALIKE_SHOWN, Location, Report

from .conftest import CONTENT_ROOT
from .hostile import BOOKLET, assert_editor_words, edit, run_limited

SECTION = Path("prose/sections/02-cocuk.yaml")
ANCHOR = "5–8 çocuğun kaldığı evlerdir."


@pytest.fixture()
def content(tmp_path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT_ROOT, target)
    return target


def build(folder: Path, *args: str) -> subprocess.CompletedProcess:
    """``booklet build`` run from the folder holding ``content/``, as an editor types it."""
    return run_limited("build", Path("content") / BOOKLET, "-o", "out", *args, cwd=folder.parent)


def paste(content: Path, text: str) -> None:
    edit(content / SECTION, ANCHOR, f"{ANCHOR} {text}")


# -- floods of one character -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pasted", "message"),
    [
        ("a" + "\u0307" * 400_000, "the booklet's font cannot draw"),  # 400,000 combining dots: was killed at 5 s
        ("\u200b".join(["kelime"] * 80_000), "invisible zero-width space (U+200B)"),
    ],
    ids=["400000-combining-marks", "80000-zero-width-spaces"],
)
def test_a_flood_of_one_character_is_counted_not_listed(content, pasted, message):
    paste(content, pasted)
    result = build(content)
    assert result.returncode == 1, result.stderr
    lines = [line for line in result.stderr.splitlines() if message in line]
    assert len(lines) == ALIKE_SHOWN  # then one line counts the rest
    assert re.search(r"… and [\d,]+ more like the one above in 02-cocuk\.yaml \(line 18\)", result.stderr)
    assert len(result.stderr.splitlines()) < 40
    assert re.search(r"^[\d,]{6,} errors", result.stderr, re.M)  # every one counted
    assert lines[0].startswith(f"content/{SECTION}:18:")  # named from the working folder
    assert_editor_words(result.stderr)


def test_a_report_keeps_a_bounded_number_and_counts_the_rest():
    report = Report()
    for i in range(100_000):
        report.error(Location(Path("a.yaml"), 1, i + 1), "same")
    for i in range(20_000):
        report.error(Location(Path("b.yaml"), i + 1, 1), f"different {i}")
    assert len(report.diagnostics) <= 5_200
    assert report.summary() == "120,000 errors, 0 warnings"
    shown = report.shown()
    assert any("… and 99,995 more like the one above in a.yaml" in d.message for d in shown)
    assert any("more errors, not listed" in d.message for d in shown)


def test_a_word_tied_by_no_break_spaces_is_named_as_such(content):
    paste(content, "\u00a0".join(["kelime"] * 400))
    result = build(content)
    assert result.returncode == 0, result.stderr
    assert "characters tied by no-break spaces) is wider than the column" in result.stderr
    assert "more like the one above" in result.stderr  # 399 no-break spaces, 5 listed


# -- characters named at their place -------------------------------------------------------------


def test_a_soft_hyphen_after_a_keys_colon_is_named(content):
    edit(content / BOOKLET / "figures.yaml", "period: 2024-2", "period:\u00ad2024-2")
    result = build(content)
    assert result.returncode == 1
    assert f"content/{BOOKLET}/figures.yaml:5:8: error: invisible soft hyphen (U+00AD)" in result.stderr


def test_a_tab_inside_a_title_is_named_as_a_tab(content):
    edit(content / SECTION, "title: Çocuk Evleri\n", "title: Çocuk\tEvleri\n")
    result = build(content)
    assert result.returncode == 1
    assert f"content/{SECTION}:15:19: error: a tab character (U+0009) in the text" in result.stderr


def test_a_list_item_without_its_space_is_told(content):
    edit(content / SECTION, "  - subsection:\n      title: Çocuk Evleri", "  -subsection:\n      title: Çocuk Evleri")
    result = build(content)
    assert result.returncode == 1
    assert f"content/{SECTION}:14:3: error: YAML syntax error: a list item needs a space after its '-'" in result.stderr
    assert_editor_words(result.stderr)


def test_a_key_longer_than_yaml_reads_is_told_quoting_60_characters(content):
    edit(content / BOOKLET / "figures.yaml", "shm_sayisi:", "shm_sayisi" + "x" * 3000 + ":")
    result = build(content)
    assert result.returncode == 1
    (line,) = [line for line in result.stderr.splitlines() if "error:" in line]
    assert "this key is 3,010 characters long; YAML reads a key of at most 1,024" in line
    assert len(line) < 250


# -- length limits -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("find", "field", "limit"),
    [
        ("hotline: ALO 183", "hotline", 60),
        ("web: aile.gov.tr", "web", 100),
        ("qr: https://www.aile.gov.tr/", "qr", 300),
    ],
)
def test_the_back_cover_lines_have_length_limits(content, find, field, limit):
    long = "https://www.aile.gov.tr/" + "a" * 5000 if field == "qr" else " ".join(["Kuruluş"] * 300)
    edit(content / "prose/prose.yaml", find, f"{field}: {long}")
    result = build(content)
    assert result.returncode == 1, result.stderr
    assert f"error: '{field}' is too long:" in result.stderr and f"at most {limit}" in result.stderr
    assert max(len(line) for line in result.stderr.splitlines()) < 200  # nothing echoed whole


def test_a_long_icon_name_is_one_error_at_its_place(content):
    edit(content / SECTION, "icon: cocuk-evi\n", "icon: " + "k" * 3000 + "\n")
    result = build(content)
    assert result.returncode == 1
    assert f"content/{SECTION}:16:13: error: 'icon' is too long: 3,000 characters, at most 60" in result.stderr
    assert "name is too long" not in result.stderr and max(map(len, result.stderr.splitlines())) < 200


# -- spreadsheets ----------------------------------------------------------------------------------


def _import(content: Path, sheet: Path) -> subprocess.CompletedProcess:
    return run_limited("figures", "import", content / BOOKLET, sheet)


def test_a_csv_cell_over_the_csv_limit_is_located(content, tmp_path):
    sheet = tmp_path / "uzun.csv"
    sheet.write_text("key,value\nshm_sayisi," + "9" * 15_000_000 + "\n", encoding="utf-8")
    before = (content / BOOKLET / "figures.yaml").read_bytes()
    result = _import(content, sheet)
    assert result.returncode == 1, result.stderr
    assert f"{sheet}:2:1: error: this line of the CSV file cannot be read" in result.stderr
    assert "internal error" not in result.stderr
    assert (content / BOOKLET / "figures.yaml").read_bytes() == before


def test_a_workbook_of_many_parts_says_so(content, tmp_path):
    sheet = tmp_path / "parcali.xlsx"
    with zipfile.ZipFile(sheet, "w") as archive:
        for i in range(2_500):
            archive.writestr(f"xl/media/x{i}.bin", b"")
    result = _import(content, sheet)
    assert result.returncode == 1
    assert "the workbook is made of 2,500 parts; the limit is 2,000" in result.stderr


def test_a_csv_of_a_million_rows_stops_at_the_row_limit(content, tmp_path):
    sheet = tmp_path / "satirlar.csv"
    sheet.write_text("key,value\n" + "shm_sayisi,2\n" * 1_000_000, encoding="utf-8")  # 13 MB, under 20 MB
    result = _import(content, sheet)
    assert result.returncode == 1
    assert "the sheet has more than 10,000 rows" in result.stderr


def test_a_sheet_over_the_size_limit_gets_a_sheets_hint(content, tmp_path):
    sheet = tmp_path / "buyuk.csv"
    with open(sheet, "wb") as handle:
        handle.truncate(50_000_000)
    result = _import(content, sheet)
    assert result.returncode == 1
    assert "'buyuk.csv' is 50 MB; the limit for this kind of file is 20 MB" in result.stderr
    assert "a figures sheet has one row per figure" in result.stderr


# -- Ctrl-C ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "target", "said"),
    [
        (
            ["new-period", "--period", "2025-1", "--date", "2025-05"],
            "booklet.periods.new_period",
            "nothing was created",
        ),
        (["figures", "import"], "booklet.spreadsheet.import_figures", "figures.yaml was left as it was"),
    ],
    ids=["new-period", "figures-import"],
)
def test_ctrl_c_says_what_it_left_for_each_command(content, tmp_path, monkeypatch, command, target, said):
    import importlib

    module, name = target.rsplit(".", 1)

    def interrupted(*_args, **_kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(importlib.import_module(module), name, interrupted)
    sheet = tmp_path / "s.csv"
    sheet.write_text("key,value\nshm_sayisi,3\n", encoding="utf-8")
    if command[0] == "figures":
        args = [*command, str(content / BOOKLET), str(sheet)]
    else:
        args = [command[0], str(content / BOOKLET), *command[1:]]
    result = CliRunner().invoke(main, ["--lang", "en", *args])
    assert result.exit_code == 130, result.output
    assert f"interrupted; {said}" in result.output


def test_ctrl_c_outside_a_commands_own_handling_is_130_not_aborted(content, monkeypatch):
    import booklet.cli

    def interrupted(*_args, **_kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(booklet.cli, "_pick_booklet", interrupted)
    result = CliRunner().invoke(main, ["--lang", "en", "build", str(content)])
    assert result.exit_code == 130
    assert "interrupted" in result.output and "Aborted" not in result.output


# -- a full disk, for real -----------------------------------------------------------------------------


@pytest.fixture()
def small_disk(tmp_path):
    """A 2 MB tmpfs holding a copy of the content; skipped where mounting is not allowed."""
    mount = tmp_path / "disk"
    mount.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)], capture_output=True)
    if made.returncode != 0:
        pytest.skip("mounting a small tmpfs needs root: " + made.stderr.decode(errors="replace").strip())
    try:
        shutil.copytree(CONTENT_ROOT, mount / "content")
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def _fill(mount: Path, keep: int) -> Path:
    """Fill the disk but ``keep`` bytes."""
    free = os.statvfs(mount).f_bavail * os.statvfs(mount).f_frsize
    filler = mount / "filler"
    with open(filler, "wb") as handle:
        handle.write(b"\0" * max(0, free - keep))
    return filler


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(
    "args",
    [
        ["new-period", "content/elazig/2024-2", "--period", "2025-1", "--date", "2025-05"],
        ["new-province", "content/malatya/2024-2", "--province", "Malatya", "--date", "2024-05"],
        ["figures", "import", "content/elazig/2024-2", "sheet.csv"],
    ],
    ids=["new-period", "new-province", "figures-import"],
)
@pytest.mark.parametrize("keep", [0, 6_000], ids=["no-byte-left", "a-few-kb-left"])
def test_a_full_disk_is_a_sentence_leaves_nothing_and_a_second_run_works(small_disk, args, keep):
    (small_disk / "sheet.csv").write_text("key,value\nshm_sayisi,3\n", encoding="utf-8")
    filler = _fill(small_disk, keep)
    before = _files(small_disk / "content")
    result = run_limited(*args, cwd=small_disk)
    assert result.returncode == 1, result.stderr
    assert "the disk is full" in result.stderr
    assert_editor_words(result.stderr)
    assert _files(small_disk / "content") == before  # nothing half-written
    assert not [p for p in (small_disk / "content").rglob(".*")]  # no hidden staging folder left
    filler.unlink()
    assert run_limited(*args, cwd=small_disk).returncode == 0


def test_a_full_disk_in_turkish(small_disk):
    _fill(small_disk, 0)
    args = ["new-period", "content/elazig/2024-2", "--period", "2025-1", "--date", "2025-05"]
    result = subprocess.run(
        [sys.executable, "-m", "booklet", "--lang", "tr", *args], capture_output=True, text=True, cwd=small_disk
    )
    assert result.returncode == 1
    assert "content/elazig/2025-1 oluşturulamadı: disk dolu" in result.stderr
    assert_editor_words(result.stderr)


# -- the studio on the same files ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (lambda p: p.symlink_to("/dev/zero"), "is a device (such as /dev/zero), not a regular file"),
        (lambda p: os.mkfifo(p), "is a named pipe, not a regular file"),
        (lambda p: p.symlink_to(p.name), "is a link that points to itself"),
        (lambda p: p.mkdir(), "is a folder, not a file"),
        (lambda p: os.truncate(p.touch() or p, 4 << 30), "the limit for this kind of file is 2 MB"),
    ],
    ids=["dev-zero", "named-pipe", "link-loop", "folder", "sparse-4-gb"],
)
def test_the_studio_says_what_the_command_line_says(content, tmp_path, make, said):
    from .studio_helpers import B, make_client, text

    figures = content / BOOKLET / "figures.yaml"
    figures.unlink()
    make(figures)
    client = make_client(content, tmp_path / "out", language="en")
    page = client.get(f"{B}/figures")
    assert page.status_code == 200 and said in text(page.text)
    editor = client.get(f"{B}/text?file=elazig/2024-2/figures.yaml")
    assert editor.status_code == 422 and said in text(editor.text)
    assert client.get("/").status_code == 200


def test_the_studio_names_a_password_protected_upload(client):
    from .studio_helpers import text, upload

    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500 + "EncryptionInfo".encode("utf-16-le") + b"\0" * 100
    response = upload(client, "sifreli.xlsx", data)
    assert response.status_code == 422 and "parola" in text(response.text)


def test_many_parts_in_an_upload_are_said_as_such(client):
    from .studio_helpers import text, upload

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for i in range(2_500):
            archive.writestr(f"x{i}", b"")
    response = upload(client, "parcali.xlsx", buffer.getvalue())
    assert response.status_code == 422 and "2.500 parçadan" in text(response.text)

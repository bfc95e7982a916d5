"""Messages in Turkish: every message is translated, and a broken file reports in Turkish."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from click.testing import CliRunner

from booklet import i18n
from booklet.cli import main

from .conftest import ROOT

SRC = ROOT / "src" / "booklet"
PO = SRC / "locale" / "tr" / "LC_MESSAGES" / "booklet.po"
MO = PO.with_suffix(".mo")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


@pytest.fixture()
def english_afterwards():
    yield
    i18n.setup("en")


def source_messages() -> set[str]:
    found = set()
    for _filename, _line, message, _comments, _context in extract_from_dir(str(SRC), keywords=KEYWORDS):
        found.add(message if isinstance(message, str) else message[0])
    return found


def test_no_message_is_left_untranslated():
    with PO.open("rb") as handle:
        catalog = read_po(handle, locale="tr")
    messages = source_messages()
    assert len(messages) > 300
    missing = []
    for message in sorted(messages):
        entry = catalog.get(message)
        strings = entry.string if entry is not None else ""
        if not (all(strings) if isinstance(strings, tuple) else strings):
            missing.append(message)
    assert missing == []


def test_compiled_catalogue_matches_the_po_file():
    with PO.open("rb") as handle:
        po = read_po(handle, locale="tr")
    with MO.open("rb") as handle:
        mo = read_mo(handle)

    def plain(value):
        return value if isinstance(value, str) else tuple(value)

    expected = {plain(m.id): plain(m.string) for m in po if m.id and m.string}
    compiled = {plain(m.id): plain(m.string) for m in mo if m.id}
    assert compiled == expected, "run: pybabel compile -d src/booklet/locale -D booklet"


def test_a_broken_file_reports_in_turkish_at_the_same_place(booklet_copy, english_afterwards):
    figures = booklet_copy / "figures.yaml"
    figures.write_text(figures.read_text(encoding="utf-8").replace("value: 92783,", "value: doksan,"), encoding="utf-8")
    english = CliRunner().invoke(main, ["check", str(booklet_copy)])
    turkish = CliRunner().invoke(main, ["--lang", "tr", "check", str(booklet_copy)])
    assert english.exit_code == turkish.exit_code == 1
    where = f"{figures}:9:28: "
    assert f"{where}error: value of 'asdep_hane_sayisi' must be a number, found 'doksan'" in english.output
    line = next(line for line in turkish.output.splitlines() if line.startswith(where))
    assert line.startswith(f"{where}hata: ")
    assert "doksan" in line and "asdep_hane_sayisi" in line and "must be" not in line
    assert "ipucu:" in turkish.output and "1 hata, 0 uyarı" in turkish.output


def test_turkish_locale_translates_help_and_click_words():
    env = {**os.environ, "LANG": "tr_TR.UTF-8", "LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": ""}
    done = subprocess.run([sys.executable, "-m", "booklet", "--help"], capture_output=True, text=True, env=env)
    assert done.returncode == 0
    assert done.stdout.startswith("Kullanım:") and "Seçenekler" in done.stdout and "Komutlar" in done.stdout
    english = subprocess.run(
        [sys.executable, "-m", "booklet", "--lang", "en", "build", "--help"], capture_output=True, text=True, env=env
    )
    assert english.stdout.startswith("Usage:") and "Folder for the PDF files." in english.stdout


def test_lang_option_wins_over_the_environment(booklet_copy, english_afterwards):
    result = CliRunner().invoke(main, ["--lang", "tr", "check", str(booklet_copy)], env={"LANG": "en_US.UTF-8"})
    assert result.exit_code == 0 and "0 hata, 0 uyarı" in result.output

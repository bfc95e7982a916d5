"""Messages in Turkish: every message is translated, and a broken file reports in Turkish."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from click.testing import CliRunner

from booklet import i18n
from booklet.cli import main

from .conftest import CONTENT_ROOT, ROOT
from .test_broken_corpus import BOOKLET, CASES, apply

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


# -- the broken corpus, told in Turkish ---------------------------------------------------------

# Words of our English messages that never occur in a Turkish sentence. A Turkish message may
# still name what the editor typed or must type: quoted text, {placeholders}, <tags>, paths,
# --options, code points and YAML keys in parentheses are taken out before looking.
_WORDS = """the is are was were be been not no must should cannot does did do has have and or of to in with for
    from by this that these its it than more only which where there here you your error errors warning
    warnings hint file files folder page pages value values missing unknown found allowed character see
    define remove refer print screen option options usage range float integer path exist mean built wrote
    line column expected while scanning mapping scalar indent start colour image icon key keys name number
    text list empty too long defined never used figure figures section subsection block blocks ok failed
    failure sheet row rows write give add check delete put replace use try help command argument such
    invalid outside inside between change changed flagged cumulative booklets got unexpected extra
    aborted directory"""
ENGLISH = set(_WORDS.split())
QUOTED = re.compile(
    r"(?<![\w'])'[^'\n]*'(?![\w])|\"[^\"\n]*\"|`[^`\n]*`|\{[^}\n]*\}|<[^>\n]*>|\((?:[a-z_]+|value: null)\)"
)
SUFFIX = re.compile(r"(?<=\w)'[^\W\d_]+")  # Kars'ta, booklet'in: a Turkish suffix, not a quote
TECHNICAL = re.compile(r"\S*[/\\.]\w\S*|--?[a-z][\w-]*|U\+[0-9A-F]{4,6}|\[[^\]\n]*\]")


def _typed_words() -> set[str]:
    """What an editor types in a content file: its keys, the block kinds and the figure kinds."""
    from booklet.content.schema import RECORDS

    words = {key for record in RECORDS.values() for key in record}
    return words | {c for record in RECORDS.values() for f in record.values() for c in f.choices}


TYPED = _typed_words()


def english_words(text: str) -> set[str]:
    """The English words of ``text`` outside what it quotes or what the editor types."""
    text = TECHNICAL.sub(" ", SUFFIX.sub("", QUOTED.sub(" ", text)))
    return {w for w in re.findall(r"[^\W\d_]+", text) if w.lower() in ENGLISH and w not in TYPED}


def test_the_word_list_finds_english_and_spares_turkish():
    assert english_words("prose.yaml:5:1: error: unknown key 'publsher' in prose.yaml") == {
        "error",
        "unknown",
        "key",
        "in",
    }
    assert english_words("a.yaml:3:4: hata: 'the value' anahtarı yineleniyor (ilk kez 8. satırda verildi)") == set()
    assert english_words("  ipucu: kitapçığa icons/konuk-evi.svg ekleyin; booklet'in --strict seçeneği") == set()


def _corpus_output(case: dict, tmp_path) -> str:
    root = tmp_path / "content"
    shutil.copytree(CONTENT_ROOT, root)
    for step in case["steps"]:
        apply(root, step)
    command = ["--lang", "tr", "build" if case.get("build") else "check", str(root / BOOKLET)]
    if case.get("build"):
        command += ["-o", str(tmp_path / "out"), "--target", "screen"]
    if case.get("strict"):
        command.append("--strict")
    result = CliRunner().invoke(main, command)
    assert result.exit_code == (1 if any(" error: " in line for line in case["expect"]) else 0), result.output
    return result.output


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_the_broken_corpus_reports_in_turkish(case, tmp_path, english_afterwards):
    output = _corpus_output(case, tmp_path)
    assert (" hata" in output or " uyarı" in output) and "error:" not in output and "Traceback" not in output
    lines = [line for line in output.splitlines() if line.strip()]
    assert lines, output
    found = {line: english_words(line) for line in lines}
    assert {line: words for line, words in found.items() if words} == {}

"""Spelling: every word of the prose checked against the Turkish Hunspell dictionary.

The dictionary (LibreOffice's tr_TR, MPL-2.0) ships gzipped in ``assets/hunspell`` and is
unpacked once into the user's cache; spylls reads it (about 6 s, once per process). Acronyms,
figures and suffixes after an apostrophe (SHM'lerde) are not checked; words that are right
but unknown to the dictionary go into the booklet's ``sozluk.txt``.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import re
import tempfile
from functools import cache
from pathlib import Path

from .assets import assets_dir
from .content.load import paragraphs_of
from .content.model import Booklet
from .diagnostics import BookletError, Location, Report
from .i18n import _
from .inputs import InputProblem, read_input
from .turkish import lower

WORD_LIST = "sozluk.txt"
MAX_WORD_LIST_BYTES = 2_000_000
WORD_RE = re.compile(r"(?<![\w'’])[^\W\d_]+(?:['’][^\W\d_]+)?")


@cache
def dictionary():
    try:
        from spylls.hunspell import Dictionary
    except ImportError:
        raise BookletError.single(
            Location(Path(".")),
            _("spell checking needs the spylls package"),
            _("install it with: pip install '.[spell]'"),
        ) from None
    folder = assets_dir() / "hunspell"
    packed = (folder / "tr_TR.dic.gz").read_bytes()
    name = f"tr_TR-{hashlib.sha256(packed).hexdigest()[:12]}"
    home_cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "booklet" / "hunspell"
    for cache_dir in (home_cache, Path(tempfile.gettempdir()) / "booklet-hunspell"):
        stem = cache_dir / name
        try:
            if not stem.with_suffix(".dic").is_file():
                cache_dir.mkdir(parents=True, exist_ok=True)
                stem.with_suffix(".aff").write_bytes((folder / "tr_TR.aff").read_bytes())
                tmp = cache_dir / f".{name}.{os.getpid()}.part"
                tmp.write_bytes(gzip.decompress(packed))
                tmp.replace(stem.with_suffix(".dic"))
            return Dictionary.from_files(str(stem))
        except OSError:
            continue  # an unwritable cache: try the next place
    raise BookletError.single(Location(home_cache), _("cannot unpack the spelling dictionary"))


def word_list(booklet: Booklet) -> set[str]:
    """The booklet's own words (and those of its shared prose), compared in lower case."""
    words = set()
    for root in booklet.asset_roots:
        path = root / WORD_LIST
        if path.exists():
            try:  # a word list is read like every input: a regular file, bounded
                text = read_input(path, MAX_WORD_LIST_BYTES).decode("utf-8", "replace")
            except InputProblem as problem:
                raise BookletError.single(Location(path), problem.message, problem.hint) from None
            for line in text.splitlines():
                line = line.split("#", 1)[0].strip()
                if line:
                    words.add(lower(line))
    return words


def check_spelling(booklet: Booklet, report: Report) -> int:
    """Report words the dictionary does not know as warnings; returns how many words were read."""
    known = word_list(booklet)
    checker = dictionary()
    verdicts: dict[str, bool] = {}
    seen = 0
    for _section, paragraph in paragraphs_of(booklet):
        for run in paragraph.runs:
            if run.figure is not None:
                continue
            for match in WORD_RE.finditer(run.text):
                seen += 1
                word = re.split(r"['’]", match.group(0))[0]
                if (word.isupper() and len(word) > 1) or lower(word) in known:
                    continue  # acronyms (SHM, ASDEP) and the booklet's own words
                if word not in verdicts:
                    verdicts[word] = bool(checker.lookup(word) or checker.lookup(lower(word)))
                if not verdicts[word]:
                    report.warning(
                        paragraph.text.locate(run.offset + match.start()),
                        _("possible misspelling '{word}'").format(word=word),
                        _("correct it, or add it to {file} if it is right").format(file=WORD_LIST),
                    )
    return seen

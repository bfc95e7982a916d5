"""Invisible and control characters, found in the raw text before YAML sees it.

Text pasted from Word, a web page or a PDF brings characters an editor cannot see: a
no-break space, a line separator (U+2028), a vertical tab (Word's manual line break), a
zero-width space, a soft hyphen. The YAML parser either refuses them with an internal
position, counts some of them as line breaks (so every later line number is off), or
silently reads ``key:<no-break space>value`` as one word. Each one is named here at its
own line and column, with how to remove it.

Two severities: a character that is never right in a content file (control and format
characters, line and paragraph separators) is an error wherever it is; a space-like
character (no-break and other unusual spaces) or a soft hyphen is an error where it
changes the YAML structure (indentation, keys, around ``:``) and a warning inside a text
value, where it is legitimate typography but usually an accident.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ..diagnostics import Location
from ..i18n import N_, _, current

# Characters with a name an editor recognises; the rest are named by Unicode.
NAMES = {
    "\x00": N_("null character"),
    "\x08": N_("backspace character"),
    "\x0b": N_("vertical tab"),
    "\x0c": N_("form feed"),
    "\x1b": N_("escape character"),
    "\x7f": N_("delete character"),
    "\x85": N_("next-line character"),
    "\u00a0": N_("no-break space"),
    "\u00ad": N_("soft hyphen"),
    "\u2007": N_("figure space"),
    "\u2009": N_("thin space"),
    "\u200a": N_("hair space"),
    "\u200b": N_("zero-width space"),
    "\u200c": N_("zero-width non-joiner"),
    "\u200d": N_("zero-width joiner"),
    "\u200e": N_("left-to-right mark"),
    "\u200f": N_("right-to-left mark"),
    "\u2028": N_("line separator"),
    "\u2029": N_("paragraph separator"),
    "\u202f": N_("narrow no-break space"),
    "\u2060": N_("word joiner"),
    "\ufeff": N_("byte order mark (zero-width no-break space)"),
}

# Everything that is neither printable text nor the three whitespace characters YAML uses.
_SUSPECT = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00a0\u00ad\u061c\u1680\u180e\u2000-\u200f\u2028-\u202f"
    "\u205f-\u206f\u3000\ufeff\ufff9-\ufffb\ufffe\uffff]"
)


@dataclass(frozen=True)
class Oddity:
    """One invisible character: where it is in the text, and what it is."""

    index: int
    char: str

    @property
    def soft(self) -> bool:
        """Space-like characters and soft hyphens are typography inside a text value."""
        return self.char == "\u00ad" or unicodedata.category(self.char) == "Zs"

    @property
    def code(self) -> str:
        return f"U+{ord(self.char):04X}"

    def name(self) -> str:
        if self.char in NAMES:
            return _(NAMES[self.char])
        name = unicodedata.name(self.char, "")
        if unicodedata.category(self.char) == "Cc" or not name:
            return _("control character")
        if unicodedata.category(self.char) == "Zs":
            return name.lower() if current() == "en" else _("space character")
        return name.lower() if current() == "en" else _("formatting character")  # Unicode's names are English


def find(text: str) -> list[Oddity]:
    """Every suspect character of ``text``, in order."""
    return [Oddity(m.start(), m.group()) for m in _SUSPECT.finditer(text)]


@lru_cache(maxsize=16)
def _line_feeds(text: str) -> tuple[int, ...]:
    return tuple(m.start() for m in re.finditer("\n", text))


def line_and_column(text: str, index: int) -> tuple[int, int]:
    """0-based line and column of ``text[index]``, only a line feed ending a line.

    The line feeds of a text are found once: a file with 400,000 pasted invisible
    characters is located in a fraction of a second, not by counting from the start
    for each one."""
    feeds = _line_feeds(text)
    line = bisect.bisect_left(feeds, index)  # the line feeds before ``index``
    return line, index - (feeds[line - 1] + 1 if line else 0)


def location(path, text: str, index: int) -> Location:
    """Line and column as an editor counts them: only a line feed ends a line."""
    line, column = line_and_column(text, index)
    return Location(path, line + 1, column + 1)


def message(oddity: Oddity, in_text: bool) -> tuple[str, str]:
    """The message and hint for one character; ``in_text``: it stands inside a text value."""
    what = _("{name} ({code})").format(name=oddity.name(), code=oddity.code)
    char = oddity.char
    if char in "\x0b\x0c":
        return (
            _("invisible {what}: a manual line or page break pasted from Word").format(what=what),
            _("delete it; press Enter for a new line, or leave a blank line to start a new paragraph"),
        )
    if char in "\u2028\u2029\x85":
        return (
            _("invisible {what}, usually pasted from Word or a web page").format(what=what),
            _("delete it; press Enter for a new line, or leave a blank line to start a new paragraph"),
        )
    if oddity.soft and char != "\u00ad":
        if in_text:
            return (
                _("{what} in the text: it looks like a space, but the words on either side never part").format(
                    what=what
                ),
                _("if they need not stay together, delete it and type a normal space"),
            )
        return (
            _("{what} where YAML needs a normal space: it is read as part of a word").format(what=what),
            _("delete it and type a normal space (or nothing, at the end of a line)"),
        )
    if char == "\u00ad":
        if in_text:
            return (
                _("invisible {what} inside a word, usually pasted from Word").format(what=what),
                _("delete it; booklet hyphenates Turkish words by itself"),
            )
        return (_("invisible {what} in a key or between values").format(what=what), _("delete it"))
    if char == "\ufeff":
        return (
            _("invisible {what} inside the file, left where two files were pasted together").format(what=what),
            _("delete it; put the cursor after the character before it and press Delete once"),
        )
    if unicodedata.category(char) == "Cc":
        return (
            _("control character {what}: it cannot be printed").format(what=what),
            _(
                "delete it; it is invisible in most editors, so delete the character before and after it and retype them"
            ),
        )
    return (
        _("invisible {what}").format(what=what),
        _("delete it; it is invisible in most editors, so delete the character before and after it and retype them"),
    )

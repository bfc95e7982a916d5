"""Turkish text rules: casing, syllable hyphenation, number and date formats.

Python's ``str.upper`` maps ``i`` to ``I`` and pyphen has no Turkish dictionary, so the
rules live here, in one place, with the reference cases of ``docs/turkish`` as tests.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from decimal import Decimal

from babel.dates import format_date
from babel.numbers import format_compact_decimal, format_decimal, format_percent

LOCALE = "tr_TR"
NBSP = "\u00a0"

_UPPER_SPECIAL = str.maketrans({"i": "İ", "ı": "I"})
_LOWER_SPECIAL = str.maketrans({"İ": "i", "I": "ı"})

VOWELS = frozenset("aeıioöuüâîûAEIİOÖUÜÂÎÛ")
LEFT_MIN = 2
RIGHT_MIN = 2

ALPHABET = "abcçdefgğhıijklmnoöprsştuüvyz"
_ORDER = {ch: i for i, ch in enumerate(ALPHABET)}


def upper(text: str) -> str:
    """Upper-case with Turkish rules: ``i`` → ``İ``, ``ı`` → ``I``."""
    return text.translate(_UPPER_SPECIAL).upper()


def lower(text: str) -> str:
    """Lower-case with Turkish rules: ``I`` → ``ı``, ``İ`` → ``i`` (no combining dot)."""
    return text.translate(_LOWER_SPECIAL).lower()


def sort_key(text: str) -> tuple[int, ...]:
    """Key for sorting in Turkish alphabetical order (ç after c, ı before i, …)."""
    return tuple(_ORDER.get(ch, 100 + ord(ch)) for ch in lower(text))


def syllables(word: str) -> list[str]:
    """Split a word into Turkish syllables.

    Every syllable has one vowel; one consonant between vowels starts the next syllable;
    of a consonant cluster only the last consonant moves on. Leading and trailing clusters
    stay with their vowel, so no fragment is ever without a vowel (``stra-te-ji``).
    """
    vowels = [i for i, ch in enumerate(word) if ch in VOWELS]
    if len(vowels) < 2:
        return [word]
    cuts = []
    for left, right in zip(vowels, vowels[1:]):
        between = right - left - 1
        cuts.append(right - 1 if between >= 1 else right)
    parts, start = [], 0
    for cut in cuts:
        parts.append(word[start:cut])
        start = cut
    parts.append(word[start:])
    return parts


def break_points(word: str) -> list[int]:
    """Indices where the word may be hyphenated, honouring two letters on each side."""
    points, pos = [], 0
    for part in syllables(word)[:-1]:
        pos += len(part)
        if pos >= LEFT_MIN and len(word) - pos >= RIGHT_MIN:
            points.append(pos)
    return points


def hyphenate(word: str, mark: str = "-") -> str:
    """Show the hyphenation points of a word, for tests and proofreading."""
    points = break_points(word)
    pieces, start = [], 0
    for p in points:
        pieces.append(word[start:p])
        start = p
    pieces.append(word[start:])
    return mark.join(pieces)


def hyphenation_pairs(word: str) -> Iterator[tuple[str, str]]:
    """ReportLab's hyphenator protocol: ``(head, tail)`` pairs, longest head first.

    Acronyms (all capitals, like ``ASDEP``) and words with digits are not broken.
    """
    if not word.isalpha() or (word.isupper() and len(word) <= 6):
        return
    for p in reversed(break_points(word)):
        yield word[:p], word[p:]


def _nbsp(text: str) -> str:
    return text.replace(" ", NBSP)


def format_count(value: int | float | Decimal) -> str:
    """``92783`` → ``92.783``."""
    return format_decimal(value, locale=LOCALE)


def format_money(value: int | float | Decimal) -> str:
    """Amounts in Turkish lira as the booklet writes them: ``188,1 milyon TL``.

    Millions and billions use the long compact form with up to two decimals; smaller
    amounts are written in full. Spaces are non-breaking so an amount never splits.
    """
    if abs(value) >= 1_000_000:
        number = format_compact_decimal(value, format_type="long", locale=LOCALE, fraction_digits=2)
    else:
        number = format_decimal(value, locale=LOCALE)
    return _nbsp(f"{number} TL")


def format_percent_value(value: int | float | Decimal) -> str:
    """``3`` (per cent) → ``%3``; the figure is stored as the number of per cent."""
    return format_percent(Decimal(str(value)) / 100, locale=LOCALE, format="%#,##0.##")


def format_year(value: int) -> str:
    """Years are never grouped: ``2024``, not ``2.024``."""
    return str(int(value))


def format_month(date: datetime.date) -> str:
    """``2024-05`` → ``Mayıs 2024``."""
    return format_date(date, "MMMM y", locale=LOCALE)


FORMATTERS = {
    "count": format_count,
    "money": format_money,
    "percent": format_percent_value,
    "year": format_year,
}


_ASCII = str.maketrans("çğıöşüâîûÇĞİÖŞÜÂÎÛ", "cgiosuaiuCGIOSUAIU")


def ascii_slug(text: str) -> str:
    """A file-name-safe form: ``Elazığ`` → ``elazig``."""
    plain = lower(text).translate(_ASCII)
    out = "".join(ch if ch.isascii() and ch.isalnum() else "-" for ch in plain)
    return "-".join(part for part in out.split("-") if part)


def format_decimal_plain(value) -> str:
    """A signed number with Turkish separators and no unit: ``-1.234``, ``2,5``."""
    return format_decimal(value, locale=LOCALE)

"""Turkish text rules: casing, syllable hyphenation, number and date formats.

Python's ``str.upper`` maps ``i`` to ``I`` and pyphen has no Turkish dictionary, so the
rules live here, in one place, with the reference cases of ``docs/turkish`` as tests.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass
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
    if not word.isalpha() or (word.isupper() and len(word) <= 6) or _is_month(word):
        return
    for p in reversed(break_points(word)):
        yield word[:p], word[p:]


MONTHS = ("ocak", "şubat", "mart", "nisan", "mayıs", "haziran", "temmuz", "ağustos", "eylül", "ekim", "kasım", "aralık")
_MONTH = "(?:" + "|".join(m.capitalize() if m[0] not in "şöüç" else upper(m[0]) + m[1:] for m in MONTHS) + ")"
# Phrases a line never breaks inside: "6 Şubat 2023", "15 Temmuz", "Mayıs 2024",
# "4. Ulusal Eylem Planı", "2024 yılında". Each pattern's groups are the spaces to bind.
_BOUND = (
    re.compile(rf"\b\d{{1,2}}( ){_MONTH}\b(?:( )\d{{4}}\b)?"),
    re.compile(rf"\b{_MONTH}( )\d{{4}}\b"),
    re.compile(r"(?<![\d.,])\b\d{1,3}\.( )(?=\w)"),
    re.compile(r"\b\d{4}( )yıl"),
)


def _is_month(word: str) -> bool:
    """A month name, alone or with a case ending ("Haziranda"): never hyphenated."""
    plain = lower(word)
    return any(plain.startswith(month) and len(plain) - len(month) <= 5 for month in MONTHS)


def unbreakable_spaces(text: str) -> list[int]:
    """Offsets of the spaces in ``text`` that must not end a line: inside dates, after an
    ordinal number and between a year and "yılı"."""
    found = set()
    for pattern in _BOUND:
        for match in pattern.finditer(text):
            found.update(match.start(g) for g in range(1, (pattern.groups or 0) + 1) if match.group(g))
    return sorted(found)


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


# -- reading aloud and suffixes ----------------------------------------------------------------
#
# A suffix after a number or a name is joined with an apostrophe and follows how the word is
# read aloud: the last spoken word gives the vowel harmony and the last sound decides d/t and
# the buffer letters (1.891'dir "bir", 1.900'dür "yüz", %5'i "beş", 2024'te "dört",
# 188,1 milyon TL'yi "tele", Kars'ta, Iğdır'da). Prose writes a suffix once, in any of its
# forms; :func:`suffix_for` gives the form that fits the current value.

_DIGITS = ("sıfır", "bir", "iki", "üç", "dört", "beş", "altı", "yedi", "sekiz", "dokuz")
_TENS = ("", "on", "yirmi", "otuz", "kırk", "elli", "altmış", "yetmiş", "seksen", "doksan")
_GROUPS = ("", "bin", "milyon", "milyar", "trilyon", "katrilyon", "kentilyon")
FRONT = frozenset("eiöüEİÖÜ")
ROUNDED = frozenset("oöuüOÖUÜ")
VOICELESS = frozenset("çfhkpsştÇFHKPSŞT")
PLAIN_VOWELS = str.maketrans("âîûÂÎÛ", "aiuaiu")


def last_spoken_word(number: int) -> str:
    """The last word of a whole number read aloud: 1891 → "bir", 1900 → "yüz", 2·10⁶ → "milyon".

    Only the lowest non-zero digit matters: its place names the word.
    """
    number = abs(int(number))
    if number == 0:
        return "sıfır"
    group = 0
    while number % 1000 == 0:
        number //= 1000
        group += 1
    if group:
        if group >= len(_GROUPS):
            raise ValueError("number too large to read aloud")
        return _GROUPS[group]
    ones, tens, hundreds = number % 10, number // 10 % 10, number // 100 % 10
    if ones:
        return _DIGITS[ones]
    if tens:
        return _TENS[tens]
    return "yüz" if hundreds else _DIGITS[0]


def spoken_tail(printed: str) -> str:
    """The last word a Turkish reader says for a printed figure.

    ``92.783`` → "üç", ``%3,5`` → "beş" (yüzde üç virgül beş), ``188,1 milyon TL`` → "tele",
    ``2.000`` → "bin", ``6,67 milyar`` → "milyar".
    """
    text = printed.replace(NBSP, " ").strip()
    if text.endswith("TL"):
        return "tele"
    last = text.split()[-1]
    if last in _GROUPS:  # "6,67 milyar" is read "altı virgül altmış yedi milyar"
        return last
    number = last.lstrip("%").replace(".", "")
    whole, _sep, fraction = number.partition(",")
    if not whole.isdigit() or not (fraction.isdigit() or not fraction):
        raise ValueError(f"cannot read {printed!r} aloud")
    if fraction:
        return last_spoken_word(int(fraction)) if int(fraction) else "sıfır"
    return last_spoken_word(int(whole))


@dataclass(frozen=True)
class Sound:
    """What a suffix needs to know about the word before it."""

    vowel: str  # its last vowel, lower case, without circumflex
    ends_in_vowel: bool
    voiceless: bool  # ends in one of ç f h k p s ş t
    pronominal_n: bool = False  # Kırklareli: a compound with a possessive takes n before a case

    @classmethod
    def of(cls, word: str, pronominal_n: bool = False) -> Sound:
        plain = lower(word).translate(PLAIN_VOWELS)
        letters = [ch for ch in plain if ch.isalpha()]
        vowels = [ch for ch in letters if ch in VOWELS]
        if not letters or not vowels:
            raise ValueError(f"no vowel in {word!r}")
        last = letters[-1]
        return cls(vowels[-1], last in VOWELS, last in VOICELESS, pronominal_n)


def _two(sound: Sound) -> str:
    return "e" if sound.vowel in FRONT else "a"


def _four(sound: Sound) -> str:
    front, rounded = sound.vowel in FRONT, sound.vowel in ROUNDED
    return {(True, False): "i", (True, True): "ü", (False, False): "ı", (False, True): "u"}[(front, rounded)]


def _dt(sound: Sound) -> str:
    return "t" if sound.voiceless else "d"


# Each morpheme: a pattern that recognises any of its written forms, and a maker of the form
# that follows a given sound.
_MORPHEMES: dict[str, tuple[str, object]] = {
    "ordinal": (r"[ıiuü]?nc[ıiuü]", lambda s: ("" if s.ends_in_vowel else _four(s)) + "nc" + _four(s)),
    "li": (r"l[ıiuü]", lambda s: "l" + _four(s)),
    "lik": (r"l[ıiuü][kğ]", lambda s: "l" + _four(s) + "k"),
    "plural": (r"l[ea]r", lambda s: "l" + _two(s) + "r"),
    "ablative": (r"n?[dt][ea]n", lambda s: ("n" if s.pronominal_n else "") + _dt(s) + _two(s) + "n"),
    "locative": (r"n?[dt][ea]", lambda s: ("n" if s.pronominal_n else "") + _dt(s) + _two(s)),
    "genitive": (r"n?[ıiuü]n", lambda s: ("n" if s.ends_in_vowel else "") + _four(s) + "n"),
    "instrumental": (r"y?l[ea]", lambda s: ("y" if s.ends_in_vowel else "") + "l" + _two(s)),
    "dative": (r"[yn]?[ea]", lambda s: ("n" if s.pronominal_n else "y" if s.ends_in_vowel else "") + _two(s)),
    "accusative": (r"[yn]?[ıiuü]", lambda s: ("n" if s.pronominal_n else "y" if s.ends_in_vowel else "") + _four(s)),
    "ki": (r"ki", lambda s: "ki"),
    "copula": (r"[dt][ıiuü]r", lambda s: _dt(s) + _four(s) + "r"),
}
_CASES = ("ablative", "locative", "genitive", "instrumental", "dative", "accusative")


def _group(name: str) -> str:
    return f"(?P<{name}>{_MORPHEMES[name][0]})"


def _cases(tag: str) -> str:
    return "(?:" + "|".join(_group(c).replace(f"<{c}>", f"<{c}{tag}>") for c in _CASES) + ")"


# lik? plural? case? (ki plural? case?)? copula?  — or an ordinal, or -li (with a copula)
SUFFIX_RE = re.compile(
    "^(?:"
    + _group("ordinal").replace("<ordinal>", "<ordinal0>")
    + "|"
    + _group("li").replace("<li>", "<li0>")
    + "(?:"
    + _group("copula").replace("<copula>", "<copula0>")
    + ")?"
    + "|"
    + f"(?:{_group('lik')})?(?:{_group('plural')})?{_cases('1')}?"
    + f"(?:(?P<ki>ki)(?:{_group('plural').replace('<plural>', '<plural2>')})?{_cases('2')}?)?"
    + f"(?:{_group('copula')})?"
    + ")$"
)
SUFFIX_WORD_RE = re.compile(r"['’]([a-zçğıöşüâîû]+)")


def parse_suffix(written: str) -> tuple[str, ...] | None:
    """The morphemes of a suffix as written (``'lerden`` → plural, ablative), or None."""
    match = SUFFIX_RE.match(lower(written))
    if not match:
        return None
    order = sorted((m.start(k), re.sub(r"\d$", "", k)) for k, v in match.groupdict().items() if v for m in [match])
    return tuple(name for _start, name in order)


def make_suffix(morphemes: tuple[str, ...], sound: Sound) -> str:
    """The suffix (without apostrophe) that a word with ``sound`` takes for ``morphemes``."""
    out = ""
    for index, name in enumerate(morphemes):
        current = sound if not out else Sound.of(out)
        if out and index:
            current = Sound(current.vowel, current.ends_in_vowel, current.voiceless)  # no pronominal n
        piece = _MORPHEMES[name][1](current)
        if out.endswith("k") and piece[:1] in VOWELS:
            out = out[:-1] + "ğ"  # -lik + -e → -liğe
        out += piece
    return out


# Names whose last part carries a possessive ending: Kırklareli'nde, Kırklareli'ne.
PRONOMINAL_NAMES = frozenset({"kırklareli"})


def name_sound(name: str) -> Sound:
    """The sound of a proper name at its end; names do not soften (Sinop'a, Tokat'ın)."""
    word = name.split()[-1]
    return Sound.of(word, pronominal_n=lower(name) in PRONOMINAL_NAMES)


def suffix_for(printed: str, written: str, is_name: bool = False) -> str | None:
    """The suffix ``written`` (any of its forms, without apostrophe) as it must follow
    ``printed``; None when the suffix is not one the rules know."""
    morphemes = parse_suffix(written)
    if morphemes is None:
        return None
    sound = name_sound(printed) if is_name else Sound.of(spoken_tail(printed))
    made = make_suffix(morphemes, sound)
    return made if written.islower() or not written else _same_case(made, written)


def _same_case(made: str, written: str) -> str:
    return upper(made) if written.isupper() else made

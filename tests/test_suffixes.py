"""Turkish suffixes after figures and names follow how the word is read aloud.

The expected forms are written out by hand from the harmony table in shared/docs/turkish.md
(last spoken word → vowel harmony, last sound → d/t, buffer y/n), not computed.
"""

from __future__ import annotations

import random

import pytest

from booklet import turkish
from booklet.turkish import format_count, format_money, format_percent_value, suffix_for

# printed figure, suffix as the editor wrote it (any form), the form it must take
NUMBERS = [
    # bir: 1, 1.891, 21, 2.001
    ("1", "de", "de"),
    ("1", "i", "i"),
    ("1", "e", "e"),
    ("1", "dir", "dir"),
    ("1", "in", "in"),
    ("1.891", "dür", "dir"),
    ("1.891", "ü", "i"),
    ("1.891", "dan", "den"),
    ("21", "ta", "de"),
    ("2.001", "le", "le"),
    # iki: 2, 12
    ("2", "i", "yi"),
    ("2", "a", "ye"),
    ("2", "de", "de"),
    ("2", "in", "nin"),
    ("2", "dır", "dir"),
    ("12", "le", "yle"),
    ("12", "den", "den"),
    # üç: 3, %3, 2013, 93
    ("%3", "ü", "ü"),
    ("%3", "i", "ü"),
    ("3", "de", "te"),
    ("3", "den", "ten"),
    ("3", "dir", "tür"),
    ("3", "in", "ün"),
    ("2013", "de", "te"),
    ("2013", "den", "ten"),
    ("93", "e", "e"),
    # dört: 4, 2024
    ("4", "i", "ü"),
    ("2024", "de", "te"),
    ("2024", "da", "te"),
    ("2024", "e", "e"),
    ("2024", "ün", "ün"),
    ("2024", "deki", "teki"),
    ("2024", "tür", "tür"),
    # beş: 5, %5, 15
    ("%5", "ü", "i"),
    ("5", "den", "ten"),
    ("5", "dir", "tir"),
    ("15", "e", "e"),
    ("15", "de", "te"),
    # altı: 6, 2006, 16
    ("6", "i", "yı"),
    ("6", "e", "ya"),
    ("6", "de", "da"),
    ("6", "in", "nın"),
    ("2006", "dan", "dan"),
    ("16", "dir", "dır"),
    # yedi 7, sekiz 8, dokuz 9
    ("7", "i", "yi"),
    ("7", "de", "de"),
    ("8", "i", "i"),
    ("8", "e", "e"),
    ("8", "de", "de"),
    ("9", "i", "u"),
    ("9", "e", "a"),
    ("9", "dir", "dur"),
    # on 10, 2010; yirmi 20, 2020; otuz 30; kırk 40; elli 50; altmış 60; yetmiş 70; seksen 80; doksan 90
    ("10", "i", "u"),
    ("2010", "de", "da"),
    ("2010", "e", "a"),
    ("20", "i", "yi"),
    ("2020", "da", "de"),
    ("2020", "e", "ye"),
    ("30", "dir", "dur"),
    ("30", "e", "a"),
    ("40", "den", "tan"),
    ("40", "i", "ı"),
    ("%40", "dir", "tır"),
    ("50", "i", "yi"),
    ("50", "in", "nin"),
    ("60", "i", "ı"),
    ("60", "de", "ta"),
    ("70", "i", "i"),
    ("70", "de", "te"),
    ("80", "i", "i"),
    ("80", "de", "de"),
    ("90", "ı", "ı"),
    ("90", "de", "da"),
    ("90", "dir", "dır"),
    ("90", "e", "a"),
    # yüz: 100, 1.900, 300
    ("100", "i", "ü"),
    ("100", "de", "de"),
    ("1.900", "dir", "dür"),
    ("1.900", "in", "ün"),
    ("300", "e", "e"),
    # bin: 1.000, 2.000, 10.000
    ("1.000", "i", "i"),
    ("2.000", "de", "de"),
    ("10.000", "den", "den"),
    # milyon, milyar
    ("2.000.000", "i", "u"),
    ("2.000.000", "de", "da"),
    ("1.000.000.000", "i", "ı"),
    ("1.000.000.000", "e", "a"),
    # decimals are read "virgül …": the digits after the comma are the last word
    ("%3,5", "i", "i"),
    ("188,1", "i", "i"),
    ("%2,25", "e", "e"),
    ("%0,5", "ü", "i"),
    ("%12,6", "dir", "dır"),
    # money ends in "TL", read "tele"
    ("188,1 milyon TL", "lik", "lik"),
    ("188,1 milyon TL", "ı", "yi"),
    ("933.800 TL", "dan", "den"),
    ("6,67 milyar TL", "dir", "dir"),
    ("1,3 milyar TL", "nın", "nin"),
    # zero
    ("0", "i", "ı"),
    ("0", "de", "da"),
    # longer chains
    ("2024", "dekiler", "tekiler"),
    ("3", "ler", "ler"),
    ("6", "lerde", "larda"),
    ("10", "luk", "luk"),
    ("5", "li", "li"),
    ("1990", "lı", "lı"),
    ("3", "üncü", "üncü"),
    ("6", "ncı", "ncı"),
    ("1", "inci", "inci"),
    ("10", "uncu", "uncu"),
    ("188,1 milyon TL", "liğe", "liğe"),
    ("1.891", "lerdir", "lerdir"),
]

# province, suffix as written, the form it must take
PROVINCES = [
    ("Elazığ", "de", "da"),
    ("Elazığ", "e", "a"),
    ("Elazığ", "in", "ın"),
    ("Elazığ", "den", "dan"),
    ("Kars", "de", "ta"),
    ("Kars", "den", "tan"),
    ("Kars", "e", "a"),
    ("Muş", "de", "ta"),
    ("Muş", "e", "a"),
    ("Muş", "in", "un"),
    ("Iğdır", "de", "da"),
    ("Iğdır", "i", "ı"),
    ("Sinop", "e", "a"),
    ("Sinop", "de", "ta"),
    ("Sinop", "in", "un"),
    ("Bitlis", "de", "te"),
    ("Bitlis", "den", "ten"),
    ("Hakkâri", "de", "de"),
    ("Hakkâri", "e", "ye"),
    ("Hakkâri", "in", "nin"),
    ("Kahramanmaraş", "de", "ta"),
    ("Kahramanmaraş", "in", "ın"),
    ("Tokat", "de", "ta"),
    ("Tokat", "in", "ın"),
    ("Van", "de", "da"),
    ("Ağrı", "de", "da"),
    ("Ağrı", "e", "ya"),
    ("Rize", "de", "de"),
    ("Rize", "e", "ye"),
    ("Bingöl", "de", "de"),
    ("Bingöl", "in", "ün"),
    ("İstanbul", "de", "da"),
    ("İstanbul", "in", "un"),
    ("Kırklareli", "de", "nde"),
    ("Kırklareli", "e", "ne"),
    ("Kırklareli", "i", "ni"),
    ("Kırklareli", "in", "nin"),
    ("Kırklareli", "den", "nden"),
    ("Malatya", "de", "da"),
    ("Malatya", "in", "nın"),
    ("Tunceli", "de", "de"),
    ("Tunceli", "e", "ye"),
    ("Şanlıurfa", "de", "da"),
    ("Çanakkale", "den", "den"),
    ("Afyonkarahisar", "de", "da"),
    ("Eskişehir", "e", "e"),
    ("Ordu", "da", "da"),
    ("Ordu", "un", "nun"),
    ("Kilis", "de", "te"),
    ("Artvin", "in", "in"),
    ("Erzurum", "de", "da"),
]


def test_there_are_enough_reference_pairs():
    assert len(NUMBERS) >= 80 and len(PROVINCES) >= 20


@pytest.mark.parametrize(("printed", "written", "expected"), NUMBERS)
def test_suffix_after_a_number_follows_how_it_is_read(printed, written, expected):
    assert suffix_for(printed.replace(" ", "\u00a0"), written) == expected


@pytest.mark.parametrize(("name", "written", "expected"), PROVINCES)
def test_suffix_after_a_province_name(name, written, expected):
    assert suffix_for(name, written, is_name=True) == expected


@pytest.mark.parametrize("written", ["x", "dığı", "mış", "den den", "ydi", "lar lar"])
def test_a_suffix_the_rules_do_not_know_is_refused(written):
    assert suffix_for("1.891", written) is None


def test_the_formatters_and_the_reader_agree():
    assert suffix_for(format_count(1891), "dür") == "dir"
    assert suffix_for(format_count(1900), "dir") == "dür"
    assert suffix_for(format_percent_value(3), "i") == "ü"
    assert suffix_for(format_percent_value(5), "ü") == "i"
    assert suffix_for(format_money(188_100_000), "ı") == "yi"


def test_last_spoken_word_agrees_with_num2words():
    """num2words reads whole numbers aloud in Turkish (as one word); ours names its last word."""
    num2words = pytest.importorskip("num2words").num2words
    rng = random.Random(7)
    numbers = list(range(0, 2100)) + [rng.randrange(10**12) for _ in range(300)] + [10**6, 10**9, 2 * 10**9]
    for number in numbers:
        spoken = num2words(number, lang="tr")
        assert spoken.endswith(turkish.last_spoken_word(number)), (number, spoken)


def test_month_names_are_never_hyphenated_and_dates_stay_together():
    assert list(turkish.hyphenation_pairs("Haziran")) == []
    assert list(turkish.hyphenation_pairs("Ağustosta")) == []
    text = "6 Şubat 2023 Kahramanmaraş, 15 Temmuz, 30 Ekim 2018, 4. Ulusal Eylem Planı ve 2024 yılında"
    bound = {text[i - 1 : i + 2] for i in turkish.unbreakable_spaces(text)}
    assert bound == {"6 Ş", "t 2", "5 T", "0 E", "m 2", ". U", "4 y"}

import datetime

import pytest

from booklet import turkish


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("istihdam", "İSTİHDAM"),
        ("ığdır", "IĞDIR"),
        ("Aile ve Toplum Hizmetleri", "AİLE VE TOPLUM HİZMETLERİ"),
        ("Şehit Yakınları", "ŞEHİT YAKINLARI"),
        ("çocuk", "ÇOCUK"),
    ],
)
def test_upper_follows_turkish_rules(text, expected):
    assert turkish.upper(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("ELAZIĞ İLİ", "elazığ ili"), ("IĞDIR", "ığdır"), ("İSTİHDAM", "istihdam")],
)
def test_lower_follows_turkish_rules_without_combining_dots(text, expected):
    result = turkish.lower(text)
    assert result == expected
    assert "\u0307" not in result


@pytest.mark.parametrize(
    "expected",
    [
        "İh-ti-sas-laş-tı-rıl-mış",
        "yü-rü-tül-mek-te-dir",
        "sür-dü-rü-le-bi-lir-lik-le-ri-nin",
        "psi-ko-sos-yal",
        "Kah-ra-man-ma-raş",
        "re-ha-bi-li-tas-yon",
        "CUM-HU-Rİ-YE-Tİ-NİN",
        "Kİ-TAP-ÇI-ĞI",
        "trans-fe-ri",
        "stra-te-ji",
    ],
)
def test_hyphenation_matches_reference_splits(expected):
    assert turkish.hyphenate(expected.replace("-", "")) == expected


def test_vowel_pairs_may_split_but_not_one_letter_from_the_edge():
    assert turkish.hyphenate("ailesi") in ("a-i-le-si", "ai-le-si")


def test_no_fragment_without_a_vowel():
    for word in ("strateji", "İhtisaslaştırılmış", "transferi", "psikososyal"):
        for part in turkish.syllables(word):
            assert any(ch in turkish.VOWELS for ch in part), (word, part)


def test_hyphenation_pairs_longest_head_first_and_skip_acronyms():
    pairs = list(turkish.hyphenation_pairs("yürütülmektedir"))
    assert pairs[0] == ("yürütülmekte", "dir")
    assert pairs[-1] == ("yü", "rütülmektedir")
    assert list(turkish.hyphenation_pairs("ASDEP")) == []
    assert list(turkish.hyphenation_pairs("SHM'lerde")) == []


@pytest.mark.parametrize(
    ("kind", "value", "expected"),
    [
        ("count", 92783, "92.783"),
        ("count", 2, "2"),
        ("count", 1370, "1.370"),
        ("money", 188_100_000, "188,1 milyon TL"),
        ("money", 6_670_000_000, "6,67 milyar TL"),
        ("money", 1_100_000, "1,1 milyon TL"),
        ("money", 933_800_000, "933,8 milyon TL"),
        ("money", 1_300_000_000, "1,3 milyar TL"),
        ("money", 950_000, "950.000 TL"),
        ("percent", 3, "%3"),
        ("percent", 2.5, "%2,5"),
        ("year", 2024, "2024"),
    ],
)
def test_figures_are_formatted_the_turkish_way(kind, value, expected):
    assert turkish.FORMATTERS[kind](value).replace(turkish.NBSP, " ") == expected


def test_money_never_breaks_inside():
    assert " " not in turkish.format_money(188_100_000)


def test_month_names_are_turkish():
    assert turkish.format_month(datetime.date(2024, 5, 1)) == "Mayıs 2024"
    assert turkish.format_month(datetime.date(2025, 8, 1)) == "Ağustos 2025"


def test_sort_key_uses_turkish_alphabet():
    words = ["çocuk", "cami", "ılık", "iğne", "şehir", "sıra", "öykü", "ordu"]
    assert sorted(words, key=turkish.sort_key) == [
        "cami",
        "çocuk",
        "ılık",
        "iğne",
        "ordu",
        "öykü",
        "sıra",
        "şehir",
    ]


def test_ascii_slug():
    assert turkish.ascii_slug("Elazığ") == "elazig"
    assert turkish.ascii_slug("Şanlıurfa 2024-2") == "sanliurfa-2024-2"

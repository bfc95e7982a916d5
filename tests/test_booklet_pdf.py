"""The shipped Elazığ booklet, checked as a reader sees it: text, fonts, metadata, pixels."""

from __future__ import annotations

import re

import pypdf
import pytest
import yaml

from booklet import turkish
from booklet.build import build

from .conftest import CONTENT, DATA, MM, PROSE, normalise

TYPO_FIXES = {
    "yürütölmektedir": "yürütülmektedir",
    "görecak": "görecek",
    "psikosozyal": "psikososyal",
    "mücadeleimiz": "mücadelemiz",
    "kişilerinince": "kişilerince",
}
HEADINGS = {"Kuruluşlar", "Engelli Kuruluşları", "Yaşlı Kuruluşları"}


def source_sentences() -> list[str]:
    text = (DATA / "elazig-2024-2-source.txt").read_text(encoding="utf-8")
    for wrong, right in TYPO_FIXES.items():
        text = text.replace(wrong, right)
    text = text.replace("**", "")
    sentences = []
    for paragraph in re.split(r"\n\s*\n", text):
        paragraph = normalise(paragraph)
        if paragraph:
            sentences += re.split(r"(?<=[.!?])\s+", paragraph)
    return sentences


def test_every_sentence_of_the_source_is_in_the_pdf(body_text):
    missing = []
    for sentence in source_sentences():
        if sentence in HEADINGS:
            sentence = turkish.upper(sentence)
        if sentence not in body_text:
            missing.append(sentence)
    assert not missing


def test_every_figure_of_the_source_appears(body_text):
    source = (DATA / "elazig-2024-2-source.txt").read_text(encoding="utf-8")
    numbers = set(re.findall(r"\d[\d.,]*\d|\d", source))
    assert len(numbers) > 60
    assert [n for n in sorted(numbers) if n not in body_text] == []


@pytest.mark.parametrize(
    "phrase",
    [
        "92.783 haneye",
        "188,1 milyon TL tahsis",
        "6,67 milyar TL sosyal yardım kaynağı",
        "933,8 milyon TL",
        "1,1 milyon TL gelir desteği",
        "1,3 milyar TL Evde Bakım",
        "%3'ü oranında",
        "Şehit 301",
        "Gazi 326",
        "90 çocuğumuz",
        "27.074 kişi",
        "2003–2024 yılları",
    ],
)
def test_figures_are_formatted_in_turkish(body_text, phrase):
    assert phrase in body_text


def test_turkish_letters_extract_exactly(page_texts):
    everything = " ".join(page_texts)
    for word in (
        "ELAZIĞ",
        "İhtisaslaştırılmış",
        "Şiddet Önleme",
        "ŞEHİT YAKINLARI VE GAZİ HİZMETLERİ",
        "İLİ BİLGİLENDİRME KİTAPÇIĞI",
        "STRATEJİ GELİŞTİRME BAŞKANLIĞI",
        "Mayıs 2024",
        "TÜRKİYE",
    ):
        assert word in everything, word
    assert "AILE" not in everything and "HIZMETLERI" not in everything  # no English upper-casing


def test_cover_and_back_cover(page_texts):
    cover = page_texts[0]
    for text in (
        "ELAZIĞ",
        "İLİ BİLGİLENDİRME KİTAPÇIĞI",
        "STRATEJİ GELİŞTİRME BAŞKANLIĞI",
        "Mayıs 2024",
        "2024-2",
        "TÜRKİYE",
        "YÜZYILI",
    ):
        assert text in cover
    back = page_texts[-1]
    for text in ("100", "TÜRKİYE CUMHURİYETİNİN YÜZÜNCÜ YILI", "YÜZYILI"):
        assert text in back


def test_fonts_are_embedded_truetype(built):
    reader = pypdf.PdfReader(built)
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            descriptor = (descendants[0].get_object() if descendants else font).get("/FontDescriptor")
            fonts[font["/BaseFont"]] = descriptor is not None and "/FontFile2" in descriptor.get_object()
    assert fonts and all(fonts.values()), fonts
    assert not any("Helvetica" in name or "Times" in name for name in fonts)


def test_metadata_and_language(built):
    reader = pypdf.PdfReader(built)
    info = reader.metadata
    assert info.title == "Elazığ İli Bilgilendirme Kitapçığı"
    assert info.author == "Aile ve Sosyal Hizmetler Bakanlığı"
    assert "Mayıs 2024" in info.subject and "2024-2" in info.subject
    assert reader.trailer["/Root"]["/Lang"] == "tr-TR"


def test_a_bookmark_per_section(built):
    reader = pypdf.PdfReader(built)
    top = [item for item in reader.outline if not isinstance(item, list)]  # lists: nested subsections
    titles = [item.title for item in top]
    sections = [
        yaml.safe_load((PROSE / f).read_text())["title"]
        for f in yaml.safe_load((PROSE / "prose.yaml").read_text())["sections"]
    ]
    expected = ["Sunuş"] + [
        turkish.upper(t.replace("{il}", "Elazığ").replace("{yatirim_donem_sonu}", "2024")) for t in sections
    ]
    assert titles == expected
    pages = [reader.get_destination_page_number(item) + 1 for item in top]
    assert pages == sorted(pages) and pages[0] == 2


def test_page_size_is_a4_and_page_count(built):
    reader = pypdf.PdfReader(built)
    assert len(reader.pages) == 13
    for page in reader.pages:
        assert [round(float(v) / MM) for v in page.mediabox] == [0, 0, 210, 297]


def test_the_running_head_names_the_section_and_the_folio_numbers_the_page(pdf):
    width, height = pdf[3].get_size()
    head = pdf[3].get_textpage().get_text_bounded(0, height - 17 * MM, width, height)
    assert "AİLE VE TOPLUM HİZMETLERİ" in head
    foot = pdf[3].get_textpage().get_text_bounded(0, 0, width, 18 * MM)
    assert "4" in foot.split()


def _pixel(pdf, index: int, x_mm: float, y_mm_from_top: float):
    image = pdf[index].render(scale=1).to_pil().convert("RGB")
    return image.getpixel((round(x_mm * MM), round(y_mm_from_top * MM)))


def _theme_rgb(name: str) -> tuple[int, int, int]:
    theme = yaml.safe_load((PROSE / "theme.yaml").read_text())
    h = theme["colours"][name]["rgb"].lstrip("#")
    return tuple(int(h[i : i + 2], 16) for i in (0, 2, 4))


def _close(a, b, tolerance=3):
    return all(abs(x - y) <= tolerance for x, y in zip(a, b))


def test_cover_has_a_full_page_background_in_the_theme_colour(pdf):
    cover = _theme_rgb("cover")
    for x, y in ((2, 150), (100, 200), (208, 295), (2, 2)):
        assert _close(_pixel(pdf, 0, x, y), cover), (x, y)


def test_section_opens_with_a_band_in_its_accent_colour(pdf):
    accent = _theme_rgb("aile")
    assert _close(_pixel(pdf, 2, 60, 55), accent)
    assert _close(_pixel(pdf, 2, 1, 60), accent)  # bleeds off the left edge
    assert _pixel(pdf, 2, 60, 80) == (255, 255, 255)  # white page below the band
    second = _theme_rgb("cocuk")
    assert _close(_pixel(pdf, 4, 60, 55), second)


def test_no_text_outside_the_page_margins(pdf):
    for index in range(1, len(pdf) - 1):
        page = pdf[index]
        width, _ = page.get_size()
        textpage = page.get_textpage()
        for i in range(textpage.count_chars()):
            left, _, right, _ = textpage.get_charbox(i)
            if right > left:
                assert left > 14 * MM and right < width - 14 * MM, (index + 1, textpage.get_text_range(i, 1))


def test_same_input_gives_byte_identical_pdf(built, tmp_path):
    again = build(CONTENT, tmp_path).path
    assert again.read_bytes() == built.read_bytes()


def test_a5_edition_builds_with_the_same_content(booklet_copy, tmp_path):
    (booklet_copy / "booklet.yaml").open("a", encoding="utf-8").write("page_size: A5\n")
    path = build(booklet_copy, tmp_path).path
    reader = pypdf.PdfReader(path)
    assert [round(float(v) / MM) for v in reader.pages[0].mediabox] == [0, 0, 148, 210]
    text = normalise(" ".join(page.extract_text() for page in reader.pages))
    assert "92.783 haneye" in text and "ŞEHİT YAKINLARI VE GAZİ HİZMETLERİ" in text

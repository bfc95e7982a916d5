"""A province's own blocks: its booklet.yaml may drop a shared block or add blocks after one."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image

from booklet.build import build, check, targets_for
from booklet.diagnostics import BookletError, Report

from .conftest import normalise

SCREEN = targets_for("screen", 3, True)


def text_of(pdf: Path) -> str:
    return normalise(" ".join(page.get_textpage().get_text_range() for page in pdfium.PdfDocument(str(pdf))))


def add_overrides(booklet: Path, yaml_text: str) -> None:
    meta = booklet / "booklet.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").rstrip() + "\n" + yaml_text, encoding="utf-8")


def test_a_province_adds_a_subsection_a_statistic_and_an_image_after_a_block(booklet_copy, tmp_path):
    images = booklet_copy / "images"
    images.mkdir()
    Image.new("RGB", (1800, 1000), (40, 120, 200)).save(images / "merkez.jpg", dpi=(300, 300))
    figures = booklet_copy / "figures.yaml"
    figures.write_text(
        figures.read_text(encoding="utf-8") + "il_ozel_sayisi: {value: 12, kind: count, label: İle özgü merkez}\n",
        encoding="utf-8",
    )
    add_overrides(
        booklet_copy,
        """  aile-ve-toplum/sosyal-hizmet-merkezi-shm:
    after:
      - subsection:
          title: Elazığ Gençlik Merkezi
          icon: aile
          text: |
            > {il} ilimizde **{il_ozel_sayisi} gençlik merkezi** hizmet vermektedir.
      - stats:
          items:
            - {figure: il_ozel_sayisi, label: merkez}
      - image:
          file: images/merkez.jpg
          alt: Gençlik merkezinin ön cephesi
          caption: Gençlik merkezi binası
""",
    )
    pdf = build(booklet_copy, tmp_path, targets=SCREEN).path
    text = text_of(pdf)
    assert "Elazığ ilimizde 12 gençlik merkezi hizmet vermektedir." in text
    assert "Gençlik merkezi binası" in text
    # the province's blocks come right after the block they follow, before the next shared one
    assert text.index("Sosyal Hizmet Merkezi (SHM) bulunmaktadır") < text.index("12 gençlik merkezi")
    assert text.index("Gençlik merkezi binası") < text.index("Aile Sosyal Destek Programı")


def test_a_province_drops_a_shared_block(booklet_copy, tmp_path):
    add_overrides(booklet_copy, "  cocuk/koruyucu-aile:\n    drop: true\n")
    report = Report()
    text = text_of(build(booklet_copy, tmp_path, report, SCREEN).path)
    assert "Koruyucu aile" not in text and "Evlat Edinme" in text
    # its figures are no longer used: a warning names them
    assert any("koruyucu_aile_sayisi" in w.message for w in report.warnings)


def test_a_block_is_found_by_its_place_too(booklet_copy, tmp_path):
    add_overrides(booklet_copy, "  sehit-yakinlari-ve-gazi/#1:\n    drop: true\n")
    report = Report()
    text = text_of(build(booklet_copy, tmp_path, report, SCREEN).path)
    assert "Şehit 301" not in text.replace("\xa0", " ")


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ("  cocuk/koruyucu-ailesi:\n    drop: true\n", "override 'cocuk/koruyucu-ailesi' matches no block"),
        ("  cocuk/koruyucu-aile: {}\n", "override 'cocuk/koruyucu-aile' changes nothing"),
        (
            "  cocuk/koruyucu-aile:\n    drop: true\n    text: Yeni metin.\n",
            "both drops the block and replaces its text",
        ),
        ("  sehit-yakinlari-ve-gazi/#1:\n    text: Yeni.\n", "only a subsection's text can be replaced"),
        ("  cocuk/koruyucu-aile:\n    after:\n      - resim: {file: x.jpg}\n", "unknown key 'resim' in block"),
        ("  cocuk/koruyucu-aile:\n    sil: true\n", "unknown key 'sil' in override 'cocuk/koruyucu-aile'"),
    ],
)
def test_overrides_that_cannot_apply_are_located_errors(booklet_copy, override, message):
    add_overrides(booklet_copy, override)
    with pytest.raises(BookletError) as info:
        check(booklet_copy, Report())
    (error,) = info.value.report.errors
    assert error.location.path.name == "booklet.yaml" and error.location.line > 9
    assert message in error.message


def test_dropping_every_block_of_a_section_is_an_error(booklet_copy):
    add_overrides(booklet_copy, "  yatirimlar/#1:\n    drop: true\n")
    with pytest.raises(BookletError) as info:
        check(booklet_copy, Report())
    assert "the overrides leave section 'yatirimlar' without any block" in info.value.report.errors[0].message

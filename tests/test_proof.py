"""``booklet proof`` renders its pages in parallel (issue 14): the files are the same bytes
whatever ``--jobs`` says, and each page image is what PDFium draws of the PDF."""

from __future__ import annotations

import hashlib

import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner
from PIL import Image, ImageChops

from booklet.cli import main

from .conftest import CONTENT


def _proof(out, *extra: str) -> dict[str, str]:
    result = CliRunner().invoke(main, ["proof", str(CONTENT), "-o", str(out), *extra])
    assert result.exit_code == 0, result.output
    return {p.name: hashlib.md5(p.read_bytes()).hexdigest() for p in sorted((out / "proof").glob("*.png"))}


@pytest.mark.parametrize("for_print", [False, True], ids=["screen", "print"])
def test_proof_files_are_the_same_bytes_with_one_or_two_processes(tmp_path, for_print):
    extra = ["--print"] if for_print else []
    one = _proof(tmp_path / "one", "--jobs", "1", *extra)
    two = _proof(tmp_path / "two", "--jobs", "2", *extra)
    stem = "elazig-2024-2-print" if for_print else "elazig-2024-2"
    pages = len(pdfium.PdfDocument(str(tmp_path / "two" / f"{stem}.pdf")))
    assert sorted(two) == sorted([f"{stem}-p{n:02d}.png" for n in range(1, pages + 1)] + [f"{stem}-contact.png"])
    assert one == two


def test_a_page_image_is_the_pdf_page_as_pdfium_draws_it(tmp_path):
    _proof(tmp_path, "--jobs", "2")
    document = pdfium.PdfDocument(str(tmp_path / "elazig-2024-2.pdf"))
    for number in (1, 7, len(document)):
        expected = document[number - 1].render(scale=110 / 72).to_pil().convert("RGB")
        written = Image.open(tmp_path / "proof" / f"elazig-2024-2-p{number:02d}.png").convert("RGB")
        assert written.size == expected.size
        assert ImageChops.difference(written, expected).getbbox() is None
    # the cover stands alone on the right of the sheet's first spread, as the page reduced
    sheet = Image.open(tmp_path / "proof" / "elazig-2024-2-contact.png").convert("RGB")
    cover = Image.open(tmp_path / "proof" / "elazig-2024-2-p01.png").convert("RGB")
    width = round(420 * cover.width / cover.height)
    thumb = cover.resize((width, 420), Image.LANCZOS)
    x, y = 48 + width, 90 + 48  # margin, one thumbnail to the left; header and margin above
    placed = sheet.crop((x + 1, y + 1, x + width - 1, y + 419))  # inside its grey outline
    assert ImageChops.difference(placed, thumb.crop((1, 1, width - 1, 419))).getbbox() is None

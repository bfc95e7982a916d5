"""Raster images: CMYK in print, RGB on screen, resolution checked, bad files refused."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from booklet.build import build, check, targets_for
from booklet.diagnostics import BookletError, Report

from .conftest import shared


def add_image(booklet: Path, file: str, width_mm: int | None = None) -> Path:
    section = shared(booklet) / "sections/06-sosyal-yardimlar.yaml"
    block = f"\n  - image:\n      file: {file}\n      alt: Mavi bir dikdörtgen\n      caption: Örnek görsel\n"
    if width_mm:
        block += f"      width: {width_mm}\n"
    section.write_text(section.read_text(encoding="utf-8").rstrip() + block, encoding="utf-8")
    return section


def picture(path: Path, size: tuple[int, int], mode: str = "RGB") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new(mode, size, (40, 120, 200) if mode == "RGB" else (80, 20, 0, 0)).save(path)


def image_spaces(path: Path) -> set[str]:
    spaces = set()
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            for xobject in page.obj.Resources.get("/XObject", {}).values():
                if xobject.get("/Subtype") == "/Image":
                    spaces.add(str(xobject.ColorSpace))
    return spaces


def test_image_is_cmyk_in_print_and_rgb_on_screen(booklet_copy, tmp_path):
    picture(shared(booklet_copy) / "images/bina.png", (2400, 1200))
    add_image(booklet_copy, "images/bina.png")
    result = build(booklet_copy, tmp_path, targets=targets_for("all", 3, True))
    screen, printed = (f.path for f in result.files)
    assert image_spaces(screen) == {"/DeviceRGB"}
    assert image_spaces(printed) == {"/DeviceCMYK"}
    assert result.preflight.passed
    assert result.report.warnings == []


def test_image_between_200_and_300_ppi_warns(booklet_copy, tmp_path):
    picture(shared(booklet_copy) / "images/orta.png", (500, 300))
    section = add_image(booklet_copy, "images/orta.png", width_mm=60)
    result = build(booklet_copy, tmp_path, targets=targets_for("screen", 3, True))
    (warning,) = result.report.warnings
    assert (
        warning.message
        == "image 'images/orta.png' is 212 ppi at its printed size (below 300); it may look soft in print"
    )
    assert warning.location.path == section


def test_image_below_200_ppi_fails_and_names_the_file(booklet_copy, tmp_path):
    picture(shared(booklet_copy) / "images/kucuk.png", (400, 200))
    section = add_image(booklet_copy, "images/kucuk.png")
    with pytest.raises(BookletError) as info:
        build(booklet_copy, tmp_path)
    (error,) = info.value.report.errors
    assert error.message.startswith("image 'images/kucuk.png' is 59 ppi at its printed size; print needs 300")
    assert error.location.path == section and error.location.line > 1
    assert not (tmp_path / "elazig-2024-2.pdf").exists()


@pytest.mark.parametrize(
    ("file", "setup", "message"),
    [
        ("../../etc/passwd", None, "image path '../../etc/passwd' leads outside the booklet folder"),
        ("images/yok.png", None, "image file 'images/yok.png' not found"),
        ("images/metin.png", "text", "'metin.png' is not an image booklet can read (use JPEG or PNG)"),
        ("images/bomba.png", "bomb", "image 'bomba.png' has too many pixels (a decompression bomb?)"),
    ],
)
def test_bad_image_files_are_refused(booklet_copy, file, setup, message):
    target = shared(booklet_copy) / file
    if setup == "text":
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("not a picture")
    elif setup == "bomb":
        target.parent.mkdir(parents=True, exist_ok=True)
        Image.new("1", (20000, 10000)).save(target)  # 200 M pixels, a few kB on disk
    add_image(booklet_copy, file)
    with pytest.raises(BookletError) as info:
        check(booklet_copy, Report())
    (error,) = info.value.report.errors
    assert error.message.startswith(message)
    assert error.location.line > 1


def test_image_width_out_of_range(booklet_copy):
    picture(shared(booklet_copy) / "images/bina.png", (2400, 1200))
    add_image(booklet_copy, "images/bina.png", width_mm=2)
    with pytest.raises(BookletError) as info:
        check(booklet_copy, Report())
    assert "image width must be between 10 and 600 mm" in str(info.value)

"""Every "not found" says where it looked, in order (icons and images: tests/test_assets.py)."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from booklet import i18n
from booklet.assets import assets_dir
from booklet.cli import main

from .conftest import CONTENT_ROOT, ROOT


@pytest.fixture()
def here(tmp_path, monkeypatch):
    """A copy of content/ in the current folder, as an editor works."""
    shutil.copytree(CONTENT_ROOT, tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    yield tmp_path
    i18n.setup("en")


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_a_wrong_prose_folder_names_the_folder_looked_in(here):
    meta = here / "content/elazig/2024-2/booklet.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("prose: ../../prose", "prose: ../../metin"), "utf-8")
    result = run("--lang", "tr", "check", "content/elazig/2024-2")
    assert result.exit_code == 1
    assert "content/elazig/2024-2/booklet.yaml:7:8: hata: '../../metin' ortak metin klasöründe prose.yaml yok" in (
        result.output
    )
    assert (
        "ipucu: şu klasörde arandı: content/metin/ (content/elazig/2024-2/ kitapçık klasöründen '../../metin');"
        in result.output
    )


def test_a_missing_section_file_names_the_folder_looked_in(here):
    (here / "content/prose/sections/03-kadin.yaml").unlink()
    result = run("check", "content/elazig/2024-2")
    assert result.exit_code == 1
    assert "error: section file 'sections/03-kadin.yaml' not found" in result.output
    assert "hint: looked for it in content/prose/sections/; check the file name under sections/" in result.output


def test_a_missing_booklet_folder_says_so(here):
    result = run("--lang", "tr", "check", "content/elazig/2025-1")
    assert result.exit_code == 1
    assert "content/elazig/2025-1/booklet.yaml: hata: bu klasörde booklet.yaml yok" in result.output
    assert "ipucu: şu klasörde arandı: content/elazig/2025-1/ (böyle bir klasör yok);" in result.output


def test_a_missing_figures_file_names_the_folder(here):
    (here / "content/elazig/2024-2/figures.yaml").unlink()
    result = run("check", "content/elazig/2024-2")
    assert result.exit_code == 1
    assert "'figures.yaml' not found" in result.output
    assert "hint: looked for it in content/elazig/2024-2/;" in result.output


def test_a_checkout_fonts_folder_missing_a_face_names_both_folders(here):
    (here / "assets/fonts").mkdir(parents=True)
    shutil.copy(ROOT / "assets/fonts/NotoSans-Regular.ttf", here / "assets/fonts")
    result = run("check", "content/elazig/2024-2")
    assert result.exit_code == 1
    assert "error: font file 'NotoSans-Bold.ttf' not found" in result.output
    assert (
        f"hint: looked for it in assets/fonts/, {assets_dir() / 'fonts'}/: the first that holds fonts" in result.output
    )


def test_build_all_of_a_folder_without_booklets_says_where_it_looked(here):
    (here / "bos" / "alt").mkdir(parents=True)
    result = run("--lang", "tr", "build", "bos", "--all", "-o", "cikti")
    assert result.exit_code == 1
    assert "hata: kitapçık bulunamadı (booklet.yaml yok)" in result.output
    assert "ipucu: booklet.yaml şu klasörde ve altındaki her klasörde arandı: bos/" in result.output

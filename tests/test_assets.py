"""Icons, fonts and pictures are found where the README says, and a miss names every folder tried."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from booklet import assets
from booklet.blocks.image import located
from booklet.build import build
from booklet.cli import main
from booklet.content.load import load_booklet
from booklet.diagnostics import Report

from .conftest import CONTENT_ROOT, ROOT

ICON = (ROOT / "assets" / "icons" / "aile.svg").read_text(encoding="utf-8")


@pytest.fixture()
def installed(tmp_path, monkeypatch) -> Path:
    """booklet as `pip install .` leaves it: its assets in site-packages, not in the checkout."""
    copy = tmp_path / "site-packages" / "booklet" / "assets"
    shutil.copytree(ROOT / "assets", copy, ignore=shutil.ignore_patterns("schemas", "hunspell"))
    monkeypatch.setattr(assets, "assets_dir", lambda: copy)
    return copy


@pytest.fixture()
def checkout(tmp_path) -> Path:
    """A checkout of the repository: content/ and an assets/icons/ of its own."""
    root = tmp_path / "kitapcik"
    shutil.copytree(CONTENT_ROOT, root / "content")
    (root / "assets" / "icons").mkdir(parents=True)
    return root


def use_icon(root: Path, name: str) -> Path:
    section = root / "content" / "prose" / "sections" / "03-kadin.yaml"
    section.write_text(section.read_text(encoding="utf-8").replace("icon: konukevi", f"icon: {name}"), "utf-8")
    return section


def test_an_icon_added_to_the_checkout_is_used_after_pip_install(installed, checkout):
    use_icon(checkout, "yeni-simge")
    (checkout / "assets" / "icons" / "yeni-simge.svg").write_text(ICON, encoding="utf-8")
    booklet = checkout / "content" / "elazig" / "2024-2"
    result = CliRunner().invoke(main, ["check", str(booklet)])
    assert result.exit_code == 0, result.output
    assert assets.icon_path("yeni-simge", load_booklet(booklet).asset_roots) == (
        checkout / "assets" / "icons" / "yeni-simge.svg"
    )


def test_an_edited_checkout_icon_wins_over_the_installed_one(installed, checkout):
    (checkout / "assets" / "icons" / "konukevi.svg").write_text(ICON, encoding="utf-8")
    roots = load_booklet(checkout / "content" / "elazig" / "2024-2").asset_roots
    assert assets.icon_path("konukevi", roots) == checkout / "assets" / "icons" / "konukevi.svg"
    assert assets.icon_path("kres", roots) == installed / "icons" / "kres.svg"  # the rest stay installed


def test_a_missing_icon_lists_every_folder_in_order(installed, checkout, monkeypatch):
    section = use_icon(checkout, "konuk-evi")
    monkeypatch.chdir(checkout)
    result = CliRunner().invoke(main, ["check", "content/elazig/2024-2"])
    assert result.exit_code == 1
    assert f"{section.relative_to(checkout)}:12:13: error: icon 'konuk-evi' not found" in result.output
    folders = f"content/elazig/2024-2/icons/, content/prose/icons/, assets/icons/, {installed / 'icons'}/"
    assert f"hint: looked for konuk-evi.svg in {folders} (in this order)" in result.output


def test_fonts_come_from_the_checkout_when_it_has_them(installed, checkout, tmp_path):
    booklet = checkout / "content" / "elazig" / "2024-2"
    plain = build(booklet, tmp_path / "plain", Report()).path.read_bytes()
    fonts = checkout / "assets" / "fonts"
    shutil.copytree(installed / "fonts", fonts)
    shutil.copyfile(fonts / "NotoSans-Bold.ttf", fonts / "NotoSans-Regular.ttf")  # an edit a designer might make
    assert assets.fonts_folder(booklet) == fonts
    edited = build(booklet, tmp_path / "edited", Report()).path.read_bytes()
    assert edited != plain
    shutil.rmtree(fonts)
    assert build(booklet, tmp_path / "back", Report()).path.read_bytes() == plain


# -- pictures of a shared section ---------------------------------------------------------------


def picture(path: Path, colour: tuple[int, int, int]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (2600, 1500), colour).save(path)


@pytest.fixture()
def shared_picture(tmp_path) -> Path:
    """content/ whose shared section 07 shows images/bina.jpg; returns the booklet folder."""
    root = tmp_path / "content"
    shutil.copytree(CONTENT_ROOT, root)
    section = root / "prose" / "sections" / "07-yatirimlar.yaml"
    block = "  - image:\n      file: images/bina.jpg\n      alt: Hizmet binası\n"
    section.write_text(section.read_text(encoding="utf-8") + block, encoding="utf-8")
    return root / "elazig" / "2024-2"


def the_image(booklet: Path) -> Path | None:
    loaded = load_booklet(booklet, Report())
    block = loaded.sections[-1].blocks[-1]
    return located(block, loaded)


def test_a_shared_sections_picture_is_the_provinces_own_first(shared_picture):
    prose = shared_picture / "../../prose"
    picture(prose / "images" / "bina.jpg", (200, 30, 30))
    assert the_image(shared_picture) == (prose / "images" / "bina.jpg").resolve()  # one photo for all
    picture(shared_picture / "images" / "bina.jpg", (30, 30, 200))
    assert the_image(shared_picture) == (shared_picture / "images" / "bina.jpg").resolve()  # Elazığ's own


def test_a_missing_picture_says_where_it_was_looked_for(shared_picture, monkeypatch):
    monkeypatch.chdir(shared_picture.parent.parent)
    result = CliRunner().invoke(main, ["check", "elazig/2024-2"])
    assert result.exit_code == 1
    assert "prose/sections/07-yatirimlar.yaml:15:13: error: image file 'images/bina.jpg' not found" in result.output
    assert "hint: looked for it in elazig/2024-2/, prose/ (in this order)" in result.output


def test_a_picture_in_the_booklet_folder_is_printed(shared_picture, tmp_path):
    picture(shared_picture / "images" / "bina.jpg", (30, 30, 200))
    result = build(shared_picture, tmp_path / "out", Report())
    assert result.pages >= 13


def test_an_icons_folder_made_while_watch_runs_is_used_by_the_next_build(installed, tmp_path):
    """The icon folders are worked out once per build, not once per process: a long-running
    ``watch`` or studio sees a checkout ``assets/icons/`` that appears between two builds."""
    root = tmp_path / "kitapcik"
    shutil.copytree(CONTENT_ROOT, root / "content")
    booklet = root / "content" / "elazig" / "2024-2"
    first = load_booklet(booklet).asset_roots
    assert assets.icon_path("konukevi", first) == installed / "icons" / "konukevi.svg"
    (root / "assets" / "icons").mkdir(parents=True)
    (root / "assets" / "icons" / "konukevi.svg").write_text(ICON, encoding="utf-8")
    again = load_booklet(booklet).asset_roots
    assert assets.icon_path("konukevi", again) == root / "assets" / "icons" / "konukevi.svg"

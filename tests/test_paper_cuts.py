"""The editor's paper cuts of issue 16, each as an editor meets it on the command line."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from PIL import Image

from booklet import i18n
from booklet.cli import main

from .conftest import CONTENT, CONTENT_ROOT, ROOT


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture()
def english_afterwards():
    yield
    i18n.setup("en")


# -- all problems of one kind at once -----------------------------------------------------------

INKSCAPE_ICON = """<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
     viewBox="0 0 48 48" inkscape:version="1.3">
  <path style="fill:none" d="M5 5 L43 43"/>
  <path style="fill:none" d="M5 43 L43 5"/>
  <path style="fill:none" d="M24 5 V43"/>
  <circle cx="24" cy="24" r="6" fill="#000000"/>
  <text x="4" y="40">Ev</text>
  <path d="M5 5 X 9 9"/>
</svg>
"""


def test_every_problem_of_every_icon_comes_in_one_run(booklet_copy):
    icons = booklet_copy / "icons"
    icons.mkdir()
    (icons / "konukevi.svg").write_text(INKSCAPE_ICON, encoding="utf-8")
    (icons / "kres.svg").write_text('<svg viewBox="0 0 48 48"><rect width="10"/></svg>\n', encoding="utf-8")
    result = run("check", str(booklet_copy))
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if ": error: " in line]
    icon = f"{icons / 'konukevi.svg'}:"
    assert [line.split(": error: ")[1] for line in errors if line.startswith(icon)] == [
        "icon attribute 'inkscape:version' on <svg> is not supported",
        "icon attribute 'style' on <path> is not supported (and 2 more times in this file)",
        "icon colour '#000000' is not allowed",
        "icon element <text> is not supported",
        "path command 'X' is not supported",
    ]
    assert any(line.startswith(f"{icons / 'kres.svg'}:1:") and "<rect> needs 'height'" in line for line in errors)
    assert "in Inkscape, save the icon with File → Save As… → Plain SVG" in result.output
    assert result.output.rstrip().endswith("6 errors, 0 warnings")


def test_every_bad_image_comes_in_one_run(booklet_copy):
    prose = booklet_copy / "../../prose"
    (prose / "images").mkdir()
    (prose / "images" / "bina.jpg").write_text("not a picture", encoding="utf-8")
    Image.new("RGB", (20, 20)).save(prose / "images" / "kesik.png")
    data = (prose / "images" / "kesik.png").read_bytes()
    (prose / "images" / "kesik.png").write_bytes(data[: len(data) - 20])  # the end is missing
    section = prose / "sections" / "07-yatirimlar.yaml"
    blocks = "".join(
        f"  - image:\n      file: images/{name}\n      alt: Hizmet binası\n"
        for name in ("bina.jpg", "kesik.png", "yok.jpg")
    )
    section.write_text(section.read_text(encoding="utf-8") + blocks, encoding="utf-8")
    result = run("check", str(booklet_copy))
    assert result.exit_code == 1
    errors = [line.split(": error: ")[1] for line in result.output.splitlines() if ": error: " in line]
    assert errors[0] == "'bina.jpg' is not an image booklet can read (use JPEG or PNG)"
    assert errors[1] == "image 'kesik.png' is damaged or incomplete: its pixels cannot be decoded"
    assert errors[2].startswith("image file 'images/yok.jpg' not found")
    assert len(errors) == 3


# -- check and build --all name the booklet of each problem -------------------------------------


@pytest.fixture()
def two_provinces(tmp_path) -> Path:
    """content/ with Elazığ and a copy as Malatya; Malatya's figures file has a mistake."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT_ROOT, content)
    malatya = content / "malatya" / "2024-2"
    shutil.copytree(content / "elazig" / "2024-2", malatya)
    for name in ("booklet.yaml", "figures.yaml"):
        path = malatya / name
        path.write_text(path.read_text(encoding="utf-8").replace("Elazığ", "Malatya"), encoding="utf-8")
    figures = malatya / "figures.yaml"
    figures.write_text(figures.read_text(encoding="utf-8") + "yeni_rakam: {value: 5, kind: count}\n", "utf-8")
    return content


def test_check_of_a_content_folder_names_the_booklet_of_each_problem(two_provinces):
    section = two_provinces / "prose" / "sections" / "03-kadin.yaml"
    section.write_text(section.read_text(encoding="utf-8").replace("icon: konukevi", "icon: konuk-evi"), "utf-8")
    result = run("check", str(two_provinces))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    shared = next(i for i, line in enumerate(lines) if "icon 'konuk-evi' not found" in line)
    assert lines.count(lines[shared]) == 1  # a mistake in the shared prose is told once
    elazig, malatya = two_provinces / "elazig" / "2024-2", two_provinces / "malatya" / "2024-2"
    assert lines[shared + 2] == f"  2 booklets: {elazig}, {malatya}"
    own = next(i for i, line in enumerate(lines) if "figure 'yeni_rakam' is defined but never used" in line)
    assert lines[own].startswith(f"{malatya / 'figures.yaml'}:")
    assert lines[own + 2] == f"  booklet: {malatya}"
    assert f"{elazig}: FAILED; 1 error, 0 warnings" in lines
    assert f"{malatya}: FAILED; 1 error, 1 warning" in lines


def test_build_all_names_the_booklet_of_each_problem(two_provinces, tmp_path):
    figures = two_provinces / "malatya" / "2024-2" / "figures.yaml"
    figures.write_text(figures.read_text(encoding="utf-8").replace("value: 92783,", "value: doksan,"), "utf-8")
    result = run("build", str(two_provinces), "--all", "-o", str(tmp_path / "out"), "--target", "screen", "-j", "1")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    own = next(i for i, line in enumerate(lines) if "must be a number, found 'doksan'" in line)
    assert lines[own + 2] == f"  booklet: {two_provinces / 'malatya' / '2024-2'}"
    assert (tmp_path / "out" / "elazig-2024-2.pdf").is_file()


# -- diff shows what changed --------------------------------------------------------------------


def test_diff_lists_only_changed_and_flagged_rows_unless_all(booklet_copy, tmp_path):
    other = booklet_copy.parent / "2025-1"
    done = run("new-period", str(booklet_copy), "--period", "2025-1", "--date", "2025-05")
    assert done.exit_code == 0, done.output
    figures = other / "figures.yaml"
    text = figures.read_text(encoding="utf-8").replace("value: 92783,", "value: 95120,").replace("stale: true", "")
    figures.write_text(text.replace("{value: 2, kind: count, ", "{value: 2, kind: count, stale: true, ", 1), "utf-8")
    short = run("diff", str(booklet_copy), str(other))
    assert short.exit_code == 0, short.output
    assert table_rows(short.output) == ["shm_sayisi", "asdep_hane_sayisi"]
    assert "56 figures, 1 changed, 1 flagged" in short.output
    assert "54 figures unchanged and not flagged are not listed; --all lists every figure" in short.output
    every = run("diff", str(booklet_copy), str(other), "--all")
    assert len(table_rows(every.output)) == 56
    assert "not listed" not in every.output


def table_rows(output: str) -> list[str]:
    """The figure names of diff's table: the lines under its header, up to the blank line."""
    lines = output.splitlines()
    body = lines[1 : lines.index("")]
    return [line.split()[1] if line.startswith("!") else line.split()[0] for line in body]


# -- the contact sheet's title ------------------------------------------------------------------


def test_the_contact_sheet_is_titled_with_province_title_month_and_pages(tmp_path):
    result = run("proof", str(CONTENT), "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    sheet = Image.open(tmp_path / "proof" / "elazig-2024-2-contact.png")
    assert sheet.info["Title"] == "Elazığ — İli Bilgilendirme Kitapçığı — Mayıs 2024 — 13 sayfa"
    header = sheet.crop((0, 0, sheet.width, 90)).convert("L")
    assert header.getextrema()[0] < 80  # the title is drawn in dark type across the header


# -- booklet schema never writes into the installed package -------------------------------------


def test_schema_writes_where_the_content_files_point(tmp_path, monkeypatch):
    checkout = tmp_path / "kitapcik"
    shutil.copytree(CONTENT_ROOT, checkout / "content")
    monkeypatch.chdir(checkout)
    installed = ROOT / "assets" / "schemas"
    before = {p.name: p.read_bytes() for p in installed.iterdir()}
    result = run("schema")
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in (checkout / "assets" / "schemas").iterdir())
    assert (
        written == sorted(before) and f"wrote {Path('assets/schemas/booklet.schema.json').resolve()}" in result.output
    )
    assert {p.name: p.read_bytes() for p in installed.iterdir()} == before
    printed = run("schema", "-o", "-")
    documents = [json.loads(part) for part in re.split(r"(?<=\n})\n(?=\{)", printed.output.strip())]
    assert [d["$id"].rsplit("/", 1)[1] for d in documents] == written[:0] + [
        "booklet.schema.json",
        "prose.schema.json",
        "section.schema.json",
        "figures.schema.json",
        "theme.schema.json",
    ]


def test_schema_outside_a_checkout_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("schema")
    assert result.exit_code == 1
    assert "error: no content folder here to write the schemas next to" in result.output
    assert not (tmp_path / "assets").exists()


# -- Turkish, numbers and click's own words -----------------------------------------------------


def booklet(*args: str) -> subprocess.CompletedProcess:
    """The installed command, as an editor runs it (help texts are chosen at start-up)."""
    command = Path(sys.executable).with_name("booklet")
    return subprocess.run([str(command), *args], capture_output=True, text=True)


def test_turkish_help_has_no_english_metavars_or_click_words():
    outputs = [
        booklet("--lang", "tr", *command, "--help").stdout for command in ([], ["build"], ["preflight"], ["diff"])
    ]
    text = "\n".join(outputs)
    for english in ("[OPTIONS]", "COMMAND", "FLOAT RANGE", "INTEGER RANGE", "INTEGER", "PATH", "TEXT", "BOOKLET_DIR"):
        assert english not in text
    assert "Kullanım: booklet build [SEÇENEKLER] [KİTAPÇIK_KLASÖRÜ]" in text
    assert "--bleed MM" in text and "[varsayılan: 3; 0<=x<=10]" in text and "-j, --jobs SAYI" in text


def test_turkish_usage_errors_and_numbers_with_a_decimal_comma(english_afterwards, tmp_path):
    no_option = booklet("--lang", "tr", "build", "--nope")
    assert no_option.returncode == 2 and "Hata: '--nope' diye bir seçenek yok." in no_option.stderr
    missing = booklet("--lang", "tr", "figures", "import")
    assert missing.returncode == 2 and "Hata: Eksik argüman 'KİTAPÇIK_KLASÖRÜ'." in missing.stderr
    assert missing.stderr.startswith("Kullanım: booklet figures import [SEÇENEKLER] KİTAPÇIK_KLASÖRÜ [TABLO]")
    out_of_range = booklet("--lang", "tr", "build", "--bleed", "12,5")
    assert out_of_range.returncode == 2
    assert "'--bleed' için geçersiz değer: 12,5, 0<=x<=10 aralığında değil." in out_of_range.stderr
    built = run("--lang", "tr", "build", str(CONTENT), "-o", str(tmp_path), "--bleed", "3,5")
    assert built.exit_code == 0, built.output
    assert "(13 sayfa, ekran)" in built.output and "(16 sayfa, baskı)" in built.output
    assert re.search(r"\n\d+,\d\d saniyede oluşturuldu; 0 hata, 0 uyarı", built.output)
    assert "ve 3,5 mm taşma payı" in built.output
    assert not re.search(r"\d\.\d", built.output.replace(str(tmp_path), ""))


# -- the lead's cuts of the same issue, kept by a test each --------------------------------------


def test_new_period_elsewhere_names_the_prose_and_schema_from_its_new_place(booklet_copy, tmp_path):
    target = tmp_path / "arsiv" / "elazig" / "2025-1"
    result = run("new-period", str(booklet_copy), "--period", "2025-1", "--date", "2025-11", "-o", str(target))
    assert result.exit_code == 0, result.output
    meta = (target / "booklet.yaml").read_text(encoding="utf-8")
    prose = re.search(r"^prose: (\S+)", meta, re.M).group(1)
    assert (target / prose).resolve() == (booklet_copy / "../../prose").resolve()
    assert f"Metin ortaktır ({prose})" in meta  # the comment names the same folder
    schema = re.match(r"# yaml-language-server: \$schema=(\S+)", meta).group(1)
    assert (target / schema).resolve() == (booklet_copy / "../../../assets/schemas/booklet.schema.json").resolve()
    assert 'date: 2025-11                  # kapakta "Kasım 2025"' in meta and "Mayıs 2024" not in meta
    check = run("check", str(target))
    assert check.exit_code == 0, check.output


def test_exported_sheet_in_turkish_with_widths_frozen_header_and_formats(english_afterwards, tmp_path):
    target = tmp_path / "rakamlar.xlsx"
    result = run("--lang", "tr", "figures", "export", str(CONTENT), "-o", str(target))
    assert result.exit_code == 0 and "56 rakam" in result.output
    sheet = load_workbook(target).active
    assert [c.value for c in sheet[1]] == ["anahtar", "değer", "tür", "etiket", "basılacak", "güncel"]
    assert sheet.freeze_panes == "A2"
    assert all(sheet.column_dimensions[letter].width >= 9 for letter in "ABCDEF")
    assert sheet.column_dimensions["A"].width > sheet.column_dimensions["C"].width
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    assert rows["asdep_hane_sayisi"][1].value == 92783 and rows["asdep_hane_sayisi"][1].number_format == "#,##0"
    assert rows["asdep_hane_sayisi"][4].value == "92.783"
    assert rows["ucretsiz_bakim_orani"][1].value == 0.03 and rows["ucretsiz_bakim_orani"][1].number_format == "0%"
    assert rows["sed_tahsis_tutari"][4].value == "188,1 milyon TL"

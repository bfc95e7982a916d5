"""booklet package: the folder and zip a print shop receives, read back file by file."""

from __future__ import annotations

import hashlib
import json
import zipfile

import pikepdf
import pytest
from click.testing import CliRunner
from PIL import Image

from booklet.cli import main
from booklet.diagnostics import BookletError, Report
from booklet.package import make_package, paper_suggestion

from .conftest import CONTENT

NAMES = [
    "elazig-2024-2-print.pdf",
    "elazig-2024-2-imposed.pdf",
    "elazig-2024-2-preflight.pdf",
    "elazig-2024-2-preflight.json",
    "elazig-2024-2-contact.png",
    "elazig-2024-2-is-emri-job-ticket.txt",
    "SHA256SUMS",
]


@pytest.fixture(scope="module")
def package(tmp_path_factory):
    return make_package(CONTENT, tmp_path_factory.mktemp("package"), Report())


def test_folder_and_zip_hold_the_same_files(package):
    assert package.folder.name == "elazig-2024-2-package" and package.archive.name == "elazig-2024-2-package.zip"
    assert [p.name for p in package.files] == NAMES
    assert sorted(p.name for p in package.folder.iterdir()) == sorted(NAMES)  # no staging leftovers
    with zipfile.ZipFile(package.archive) as archive:
        assert sorted(archive.namelist()) == sorted(f"elazig-2024-2-package/{n}" for n in NAMES)
        for name in NAMES:
            assert archive.read(f"elazig-2024-2-package/{name}") == (package.folder / name).read_bytes()
        assert {info.date_time for info in archive.infolist()} == {(2024, 5, 1, 0, 0, 0)}
    assert not [p for p in package.folder.parent.iterdir() if p.name.startswith(".")]


def test_checksums_match_the_files(package):
    sums = (package.folder / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    assert len(sums) == 6
    for line in sums:
        digest, name = line.split("  ")
        assert hashlib.sha256((package.folder / name).read_bytes()).hexdigest() == digest
    ticket = (package.folder / "elazig-2024-2-is-emri-job-ticket.txt").read_text(encoding="utf-8")
    for name in NAMES[:5]:
        assert f"{package.checksums[name]}  {name}" in ticket


def test_job_ticket_in_turkish_and_english(package, pdf):
    ticket = (package.folder / "elazig-2024-2-is-emri-job-ticket.txt").read_text(encoding="utf-8")
    blanks = 16 - len(pdf)  # the screen file's pages, padded to 16 for saddle stitching
    for line in (
        "İŞ EMRİ / JOB TICKET",
        "Kesim boyutu / Trim size          210 × 297 mm (A4)",
        f"Sayfa sayısı / Page count         16 ({blanks} boş sayfa dahil)",
        f"16 (including {blanks} blank)",
        "Cilt / Binding                    tel dikiş, 4 tabaka iç içe",
        "saddle stitch, 4 nested sheets",
        "4/4 (Cyan, Magenta, Yellow, Black), no spot colours, FOGRA39 coated",
        "Taşma payı / Bleed                3 mm, her kenarda",
        "Kâğıt önerisi / Paper suggestion  130 g/m² kuşe, kapak aynı kâğıt",
        "Ön kontrol / Preflight            GEÇTİ (PDF/X-4)",
    ):
        assert line in ticket, line
    assert paper_suggestion(40) == ("100 g/m² kuşe, kapak 250 g/m² kuşe", "100 g/m² coated, 250 g/m² coated cover")


def test_print_imposed_report_and_proof(package):
    folder = package.folder
    data = json.loads((folder / "elazig-2024-2-preflight.json").read_text(encoding="utf-8"))
    assert data["passed"] is True and data["file"] == "elazig-2024-2-print.pdf" and data["pages"] == 16
    assert data["measured"]["max_ink"] <= 300 and data["measured"]["small_text_glyphs_on_several_plates"] == 0
    with pikepdf.open(folder / "elazig-2024-2-preflight.pdf") as report:
        assert len(report.pages) == 1
    with pikepdf.open(folder / "elazig-2024-2-imposed.pdf") as imposed:
        assert len(imposed.pages) == 8 and str(imposed.docinfo.GTS_PDFXVersion) == "PDF/X-4"
    with Image.open(folder / "elazig-2024-2-contact.png") as sheet:
        assert sheet.width > 2000


def test_a_failed_package_leaves_the_previous_one(package, booklet_copy):
    before = {p.name: p.read_bytes() for p in package.folder.iterdir()}
    figures = booklet_copy / "figures.yaml"
    figures.write_text(figures.read_text(encoding="utf-8").replace("value: 92783", "value: doksan"), encoding="utf-8")
    with pytest.raises(BookletError):
        make_package(booklet_copy, package.folder.parent, Report())
    assert {p.name: p.read_bytes() for p in package.folder.iterdir()} == before
    assert not [p for p in package.folder.parent.iterdir() if p.name.startswith(".")]


def test_cli(tmp_path):
    done = CliRunner().invoke(main, ["package", str(CONTENT), "-o", str(tmp_path), "--creep", "0.2"])
    assert done.exit_code == 0, done.output
    assert (
        f"wrote {tmp_path / 'elazig-2024-2-package'} (7 files) and {tmp_path / 'elazig-2024-2-package.zip'}"
        in done.output
    )
    assert "preflight PASS: elazig-2024-2-print.pdf — 16 pages, 0 failures, 0 warnings" in done.output
    ticket = (tmp_path / "elazig-2024-2-package" / "elazig-2024-2-is-emri-job-ticket.txt").read_text(encoding="utf-8")
    assert "0.2 mm (applied in the imposition)" in ticket
    assert "0,2 mm (dizimde uygulandı)" in ticket

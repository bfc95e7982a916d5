"""A new reporting period and all provinces: figures in, booklets out, mistakes caught."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import yaml
from click.testing import CliRunner
from openpyxl import Workbook, load_workbook

from booklet.batch import booklets_under, build_many
from booklet.build import build, targets_for
from booklet.cli import main
from booklet.diagnostics import BookletError, Report
from booklet.diff import compare, flag_lines
from booklet.periods import new_period, set_figure, set_figures
from booklet.spreadsheet import NumberProblem, export_figures, import_figures, parse_number

from .conftest import CONTENT, ROOT, normalise

SAMPLES = ROOT / "tests" / "samples"
SCREEN = targets_for("screen", 3, True)


def text_of(pdf: Path) -> str:
    return normalise(" ".join(page.get_textpage().get_text_range() for page in pdfium.PdfDocument(str(pdf))))


@pytest.mark.parametrize(
    ("raw", "kind", "expected"),
    [
        ("92.783", "count", 92783),
        ("92783", "count", 92783),
        ("1.370.000", "count", 1370000),
        ("188,1 milyon TL", "money", 188_100_000),
        ("6,67 milyar TL", "money", 6_670_000_000),
        ("1.234,5", "money", Decimal("1234.5")),
        ("188,1", "money", Decimal("188.1")),
        ("%3", "percent", 3),
        ("3", "percent", 3),
        (2024, "year", 2024),
        (92783.0, "count", 92783),
        ("  5 394 ", "count", 5394),
    ],
)
def test_turkish_numbers_are_read_where_unambiguous(raw, kind, expected):
    assert parse_number(raw, kind) == Decimal(expected)


@pytest.mark.parametrize(
    ("raw", "kind", "message"),
    [
        ("92,783", "count", "ambiguous"),
        ("188.1", "money", "ambiguous"),
        ("doksan", "count", "is not a number"),
        ("", "count", "empty"),
        ("1,5", "count", "not a whole number"),
        ("-4", "count", "negative"),
    ],
)
def test_unclear_numbers_are_refused(raw, kind, message):
    with pytest.raises(NumberProblem, match=message):
        parse_number(raw, kind)


@pytest.fixture()
def next_period(booklet_copy) -> Path:
    return new_period(booklet_copy, "2025-1", "2025-05")


def test_new_period_carries_figures_over_marked_stale(booklet_copy, next_period):
    assert next_period == booklet_copy.parent / "2025-1"
    meta = yaml.safe_load((next_period / "booklet.yaml").read_text(encoding="utf-8"))
    assert (meta["edition"], meta["date"], meta["prose"]) == ("2025-1", "2025-05", "../../prose")
    assert "overrides" in meta  # the province's own sentence comes along
    figures = yaml.safe_load((next_period / "figures.yaml").read_text(encoding="utf-8"))
    old = yaml.safe_load((booklet_copy / "figures.yaml").read_text(encoding="utf-8"))
    assert (figures.pop("province"), figures.pop("period")) == ("Elazığ", "2025-1")
    assert old.pop("period") == "2024-2" and old.pop("province") == "Elazığ"
    assert {k: v["value"] for k, v in figures.items()} == {k: v["value"] for k, v in old.items()}
    assert all(v["stale"] is True for v in figures.values())
    meta_text = (next_period / "booklet.yaml").read_text(encoding="utf-8")
    assert 'kapakta "Mayıs 2025"' in meta_text and "2024-05" not in meta_text  # comments follow the period
    assert "# Aile ve Toplum Hizmetleri" in (next_period / "figures.yaml").read_text(encoding="utf-8")


def test_building_a_stale_period_warns_with_the_list_and_strict_fails(next_period, tmp_path):
    result = build(next_period, tmp_path, targets=SCREEN)
    (warning,) = result.report.warnings
    assert warning.message.startswith("56 figures still carry last period's value: shm_sayisi, asdep_hane_sayisi")
    assert "Mayıs 2025" in text_of(result.path)
    with pytest.raises(BookletError):
        build(next_period, tmp_path / "strict", Report(strict=True), SCREEN)
    assert not (tmp_path / "strict").exists()


def test_new_period_refuses_an_existing_folder(booklet_copy, next_period):
    with pytest.raises(BookletError, match="already exists"):
        new_period(booklet_copy, "2025-1", "2025-05")


def write_csv(path: Path, rows: list[list]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def test_import_csv_updates_values_keeps_comments_and_clears_stale(next_period, tmp_path):
    sheet = write_csv(
        tmp_path / "yeni.csv",
        [
            ["key", "value", "not"],
            ["asdep_hane_sayisi", "95.120", "ASDEP"],
            ["sed_tahsis_tutari", "201,4 milyon TL", ""],
            ["veri_yili", "2025", ""],
        ],
    )
    result = import_figures(next_period, sheet, Report())
    assert result.updated == {"asdep_hane_sayisi": 95120, "sed_tahsis_tutari": 201_400_000, "veri_yili": 2025}
    assert result.ignored_columns == ["not"]
    assert len(result.missing) == 53
    text = (next_period / "figures.yaml").read_text(encoding="utf-8")
    assert "asdep_hane_sayisi: {value: 95120, kind: count, label: ASDEP kapsamında ulaşılan hane}" in text
    assert "# Çocuk Hizmetleri" in text
    figures = yaml.safe_load(text)
    assert "stale" not in figures["asdep_hane_sayisi"] and figures["shm_sayisi"]["stale"] is True
    pdf = build(next_period, tmp_path / "out", targets=SCREEN).path
    assert "95.120 haneye" in text_of(pdf) and "201,4 milyon TL tahsis" in text_of(pdf)


def test_import_rejects_bad_rows_with_their_numbers_and_writes_nothing(next_period, tmp_path):
    before = (next_period / "figures.yaml").read_bytes()
    sheet = write_csv(
        tmp_path / "hatali.csv",
        [
            ["key", "value"],
            ["asdep_hane_sayisi", "95.120"],
            ["asdep_hane_sayis", "1"],
            ["shm_sayisi", "iki"],
            ["sed_tahsis_tutari", "188.1"],
            ["shm_sayisi", "3"],
        ],
    )
    with pytest.raises(BookletError) as info:
        import_figures(next_period, sheet, Report())
    lines = [f"{d.location.line}: {d.message}" for d in info.value.report.errors]
    assert lines == [
        "3: row 3: unknown figure 'asdep_hane_sayis'",
        "4: row 4: shm_sayisi: 'iki' is not a number",
        "5: row 5: sed_tahsis_tutari: '188.1' is ambiguous: a dot groups thousands in Turkish (92.783) but marks"
        " decimals in English; write 188,1 for a decimal",
        "6: row 6: 'shm_sayisi' is given twice (first in row 4)",
    ]
    assert (next_period / "figures.yaml").read_bytes() == before


def test_import_xlsx_with_numeric_cells(next_period, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["Anahtar", "Değer", "Açıklama"])
    sheet.append(["asdep_hane_sayisi", 97001, "ASDEP"])
    sheet.append(["sosyal_yardim_kaynak_tutari", 7.12e9, ""])
    book.save(tmp_path / "yeni.xlsx")
    result = import_figures(next_period, tmp_path / "yeni.xlsx", Report())
    assert result.updated == {"asdep_hane_sayisi": 97001, "sosyal_yardim_kaynak_tutari": 7_120_000_000}


def test_export_then_import_round_trips(next_period, tmp_path):
    for name in ("sablon.csv", "sablon.xlsx"):
        assert export_figures(next_period, tmp_path / name) == 56
    rows = list(csv.reader((tmp_path / "sablon.csv").open(encoding="utf-8-sig")))
    assert rows[0] == ["key", "value", "kind", "label", "printed", "confirmed"]
    assert rows[[r[0] for r in rows].index("sed_tahsis_tutari")][:3] == ["sed_tahsis_tutari", "188100000", "money"]
    assert rows[1][4] == "2" and "188,1 milyon TL" in [r[4] for r in rows]
    assert {r[5] for r in rows[1:]} == {""}  # every figure is stale: nothing is ticked
    sheet = load_workbook(tmp_path / "sablon.xlsx").active
    assert [c.value for c in sheet[2]][:3] == ["shm_sayisi", 2, "count"]
    assert sheet.freeze_panes == "A2"
    # sent back untouched: nothing was updated, every figure is still last period's
    before = (next_period / "figures.yaml").read_bytes()
    result = import_figures(next_period, tmp_path / "sablon.csv", Report())
    assert result.updated == {} and len(result.still_stale) == 56 and not result.written
    assert (next_period / "figures.yaml").read_bytes() == before
    # the statistics office ticks "güncel" for the values that are the same this period
    rows[1][5] = "x"
    with (tmp_path / "ticked.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    result = import_figures(next_period, tmp_path / "ticked.csv", Report())
    assert result.confirmed == ["shm_sayisi"] and len(result.still_stale) == 55
    figures = yaml.safe_load((next_period / "figures.yaml").read_text(encoding="utf-8"))
    assert "stale" not in figures["shm_sayisi"] and figures["asdep_hane_sayisi"]["stale"] is True


def test_diff_flags_a_cumulative_figure_that_went_down(booklet_copy, next_period, tmp_path):
    sheet = write_csv(
        tmp_path / "yeni.csv",
        [
            ["key", "value"],
            ["bagimlilik_egitimi_kisi_sayisi", "5100"],  # "2014 yılından itibaren toplam" — cannot go down
            ["asdep_hane_sayisi", "190000"],  # more than doubled
            ["huzurevi_yasli_sayisi", "80"],  # residents now: may go down
        ],
    )
    import_figures(next_period, sheet, Report())
    rows, _, _ = compare(booklet_copy, next_period, threshold=50)
    flags = {row.name: row.flags for row in rows if row.flags and "not yet updated" not in row.flags}
    assert flags == {
        "bagimlilik_egitimi_kisi_sayisi": ("cumulative figure went down",),
        "asdep_hane_sayisi": ("changed by more than 50 %",),
    }
    assert "! bagimlilik_egitimi_kisi_sayisi: cumulative figure went down (5.978 → 5.100)" in flag_lines(rows)


def test_diff_shows_figures_that_vanished_or_appeared(booklet_copy, next_period):
    path = next_period / "figures.yaml"
    text = path.read_text(encoding="utf-8").replace("shm_sayisi:", "merkez_sayisi:")
    path.write_text(text, encoding="utf-8")
    rows, _, _ = compare(booklet_copy, next_period)
    flags = {row.name: row.flags[0] for row in rows if row.name in ("shm_sayisi", "merkez_sayisi")}
    assert flags == {"shm_sayisi": "removed", "merkez_sayisi": "added"}


def test_diff_cli_prints_a_table(booklet_copy, next_period):
    result = CliRunner().invoke(main, ["diff", str(booklet_copy), str(next_period)])
    assert result.exit_code == 0
    assert "old (2024-2)" in result.output and "new (2025-1)" in result.output
    assert "92.783" in result.output and "56 figures, 0 changed" in result.output


def test_samples_are_marked_and_found():
    found = booklets_under(SAMPLES)
    assert [p.parent.name for p in found] == ["bingol", "malatya", "tunceli"]
    for booklet in found:
        assert "INVENTED" in (booklet / "figures.yaml").read_text(encoding="utf-8").splitlines()[0]


def test_build_all_builds_every_province_in_parallel_and_goes_on_after_a_failure(tmp_path):
    samples = tmp_path / "samples"
    import shutil

    shutil.copytree(SAMPLES, samples, ignore=shutil.ignore_patterns("*.py", "*.md"))
    for booklet in booklets_under(samples):
        text = (booklet / "booklet.yaml").read_text(encoding="utf-8")
        (booklet / "booklet.yaml").write_text(text.replace("../../../../content/prose", str(ROOT / "content/prose")))
    broken = samples / "tunceli/2024-2/figures.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("value: 2, kind: count", "value: iki, kind: count"))
    outcomes = build_many(booklets_under(samples), tmp_path / "out", SCREEN, jobs=2)
    assert [o.ok for o in outcomes] == [True, True, False]
    assert "tunceli/2024-2/figures.yaml:" in outcomes[2].diagnostics[0]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["bingol-2024-2.pdf", "malatya-2024-2.pdf"]
    assert "BİNGÖL" in text_of(tmp_path / "out/bingol-2024-2.pdf")
    result = CliRunner().invoke(
        main, ["build", str(samples), "--all", "-o", str(tmp_path / "cli"), "--target", "screen", "--jobs", "2"]
    )
    assert result.exit_code == 1
    assert "built 2 of 3 booklets (2 files)" in result.output and "1 failed" in result.output


def test_a_folder_with_several_booklets_needs_all(tmp_path):
    result = CliRunner().invoke(main, ["build", str(SAMPLES), "-o", str(tmp_path)])
    assert result.exit_code == 2 and "holds 3 booklets" in result.output


def test_the_default_content_folder_builds_its_one_booklet(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["build", "-o", str(tmp_path), "--target", "screen"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "elazig-2024-2.pdf").is_file()
    assert CONTENT.name == "2024-2"


FIGURES_TEXT = """# Rakamlar: yorumlar kalır
province: Elazığ
period: 2024-2
asdep_hane_sayisi: {value: 92783, kind: count, label: ASDEP hane}  # 2024 verisi
shm_sayisi:
  value: 2   # merkezler
  kind: count
  stale: true
oran: {value: 3.5, kind: percent, stale: true}
"""


def test_set_figures_replaces_values_and_flags_and_keeps_every_other_character(tmp_path):
    path = tmp_path / "figures.yaml"
    path.write_text(FIGURES_TEXT, encoding="utf-8")
    text = set_figures(
        path,
        {"asdep_hane_sayisi": Decimal(95120), "oran": Decimal("4.25")},
        {"shm_sayisi": False, "asdep_hane_sayisi": True},
    )
    assert text == (
        FIGURES_TEXT.replace(
            "value: 92783, kind: count, label: ASDEP hane}",
            "value: 95120, kind: count, label: ASDEP hane, stale: true}",
        )
        .replace("  kind: count\n  stale: true\n", "  kind: count\n")
        .replace("value: 3.5,", "value: 4.25,")
    )
    assert path.read_text(encoding="utf-8") == FIGURES_TEXT  # the text is returned, the file left alone
    assert yaml.safe_load(text)["oran"] == {"value": 4.25, "kind": "percent", "stale": True}
    assert set_figures(path, {"shm_sayisi": None}) == FIGURES_TEXT.replace("value: 2   #", "value: null   #")
    assert set_figures(path) == FIGURES_TEXT


def test_set_figure_works_on_a_text_not_on_disk_and_names_an_unknown_figure(tmp_path):
    path = tmp_path / "figures.yaml"
    draft = FIGURES_TEXT.replace("92783", "92784")
    text = set_figure(path, "shm_sayisi", value=Decimal(3), stale=False, text=draft)
    assert "shm_sayisi:\n  value: 3   # merkezler\n  kind: count\noran" in text and "92784" in text
    assert set_figure(path, "shm_sayisi", stale=True, text=draft) == draft  # already stale
    with pytest.raises(BookletError) as info:
        set_figure(path, "shm_sayisii", value=Decimal(3), text=draft)
    error = info.value.report.errors[0]
    assert error.message == "unknown figure 'shm_sayisii'" and error.location.path == path

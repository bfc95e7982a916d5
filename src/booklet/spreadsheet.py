"""Figures in and out of spreadsheets (CSV or XLSX), the way statistics offices keep them.

Import is all or nothing: every row is checked, every problem is reported with its row
number, and the figures file is only rewritten when none is left.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from .content.figures import read_figures
from .content.load import FIGURES_FILE
from .content.model import Figure
from .content.reader import Reader, did_you_mean
from .content.source import load
from .diagnostics import BookletError, Location, Report
from .i18n import _
from .pdf.output import write_atomically
from .periods import number_text, update_figures
from .turkish import FORMATTERS, NBSP

KEY_COLUMNS = ("key", "anahtar", "figure", "rakam", "ad")
VALUE_COLUMNS = ("value", "değer", "deger")
EXPORT_COLUMNS = ("key", "value", "kind", "label", "printed", "stale")
MULTIPLIERS = {"bin": 1_000, "milyon": 1_000_000, "milyar": 1_000_000_000}


class NumberProblem(ValueError):
    pass


def parse_number(raw, kind: str) -> Decimal:
    """A spreadsheet cell as a figure's raw value.

    Numbers typed the Turkish way are read when they can mean only one thing: ``92.783`` is
    92783, ``188,1`` is 188.1, ``1.234,5`` is 1234.5, ``188,1 milyon TL`` is 188100000,
    ``%3`` is 3. ``92,783`` (Turkish 92.783 decimal, or English 92 thousand?) and
    ``188.1`` (English decimal, or a mistyped thousands dot?) are refused.
    """
    if isinstance(raw, bool):
        raise NumberProblem(_("'{raw}' is not a number").format(raw=raw))
    if isinstance(raw, (int, float, Decimal)):
        value = Decimal(str(raw))
    else:
        text = str(raw).strip().replace(NBSP, " ")
        if not text:
            raise NumberProblem(_("the value is empty"))
        cleaned = re.sub(r"(?i)\s*(tl|₺)$", "", text).replace("%", "").strip()
        multiplier = 1
        word = re.search(r"(?i)\s*(bin|milyon|milyar)$", cleaned)
        if word:
            multiplier = MULTIPLIERS[word.group(1).lower()]
            cleaned = cleaned[: word.start()].strip()
        cleaned = cleaned.replace(" ", "")
        value = _parse_digits(cleaned, text) * multiplier
    if not value.is_finite():
        raise NumberProblem(_("'{raw}' is not a number").format(raw=raw))
    if value < 0:
        raise NumberProblem(_("'{raw}' is negative; figures count or sum things").format(raw=raw))
    if kind in ("count", "year") and value != value.to_integral_value():
        raise NumberProblem(_("'{raw}' is not a whole number, but this figure must be one").format(raw=raw))
    return value


def _parse_digits(cleaned: str, original: str) -> Decimal:
    if cleaned.startswith("-"):
        return -_parse_digits(cleaned[1:], original)
    if re.fullmatch(r"\d+", cleaned):
        return Decimal(cleaned)
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", cleaned):  # 92.783, 1.370.000: dots group thousands
        return Decimal(cleaned.replace(".", ""))
    if re.fullmatch(r"\d{1,3}(\.\d{3})*,\d+", cleaned) and not re.fullmatch(r"\d{1,3},\d{3}", cleaned):
        return Decimal(cleaned.replace(".", "").replace(",", "."))  # 188,1 and 1.234,5
    if re.fullmatch(r"\d+,\d+", cleaned) and not re.fullmatch(r"\d{1,3},\d{3}", cleaned):
        return Decimal(cleaned.replace(",", "."))
    if re.fullmatch(r"\d{1,3},\d{3}", cleaned):
        raise NumberProblem(
            _(
                "'{original}' is ambiguous: a Turkish decimal or, in English, {whole}?"
                " write {whole} if that is the number meant"
            ).format(
                original=original, number=cleaned, whole=cleaned.replace(",", ""), decimal=cleaned.replace(",", ".")
            )
        )
    if re.fullmatch(r"\d+\.\d+", cleaned):
        raise NumberProblem(
            _(
                "'{original}' is ambiguous: a dot groups thousands in Turkish (92.783) but marks decimals in"
                " English; write {decimal} for a decimal"
            ).format(original=original, decimal=cleaned.replace(".", ","))
        )
    raise NumberProblem(_("'{original}' is not a number").format(original=original))


def _rows(path: Path) -> list[list]:
    """All rows of the first sheet (CSV: ``,`` or ``;`` separated, UTF-8 with or without BOM)."""
    if path.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        try:
            book = load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a broken file
            raise BookletError.single(Location(path), _("cannot read the spreadsheet: {exc}").format(exc=exc)) from None
        try:
            return [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
        finally:
            book.close()
    if path.suffix.lower() != ".csv":
        raise BookletError.single(Location(path), _("figures come from a .csv or .xlsx file"))
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise BookletError.single(
            Location(path), _("the CSV file is not UTF-8"), _("save it as 'CSV UTF-8' from the spreadsheet program")
        ) from None
    except OSError as exc:
        raise BookletError.single(
            Location(path), _("cannot read the file: {strerror}").format(strerror=exc.strerror)
        ) from None
    delimiter = ";" if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",") else ","
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def _column(header: list[str], names: tuple[str, ...]) -> int | None:
    lowered = [str(h or "").strip().casefold() for h in header]
    for name in names:
        if name in lowered:
            return lowered.index(name)
    return None


@dataclass
class ImportResult:
    updated: dict[str, Decimal] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)  # figures the sheet did not give
    ignored_columns: list[str] = field(default_factory=list)


def import_figures(booklet: Path, sheet: Path, report: Report) -> ImportResult:
    """Read new values from ``sheet`` into the booklet's figures.yaml (all rows valid, or nothing)."""
    figures_path = Path(booklet) / FIGURES_FILE
    source, node = load(figures_path)
    figures: dict[str, Figure] = read_figures(Reader(source, report, Path(booklet)), node)
    report.raise_if_errors()
    rows = _rows(sheet)
    if not rows:
        raise BookletError.single(Location(sheet, 1, 1), _("the spreadsheet is empty"))
    header = [str(h or "").strip() for h in rows[0]]
    key_col, value_col = _column(header, KEY_COLUMNS), _column(header, VALUE_COLUMNS)
    if key_col is None or value_col is None:
        raise BookletError.single(
            Location(sheet, 1, 1),
            _("the first row must name the columns 'key' and 'value' (found: {header})").format(
                header=", ".join(header) or "—"
            ),
            _("export a template with: booklet figures export BOOKLET_DIR"),
        )
    result = ImportResult(ignored_columns=[h for i, h in enumerate(header) if i not in (key_col, value_col) and h])
    seen: dict[str, int] = {}
    for number, row in enumerate(rows[1:], start=2):
        cells = list(row) + [None] * (max(key_col, value_col) + 1 - len(row))
        key = str(cells[key_col] or "").strip()
        raw = cells[value_col]
        if not key and (raw is None or str(raw).strip() == ""):
            continue  # blank line
        where = Location(sheet, number, 1)
        if key not in figures:
            report.error(
                where,
                _("row {number}: unknown figure '{key}'").format(number=number, key=key),
                did_you_mean(key, figures),
            )
            continue
        if key in seen:
            report.error(
                where,
                _("row {number}: '{key}' is given twice (first in row {first})").format(
                    number=number, key=key, first=seen[key]
                ),
            )
            continue
        seen[key] = number
        try:
            result.updated[key] = parse_number(raw, figures[key].kind)
        except NumberProblem as exc:
            report.error(where, _("row {number}: {key}: {exc}").format(number=number, key=key, exc=exc))
    result.missing = [name for name in figures if name not in seen]
    report.raise_if_errors()
    text = update_figures(figures_path, result.updated)
    write_atomically({figures_path: text.encode()})
    return result


def export_figures(booklet: Path, target: Path) -> int:
    """A spreadsheet of the current figures, to be filled in for the next period."""
    report = Report()
    figures_path = Path(booklet) / FIGURES_FILE
    source, node = load(figures_path)
    figures = read_figures(Reader(source, report, Path(booklet)), node)
    report.raise_if_errors()
    rows = [list(EXPORT_COLUMNS)]
    for figure in figures.values():
        printed = FORMATTERS[figure.kind](figure.value).replace(NBSP, " ")
        rows.append(
            [figure.name, number_text(figure.value), figure.kind, figure.label, printed, "yes" if figure.stale else ""]
        )
    if target.suffix.lower() == ".xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.title = "figures"
        for i, row in enumerate(rows):
            if i:  # numbers as numbers, so the sheet can compute with them
                value = Decimal(row[1])
                row = [row[0], int(value) if value == value.to_integral_value() else float(value), *row[2:]]
            sheet.append(row)
        buffer = io.BytesIO()
        book.save(buffer)
        data = buffer.getvalue()
    elif target.suffix.lower() == ".csv":
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows(rows)
        data = ("\ufeff" + buffer.getvalue()).encode()  # BOM: spreadsheet programs then read UTF-8
    else:
        raise BookletError.single(Location(target), _("export to a .csv or .xlsx file"))
    write_atomically({target: data})
    return len(rows) - 1

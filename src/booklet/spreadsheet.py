"""Figures in and out of spreadsheets (CSV or XLSX), the way statistics offices keep them.

Import is all or nothing: every row is checked, every problem is reported with its row
number, and the figures file is only rewritten when none is left. A cell is read for what it
is, not for what it looks like to Python: a percent-formatted 0,05 is %5, 92783.0 is 92783,
a formula gives its saved result, a date is an error. An unchanged value stays ``stale``
unless its "güncel" cell is ticked, so a sheet sent back untouched updates nothing. The file
before the import is kept so that ``figures import --undo`` can put it back.
"""

from __future__ import annotations

import contextlib
import csv
import datetime
import hashlib
import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from .content.figures import DEFAULT_LIMITS, read_figures
from .content.load import FIGURES_FILE
from .content.model import Figure
from .content.reader import Reader, did_you_mean
from .content.source import load
from .diagnostics import BookletError, Location, Report
from .diagnostics import number as shown_number
from .i18n import _
from .pdf.output import write_atomically
from .periods import number_text, update_figures
from .turkish import FORMATTERS, NBSP, lower

KEY_COLUMNS = ("key", "anahtar", "figure", "rakam", "ad", "kod")
VALUE_COLUMNS = ("value", "değer", "deger")
CONFIRMED_COLUMNS = ("güncel", "guncel", "confirmed", "current", "up to date", "onay")
EXPORT_COLUMNS = ("key", "value", "kind", "label", "printed", "confirmed")
EXPORT_COLUMNS_TR = ("anahtar", "değer", "tür", "etiket", "basılacak", "güncel")
MULTIPLIERS = {"bin": 1_000, "milyon": 1_000_000, "milyar": 1_000_000_000}
TICKED = {"x", "✓", "✔", "evet", "e", "yes", "y", "true", "doğru", "1", "var", "tamam", "güncel", "ok"}
UNTICKED = {"", "-", "–", "hayır", "h", "no", "n", "false", "yanlış", "0", "yok"}
HEADER_SEARCH_ROWS = 30  # title and blank rows above the header are skipped

# Limits checked before a spreadsheet is parsed (a zip bomb is small on disk).
MAX_SHEET_BYTES = 20_000_000
MAX_UNZIPPED_BYTES = 100_000_000
MAX_ZIP_ENTRIES = 2_000
MAX_ROWS = 10_000
MAX_COLUMNS = 50
UNDO_DIR = ".booklet-undo"  # hidden next to figures.yaml: the file as it was before the import


class NumberProblem(ValueError):
    pass


@dataclass(frozen=True)
class Cell:
    """A spreadsheet cell as the statistics office meant it."""

    value: object  # str, int, float, Decimal, bool, date/time, or None
    percent: bool = False  # formatted as a percentage: 0,05 shows as %5
    formula: bool = False  # a formula; ``value`` is its saved result (None if never saved)


def parse_number(raw, kind: str, decimal_comma: bool = False) -> Decimal:
    """A spreadsheet cell as a figure's raw value.

    Numbers typed the Turkish way are read when they can mean only one thing: ``92.783`` is
    92783, ``188,1`` is 188.1, ``1.234,5`` is 1234.5, ``188,1 milyon TL`` is 188100000,
    ``%3`` is 3. ``92,783`` (Turkish 92.783 decimal, or English 92 thousand?) and
    ``188.1`` (English decimal, or a mistyped thousands dot?) are refused — unless the file
    itself says that the comma is the decimal mark (a ``;``-separated CSV, as Turkish Excel
    writes it: ``decimal_comma``).
    """
    if isinstance(raw, bool):
        raise NumberProblem(_("the cell holds a yes/no value, not a number"))
    if isinstance(raw, (datetime.date, datetime.time, datetime.timedelta)):
        raise NumberProblem(_("the cell holds a date or a time, not a number; format the cell as a number"))
    if isinstance(raw, (int, float, Decimal)):
        value = _from_float(raw)
    else:
        text = str(raw).strip().replace(NBSP, " ").replace("\u202f", " ")
        if not text:
            raise NumberProblem(_("the value is empty"))
        cleaned = re.sub(r"(?i)\s*(tl|₺)$", "", text).replace("%", "").strip()
        multiplier = 1
        word = re.search(r"(?i)\s*(bin|milyon|milyar)$", cleaned)
        if word:
            multiplier = MULTIPLIERS[lower(word.group(1))]
            cleaned = cleaned[: word.start()].strip()
        cleaned = cleaned.replace(" ", "").replace("'", "")
        value = _parse_digits(cleaned, text, decimal_comma) * multiplier
    if not value.is_finite():
        raise NumberProblem(_("'{raw}' is not a number").format(raw=raw))
    if value < 0:
        raise NumberProblem(_("'{raw}' is negative; figures count or sum things").format(raw=_shown(raw)))
    if kind in ("count", "year") and value != value.to_integral_value():
        raise NumberProblem(_("'{raw}' is not a whole number, but this figure must be one").format(raw=_shown(raw)))
    return value.normalize() if value != value.to_integral_value() else value.to_integral_value()


def _shown(raw) -> str:
    """A number as an editor would type it in Turkish (0,5), anything else as it is."""
    if isinstance(raw, (float, Decimal)) and not isinstance(raw, bool):
        value = Decimal(repr(raw)) if isinstance(raw, float) else raw
        return number_text(value.normalize()).replace(".", ",")
    return str(raw)


def _from_float(raw) -> Decimal:
    """92783.0 → 92783; 0.1 + 0.2 noise rounded away (a sheet holds at most 15 digits)."""
    if isinstance(raw, float):
        if raw != raw or raw in (float("inf"), float("-inf")):
            raise NumberProblem(_("the cell is not a number"))
        return Decimal(repr(round(raw, 9)))
    return Decimal(raw)


def _parse_digits(cleaned: str, original: str, decimal_comma: bool = False) -> Decimal:
    if cleaned.startswith("-"):
        return -_parse_digits(cleaned[1:], original, decimal_comma)
    if re.fullmatch(r"\d+", cleaned):
        return Decimal(cleaned)
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", cleaned):  # 92.783, 1.370.000: dots group thousands
        return Decimal(cleaned.replace(".", ""))
    if decimal_comma and re.fullmatch(r"(\d{1,3}(\.\d{3})+|\d+),\d+", cleaned):
        return Decimal(cleaned.replace(".", "").replace(",", "."))
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


def cell_number(cell: Cell, kind: str, decimal_comma: bool = False) -> Decimal:
    """A cell's value as a figure of ``kind``, honouring the cell's own type and format."""
    if cell.formula and cell.value is None:
        raise NumberProblem(
            _(
                "the cell holds a formula whose result was never saved; open the file in Excel or"
                " LibreOffice and save it again"
            )
        )
    if cell.percent and isinstance(cell.value, (int, float, Decimal)) and not isinstance(cell.value, bool):
        if kind != "percent":
            raise NumberProblem(
                _("the cell is formatted as a percentage (%{value}), but this figure is not a percentage").format(
                    value=_shown(_from_float(cell.value) * 100)
                )
            )
        return parse_number(_from_float(cell.value) * 100, kind)
    return parse_number(cell.value, kind, decimal_comma)


# -- reading sheets -------------------------------------------------------------------------


@dataclass
class Sheet:
    rows: list[list[Cell]]
    decimal_comma: bool = False  # the file says the comma is the decimal mark


def _read(path: Path) -> bytes:
    """The sheet's bytes: a regular file within :data:`MAX_SHEET_BYTES`, checked before reading."""
    from .inputs import InputProblem, read_input

    try:
        return read_input(path, MAX_SHEET_BYTES)
    except InputProblem as problem:
        hint = problem.hint
        if problem.too_big:
            hint = _("check that it is the right file; a figures sheet has one row per figure")
        raise BookletError.single(
            Location(path), problem.message, hint or _("a figures sheet has one row per figure")
        ) from None


def read_sheet(path: Path) -> Sheet:
    """All rows of the first sheet (CSV in UTF-8, UTF-8 with BOM, UTF-16 or Windows-1254,
    separated by ``,``, ``;`` or tabs; or an XLSX workbook), within the limits above."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return Sheet(_xlsx_rows(path, _read(path)))
    if suffix in (".csv", ".txt", ".tsv"):
        return _csv_rows(path, _read(path))
    if suffix == ".xls":
        raise BookletError.single(
            Location(path),
            _("this is an old Excel workbook (.xls)"),
            _("open it in Excel or LibreOffice and save it as .xlsx or as CSV"),
        )
    raise BookletError.single(Location(path), _("figures come from a .csv or .xlsx file"))


def ole_problem(data: bytes) -> tuple[str, str] | None:
    """An .xlsx that is an OLE container, not a zip: Excel encrypts a password-protected
    workbook into one, and an old .xls is one. The message and hint, or None."""
    if not data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return None
    if "EncryptionInfo".encode("utf-16-le") in data:
        return (
            _("the workbook is password-protected"),
            _("open it, remove the password (File → Info → Protect Workbook) and save it again"),
        )
    return (
        _("this is an old Excel workbook (.xls) under an .xlsx name"),
        _("open it in Excel or LibreOffice and save it as .xlsx"),
    )


def _xlsx_rows(path: Path, data: bytes) -> list[list[Cell]]:
    problem = ole_problem(data)
    if problem is not None:
        raise BookletError.single(Location(path), *problem)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            unzipped = sum(e.file_size for e in entries)
            if len(entries) > MAX_ZIP_ENTRIES:
                raise BookletError.single(
                    Location(path),
                    _("the workbook is made of {count} parts; the limit is {limit}").format(
                        count=shown_number(len(entries)), limit=shown_number(MAX_ZIP_ENTRIES)
                    ),
                    _("this is not a figures sheet; save only the sheet with the figures"),
                )
            if unzipped > MAX_UNZIPPED_BYTES:
                raise BookletError.single(
                    Location(path),
                    _("the workbook unpacks to {size} MB in {count} parts; the limit is {limit} MB").format(
                        size=shown_number(unzipped // 1_000_000),
                        count=shown_number(len(entries)),
                        limit=shown_number(MAX_UNZIPPED_BYTES // 1_000_000),
                    ),
                    _("this is not a figures sheet; save only the sheet with the figures"),
                )
    except (zipfile.BadZipFile, OSError, EOFError):
        raise BookletError.single(
            Location(path),
            _("the file is not a readable Excel workbook (.xlsx)"),
            _("open it in Excel or LibreOffice and save it again as .xlsx, or as CSV"),
        ) from None
    from openpyxl import load_workbook

    try:
        formulas = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        values = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds for a damaged workbook
        raise BookletError.single(
            Location(path),
            _("the workbook is damaged and cannot be read"),
            _("open it in Excel or LibreOffice and save it again as .xlsx, or as CSV"),
        ) from None
    try:
        return _cells(path, formulas.worksheets[0], values.worksheets[0])
    except (KeyError, IndexError, ValueError, TypeError, zipfile.BadZipFile):
        raise BookletError.single(Location(path), _("the workbook is damaged and cannot be read")) from None
    finally:
        formulas.close()
        values.close()


def _cells(path: Path, with_formulas, with_values) -> list[list[Cell]]:
    rows = []
    pairs = zip(
        with_formulas.iter_rows(max_col=MAX_COLUMNS),
        with_values.iter_rows(max_col=MAX_COLUMNS, values_only=True),
    )
    for count, (raw_row, value_row) in enumerate(pairs, start=1):
        if count > MAX_ROWS:
            raise _too_many_rows(path)
        row = []
        for cell, value in zip(raw_row, value_row):
            formula = getattr(cell, "data_type", None) == "f"
            number_format = getattr(cell, "number_format", "") or ""
            row.append(Cell(value, "%" in number_format.replace('"%"', ""), formula))
        rows.append(row)
    return rows


def _decode(data: bytes) -> str:
    if data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
        return data.decode("utf-16")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict")
    if data[:200].count(b"\x00") > 20:  # UTF-16 without a byte-order mark
        return data.decode("utf-16-le" if data[1:2] == b"\x00" else "utf-16-be")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1254")  # Turkish Windows ("ANSI") as Excel saves "CSV"


def _csv_rows(path: Path, data: bytes) -> Sheet:
    try:
        text = _decode(data)
    except UnicodeDecodeError:
        raise BookletError.single(
            Location(path),
            _("the CSV file cannot be read as text"),
            _("save it as 'CSV UTF-8' from the spreadsheet program"),
        ) from None
    lines = [line for line in text.splitlines()[:HEADER_SEARCH_ROWS] if line.strip()]
    sample = "\n".join(lines)
    counts = {d: sample.count(d) for d in (";", "\t", ",")}
    delimiter = max(counts, key=lambda d: (counts[d], d != ","))
    if not counts[delimiter]:
        delimiter = ","
    rows = []
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        for count, row in enumerate(reader, start=1):
            if count > MAX_ROWS:
                raise _too_many_rows(path)
            rows.append([Cell(value) for value in row[:MAX_COLUMNS]])
    except csv.Error:  # a cell over the csv module's limit (131,072 characters), a stray NUL, …
        raise BookletError.single(
            Location(path, reader.line_num or 1, 1),
            _("this line of the CSV file cannot be read: a cell is far too long or holds a character CSV cannot"),
            _("open the file in the spreadsheet program, check this row and save it again as 'CSV UTF-8'"),
        ) from None
    return Sheet(rows, decimal_comma=delimiter == ";")


def _too_many_rows(path: Path) -> BookletError:
    return BookletError.single(
        Location(path),
        _("the sheet has more than {limit} rows").format(limit=shown_number(MAX_ROWS)),
        _("a figures sheet has one row per figure; save only the rows with figures"),
    )


def _norm(value) -> str:
    return " ".join(lower(str(value or "")).replace("*", "").replace(":", "").split())


def _find_header(rows: list[list[Cell]]) -> tuple[int, dict[str, int]] | None:
    """The header row (index) and where its columns are; title rows above it are skipped."""
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        names = [_norm(cell.value) for cell in row]
        columns = {}
        for role, options in (("key", KEY_COLUMNS), ("value", VALUE_COLUMNS), ("confirmed", CONFIRMED_COLUMNS)):
            found = next((names.index(o) for o in options if o in names), None)
            if found is not None:
                columns[role] = found
        if "key" in columns and "value" in columns:
            return index, columns
    return None


# -- import -----------------------------------------------------------------------------------


@dataclass
class Change:
    name: str
    old: Figure
    new: Decimal


@dataclass
class ImportResult:
    updated: dict[str, Decimal] = field(default_factory=dict)  # figures whose value changed
    confirmed: list[str] = field(default_factory=list)  # ticked "güncel": the same value is this period's
    missing: list[str] = field(default_factory=list)  # figures the sheet did not give
    still_stale: list[str] = field(default_factory=list)  # stale after the import
    ignored_columns: list[str] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    written: bool = False

    def table(self) -> list[str]:
        """The changes as the aligned table `diff` prints: old, new, change, %."""
        from .diff import Row, change_table

        rows = [
            Row(c.name, c.old, Figure(c.name, c.new, c.old.kind, c.old.label, c.old.location), ()) for c in self.changes
        ]
        return change_table(rows, _("now"), _("from the sheet"))


def _figures(booklet: Path, report: Report) -> dict[str, Figure]:
    figures_path = Path(booklet) / FIGURES_FILE
    source, node = load(figures_path)
    figures = read_figures(Reader(source, report, Path(booklet)), node)
    report.raise_if_errors()
    return figures


def _ticked(cell: Cell | None, where: Location, number: int, report: Report) -> bool:
    if cell is None or cell.value is None:
        return False
    if isinstance(cell.value, bool):
        return cell.value
    if isinstance(cell.value, (int, float)):
        return cell.value == 1
    text = _norm(cell.value)
    if text in TICKED:
        return True
    if text not in UNTICKED:
        report.error(
            where,
            _("row {number}: the 'güncel' cell says '{text}'").format(number=number, text=str(cell.value)[:60]),
            _("tick it with x (or evet) when the value is this period's, or leave it empty"),
        )
    return False


def import_figures(booklet: Path, sheet_path: Path, report: Report, dry_run: bool = False) -> ImportResult:
    """Read new values from a spreadsheet into the booklet's figures.yaml (all rows valid, or
    nothing); with ``dry_run`` only the changes are returned."""
    from .publish import refuse_if_published

    booklet = Path(booklet)
    refuse_if_published(booklet, FIGURES_FILE)
    figures = _figures(booklet, report)
    sheet = read_sheet(sheet_path)
    rows = sheet.rows
    found = _find_header(rows)
    if found is None:
        first = next((r for r in rows if any(c.value not in (None, "") for c in r)), [])
        header = ", ".join(str(c.value) for c in first if c.value not in (None, ""))[:120]
        raise BookletError.single(
            Location(sheet_path, 1, 1),
            _("no row names the columns 'key' and 'value' (or 'anahtar' and 'değer'); first row: {header}").format(
                header=header or "—"
            ),
            _("export a template with: booklet figures export BOOKLET_DIR"),
        )
    header_index, columns = found
    header = [str(c.value).strip() if c.value is not None else "" for c in rows[header_index]]
    result = ImportResult(ignored_columns=[h for i, h in enumerate(header) if i not in columns.values() and h])
    seen: dict[str, int] = {}
    values: dict[str, Decimal] = {}
    confirmed: set[str] = set()
    width = max(columns.values()) + 1
    for number, row in enumerate(rows[header_index + 1 :], start=header_index + 2):
        cells = list(row) + [Cell(None)] * (width - len(row))
        key = str(cells[columns["key"]].value or "").strip()
        cell = cells[columns["value"]]
        empty = cell.value is None or (isinstance(cell.value, str) and not cell.value.strip())
        where = Location(sheet_path, number, 1)
        if not key and empty:
            continue  # blank line
        if key not in figures:
            report.error(
                where,
                _("row {number}: unknown figure '{key}'").format(number=number, key=key[:60]),
                did_you_mean(key, figures, _("the key must be a figure name from figures.yaml"))
                if key
                else _("the row has a value but no figure name"),
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
        ticked = _ticked(cells[columns["confirmed"]] if "confirmed" in columns else None, where, number, report)
        if empty and not cell.formula:
            report.warning(
                where,
                _("row {number}: '{key}' has no value in the sheet; it was left as it was").format(
                    number=number, key=key
                ),
            )
            continue
        try:
            value = cell_number(cell, figures[key].kind, sheet.decimal_comma)
        except NumberProblem as exc:
            report.error(where, _("row {number}: {key}: {problem}").format(number=number, key=key, problem=exc))
            continue
        problem = _range_problem(figures[key], value)
        if problem:
            report.error(where, _("row {number}: {key}: {problem}").format(number=number, key=key, problem=problem))
            continue
        values[key] = value
        if ticked:
            confirmed.add(key)
    report.raise_if_errors()
    current = {name: f.value for name, f in figures.items()}
    for name, value in values.items():
        if current[name] != value:
            result.updated[name] = value
            result.changes.append(Change(name, figures[name], value))
        elif name in confirmed:
            result.confirmed.append(name)
    result.missing = [name for name in figures if name not in seen]
    result.still_stale = [
        name for name, f in figures.items() if f.stale and name not in result.updated and name not in confirmed
    ]
    if dry_run or (not result.updated and not result.confirmed):
        return result
    figures_path = booklet / FIGURES_FILE
    before = figures_path.read_bytes()
    text = update_figures(figures_path, values, confirmed=confirmed, current=current).encode("utf-8")
    _check_result(figures_path, text, report)
    undo = booklet / UNDO_DIR
    record = {"sheet": str(sheet_path), "figures_sha256": hashlib.sha256(text).hexdigest()}
    write_atomically(
        {
            undo / FIGURES_FILE: before,
            undo / "import.json": json.dumps(record, ensure_ascii=False).encode("utf-8"),
            figures_path: text,
        }
    )
    result.written = True
    return result


def _range_problem(figure: Figure, value: Decimal) -> str | None:
    """The same rules as figures.yaml: a percentage within 0–100, lira with at most two
    decimals, the figure's own min and max."""
    low, high = DEFAULT_LIMITS[figure.kind]
    low = figure.minimum if figure.minimum is not None else low
    high = figure.maximum if figure.maximum is not None else high
    if (low is not None and value < low) or (high is not None and value > high):
        shown = FORMATTERS[figure.kind](value).replace(NBSP, " ")
        return _("{value} is outside what this figure can be ({low} to {high})").format(
            value=shown,
            low=FORMATTERS["count"](low) if low is not None else "—",
            high=FORMATTERS["count"](high) if high is not None else "—",
        )
    exponent = value.normalize().as_tuple().exponent
    if figure.kind == "money" and isinstance(exponent, int) and exponent < -2:
        return _("an amount in lira has at most two decimals (kuruş)")
    return None


def _check_result(path: Path, text: bytes, report: Report) -> None:
    """The new figures.yaml still reads as valid figures (totals add up, …) before it is written."""
    from .content.source import Source, compose

    check = Report()
    node = compose(Source(path, text.decode("utf-8")))
    read_figures(Reader(Source(path, text.decode("utf-8")), check, path.parent), node)
    if check.errors:
        for error in check.errors:
            report.error(error.location, error.message, error.hint)
        report.error(
            Location(path),
            _("the imported values do not fit together; nothing was written"),
            _("correct the sheet and import it again"),
        )
        raise BookletError(report)


@dataclass(frozen=True)
class LastImport:
    """What ``figures import --undo`` would put back, kept in the booklet's ``.booklet-undo/``."""

    before: bytes  # figures.yaml as it was before the import
    sheet: str  # the spreadsheet the import read
    current: bool  # figures.yaml is still what the import wrote: undoing it loses nothing


def last_import(booklet: Path) -> LastImport | None:
    """The last import that can be undone, or None; shared by the command line and the studio."""
    undo = Path(booklet) / UNDO_DIR
    saved, record_path = undo / FIGURES_FILE, undo / "import.json"
    if not saved.is_file() or not record_path.is_file():
        return None
    try:
        record = json.loads(record_path.read_text(encoding="utf-8"))
        written = record.get("figures_sha256") if isinstance(record, dict) else None
        now = hashlib.sha256((Path(booklet) / FIGURES_FILE).read_bytes()).hexdigest()
        return LastImport(saved.read_bytes(), str(record.get("sheet", "")), now == written)
    except (OSError, ValueError):
        return None


def undo_import(booklet: Path) -> Path:
    """Put figures.yaml back as it was before the last ``figures import``."""
    booklet = Path(booklet)
    figures_path = booklet / FIGURES_FILE
    undo = booklet / UNDO_DIR
    last = last_import(booklet)
    if last is None:
        raise BookletError.single(
            Location(figures_path),
            _("there is no import to undo for this booklet"),
            _("only the last 'booklet figures import' can be undone, once"),
        )
    if not last.current:
        raise BookletError.single(
            Location(figures_path),
            _("figures.yaml was changed after the import; undoing it would lose those changes"),
            _("correct the figures by hand, or import the sheet again"),
        )
    write_atomically({figures_path: last.before})
    (undo / FIGURES_FILE).unlink()
    (undo / "import.json").unlink()
    with contextlib.suppress(OSError):
        undo.rmdir()
    return figures_path


# -- export -----------------------------------------------------------------------------------


def export_figures(booklet: Path, target: Path) -> int:
    """A spreadsheet of the current figures, to be filled in for the next period: headers in the
    user's language, the value as a number (percentages as percent cells), the value as it will
    print, and a "güncel" column ticked for the figures that are not stale."""
    from .i18n import current

    figures = _figures(booklet, Report())
    headers = EXPORT_COLUMNS_TR if current() == "tr" else EXPORT_COLUMNS
    rows: list[list] = []
    for figure in figures.values():
        printed = FORMATTERS[figure.kind](figure.value).replace(NBSP, " ") if figure.value is not None else ""
        tick = "" if figure.stale or figure.value is None else "x"
        rows.append([figure.name, figure.value, figure.kind, figure.label, printed, tick])
    suffix = target.suffix.lower()
    if suffix == ".xlsx":
        data = _xlsx(headers, rows)
    elif suffix == ".csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(headers)
        writer.writerows([[r[0], "" if r[1] is None else number_text(r[1]), *r[2:]] for r in rows])
        data = ("\ufeff" + buffer.getvalue()).encode()  # BOM: spreadsheet programs then read UTF-8
    else:
        raise BookletError.single(Location(target), _("export to a .csv or .xlsx file"))
    write_atomically({target: data})
    return len(rows)


def _xlsx(headers: tuple[str, ...], rows: list[list]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "rakamlar"
    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for name, value, kind, label, printed, tick in rows:
        number = None if value is None else int(value) if value == value.to_integral_value() else float(value)
        if kind == "percent" and number is not None:
            number = float(Decimal(str(number)) / 100)
        sheet.append([name, number, kind, label, printed, tick])
        cell = sheet.cell(row=sheet.max_row, column=2)
        whole = value is None or value == value.to_integral_value()
        percent = "0%" if whole else "0.0#%"
        cell.number_format = {"percent": percent, "year": "0", "money": "#,##0", "count": "#,##0"}[kind]
    sheet.freeze_panes = "A2"
    for letter, width in zip("ABCDEF", (38, 16, 10, 60, 20, 9)):
        sheet.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()

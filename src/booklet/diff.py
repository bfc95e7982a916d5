"""What changed between two periods (or two provinces): a table of figures and the changes
a reviewer must look at before the booklet goes out."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from .content.figures import read_figures
from .content.load import BOOKLET_FILE, FIGURES_FILE, load_booklet, paragraphs_of
from .content.model import Booklet, Figure
from .content.reader import Reader
from .content.source import load
from .diagnostics import BookletError, Report
from .i18n import _, decimal
from .turkish import FORMATTERS, NBSP, format_decimal_plain

# Words that make a figure a running total, which must not go down from one period to the next.
CUMULATIVE_RE = re.compile(r"itibaren|bu yana|bugüne kadar|yılları arasında", re.IGNORECASE)


@dataclass(frozen=True)
class Row:
    name: str
    old: Figure | None
    new: Figure | None
    flags: tuple[str, ...]

    @property
    def change(self) -> Decimal | None:
        if self.old is None or self.new is None or self.old.value is None or self.new.value is None:
            return None
        return self.new.value - self.old.value

    @property
    def percent(self) -> Decimal | None:
        if self.change is None or not self.old.value:
            return None
        return self.change / self.old.value * 100


def cumulative_figures(booklet: Booklet) -> set[str]:
    """Figures whose sentence says they add up over the years ("2013 yılından itibaren …")."""
    found = set()
    for _section, paragraph in paragraphs_of(booklet):
        if CUMULATIVE_RE.search(paragraph.text.value):
            found |= {run.figure for run in paragraph.runs if run.figure}
    for name, figure in booklet.figures.items():
        if figure.cumulative is not None:
            (found.add if figure.cumulative else found.discard)(name)
    return found


@dataclass(frozen=True)
class Side:
    edition: str
    figures: dict[str, Figure]
    cumulative: set[str]


def read_side(folder: Path) -> Side:
    """A booklet's figures; if the booklet as a whole does not load (a figure renamed but the
    prose not yet), its figures file alone still can be compared."""
    try:
        booklet = load_booklet(folder, Report())
        return Side(booklet.meta.edition.value, booklet.figures, cumulative_figures(booklet))
    except BookletError as exc:
        report = Report()
        source, node = load(Path(folder) / FIGURES_FILE)
        figures = read_figures(Reader(source, report, Path(folder)), node)
        if report.errors:
            raise BookletError(report) from exc
        try:  # read as every content file is: bounded, and only if it is a regular file
            _meta_source, meta = load(Path(folder) / BOOKLET_FILE)
        except BookletError:
            meta = None
        editions = [v.value for k, v in getattr(meta, "value", []) if getattr(k, "value", None) == "edition"]
        edition = str(editions[0]) if editions and isinstance(editions[0], str) else Path(folder).name
        return Side(edition, figures, {name for name, f in figures.items() if f.cumulative})


def compare(old_dir: Path, new_dir: Path, threshold: float = 50.0) -> tuple[list[Row], Side, Side]:
    old, new = read_side(old_dir), read_side(new_dir)
    cumulative = old.cumulative | new.cumulative
    rows = []
    for name in list(old.figures) + [n for n in new.figures if n not in old.figures]:
        before, after = old.figures.get(name), new.figures.get(name)
        flags = []
        if before is None:
            flags.append(_("added"))
        elif after is None:
            flags.append(_("removed"))
        elif before.value is None or after.value is None:
            if after.value is None:
                flags.append(_("no value yet"))
        else:
            if after.value < before.value and name in cumulative:
                flags.append(_("cumulative figure went down"))
            if before.value and abs(after.value - before.value) / before.value * 100 > Decimal(str(threshold)):
                flags.append(_("changed by more than {threshold} %").format(threshold=decimal(threshold)))
            elif not before.value and after.value:
                flags.append(_("was zero"))
            if after.stale:
                flags.append(_("not yet updated"))
        rows.append(Row(name, before, after, tuple(flags)))
    return rows, old, new


def worth_a_look(row: Row) -> bool:
    """A row the reviewer must see: its value changed, it is new or gone, or it is flagged."""
    return (
        bool(row.flags)
        or bool(row.change)
        or row.old is None
        or row.new is None
        or ((row.old.value is None) != (row.new.value is None))
    )


def _shown(figure: Figure | None) -> str:
    if figure is None or figure.value is None:
        return "—"
    return FORMATTERS[figure.kind](figure.value).replace(NBSP, " ")


def table(rows: list[Row], old: Side, new: Side) -> list[str]:
    """The rows as aligned text lines, flagged rows marked with '!'."""
    return change_table(
        rows,
        _("old ({edition})").format(edition=old.edition),
        _("new ({edition})").format(edition=new.edition),
    )


def change_table(rows: list[Row], old_title: str, new_title: str) -> list[str]:
    """Rows of figures (old, new, change, %) as aligned text lines, flagged rows marked '!'."""
    head = ("", _("figure"), old_title, new_title, _("change"), "%")
    body = []
    for row in rows:
        change = "" if row.change is None else ("+" if row.change > 0 else "") + format_decimal_plain(row.change)
        percent = (
            ""
            if row.percent is None
            else f"{'+' if row.percent > 0 else ''}{format_decimal_plain(round(row.percent, 1))}"
        )
        body.append(("!" if row.flags else "", row.name, _shown(row.old), _shown(row.new), change, percent))
    widths = [max(len(r[i]) for r in [head, *body]) for i in range(len(head))]
    lines = []
    for cells in [head, *body]:
        left = [cells[i].ljust(widths[i]) for i in (0, 1)]
        right = [cells[i].rjust(widths[i]) for i in range(2, len(cells))]
        lines.append("  ".join(left + right).rstrip())
    return lines


def flag_lines(rows: list[Row]) -> list[str]:
    return [f"! {row.name}: {flag} ({_shown(row.old)} → {_shown(row.new)})" for row in rows for flag in row.flags]

"""Read-only views: the icon gallery and the diff between two periods.

The diff is ``booklet diff``'s own comparison; the studio only orders it (flagged rows
first) and draws each change as a bar.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from babel.numbers import format_decimal

from ..assets import asset_folders, icon_path
from ..content.load import load_booklet
from ..diagnostics import BookletError, Report
from ..diff import Row, Side, compare
from ..i18n import _
from ..turkish import LOCALE, sort_key
from .figures import previous_period, printed_form
from .workspace import Workspace

ICON_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
BAR_LIMIT = Decimal(100)  # bars are drawn to ±100 %; larger changes are capped and labelled


@dataclass(frozen=True)
class Icon:
    name: str
    origin: str  # booklet | prose | shipped
    used_in: tuple[str, ...]


def _roots(booklet: Path) -> tuple[Path, ...]:
    try:
        return load_booklet(booklet, Report()).asset_roots
    except BookletError:
        return (booklet,)


def _uses(booklet: Path) -> dict[str, list[str]]:
    """Where each icon is used: section titles and subsection titles."""
    uses: dict[str, list[str]] = {}
    try:
        loaded = load_booklet(booklet, Report())
    except BookletError:
        return uses
    for section in loaded.sections:
        if section.icon is not None:
            uses.setdefault(section.icon.value, []).append(section.title.text.value)
        for block in section.blocks:
            icon = getattr(block, "icon", None)
            if icon is not None and hasattr(block, "title"):
                uses.setdefault(icon.value, []).append(block.title.text.value)
    return uses


def icon_gallery(workspace: Workspace, booklet: Path) -> list[Icon]:
    """Every icon the booklet can use: its own, its prose's, then the shipped ones."""
    roots = _roots(booklet)
    origins = [(root / "icons", "booklet" if root == booklet else "prose") for root in roots]
    origins += [(folder, "shipped") for folder in asset_folders("icons", booklet)]
    uses = _uses(booklet)
    seen: dict[str, Icon] = {}
    for folder, origin in origins:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.svg")):
            if ICON_NAME.match(path.stem) and path.stem not in seen:
                seen[path.stem] = Icon(path.stem, origin, tuple(uses.get(path.stem, ())))
    return sorted(seen.values(), key=lambda icon: sort_key(icon.name))


def icon_file(workspace: Workspace, booklet: Path, name: str) -> Path | None:
    if not ICON_NAME.match(name):
        return None
    path = icon_path(name, _roots(booklet))
    if path is None:
        return None
    resolved = path.resolve()
    allowed = [workspace.root, *(folder.resolve() for folder in asset_folders("icons", booklet))]
    return resolved if any(resolved.is_relative_to(a) for a in allowed) else None


@dataclass(frozen=True)
class DiffRow:
    name: str
    label: str
    old: str
    new: str
    change: str
    percent: str
    flags: tuple[str, ...]
    bar: float  # -1 … 1: the change as a share of ±100 %
    capped: bool


@dataclass(frozen=True)
class DiffView:
    old_name: str | None
    old: Side | None
    new: Side | None
    rows: list[DiffRow]
    problems: list

    @property
    def flagged(self) -> int:
        return sum(1 for r in self.rows if r.flags)


def _signed(value: Decimal) -> str:
    return ("+" if value > 0 else "") + format_decimal(value, locale=LOCALE)


def _row(row: Row) -> DiffRow:
    figure = row.new or row.old
    percent = row.percent
    bar = 0.0
    capped = False
    if percent is not None:
        capped = abs(percent) > BAR_LIMIT
        bar = float(max(-BAR_LIMIT, min(BAR_LIMIT, percent)) / BAR_LIMIT)
    return DiffRow(
        row.name,
        figure.label if figure else "",
        printed_form(row.old.value, row.old.kind) if row.old else "—",
        printed_form(row.new.value, row.new.kind) if row.new else "—",  # "—" also for a value to come
        _signed(row.change) if row.change else "",
        _signed(round(percent, 1)) if percent is not None and row.change else "",
        row.flags,
        bar,
        capped,
    )


def period_diff(workspace: Workspace, name: str, old_name: str | None) -> DiffView:
    """This booklet against ``old_name`` (default: the period before it), flagged rows first."""
    booklet = workspace.booklet(name)
    old = workspace.booklet(old_name) if old_name else previous_period(booklet)
    if old is None:
        return DiffView(None, None, None, [], [])
    try:
        rows, old_side, new_side = compare(old, booklet)
    except BookletError as exc:
        return DiffView(workspace.name_of(old), None, None, [], workspace.problems(exc.report))
    view = [_row(r) for r in rows]
    stale_only = (_("not yet updated"),)
    # stable sort: what a reviewer must look at, then figures only not yet updated, then the rest
    view.sort(key=lambda r: 2 if not r.flags else 1 if r.flags == stale_only else 0)
    return DiffView(workspace.name_of(old), old_side, new_side, view, [])

"""Reporting periods: a new period from the last one, and edits of the figures file.

Edits are surgical: the YAML is composed with source positions and only the characters of
the changed values are replaced, so an editor's comments, order and layout survive every
import and every new period.
"""

from __future__ import annotations

import datetime
import re
import shutil
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import yaml

from .content import source as yaml_source
from .content.load import BOOKLET_FILE, FIGURES_FILE
from .diagnostics import BookletError, Location
from .i18n import _
from .pdf.output import write_atomically

PERIOD_RE = re.compile(r"^\d{4}-\d{1,2}$")


@dataclass(frozen=True)
class _Edit:
    start: int
    end: int
    text: str


def _apply(text: str, edits: list[_Edit]) -> str:
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[: edit.start] + edit.text + text[edit.end :]
    return text


def _mapping(node, path: Path) -> list[tuple[yaml.ScalarNode, yaml.Node]]:
    if not isinstance(node, yaml.MappingNode):
        raise BookletError.single(Location(path, 1, 1), _("{path} must be a mapping").format(path=path.name))
    return node.value


def number_text(value: Decimal) -> str:
    """A plain YAML number: 92783, 188.1 — never 1E+8."""
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def _value_edits(text: str, figure: yaml.MappingNode, new: str | None, stale: bool | None) -> list[_Edit]:
    """Edits of one figure's mapping: its value replaced, its ``stale`` flag set or removed."""
    edits = []
    entries = {k.value: (k, v) for k, v in figure.value}
    if new is not None and "value" in entries:
        node = entries["value"][1]
        edits.append(_Edit(node.start_mark.index, node.end_mark.index, new))
    if stale is True and "stale" not in entries:
        edits.append(_insert_key(text, figure, "stale: true"))
    elif stale is True and entries["stale"][1].value != "true":
        node = entries["stale"][1]
        edits.append(_Edit(node.start_mark.index, node.end_mark.index, "true"))
    elif stale is False and "stale" in entries:
        edits.append(_remove_key(text, figure, *entries["stale"]))
    return edits


def _insert_key(text: str, mapping: yaml.MappingNode, entry: str) -> _Edit:
    if mapping.flow_style:
        close = text.rindex("}", mapping.start_mark.index, mapping.end_mark.index)
        end = len(text[:close].rstrip())
        return _Edit(end, end, f", {entry}")
    last_key, last_value = mapping.value[-1]
    indent = " " * last_key.start_mark.column
    line_end = text.find("\n", last_value.end_mark.index)
    line_end = len(text) if line_end == -1 else line_end
    return _Edit(line_end, line_end, f"\n{indent}{entry}")


def _remove_key(text: str, mapping: yaml.MappingNode, key: yaml.Node, value: yaml.Node) -> _Edit:
    if mapping.flow_style:
        start = text.rindex(",", mapping.start_mark.index, key.start_mark.index)
        return _Edit(start, value.end_mark.index, "")
    line_start = text.rfind("\n", 0, key.start_mark.index)
    line_end = text.find("\n", value.end_mark.index)
    return _Edit(line_start, len(text) if line_end == -1 else line_end, "")


def update_figures(path: Path, values: dict[str, Decimal], mark_stale: bool | None = None) -> str:
    """The figures file with new values (their stale flags cleared) and, optionally, every
    other figure marked stale (``mark_stale=True``)."""
    source, root = yaml_source.load(path)
    edits: list[_Edit] = []
    for key, figure in _mapping(root, path):
        if not isinstance(figure, yaml.MappingNode):
            continue
        if key.value in values:
            edits += _value_edits(source.text, figure, number_text(values[key.value]), stale=False)
        elif mark_stale is not None:
            edits += _value_edits(source.text, figure, None, stale=mark_stale)
    return _apply(source.text, edits)


def _set_scalar(text: str, root: yaml.Node, path: Path, key: str, value: str) -> str:
    for k, v in _mapping(root, path):
        if k.value == key and isinstance(v, yaml.ScalarNode):
            return _apply(text, [_Edit(v.start_mark.index, v.end_mark.index, value)])
    raise BookletError.single(
        Location(path, 1, 1), _("{path} has no '{key}' to update").format(path=path.name, key=key)
    )


def new_period(booklet: Path, period: str, month: str, target: Path | None = None) -> Path:
    """Copy a booklet to the next period: same prose and overrides, every figure carried
    over and marked stale, the new edition and date set."""
    booklet = Path(booklet)
    if not PERIOD_RE.match(period):
        raise BookletError.single(
            Location(booklet), _("period '{period}' should look like 2025-1").format(period=period)
        )
    try:
        date = datetime.date.fromisoformat(month + "-01")
    except ValueError:
        raise BookletError.single(
            Location(booklet), _("date '{month}' should be a month like 2025-05").format(month=month)
        ) from None
    target = Path(target) if target else booklet.parent / period
    if target.exists():
        raise BookletError.single(
            Location(target), _("the new period's folder already exists"), _("remove it or pick another --period")
        )
    meta_path = booklet / BOOKLET_FILE
    source, root = yaml_source.load(meta_path)
    text = _set_scalar(source.text, root, meta_path, "edition", period)
    root = yaml_source.compose(yaml_source.Source(meta_path, text))
    text = _set_scalar(text, root, meta_path, "date", f"{date.year}-{date.month:02d}")
    figures = update_figures(booklet / FIGURES_FILE, {}, mark_stale=True)

    staging = target.with_name(f".{target.name}.new")
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(booklet, staging, ignore=shutil.ignore_patterns("output", ".*"))
    try:
        write_atomically({staging / BOOKLET_FILE: text.encode(), staging / FIGURES_FILE: figures.encode()})
        staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target

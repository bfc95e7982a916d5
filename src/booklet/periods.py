"""Reporting periods and provinces: a new period from the last one, a new province from the
shared prose, and surgical edits of the figures file.

Edits are surgical: the YAML is composed with source positions and only the characters of
the changed values are replaced, so an editor's comments, order and layout survive every
import and every new period. Comments that name the old period (its month, its edition) are
updated; comments that name another province are dropped.
"""

from __future__ import annotations

import contextlib
import datetime
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import yaml

from .content import source as yaml_source
from .content.load import BOOKLET_FILE, FIGURES_FILE
from .diagnostics import BookletError, Location
from .i18n import _
from .publish import SNAPSHOT_DIR
from .staging import copy_tree, staged_folder
from .turkish import format_month, lower

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


def number_text(value: Decimal | None) -> str:
    """A plain YAML number: 92783, 188.1 — never 1E+8; ``null`` for a value still to come."""
    if value is None:
        return "null"
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


def update_figures(
    path: Path,
    values: dict[str, Decimal | None],
    mark_stale: bool | None = None,
    confirmed: set[str] | frozenset[str] = frozenset(),
    current: dict[str, Decimal | None] | None = None,
) -> str:
    """The figures file with new values.

    A value that changes clears its ``stale`` flag; a value given again unchanged keeps the
    flag unless its name is in ``confirmed`` (the sheet's "güncel" tick), so a sheet sent back
    untouched updates nothing. ``mark_stale=True`` marks every figure not in ``values`` stale;
    ``current`` (the values now in the file) tells what changed.
    """
    source, root = yaml_source.load(path)
    edits: list[_Edit] = []
    for key, figure in _mapping(root, path):
        if not isinstance(figure, yaml.MappingNode):
            continue
        name = key.value
        if name in values:
            changed = current is None or current.get(name) != values[name]
            stale = False if changed or name in confirmed else None
            edits += _value_edits(source.text, figure, number_text(values[name]) if changed else None, stale)
        elif name in confirmed:
            edits += _value_edits(source.text, figure, None, stale=False)
        elif mark_stale is not None:
            edits += _value_edits(source.text, figure, None, stale=mark_stale)
    return _apply(source.text, edits)


def set_figures(
    path: Path,
    values: Mapping[str, Decimal | None] | None = None,
    stale: Mapping[str, bool] | None = None,
    text: str | None = None,
) -> str:
    """figures.yaml's text with the named figures' values replaced and their ``stale`` flags
    set (``True``) or removed (``False``); every other character — comments, order, flow or
    block style — stays as it was.

    For editors that change a few figures by hand (the studio's table): a value given here is
    written as it is, whether or not it changed, and its stale flag is left alone unless
    ``stale`` names it. ``text`` is the file's text when it is not (yet) on disk, a draft say;
    by default the file is read. A name that is not a figure of the file is a located error.
    """
    values, stale = dict(values or {}), dict(stale or {})
    source = yaml_source.Source(Path(path), text) if text is not None else yaml_source.load(path)[0]
    root = yaml_source.compose(source)
    figures = {k.value: v for k, v in _mapping(root, path) if isinstance(v, yaml.MappingNode)}
    unknown = [name for name in [*values, *stale] if name not in figures]
    if unknown:
        raise BookletError.single(Location(path, 1, 1), _("unknown figure '{name}'").format(name=unknown[0]))
    edits: list[_Edit] = []
    for name in dict.fromkeys([*values, *stale]):
        new = number_text(values[name]) if name in values else None
        edits += _value_edits(source.text, figures[name], new, stale.get(name))
    return _apply(source.text, edits)


def set_figure(
    path: Path, name: str, value: Decimal | None = None, stale: bool | None = None, text: str | None = None
) -> str:
    """:func:`set_figures` for one figure: its new ``value`` (``None`` keeps it) and ``stale`` flag."""
    return set_figures(path, {name: value} if value is not None else {}, {} if stale is None else {name: stale}, text)


def set_owner(text: str, path: Path, province: str, period: str) -> str:
    """figures.yaml with its ``province:`` and ``period:`` lines set (added at the top if missing)."""
    root = yaml_source.compose(yaml_source.Source(path, text))
    entries = {k.value: v for k, v in _mapping(root, path) if isinstance(v, yaml.ScalarNode)}
    edits = []
    missing = []
    for key, value in (("province", province), ("period", period)):
        if key in entries:
            node = entries[key]
            edits.append(_Edit(node.start_mark.index, node.end_mark.index, _yaml_text(value)))
        else:
            missing.append(f"{key}: {_yaml_text(value)}\n")
    if missing:
        at = _after_leading_comments(text)
        edits.append(_Edit(at, at, "".join(missing)))
    return _apply(text, edits)


def _yaml_text(value: str) -> str:
    """A plain scalar when YAML would read it back as the same text, else double-quoted."""
    plain = yaml.safe_load(value) if value.strip() == value else None
    if isinstance(plain, str) and plain == value and not re.search(r"[#:{}\[\],&*!|>'\"%@`]", value):
        return value
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _after_leading_comments(text: str) -> int:
    position = 0
    for line in text.splitlines(keepends=True):
        if not line.startswith("#"):
            break
        position += len(line)
    return position


def _set_scalar(text: str, path: Path, key: str, value: str, required: bool = True) -> str:
    root = yaml_source.compose(yaml_source.Source(path, text))
    for k, v in _mapping(root, path):
        if k.value == key and isinstance(v, yaml.ScalarNode):
            return _apply(text, [_Edit(v.start_mark.index, v.end_mark.index, value)])
    if not required:
        return text
    raise BookletError.single(
        Location(path, 1, 1), _("{path} has no '{key}' to update").format(path=path.name, key=key)
    )


def _scalar(text: str, path: Path, key: str) -> str | None:
    root = yaml_source.compose(yaml_source.Source(path, text))
    for k, v in _mapping(root, path):
        if k.value == key and isinstance(v, yaml.ScalarNode):
            return v.value
    return None


# -- comments --------------------------------------------------------------------------------


def _comments(text: str, path: Path) -> list[tuple[int, int]]:
    """(start, end) of every comment: a ``#`` outside any scalar, to the end of its line."""
    root = yaml_source.compose(yaml_source.Source(path, text))
    scalars = []
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            scalars.append((node.start_mark.index, node.end_mark.index))
        elif isinstance(node, yaml.MappingNode):
            stack += [n for pair in node.value for n in pair]
        elif isinstance(node, yaml.SequenceNode):
            stack += node.value
    found = []
    for match in re.finditer(r"(?m)(?:^|(?<=\s))#[^\n]*", text):
        start = match.start()
        if not any(a <= start < b for a, b in scalars):
            found.append((start, match.end()))
    return found


def _rewrite_comments(text: str, path: Path, replace: dict[str, str], drop: tuple[str, ...] = ()) -> str:
    """Comments mentioning an old period get the new one; comments naming ``drop`` are removed
    (a whole comment line with its line break, a trailing comment with the spaces before it)."""
    edits = []
    for start, end in _comments(text, path):
        comment = text[start:end]
        if comment.startswith("# yaml-language-server:"):
            continue
        if any(lower(word) in lower(comment) for word in drop if word):
            line_start = text.rfind("\n", 0, start) + 1
            if not text[line_start:start].strip():  # a comment line of its own
                edits.append(_Edit(line_start, end + 1 if text[end : end + 1] == "\n" else end, ""))
            else:
                edits.append(_Edit(len(text[:start].rstrip()), end, ""))
            continue
        new = comment
        for old, value in replace.items():
            if old and old != value:
                new = new.replace(old, value)
        if new != comment:
            edits.append(_Edit(start, end, new))
    return _apply(text, edits)


def _rebase_schema(text: str, old_dir: Path, new_dir: Path) -> str:
    """The ``$schema=`` path of the first line, still pointing at the same file from ``new_dir``."""

    def rebase(match: re.Match) -> str:
        target = (old_dir / match.group(1)).resolve()
        return match.group(0).replace(match.group(1), _relative(target, new_dir))

    return re.sub(r"(?m)^# yaml-language-server: \$schema=(\S+)", rebase, text, count=1)


def _relative(target: Path, start: Path) -> str:
    return Path(os.path.relpath(target, start.resolve())).as_posix()


def _month(month: str, where: Path) -> datetime.date:
    try:
        return datetime.date.fromisoformat(month + "-01")
    except ValueError:
        raise BookletError.single(
            Location(where), _("date '{month}' should be a month like 2025-05").format(month=month)
        ) from None


def _period(period: str, where: Path) -> str:
    if not PERIOD_RE.match(period):
        raise BookletError.single(Location(where), _("period '{period}' should look like 2025-1").format(period=period))
    return period


def _free(target: Path) -> None:
    if target.exists():
        raise BookletError.single(
            Location(target), _("the new folder already exists"), _("remove it or pick another --period or folder")
        )


def _read(path: Path) -> str:
    return yaml_source.load(path)[0].text


# -- new period ------------------------------------------------------------------------------


def new_period(booklet: Path, period: str, month: str, target: Path | None = None) -> Path:
    """Copy a booklet to the next period: same prose and overrides, every figure carried
    over and marked stale, the new edition and date set, paths and comments updated."""
    booklet = Path(booklet)
    _period(period, booklet)
    date = _month(month, booklet)
    target = Path(target) if target else booklet.parent / period
    _free(target)
    meta_path = booklet / BOOKLET_FILE
    text = _read(meta_path)
    old_edition = _scalar(text, meta_path, "edition") or ""
    old_date = _scalar(text, meta_path, "date") or ""
    province = _scalar(text, meta_path, "province") or ""
    replace = {old_edition: period, old_date: f"{date.year}-{date.month:02d}"}
    with contextlib.suppress(BookletError):
        replace[format_month(_month(old_date[:7], meta_path))] = format_month(date)
    text = _set_scalar(text, meta_path, "edition", period)
    text = _set_scalar(text, meta_path, "date", f"{date.year}-{date.month:02d}")
    old_prose = _scalar(text, meta_path, "prose")
    text = _rebase_prose(text, meta_path, booklet, target)
    if old_prose:  # a comment naming the prose folder names it from the new place too
        replace[old_prose] = _scalar(text, meta_path, "prose") or old_prose
    text = _rewrite_comments(_rebase_schema(text, booklet, target), meta_path, replace)
    figures_path = booklet / FIGURES_FILE
    figures = update_figures(figures_path, {}, mark_stale=True)
    figures = set_owner(figures, figures_path, province, period)
    figures = _rewrite_comments(_rebase_schema(figures, booklet, target), figures_path, replace)

    with staged_folder(target) as staging:
        copy_tree(booklet, staging, skip=(SNAPSHOT_DIR,))
        (staging / BOOKLET_FILE).write_text(text, encoding="utf-8")
        (staging / FIGURES_FILE).write_text(figures, encoding="utf-8")
    return target


def _rebase_prose(text: str, meta_path: Path, old_dir: Path, new_dir: Path) -> str:
    """``prose: ../../prose`` still names the same folder from the new location."""
    prose = _scalar(text, meta_path, "prose")
    if prose is None:
        return text
    rebased = _relative((old_dir / prose).resolve(), new_dir)
    return _set_scalar(text, meta_path, "prose", _yaml_text(rebased)) if rebased != prose else text


# -- new province ----------------------------------------------------------------------------


def new_province(
    target: Path, province: str, month: str, period: str | None = None, model: Path | None = None
) -> tuple[Path, Path, int]:
    """Start a province from the shared prose: a booklet.yaml and a figures.yaml with every
    figure of ``model`` (default: the newest booklet next to it) present and empty.

    Returns the new folder, the booklet the figure list came from and the number of figures.
    """
    target = Path(target)
    period = _period(period or target.name, target)
    date = _month(month, target)
    if not province.strip():
        raise BookletError.single(Location(target), _("the province name is empty"))
    _free(target)
    model = Path(model) if model else _model_booklet(target)
    meta_path = model / BOOKLET_FILE
    if not meta_path.is_file():
        raise BookletError.single(Location(meta_path), _("no booklet.yaml in the folder given with --from"))
    meta = _read(meta_path)
    prose = _scalar(meta, meta_path, "prose")
    if prose is None:
        raise BookletError.single(
            Location(meta_path),
            _("{model} has no shared prose to start a province from").format(model=model),
            _("give with --from a booklet whose booklet.yaml has a 'prose:' line"),
        )
    old_province = _scalar(meta, meta_path, "province") or ""
    prose_dir = (model / prose).resolve()
    schema_line = meta.splitlines()[0] if meta.startswith("# yaml-language-server:") else ""
    text = (
        (schema_line + "\n" if schema_line else "")
        # content files speak to Turkish editors whatever the language of the messages
        + f"# {province} ili, {period} dönemi. Metin ortaktır ({_relative(prose_dir, target)}); "
        + "rakamlar figures.yaml'dadır.\n"
        + f"province: {_yaml_text(province)}\n"
        + f"date: {date.year}-{date.month:02d}\n"
        + f"edition: {_yaml_text(period)}\n"
        + f"prose: {_yaml_text(_relative(prose_dir, target))}\n"
    )
    text = _rebase_schema(text, model, target)
    figures_path = model / FIGURES_FILE
    names = _figure_names(figures_path)
    figures = update_figures(figures_path, dict.fromkeys(names), mark_stale=False)
    figures = set_owner(figures, figures_path, province, period)
    old_period = _scalar(meta, meta_path, "edition") or ""
    figures = _rewrite_comments(
        _rebase_schema(figures, model, target), figures_path, {old_period: period}, drop=(old_province,)
    )
    with staged_folder(target) as staging:
        (staging / BOOKLET_FILE).write_text(text, encoding="utf-8")
        (staging / FIGURES_FILE).write_text(figures, encoding="utf-8")
    return target, model, len(names)


def _figure_names(path: Path) -> list[str]:
    source, root = yaml_source.load(path)
    return [k.value for k, v in _mapping(root, path) if isinstance(v, yaml.MappingNode)]


def _model_booklet(target: Path) -> Path:
    """The booklet a new province copies its list of figures from: the newest one that shares
    prose, looked for in the content folder above the new one."""
    from .batch import booklets_under

    content = target.parent.parent if target.parent.parent != target.parent else target.parent
    candidates = []
    for booklet in booklets_under(content) if content.is_dir() else []:
        try:
            text = _read(booklet / BOOKLET_FILE)
            if _scalar(text, booklet / BOOKLET_FILE, "prose") and (booklet / FIGURES_FILE).is_file():
                candidates.append((_scalar(text, booklet / BOOKLET_FILE, "date") or "", str(booklet), booklet))
        except BookletError:
            continue
    if not candidates:
        raise BookletError.single(
            Location(target),
            _("no booklet under {content} to take the list of figures from").format(content=content),
            _("give one with --from, e.g. --from content/elazig/2024-2"),
        )
    return max(candidates)[2]

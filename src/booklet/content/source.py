"""Reading YAML files into nodes that remember where each value came from.

Everything a user types is checked later against the schema; to point at the exact
line and column, the composed node tree (not plain dicts) is kept. Loading is safe:
only the core YAML types, no anchors or aliases (so no alias bombs), bounded file size
and nesting depth.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from ..diagnostics import BookletError, Location, Report, quote
from ..i18n import _
from ..inputs import InputProblem, read_input
from ..lru import LRU
from . import characters

try:  # libyaml is much faster; fall back to the pure-Python parser where it is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader

MAX_FILE_BYTES = 2_000_000
MAX_DEPTH = 32
PLAIN_TAGS = {
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
}


@dataclass(frozen=True)
class Source:
    """A content file's text, kept so that positions inside scalars can be resolved."""

    path: Path
    text: str

    def location(self, mark: yaml.Mark) -> Location:
        return Location(self.path, mark.line + 1, mark.column + 1)


@dataclass(frozen=True)
class Text:
    """A string from a content file that can say where any of its characters came from."""

    value: str
    source: Source | None = None
    node: yaml.ScalarNode | None = None
    start: int = 0  # offset of ``value`` inside the scalar, for paragraphs cut from a block

    @property
    def location(self) -> Location:
        if self.source is None or self.node is None:
            return Location(Path("<built-in>"))
        if self.start:
            return self.locate(0)
        return self.source.location(self.node.start_mark)

    def slice(self, start: int, end: int) -> Text:
        return Text(self.value[start:end], self.source, self.node, self.start + start)

    def locate(self, offset: int) -> Location:
        """Where the character at ``offset`` of the value stands in the file."""
        node, source = self.node, self.source
        if node is None or source is None:
            return self.location
        start = node.start_mark
        offset += self.start
        line_in_value, col_in_line = characters.line_and_column(node.value, offset)
        if node.style == "|":
            first = start.line + 1
            indent = _block_indent(source.text, first)
            return Location(source.path, first + line_in_value + 1, indent + col_in_line + 1)
        if node.start_mark.line == node.end_mark.line:
            quote = 1 if node.style in ("'", '"') else 0
            return Location(source.path, start.line + 1, start.column + quote + offset + 1)
        return _search(source, node, node.value, offset) or source.location(start)

    def __str__(self) -> str:
        return self.value


@lru_cache(maxsize=16)
def _lines(text: str) -> list[str]:
    return text.splitlines()


@lru_cache(maxsize=256)
def _block_indent(text: str, first: int) -> int:
    """The indentation of a block scalar whose text starts on line ``first`` (found once)."""
    return _indent_of(_lines(text), first)


def _indent_of(lines: list[str], first: int) -> int:
    for index in range(first, len(lines)):
        line = lines[index]
        if line.strip():
            return len(line) - len(line.lstrip(" "))
    return 0


def _search(source: Source, node: yaml.ScalarNode, value: str, offset: int) -> Location | None:
    """Find a folded scalar's character by the word around it in the raw source."""
    lo = value.rfind(" ", 0, offset) + 1
    hi = value.find(" ", offset)
    word = value[lo : hi if hi != -1 else len(value)]
    raw = source.text[node.start_mark.index : node.end_mark.index]
    at = raw.find(word) if word else -1
    if at == -1:
        return None
    absolute = node.start_mark.index + at + (offset - lo)
    return characters.location(source.path, source.text, absolute)


def read_bytes(path: Path, shown_as: Path | None = None) -> bytes:
    """A content file's bytes, only from a regular file within :data:`MAX_FILE_BYTES`
    (checked before reading): a pipe, a device or a huge file is a located error."""
    try:
        return read_input(path, MAX_FILE_BYTES)
    except InputProblem as problem:
        raise BookletError.single(Location(shown_as or path), problem.message, problem.hint) from None


def read_source(path: Path, shown_as: Path | None = None) -> Source:
    """Read a content file as UTF-8, refusing what cannot be a hand-written content file:
    anything but a regular file (a pipe, a device, a folder), a file over the size limit
    (checked before reading), bytes that are not UTF-8."""
    shown = shown_as or path
    raw = read_bytes(path, shown)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = len(raw[raw.rfind(b"\n", 0, exc.start) + 1 : exc.start].decode("utf-8", "replace")) + 1
        raise BookletError.single(
            Location(shown, line, column),
            _("file is not valid UTF-8 text"),
            _("save the file with UTF-8 encoding in your editor"),
        ) from None
    return Source(shown, text)


def _check_depth(source: Source) -> None:
    """Refuse deep nesting before composing: libyaml's composer recurses in C and would crash."""
    depth = 0
    openers = (
        yaml.FlowSequenceStartToken,
        yaml.FlowMappingStartToken,
        yaml.BlockSequenceStartToken,
        yaml.BlockMappingStartToken,
        yaml.BlockEntryToken,
    )
    closers = (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken, yaml.BlockEndToken)
    try:
        for token in yaml.scan(source.text, Loader=_Loader):
            if isinstance(token, openers) and not isinstance(token, yaml.BlockEntryToken):
                depth += 1
                if depth > MAX_DEPTH:
                    raise BookletError.single(
                        source.location(token.start_mark),
                        _("nesting is deeper than {max_depth} levels").format(max_depth=MAX_DEPTH),
                        _("content files nest a few levels at most; check for stray brackets"),
                    )
            elif isinstance(token, closers):
                depth -= 1
    except yaml.YAMLError:
        return  # the parser reports syntax errors with their position


def compose(source: Source, report: Report | None = None) -> yaml.Node | None:
    """Parse YAML into a node tree, turning every parser complaint into a located error.

    Invisible characters are looked for first, in the raw text, because the parser would
    misplace or misname them; a no-break space inside a text value is only a warning,
    added to ``report``.
    """
    oddities = characters.find(source.text)
    hard = [o for o in oddities if not o.soft]
    if hard:
        _raise_characters(source, hard)
    _check_depth(source)
    try:
        node = _parse(source.text)
    except yaml.YAMLError as exc:
        blamed = _structural(source, oddities, exc) if oddities else []
        if blamed:
            _raise_characters(source, blamed)
        raise _syntax_error(source, exc) from None
    except RecursionError:
        raise BookletError.single(
            Location(source.path), _("nesting is too deep"), _("content files nest a few levels at most")
        ) from None
    if node is not None:
        _check_tree(source, node)
    if oddities:
        structural = _structural(source, oddities, None, node)
        if structural:
            _raise_characters(source, structural)
        if report is not None:
            for oddity in oddities:
                message, hint = characters.message(oddity, in_text=True)
                report.warning(characters.location(source.path, source.text, oddity.index), message, hint)
    return node


def _parse(text: str) -> yaml.Node | None:
    loader = _Loader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def _raise_characters(source: Source, oddities: list[characters.Oddity]) -> None:
    report = Report()
    for oddity in oddities:
        message, hint = characters.message(oddity, in_text=False)
        report.error(characters.location(source.path, source.text, oddity.index), message, hint)
    raise BookletError(report)


def _structural(
    source: Source, oddities: list[characters.Oddity], exc: yaml.YAMLError | None, node: yaml.Node | None = None
) -> list[characters.Oddity]:
    """The space-like characters that stand where YAML needs a real space: outside every value.

    When the file does not parse, each one is replaced by what it looks like (a space; a
    letter for a soft hyphen, which keeps the offsets) and the text parsed again.
    """
    if exc is not None:
        node = None
        for soft_hyphen in ("x", " "):  # a letter inside a word; a space after a key's ':'
            chars = list(source.text)
            for oddity in oddities:
                chars[oddity.index] = " " if oddity.char != "\u00ad" else soft_hyphen
            try:
                node = _parse("".join(chars))
                break
            except yaml.YAMLError:
                continue
        if node is None:  # broken anyway: blame those on the line where the parser stopped (or the one before)
            mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
            lines = {mark.line, mark.line - 1} if mark is not None else set()
            return [o for o in oddities if characters.line_and_column(source.text, o.index)[0] in lines]
    spans = sorted(_value_spans(node)) if node is not None else []
    return [o for o in oddities if not _inside(spans, o.index)]


def _inside(spans: list[tuple[int, int]], index: int) -> bool:
    """Whether ``index`` falls in one of the (sorted, non-overlapping) value spans."""
    at = bisect.bisect_right(spans, (index, float("inf"))) - 1
    return at >= 0 and spans[at][0] <= index < spans[at][1]


def _value_spans(root: yaml.Node) -> list[tuple[int, int]]:
    """Where the text values are: the scalars that are not mapping keys."""
    spans, stack = [], [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if not isinstance(key, yaml.ScalarNode):
                    stack.append(key)
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.ScalarNode):
            spans.append((node.start_mark.index, node.end_mark.index))
    return spans


def _syntax_error(source: Source, exc: yaml.YAMLError) -> BookletError:
    from .syntax import explain

    if isinstance(exc, yaml.MarkedYAMLError):
        location, message, hint = explain(source, exc)
    else:  # a reader error: a character the parser refuses (characters.find knows most of them)
        character = getattr(exc, "character", "")
        known = isinstance(character, str) and len(character) == 1
        index = source.text.find(character) if known else -1
        location = characters.location(source.path, source.text, index) if index >= 0 else Location(source.path)
        message = _("a character YAML does not allow ({code})").format(code=f"U+{ord(character):04X}" if known else "?")
        hint = _(
            "delete it; it is invisible in most editors, so delete the character before and after it and retype them"
        )
    return BookletError.single(location, _("YAML syntax error: {message}").format(message=message), hint)


def _check_tree(source: Source, root: yaml.Node) -> None:
    """Reject aliases, over-deep nesting and duplicate keys (PyYAML silently keeps the last)."""
    report = Report()
    stack: list[tuple[yaml.Node, int]] = [(root, 0)]
    seen: set[int] = set()
    while stack:
        node, depth = stack.pop()
        if id(node) in seen:
            report.error(
                source.location(node.start_mark),
                _("anchors and aliases (&name, *name) are not supported in content files"),
                _("write the value out in full"),
            )
            continue
        seen.add(id(node))
        if node.tag not in PLAIN_TAGS:
            report.error(
                source.location(node.start_mark),
                _("YAML tag '{tag}' is not allowed in content files").format(tag=node.tag),
                _("remove the '!…' tag; content files hold plain text, numbers, lists and mappings"),
            )
            continue
        if depth > MAX_DEPTH:
            report.error(source.location(node.start_mark), _("nesting is too deep"))
            break
        if isinstance(node, yaml.MappingNode):
            keys: dict[str, yaml.Node] = {}
            for key, value in node.value:
                name = key.value if isinstance(key, yaml.ScalarNode) else None
                if name is not None and name in keys:
                    first = source.location(keys[name].start_mark)
                    report.error(
                        source.location(key.start_mark),
                        _("duplicate key '{name}' (first given on line {line})").format(
                            name=quote(name), line=first.line
                        ),
                        _("keep one of them; the second would silently replace the first"),
                    )
                elif name is not None:
                    keys[name] = key
                stack.append((value, depth + 1))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, depth + 1) for item in node.value)
    report.raise_if_errors()


YAML_FILES = 64  # parsed content files kept: the shared prose and a few dozen booklets' own files
# Bounded: kept unbounded, a batch worker grew by each province's files (≈ 85 KiB of nodes a
# file); the shared prose, read by every build, stays among the most recently used.
_parsed: LRU[tuple[tuple[int, int, int], Source, yaml.Node | None, Report]] = LRU(YAML_FILES)


def load(path: Path, shown_as: Path | None = None, report: Report | None = None) -> tuple[Source, yaml.Node | None]:
    """Read and compose a file; an unchanged file is parsed once per process (a batch of 81
    provinces reads the same shared prose 81 times). Nodes are never modified after composing.
    The file's warnings (invisible characters inside texts) go to ``report`` every time."""
    try:
        stat = path.stat()
        stamp = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
    except OSError:
        stamp = None
    key = (path, shown_as)
    cached = _parsed.get(key)
    if stamp is None or cached is None or cached[0] != stamp:
        source = read_source(path, shown_as)
        own = Report()
        node = compose(source, own)
        cached = (stamp, source, node, own)
        if stamp is not None:
            _parsed.put(key, cached)
    _stamp, source, node, warnings = cached
    if report is not None:
        report.merge(warnings)
    return source, node

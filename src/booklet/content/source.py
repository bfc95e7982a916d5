"""Reading YAML files into nodes that remember where each value came from.

Everything a user types is checked later against the schema; to point at the exact
line and column, the composed node tree (not plain dicts) is kept. Loading is safe:
only the core YAML types, no anchors or aliases (so no alias bombs), bounded file size
and nesting depth.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from ..diagnostics import BookletError, Location
from ..i18n import _

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
        before = node.value[:offset]
        line_in_value = before.count("\n")
        col_in_line = offset - (before.rfind("\n") + 1)
        if node.style == "|":
            lines = source.text.splitlines()
            first = start.line + 1
            indent = _indent_of(lines, first)
            return Location(source.path, first + line_in_value + 1, indent + col_in_line + 1)
        if node.start_mark.line == node.end_mark.line:
            quote = 1 if node.style in ("'", '"') else 0
            return Location(source.path, start.line + 1, start.column + quote + offset + 1)
        return _search(source, node, node.value, offset) or source.location(start)

    def __str__(self) -> str:
        return self.value


def _indent_of(lines: list[str], first: int) -> int:
    for line in lines[first:]:
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
    line = source.text.count("\n", 0, absolute)
    col = absolute - (source.text.rfind("\n", 0, absolute) + 1)
    return Location(source.path, line + 1, col + 1)


def read_source(path: Path, shown_as: Path | None = None) -> Source:
    """Read a content file as UTF-8, refusing what cannot be a hand-written content file."""
    shown = shown_as or path
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise BookletError.single(
            Location(shown), _("file not found"), _("check the file name and where it is listed")
        ) from None
    except OSError as exc:
        raise BookletError.single(
            Location(shown), _("cannot read file: {strerror}").format(strerror=exc.strerror)
        ) from None
    if size > MAX_FILE_BYTES:
        raise BookletError.single(
            Location(shown),
            _("file is {size:,} bytes; content files are limited to {max_file_bytes:,}").format(
                size=size, max_file_bytes=MAX_FILE_BYTES
            ),
            _("split the content into several files or remove pasted binary data"),
        )
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise BookletError.single(
            Location(shown), _("cannot read file: {strerror}").format(strerror=exc.strerror)
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise BookletError.single(
            Location(shown, line, 1),
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


def compose(source: Source) -> yaml.Node | None:
    """Parse YAML into a node tree, turning every parser complaint into a located error."""
    _check_depth(source)
    loader = _Loader(source.text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        location = source.location(mark) if mark else Location(source.path)
        message = (exc.problem or "invalid YAML").strip()
        if mark is not None and source.text[mark.index : mark.index + 1] == "\t":
            message = _("a tab character cannot indent or start a value")
        if exc.context and exc.context_mark and mark and exc.context_mark.line != mark.line:
            message += f" ({exc.context.strip()} that starts on line {exc.context_mark.line + 1})"
        raise BookletError.single(
            location, _("YAML syntax error: {message}").format(message=message), _syntax_hint(source, mark, message)
        ) from None
    except yaml.YAMLError as exc:
        raise BookletError.single(Location(source.path), _("YAML error: {exc}").format(exc=exc)) from None
    except RecursionError:
        raise BookletError.single(
            Location(source.path), _("nesting is too deep"), _("content files nest a few levels at most")
        ) from None
    finally:
        loader.dispose()
    if node is not None:
        _check_tree(source, node)
    return node


def _syntax_hint(source: Source, mark: yaml.Mark | None, message: str) -> str:
    if mark is not None:
        lines = source.text.splitlines()
        if mark.line < len(lines) and "\t" in lines[mark.line]:
            return _("replace the tab characters with spaces; YAML indents with spaces only")
    if "mapping values are not allowed" in message:
        return _("a value containing ': ' must be put in quotes")
    return _("check the indentation and quotes on this line and the one before")


def _check_tree(source: Source, root: yaml.Node) -> None:
    """Reject aliases, over-deep nesting and duplicate keys (PyYAML silently keeps the last)."""
    from ..diagnostics import Report

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
                        _("duplicate key '{name}' (first given on line {line})").format(name=name, line=first.line),
                        _("keep one of them; the second would silently replace the first"),
                    )
                elif name is not None:
                    keys[name] = key
                stack.append((value, depth + 1))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, depth + 1) for item in node.value)
    report.raise_if_errors()


_parsed: dict[tuple[Path, Path | None], tuple[tuple[int, int], Source, yaml.Node | None]] = {}


def load(path: Path, shown_as: Path | None = None) -> tuple[Source, yaml.Node | None]:
    """Read and compose a file; an unchanged file is parsed once per process (a batch of 81
    provinces reads the same shared prose 81 times). Nodes are never modified after composing."""
    try:
        stat = path.stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
    except OSError:
        stamp = None
    key = (path, shown_as)
    cached = _parsed.get(key)
    if stamp is not None and cached is not None and cached[0] == stamp:
        return cached[1], cached[2]
    source = read_source(path, shown_as)
    node = compose(source)
    if stamp is not None:
        _parsed[key] = (stamp, source, node)
    return source, node

"""YAML syntax errors in an editor's words, at the place the editor has to change.

PyYAML (libyaml or its pure-Python twin, whose wording differs) says what its parser
expected ("did not find expected key", "mapping values are not allowed in this
context") and where it gave up, which is often a line after the mistake. Each of its
problems is recognised here by its kind, the text around the mark is looked at, and the
error is told as what the editor typed wrong — an unclosed quote where it opens, a value
with ': ' at that colon, a key indented differently from its neighbours — with a hint
that says how to fix it. Nothing of the parser's wording reaches the user.
"""

from __future__ import annotations

import re

import yaml

from ..diagnostics import Location, number, quote
from ..i18n import N_, _
from . import characters
from .source import Source

Explained = tuple[Location, str, str]  # where, message, hint

KEY_RE = re.compile(r"""^(\s*)(?:-\s+)?([^\s#'"][^:#]*?|"[^"]*"|'[^']*'):(?:\s|$)""")
TAB_MESSAGE = N_("a tab character cannot indent or start a value")


def explain(source: Source, exc: yaml.MarkedYAMLError) -> Explained:
    """Our message for one parser complaint."""
    problem = (exc.problem or "").lower()
    context = (exc.context or "").lower()
    mark = exc.problem_mark or exc.context_mark
    where = _Where(source, mark)
    opened = _Where(source, exc.context_mark) if exc.context_mark is not None else where
    if where.char == "\t" or "tab character" in problem:
        return where.at(), _(TAB_MESSAGE), _("replace the tab characters with spaces; YAML indents with spaces only")
    for line in (where, opened):
        if (too_long := _long_key(line)) is not None:
            return too_long
    for test, handler in _HANDLERS:
        if test(problem, context):
            return handler(where, opened)
    return (
        where.at(),
        _("the YAML structure is broken here"),
        _("check the indentation and the quotes on this line and the one before"),
    )


class _Where:
    """A parser mark and the source text around it."""

    def __init__(self, source: Source, mark: yaml.Mark | None):
        self.source = source
        self.text = source.text
        self.index = min(mark.index, len(self.text)) if mark is not None else 0
        self.line = mark.line if mark is not None else 0
        self.column = mark.column if mark is not None else 0
        lines = self.text.split("\n")
        self.lines = lines
        self.line_text = lines[self.line] if self.line < len(lines) else ""
        self.char = self.text[self.index] if self.index < len(self.text) else ""

    def at(self, index: int | None = None) -> Location:
        if index is None:
            return Location(self.source.path, self.line + 1, self.column + 1)
        return characters.location(self.source.path, self.text, index)

    @property
    def indent(self) -> int:
        return len(self.line_text) - len(self.line_text.lstrip(" "))

    def before(self) -> str:
        """The text of the mark's line up to the mark, without trailing spaces."""
        return self.line_text[: self.column].rstrip()

    def previous_content_line(self) -> tuple[int, str] | None:
        for index in range(self.line - 1, -1, -1):
            text = self.lines[index]
            if text.strip() and not text.lstrip().startswith("#"):
                return index, text
        return None


# -- one handler per kind of problem -------------------------------------------------------


def _unclosed_quote(where: _Where, opened: _Where) -> Explained:
    q = opened.char if opened.char in "\"'" else '"'
    return (
        opened.at(),
        _("the quotation mark {q} opened here is never closed").format(q=q),
        _quote_hint(q),
    )


def _quote_hint(q: str) -> str:
    if q == "'":
        return _("end the value with '; an apostrophe inside single quotes is written twice: 'Kars''ta'")
    return _('end the value with "; a quotation mark inside double quotes is written \\" (or use single quotes)')


def _bad_escape(where: _Where, opened: _Where) -> Explained:
    index = where.index if where.char == "\\" else max(where.index - 1, 0)
    sequence = where.text[index : index + 2]
    return (
        where.at(index),
        _("'{sequence}' is not a valid escape inside double quotes").format(sequence=sequence),
        _("write a backslash as \\\\, or put the value in single quotes, where a backslash is an ordinary character"),
    )


def _unclosed_flow(where: _Where, opened: _Where) -> Explained:
    if opened.char == "{":
        message = _("the '{' opened here is not closed with '}'")
        hint = _(
            "end it with '}', separating the entries with commas; a text value starting with '{' must be in quotes"
        )
    else:
        message = _("the list opened here with '[' is not closed with ']'")
        hint = _("end it with ']', separating the items with commas; a text value starting with '[' must be in quotes")
    return opened.at(), message, hint


def _colon(where: _Where, opened: _Where) -> Explained:
    """': ' where YAML cannot start a key: a value with a colon, or a key indented too far."""
    match = KEY_RE.match(where.line_text)
    if match and match.end() <= where.column:
        key, value = match.group(2).strip(), where.line_text[match.end() :].strip()
        shown = value.replace('"', "'") if '"' in value else value
        return (
            where.at(),
            _("the value of '{key}' contains ': ', which YAML reads as the start of a new key").format(key=quote(key)),
            _('put the whole value in double quotes: {key}: "{value}"').format(key=key, value=quote(shown, 40)),
        )
    previous = where.previous_content_line()
    if previous is not None:
        number, text = previous
        indent = len(text) - len(text.lstrip(" "))
        above = KEY_RE.match(text)
        if where.indent > indent and above and text[above.end() :].strip():
            return (
                where.at(where.index - where.column + where.indent),
                _("this key is indented under '{key}' (line {line}), which already has a value").format(
                    key=quote(above.group(2).strip()), line=number + 1
                ),
                _("indent it like '{key}' if it is the next key, or end line {line} after the ':'").format(
                    key=quote(above.group(2).strip()), line=number + 1
                ),
            )
        if not above and not text.lstrip().startswith("- "):
            return (
                where.at(where.index - where.column + indent),
                _("line {line} has no ':' but the line after it is a key").format(line=number + 1),
                _("write line {line} as 'key: value', or put a text that spans several lines under 'key: |'").format(
                    line=number + 1
                ),
            )
    return (
        where.at(),
        _("': ' starts a key, but a key cannot start here"),
        _("if this is text, put it in quotes or under 'key: |'; if it is a key, check its indentation"),
    )


def _opening_quote(text: str, closing: int) -> int:
    """Where the quoted value that ends at ``closing`` began (doubled '' and escaped \" skipped)."""
    q, i = text[closing], closing - 1
    while i >= 0:
        if text[i] == q:
            if q == "'" and i > 0 and text[i - 1] == "'":
                i -= 2  # '' is an apostrophe inside single quotes
                continue
            if q == '"' and i > 0 and text[i - 1] == "\\":
                i -= 2
                continue
            return i
        i -= 1
    return -1


def _after_quote(where: _Where) -> Explained | None:
    before = where.before()
    if before and before[-1] in "\"'":
        q = before[-1]
        closing = where.index - where.column + len(before) - 1
        opening = _opening_quote(where.text, closing)
        if opening >= 0 and where.text.count("\n", opening, closing):
            # an apostrophe lines below closed a quote that was never meant to end there
            return (
                where.at(opening),
                _("the quotation mark {q} opened here is closed only on line {line}, and text follows it there").format(
                    q=q, line=where.line + 1
                ),
                _quote_hint(q),
            )
        return (
            where.at(),
            _("text after the closing quotation mark ({q}): the quoted value ended before it").format(q=q),
            _quote_hint(q),
        )
    return None


def _indentation(where: _Where, opened: _Where) -> Explained:
    quoted = _after_quote(where)
    if quoted is not None:
        return quoted
    if where.char == "-":
        return (
            where.at(),
            _("a list item ('- ') where the lines above expect a key"),
            _("indent the '- ' lines under the key that holds the list, e.g. 'blocks:' and then '  - text: …'"),
        )
    if where.char == ":":
        return where.at(), _("a ':' with no key before it"), _("write the key before the ':', e.g. 'title: …'")
    if ": " not in where.line_text and not where.line_text.rstrip().endswith(":"):
        return (
            where.at(),
            _("this line of text is indented less than the text above it"),
            _("indent every line of a text block by at least as many spaces as its first line"),
        )
    previous = where.previous_content_line()
    inner = len(previous[1]) - len(previous[1].lstrip(" ")) if previous else opened.column
    outer = opened.column
    if outer < where.indent < inner:  # between two levels: which one was meant is the editor's call
        return (
            where.at(),
            _("this line starts at column {column}, between the keys above it at columns {outer} and {inner}").format(
                column=where.indent + 1, outer=outer + 1, inner=inner + 1
            ),
            _("indent it by {outer} or {inner} spaces, like the key it belongs with").format(outer=outer, inner=inner),
        )
    return (
        where.at(),
        _("this line starts at column {column}, but the keys it belongs with start at column {expected}").format(
            column=where.column + 1, expected=opened.column + 1
        ),
        _("indent it with exactly as many spaces as the key above it that it belongs with"),
    )


def _list_indentation(where: _Where, opened: _Where) -> Explained:
    stripped = where.line_text.lstrip(" ")
    if where.indent == opened.column and stripped.startswith("-") and stripped[1:2] not in ("", " "):
        return (  # "-subsection:": the dash is read as the first letter of a key
            where.at(),
            _("a list item needs a space after its '-'"),
            _("write '- ' (a dash and a space) before the item, like the items above it"),
        )
    return (
        where.at(),
        _("this line starts at column {column}, but the list items above start at column {expected}").format(
            column=where.column + 1, expected=opened.column + 1
        ),
        _("start every item of the list with '- ' at the same column"),
    )


def _cannot_start(where: _Where, opened: _Where) -> Explained:
    char = where.char or "?"
    if char in "|>" and where.before().endswith(("[", ",", "{")):
        return (
            where.at(),
            _("'{char}' cannot start a value inside [ ] or {{ }}").format(char=char),
            _("put the value in quotes"),
        )
    return (
        where.at(),
        _("a value cannot start with '{char}'; YAML reserves it").format(char=char),
        _('put the whole value in quotes: "{char}…"').format(char=char),
    )


def _block_header(where: _Where, opened: _Where) -> Explained:
    indicator = opened.char if opened.char in "|>" else "|"
    return (
        where.at(),
        _("text cannot follow '{indicator}' on the same line").format(indicator=indicator),
        _("start the text on the next line, indented; after '{indicator}' only '-' or '+' may follow").format(
            indicator=indicator
        ),
    )


def _anchor(where: _Where, opened: _Where) -> Explained:
    char = opened.char if opened.char in "&*!" else "&"
    return (
        opened.at(),
        _("'{char}' at the start of a value marks a YAML anchor, alias or tag").format(char=char),
        _('put the whole value in quotes: "{char}…"').format(char=char),
    )


def _second_document(where: _Where, opened: _Where) -> Explained:
    return (
        where.at(),
        _("a line of three dashes '---' starts a second document; a content file holds one"),
        _("remove the '---' line"),
    )


def _after_end(where: _Where, opened: _Where) -> Explained:
    return (
        where.at(),
        _("text after the end-of-document line '...'"),
        _("remove the '...' line, or put the text before it"),
    )


def _directive(where: _Where, opened: _Where) -> Explained:
    return (
        where.at(),
        _("a line starting with '%' is a YAML directive"),
        _("remove the line, or put the value in quotes"),
    )


YAML_KEY_LIMIT = 1024  # YAML reads a key without quotes of at most this many characters


def _long_key(where: _Where) -> Explained | None:
    """A key over YAML's 1,024 characters (a text pasted before the ':'), on the mark's line."""
    colon = re.search(r":(?:\s|$)", where.line_text)
    key = where.line_text[: colon.start()].strip().removeprefix("- ").strip() if colon else ""
    if len(key) <= YAML_KEY_LIMIT:
        return None
    return (
        Location(where.source.path, where.line + 1, where.indent + 1),
        _("this key is {count} characters long; YAML reads a key of at most {limit}: '{start}'").format(
            count=number(len(key)), limit=number(YAML_KEY_LIMIT), start=quote(key)
        ),
        _("shorten the key; a text belongs after the ':'"),
    )


def _no_colon(where: _Where, opened: _Where) -> Explained:
    glued = re.match(r"^\s*(?:-\s+)?([^\s:#'\"][^:#]*?):(\S.*)$", opened.line_text)
    if glued:
        key, value = glued.group(1).strip(), glued.group(2).strip()
        return (
            opened.at(opened.index - opened.column + glued.start(1)),
            _("the key '{key}' needs a space after its ':'").format(key=quote(key)),
            _("write '{key}: {value}'").format(key=quote(key), value=quote(value, 40)),
        )
    return (
        opened.at(),
        _("this line has no ':' after its key"),
        _("write 'key: value'; if the line continues the text above, indent it like that text"),
    )


def _node_content(where: _Where, opened: _Where) -> Explained:
    quoted = _after_quote(where)
    if quoted is not None:
        return quoted
    return _cannot_start(where, opened)


def _end_of_file(where: _Where, opened: _Where) -> Explained:
    return (
        where.at(),
        _("the file ends in the middle of a value"),
        _("check the last lines of the file for an unfinished list, mapping or quotation"),
    )


_HANDLERS = (
    (lambda p, c: "quoted scalar" in c and "end of stream" in p, _unclosed_quote),
    (lambda p, c: "quoted scalar" in c and "document" in p, _unclosed_quote),
    (lambda p, c: "escape" in p, _bad_escape),
    (lambda p, c: "flow" in c and ("expected ','" in p or "expected ',' or" in p), _unclosed_flow),
    (lambda p, c: "mapping values are not allowed" in p, _colon),
    (lambda p, c: "block mapping" in c, _indentation),
    (lambda p, c: "block sequence" in c or "block collection" in c, _list_indentation),
    (lambda p, c: "cannot start any token" in p, _cannot_start),
    (lambda p, c: "block scalar" in c, _block_header),
    (lambda p, c: "anchor" in c or "alias" in c or "tag" in c, _anchor),
    (lambda p, c: "single document" in c or "another document" in p, _second_document),
    (lambda p, c: "document start" in p, _after_end),
    (lambda p, c: "directive" in p or "directive" in c, _directive),
    (lambda p, c: "simple key" in c, _no_colon),
    (lambda p, c: "node content" in p, _node_content),
    (lambda p, c: "end of stream" in p, _end_of_file),
)

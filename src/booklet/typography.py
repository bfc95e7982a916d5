"""Typographic normalisation of the prose: one quote style, one range style, no "word- word".

Sources written by several people mix straight and curly quotes, ranges with a hyphen
(0-18) and with an en dash (2002–2024), and carry a stray space after a hyphen
(çocuk- ebeveyn). The theme chooses one style (``typography: quotes: curly|straight`` and
``ranges: en-dash|hyphen``); this pass sets every paragraph that way before the figures
are resolved and reports each change as a warning at its place in the source, so that
editors can correct the source and the warnings go away.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

from .content.model import Booklet, Paragraph, Run, Theme
from .diagnostics import Report
from .i18n import _

OPEN_CONTEXT = " \t\n([{/–—-\u00a0"  # a quote after these opens
RANGE = {"en-dash": "\u2013", "hyphen": "-"}
QUOTES = "\"'\u201c\u201d\u2018\u2019"
SUSPENDED = ("ve", "veya", "ile", "ya", "yahut")  # "ön- ve son-": a suspended hyphen stays


@dataclasses.dataclass(frozen=True)
class Change:
    start: int  # in the run's text
    end: int
    new: str


def changes(text: str, theme: Theme, before: str = " ") -> list[Change]:
    """What the theme's style changes in a piece of text, left to right, not overlapping;
    ``before`` is the character the text follows (a figure counts as a digit)."""
    found: list[Change] = []
    for rule in (_quotes(theme.quotes, before), _ranges(theme.ranges), _joined):
        for change in rule(text):
            if all(change.end <= c.start or change.start >= c.end for c in found):
                found.append(change)
    return sorted(found, key=lambda c: c.start)


def apply(text: str, found: list[Change]) -> str:
    out, pos = [], 0
    for change in found:
        out.append(text[pos : change.start])
        out.append(change.new)
        pos = change.end
    out.append(text[pos:])
    return "".join(out)


def normalise_text(text: str, theme: Theme) -> str:
    """The text as the theme's style sets it (also used by tests comparing with a source)."""
    return apply(text, changes(text, theme))


def _quotes(style: str, first: str = " ") -> Callable[[str], list[Change]]:
    def rule(text: str) -> list[Change]:
        found: list[Change] = []
        if not any(quote in text for quote in QUOTES):
            return found  # most runs have none: no need to walk them letter by letter
        for i, ch in enumerate(text):
            before = text[i - 1] if i else first
            after = text[i + 1] if i + 1 < len(text) else " "
            if style == "curly":
                if ch == '"':
                    found.append(Change(i, i + 1, "\u201c" if before in OPEN_CONTEXT else "\u201d"))
                elif ch == "'":
                    opening = before in OPEN_CONTEXT and after.isalnum()
                    found.append(Change(i, i + 1, "\u2018" if opening else "\u2019"))
            elif ch in "\u201c\u201d":
                found.append(Change(i, i + 1, '"'))
            elif ch in "\u2018\u2019":
                found.append(Change(i, i + 1, "'"))
        return found

    return rule


def _ranges(style: str) -> Callable[[str], list[Change]]:
    wrong = "-" if style == "en-dash" else "\u2013"
    pattern = re.compile(rf"(?<=\d){re.escape(wrong)}(?=\d)")

    def rule(text: str) -> list[Change]:
        return [Change(m.start(), m.end(), RANGE[style]) for m in pattern.finditer(text)]

    return rule


_JOINED = re.compile(r"(?<=[^\W\d_])- +(?=([^\W\d_]+))")


def _joined(text: str) -> list[Change]:
    return [Change(m.start(), m.end(), "-") for m in _JOINED.finditer(text) if m.group(1).lower() not in SUSPENDED]


def _paragraph(paragraph: Paragraph, theme: Theme, report: Report) -> Paragraph:
    runs = []
    changed = False
    before = " "
    for run in paragraph.runs:
        if run.figure is not None:
            runs.append(run)
            before = "0"  # {il}'de, {sayi}'ü: an apostrophe after a figure is a suffix's
            continue
        found = changes(run.text, theme, before)
        before = run.text[-1:] or before
        for change in found:
            old = run.text[change.start : change.end]
            report.warning(
                paragraph.text.locate(run.offset + change.start),
                _("typography: '{old}' is printed as '{new}'").format(old=old, new=change.new),
                _("write it so in the source; the style is chosen in theme.yaml under typography"),
            )
        if found:
            changed = True
            run = dataclasses.replace(run, text=apply(run.text, found))
        runs.append(run)
    return dataclasses.replace(paragraph, runs=tuple(runs)) if changed else paragraph


def normalise(booklet: Booklet, report: Report) -> Booklet:
    """The booklet with every paragraph set in the theme's style, each change reported."""
    return _walk(booklet, lambda p: _paragraph(p, booklet.theme, report))


def _walk(value, fix):
    if isinstance(value, Paragraph):
        return fix(value)
    if isinstance(value, tuple):
        items = tuple(_walk(v, fix) for v in value)
        return items if any(a is not b for a, b in zip(items, value)) else value
    if dataclasses.is_dataclass(value) and not isinstance(value, type) and not isinstance(value, Run):
        changes_ = {}
        for f in dataclasses.fields(value):
            old = getattr(value, f.name)
            new = _walk(old, fix)
            if new is not old:
                changes_[f.name] = new
        return dataclasses.replace(value, **changes_) if changes_ else value
    return value

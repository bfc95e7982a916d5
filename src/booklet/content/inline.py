"""The little inline language of the prose: ``**bold**``, ``{figure}``, and ``> `` call-outs.

Kept deliberately tiny so editors who never saw Markdown can learn it from one example.
"""

from __future__ import annotations

import re

from ..diagnostics import Report, quote
from ..i18n import _
from .model import Paragraph, Run
from .source import Text

TOKEN_RE = re.compile(r"\*\*|\{([^{}\n]{0,40})\}?")
NAME_RE = re.compile(r"^[a-z0-9_]+$")


def parse(text: Text, report: Report, allow_highlight: bool = True) -> Paragraph | None:
    """Split a paragraph into runs; report unbalanced ``**`` and malformed ``{…}``."""
    body, highlight = text, False
    if allow_highlight and text.value.startswith(">"):
        highlight = True
        skip = 2 if text.value[1:2] == " " else 1
        body = text.slice(skip, len(text.value))
    value = body.value.replace("\n", " ")
    runs: list[Run] = []
    bold = False
    bold_at = 0
    pos = 0
    ok = True
    for match in TOKEN_RE.finditer(value):
        if match.start() > pos:
            runs.append(Run(value[pos : match.start()], bold, None, pos))
        token = match.group(0)
        if token == "**":
            bold = not bold
            bold_at = match.start()
        elif token.endswith("}") and NAME_RE.match(match.group(1) or ""):
            runs.append(Run(token, bold, match.group(1), match.start()))
        else:
            ok = False
            report.error(
                body.locate(match.start()),
                _("malformed figure reference '{token}'").format(token=quote(token)),
                _("write a figure as {name} with lowercase letters, digits and '_', e.g. {shm_sayisi}"),
            )
        pos = match.end()
    if pos < len(value):
        runs.append(Run(value[pos:], bold, None, pos))
    if bold:
        ok = False
        report.error(
            body.locate(bold_at),
            _("'**' opens bold text that is never closed"),
            _("add the closing '**' after the highlighted words"),
        )
    if not ok:
        return None
    return Paragraph(body, tuple(_merge(runs)), highlight)


def _merge(runs: list[Run]) -> list[Run]:
    merged: list[Run] = []
    for run in runs:
        if run.figure is None and merged and merged[-1].figure is None and merged[-1].bold == run.bold:
            last = merged[-1]
            merged[-1] = Run(last.text + run.text, last.bold, None, last.offset)
        else:
            merged.append(run)
    return [r for r in merged if r.text]

"""Rules on fonts: every font embedded, text that extracts, and one subset tag per font program."""

from __future__ import annotations

import re

from ..i18n import _, ngettext
from .document import Document
from .report import FAIL, OK, WARN, PreflightReport

SUBSET = re.compile(r"^([A-Z]{6})\+(.+)$")


def embedded(doc: Document, report: PreflightReport) -> None:
    fonts = list(doc.scan.fonts.values())
    missing = [f for f in fonts if not f.embedded]
    for font in missing:
        report.add(FAIL, "fonts", _("font {name} is not embedded").format(name=font.name), font.page)
    for font in fonts:
        if not font.unicode and font.subtype != "Type3":
            report.add(
                WARN,
                "fonts",
                _("font {name} has no ToUnicode map: its text may not extract").format(name=font.name),
                font.page,
            )
    if fonts and not missing:
        report.add(
            OK,
            "fonts",
            ngettext("{fonts} font, embedded", "all {fonts} fonts embedded", len(fonts)).format(fonts=len(fonts)),
        )


def subset_tags(doc: Document, report: PreflightReport) -> None:
    """Two different subsets under one tag (AAAAAA+) let a RIP or an editor take glyphs from the wrong one."""
    programs: dict[str, dict[tuple, str]] = {}
    for font in doc.scan.fonts.values():
        match = SUBSET.match(font.name)
        if match and font.program is not None:
            programs.setdefault(match.group(1), {})[font.program] = match.group(2)
    for tag, fonts in sorted(programs.items()):
        if len(fonts) > 1:
            report.add(
                WARN,
                "fonts",
                _("{count} different font subsets share the tag {tag}+ ({names}): each subset needs its own").format(
                    count=len(fonts), tag=tag, names=", ".join(sorted(set(fonts.values())))
                ),
            )

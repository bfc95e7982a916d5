"""What a preflight finds, and how it is printed: one line per finding, pages as ranges."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..i18n import N_, _, ngettext

FAIL, WARN, OK = "fail", "warning", "ok"
CHECKS = {  # the ids stay English in --json; people read the translated names
    "file": N_("file"),
    "pages": N_("pages"),
    "boxes": N_("boxes"),
    "marks": N_("marks"),
    "fonts": N_("fonts"),
    "colour": N_("colour"),
    "ink": N_("ink"),
    "images": N_("images"),
    "pdfx": N_("pdfx"),
    "metadata": N_("metadata"),
    "text": N_("text"),
    "safety": N_("safety"),
}
USUAL_BLEED_MM = 3.0


@dataclass(frozen=True)
class Finding:
    level: str
    check: str
    message: str
    page: int | None = None


@dataclass(frozen=True)
class Rules:
    """The limits a file is held to; the command's options and the build's target set them."""

    bleed_mm: float = USUAL_BLEED_MM
    min_ppi: float = 300
    hard_min_ppi: float = 200
    max_ink: float = 300
    page_multiple: int = 4  # saddle stitching; an imposed file of sheet sides uses 1
    small_text_pt: float = 9.0  # text below this prints on one plate
    max_rich_black_pt: float = 12.0  # black text below this is 100 % K only


@dataclass
class PreflightReport:
    path: Path
    pages: int = 0
    findings: list[Finding] = field(default_factory=list)
    facts: dict[str, Any] = field(default_factory=dict)  # measured values for tickets and --json

    def add(self, level: str, check: str, message: str, page: int | None = None) -> None:
        self.findings.append(Finding(level, check, message, page))

    @property
    def failures(self) -> list[Finding]:
        return [f for f in self.findings if f.level == FAIL]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.level == WARN]

    @property
    def passed(self) -> bool:
        return not self.failures

    def failed(self, check: str) -> bool:
        return any(f.check == check for f in self.failures)

    def summary(self) -> str:
        f = len({(x.check, x.message) for x in self.failures})
        w = len({(x.check, x.message) for x in self.warnings})
        verdict = _("preflight PASS") if self.passed else _("preflight FAIL")
        counts = ngettext("{count} failure", "{count} failures", f).format(count=f)
        counts += ", " + ngettext("{count} warning", "{count} warnings", w).format(count=w)
        pages = ngettext("{count} page", "{count} pages", self.pages).format(count=self.pages)
        return f"{verdict}: {self.path} — {pages}, {counts}"

    def grouped(self) -> list[tuple[str, str, str]]:
        """(level, check, "pages 2–13: message") per finding, the same finding on several pages once;
        failures first, then warnings, then what passed."""
        order = {FAIL: 0, WARN: 1, OK: 2}
        grouped: dict[tuple[str, str, str], list[int]] = {}
        for f in self.findings:
            grouped.setdefault((f.level, f.check, f.message), []).extend([f.page] if f.page else [])
        out = []
        for (level, check, message), pages in sorted(grouped.items(), key=lambda item: order[item[0][0]]):
            out.append((level, check, f"{page_ranges(pages)}: {message}" if pages else message))
        return out

    def lines(self) -> list[str]:
        """One line per finding; the same finding on several pages is one line with a page range."""
        tags = {FAIL: _("FAIL"), WARN: _("WARN"), OK: _("ok")}
        lines = [f"{tags[level]:<5} {_(CHECKS.get(check, check))}: {text}" for level, check, text in self.grouped()]
        return lines + [self.summary()]

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": str(self.path),
            "pages": self.pages,
            "passed": self.passed,
            "findings": [asdict(f) for f in self.findings],
            "measured": self.facts,
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)


def page_ranges(pages: list[int]) -> str:
    pages = sorted(set(pages))
    runs: list[list[int]] = []
    for p in pages:
        if runs and p == runs[-1][-1] + 1:
            runs[-1].append(p)
        else:
            runs.append([p])
    text = ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)
    return ngettext("page {pages}", "pages {pages}", len(pages)).format(pages=text)

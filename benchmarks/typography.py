"""What a designer checks on the pages: hyphens, word spacing and how full each page is.

For each booklet given (default: Elazığ 2024-2 and the three sample provinces) it lays the
booklet out, reads every justified paragraph's lines as they will be drawn, renders the
screen PDF and reports:

- hyphenated lines: how many of the non-final lines of running text (justified paragraphs
  and the ragged call-outs) end in a hyphen (target ≤ 20 %), the
  longest run of hyphenated lines in a row (target ≤ 2), paragraphs whose last word is
  hyphenated (target 0), the fewest letters before or after a break (target ≥ 3);
- word spacing: the widest and narrowest interword space of any justified line, as a
  multiple of the natural space (target ≤ 1.8 at TeX's tolerance 200, see layout/typeset.py),
  and the letter spacing some lines take on top (target ≤ 0.02 em);
- page fill: how far down the text area the ink reaches on every page but the covers and
  blank pages (target ≥ 60 %), measured on the rendered page.

Run: ``python benchmarks/typography.py [BOOKLET_DIR ...]``. Prints one block per booklet and
exits 1 if a target is missed. It measures lines from the layout's own line records, so
it also measures ReportLab's greedy breaking when run against an older checkout.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium
from PIL import ImageOps
from reportlab.lib.enums import TA_JUSTIFY
from reportlab.pdfbase.pdfmetrics import stringWidth

from booklet.build import layout_booklet
from booklet.diagnostics import Report
from booklet.pdf.render import render_pdf
from booklet.pdf.targets import SCREEN

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = [
    ROOT / "content" / "elazig" / "2024-2",
    *(ROOT / "tests" / "samples" / name / "2024-2" for name in ("bingol", "malatya", "tunceli")),
]
MAX_HYPHENATED = 0.20
MAX_RUN = 2
MIN_LETTERS = 3
MAX_SPACE = 1.8  # the widest word space at badness 200, as documented in src/booklet/layout/typeset.py
MAX_TRACKING = 0.02  # em, only in paragraphs whose word spaces alone cannot fill the lines
MIN_FILL = 0.60
UNCHECKED_PAGES = ("cover", "back", "blank")


@dataclass
class Measures:
    name: str
    lines: int = 0  # non-final lines of justified paragraphs
    hyphenated: int = 0
    longest_run: int = 0
    hyphenated_last_words: list[str] = field(default_factory=list)
    short_breaks: list[str] = field(default_factory=list)  # fewer than MIN_LETTERS on a side
    widest_space: float = 1.0
    narrowest_space: float = 1.0
    wide_lines: list[str] = field(default_factory=list)
    tracked_lines: int = 0
    most_tracking: float = 0.0  # ems
    fills: list[tuple[int, str, float]] = field(default_factory=list)  # (page, kind, fill)

    @property
    def share(self) -> float:
        return self.hyphenated / self.lines if self.lines else 0.0

    @property
    def underfull_pages(self) -> list[tuple[int, str, float]]:
        return [f for f in self.fills if f[1] not in UNCHECKED_PAGES and f[2] < MIN_FILL]

    def failures(self) -> list[str]:
        out = []
        if self.share > MAX_HYPHENATED:
            out.append(f"{self.share:.0%} of lines hyphenated (at most {MAX_HYPHENATED:.0%})")
        if self.longest_run > MAX_RUN:
            out.append(f"{self.longest_run} hyphenated lines in a row (at most {MAX_RUN})")
        if self.hyphenated_last_words:
            out.append(f"hyphenated last words: {self.hyphenated_last_words}")
        if self.short_breaks:
            out.append(f"breaks with fewer than {MIN_LETTERS} letters on a side: {self.short_breaks}")
        if self.most_tracking > MAX_TRACKING + 1e-9:
            out.append(f"letters spaced by {self.most_tracking:.3f} em (at most {MAX_TRACKING})")
        if self.widest_space > MAX_SPACE + 0.005:
            out.append(f"a space stretched to {self.widest_space:.2f} (at most {MAX_SPACE}): {self.wide_lines}")
        for page, kind, fill in self.underfull_pages:
            out.append(f"page {page} ({kind}) is {fill:.0%} full (at least {MIN_FILL:.0%})")
        return out


# -- lines ------------------------------------------------------------------------------


def flowables(flowable):
    """A flowable and everything drawn inside it, in reading order."""
    yield flowable
    for part in parts(flowable):
        yield from flowables(part)


def parts(flowable) -> list:
    if hasattr(flowable, "parts"):
        return flowable.parts()
    found = []  # a checkout from before flowables listed their parts
    for name in ("children", "paragraphs", "paragraph", "title", "lead", "items", "tail", "caption"):
        value = getattr(flowable, name, None)
        for item in value if isinstance(value, (list, tuple)) else [value]:
            found.extend(item if isinstance(item, tuple) and name == "items" else [item])
    return [f[0] if isinstance(f, tuple) else f for f in found if f is not None and not isinstance(f, str)]


def justified_paragraphs(layout):
    """Each justified paragraph's lines, joining the parts of a paragraph split across pages."""
    current: list = []
    for page in layout.pages:
        for placed in page.placements:
            for f in flowables(placed.flowable):
                blpara = getattr(f, "blPara", None)
                if blpara is None or not running_text(f):
                    continue
                current.extend((f, line) for line in blpara.lines)
                if not getattr(f, "_JustifyLast", False):  # the paragraph ends here
                    yield current
                    current = []
    if current:
        yield current


def running_text(para) -> bool:
    """Justified paragraphs, and ragged ones broken over the whole paragraph (call-outs)."""
    return para.style.alignment == TA_JUSTIFY or getattr(para, "total_fit", False)


def line_text(line) -> str:
    if isinstance(line, tuple):  # ReportLab's simple lines: (extra space, words)
        return " ".join(line[1])
    return "".join(w.text for w in line.words)


def space_factor(para, line) -> float | None:
    """The interword space drawn on a line, as a multiple of the natural space."""
    style = para.style
    if style.alignment != TA_JUSTIFY:
        return None
    if isinstance(line, tuple):
        extra, words = line
        spaces = len(words) - 1 + sum(w.count("\u00a0") for w in words)
    else:
        extra = line.extraSpace
        spaces = line.wordCount - 1 + sum(w.text.count("\u00a0") for w in line.words)
    if spaces <= 0:
        return None
    natural = stringWidth(" ", style.fontName, style.fontSize)
    return (natural + extra / spaces) / natural  # letter spacing is measured on its own


def tracking_of(para, line) -> float:
    """Letter spacing of a line, in ems."""
    return getattr(line, "tracking", 0.0) / para.style.fontSize


def leading_letters(text: str) -> int:
    count = 0
    for ch in text.lstrip():
        if not ch.isalpha():
            break
        count += 1
    return count


def trailing_letters(text: str) -> int:
    count = 0
    for ch in reversed(text.rstrip()[:-1]):
        if not ch.isalpha():
            break
        count += 1
    return count


def measure_lines(layout, m: Measures) -> None:
    for lines in justified_paragraphs(layout):
        texts = [line_text(line) for _, line in lines]
        run = 0
        for i, ((para, line), text) in enumerate(zip(lines, texts)):
            final = i == len(lines) - 1
            factor = space_factor(para, line)
            tracking = tracking_of(para, line)
            if tracking:
                m.tracked_lines += 1
                m.most_tracking = max(m.most_tracking, tracking)
            if factor is not None and not final:
                m.widest_space = max(m.widest_space, factor)
                m.narrowest_space = min(m.narrowest_space, factor)
                if factor > MAX_SPACE:
                    m.wide_lines.append(text)
            elif factor is not None and factor < m.narrowest_space:
                m.narrowest_space = factor  # a last line may shrink, never stretch
            if final:
                break
            m.lines += 1
            if text.rstrip().endswith("-"):
                m.hyphenated += 1
                run += 1
                m.longest_run = max(m.longest_run, run)
                nxt = texts[i + 1]
                if min(trailing_letters(text), leading_letters(nxt)) < MIN_LETTERS:
                    m.short_breaks.append(text.split()[-1] + nxt.split()[0])
                if i + 1 == len(lines) - 1 and len(nxt.split()) == 1:
                    m.hyphenated_last_words.append(text.split()[-1] + nxt.strip())
            else:
                run = 0


# -- pages ------------------------------------------------------------------------------


def measure_fill(layout, pdf: bytes, m: Measures) -> None:
    """How far down the text area the ink reaches, on the page as rendered (36 dpi)."""
    g = layout.geometry
    document = pdfium.PdfDocument(pdf)
    scale = 36 / 72
    for index, page in enumerate(layout.pages):
        image = document[index].render(scale=scale).to_pil().convert("L")
        top = round((g.margin_top) * scale)
        bottom = round((g.height - g.margin_bottom) * scale)
        area = image.crop((0, top, image.width, bottom))
        ink = ImageOps.invert(area).point(lambda v: 255 if v > 12 else 0).getbbox()
        fill = (ink[3] / (bottom - top)) if ink else 0.0
        m.fills.append((page.number, page.kind, min(fill, 1.0)))
    document.close()


def measure(booklet_dir: Path) -> Measures:
    layout = layout_booklet(Path(booklet_dir), Report())
    m = Measures(f"{layout.booklet.meta.province.value} {layout.booklet.meta.edition.value}")
    measure_lines(layout, m)
    measure_fill(layout, render_pdf(layout, SCREEN), m)
    return m


def describe(m: Measures) -> str:
    fills = " ".join(f"{p}:{kind[0]}{fill:.0%}" for p, kind, fill in m.fills)
    return "\n".join(
        [
            f"{m.name}",
            f"  hyphenated lines     {m.hyphenated} of {m.lines} non-final lines ({m.share:.1%})",
            f"  longest hyphen run   {m.longest_run}",
            f"  hyphenated last word {len(m.hyphenated_last_words)}",
            f"  breaks under {MIN_LETTERS} letters {len(m.short_breaks)}",
            f"  word space           {m.narrowest_space:.2f} … {m.widest_space:.2f} of natural",
            f"  letter spacing       {m.tracked_lines} lines, at most {m.most_tracking:.3f} em",
            f"  page fill            {fills}",
            f"  pages under {MIN_FILL:.0%}       {len(m.underfull_pages)}",
        ]
    )


def main(argv: list[str]) -> int:
    failed = False
    for folder in [Path(a) for a in argv] or DEFAULT:
        m = measure(folder)
        print(describe(m))
        for failure in m.failures():
            print(f"  MISSED: {failure}")
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

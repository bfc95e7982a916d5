"""Paragraphs set by total-fit line breaking, handed to ReportLab as finished lines.

ReportLab parses the markup into fragments (runs of one font and colour) and draws lines;
between the two, this module decides where the lines break. It turns the fragments into
boxes, glue and penalties (``linebreak.py``) with the Turkish hyphenation points of
``turkish.py`` as flagged penalties, and builds the ``FragLine`` records that ReportLab's
``drawPara`` paints.

**Justified text** is tried in passes, as TeX does, and the first that succeeds is kept:

1. without hyphenation, no line worse than :data:`PRETOLERANCE` (badness 100);
2. with hyphenation, no line worse than :data:`TOLERANCE` (badness 200, adjustment ratio 1.26);
3. the same, letting letters space out too, by at most :data:`TRACKING` em at that ratio;
4. an emergency pass that takes the least bad lines (a word wider than the column).

A space shrinks to two thirds of its width and stretches so that at the tolerance it is
:data:`MAX_SPACE` times its natural width (0.47 em in Noto Sans); TeX allows 1.63 times a
wider space, but Turkish words are long and a count stays with its noun ("92.783 haneye").
Breaks keep :data:`MIN_LETTERS` letters on each side, the last word of a paragraph is never
broken, a hyphen costs :data:`HYPHEN_PENALTY`, two in a row cost more and three in a row
are not allowed (``linebreak.Params``).

**Ragged text** (the call-outs) is broken by the same algorithm with rigid spaces and a
stretchable right margin, so the lines come out of even length without hyphens.

The result depends only on the text, the fonts and sizes of its fragments, the measure and
the mode; it is cached on those, since the shared prose repeats in every province and the
paginator wraps the same paragraph more than once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth
from reportlab.platypus.paragraph import FragLine, ParaLines

from .. import turkish
from .linebreak import BOX, GLUE, INFINITY, PENALTY, Item, Params, break_lines, glue, max_ratio, penalty

NBSP = "\u00a0"
SHY = "\u00ad"
SPACES = re.compile(r"[^\S\u00a0\u202f\u2007]+")  # white space that may break: all but the no-break ones
LETTERS = re.compile(r"[^\W\d_]+")

MIN_LETTERS = 3
PRETOLERANCE = 100.0
TOLERANCE = 200.0
MAX_SPACE = 1.8  # the widest word space at TOLERANCE, as a multiple of the natural one
SHRINK = 1 / 3  # of a space's width
STRETCH = (MAX_SPACE - 1) / max_ratio(TOLERANCE)  # of a space's width, at ratio 1
TRACKING = 0.02  # em: the most letter spacing a line gets, and only in pass 3
HYPHEN_PENALTY = 200.0
EXPLICIT_HYPHEN_PENALTY = 200.0  # a break after a word's own hyphen (çocuk-ebeveyn)
LONG_WORD_PENALTY = 1000.0  # a word wider than the column is cut anywhere, without a hyphen
RAG = 2.0  # em: how much shorter than the measure a ragged line may be at ratio 1 (TeX's \\raggedright)
PARAGRAPH_FILL = 1e6  # the last line's glue: it may end anywhere

SPACE_REF = "space"


@dataclass(frozen=True)
class Pass:
    params: Params
    hyphenate: bool
    tracking: float  # em of letter spacing per glyph at the tolerance's ratio


JUSTIFIED = (
    Pass(Params(tolerance=PRETOLERANCE), False, 0.0),
    Pass(Params(tolerance=TOLERANCE, hyphen_penalty=HYPHEN_PENALTY), True, 0.0),
    Pass(Params(tolerance=TOLERANCE, hyphen_penalty=HYPHEN_PENALTY), True, TRACKING),
    Pass(Params(tolerance=float(INFINITY), allow_overfull=True), True, TRACKING),
)
RAGGED = (
    Pass(Params(tolerance=TOLERANCE), False, 0.0),
    Pass(Params(tolerance=float(INFINITY), allow_overfull=True), False, 0.0),
)


@dataclass(frozen=True, slots=True)
class LineSpec:
    """One chosen line: text runs by fragment, its natural width and how it ends."""

    runs: tuple[tuple[int, str], ...]  # (fragment index, text), spaces included
    natural: float
    spaces: int  # breakable spaces on the line (the word count less one)
    ratio: float  # how far its spaces are stretched (> 0) or shrunk (< 0); see linebreak
    tracking: float  # letter spacing added after each glyph, in points
    glyphs: int  # characters on the line, spaces included
    hyphen: str  # "" | "added" (a hyphenation point, '-' added) | "explicit" (after a '-' of the text)


def frag_signature(frags) -> tuple:
    """What line breaking depends on in a paragraph's fragments (not their colours)."""
    return tuple((f.text, f.fontName, f.fontSize) for f in frags)


def break_paragraph(frags, widths: list[float], hyphenate: bool, min_word: int, ragged: bool = False) -> ParaLines:
    """ReportLab's line structure for ``frags`` set at ``widths``, justified or ragged."""
    specs = _cached_lines(frag_signature(frags), tuple(widths), hyphenate, min_word, ragged)
    if not specs:
        size = frags[0].fontSize if frags else 0
        return ParaLines(kind=0, lines=[], fontSize=size, ascent=0, descent=0)
    lines = []
    for number, spec in enumerate(specs):
        measure = widths[min(number, len(widths) - 1)]
        words = [frags[index].clone(text=text) for index, text in spec.runs]
        metrics = [getAscentDescent(f.fontName, f.fontSize) for f in words]
        lines.append(
            FragLine(
                extraSpace=measure - spec.natural - spec.tracking * (spec.glyphs - 1),
                wordCount=spec.spaces + 1,
                lineBreak=False,
                words=words,
                fontSize=max(f.fontSize for f in words),
                ascent=max(a for a, _ in metrics),
                descent=min(d for _, d in metrics),
                maxWidth=measure,
                sFW=0,
                ratio=spec.ratio,
                tracking=spec.tracking,
                hyphen=spec.hyphen,
            )
        )
    return ParaLines(kind=1, lines=lines)


def clean_frags(lines) -> list:
    """The fragments of some lines joined back into running text (no added hyphens)."""
    out = []
    for number, line in enumerate(lines):
        words = [w.clone() for w in line.words]
        last = words[-1]
        if line.hyphen == "added":
            last.text = last.text[:-1]
        elif not line.hyphen and number < len(lines) - 1:
            last.text += " "
        out.extend(words)
    return out


@lru_cache(maxsize=1024)  # a booklet breaks ≈ 60 paragraphs, ≈ 30 of them its own
def _cached_lines(signature: tuple, widths: tuple, hyphenate: bool, min_word: int, ragged: bool) -> tuple:
    words = _words(signature)
    if not words:
        return ()
    build = Builder(signature, min(widths), ragged, min_word)
    for attempt in RAGGED if ragged else JUSTIFIED:
        items = build.items(words, hyphenate and attempt.hyphenate, attempt.tracking)
        breaks = break_lines(items, list(widths), attempt.params)
        if breaks is not None:
            return tuple(_lines(items, breaks, signature, attempt))
    raise AssertionError("the emergency pass always finds lines")  # pragma: no cover


def _words(signature: tuple) -> list[list[tuple[int, str]]]:
    """Words as runs of (fragment index, text); a word may span fragments (**bold**,)."""
    words: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    for index, (text, _font, _size) in enumerate(signature):
        for k, part in enumerate(SPACES.split(text)):
            if k > 0 and current:
                words.append(current)
                current = []
            if part:
                current.append((index, part))
    if current:
        words.append(current)
    return words


# What the passes over one paragraph share: a skeleton of its items, in which letter spacing
# is left open. Entries are (_FIXED, item), (_BOX, width, letters × size, ref) or
# (_SPACE, width, stretch of the space, size, shrink, ref); :func:`_with_tracking` fills in
# the pass's spacing with the same arithmetic as before (stretch = letters × size × per em,
# space stretch + size × per em).
_FIXED, _BOX, _SPACE = 0, 1, 2
_NO_BREAK = penalty(0, INFINITY)
_END = (glue(0, PARAGRAPH_FILL, 0), penalty(0, -INFINITY))


class Builder:
    """Boxes, glue and penalties for the passes over one paragraph.

    The analysis of each word (its text, width and break points) is done once per
    hyphenation setting and shared by the passes that differ only in letter spacing.
    """

    def __init__(self, signature: tuple, narrowest: float, ragged: bool, min_word: int):
        self.signature = signature
        self.narrowest = narrowest
        self.ragged = ragged
        self.min_word = min_word
        self._skeletons: dict[bool, list] = {}
        self._items: dict[tuple[bool, float], list[Item]] = {}
        self._texts: list[tuple[str, float]] | None = None

    def items(self, words, hyphenate: bool, tracking: float) -> list[Item]:
        """The items of a pass: with or without hyphenation points, ``tracking`` em of letter
        spacing at the tolerance's ratio."""
        key = (hyphenate, tracking)
        made = self._items.get(key)
        if made is None:
            skeleton = self._skeletons.get(hyphenate)
            if skeleton is None:
                skeleton = self._skeletons[hyphenate] = self.skeleton(words, hyphenate)
            made = self._items[key] = _with_tracking(skeleton, tracking / max_ratio(TOLERANCE))
        return made

    def texts(self, words) -> list[tuple[str, float]]:
        """Each word's text without soft hyphens and its width (the same for every pass)."""
        if self._texts is None:
            self._texts = [self.text(word) for word in words]
        return self._texts

    def text(self, word) -> tuple[str, float]:
        if len(word) == 1:
            index, raw = word[0]
            text = raw.replace(SHY, "")
            _text, font, size = self.signature[index]
            return text, sum((_width(text, font, size),))  # as width(), to the last bit
        return "".join(t for _, t in word).replace(SHY, ""), self.width(word)

    def skeleton(self, words, hyphenate: bool) -> list:
        out: list = []
        texts = self.texts(words)
        last = len(words) - 1
        for number, word in enumerate(words):
            if number:
                self.space(out, words[number - 1][-1][0])
            text, width = texts[number]
            points = break_points(text, hyphenate and number != last, self.min_word)  # the last word never
            if width > self.narrowest:
                points.update((i, "split") for i in range(1, len(text)) if i not in points)
            if not points and len(word) == 1 and NBSP not in text and SHY not in word[0][1]:
                index = word[0][0]  # most words: one box (what word() would make of it, made directly)
                _text, font, size = self.signature[index]
                out.append((_BOX, _width(text, font, size), len(text) * size, (index, text)))
            else:
                self.word(out, word, points)
        out.extend((_FIXED, item) for item in _END)
        return out

    def space(self, out: list, index: int) -> None:
        """The space after fragment ``index``'s text, a possible break."""
        _text, font, size = self.signature[index]
        space = _width(" ", font, size)
        if self.ragged:  # Knuth and Plass's ragged right: the stretch is only at a line's end
            rag = RAG * size
            out += [(_FIXED, glue(0, rag, 0)), (_FIXED, penalty(0, 0)), (_FIXED, glue(space, -rag, 0, SPACE_REF))]
        else:
            out.append((_SPACE, space, space * STRETCH, size, space * SHRINK, SPACE_REF))

    def width(self, word) -> float:
        return sum(_width(t.replace(SHY, ""), self.signature[i][1], self.signature[i][2]) for i, t in word)

    def word(self, out: list, word, points: dict[int, str]) -> None:
        """A word's boxes, cut at its break points and at its no-break spaces."""
        offset = 0  # in the word's text without soft hyphens
        for index, raw in word:
            _text, font, size = self.signature[index]
            text = raw.replace(SHY, "")
            if points:
                bounds = sorted({p - offset for p in points if offset < p <= offset + len(text)} | {len(text)})
            else:
                bounds = (len(text),)
            start = 0
            for cut in bounds:
                self.chunk(out, index, text[start:cut], font, size)
                if offset + cut in points:
                    self.breakpoint(out, index, points[offset + cut], font, size)
                start = cut
            offset += len(text)

    def chunk(self, out: list, index: int, text: str, font: str, size: float) -> None:
        for k, sub in enumerate(text.split(NBSP) if NBSP in text else (text,)):
            if k:  # a no-break space stretches like a space but is never a break
                space = _width(NBSP, font, size)
                out.append((_FIXED, _NO_BREAK))
                if self.ragged:
                    out.append((_FIXED, glue(space, 0.0, 0.0, (index, NBSP))))
                else:
                    out.append((_SPACE, space, space * STRETCH, size, space * SHRINK, (index, NBSP)))
            if sub:
                out.append((_BOX, _width(sub, font, size), len(sub) * size, (index, sub)))

    def breakpoint(self, out: list, index: int, kind: str, font: str, size: float) -> None:
        if kind == "hyphen":
            out.append((_FIXED, penalty(_width("-", font, size), HYPHEN_PENALTY, True, (index, "added"))))
        elif kind == "explicit":
            out.append((_FIXED, penalty(0, EXPLICIT_HYPHEN_PENALTY, True, (index, "explicit"))))
        else:
            out.append((_FIXED, penalty(0, LONG_WORD_PENALTY, False, (index, ""))))


def _with_tracking(skeleton: list, per_em: float) -> list[Item]:
    """The skeleton's items with ``per_em`` (letter spacing at ratio 1, per em) filled in."""
    new = tuple.__new__  # Item is a named tuple: this skips its argument handling
    out: list[Item] = []
    append = out.append
    for entry in skeleton:
        tag = entry[0]
        if tag == _FIXED:
            append(entry[1])
        elif tag == _BOX:
            append(new(Item, (BOX, entry[1], entry[2] * per_em, 0.0, 0.0, False, entry[3])))
        else:
            append(new(Item, (GLUE, entry[1], entry[2] + entry[3] * per_em, entry[4], 0.0, False, entry[5])))
    return out


@lru_cache(maxsize=4096)  # ≈ 1,900 distinct words in a booklet, ≈ 40 new in each province
def _width(text: str, font: str, size: float) -> float:
    return stringWidth(text, font, size)


def break_points(text: str, hyphenate: bool, min_word: int = 0) -> dict[int, str]:
    """A fresh copy of :func:`_break_points`, which is cached (words repeat)."""
    return dict(_break_points(text, hyphenate, min_word))


@lru_cache(maxsize=4096)  # ≈ 1,600 words in a booklet
def _break_points(text: str, hyphenate: bool, min_word: int) -> tuple[tuple[int, str], ...]:
    """Where a word may break: offset → "hyphen" (a hyphen is added) or "explicit" (after its own '-').

    Only letters count: a break keeps :data:`MIN_LETTERS` of them on each side; words with
    digits, acronyms (ASDEP) and a suffix after an apostrophe (Kahramanmaraş'ta) are not
    hyphenated.
    """
    points: dict[int, str] = {}
    for i, ch in enumerate(text):
        if ch == "-" and _letters_before(text, i) >= MIN_LETTERS and _letters_after(text, i + 1) >= MIN_LETTERS:
            points[i + 1] = "explicit"
    if not hyphenate or any(ch.isdigit() for ch in text):
        return tuple(points.items())
    for match in LETTERS.finditer(text):
        stem, start = match.group(), match.start()
        if len(stem) < max(min_word, 2 * MIN_LETTERS) or stem.isupper():
            continue
        if start and text[start - 1] in "'’":
            continue
        for p in turkish.break_points(stem):
            if MIN_LETTERS <= p <= len(stem) - MIN_LETTERS:
                points[start + p] = "hyphen"
    return tuple(points.items())


def _letters_before(text: str, end: int) -> int:
    count = 0
    while end - count > 0 and text[end - count - 1].isalpha():
        count += 1
    return count


def _letters_after(text: str, start: int) -> int:
    count = 0
    while start + count < len(text) and text[start + count].isalpha():
        count += 1
    return count


def _lines(items: list[Item], breaks, signature: tuple, attempt: Pass) -> list[LineSpec]:
    """The chosen breaks as lines of text runs, with the hyphen added where one is."""
    lines = []
    start = 0
    for brk in breaks:
        while start < brk.position and items[start].kind != BOX:
            start += 1  # glue and penalties after a break are discarded
        runs: list[list] = []
        natural = 0.0
        spaces = 0
        for item in items[start : brk.position]:
            if item.kind == PENALTY or item.ref is None:  # not drawn: the rag, the last line's fill
                continue
            natural += item.width
            if item.ref == SPACE_REF:
                spaces += 1
                runs[-1][1] += " "
                continue
            index, text = item.ref  # a no-break space stretches too; ReportLab counts those itself
            if runs and runs[-1][0] == index:
                runs[-1][1] += text
            else:
                runs.append([index, text])
        end = items[brk.position]
        hyphen = ""
        if end.kind == PENALTY and end.ref is not None:
            index, hyphen = end.ref
            if hyphen == "added":
                natural += end.width
                if runs and runs[-1][0] == index:
                    runs[-1][1] += "-"
                else:
                    runs.append([index, "-"])
        glyphs = sum(len(t) for _, t in runs)
        size = max((signature[i][2] for i, _ in runs), default=0)
        stretched = brk.ratio if 0 < brk.ratio < INFINITY else 0.0
        tracking = stretched * size * attempt.tracking / max_ratio(TOLERANCE)
        lines.append(LineSpec(tuple((i, t) for i, t in runs), natural, spaces, brk.ratio, tracking, glyphs, hyphen))
        start = brk.position + 1
    return lines

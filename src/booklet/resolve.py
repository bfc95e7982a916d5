"""Resolve stage: figures become Turkish-formatted text and every character is checked.

After this stage a paragraph is a list of spans ready to typeset; the layout never sees
a ``{name}`` or a raw number.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from . import typography
from .content.model import Booklet, Paragraph, Run
from .content.source import Text
from .diagnostics import Location, Report, number, quote
from .fonts import FontSet
from .i18n import _, current
from .turkish import FORMATTERS, NBSP, SUFFIX_WORD_RE, suffix_for, unbreakable_spaces

# Characters that carry no glyph and that ReportLab handles itself.
INVISIBLE = {"\u00ad", "\n"}


@dataclass(frozen=True)
class Span:
    text: str
    bold: bool = False
    figure: bool = False


@dataclass(frozen=True)
class Resolved:
    """A paragraph ready for layout."""

    spans: tuple[Span, ...]
    highlight: bool
    location: Location

    @property
    def plain(self) -> str:
        return "".join(s.text for s in self.spans)


class Resolver:
    def __init__(self, booklet: Booklet, fonts: FontSet, report: Report):
        self.booklet = booklet
        self.fonts = fonts
        self.report = report
        self.values = {"il": booklet.meta.province.value}
        for name, figure in booklet.figures.items():
            if figure.value is not None:
                self.values[name] = FORMATTERS[figure.kind](figure.value)
        self.count_figures = {n for n, f in booklet.figures.items() if f.kind == "count"}
        from .layout.styles import word_measures

        self.column_em, self.piece_em = word_measures(booklet.meta.page_size)
        # text a line cannot break inside (no-break spaces included), long enough to be too wide
        self.widest_glyph = _widest_glyph(fonts)
        self.long_run = re.compile(rf"[^ \t\n]{{{max(1, int(self.column_em / self.widest_glyph))},}}")
        self._widths: dict[str, float] = {}

    def paragraph(self, paragraph: Paragraph) -> Resolved:
        spans: list[Span] = []
        bind_next = False
        after: Run | None = None  # the figure just before this run, whose suffix follows it
        for run in paragraph.runs:
            if run.figure is not None:
                spans.append(Span(self.values.get(run.figure, ""), run.bold, run.figure != "il"))
                bind_next = run.figure in self.count_figures
                after = run
                continue
            text = run.text
            if after is not None:
                text = self._suffix(paragraph, after, run)
            after = None
            if bind_next and text.startswith(" "):
                # a count and the word it counts stay on one line: "92.783 haneye"
                text = NBSP + text[1:]
            bind_next = False
            self._check_glyphs(paragraph, run)
            spans.append(Span(self._break_long_words(paragraph, run, text), run.bold))
        return Resolved(_bind_phrases(spans), paragraph.highlight, paragraph.text.location)

    def _suffix(self, paragraph: Paragraph, figure: Run, run: Run) -> str:
        """The run after a figure, with the suffix the figure's current value takes:
        ``{oran}'ü`` prints %3'ü for 3 and %5'i for 5."""
        text = run.text
        printed = self.values.get(figure.figure or "", "")
        is_name = figure.figure == "il"
        match = SUFFIX_WORD_RE.match(text)
        if match is None:
            if text[:1].isalpha() and not is_name:
                self.report.error(
                    paragraph.text.locate(run.offset),
                    _("a suffix after a number is joined with an apostrophe"),
                    _("write {{{name}}}'{text} (the booklet then fits the suffix to the number)").format(
                        name=figure.figure, text=_word(text)
                    ),
                )
            return text
        written = match.group(1)
        try:
            fitted = suffix_for(printed, written, is_name=is_name) if printed else written
        except ValueError:
            fitted = None
        if fitted is None:
            self.report.error(
                paragraph.text.locate(run.offset + 1),
                _("the suffix '{suffix}' after {{{name}}} cannot be fitted to the value").format(
                    suffix=written, name=figure.figure
                ),
                _(
                    "write one of the endings the booklet knows: 'de, 'den, 'e, 'i, 'in, 'le, 'dir, 'lik, 'ler,"
                    " 'li, 'inci (in any form), or put the figure where it needs no suffix"
                ),
            )
            return text
        return text[:1] + fitted + text[match.end() :]

    def text(self, text) -> str:
        """A plain metadata string (cover lines), checked like prose."""
        if self.fonts.can_draw_all(text.value):
            return text.value
        for i, ch in enumerate(text.value):
            self._check_char(ch, lambda i=i: text.locate(i))
        return text.value

    def _width(self, ch: str) -> float:
        """A character's width in ems of the bold face, the widest the booklet sets text in."""
        width = self._widths.get(ch)
        if width is None:
            from reportlab.pdfbase.pdfmetrics import stringWidth

            width = self._widths[ch] = stringWidth(ch, self.fonts.bold, 1.0)
        return width

    def _break_long_words(self, paragraph: Paragraph, run: Run, text: str) -> str:
        """A word wider than the text column (a pasted web address, text copied from a PDF
        without its spaces) is broken into pieces that fit the narrowest column, at a
        no-break space where there is one; a warning names it. Every line breaker after
        this meets only words it can place, so layout time stays bounded."""
        if len(text) * self.widest_glyph <= self.column_em:
            return text
        out, start = [], 0
        for match in self.long_run.finditer(text):
            word = match.group()
            if sum(map(self._width, word)) <= self.column_em:
                continue
            out.append(text[start : match.start()])
            out.append(self._pieces(word))
            start = match.end()
            if "\u00a0" in word:  # words tied by no-break spaces: broken at them
                message = _(
                    "'{start}' ({count} characters tied by no-break spaces) is wider than the column; it is broken into lines"
                )
                hint = _("type normal spaces between the words that need not stay together")
            else:
                message = _(
                    "'{start}' ({count} characters without a space) is wider than the column; it is broken into lines"
                )
                hint = _(
                    "put spaces where it may break, or shorten it (a pasted web address or text copied from a PDF often lacks them)"
                )
            self.report.warning(
                paragraph.text.locate(run.offset + match.start()),
                message.format(start=quote(word, 40), count=number(len(word))),
                hint,
            )
        if not out:
            return text
        out.append(text[start:])
        return "".join(out)

    def _pieces(self, word: str) -> str:
        """``word`` with a space wherever a line must end; a no-break space is preferred."""
        chars, width, last_nbsp, since = list(word), 0.0, -1, 0
        for i, ch in enumerate(word):
            if ch == NBSP:
                last_nbsp = i
            width += self._width(ch)
            since += 1
            if width > self.piece_em * 0.95 and since > 1:
                if last_nbsp > i - since:  # break at the no-break space inside this piece
                    chars[last_nbsp] = " "
                    since = i - last_nbsp
                    width = sum(self._width(c) for c in word[last_nbsp + 1 : i + 1])
                else:
                    chars[i] = " " + ch
                    since, width = 1, self._width(ch)
        return "".join(chars)

    def _check_glyphs(self, paragraph: Paragraph, run: Run) -> None:
        if self.fonts.can_draw_all(run.text):
            return
        for i, ch in enumerate(run.text):
            self._check_char(ch, lambda i=i: paragraph.text.locate(run.offset + i))

    def _check_char(self, ch: str, where) -> None:
        if ch in INVISIBLE or self.fonts.can_draw(ch):
            return
        self.report.error(where(), *cannot_draw(ch))


def cannot_draw(ch: str) -> tuple[str, str]:
    """The message and hint for a character the fonts lack: its code point, and in English
    its Unicode name (Unicode's names are English: a Turkish message leaves it out)."""
    code = f"U+{ord(ch):04X}"
    if ch == "\t":  # pasted from a table or typed by a tab key: invisible, so named
        return (
            _("a tab character ({code}) in the text: the booklet sets no tabs").format(code=code),
            _("replace it with a normal space"),
        )
    if current() == "en" and unicodedata.name(ch, ""):
        code += " " + unicodedata.name(ch)
    return (
        _("the booklet's font cannot draw '{ch}' ({code})").format(ch=ch, code=code),
        _("replace it with a character the font has, or remove it"),
    )


@cache
def _widest_glyph(fonts: FontSet) -> float:
    """The widest character of the bold face, in ems (about 1.7, for ‱): a text shorter than
    the column divided by this cannot hold a word too wide for the column."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return max(stringWidth(chr(code), fonts.bold, 1.0) for code in fonts.coverage if code > 31)


def _word(text: str) -> str:
    end = 0
    while end < len(text) and text[end].isalpha():
        end += 1
    return text[:end]


def _bind_phrases(spans: list[Span]) -> tuple[Span, ...]:
    """Spaces inside dates, ordinals and "2024 yılında" become no-break spaces, across spans."""
    plain = "".join(s.text for s in spans)
    positions = unbreakable_spaces(plain)
    if not positions:
        return tuple(spans)
    chars = list(plain)
    for position in positions:
        chars[position] = NBSP
    result, start = [], 0
    for span in spans:
        end = start + len(span.text)
        text = "".join(chars[start:end])
        result.append(span if text == span.text else dataclasses.replace(span, text=text))
        start = end
    return tuple(result)


def resolve(booklet: Booklet, fonts: FontSet, report: Report) -> tuple[Booklet, Resolver]:
    """Replace every :class:`Paragraph` in the booklet by its :class:`Resolved` form."""
    booklet = typography.normalise(booklet, report)  # one quote and range style, each change reported
    resolver = Resolver(booklet, fonts, report)
    resolved = _walk(booklet, resolver)
    for text in _metadata_texts(booklet):
        resolver.text(text)
    report.raise_if_errors()
    return resolved, resolver


def _metadata_texts(booklet: Booklet):
    meta = booklet.meta
    yield from (meta.province, meta.title, meta.publisher, meta.edition, booklet.cover.mark)
    back = booklet.back_cover
    yield from (t for t in (back.mark, back.emblem, back.motto) if t is not None)


def _walk(value, resolver: Resolver):
    if isinstance(value, (Text, str)):
        return value
    if isinstance(value, Paragraph):
        return resolver.paragraph(value)
    if isinstance(value, tuple):
        return tuple(_walk(v, resolver) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for field in dataclasses.fields(value):
            old = getattr(value, field.name)
            new = _walk(old, resolver)
            if new is not old:
                changes[field.name] = new
        return dataclasses.replace(value, **changes) if changes else value
    return value

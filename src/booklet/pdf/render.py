"""Painting a finished layout onto a ReportLab canvas, once per target.

The layout's pages are painted as they are; the print target only moves them inside a
larger sheet (bleed and marks around the trim), clips them at the bleed edge, and lets
the colour hook turn theme colours into CMYK instead of their RGB twins.
"""

from __future__ import annotations

import datetime
import io
import os
import time

from reportlab.lib.utils import TimeStamp

from ..layout.colours import to_print, to_screen
from ..layout.paginate import Layout, Page
from ..layout.structure import artifact
from .finish import finish_accessible
from .marks import draw_marks, draw_slug
from .tagging import MarkedContent, TaggedCanvas
from .targets import Target


def build_epoch(layout: Layout) -> int:
    """The document's date: ``SOURCE_DATE_EPOCH`` if set, else the booklet's month; never the clock."""
    env = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if env.isdigit():
        return int(env)
    date = layout.booklet.meta.date
    return int(datetime.datetime(date.year, date.month, date.day, tzinfo=datetime.UTC).timestamp())


def _timestamp(epoch: int) -> TimeStamp:
    stamp = TimeStamp(invariant=1)
    stamp.t = epoch
    stamp.lt = time.gmtime(epoch)
    stamp.YMDhms = tuple(stamp.lt)[:6]
    return stamp


def padded_pages(layout: Layout, target: Target) -> tuple[list[Page], int]:
    """The pages of a target: for saddle stitching, blank pages go before the back cover."""
    pages = list(layout.pages)
    blanks = (-len(pages)) % target.pad_to
    if blanks:
        back = pages.pop() if pages and pages[-1].kind == "back" else None
        pages += [Page(len(pages) + i + 1, "blank") for i in range(blanks)]
        if back is not None:
            pages.append(back)
    return pages, blanks


def render_pdf(layout: Layout, target: Target, file_name: str = "") -> bytes:
    """The tagged PDF for one target as bytes; the same layout always gives the same bytes."""
    g = layout.geometry
    offset = target.offset
    pages, _ = padded_pages(layout, target)
    buffer = io.BytesIO()
    canvas = TaggedCanvas(
        buffer,
        pagesize=(g.width + 2 * offset, g.height + 2 * offset),
        invariant=1,
        pageCompression=1,
        enforceColorSpace=to_print if target.cmyk else to_screen,
        initialFontName=layout.fonts.regular,
        lang=layout.booklet.meta.language,
    )
    canvas.booklet_cmyk = target.cmyk  # tells picture blocks which pixels to place
    tags = canvas.booklet_tags = MarkedContent()
    epoch = build_epoch(layout)
    canvas._doc._timeStamp = _timestamp(epoch)  # dates from the booklet, not the clock
    meta = layout.booklet.meta
    canvas.setTitle(layout.title)
    canvas.setAuthor(meta.author.value)
    canvas.setSubject(layout.subject)
    canvas.setCreator("booklet")
    canvas.setKeywords([meta.province.value, meta.edition.value, layout.month])
    if offset:
        canvas.setTrimBox((offset, offset, offset + g.width, offset + g.height))
        b = target.bleed
        canvas.setBleedBox((offset - b, offset - b, offset + g.width + b, offset + g.height + b))
    day = datetime.datetime.fromtimestamp(epoch, datetime.UTC).date().isoformat()
    for index, page in enumerate(pages, 1):
        if page.bookmark:
            key = f"p{page.number}"
            canvas.bookmarkPage(key)
            canvas.addOutlineEntry(page.bookmark, key, level=0)
        if offset:
            canvas.saveState()  # outside marked content: a clip's q may not sit inside one
        tags.start_page(canvas)
        if offset:
            with artifact(canvas):
                canvas.translate(offset, offset)
                clip = canvas.beginPath()
                clip.rect(-target.bleed, -target.bleed, g.width + 2 * target.bleed, g.height + 2 * target.bleed)
                canvas.clipPath(clip, stroke=0, fill=0)
        for paint in page.furniture:
            kind = getattr(paint, "artifact", None)
            if kind is None:  # mixed furniture (covers, band): marks its own texts
                paint(canvas)
            else:
                with artifact(canvas, *kind):
                    paint(canvas)
        for placed in page.placements:
            placed.flowable.drawOn(canvas, placed.x, placed.y)
        if offset:
            canvas.restoreState()
        if target.marks:
            with artifact(canvas, "Page"):
                draw_marks(canvas, g.width, g.height, offset, target.bleed)
                draw_slug(canvas, layout, offset, f"{file_name} · {index}/{len(pages)} · {day}")
        tags.end_page(canvas)
        canvas.showPage()
    canvas.showOutline()
    canvas.save()
    facts = {
        "title": layout.title,
        "author": meta.author.value,
        "subject": layout.subject,
        "language": meta.language,
        "keywords": ", ".join((meta.province.value, meta.edition.value, layout.month)),
    }
    if target.cmyk:  # PDF/X allows no annotations inside the BleedBox: the printed contents are not links
        tags.links.clear()
    return finish_accessible(buffer.getvalue(), tags, facts, epoch, linearize=not target.cmyk)

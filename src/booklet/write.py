"""Write stage: paint a finished layout onto a PDF canvas and put the file in place atomically."""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from .layout.colours import to_screen
from .layout.paginate import Layout


def render_pdf(layout: Layout, colour_space=to_screen) -> bytes:
    """The PDF as bytes; the same layout always gives the same bytes."""
    g = layout.geometry
    buffer = io.BytesIO()
    canvas = Canvas(
        buffer,
        pagesize=(g.width, g.height),
        invariant=1,
        pageCompression=1,
        enforceColorSpace=colour_space,
        initialFontName=layout.fonts.regular,
        lang=layout.booklet.meta.language,
    )
    meta = layout.booklet.meta
    canvas.setTitle(layout.title)
    canvas.setAuthor(meta.author.value)
    canvas.setSubject(layout.subject)
    canvas.setCreator("booklet")
    canvas.setKeywords([meta.province.value, meta.edition.value, layout.month])
    for page in layout.pages:
        for paint in page.furniture:
            paint(canvas)
        for placed in page.placements:
            placed.flowable.drawOn(canvas, placed.x, placed.y)
        if page.bookmark:
            key = f"p{page.number}"
            canvas.bookmarkPage(key)
            canvas.addOutlineEntry(page.bookmark, key, level=0)
        canvas.showPage()
    canvas.showOutline()
    canvas.save()
    return buffer.getvalue()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomically(data: bytes, target: Path) -> None:
    """Write next to the target and rename over it: a failed build never leaves half a file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a PDF is for sharing
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise

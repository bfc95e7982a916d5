"""Opening a PDF someone sent: the first place a damaged, locked or hostile file is answered.

Checks come in the order that costs least: what the path is and how large, whether the
first bytes say PDF, then qpdf reads the cross-reference table without "repairing" it (a
repaired file is not the file the printer was sent), and the page tree is counted.
``impose`` opens its input the same way.
"""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path

import pikepdf

from ..i18n import _
from .limits import MAX_FILE_BYTES, MAX_PAGES, Unreadable, count, damaged, short_reason, too_complex

KNOWN_DAMAGE = {  # qpdf's words, as an editor would understand them
    "can't find startxref": lambda: _("it ends before its cross-reference table (an incomplete download or copy?)"),
    "unable to find trailer": lambda: _("it has no trailer (an incomplete download or copy?)"),
    "xref not found": lambda: _("its cross-reference table is missing or broken"),
    "unable to find /Root dictionary": lambda: _("it has no document catalog (/Root), so it has no pages to read"),
    "Loop detected in /Pages": lambda: _("its page tree loops back on itself"),
}


def _describe(exc: BaseException) -> str:
    reason = short_reason(exc)
    for words, message in KNOWN_DAMAGE.items():
        if words in reason:
            return message()
    return reason


def _head(source: Path | bytes) -> bytes:
    if isinstance(source, bytes | bytearray):
        return bytes(source[:1024])
    try:
        info = os.stat(source)
    except OSError as exc:
        raise Unreadable(_("cannot be read: {reason}").format(reason=exc.strerror or exc)) from None
    if not stat.S_ISREG(info.st_mode):
        raise Unreadable(_("not a regular file (a folder, a pipe or a device)"))
    if info.st_size > MAX_FILE_BYTES:
        raise too_complex(
            _("it is {size} MB, more than the {limit} MB this check reads").format(
                size=count(info.st_size >> 20), limit=count(MAX_FILE_BYTES >> 20)
            )
        )
    try:
        with open(source, "rb") as handle:
            return handle.read(1024)
    except OSError as exc:
        raise Unreadable(_("cannot be read: {reason}").format(reason=exc.strerror or exc)) from None


def open_pdf(source: Path | bytes) -> pikepdf.Pdf:
    """The opened PDF with at least one page, or :class:`Unreadable` with the line to show."""
    if b"%PDF-" not in _head(source):
        raise Unreadable(_("the file is not a PDF: it does not start with %PDF-"))
    target = io.BytesIO(source) if isinstance(source, bytes | bytearray) else source
    try:
        pdf = pikepdf.open(target, attempt_recovery=False)
    except pikepdf.PasswordError:
        raise Unreadable(_("the file is password-protected: save it without a password, then check it again")) from None
    except (pikepdf.PdfError, RecursionError, ValueError) as exc:
        raise damaged(_describe(exc)) from None
    try:
        pages = len(pdf.pages)
    except (pikepdf.PdfError, RecursionError, ValueError, TypeError) as exc:
        pdf.close()
        raise damaged(_("its page tree cannot be read ({reason})").format(reason=short_reason(exc))) from None
    if pages == 0:
        pdf.close()
        raise Unreadable(_("the file has no pages"))
    if pages > MAX_PAGES:
        pdf.close()
        raise too_complex(
            _("it has {pages} pages, more than {limit}").format(pages=count(pages), limit=count(MAX_PAGES))
        )
    return pdf

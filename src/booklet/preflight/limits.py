"""Bounds on the work a preflight does, so that a hostile or damaged PDF ends with one clear line.

A 4 KB file can hold a form that draws itself, a fan-out of forms drawn a billion times or a
content stream that inflates to gigabytes. Everything the preflight and ``impose`` read goes
through these limits; a file beyond them is answered with a finding, never a hang, a crash
or an out-of-memory abort. The values leave a booklet of 100 richly set pages far inside.
"""

from __future__ import annotations

import base64
import binascii
import zlib
from dataclasses import dataclass

import pikepdf

from ..i18n import _, current

MAX_FILE_BYTES = 1 << 30  # 1 GiB: checked before the file is opened
MAX_PAGES = 5_000
MAX_STREAM_BYTES = 2 << 20  # one decoded content stream (≈ 200,000 operations)
MAX_CONTENT_BYTES = 48 << 20  # all decoded content of the file
MAX_OPERATIONS = 300_000  # drawing operations this check reads and follows
MAX_DRAWN = 4_000_000  # operations as a renderer draws them: a form counts every time it is drawn
MAX_FORM_PLACEMENTS = 50_000  # forms drawn, counted as a renderer draws them
MAX_FORM_DEPTH = 24  # forms inside forms
MAX_SPACE_DEPTH = 8  # colour spaces inside colour spaces (Indexed of DeviceN of …)
MAX_RENDER_PIXELS = 100_000_000  # an image larger than this is not rendered for ink and bleed


def count(n: int) -> str:
    """A large whole number grouped the way the reader's language groups it (400,000 / 400.000)."""
    text = f"{n:,}"
    return text.replace(",", ".") if current() == "tr" else text


class Unreadable(Exception):
    """The file cannot be checked at all: the message is the one line the user sees."""

    def __init__(self, message: str, page: int | None = None):
        super().__init__(message)
        self.message = message
        self.page = page


def damaged(detail: str, page: int | None = None) -> Unreadable:
    return Unreadable(_("the file is damaged: {detail}").format(detail=detail), page)


def too_complex(detail: str, page: int | None = None) -> Unreadable:
    return Unreadable(_("the file is too complex to check: {detail}").format(detail=detail), page)


@dataclass
class Budget:
    """Work left for one file. Two counts: what this check reads, and what a renderer would draw
    (PDFium and Ghostscript render the file later, and draw a form every time it is placed)."""

    operations: int = MAX_OPERATIONS
    drawn: int = MAX_DRAWN
    placements: int = MAX_FORM_PLACEMENTS
    content_bytes: int = MAX_CONTENT_BYTES

    def read(self, size: int, page: int | None) -> None:
        self.content_bytes -= size
        if self.content_bytes < 0:
            raise too_complex(_("more than {limit} MB of page content").format(limit=MAX_CONTENT_BYTES >> 20), page)

    def walk(self, operations: int, page: int | None) -> None:
        self.operations -= operations
        if self.operations < 0:
            raise too_complex(_("more than {limit} drawing operations").format(limit=count(MAX_OPERATIONS)), page)
        self.replay(operations, 0, page)

    def replay(self, drawn: int, placements: int, page: int | None) -> None:
        """Work a renderer does again for a placement this check has already followed."""
        self.drawn -= drawn
        self.placements -= placements
        if self.placements < 0:
            raise too_complex(
                _("forms are drawn more than {limit} times").format(limit=count(MAX_FORM_PLACEMENTS)), page
            )
        if self.drawn < 0:
            raise too_complex(
                _("its forms would draw more than {limit} operations").format(limit=count(MAX_DRAWN)), page
            )


def _filters(stream: pikepdf.Object) -> list[str]:
    value = stream.get("/Filter")
    if value is None:
        return []
    if isinstance(value, pikepdf.Name):
        return [str(value)]
    if isinstance(value, pikepdf.Array):
        return [str(v) for v in value]
    raise damaged(_("a stream has an unreadable /Filter"))


def _has_predictor(stream: pikepdf.Object) -> bool:
    parms = stream.get("/DecodeParms")
    items = parms if isinstance(parms, pikepdf.Array) else [parms]
    return any(isinstance(p, pikepdf.Dictionary) and p.get("/Predictor", 1) not in (1, None) for p in items)


def _inflate(data: bytes, limit: int) -> bytes:
    inflater = zlib.decompressobj()
    try:
        out = inflater.decompress(data, limit + 1)
    except zlib.error:
        # what qpdf does too: keep what inflated before the damage
        out = b""
    if len(out) > limit:
        raise _StreamTooLarge
    return out


class _StreamTooLarge(Exception):
    pass


def decoded(stream: pikepdf.Object, limit: int = MAX_STREAM_BYTES) -> bytes | None:
    """The stream's decoded bytes, never more than ``limit``; ``None`` when it would be larger.

    Flate, ASCII85 and ASCIIHex (the filters of content streams and profiles) are expanded here
    with a bound; any other filter is left to qpdf only when even its worst expansion stays small.
    """
    filters = _filters(stream)
    try:
        raw = stream.read_raw_bytes()
    except pikepdf.PdfError as exc:
        raise damaged(_("a stream cannot be read ({exc})").format(exc=short_reason(exc))) from None
    simple = {"/FlateDecode", "/Fl", "/ASCII85Decode", "/A85", "/ASCIIHexDecode", "/AHx"}
    try:
        if not set(filters) <= simple or _has_predictor(stream):
            if len(raw) * 1100 > limit:
                return None
            return stream.read_bytes()
        data = raw
        for name in filters:
            if name in ("/FlateDecode", "/Fl"):
                data = _inflate(data, limit)
            elif name in ("/ASCII85Decode", "/A85"):
                data = base64.a85decode(data.split(b"~>")[0].replace(b"<~", b""), ignorechars=b" \t\r\n\f\0")
            else:
                data = binascii.unhexlify(_even(b"".join(data.split(b">")[0].split())))
        if len(data) > limit:
            return None
        return data
    except _StreamTooLarge:
        return None
    except (ValueError, binascii.Error, pikepdf.PdfError) as exc:
        raise damaged(_("a stream cannot be decoded ({exc})").format(exc=short_reason(exc))) from None


def _even(hexdigits: bytes) -> bytes:
    return hexdigits + b"0" if len(hexdigits) % 2 else hexdigits


def short_reason(exc: BaseException) -> str:
    """qpdf's message without the file name and offsets it starts with."""
    lines = str(exc).strip().splitlines()
    text = lines[0] if lines else _("unreadable")
    prefix, sep, rest = text.partition(": ")
    if sep and ("/" in prefix or "offset" in prefix or "object" in prefix or prefix.startswith("<")):
        text = rest
    return text[:160]

"""The embedded fonts, registered with ReportLab once per process.

Only TrueType fonts that cover Turkish are used; the 14 standard PDF fonts would turn
ğ, ş, ı into black boxes without a warning.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from .assets import assets_dir, shown

REGULAR = "NotoSans"
BOLD = "NotoSans-Bold"
ITALIC = "NotoSans-Italic"
BOLD_ITALIC = "NotoSans-BoldItalic"
FACES = {
    REGULAR: "NotoSans-Regular.ttf",
    BOLD: "NotoSans-Bold.ttf",
    ITALIC: "NotoSans-Italic.ttf",
    BOLD_ITALIC: "NotoSans-BoldItalic.ttf",
}


@dataclass(frozen=True)
class FontSet:
    regular: str
    bold: str
    italic: str
    bold_italic: str
    coverage: frozenset[int]  # code points every face can draw

    def can_draw(self, ch: str) -> bool:
        return ord(ch) in self.coverage

    def can_draw_all(self, text: str) -> bool:
        return self.coverage.issuperset(map(ord, text))


def register(folder: Path | None = None) -> FontSet:
    """The faces of ``folder`` (default: the installed ones), registered with ReportLab.

    ReportLab never replaces a face registered under a name, so faces that differ from the
    installed ones (a checkout's edited fonts) are registered under names of their own,
    ending in their checksum; the same files anywhere give the same names and PDF."""
    folder = (folder or assets_dir() / "fonts").resolve()
    digest = _digest(folder)
    installed = _digest((assets_dir() / "fonts").resolve())
    return _load(folder, "" if digest == installed else f"-{digest[:8]}", digest)


def _digest(folder: Path) -> str:
    hasher = hashlib.sha256()
    for filename in FACES.values():
        if not (folder / filename).is_file():
            _missing(folder, filename)
        hasher.update((folder / filename).read_bytes())
    return hasher.hexdigest()


@lru_cache(maxsize=16)  # one font set per distinct fonts folder; evicted ones register again
def _load(folder: Path, suffix: str, digest: str) -> FontSet:
    """Register the faces (subsets, so this takes milliseconds) with their coverage, once per content."""
    names = {name: name + suffix for name in FACES}
    coverage: frozenset[int] | None = None
    for name, filename in FACES.items():
        font = TTFont(names[name], str(folder / filename))
        if suffix:  # ReportLab shares faces by their PostScript name: an edited face needs its own
            font.face.name += suffix.encode("ascii")
        pdfmetrics.registerFont(font)
        codes = frozenset(font.face.charToGlyph)
        coverage = codes if coverage is None else coverage & codes
    regular, bold, italic, bold_italic = (names[n] for n in (REGULAR, BOLD, ITALIC, BOLD_ITALIC))
    pdfmetrics.registerFontFamily(regular, normal=regular, bold=bold, italic=italic, boldItalic=bold_italic)
    return FontSet(regular, bold, italic, bold_italic, coverage or frozenset())


def _missing(folder: Path, filename: str) -> None:
    """A face missing from the fonts folder in use: where it was looked for, and what else is used."""
    from .diagnostics import BookletError, Location
    from .i18n import _

    installed = (assets_dir() / "fonts").resolve()
    folders = [folder] if folder == installed else [folder, installed]
    raise BookletError.single(
        Location(folder / filename),
        _("font file '{file}' not found").format(file=filename),
        _(
            "looked for it in {folders}: the first that holds fonts is used whole; put all four Noto Sans faces"
            " ({faces}) there"
        ).format(folders=shown(folders), faces=", ".join(FACES.values())),
    )

"""The booklet as typed, frozen data: nothing after loading looks at raw YAML.

The models of the block kinds live with their kind, in :mod:`booklet.blocks`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from ..diagnostics import Location
from .source import Text

FIGURE_KINDS = ("count", "money", "percent", "year")


@dataclass(frozen=True)
class Run:
    """A piece of a paragraph: plain text, or a reference to a figure, bold or not."""

    text: str
    bold: bool = False
    figure: str | None = None
    offset: int = 0  # where the run starts inside its paragraph, for error locations


@dataclass(frozen=True)
class Paragraph:
    text: Text
    runs: tuple[Run, ...]
    highlight: bool = False  # a "> " paragraph: the figure sentence drawn in a call-out box


@dataclass(frozen=True)
class Section:
    id: str
    title: Paragraph
    colour: Text
    icon: Text | None
    intro: tuple[Paragraph, ...]
    blocks: tuple[object, ...]  # models of the kinds in booklet.blocks (Subsection, Stats, …)
    path: Path
    id_location: Location | None = None


@dataclass(frozen=True)
class Figure:
    """One figure of a period; ``value`` is None while it is still to be filled in."""

    name: str
    value: Decimal | None
    kind: str
    label: str
    location: Location
    stale: bool = False
    cumulative: bool | None = None  # None: decided from the prose
    value_location: Location | None = None
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    total_of: tuple[str, ...] = ()


@dataclass(frozen=True)
class Colour:
    """A theme colour in both spaces: RGB for screens, CMYK for the press."""

    name: str
    rgb: tuple[float, float, float]
    cmyk: tuple[float, float, float, float]
    location: Location
    derived: bool = False  # no cmyk in theme.yaml: derived from the rgb through FOGRA39
    differs: str | None = None  # why the print colour is meant to differ from the screen one


@dataclass(frozen=True)
class Theme:
    colours: dict[str, Colour]
    section_break: str = "continue"  # page: every section opens a page; continue: after the last, if there is room
    keep_with_band: int = 6  # body lines a section's band needs below it to open mid-page
    quotes: str = "curly"  # curly “…” ’ | straight "…" '
    ranges: str = "en-dash"  # en-dash 1914–1918 | hyphen 1914-1918


@dataclass(frozen=True)
class PageSize:
    name: str
    width_mm: float
    height_mm: float


@dataclass(frozen=True)
class Meta:
    province: Text
    title: Text
    publisher: Text
    author: Text
    date: datetime.date
    edition: Text
    page_size: PageSize
    language: str


@dataclass(frozen=True)
class Cover:
    mark: Text
    ministry: Text | None = None
    show_edition: bool = False


@dataclass(frozen=True)
class BackCover:
    mark: Text
    emblem: Text | None
    motto: Text | None
    contact: object | None = None  # a blocks.contact.Contact
    qr: Text | None = None  # the web address the QR code encodes


@dataclass(frozen=True)
class Booklet:
    root: Path
    meta: Meta
    cover: Cover
    introduction: tuple[Paragraph, ...]
    back_cover: BackCover
    sections: tuple[Section, ...]
    figures: dict[str, Figure]
    theme: Theme
    prose: Path | None = None  # the shared prose folder, when the booklet uses one
    introduction_title: Text | None = None  # default: Sunuş

    @property
    def asset_roots(self) -> tuple[Path, ...]:
        """Folders searched for a booklet's own icons, before the shipped ones."""
        return (self.root,) + ((self.prose,) if self.prose else ())

    @property
    def slug(self) -> str:
        """The output file name stem, e.g. ``elazig-2024-2``."""
        from ..turkish import ascii_slug

        return f"{ascii_slug(self.meta.province.value)}-{ascii_slug(self.meta.edition.value)}"

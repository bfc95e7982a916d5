"""``image``: a JPEG or PNG inside the booklet folder, at the column width or less, with a caption.

The file is checked when the content is loaded (damaged, a decompression bomb, a path
leading outside the booklet) and again at its printed size, where resolution matters.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from reportlab.lib.units import mm

from ..assets import shown
from ..content.fields import Field
from ..content.model import Paragraph
from ..content.source import Text
from ..diagnostics import quote
from ..i18n import N_, _
from ..layout.colours import ThemeColour
from ..layout.flowables import Block, Para, markup
from ..layout.structure import Node, marked, tag
from .base import Kind

MIN_PPI = 300
HARD_MIN_PPI = 200

FIELDS = {
    "file": Field(
        "text",
        True,
        N_(
            "Image file, e.g. images/merkez.jpg: looked for in the booklet's folder, then in the folder of the file"
            " that names it (the shared prose's)."
        ),
    ),
    "alt": Field(
        "text",
        True,
        N_("What the picture shows, in a sentence, for readers who cannot see it (screen readers read it aloud)."),
    ),
    "caption": Field("text", False, N_("Line printed under the picture.")),
    "width": Field("number", False, N_("Printed width in mm; default: the full text column.")),
}


@dataclass(frozen=True)
class ImageBlock:
    file: Text  # as written, for messages
    path: Path  # resolved inside the booklet folder
    caption: Paragraph | None = None
    width_mm: Decimal | None = None
    alt: Text | None = None  # the Figure's alternative text (required by the reader)
    root: Path | None = None  # the folder of the file that names the picture (a booklet's or the prose's)


def folders(block: ImageBlock, booklet) -> list[Path]:
    """Where the picture is looked for, in order: the booklet's own folder (a province's own
    photo), then the folder of the file that names it (the shared prose: one photo for all)."""
    return list(dict.fromkeys([Path(booklet.root).resolve(), *([block.root] if block.root else [])]))


def located(block: ImageBlock, booklet) -> Path | None:
    """The picture's file: the first folder that has it, never a path leading out of its folder."""
    for folder in folders(block, booklet):
        path = (folder / block.file.value).resolve()
        if path.is_relative_to(folder) and path.exists():  # anything there is named by load_picture
            return path
    return None


def read(r, node) -> ImageBlock | None:
    f = r.fields(node, "image", _("image"))
    if f is None or "file" not in f:
        return None
    file = r.text(f["file"], _("image file"))
    alt = r.text(f["alt"], _("alternative text")) if "alt" in f else None
    caption = r.line(f["caption"], _("caption")) if "caption" in f else None
    width = r.number(f["width"], _("image width")) if "width" in f else None
    if file is None or alt is None:
        return None
    root = r.root
    path = (root / file.value).resolve()
    if not path.is_relative_to(root.resolve()):
        r.report.error(
            file.location,
            _("image path '{file}' leads outside the booklet folder").format(file=quote(file.value)),
            _("put the image inside the booklet folder, e.g. images/, and give its path from there"),
        )
        return None
    if width is not None and not 10 <= width <= 600:
        r.report.error(r.at(f["width"]), _("image width must be between 10 and 600 mm"))
        return None
    return ImageBlock(file, path, caption, width, alt, root.resolve())


def paragraphs(block: ImageBlock) -> Iterator[Paragraph]:
    if block.caption is not None:
        yield block.caption


def check(block: ImageBlock, check) -> None:
    from ..images import ImageProblem, load_picture

    path = located(block, check.booklet)
    if path is None:
        where = folders(block, check.booklet)
        check.report.error(
            block.file.location,
            _("image file '{block}' not found").format(block=block.file.value),
            _(
                "looked for it in {folders} (in this order): the booklet's folder holds a picture of this province"
                " only, the shared prose's one for every province"
            ).format(folders=shown(where))
            if len(where) > 1
            else _("looked for it in {folders}; check the path and file name").format(folders=shown(where)),
        )
        return
    try:
        load_picture(path)
    except ImageProblem as exc:
        check.report.error(block.file.location, str(exc))


class PictureBlock(Block):
    """A raster image at the column width (or less) with its caption; CMYK pixels in print."""

    role = "Figure"

    def __init__(self, picture, width: float | None, caption: Para | None, gap: float):
        super().__init__()
        self.picture, self.requested, self.caption, self.gap = picture, width, caption, gap
        self.label = _("the image '{name}'").format(name=picture.path.name)
        self.alt = ""  # the accessible file's /Alt, from the content's 'alt:'
        self.node = None  # the Figure

    def parts(self):
        return [self.caption] if self.caption is not None else []

    def wrap(self, avail_width, avail_height):
        self.image_width = min(self.requested or avail_width, avail_width)
        self.image_height = self.image_width * self.picture.aspect
        caption = self.caption.wrap(avail_width, avail_height)[1] + self.gap if self.caption else 0
        self.width, self.height = avail_width, self.image_height + caption
        return self.width, self.height

    def draw(self):
        from reportlab.lib.utils import ImageReader

        cmyk = getattr(self.canv, "booklet_cmyk", False)
        pixels = self.picture.cmyk if cmyk else self.picture.rgb
        x = (self.width - self.image_width) / 2
        with marked(self.canv, self.node):
            self.canv.drawImage(
                ImageReader(pixels), x, self.height - self.image_height, self.image_width, self.image_height
            )
        if self.caption:
            self.caption.drawOn(self.canv, 0, 0)


def flowable(block: ImageBlock, story, colour: ThemeColour) -> Block:
    """The image at its printed size; below 300 ppi is a warning, below 200 an error."""
    from ..images import load_picture

    s, g = story.styles, story.styles.g
    picture = load_picture(located(block, story.booklet) or block.path)
    width = float(block.width_mm) * mm if block.width_mm else None
    placed = min(width or g.frame_width, g.frame_width)
    ppi = picture.ppi(placed)
    where = block.file.location
    if (where, ppi) in story.checked_images:  # the paginator may build a section twice
        pass
    elif ppi < HARD_MIN_PPI:
        story.report.error(
            where,
            _("image '{block}' is {ppi:.0f} ppi at its printed size; print needs {min_ppi}").format(
                block=block.file.value, ppi=ppi, min_ppi=MIN_PPI
            ),
            _("use a larger image (at least {ppi:.0f} pixels wide) or print it smaller with 'width:'").format(
                ppi=picture.width_px * MIN_PPI / ppi
            ),
        )
    elif ppi < MIN_PPI:
        story.report.warning(
            where,
            _(
                "image '{block}' is {ppi:.0f} ppi at its printed size (below {min_ppi}); it may look soft in print"
            ).format(block=block.file.value, ppi=ppi, min_ppi=MIN_PPI),
        )
    story.checked_images.add((where, ppi))
    caption = tag(Para(markup(block.caption), s.caption), "P", story.container) if block.caption else None
    picture_block = PictureBlock(picture, width, caption, g.mm(2))
    picture_block.alt = block.alt.value.strip() if block.alt else ""
    picture_block.node = Node("Figure", story.container, alt=picture_block.alt)
    return picture_block


KIND = Kind(
    name="image",
    field=Field("record", False, N_("A picture (JPEG or PNG) with an optional caption."), "image"),
    model=ImageBlock,
    records={"image": FIELDS},
    read=read,
    paragraphs=paragraphs,
    check=check,
    flowable=flowable,
)

"""``contact``: how to reach the ministry or a unit — address, telephone, web site, e-mail, hotline.

Used on the back cover (``back_cover: contact:``) and as a block in a section. Only what the
content gives is printed: an empty or missing field leaves no label behind, so nothing has
to be invented to fill a layout.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle

from ..content.fields import Field
from ..content.model import Paragraph
from ..content.source import Text
from ..i18n import N_, _
from ..layout.colours import Palette, ThemeColour
from ..layout.flowables import Block, Para, markup
from ..layout.structure import Node, tag
from .base import Kind

# The field, and the word printed before it (the booklet is in Turkish; the hotline names itself).
LABELS = {"address": "Adres", "telephone": "Telefon", "web": "Web", "email": "E-posta", "hotline": ""}
PLAIN = ("web", "email")  # written as they are, without markup
FIELDS = {
    "address": Field("text", False, N_("Postal address.")),
    "telephone": Field("text", False, N_("Telephone number, as it should be dialled, e.g. 0 (424) 000 00 00.")),
    "web": Field("text", False, N_("Web site, e.g. aile.gov.tr.")),
    "email": Field("text", False, N_("E-mail address.")),
    "hotline": Field("text", False, N_("A hotline, printed large, e.g. ALO 183.")),
}


@dataclass(frozen=True)
class Contact:
    lines: tuple[tuple[str, Paragraph | Text], ...]  # (field, text) in the order of FIELDS, only those given


def read(r, node) -> Contact | None:
    f = r.fields(node, "contact", _("contact"))
    if f is None:
        return None
    lines = []
    for key in FIELDS:
        if key in f and not _empty(f[key]):
            text = r.text(f[key], key) if key in PLAIN else r.line(f[key], key)
            if text is not None:
                lines.append((key, text))
    if not lines and not r.report.errors:
        r.report.error(r.at(node), _("the contact block gives nothing to print"), _("fill in at least one field"))
    return Contact(tuple(lines)) if lines else None


def _empty(node) -> bool:
    """A field left empty (``email:`` or ``email: ""``) is simply not printed."""
    return getattr(node, "tag", "") == "tag:yaml.org,2002:null" or getattr(node, "value", None) == ""


def paragraphs(block: Contact) -> Iterator[Paragraph]:
    for key, text in block.lines:
        if key not in PLAIN:  # addresses are not prose: no figures, no spelling
            yield text


class ContactBlock(Block):
    """The contact lines, each after its label; the hotline last and larger."""

    def __init__(self, lines: list[tuple[str, Para]], label_colour, gap: float):
        super().__init__()
        self.lines, self.label_colour, self.gap = lines, label_colour, gap
        self.label = _("the contact block")

    def parts(self):
        return [p for _key, p in self.lines]

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        self._heights = [p.wrap(avail_width, avail_height)[1] for _key, p in self.lines]
        self.height = sum(self._heights) + self.gap * (len(self.lines) - 1)
        return self.width, self.height

    def draw(self):
        y = self.height
        for (_key, p), h in zip(self.lines, self._heights):
            y -= h
            p.drawOn(self.canv, 0, y)
            y -= self.gap


def contact_flowable(block: Contact, styles, text: ThemeColour, accent: ThemeColour, parent: Node | None) -> Block:
    """The block in given colours: dark on paper in a section, paper on the back cover."""
    g = styles.g
    body = ParagraphStyle("contact", parent=styles.body, alignment=0, textColor=text, hyphenationLang="")
    big = ParagraphStyle(
        "hotline", parent=body, fontName=styles.fonts.bold, fontSize=g.type_size(16), leading=g.type_size(20)
    )
    listing = Node("L", parent, list_numbering="None")
    lines = []
    for key, paragraph in block.lines:
        label = LABELS[key]
        words = escape(paragraph.value.strip()) if key in PLAIN else markup(paragraph)
        if label:
            words = f'<font name="{styles.fonts.bold}" color="{Palette.register(accent)}">{label}</font>  {words}'
        lines.append((key, tag(Para(words, big if key == "hotline" else body), "LI", listing)))
    return ContactBlock(lines, accent, g.mm(1.2))


def flowable(block: Contact, story, colour: ThemeColour) -> Block:
    return contact_flowable(block, story.styles, story.styles.palette["text"], colour, story.container)


KIND = Kind(
    name="contact",
    field=Field(
        "record", False, N_("Address, telephone, web site, e-mail and hotline; empty fields are left out."), "contact"
    ),
    model=Contact,
    records={"contact": FIELDS},
    read=read,
    paragraphs=paragraphs,
    flowable=flowable,
)

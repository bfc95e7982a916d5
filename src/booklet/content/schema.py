"""What each content file may contain, declared once.

The reader validates against these tables and ``booklet schema`` can turn the same tables
into JSON Schema, so editors and the loader never disagree about a key.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Field:
    type: str  # text | name | number | boolean | month | page_size | rgb | cmyk
    required: bool = False  # or: list | map (of ``item`` records) | record (one ``item``)
    help: str = ""
    item: str | None = None
    choices: tuple[str, ...] = ()


RECORDS: dict[str, dict[str, Field]] = {
    "booklet": {
        "province": Field("text", True, "Province name; prose refers to it as {il}."),
        "date": Field("month", True, "Publication month as YYYY-MM, printed as 'Mayıs 2024'."),
        "edition": Field("text", True, "Edition or reporting period, e.g. 2024-2."),
        "prose": Field("text", False, "Folder of the shared prose (prose.yaml, sections/), e.g. ../../prose."),
        "overrides": Field("map", False, "Province-specific text: section-id/subsection-id → {text}.", "override"),
        "title": Field("text", True, "Booklet title, printed under the province name."),
        "publisher": Field("text", True, "Publishing unit, printed on the cover."),
        "author": Field("text", True, "Ministry or body named as the PDF's author."),
        "page_size": Field("page_size", False, "A4, A5, or [width_mm, height_mm]."),
        "language": Field("text", False, "Document language tag, e.g. tr-TR."),
        "cover": Field("record", True, "Front cover texts.", "cover"),
        "introduction": Field("text", True, "Introduction page text (paragraphs)."),
        "back_cover": Field("record", True, "Back cover texts.", "back_cover"),
        "sections": Field("list", True, "Section files, in reading order.", "path"),
    },
    "override": {
        "text": Field("text", True, "The subsection's text for this province, replacing the shared one."),
    },
    "cover": {
        "mark": Field("text", True, "Typographic mark at the cover foot, e.g. Türkiye Yüzyılı."),
    },
    "back_cover": {
        "mark": Field("text", True, "Closing mark."),
        "emblem": Field("text", False, "Large emblem text, e.g. 100."),
        "motto": Field("text", False, "Line under the emblem."),
    },
    "section": {
        "id": Field("name", True, "Short unique id, lowercase with dashes."),
        "title": Field("text", True, "Section title in normal case; printed in capitals."),
        "colour": Field("name", True, "Accent colour: a name from theme.yaml."),
        "icon": Field("name", False, "Icon shown in the section band (assets/icons/NAME.svg)."),
        "intro": Field("text", False, "Opening paragraph(s) under the section band."),
        "blocks": Field("list", True, "Subsections, groups, statistics and text.", "block"),
    },
    "block": {
        "subsection": Field("record", False, "A titled block with an icon.", "subsection"),
        "group": Field("record", False, "A heading over the subsections after it.", "group"),
        "stats": Field("record", False, "Big-number call-outs.", "stats"),
        "text": Field("text", False, "Paragraphs under no subsection."),
        "image": Field("record", False, "A picture (JPEG or PNG) with an optional caption.", "image"),
    },
    "image": {
        "file": Field("text", True, "Image file, relative to the booklet folder, e.g. images/merkez.jpg."),
        "caption": Field("text", False, "Line printed under the picture."),
        "width": Field("number", False, "Printed width in mm; default: the full text column."),
    },
    "subsection": {
        "id": Field("name", False, "Short id for overrides; default: the title in lowercase ASCII."),
        "title": Field("text", True, "Subsection title."),
        "icon": Field("name", True, "Icon name (assets/icons/NAME.svg)."),
        "text": Field("text", True, "Paragraphs; a paragraph starting with '> ' is highlighted."),
    },
    "group": {
        "title": Field("text", True, "Group heading."),
        "text": Field("text", False, "Paragraphs under the heading."),
    },
    "stats": {
        "lead": Field("text", False, "Words before the numbers."),
        "items": Field("list", True, "The numbers.", "stat_item"),
        "tail": Field("text", False, "Words after the numbers."),
        "label_first": Field("boolean", False, "Print each label above its number."),
    },
    "stat_item": {
        "figure": Field("name", True, "Figure name from figures.yaml."),
        "label": Field("text", True, "Words printed with the number."),
    },
    "figures": {},
    "figure": {
        "value": Field("number", True, "The raw number: 92783, 188100000, 3 (for %3), 2024."),
        "kind": Field("name", True, "How it is printed.", choices=("count", "money", "percent", "year")),
        "label": Field("text", False, "What the figure counts, for editors and spreadsheets."),
        "stale": Field(
            "boolean", False, "true while the value is last period's (set by new-period, cleared by import)."
        ),
        "cumulative": Field(
            "boolean", False, "A running total that should never go down (default: guessed from the prose)."
        ),
    },
    "theme": {
        "colours": Field("map", True, "Named colours.", "colour"),
    },
    "colour": {
        "rgb": Field("rgb", True, "Screen colour as #RRGGBB."),
        "cmyk": Field("cmyk", True, "Print colour as [C, M, Y, K] in per cent."),
    },
}

# Keys that a booklet may take from the shared prose.yaml instead of its own booklet.yaml.
SHARED_KEYS = (
    "title",
    "publisher",
    "author",
    "page_size",
    "language",
    "cover",
    "introduction",
    "back_cover",
    "sections",
)
OWN_KEYS = ("province", "date", "edition", "prose", "overrides")
RECORDS["prose"] = {key: RECORDS["booklet"][key] for key in SHARED_KEYS}

PAGE_SIZES_MM = {"A4": (210.0, 297.0), "A5": (148.0, 210.0)}

"""What each content file may contain, declared once (block kinds declare theirs in ``booklet.blocks``).

The reader validates against these tables and ``booklet schema`` can turn the same tables
into JSON Schema, so editors and the loader never disagree about a key.
"""

from __future__ import annotations

from ..blocks import records as block_records
from ..i18n import N_
from .fields import Field

RECORDS: dict[str, dict[str, Field]] = {
    "booklet": {
        "province": Field("text", True, N_("Province name; prose refers to it as {il}.")),
        "date": Field("month", True, N_("Publication month as YYYY-MM, printed as 'Mayıs 2024'.")),
        "edition": Field("text", True, N_("Edition or reporting period, e.g. 2024-2.")),
        "prose": Field("text", False, N_("Folder of the shared prose (prose.yaml, sections/), e.g. ../../prose.")),
        "overrides": Field(
            "map", False, N_("Province-specific changes: section-id/block-id → {text, drop, after}."), "override"
        ),
        "title": Field("text", True, N_("Booklet title, printed under the province name.")),
        "publisher": Field("text", True, N_("Publishing unit, printed on the cover.")),
        "author": Field("text", True, N_("Ministry or body named as the PDF's author.")),
        "page_size": Field("page_size", False, N_("A4, A5, or [width_mm, height_mm].")),
        "language": Field("text", False, N_("Document language tag, e.g. tr-TR.")),
        "cover": Field("record", True, N_("Front cover texts."), "cover"),
        "introduction_title": Field("text", False, N_("Heading of the introduction page; default: Sunuş.")),
        "introduction": Field("text", True, N_("Introduction page text (paragraphs).")),
        "back_cover": Field("record", True, N_("Back cover texts."), "back_cover"),
        "sections": Field("list", True, N_("Section files, in reading order."), "path"),
    },
    "override": {
        "text": Field("text", False, N_("The subsection's text for this province, replacing the shared one.")),
        "drop": Field("boolean", False, N_("true: this province's booklet leaves the block out.")),
        "after": Field("list", False, N_("This province's own blocks, printed after this one."), "block"),
    },
    "cover": {
        "mark": Field("text", True, N_("Typographic mark at the cover foot, e.g. Türkiye Yüzyılı.")),
        "ministry": Field("text", False, N_("The ministry's name at the top of the cover, printed in capitals.")),
        "show_edition": Field("boolean", False, N_("Print the edition code (e.g. 2024-2) under the month.")),
    },
    "back_cover": {
        "mark": Field("text", True, N_("Closing mark.")),
        "emblem": Field("text", False, N_("Large emblem text, e.g. 100.")),
        "motto": Field("text", False, N_("Line under the emblem.")),
        "contact": Field(
            "record", False, N_("How to reach the ministry; fields left empty are not printed."), "contact"
        ),
        "qr": Field(
            "text", False, N_("Web address the QR code on the back cover leads to, e.g. https://www.aile.gov.tr/.")
        ),
    },
    "section": {
        "id": Field("name", True, N_("Short unique id, lowercase with dashes.")),
        "title": Field("text", True, N_("Section title in normal case; printed in capitals.")),
        "colour": Field("name", True, N_("Accent colour: a name from theme.yaml.")),
        "icon": Field("name", False, N_("Icon shown in the section band (assets/icons/NAME.svg).")),
        "intro": Field("text", False, N_("Opening paragraph(s) under the section band.")),
        "blocks": Field("list", True, N_("Subsections, groups, statistics and text."), "block"),
    },
    **block_records(),  # each block kind declares its own fields in booklet.blocks
    "figures": {
        "province": Field("text", True, N_("The province these figures belong to, as in booklet.yaml.")),
        "period": Field("text", True, N_("The period (edition) these figures belong to, e.g. 2024-2.")),
    },
    "figure": {
        "value": Field(
            "figure_value", True, N_("The raw number: 92783, 188100000, 3 (for %3), 2024; null until it is known.")
        ),
        "kind": Field(
            "name",
            True,
            N_("How it is printed: count (92.783), money (188,1 milyon TL), percent (%3) or year (2024)."),
            choices=("count", "money", "percent", "year"),
        ),
        "label": Field("text", False, N_("What the figure counts, for editors and spreadsheets.")),
        "stale": Field(
            "boolean", False, N_("true while the value is last period's (set by new-period, cleared by import).")
        ),
        "cumulative": Field(
            "boolean", False, N_("A running total that should never go down (default: guessed from the prose).")
        ),
        "min": Field("number", False, N_("Smallest value this figure can have (percent: default 0).")),
        "max": Field("number", False, N_("Largest value this figure can have (percent: default 100).")),
        "total_of": Field("names", False, N_("Figures this one is the sum of, e.g. [kadin, erkek, cocuk].")),
    },
    "theme": {
        "colours": Field("map", True, N_("Named colours."), "colour"),
        "layout": Field("record", False, N_("How sections follow each other."), "theme_layout"),
        "typography": Field("record", False, N_("Quotation marks and ranges in the text."), "theme_typography"),
    },
    "theme_layout": {
        "section_break": Field(
            "name",
            False,
            N_("page: every section opens a new page; continue: a section follows the last on its page."),
            choices=("page", "continue"),
        ),
        "keep_with_band": Field(
            "number", False, N_("Lines of text a section band needs below it to open mid-page (2 to 20).")
        ),
    },
    "theme_typography": {
        "quotes": Field("name", False, N_('curly: “…” and ’; straight: "…" and \'.'), choices=("curly", "straight")),
        "ranges": Field(
            "name", False, N_("en-dash: 1914–1918; hyphen: 1914-1918 (TDK)."), choices=("en-dash", "hyphen")
        ),
    },
    "colour": {
        "rgb": Field("rgb", True, N_("Screen colour as #RRGGBB.")),
        "cmyk": Field(
            "cmyk",
            False,
            N_(
                "Print colour as [C, M, Y, K] in per cent. Without it the colour is derived from rgb through"
                " the FOGRA39 profile and booklet check prints the value to pin here."
            ),
        ),
        "differs": Field(
            "text",
            False,
            N_(
                "Why the print colour is meant to differ from the screen colour (booklet check warns when"
                " they are more than ΔE00 5 apart and this is not given)."
            ),
        ),
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
    "introduction_title",
    "introduction",
    "back_cover",
    "sections",
)
OWN_KEYS = ("province", "date", "edition", "prose", "overrides")
RECORDS["prose"] = {key: RECORDS["booklet"][key] for key in SHARED_KEYS}

PAGE_SIZES_MM = {"A4": (210.0, 297.0), "A5": (148.0, 210.0)}

"""Turning located YAML nodes into the typed model, collecting every problem on the way."""

from __future__ import annotations

import datetime
import difflib
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml

from ..blocks import KINDS
from ..diagnostics import Location, Report, number, quote
from ..i18n import N_, _
from . import inline
from .model import BackCover, Colour, Cover, PageSize, Paragraph, Section, Theme
from .schema import PAGE_SIZES_MM, RECORDS
from .source import Source, Text

NAME_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
YAML_TYPE_NAMES = {
    "tag:yaml.org,2002:str": N_("text"),
    "tag:yaml.org,2002:int": N_("a whole number"),
    "tag:yaml.org,2002:float": N_("a number"),
    "tag:yaml.org,2002:bool": N_("true/false"),
    "tag:yaml.org,2002:null": N_("empty"),
    "tag:yaml.org,2002:timestamp": N_("a date"),
}


# The longest a title or label may be, in characters as typed: a heading is read at a
# glance and set large (a group title in capitals), so a paragraph pasted into one is an
# error at its place, not a page of capitals.
MAX_LENGTHS = {
    "province": 40,
    "edition": 20,
    "title": 120,  # the booklet's title; section and block titles are shorter, below
    "publisher": 150,
    "author": 150,
    "language": 20,
    "mark": 60,
    "ministry": 120,
    "emblem": 12,
    "motto": 120,
    ("section", "title"): 120,  # the band allows two lines, which layout checks
    ("subsection", "title"): 120,
    ("group", "title"): 80,
    ("stat_item", "label"): 60,
    ("stats", "lead"): 300,
    ("stats", "tail"): 300,
    ("image", "caption"): 200,
    ("image", "file"): 200,
    ("figure", "label"): 200,
    # the back cover's contact lines and the QR code's address, set on one line each
    "address": 200,
    "telephone": 60,
    "web": 100,
    "email": 100,
    "hotline": 60,
    "qr": 300,
    # names that stand for a file or a colour (an icon, a theme colour) and a section's id
    "icon": 60,
    "colour": 60,
    "id": 60,
    "alt": 300,
}


class Reader:
    """Reads one content file; every method reports problems instead of raising."""

    def __init__(self, source: Source, report: Report, root: Path | None = None):
        self.source = source
        self.report = report
        self.root = root or source.path.parent  # the booklet folder; files may not leave it

    def at(self, node: yaml.Node) -> Location:
        return self.source.location(node.start_mark)

    def describe(self, node: yaml.Node) -> str:
        if isinstance(node, yaml.MappingNode):
            return _("a mapping (key: value lines)")
        if isinstance(node, yaml.SequenceNode):
            return _("a list (- item lines)")
        return _(YAML_TYPE_NAMES.get(node.tag, N_("a value")))

    # -- structure ---------------------------------------------------------------------
    def fields(
        self, node: yaml.Node | None, record: str, what: str, check_required: bool = True
    ) -> dict[str, yaml.Node] | None:
        """Check a mapping's keys against the schema; unknown and missing keys are reported."""
        if node is None:
            self.report.error(Location(self.source.path, 1, 1), _("{what} is empty").format(what=what))
            return None
        if not isinstance(node, yaml.MappingNode):
            self.report.error(
                self.at(node), _("{what} must be a mapping, found {node}").format(what=what, node=self.describe(node))
            )
            return None
        spec = RECORDS[record]
        found: dict[str, yaml.Node] = {}
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else None
            if name is None:
                self.report.error(self.at(key), _("keys in {what} must be plain words").format(what=what))
                continue
            if name not in spec:
                self.report.error(
                    self.at(key),
                    _("unknown key '{name}' in {what}").format(name=quote(name), what=what),
                    did_you_mean(name, spec),
                )
                continue
            found[name] = value
            self._check_length(record, name, value)
        for name, field in spec.items():
            if check_required and field.required and name not in found:
                self.report.error(
                    self.at(node),
                    _("{what} is missing the required key '{name}'").format(what=what, name=name),
                    _(field.help),
                )
        return found

    def _check_length(self, record: str, name: str, node: yaml.Node) -> None:
        limit = MAX_LENGTHS.get((record, name)) or MAX_LENGTHS.get(name)
        if limit is None or not isinstance(node, yaml.ScalarNode):
            return
        length = len(" ".join(node.value.split()))
        if length > limit:
            self.report.error(
                self.at(node),
                _("'{name}' is too long: {length} characters, at most {limit}: '{start}'").format(
                    name=name, length=number(length), limit=limit, start=quote(node.value)
                ),
                _("shorten it to what a reader needs at a glance; the details belong in the text"),
            )

    def items(self, node: yaml.Node, what: str) -> list[yaml.Node]:
        if not isinstance(node, yaml.SequenceNode):
            self.report.error(
                self.at(node),
                _("{what} must be a list (lines starting with '- '), found {node}").format(
                    what=what, node=self.describe(node)
                ),
            )
            return []
        return list(node.value)

    # -- scalars -----------------------------------------------------------------------
    def scalar(self, node: yaml.Node, what: str) -> yaml.ScalarNode | None:
        if not isinstance(node, yaml.ScalarNode) or node.tag == "tag:yaml.org,2002:null":
            self.report.error(
                self.at(node), _("{what} must be text, found {node}").format(what=what, node=self.describe(node))
            )
            return None
        return node

    def text(self, node: yaml.Node, what: str) -> Text | None:
        scalar = self.scalar(node, what)
        if scalar is None:
            return None
        if not scalar.value.strip():
            self.report.error(self.at(node), _("{what} is empty").format(what=what))
            return None
        return Text(scalar.value, self.source, scalar)

    def name(self, node: yaml.Node, what: str, choices: tuple[str, ...] = ()) -> Text | None:
        text = self.text(node, what)
        if text is None:
            return None
        if not NAME_RE.match(text.value):
            self.report.error(
                text.location,
                _("{what} '{text}' is not a valid name").format(what=what, text=quote(text.value)),
                _("use lowercase letters a-z, digits, '-' and '_' only"),
            )
            return None
        if choices and text.value not in choices:
            self.report.error(
                text.location,
                _("{what} '{text}' is not one of: {choices}").format(
                    what=what, text=quote(text.value), choices=", ".join(choices)
                ),
                did_you_mean(text.value, choices, _("write one of them as it is shown")),
            )
            return None
        return text

    def number(self, node: yaml.Node, what: str) -> Decimal | None:
        scalar = self.scalar(node, what)
        if scalar is None:
            return None
        raw = scalar.value.strip()
        if scalar.tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float"):
            try:
                value = Decimal(raw.replace("_", ""))
                if value.is_finite():
                    return value
            except InvalidOperation:
                pass
        hint = _("write the raw number without separators, e.g. 92783 or 188100000")
        if re.fullmatch(r"[\d.]+,\d+|\d{1,3}(\.\d{3})+", raw):
            hint = _("write '{raw}' as a plain number without Turkish separators (e.g. 92783, 188.1)").format(
                raw=quote(raw)
            )
        self.report.error(
            self.at(node), _("{what} must be a number, found '{raw}'").format(what=what, raw=quote(raw)), hint
        )
        return None

    def boolean(self, node: yaml.Node, what: str) -> bool:
        if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:bool":
            return node.value.lower() in ("true", "yes", "on")
        self.report.error(self.at(node), _("{what} must be true or false").format(what=what))
        return False

    def paragraphs(self, node: yaml.Node, what: str) -> tuple[Paragraph, ...]:
        text = self.text(node, what)
        if text is None:
            return ()
        result = []
        for piece in split_paragraphs(text):
            parsed = inline.parse(piece, self.report)
            if parsed is not None:
                result.append(parsed)
        return tuple(result)

    def line(self, node: yaml.Node, what: str) -> Paragraph | None:
        text = self.text(node, what)
        return inline.parse(text, self.report, allow_highlight=False) if text else None


def split_paragraphs(text: Text) -> list[Text]:
    """Paragraphs are separated by blank lines; offsets are kept for error locations."""
    pieces = []
    for match in re.finditer(r"(?:[^\n]|\n(?![ \t]*\n))+", text.value):
        start, end = match.span()
        while start < end and text.value[start].isspace():
            start += 1
        while end > start and text.value[end - 1].isspace():
            end -= 1
        if start < end:
            pieces.append(text.slice(start, end))
    return pieces


def did_you_mean(name: str, options, otherwise: str | None = None) -> str:
    """The option closest to a misspelt name; else ``otherwise``, else the list of allowed keys."""
    close = difflib.get_close_matches(name, list(options), n=1, cutoff=0.6)
    if close:
        return _("did you mean '{name}'?").format(name=close[0])
    if otherwise is not None:
        return otherwise
    return _("allowed keys: {keys}").format(keys=", ".join(options))


# -- records -------------------------------------------------------------------------------


def read_page_size(r: Reader, node: yaml.Node) -> PageSize | None:
    if isinstance(node, yaml.ScalarNode):
        name = node.value.strip().upper()
        if name in PAGE_SIZES_MM:
            return PageSize(name, *PAGE_SIZES_MM[name])
        r.report.error(
            r.at(node),
            _("unknown page size '{node}'").format(node=quote(node.value)),
            _("use A4, A5 or [width, height] in mm, e.g. [170, 240]"),
        )
        return None
    values = [r.number(item, _("page size")) for item in r.items(node, _("page_size"))]
    if len(values) != 2 or None in values:
        r.report.error(r.at(node), _("page_size must be A4, A5 or [width_mm, height_mm]"))
        return None
    width, height = (float(v) for v in values)
    if not (50 <= width <= 600 and 50 <= height <= 600):
        r.report.error(r.at(node), _("page size must be between 50 and 600 mm on each side"))
        return None
    return PageSize(f"{width:g}x{height:g}mm", width, height)


def read_month(r: Reader, node: yaml.Node) -> datetime.date | None:
    scalar = r.scalar(node, _("date"))
    if scalar is None:
        return None
    match = re.fullmatch(r"(\d{4})-(\d{1,2})(?:-\d{1,2})?", scalar.value.strip())
    if match and 1 <= int(match.group(2)) <= 12:
        return datetime.date(int(match.group(1)), int(match.group(2)), 1)
    r.report.error(
        r.at(node),
        _("date '{scalar}' is not a month").format(scalar=quote(scalar.value)),
        _("write it as YYYY-MM, e.g. 2024-05"),
    )
    return None


def read_cover(r: Reader, node: yaml.Node) -> Cover | None:
    f = r.fields(node, "cover", _("cover"))
    if f is None or "mark" not in f:
        return None
    mark = r.text(f["mark"], _("cover mark"))
    ministry = r.text(f["ministry"], "ministry") if "ministry" in f else None
    show_edition = r.boolean(f["show_edition"], "show_edition") if "show_edition" in f else False
    return Cover(mark, ministry, show_edition) if mark else None


def read_back_cover(r: Reader, node: yaml.Node) -> BackCover | None:
    from ..blocks.contact import read as read_contact

    f = r.fields(node, "back_cover", _("back_cover"))
    if f is None or "mark" not in f:
        return None
    mark = r.text(f["mark"], _("back cover mark"))
    emblem = r.text(f["emblem"], _("emblem")) if "emblem" in f else None
    motto = r.text(f["motto"], _("motto")) if "motto" in f else None
    contact = read_contact(r, f["contact"]) if "contact" in f else None
    qr = _read_web_address(r, f["qr"]) if "qr" in f else None
    return BackCover(mark, emblem, motto, contact, qr) if mark else None


def _read_web_address(r: Reader, node: yaml.Node) -> Text | None:
    text = r.text(node, "qr")
    if text is not None and not re.fullmatch(r"https?://[^\s]{3,500}", text.value.strip()):
        r.report.error(
            text.location,
            _("'{text}' is not a web address").format(text=quote(text.value)),
            _("write it in full, e.g. https://www.aile.gov.tr/"),
        )
        return None
    return text


def read_section(r: Reader, node: yaml.Node | None) -> Section | None:
    f = r.fields(node, "section", _("section"))
    if f is None:
        return None
    ident = r.name(f["id"], _("section id")) if "id" in f else None
    title = r.line(f["title"], _("section title")) if "title" in f else None
    colour = r.name(f["colour"], _("colour")) if "colour" in f else None
    icon = r.name(f["icon"], _("icon")) if "icon" in f else None
    intro = r.paragraphs(f["intro"], _("intro")) if "intro" in f else ()
    blocks = []
    for item in r.items(f["blocks"], _("blocks")) if "blocks" in f else []:
        block = read_block(r, item)
        if block is not None:
            blocks.append(block)
    if "blocks" in f and not blocks and not r.report.errors:
        r.report.error(
            r.at(f["blocks"]), _("section has no blocks"), _("add at least one subsection, text or stats block")
        )
    if ident is None or title is None or colour is None:
        return None
    return Section(ident.value, title, colour, icon, intro, tuple(blocks), r.source.path, ident.location)


def _dedented_hint(node: yaml.Node) -> str:
    """A key of a block's own record written level with the block's kind (``text:`` under
    ``- subsection:`` at the column of ``subsection``): the usual slip, and what to do."""
    pairs = (
        [(k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode)] if isinstance(node, yaml.MappingNode) else []
    )
    for (kind, body), (key, _value) in zip(pairs, pairs[1:]):
        fields = RECORDS.get(kind.value, {})
        if key.value in fields and isinstance(body, yaml.MappingNode) and body.value:
            child = body.value[0][0]
            return _(
                "'{key}' (line {line}) is indented like '{kind}' (column {column}); if it belongs to the {kind},"
                " indent it like '{child}' (column {child_column}); a block of its own starts with '- '"
            ).format(
                key=key.value,
                line=key.start_mark.line + 1,
                kind=kind.value,
                column=key.start_mark.column + 1,
                child=child.value,
                child_column=child.start_mark.column + 1,
            )
    return ""


def read_block(r: Reader, node: yaml.Node) -> object | None:
    """One item of a section's blocks list: exactly one key, naming its kind."""
    errors = len(r.report.errors)
    f = r.fields(node, "block", _("block"))
    if f is None or (not f and len(r.report.errors) > errors):  # its unknown key is reported already
        return None
    if len(f) != 1:
        r.report.error(
            r.at(node),
            _("each block must have exactly one of: {kinds}").format(kinds=", ".join(KINDS)),
            _dedented_hint(node) or _("start a new '- ' list item for each block"),
        )
        return None
    ((kind, value),) = f.items()
    return KINDS[kind].read(r, value)


HEX_RE = re.compile(r"^#([0-9a-fA-F]{6})$")


def read_theme(r: Reader, node: yaml.Node | None) -> Theme:
    f = r.fields(node, "theme", _("theme"))
    if not f:
        return Theme({})
    options: dict[str, object] = {}
    for key, record in (("layout", "theme_layout"), ("typography", "theme_typography")):
        if key in f:
            options.update(_read_options(r, r.fields(f[key], record, key) or {}, record))
    return Theme(_read_colours(r, f["colours"]) if "colours" in f else {}, **options)


def _read_options(r: Reader, f: dict[str, yaml.Node], record: str) -> dict[str, object]:
    """The layout and typography choices a theme makes; the rest keep their defaults."""
    found: dict[str, object] = {}
    for key, field in RECORDS[record].items():
        if key not in f:
            continue
        if field.choices:
            value = r.name(f[key], key, field.choices)
            if value is not None:
                found[key] = value.value
            continue
        lines = r.number(f[key], key)  # keep_with_band
        if lines is not None and (lines != lines.to_integral_value() or not 2 <= lines <= 20):
            r.report.error(r.at(f[key]), _("{key} must be a whole number from 2 to 20").format(key=key))
        elif lines is not None:
            found[key] = int(lines)
    return found


def _read_colours(r: Reader, entries: yaml.Node) -> dict[str, Colour]:
    colours: dict[str, Colour] = {}
    if not isinstance(entries, yaml.MappingNode):
        r.report.error(r.at(entries), _("colours must map names to {rgb, cmyk}"))
        return colours
    for key, value in entries.value:
        name = r.name(key, _("colour name"))
        g = r.fields(value, "colour", _("colour '{key}'").format(key=key.value))
        if name is None or g is None or "rgb" not in g:
            continue
        rgb = _read_rgb(r, g["rgb"])
        cmyk = _read_cmyk(r, g["cmyk"]) if "cmyk" in g else None
        differs = r.text(g["differs"], _("differs")) if "differs" in g else None
        if rgb and "cmyk" not in g:
            from ..colourmatch import derive_cmyk, hex_rgb, per_cent  # only a theme that asks pays for the profile

            cmyk = derive_cmyk(rgb)
            colours[name.value] = Colour(name.value, rgb, cmyk, name.location, derived=True)
            r.report.warning(
                name.location,
                _("colour '{name}' has no cmyk: it prints as cmyk {cmyk}, derived from {rgb} through FOGRA39").format(
                    name=name.value, cmyk=per_cent(cmyk), rgb=hex_rgb(rgb)
                ),
                _("write cmyk: {cmyk} beside its rgb in theme.yaml to pin it").format(cmyk=per_cent(cmyk)),
            )
        elif rgb and cmyk:
            reason = differs.value.strip() if differs else None
            colours[name.value] = Colour(name.value, rgb, cmyk, name.location, differs=reason)
    return colours


def _read_rgb(r: Reader, node: yaml.Node) -> tuple[float, float, float] | None:
    scalar = r.scalar(node, _("rgb"))
    match = HEX_RE.match(scalar.value.strip()) if scalar else None
    if not match:
        if scalar:
            r.report.error(
                r.at(node),
                _("rgb '{scalar}' is not a #RRGGBB colour").format(scalar=quote(scalar.value)),
                _('e.g. "#1D3557" (in quotes)'),
            )
        return None
    h = match.group(1)
    return tuple(int(h[i : i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def _read_cmyk(r: Reader, node: yaml.Node) -> tuple[float, float, float, float] | None:
    values = [r.number(item, _("cmyk value")) for item in r.items(node, _("cmyk"))]
    if len(values) != 4 or any(v is None or not 0 <= v <= 100 for v in values):
        r.report.error(r.at(node), _("cmyk must be four per-cent values from 0 to 100, e.g. [90, 70, 30, 20]"))
        return None
    return tuple(float(v) / 100 for v in values)  # type: ignore[return-value]

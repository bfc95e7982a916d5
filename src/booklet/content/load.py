"""Load stage: a booklet folder in, a validated :class:`Booklet` out (or every error at once)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from ..assets import forget_folders, icon_folders, icon_path, shown
from ..blocks import kind_of
from ..blocks.subsection import Subsection
from ..diagnostics import BookletError, Location, Report, quote
from ..i18n import N_, _, ngettext
from ..publish import check_unchanged, published_prose
from . import source as yaml_source
from .figures import FiguresFile, check_filled, read_figures_file, same_owner
from .model import Booklet, Meta, PageSize, Paragraph, Section
from .reader import (
    Reader,
    did_you_mean,
    read_back_cover,
    read_block,
    read_cover,
    read_month,
    read_page_size,
    read_section,
    read_theme,
)
from .schema import OWN_KEYS, PAGE_SIZES_MM, RECORDS
from .source import Text

BOOKLET_FILE = "booklet.yaml"
PROSE_FILE = "prose.yaml"
FIGURES_FILE = "figures.yaml"
THEME_FILE = "theme.yaml"
BUILTIN_NAMES = ("il",)
REQUIRED_COLOURS = ("text", "accent", "cover", "muted", "paper")
MAX_INK = 300
KEY_WORDS = {  # booklet.yaml's text keys as messages name them
    "province": N_("province"),
    "title": N_("title"),
    "publisher": N_("publisher"),
    "author": N_("author"),
    "edition": N_("edition"),
    "language": N_("language"),
    "introduction_title": N_("introduction title"),
}


def load_booklet(root: Path, report: Report | None = None) -> Booklet:
    """Read and cross-check every file of a booklet; raises :class:`BookletError` on errors.

    A booklet folder holds its own ``booklet.yaml`` (province, date, edition) and
    ``figures.yaml``; with ``prose: ../../prose`` it takes everything else — title, cover,
    introduction, sections, theme — from the shared prose folder, and may override single
    subsections for its province.
    """
    report = report if report is not None else Report()
    root = Path(root)
    forget_folders()
    if not (root / BOOKLET_FILE).exists():  # a folder or a pipe of that name is named by the reader
        raise BookletError.single(
            Location(root / BOOKLET_FILE),
            _("no {booklet_file} in this folder").format(booklet_file=BOOKLET_FILE),
            _(
                "looked for it in {folders}{missing}; give the folder that holds booklet.yaml and figures.yaml"
                " (for example content/elazig/2024-2)"
            ).format(folders=shown([root]), missing="" if root.is_dir() else _(" (a folder that does not exist)")),
        )
    check_unchanged(root, report)
    meta_source, meta_node = _load(root, BOOKLET_FILE, report)
    figures_file = FiguresFile({})
    fig_source, fig_node = _load(root, FIGURES_FILE, report)
    if fig_source is not None:
        figures_file = read_figures_file(Reader(fig_source, report, root), fig_node)
    figures = figures_file.figures
    if meta_source is None:
        raise BookletError(report)
    r = Reader(meta_source, report, root)
    own = r.fields(meta_node, "booklet", BOOKLET_FILE, check_required=False) or {}
    fields: dict[str, tuple[Reader, object]] = {key: (r, node) for key, node in own.items()}
    prose_dir = _merge_prose(r, own, fields, report)
    if report.errors:  # a broken booklet.yaml or prose.yaml would only cascade into more errors
        raise BookletError(report)
    for key, spec in RECORDS["booklet"].items():
        if spec.required and key not in fields:
            where = "booklet.yaml" if key in OWN_KEYS or prose_dir is None else _("booklet.yaml or prose.yaml")
            report.error(
                r.at(meta_node) if meta_node is not None else Location(meta_source.path, 1, 1),
                _("missing the required key '{key}' (in {where})").format(key=key, where=where),
                _(spec.help),
            )
    theme_dir = root if (root / THEME_FILE).is_file() or prose_dir is None else prose_dir
    theme_source, theme_node = _load(theme_dir, THEME_FILE, report)
    theme = read_theme(Reader(theme_source, report, theme_dir), theme_node) if theme_source else None

    allowed = {root.resolve()} | ({prose_dir.resolve()} if prose_dir else set())
    sections = _read_sections(fields.get("sections"), allowed, report)
    if "overrides" in own:
        sections = _apply_overrides(r, own["overrides"], sections, report)

    def get(key, read):
        reader, node = fields.get(key, (None, None))
        return read(reader, node) if reader is not None else None

    def text(key):
        return get(key, lambda rd, n: rd.text(n, _(KEY_WORDS.get(key, key))))

    province, title, publisher, author, edition = (
        text(k) for k in ("province", "title", "publisher", "author", "edition")
    )
    date = get("date", read_month)
    page_size = get("page_size", read_page_size) or PageSize("A4", *PAGE_SIZES_MM["A4"])
    language = text("language")
    cover = get("cover", read_cover)
    back = get("back_cover", read_back_cover)
    introduction = get("introduction", lambda rd, n: rd.paragraphs(n, _("introduction"))) or ()
    introduction_title = text("introduction_title")

    if report.errors:
        raise BookletError(report)
    if fig_source is not None:
        _check_owner(figures_file, fig_source.path, province, edition, report)
    check_filled(figures, report)
    meta = Meta(province, title, publisher, author, date, edition, page_size, language.value if language else "tr-TR")
    booklet = Booklet(
        root, meta, cover, introduction, back, tuple(sections), figures, theme, prose_dir, introduction_title
    )
    cross_check(booklet, report)
    report.raise_if_errors()
    return booklet


def _check_owner(file: FiguresFile, path: Path, province, edition, report: Report) -> None:
    """figures.yaml names the province and period it belongs to: a copied folder never builds
    with another province's or period's figures."""
    if file.province is None or file.period is None:
        missing = [key for key, value in (("province", file.province), ("period", file.period)) if value is None]
        report.error(
            Location(path, 1, 1),
            _("figures.yaml does not say which province and period it belongs to (missing: {keys})").format(
                keys=", ".join(missing)
            ),
            _("add the lines 'province: {province}' and 'period: {edition}' at the top of figures.yaml").format(
                province=province.value, edition=edition.value
            ),
        )
        return
    if same_owner(file.province.value, province.value) and file.period.value.strip() == edition.value.strip():
        return
    wrong = file.province if not same_owner(file.province.value, province.value) else file.period
    report.error(
        wrong.location,
        _("figures.yaml belongs to {owner}, but this booklet is {booklet}").format(
            owner=f"{file.province.value} {file.period.value}", booklet=f"{province.value} {edition.value}"
        ),
        _(
            "the folder was probably copied: start a province with 'booklet new-province', a period with"
            " 'booklet new-period', or put this booklet's own figures here"
        ),
    )


def _merge_prose(r: Reader, own: dict, fields: dict, report: Report) -> Path | None:
    """Add the shared prose's keys that the booklet does not set itself."""
    if "prose" not in own:
        return None
    rel = r.text(own["prose"], _("prose"))
    if rel is None:
        return None
    prose_dir = (r.root / rel.value).resolve()
    frozen = published_prose(r.root)
    if frozen is not None:  # a published edition keeps the prose it was printed from
        prose_dir = frozen.resolve()
    if not (prose_dir / PROSE_FILE).exists():  # a folder or a pipe of that name is named by the reader
        report.error(
            rel.location,
            _("no {prose_file} in the prose folder '{rel}'").format(prose_file=PROSE_FILE, rel=quote(rel.value)),
            _(
                "looked for it in {folders} ('{rel}' from the booklet folder {booklet}); give the folder of the"
                " shared prose, relative to this booklet, e.g. ../../prose"
            ).format(folders=shown([prose_dir]), rel=quote(rel.value), booklet=shown([r.root])),
        )
        return None
    source, node = _load(prose_dir, PROSE_FILE, report)
    if source is None:
        return prose_dir
    pr = Reader(source, report, prose_dir)
    for key, value in (pr.fields(node, "prose", PROSE_FILE, check_required=False) or {}).items():
        fields.setdefault(key, (pr, value))
    return prose_dir


def _read_sections(entry, allowed: set[Path], report: Report) -> list[Section]:
    if entry is None:
        return []
    reader, node = entry
    sections: list[Section] = []
    for item in reader.items(node, _("sections")):
        rel = reader.text(item, _("section file"))
        if rel is None:
            continue
        path = (reader.root / rel.value).resolve()
        if not any(path.is_relative_to(folder) for folder in allowed):
            report.error(
                rel.location, _("section file '{rel}' is outside the booklet folder").format(rel=quote(rel.value))
            )
            continue
        if not path.exists():
            report.error(
                rel.location,
                _("section file '{rel}' not found").format(rel=quote(rel.value)),
                _("looked for it in {folders}; check the file name under sections/").format(
                    folders=shown([path.parent])
                ),
            )
            continue
        src, section_node = _load(reader.root, rel.value, report)
        if src is not None:
            section = read_section(Reader(src, report, reader.root), section_node)
            if section is not None:
                sections.append(section)
    return sections


def block_ids(section: Section) -> dict[str, int]:
    """The names a province's overrides use for the blocks of a section: a subsection's id,
    a group's title in ASCII, and for any block its place, ``#1``, ``#2``, …"""
    from ..blocks.group import Group
    from ..turkish import ascii_slug

    ids: dict[str, int] = {}
    for index, block in enumerate(section.blocks):
        ids[f"#{index + 1}"] = index
        if isinstance(block, Subsection):
            ids.setdefault(block.id, index)
        elif isinstance(block, Group):
            ids.setdefault(ascii_slug(block.title.text.value), index)
    return ids


def _apply_overrides(r: Reader, node, sections: list[Section], report: Report) -> list[Section]:
    """A province's own changes to the shared sections: a subsection's text replaced, a
    block dropped, or blocks of its own added after a given one."""
    import dataclasses

    import yaml

    if not isinstance(node, yaml.MappingNode):
        report.error(r.at(node), _("overrides must map section-id/block-id to {text, drop, after}"))
        return sections
    targets = {f"{s.id}/{name}": (i, j) for i, s in enumerate(sections) for name, j in block_ids(s).items()}
    replaced: dict[tuple[int, int], object] = {}
    dropped: set[tuple[int, int]] = set()
    added: dict[tuple[int, int], list] = {}
    for key, value in node.value:
        name = key.value if isinstance(key, yaml.ScalarNode) else ""
        if name not in targets:
            report.error(
                r.at(key),
                _("override '{name}' matches no block").format(name=quote(name)),
                did_you_mean(
                    name,
                    [t for t in targets if "#" not in t],
                    _("name a block by its section's id and its own, e.g. '{example}'").format(
                        example=next((t for t in targets if "#" not in t), "aile-ve-toplum/#1")
                    ),
                ),
            )
            continue
        errors = len(report.errors)
        f = r.fields(value, "override", _("override '{name}'").format(name=name))
        if f is None:
            continue
        if not f and len(report.errors) == errors:
            report.error(r.at(value), _("override '{name}' changes nothing").format(name=name), _(_OVERRIDE_HINT))
            continue
        i, j = targets[name]
        block = sections[i].blocks[j]
        drop = r.boolean(f["drop"], _("drop")) if "drop" in f else False
        if "text" in f:
            if not isinstance(block, Subsection):
                report.error(
                    r.at(f["text"]),
                    _("only a subsection's text can be replaced; '{name}' is not one").format(name=name),
                )
            elif drop:
                report.error(
                    r.at(f["text"]), _("override '{name}' both drops the block and replaces its text").format(name=name)
                )
            else:
                replaced[(i, j)] = dataclasses.replace(block, paragraphs=r.paragraphs(f["text"], _("text")))
        if drop:
            dropped.add((i, j))
        if "after" in f:
            own = [read_block(r, item) for item in r.items(f["after"], _("after"))]
            added[(i, j)] = [b for b in own if b is not None]
    result = []
    for i, section in enumerate(sections):
        blocks = []
        for j, block in enumerate(section.blocks):
            if (i, j) not in dropped:
                blocks.append(replaced.get((i, j), block))
            blocks.extend(added.get((i, j), []))
        if not blocks and section.blocks:
            report.error(
                section.id_location,
                _("the overrides leave section '{id}' without any block").format(id=section.id),
                _("drop fewer blocks, or add one of the province's own with 'after:'"),
            )
        result.append(dataclasses.replace(section, blocks=tuple(blocks)))
    return result


_OVERRIDE_HINT = N_("give text: (new wording), drop: true, or after: (a list of blocks)")


def _load(root: Path, rel: str, report: Report):
    try:
        return yaml_source.load(root / rel, shown_as=root / rel, report=report)
    except BookletError as exc:
        report.merge(exc.report)
        return None, None


def paragraphs_of(booklet: Booklet):
    """Every paragraph of the booklet, in reading order, with the section it belongs to."""
    for p in booklet.introduction:
        yield None, p
    for section in booklet.sections:
        yield section, section.title
        for p in section.intro:
            yield section, p
        for block in section.blocks:
            yield from ((section, p) for p in kind_of(block).paragraphs(block))
    contact = booklet.back_cover.contact if booklet.back_cover is not None else None
    if contact is not None:
        yield from ((None, p) for p in kind_of(contact).paragraphs(contact))


def cross_check(booklet: Booklet, report: Report) -> None:
    """Checks that need more than one file: references between prose, figures, theme, icons."""
    used: set[str] = set()
    for _section, paragraph in paragraphs_of(booklet):
        _check_references(paragraph, booklet, report, used)
    seen_ids: dict[str, Section] = {}
    for section in booklet.sections:
        if section.id in seen_ids:
            report.error(
                section.id_location,
                _("duplicate section id '{id}'").format(id=section.id),
                _("also used in {file}; ids must be unique").format(file=seen_ids[section.id].path.name),
            )
        seen_ids[section.id] = section
        if section.colour.value not in booklet.theme.colours:
            report.error(
                section.colour.location,
                _("colour '{colour}' is not defined in theme.yaml").format(colour=section.colour.value),
                did_you_mean(
                    section.colour.value,
                    booklet.theme.colours,
                    _("the colours of theme.yaml are: {names}").format(names=", ".join(booklet.theme.colours)),
                ),
            )
        _check_blocks(section, booklet, report, used)
    _check_theme(booklet, report)
    _check_contrast(booklet, report)
    stale = [name for name, figure in booklet.figures.items() if figure.stale]
    if stale:
        first = booklet.figures[stale[0]].location
        more = len(stale) - 12
        shown = ", ".join(stale[:12]) + (
            " " + ngettext("and {count} more", "and {count} more", more).format(count=more) if more > 0 else ""
        )
        report.warning(
            Location(first.path, first.line, first.col),
            ngettext(
                "{count} figure still carries last period's value: {shown}",
                "{count} figures still carry last period's value: {shown}",
                len(stale),
            ).format(count=len(stale), shown=shown),
            _("import the new figures (booklet figures import) or update them and remove 'stale: true'"),
        )
    for name, figure in booklet.figures.items():
        if name not in used:
            report.warning(
                figure.location,
                _("figure '{name}' is defined but never used").format(name=name),
                _("remove it from figures.yaml or refer to it as {{{name}}} in the prose").format(name=name),
            )


@dataclass
class BlockCheck:
    """What a block kind's ``check`` may use: the booklet, the report, and the section's state."""

    booklet: Booklet
    report: Report
    used: set[str]  # figure names referred to anywhere
    icons: list[Text] = field(default_factory=list)  # checked once the section is read
    seen: dict[tuple[str, str], object] = field(default_factory=dict)

    def figure(self, name: Text) -> None:
        _check_figure_name(name, self.booklet, self.report, self.used)

    def icon(self, name: Text) -> None:
        self.icons.append(name)

    def first(self, key: tuple[str, str], block: object) -> object | None:
        """The block that already used ``key`` (a title) in this section; None, and noted, if none did."""
        earlier = self.seen.get(key)
        if earlier is None:
            self.seen[key] = block
        return earlier


def _check_blocks(section: Section, booklet: Booklet, report: Report, used: set[str]) -> None:
    check = BlockCheck(booklet, report, used, [section.icon] if section.icon else [])
    for block in section.blocks:
        kind_of(block).check(block, check)
    for icon in check.icons:
        _check_icon(icon, booklet, report)


def used_icons(booklet: Booklet) -> list[Path]:
    """The icon files the booklet draws, wherever they were found."""
    paths = set()
    for section in booklet.sections:
        check = BlockCheck(booklet, Report(), set(), [section.icon] if section.icon else [])
        for block in section.blocks:
            kind_of(block).check(block, check)
        paths.update(p for p in (icon_path(i.value, booklet.asset_roots) for i in check.icons) if p is not None)
    return sorted(paths)


def _check_icon(icon, booklet: Booklet, report: Report) -> None:
    from ..layout.icons import load_icon

    path = icon_path(icon.value, booklet.asset_roots)
    if path is None:
        report.error(
            icon.location,
            _("icon '{icon}' not found").format(icon=icon.value),
            _(
                "looked for {file} in {folders} (in this order); put it in the first for this booklet only,"
                " or use the name of an icon that is there"
            ).format(file=f"{icon.value}.svg", folders=shown(icon_folders(booklet.asset_roots))),
        )
        return
    try:
        load_icon(path)
    except BookletError as exc:
        report.merge(exc.report)


def _check_theme(booklet: Booklet, report: Report) -> None:
    for name in REQUIRED_COLOURS:
        if name not in booklet.theme.colours:
            report.error(
                Location(booklet.root / THEME_FILE, 1, 1),
                _("theme.yaml must define the colour '{name}'").format(name=name),
            )
    for colour in booklet.theme.colours.values():
        ink = sum(colour.cmyk) * 100
        if ink > MAX_INK:
            report.error(
                colour.location,
                _("colour '{colour}' needs {ink:.0f} per cent of ink; the press allows {max_ink} per cent").format(
                    colour=colour.name, ink=ink, max_ink=MAX_INK
                ),
                _("lower the C, M or Y values"),
            )
    text = booklet.theme.colours.get("text")
    if text is not None and text.cmyk != (0.0, 0.0, 0.0, 1.0):
        report.error(
            text.location,
            _("the text colour must print as pure black, cmyk [0, 0, 0, 100]"),
            _(
                "small type in several inks blurs when the plates are slightly out of register; 100 % K text also overprints"
            ),
        )
    muted = booklet.theme.colours.get("muted")
    if muted is not None and sum(1 for v in muted.cmyk if v > 0) > 1:
        report.error(
            muted.location,
            _("the colour 'muted' sets small type (running heads, folios, captions) and must print on one plate"),
            _("use a black tint such as cmyk [0, 0, 0, 70]; type under 9 pt in several inks blurs out of register"),
        )


def _check_contrast(booklet: Booklet, report: Report) -> None:
    """Every text colour on its background meets WCAG 2.1 AA on screen (the RGB values)."""
    from babel.numbers import format_decimal

    from ..i18n import current
    from ..layout.contrast import hex_rgb, luminance, shortfalls

    colours = booklet.theme.colours
    locale = "tr_TR" if current() == "tr" else "en_US"

    def number(value: float) -> str:
        return format_decimal(value, format="0.##", locale=locale)

    def named(name: str, tint: float) -> str:
        if tint >= 1:
            return "'" + name + "'"
        return _("'{name}' at {percent} %").format(name=name, percent=round(tint * 100))

    rgb = {name: colour.rgb for name, colour in colours.items()}
    worst: dict[str, list] = {}  # one error per colour to change: its weakest pairing
    for found in shortfalls(rgb, (section.colour.value for section in booklet.sections)):
        worst.setdefault(found.fix, []).append(found)
    for group in sorted(worst.values(), key=lambda g: colours[g[0].fix].location.line):
        found = min(group, key=lambda f: f.ratio / f.pair.required)
        darkest = [f.suggestion for f in group if f.suggestion]
        if darkest:  # the darkest suggestion satisfies every pairing of the colour
            found = replace(found, suggestion=min(darkest, key=lambda h: luminance(hex_rgb(h))))
        pair = found.pair
        weight = _("bold") if pair.bold else _("regular")
        hint = None
        if found.suggestion:
            hint = _("darken '{colour}' (its rgb value), e.g. to \"{suggestion}\": the same hue, dark enough").format(
                colour=found.fix, suggestion=found.suggestion
            )
        report.error(
            colours[found.fix].location,
            _(
                "{what}: {text} on {background} has a contrast of {ratio}:1; "
                "WCAG 2.1 AA needs {required}:1 for {size} pt {weight} text on screen"
            ).format(
                what=_(pair.what),
                text=named(found.text, pair.text_tint),
                background=named(found.background, pair.background_tint),
                ratio=number(found.ratio),
                required=number(pair.required),
                size=number(pair.size),
                weight=weight,
            ),
            hint,
        )


def _check_references(paragraph: Paragraph, booklet: Booklet, report: Report, used: set[str]) -> None:
    for run in paragraph.runs:
        if run.figure is None:
            continue
        if run.figure in BUILTIN_NAMES:
            continue
        if run.figure not in booklet.figures:
            hint = did_you_mean(
                run.figure, booklet.figures, _("define '{name}' in figures.yaml").format(name=run.figure)
            )
            report.error(
                paragraph.text.locate(run.offset), _("unknown figure '{{{figure}}}'").format(figure=run.figure), hint
            )
        used.add(run.figure)


def _check_figure_name(name, booklet: Booklet, report: Report, used: set[str]) -> None:
    if name.value not in booklet.figures:
        report.error(
            name.location,
            _("unknown figure '{name}'").format(name=name.value),
            did_you_mean(name.value, booklet.figures, _("define '{name}' in figures.yaml").format(name=name.value)),
        )
    used.add(name.value)

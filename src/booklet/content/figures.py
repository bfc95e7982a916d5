"""Reading ``figures.yaml``: typed, range-checked figures that belong to one province and period.

A figure is the one thing in a booklet that must never print wrong, so YAML's guesses are not
trusted: ``value: 95.120`` is a float to YAML (95,12) but almost always a count typed with a
Turkish thousands dot, and is refused with the number that was probably meant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import yaml

from ..diagnostics import Location, Report, quote
from ..i18n import _
from ..turkish import FORMATTERS
from .model import Figure
from .reader import Reader, did_you_mean
from .schema import RECORDS
from .source import Text

INT_TAG = "tag:yaml.org,2002:int"
FLOAT_TAG = "tag:yaml.org,2002:float"
NULL_TAG = "tag:yaml.org,2002:null"
# keys of figures.yaml that are not figures: whom the figures belong to
OWNER_KEYS = ("province", "period")
THOUSANDS_DOT = re.compile(r"[+-]?\d{1,3}(\.\d{3})+")
THOUSANDS_COMMA = re.compile(r"[+-]?\d{1,3}(,\d{3})+")
DECIMAL_COMMA = re.compile(r"[+-]?\d+,\d+")
# What a value of each kind may be when the figure gives no min/max of its own.
DEFAULT_LIMITS = {
    "count": (Decimal(0), None),
    "money": (Decimal(0), None),
    "percent": (Decimal(0), Decimal(100)),
    "year": (Decimal(1900), Decimal(2100)),
}
WHOLE_KINDS = ("count", "year")
MONEY_DECIMALS = 2  # kuruş


@dataclass(frozen=True)
class FiguresFile:
    """The figures of one booklet and whom they belong to (``province`` and ``period``)."""

    figures: dict[str, Figure]
    province: Text | None = None
    period: Text | None = None


def read_figures(r: Reader, node: yaml.Node | None) -> dict[str, Figure]:
    """Just the figures of a figures.yaml (for commands that do not care whose they are)."""
    return read_figures_file(r, node).figures


def read_figures_file(r: Reader, node: yaml.Node | None) -> FiguresFile:
    figures: dict[str, Figure] = {}
    owner: dict[str, Text | None] = dict.fromkeys(OWNER_KEYS)
    if node is None:
        return FiguresFile(figures)
    if not isinstance(node, yaml.MappingNode):
        r.report.error(r.at(node), _("figures.yaml must map figure names to {value, kind}"))
        return FiguresFile(figures)
    relations: dict[str, yaml.Node] = {}
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode) and key.value in OWNER_KEYS and isinstance(value, yaml.ScalarNode):
            owner[key.value] = r.text(value, key.value)
            continue
        name = r.name(key, _("figure name"))
        if name is None:
            continue
        figure, total_node = _read_figure(r, name, value)
        if figure is not None:
            figures[name.value] = figure
            if total_node is not None:
                relations[name.value] = total_node
    _check_totals(r, figures, relations)
    return FiguresFile(figures, owner["province"], owner["period"])


def _read_figure(r: Reader, name: Text, node: yaml.Node) -> tuple[Figure | None, yaml.Node | None]:
    f = r.fields(node, "figure", _("figure '{name}'").format(name=name.value))
    if f is None or "value" not in f or "kind" not in f:
        return None, None
    kind = r.name(f["kind"], _("kind"), RECORDS["figure"]["kind"].choices)
    label_text = r.text(f["label"], _("label")) if "label" in f else None
    minimum = r.number(f["min"], _("min")) if "min" in f else None
    maximum = r.number(f["max"], _("max")) if "max" in f else None
    total_of = _read_names(r, f["total_of"]) if "total_of" in f else ()
    stale = r.boolean(f["stale"], _("stale")) if "stale" in f else False
    cumulative = r.boolean(f["cumulative"], _("cumulative")) if "cumulative" in f else None
    if kind is None:
        return None, None
    value = figure_value(r, f["value"], name.value, kind.value, minimum, maximum)
    if value is False:
        return None, None
    figure = Figure(
        name.value,
        value,
        kind.value,
        label_text.value if label_text else "",
        name.location,
        stale,
        cumulative,
        r.at(f["value"]),
        minimum,
        maximum,
        total_of,
    )
    return figure, f.get("total_of")


def _read_names(r: Reader, node: yaml.Node) -> tuple[str, ...]:
    names = []
    for item in r.items(node, _("total_of")):
        name = r.name(item, _("figure name"))
        if name is not None:
            names.append(name.value)
    return tuple(names)


def figure_value(
    r: Reader,
    node: yaml.Node,
    name: str,
    kind: str,
    minimum: Decimal | None = None,
    maximum: Decimal | None = None,
) -> Decimal | None | bool:
    """The checked value of one figure: a Decimal, None when not yet filled in (``value: null``),
    or False after reporting why the value cannot be used."""
    what = _("value of '{name}'").format(name=name)
    if isinstance(node, yaml.ScalarNode) and node.tag == NULL_TAG:
        return None
    if not isinstance(node, yaml.ScalarNode):
        r.report.error(r.at(node), _("{what} must be a number, found {node}").format(what=what, node=r.describe(node)))
        return False
    raw = node.value.strip()
    problem = value_problem(raw, kind, yaml_number=node.tag in (INT_TAG, FLOAT_TAG))
    if problem is not None:
        message, hint = problem
        r.report.error(r.at(node), message.format(what=what, raw=quote(raw)), hint)
        return False
    value = Decimal(raw.replace("_", ""))
    if kind in ("count", "money") and value < 0:
        r.report.error(
            r.at(node),
            _("{what} is {value}, but a count or an amount cannot be negative").format(
                what=what, value=FORMATTERS[kind](value)
            ),
            _("check the value and its sign"),
        )
        return False
    low, high = DEFAULT_LIMITS[kind]
    low = minimum if minimum is not None else low
    high = maximum if maximum is not None else high
    if (low is not None and value < low) or (high is not None and value > high):
        printed = FORMATTERS[kind](value)
        r.report.error(
            r.at(node),
            _limit_message(kind, low, high).format(
                what=what, value=printed, low=_plain(low, kind), high=_plain(high, kind)
            ),
            _("check the value; if it is right, give the figure its own limits with min: and max:"),
        )
        return False
    return value


def value_problem(raw: str, kind: str, yaml_number: bool) -> tuple[str, str] | None:
    """Why ``raw`` cannot be the value of a figure of ``kind`` (message and hint), or None.

    The message has the placeholders ``{what}`` and ``{raw}``.
    """
    meant = _meant(raw, kind)
    if not yaml_number:
        hint = (
            _("did you mean {meant}? write the number without Turkish separators or quotes").format(meant=meant)
            if meant
            else _number_hint(kind)
        )
        return _("{what} must be a number, found '{raw}'"), hint
    try:
        value = Decimal(raw.replace("_", ""))
    except InvalidOperation:
        return _("{what} must be a number, found '{raw}'"), _number_hint(kind)
    if not value.is_finite():
        return _("{what} must be a number, found '{raw}'"), _number_hint(kind)
    if kind in ("count", "money", "year") and THOUSANDS_DOT.fullmatch(raw):
        return (
            _("{what} is written '{raw}': YAML reads the dot as a decimal point, not as a thousands separator"),
            _("did you mean {meant}? write the number without separators").format(meant=meant),
        )
    if kind in WHOLE_KINDS and value != value.to_integral_value():
        return _("{what} must be a whole number, found '{raw}'"), _number_hint(kind)
    exponent = value.normalize().as_tuple().exponent
    if kind == "money" and isinstance(exponent, int) and -exponent > MONEY_DECIMALS:
        return (
            _("{what} has more than two decimals: '{raw}'"),
            _("write the amount in full lira, e.g. 188100000 for 188,1 milyon TL"),
        )
    return None


def _meant(raw: str, kind: str) -> str | None:
    """The number an editor probably meant by a Turkish-typed value: 92.783 → 92783."""
    text = raw.strip().strip("'\"")
    if THOUSANDS_DOT.fullmatch(text):
        return text.replace(".", "")
    if kind != "count" and DECIMAL_COMMA.fullmatch(text) and not THOUSANDS_COMMA.fullmatch(text):
        return text.replace(",", ".")
    if re.fullmatch(r"[+-]?\d+", text):
        return text
    return None


def _number_hint(kind: str) -> str:
    return {
        "count": _("a count is a whole number without separators, e.g. 92783"),
        "money": _("write the amount in full lira without separators, e.g. 188100000"),
        "percent": _("write the per cent as a plain number, e.g. 3 for %3 or 3.5 for %3,5"),
        "year": _("write the year as four digits, e.g. 2024"),
    }[kind]


def _limit_message(kind: str, low: Decimal | None, high: Decimal | None) -> str:
    if kind in ("count", "money") and low == 0 and high is None:
        return _("{what} is {value}, but a count or an amount cannot be negative")
    if high is None:
        return _("{what} is {value}, below its minimum {low}")
    if low is None:
        return _("{what} is {value}, above its maximum {high}")
    return _("{what} is {value}, outside the allowed range {low}–{high}")


def _plain(value: Decimal | None, kind: str) -> str:
    if value is None:
        return ""
    if kind == "year":
        return FORMATTERS["year"](value)
    return FORMATTERS["count"](value) if value == value.to_integral_value() else str(value).replace(".", ",")


def _check_totals(r: Reader, figures: dict[str, Figure], relations: dict[str, yaml.Node]) -> None:
    """``total_of: [a, b, c]``: the figure must be exactly the sum of a, b and c."""
    for name, node in relations.items():
        figure = figures[name]
        parts = []
        for part in figure.total_of:
            if part not in figures:
                r.report.error(
                    r.at(node),
                    _("'{name}' is the total of '{part}', which is not a figure").format(name=name, part=part),
                    did_you_mean(
                        part, figures, _("define '{name}' in figures.yaml, or correct the name").format(name=part)
                    ),
                )
                return
            if figures[part].kind != figure.kind:
                r.report.error(
                    r.at(node),
                    _("'{name}' ({kind}) cannot be the total of '{part}' ({part_kind})").format(
                        name=name, kind=figure.kind, part=part, part_kind=figures[part].kind
                    ),
                )
                return
            parts.append(figures[part])
        if figure.value is None or any(p.value is None for p in parts):
            continue
        total = sum((p.value for p in parts), Decimal(0))
        if total != figure.value:
            fmt = FORMATTERS[figure.kind]
            r.report.error(
                figure.value_location or figure.location,
                _("'{name}' is {value}, but the figures it totals add up to {total} ({sum})").format(
                    name=name, value=fmt(figure.value), total=fmt(total), sum=" + ".join(fmt(p.value) for p in parts)
                ),
                _("correct the total or one of {parts}").format(parts=", ".join(figure.total_of)),
            )


def check_filled(figures: dict[str, Figure], report: Report) -> None:
    """Every figure has this period's value: ``value: null`` is a figure still to fill in."""
    for figure in figures.values():
        if figure.value is None:
            report.error(
                figure.value_location or figure.location,
                _("'{name}' has no value yet ({label})").format(name=figure.name, label=figure.label or figure.kind),
                _("type this period's value after 'value:', or import the figures from a spreadsheet"),
            )


def same_owner(figures_province: str, booklet_province: str) -> bool:
    from ..turkish import lower

    def norm(text: str) -> str:
        return " ".join(lower(text).split())

    return norm(figures_province) == norm(booklet_province)


def owner_location(file: FiguresFile, path) -> Location:
    if file.province is not None:
        return file.province.location
    return Location(path, 1, 1)

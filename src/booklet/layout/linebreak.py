"""Total-fit line breaking (Knuth and Plass, "Breaking paragraphs into lines", 1981).

A paragraph is a list of items: boxes (text of fixed width), glue (a space that can
stretch and shrink) and penalties (a possible break, with a cost; a flagged penalty is a
hyphen). Every legal break is weighed against every earlier one that can still start a
line, and the set of breaks with the fewest total demerits over the whole paragraph wins,
so a loose line or a hyphen early on is avoided when it makes the rest better. Greedy
first-fit breaking, which ReportLab does, decides each line alone and hyphenates whenever
the next word does not fit.

This module knows nothing about fonts or PDF: widths are numbers. ``typeset.py`` turns
ReportLab's text fragments into items and the chosen breaks back into ReportLab lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

BOX, GLUE, PENALTY = 0, 1, 2
INFINITY = 10000  # a penalty this high forbids a break; minus this forces one


class Item(NamedTuple):
    """A box, glue or penalty; a named tuple, because a paragraph is made of thousands."""

    kind: int  # BOX, GLUE or PENALTY
    width: float = 0.0  # a penalty's width is added only when the line breaks there (the hyphen)
    stretch: float = 0.0  # a box's stretch is letter spacing; Knuth and Plass's boxes have none
    shrink: float = 0.0
    cost: float = 0.0  # penalties only
    flagged: bool = False  # a hyphenated break
    ref: object = None  # what the item stands for, for the caller (a text slice)


def box(width: float, ref: object = None) -> Item:
    return Item(BOX, width, ref=ref)


def glue(width: float, stretch: float, shrink: float, ref: object = None) -> Item:
    return Item(GLUE, width, stretch, shrink, ref=ref)


def penalty(width: float, cost: float, flagged: bool = False, ref: object = None) -> Item:
    return Item(PENALTY, width, cost=cost, flagged=flagged, ref=ref)


@dataclass(frozen=True)
class Params:
    """The costs of a paragraph's shape; the defaults are TeX's, except where noted."""

    tolerance: float = 200.0  # the worst badness (100·r³, at most 10000) a line may have
    line_penalty: float = 10.0  # added to every line's badness: fewer lines are better
    hyphen_penalty: float = 50.0  # cost of a break at a hyphenation point
    double_hyphen_demerits: float = 10000.0  # two hyphenated lines in a row
    final_hyphen_demerits: float = 5000.0  # the line before the last ends in a hyphen
    adj_demerits: float = 10000.0  # a very loose line next to a tight one (fitness classes apart)
    loose_demerits: float = 0.0  # added for a very loose line (spaces stretched beyond r = 1)
    max_hyphen_run: int = 2  # never more hyphenated lines in a row than this
    allow_overfull: bool = False  # last resort: a line wider than the measure rather than no result


@dataclass(frozen=True, slots=True)
class Break:
    """One chosen break: the item it is at and the adjustment ratio of the line it ends."""

    position: int
    ratio: float  # -1 (spaces fully shrunk) … 0 (natural) … 1 (stretched by their stretch)
    flagged: bool


@dataclass(slots=True)
class _Node:
    position: int
    line: int
    fitness: int
    run: int  # hyphenated lines in a row ending here
    width: float  # totals of the items from the paragraph's start up to where the next line starts
    stretch: float
    shrink: float
    demerits: float
    ratio: float
    flagged: bool
    previous: _Node | None


def fitness_class(ratio: float) -> int:
    """TeX's classes: 0 very loose, 1 loose, 2 decent, 3 tight."""
    if ratio < -0.5:
        return 3
    if ratio <= 0.5:
        return 2
    if ratio <= 1.0:
        return 1
    return 0


def badness(ratio: float) -> float:
    """TeX's badness: 100·|r|³, capped at 10000 (a line that cannot stretch at all)."""
    return min(100.0 * abs(ratio) ** 3, float(INFINITY))


def max_ratio(tolerance: float) -> float:
    """The adjustment ratio whose badness is ``tolerance``."""
    return (tolerance / 100.0) ** (1 / 3)


def break_lines(items: list[Item], widths: list[float], params: Params = Params()) -> list[Break] | None:
    """The breaks with the fewest demerits, or None when no set of lines fits the tolerance.

    ``widths`` gives each line's measure; the last value repeats. The paragraph must end
    with a forced break (a penalty of ``-INFINITY``), normally after a glue of infinite
    stretch so the last line may be short.

    This is the paragraph's inner loop, run once per pass for every paragraph of every
    booklet, so it is written for speed: an active break is a tuple (see :data:`_NODE`),
    the demerits of :func:`_consider` are computed inline, in the same order of operations.
    """
    n = len(items)
    sum_w = [0.0] * (n + 1)
    sum_y = [0.0] * (n + 1)
    sum_z = [0.0] * (n + 1)
    w = y = z = 0.0
    legal = []  # where a line may end: a glue after a box, a penalty below INFINITY
    previous_kind = -1
    for i, item in enumerate(items):
        kind = item.kind
        if kind != PENALTY:  # a box may stretch too: letter spacing
            w += item.width
            y += item.stretch
            z += item.shrink
            if kind == GLUE and previous_kind == BOX:
                legal.append(i)
        elif item.cost < INFINITY:
            legal.append(i)
        previous_kind = kind
        sum_w[i + 1], sum_y[i + 1], sum_z[i + 1] = w, y, z
    lines = len(widths)
    last_width = widths[-1]
    tolerance = params.tolerance
    line_penalty = params.line_penalty
    max_run = params.max_hyphen_run
    double_hyphen, final_hyphen = params.double_hyphen_demerits, params.final_hyphen_demerits
    adj, loose = params.adj_demerits, params.loose_demerits
    cap = float(INFINITY)
    # (position, line, fitness, run, width, stretch, shrink, demerits, ratio, flagged, previous)
    active: list[tuple] = [(0, 0, 2, 0, 0.0, 0.0, 0.0, 0.0, 0.0, False, None)]
    for b in legal:
        item = items[b]
        if item.kind == GLUE:
            forced = flagged = False
            extra = 0.0
            cost_demerits = None
        else:
            cost = item.cost
            forced = cost <= -INFINITY
            flagged = item.flagged
            extra = item.width
            cost_demerits = None if forced else (cost * cost if cost >= 0 else -cost * cost)
        final = b == n - 1
        at_w, at_y, at_z = sum_w[b], sum_y[b], sum_z[b]
        best: dict[tuple[int, int], tuple[float, tuple, float]] = {}
        kept: list[tuple] = []
        overfull: tuple | None = None
        for a in active:
            measure = widths[a[1]] if a[1] < lines else last_width
            natural = at_w - a[4] + extra
            if natural < measure:
                stretch = at_y - a[5]
                ratio = (measure - natural) / stretch if stretch > 0 else INFINITY
            elif natural > measure:
                shrink = at_z - a[6]
                ratio = (measure - natural) / shrink if shrink > 0 else -INFINITY
            else:
                ratio = 0.0
            if ratio < -1 or forced:
                if ratio < -1 and (overfull is None or a[7] < overfull[7]):
                    overfull = a
            else:
                kept.append(a)
            if ratio < -1:
                continue
            bad = 100.0 * abs(ratio) ** 3
            if bad > cap:
                bad = cap
            if bad > tolerance:
                continue
            run = a[3] + 1 if flagged else 0
            if run > max_run:
                continue
            demerits = (line_penalty + bad) ** 2
            if cost_demerits is not None:
                demerits += cost_demerits
            if flagged and a[9]:
                demerits += double_hyphen
            if final and a[9]:
                demerits += final_hyphen
            fit = 3 if ratio < -0.5 else 2 if ratio <= 0.5 else 1 if ratio <= 1.0 else 0
            if abs(fit - a[2]) > 1:
                demerits += adj
            if fit == 0:
                demerits += loose
            demerits += a[7]
            key = (fit, run)
            known = best.get(key)
            if known is None or demerits < known[0]:
                best[key] = (demerits, a, ratio)
        active = kept
        if not best and not active and overfull is not None and params.allow_overfull:
            _consider(best, _Node(*overfull), -1.0, item, flagged, forced, final, params, overfull=True)
            best = {key: (d, overfull, r) for key, (d, _node, r) in best.items()}
        if best:
            width, stretch, shrink = _after_break(items, b, sum_w, sum_y, sum_z)
            for (fit, run), (demerits, a, ratio) in best.items():
                active.append((b, a[1] + 1, fit, run, width, stretch, shrink, demerits, ratio, flagged, a))
        if not active:
            return None
    ends = [a for a in active if a[0] == n - 1]
    if not ends:
        return None
    node: tuple | None = min(ends, key=lambda a: a[7])
    breaks = []
    while node is not None and node[10] is not None:
        breaks.append(Break(node[0], node[8], node[9]))
        node = node[10]
    return breaks[::-1]


def _consider(
    best, a: _Node, ratio: float, item: Item, flagged: bool, forced: bool, final: bool, params, overfull=False
):
    """Demerits of a line from break ``a`` to this item; keep the best per fitness class and
    hyphen run. (``break_lines`` computes the same inline; this is the definition, and the
    last resort's path.)"""
    run = a.run + 1 if flagged else 0
    if run > params.max_hyphen_run:
        return
    demerits = (params.line_penalty + badness(ratio)) ** 2
    if item.kind == PENALTY and not forced:
        demerits += item.cost * item.cost if item.cost >= 0 else -item.cost * item.cost
    if flagged and a.flagged:
        demerits += params.double_hyphen_demerits
    if final and a.flagged:
        demerits += params.final_hyphen_demerits
    fit = fitness_class(ratio)
    if abs(fit - a.fitness) > 1:
        demerits += params.adj_demerits
    if fit == 0:
        demerits += params.loose_demerits
    if overfull:
        demerits += INFINITY * INFINITY
    demerits += a.demerits
    key = (fit, run)
    if key not in best or demerits < best[key][0]:
        best[key] = (demerits, a, ratio)


def _after_break(items: list[Item], b: int, sum_w, sum_y, sum_z) -> tuple[float, float, float]:
    """Totals where the next line starts: glue and penalties after a break are discarded."""
    width, stretch, shrink = sum_w[b], sum_y[b], sum_z[b]
    for i in range(b, len(items)):
        item = items[i]
        if item.kind == BOX:
            break
        if item.kind == GLUE:
            width += item.width
            stretch += item.stretch
            shrink += item.shrink
        elif item.cost <= -INFINITY and i > b:
            break
    return width, stretch, shrink

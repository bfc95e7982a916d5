"""Vector icons from a small, documented subset of SVG, drawn straight onto the PDF canvas.

A full SVG renderer (svglib) would pull in lxml and CSS parsing for what are two dozen
line icons; this reads only what ``assets/icons/README.md`` allows and names the file and
line of anything else — every problem of the file in one run (an element with a problem is
skipped and the reading goes on), each kind of problem once, with how often it recurs.
"""

from __future__ import annotations

import contextlib
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from xml.parsers import expat

from ..diagnostics import BookletError, Location, Report
from ..i18n import N_, _, ngettext
from ..inputs import InputProblem, read_input

MAX_ICON_BYTES = 1_000_000  # a line icon is a few kB; more is a pasted photo or a bomb
SHAPES = {"path", "circle", "ellipse", "rect", "line", "polyline", "polygon"}
INHERITED = {"fill", "stroke", "stroke-width", "stroke-linecap", "stroke-linejoin", "fill-rule"}
GEOMETRY = {"d", "cx", "cy", "r", "rx", "ry", "x", "y", "width", "height", "x1", "y1", "x2", "y2", "points"}
IGNORED = {"xmlns", "viewBox", "id", "class", "version", "xmlns:xlink"}
CAPS = {"butt": 0, "round": 1, "square": 2}
JOINS = {"miter": 0, "round": 1, "bevel": 2}
NUMBER_RE = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
PATH_TOKEN_RE = re.compile(r"[MmLlHhVvCcSsQqAaZz]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
SUBSET_HINT = N_("see assets/icons/README.md for the SVG subset icons may use")
EDITOR_HINT = N_("this is the drawing program's own data: in Inkscape, save the icon with File → Save As… → Plain SVG")
EDITOR_PREFIXES = ("inkscape:", "sodipodi:", "sketch:", "serif:")
# expat's words for what is wrong with the XML, told in the editor's language
XML_PROBLEMS = {
    "syntax error": N_("syntax error"),
    "no element found": N_("the file ends before the icon is complete"),
    "not well-formed (invalid token)": N_("a character that XML does not allow here (an unescaped < or &?)"),
    "unclosed token": N_("a tag or attribute is not closed"),
    "partial character": N_("the file ends in the middle of a character"),
    "mismatched tag": N_("a closing tag does not match the tag it closes"),
    "duplicate attribute": N_("an attribute is given twice on one element"),
    "junk after document element": N_("text after the closing </svg>"),
    "undefined entity": N_("an unknown entity (&name;); write & as &amp;"),
    "unbound prefix": N_("a prefix (name:) whose namespace is not declared"),
    "XML or text declaration not at start of entity": N_("the <?xml …?> line is not at the very start of the file"),
    "XML declaration not well-formed": N_("the <?xml …?> line is malformed"),
    "unknown encoding": N_("the <?xml …?> line names an encoding XML does not know"),
    "encoding specified in XML declaration is incorrect": N_(
        "the file is not in the encoding its <?xml …?> line names"
    ),
    "unclosed CDATA section": N_("a <![CDATA[ section is never closed"),
    "reference to invalid character number": N_("a character reference (&#…;) that is not a character"),
}


class _Skip(Exception):
    """The element being read has a problem (already recorded); reading goes on after it."""


@dataclass(frozen=True)
class Shape:
    segments: tuple  # ("M", x, y) | ("L", x, y) | ("C", x1, y1, x2, y2, x, y) | ("Z",)
    fill: bool
    stroke: bool
    stroke_width: float
    cap: int
    join: int
    even_odd: bool


@dataclass
class Icon:
    path: Path
    view_box: tuple[float, float, float, float]
    shapes: list[Shape] = field(default_factory=list)

    def draw(self, canvas, x: float, y: float, size: float, colour) -> None:
        """Draw the icon in a ``size`` square whose lower-left corner is at (x, y)."""
        vx, vy, vw, vh = self.view_box
        scale = size / max(vw, vh)
        canvas.saveState()
        canvas.translate(x, y + size)
        canvas.scale(scale, -scale)
        canvas.translate(-vx, -vy)
        canvas.setFillColor(colour)
        canvas.setStrokeColor(colour)
        for shape in self.shapes:
            p = canvas.beginPath()
            for seg in shape.segments:
                op = seg[0]
                if op == "M":
                    p.moveTo(*seg[1:])
                elif op == "L":
                    p.lineTo(*seg[1:])
                elif op == "C":
                    p.curveTo(*seg[1:])
                else:
                    p.close()
            canvas.setLineWidth(shape.stroke_width)
            canvas.setLineCap(shape.cap)
            canvas.setLineJoin(shape.join)
            canvas.drawPath(p, stroke=int(shape.stroke), fill=int(shape.fill), fillMode=int(not shape.even_odd))
        canvas.restoreState()


@lru_cache(maxsize=256)  # the shared prose uses ≈ 40 icons
def load_icon(path: Path) -> Icon:
    """Parse an icon file once per process; every unsupported construct is a located error,
    all of them raised together."""
    reader = _IconReader(path)
    try:
        data = read_input(path, MAX_ICON_BYTES)
    except InputProblem as problem:
        raise BookletError.single(Location(path), problem.message, problem.hint) from None
    reader.parse(data)
    reader.raise_problems()
    return reader.icon


class _IconReader:
    def __init__(self, path: Path):
        self.path = path
        self.parser = expat.ParserCreate()
        self.parser.StartElementHandler = self.start
        self.parser.EndElementHandler = self.end
        self.stack: list[dict[str, str]] = []
        self.icon = Icon(path, (0, 0, 48, 48))
        self.problems: dict[str, tuple[Location, str, int]] = {}  # message → first place, hint, times

    def where(self) -> Location:
        return Location(self.path, self.parser.CurrentLineNumber, self.parser.CurrentColumnNumber + 1)

    def note(self, message: str, hint: str | None = None) -> None:
        """Record a problem; the same problem again only counts (one Inkscape file repeats it often)."""
        first = self.problems.get(message)
        if first is None:
            self.problems[message] = (self.where(), _(SUBSET_HINT) if hint is None else hint, 1)
        else:
            self.problems[message] = (first[0], first[1], first[2] + 1)

    def fail(self, message: str, hint: str | None = None):
        self.note(message, hint)
        raise _Skip

    def raise_problems(self) -> None:
        if not self.problems:
            return
        report = Report()
        for message, (where, hint, times) in self.problems.items():
            if times > 1:
                message += " " + ngettext(
                    "(and {count} more time in this file)", "(and {count} more times in this file)", times - 1
                ).format(count=times - 1)
            report.error(where, message, hint)
        raise BookletError(report)

    def parse(self, data: bytes) -> None:
        try:
            self.parser.Parse(data, True)
        except expat.ExpatError as exc:
            text = expat.errors.messages[exc.code]
            self.problems = {}  # what was read before is moot: the file is not XML
            report = Report()
            report.error(
                Location(self.path, exc.lineno, exc.offset + 1),
                _("icon is not valid SVG/XML: {code}").format(code=_(XML_PROBLEMS.get(text, N_("syntax error")))),
                _("open the icon in a text editor and look at this place, or save it again from the drawing program"),
            )
            raise BookletError(report) from None

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        # SVG's default fill is black; in a one-colour icon that is the icon's colour
        inherited = (
            dict(self.stack[-1]) if self.stack else {"fill": "currentColor", "stroke": "none", "stroke-width": "1"}
        )
        inherited.update({k: v for k, v in attrs.items() if k in INHERITED})
        self.stack.append(inherited)
        with contextlib.suppress(_Skip):  # noted; the next element is read
            self.element(tag.rsplit("}", 1)[-1], attrs, inherited)

    def element(self, tag: str, attrs: dict[str, str], inherited: dict[str, str]) -> None:
        unknown = [n for n in attrs if n not in INHERITED | GEOMETRY | IGNORED and not n.startswith("xmlns:")]
        for name in unknown:
            self.note(
                _("icon attribute '{name}' on <{tag}> is not supported").format(name=name, tag=tag),
                _(EDITOR_HINT) if name.startswith(EDITOR_PREFIXES) else None,
            )
        if unknown:
            raise _Skip
        if tag == "svg":
            if "viewBox" in attrs:
                box = [float(n) for n in NUMBER_RE.findall(attrs["viewBox"])]
                if len(box) != 4 or box[2] <= 0 or box[3] <= 0:
                    self.fail(_("viewBox must be four numbers with a positive width and height"))
                self.icon.view_box = tuple(box)  # type: ignore[assignment]
            return
        if tag in ("g", "title", "desc"):
            return
        if tag not in SHAPES:
            self.fail(
                _("icon element <{tag}> is not supported").format(tag=tag),
                _(EDITOR_HINT) if tag.startswith(EDITOR_PREFIXES) or tag == "metadata" else None,
            )
        segments = self.geometry(tag, attrs)
        fill, stroke = inherited["fill"], inherited["stroke"]
        for paint in (fill, stroke):
            if paint not in ("none", "currentColor"):
                self.fail(
                    _("icon colour '{paint}' is not allowed").format(paint=paint),
                    _("icons use only currentColor or none"),
                )
        self.icon.shapes.append(
            Shape(
                tuple(segments),
                fill == "currentColor" and tag not in ("line", "polyline"),
                stroke == "currentColor",
                self.number(inherited.get("stroke-width", "1")),
                CAPS.get(inherited.get("stroke-linecap", "butt"), 0),
                JOINS.get(inherited.get("stroke-linejoin", "miter"), 0),
                inherited.get("fill-rule") == "evenodd",
            )
        )

    def end(self, tag: str) -> None:
        self.stack.pop()

    def number(self, text: str) -> float:
        try:
            return float(text)
        except ValueError:
            self.fail(_("'{text}' is not a number").format(text=text))

    def geometry(self, tag: str, a: dict[str, str]) -> list[tuple]:
        n = lambda key, default=None: (
            self.number(a[key])
            if key in a
            else (default if default is not None else self.fail(_("<{tag}> needs '{key}'").format(tag=tag, key=key)))
        )  # noqa: E731
        if tag == "path":
            return self.path_data(a.get("d", ""))
        if tag == "circle":
            return _ellipse(n("cx", 0), n("cy", 0), n("r"), n("r"))
        if tag == "ellipse":
            return _ellipse(n("cx", 0), n("cy", 0), n("rx"), n("ry"))
        if tag == "rect":
            return _rect(n("x", 0), n("y", 0), n("width"), n("height"), n("rx", n("ry", 0)), n("ry", n("rx", 0)))
        if tag == "line":
            return [("M", n("x1", 0), n("y1", 0)), ("L", n("x2", 0), n("y2", 0))]
        points = [float(v) for v in NUMBER_RE.findall(a.get("points", ""))]
        if len(points) < 4 or len(points) % 2:
            self.fail(_("<{tag}> needs an even number of point coordinates").format(tag=tag))
        segs = [("M", points[0], points[1])] + [("L", points[i], points[i + 1]) for i in range(2, len(points), 2)]
        return segs + [("Z",)] if tag == "polygon" else segs

    def path_data(self, d: str) -> list[tuple]:
        tokens = PATH_TOKEN_RE.findall(d)
        stray = re.search(r"[^\s,]+", PATH_TOKEN_RE.sub(" ", d))
        if stray:  # a letter SVG does not know (T is read, X never): never drop it silently
            self.fail(_("path command '{cmd}' is not supported").format(cmd=stray.group()[:10]))
        if "".join(tokens).replace(" ", "") == "" and d.strip():
            self.fail(_("path data has no commands"))
        segs: list[tuple] = []
        i, cmd = 0, None
        x = y = sx = sy = 0.0
        last_ctrl: tuple[float, float] | None = None
        last_q: tuple[float, float] | None = None

        def take(count: int) -> list[float]:
            nonlocal i
            values = tokens[i : i + count]
            if len(values) < count or any(v.isalpha() for v in values):
                self.fail(_("path command '{cmd}' is missing numbers").format(cmd=cmd))
            i += count
            return [float(v) for v in values]

        while i < len(tokens):
            if tokens[i].isalpha():
                cmd = tokens[i]
                i += 1
                if cmd in "Zz":
                    segs.append(("Z",))
                    x, y = sx, sy
                    last_ctrl = last_q = None
                    continue
            elif cmd is None:
                self.fail(_("path data must start with a command such as M"))
            rel = cmd.islower()
            ox, oy = (x, y) if rel else (0.0, 0.0)
            c = cmd.upper()
            ctrl = q = None
            if c == "M":
                x, y = (v + o for v, o in zip(take(2), (ox, oy)))
                segs.append(("M", x, y))
                sx, sy = x, y
                cmd = "l" if rel else "L"
            elif c == "L":
                x, y = (v + o for v, o in zip(take(2), (ox, oy)))
                segs.append(("L", x, y))
            elif c == "H":
                x = take(1)[0] + ox
                segs.append(("L", x, y))
            elif c == "V":
                y = take(1)[0] + oy
                segs.append(("L", x, y))
            elif c in "CS":
                if c == "C":
                    x1, y1, x2, y2, ex, ey = take(6)
                    x1, y1 = x1 + ox, y1 + oy
                else:
                    x2, y2, ex, ey = take(4)
                    x1, y1 = (2 * x - last_ctrl[0], 2 * y - last_ctrl[1]) if last_ctrl else (x, y)
                x2, y2, ex, ey = x2 + ox, y2 + oy, ex + ox, ey + oy
                segs.append(("C", x1, y1, x2, y2, ex, ey))
                ctrl, (x, y) = (x2, y2), (ex, ey)
            elif c in "QT":
                if c == "Q":
                    qx, qy, ex, ey = take(4)
                    qx, qy = qx + ox, qy + oy
                else:
                    ex, ey = take(2)
                    qx, qy = (2 * x - last_q[0], 2 * y - last_q[1]) if last_q else (x, y)
                ex, ey = ex + ox, ey + oy
                segs.append(
                    (
                        "C",
                        x + 2 / 3 * (qx - x),
                        y + 2 / 3 * (qy - y),
                        ex + 2 / 3 * (qx - ex),
                        ey + 2 / 3 * (qy - ey),
                        ex,
                        ey,
                    )
                )
                q, (x, y) = (qx, qy), (ex, ey)
            elif c == "A":
                rx, ry, rot, large, sweep, ex, ey = take(7)
                ex, ey = ex + ox, ey + oy
                segs.extend(_arc(x, y, rx, ry, rot, bool(large), bool(sweep), ex, ey))
                x, y = ex, ey
            else:
                self.fail(_("path command '{cmd}' is not supported").format(cmd=cmd))
            last_ctrl, last_q = ctrl, q
        return segs


def _ellipse(cx: float, cy: float, rx: float, ry: float) -> list[tuple]:
    k = 0.5522847498
    return [
        ("M", cx + rx, cy),
        ("C", cx + rx, cy + k * ry, cx + k * rx, cy + ry, cx, cy + ry),
        ("C", cx - k * rx, cy + ry, cx - rx, cy + k * ry, cx - rx, cy),
        ("C", cx - rx, cy - k * ry, cx - k * rx, cy - ry, cx, cy - ry),
        ("C", cx + k * rx, cy - ry, cx + rx, cy - k * ry, cx + rx, cy),
        ("Z",),
    ]


def _rect(x: float, y: float, w: float, h: float, rx: float, ry: float) -> list[tuple]:
    rx, ry = min(rx, w / 2), min(ry, h / 2)
    if rx <= 0 or ry <= 0:
        return [("M", x, y), ("L", x + w, y), ("L", x + w, y + h), ("L", x, y + h), ("Z",)]
    k = 0.5522847498
    return [
        ("M", x + rx, y),
        ("L", x + w - rx, y),
        ("C", x + w - rx + k * rx, y, x + w, y + ry - k * ry, x + w, y + ry),
        ("L", x + w, y + h - ry),
        ("C", x + w, y + h - ry + k * ry, x + w - rx + k * rx, y + h, x + w - rx, y + h),
        ("L", x + rx, y + h),
        ("C", x + rx - k * rx, y + h, x, y + h - ry + k * ry, x, y + h - ry),
        ("L", x, y + ry),
        ("C", x, y + ry - k * ry, x + rx - k * rx, y, x + rx, y),
        ("Z",),
    ]


def _arc(x1, y1, rx, ry, rot, large, sweep, x2, y2) -> list[tuple]:
    """SVG elliptical arc as cubic Béziers (the endpoint-to-centre conversion of SVG 1.1 F.6)."""
    if rx == 0 or ry == 0 or (x1 == x2 and y1 == y2):
        return [("L", x2, y2)]
    rx, ry = abs(rx), abs(ry)
    phi = math.radians(rot)
    cos_p, sin_p = math.cos(phi), math.sin(phi)
    dx, dy = (x1 - x2) / 2, (y1 - y2) / 2
    x1p, y1p = cos_p * dx + sin_p * dy, -sin_p * dx + cos_p * dy
    lam = (x1p / rx) ** 2 + (y1p / ry) ** 2
    if lam > 1:
        rx, ry = rx * math.sqrt(lam), ry * math.sqrt(lam)
    num = rx * rx * ry * ry - rx * rx * y1p * y1p - ry * ry * x1p * x1p
    den = rx * rx * y1p * y1p + ry * ry * x1p * x1p
    coef = math.sqrt(max(0.0, num / den)) if den else 0.0
    if large == sweep:
        coef = -coef
    cxp, cyp = coef * rx * y1p / ry, -coef * ry * x1p / rx
    cx = cos_p * cxp - sin_p * cyp + (x1 + x2) / 2
    cy = sin_p * cxp + cos_p * cyp + (y1 + y2) / 2

    def angle(ux, uy, vx, vy):
        a = math.atan2(ux * vy - uy * vx, ux * vx + uy * vy)
        return a

    t1 = angle(1, 0, (x1p - cxp) / rx, (y1p - cyp) / ry)
    dt = angle((x1p - cxp) / rx, (y1p - cyp) / ry, (-x1p - cxp) / rx, (-y1p - cyp) / ry)
    if not sweep and dt > 0:
        dt -= 2 * math.pi
    elif sweep and dt < 0:
        dt += 2 * math.pi
    n = max(1, math.ceil(abs(dt) / (math.pi / 2)))
    step = dt / n
    k = 4 / 3 * math.tan(step / 4)
    segs = []
    for j in range(n):
        a1, a2 = t1 + j * step, t1 + (j + 1) * step
        p1 = (math.cos(a1) - k * math.sin(a1), math.sin(a1) + k * math.cos(a1))
        p2 = (math.cos(a2) + k * math.sin(a2), math.sin(a2) - k * math.cos(a2))
        p3 = (math.cos(a2), math.sin(a2))
        pts = []
        for px, py in (p1, p2, p3):
            ex, ey = px * rx, py * ry
            pts += [cos_p * ex - sin_p * ey + cx, sin_p * ex + cos_p * ey + cy]
        segs.append(("C", *pts))
    return segs

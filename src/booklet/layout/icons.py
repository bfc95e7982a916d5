"""Vector icons from a small, documented subset of SVG, drawn straight onto the PDF canvas.

A full SVG renderer (svglib) would pull in lxml and CSS parsing for what are two dozen
line icons; this reads only what ``assets/icons/README.md`` allows and names the file and
line of anything else.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from xml.parsers import expat

from ..diagnostics import BookletError, Location
from ..i18n import _
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


@cache
def load_icon(path: Path) -> Icon:
    """Parse an icon file once per process; any unsupported construct is a located error."""
    reader = _IconReader(path)
    try:
        data = read_input(path, MAX_ICON_BYTES)
    except InputProblem as problem:
        raise BookletError.single(Location(path), problem.message, problem.hint) from None
    reader.parse(data)
    return reader.icon


class _IconReader:
    def __init__(self, path: Path):
        self.path = path
        self.parser = expat.ParserCreate()
        self.parser.StartElementHandler = self.start
        self.parser.EndElementHandler = self.end
        self.stack: list[dict[str, str]] = []
        self.icon = Icon(path, (0, 0, 48, 48))

    def where(self) -> Location:
        return Location(self.path, self.parser.CurrentLineNumber, self.parser.CurrentColumnNumber + 1)

    def fail(self, message: str, hint: str = "see assets/icons/README.md for the SVG subset icons may use"):
        raise BookletError.single(self.where(), message, hint)

    def parse(self, data: bytes) -> None:
        try:
            self.parser.Parse(data, True)
        except expat.ExpatError as exc:
            raise BookletError.single(
                Location(self.path, exc.lineno, exc.offset + 1),
                _("icon is not valid SVG/XML: {code}").format(code=expat.errors.messages[exc.code]),
            ) from None

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        tag = tag.rsplit("}", 1)[-1]
        # SVG's default fill is black; in a one-colour icon that is the icon's colour
        inherited = (
            dict(self.stack[-1]) if self.stack else {"fill": "currentColor", "stroke": "none", "stroke-width": "1"}
        )
        for name in attrs:
            if name not in INHERITED | GEOMETRY | IGNORED:
                self.fail(_("icon attribute '{name}' on <{tag}> is not supported").format(name=name, tag=tag))
        inherited.update({k: v for k, v in attrs.items() if k in INHERITED})
        self.stack.append(inherited)
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
            self.fail(_("icon element <{tag}> is not supported").format(tag=tag))
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

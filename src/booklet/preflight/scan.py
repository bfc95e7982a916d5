"""One bounded walk through everything a page paints, recording the facts the rules judge.

Page content, forms at any depth, tiling patterns, shadings, soft masks, transparency
groups, annotation appearances and Type 3 glyph procedures are all read with the same
graphics-state tracking (CTM, colour spaces and values, text matrix). The walk knows nothing
about rules: it records colour spaces where they are used, text runs with their size and
plates, placed images, graphics states, fonts, registration-colour marks and annotations.

Hostile structure ends the walk with :class:`~.limits.Unreadable`: a form that draws itself,
forms nested too deep, more work than :mod:`.limits` allows. Identical placements of a form
(same page, scale and colour) are walked once, so a legitimate logo on every page stays cheap
and a fan-out of forms collapses.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field, replace
from decimal import Decimal

import pikepdf

from ..i18n import _
from .colourspace import CMYK, GRAY, Space, Spaces
from .limits import MAX_FORM_DEPTH, MAX_STREAM_BYTES, Budget, damaged, decoded, short_reason, too_complex

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
OPERATORS = (
    "q Q cm gs cs CS sc scn SC SCN g G rg RG k K BT ET Tf Tm Td TD T* TL Tz Tr Tj TJ ' \" "
    "Do sh m l re W W* n S s f F f* B B* b b* BI ID EI"
)
PAINT = {"S": "stroke", "s": "stroke", "f": "fill", "F": "fill", "f*": "fill"}
PAINT.update({"B": "both", "B*": "both", "b": "both", "b*": "both"})


def multiply(m: Matrix, n: Matrix) -> Matrix:
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def numbers(values, count: int | None = None) -> tuple[float, ...]:
    out = tuple(float(v) for v in values if isinstance(v, int | float | Decimal))
    if count is not None and len(out) != count:
        raise ValueError("operand count")
    return out


def as_matrix(value: object) -> Matrix:
    if isinstance(value, pikepdf.Array) and len(value) == 6:
        try:
            return numbers(value, 6)  # type: ignore[return-value]
        except (ValueError, TypeError):
            pass
    return IDENTITY


@dataclass(frozen=True)
class SpaceUse:
    page: int
    what: str  # where the space is used: "image Im1", "shading", "annotation appearance", …
    space: Space


@dataclass(frozen=True)
class TextKey:
    page: int
    size: float  # effective size in points, after every matrix
    plates: frozenset[str] | None
    cmyk: tuple[float, ...] | None  # the fill in DeviceCMYK, when it is one
    font: str
    in_bleed: bool  # whether the text starts inside the BleedBox (slug text outside does not print)


@dataclass(frozen=True)
class PlacedImage:
    page: int
    label: str
    width: int
    height: int
    ppi: float | None
    mask: bool
    space: Space
    image: pikepdf.Object | None  # the image XObject, for the ink fallback


@dataclass(frozen=True)
class FontInfo:
    name: str
    subtype: str
    embedded: bool
    unicode: bool
    page: int
    program: tuple[int, int] | None  # the embedded font file object
    two_byte: bool


@dataclass(frozen=True)
class Annotation:
    page: int
    subtype: str
    rect: tuple[float, float, float, float] | None
    hidden: bool
    actions: tuple[str, ...]  # action types: URI, JavaScript, Launch, …


@dataclass
class Scan:
    """Everything the walk saw, per page; the rules read only this (and the document)."""

    spaces: dict[tuple, SpaceUse] = field(default_factory=dict)
    text: dict[TextKey, int] = field(default_factory=lambda: defaultdict(int))  # → glyphs
    images: list[PlacedImage] = field(default_factory=list)
    fonts: dict[tuple, FontInfo] = field(default_factory=dict)
    states: list[tuple[int, str, tuple[str, ...]]] = field(default_factory=list)  # page, name, forbidden keys
    xobjects: list[tuple[int, str, tuple[str, ...]]] = field(default_factory=list)  # page, label, forbidden keys
    registration: list[tuple[int, tuple[float, float, float, float]]] = field(default_factory=list)
    annotations: list[Annotation] = field(default_factory=list)
    vector_ink: dict[int, float] = field(default_factory=dict)  # page → highest CMYK sum set
    operations: int = 0

    def space(self, page: int, what: str, space: Space) -> None:
        self.spaces.setdefault((page, what, space.family, space.not_cmyk, space.problem), SpaceUse(page, what, space))


@dataclass
class State:
    ctm: Matrix = IDENTITY
    fill: Space = GRAY
    fill_values: tuple[float, ...] | None = (0.0,)
    stroke: Space = GRAY
    stroke_values: tuple[float, ...] | None = (0.0,)
    font: FontInfo | None = None
    size: float = 0.0
    leading: float = 0.0
    render: int = 0
    clip: tuple[float, float, float, float] | None = None  # bounding box of the clipping path, on the page

    def copy(self) -> State:
        return replace(self)


def _dict(obj: object, key: str) -> pikepdf.Dictionary | None:
    if not isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
        return None
    value = obj.get(key)
    return value if isinstance(value, pikepdf.Dictionary) else None


def _intersect(clip, area):
    """The part of ``area`` inside ``clip`` (None: no clip); may come out empty (x0 > x1)."""
    if clip is None:
        return area
    return max(clip[0], area[0]), max(clip[1], area[1]), min(clip[2], area[2]), min(clip[3], area[3])


def box(value: object) -> tuple[float, float, float, float] | None:
    if not isinstance(value, pikepdf.Array) or len(value) != 4:
        return None
    try:
        x0, y0, x1, y1 = numbers(value, 4)
    except (ValueError, TypeError):
        return None
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def inherited(page: pikepdf.Object, key: str) -> object:
    """A page attribute that may live on an ancestor in the page tree (Resources, MediaBox)."""
    node = page
    for _depth in range(64):
        if not isinstance(node, pikepdf.Dictionary):
            return None
        if key in node:
            return node[key]
        node = node.get("/Parent")
    return None


class Walker:
    def __init__(self, pdf: pikepdf.Pdf, budget: Budget | None = None):
        self.pdf = pdf
        self.scan = Scan()
        self.spaces = Spaces()
        self.budget = budget or Budget()
        self.scratch = pikepdf.new()
        self.parsed: dict[tuple[int, int], list] = {}
        self.walked: dict[tuple, tuple[int, int]] = {}  # placement → (operations drawn, forms drawn)
        self.active: list[tuple[int, int]] = []
        self.page_number = 0
        self.bleed: tuple[float, float, float, float] | None = None
        self.type3_done: set[tuple[int, int]] = set()

    # --- pages -----------------------------------------------------------------------
    def run(self) -> Scan:
        for number, page in enumerate(self.pdf.pages, 1):
            self.page_number = self.spaces.page = number
            try:
                self.page(page.obj)
            except (pikepdf.PdfError, ValueError, TypeError, KeyError, AttributeError, IndexError) as exc:
                raise damaged(
                    _("the page content cannot be read ({reason})").format(reason=short_reason(exc)), number
                ) from None
            except RecursionError:
                raise too_complex(_("objects nested too deeply"), number) from None
        return self.scan

    def page(self, obj: pikepdf.Object) -> None:
        self.bleed = box(obj.get("/BleedBox")) or box(obj.get("/TrimBox")) or box(inherited(obj, "/MediaBox"))
        resources = inherited(obj, "/Resources")
        group = _dict(obj, "/Group")
        if group is not None and "/CS" in group:
            self.scan.space(self.page_number, _("page transparency group"), self.spaces.resolve(group["/CS"]))
        contents = obj.get("/Contents")
        streams = list(contents) if isinstance(contents, pikepdf.Array) else [contents] if contents is not None else []
        data = b"\n".join(self._bytes(s) for s in streams if isinstance(s, pikepdf.Stream))
        self.walk(self._parse(data), resources, State())
        for annotation in obj.get("/Annots", []) if isinstance(obj.get("/Annots"), pikepdf.Array) else []:
            self.annotation(annotation, resources)

    def _bytes(self, stream: pikepdf.Object) -> bytes:
        data = decoded(stream, MAX_STREAM_BYTES)
        if data is None:
            raise too_complex(
                _("a content stream is larger than {limit} MB").format(limit=MAX_STREAM_BYTES >> 20), self.page_number
            )
        return data

    def _parse(self, data: bytes) -> list:
        try:
            instructions = pikepdf.parse_content_stream(pikepdf.Stream(self.scratch, data), OPERATORS)
        except pikepdf.PdfError as exc:
            raise damaged(
                _("a content stream cannot be parsed ({reason})").format(reason=short_reason(exc)), self.page_number
            ) from None
        self.budget.read(len(data), self.page_number)
        return instructions

    def _stream_instructions(self, stream: pikepdf.Object) -> list:
        key = stream.objgen
        if key not in self.parsed:
            self.parsed[key] = self._parse(self._bytes(stream))
        return self.parsed[key]

    # --- the content walk --------------------------------------------------------------
    def walk(self, instructions: list, resources: object, state: State) -> None:
        stack: list[State] = []
        text = IDENTITY
        line = IDENTITY
        path: list[float] | None = None
        clipping = False
        self.scan.operations += len(instructions)
        page = self.page_number
        self.budget.walk(len(instructions), page)
        for instruction in instructions:
            op = str(instruction.operator)
            operands = instruction.operands
            if op == "q":
                stack.append(state.copy())
            elif op == "Q":
                if stack:
                    state = stack.pop()
            elif op == "cm":
                state.ctm = multiply(numbers(operands, 6), state.ctm)  # type: ignore[arg-type]
            elif op in ("k", "K", "g", "G", "rg", "RG"):
                space = {"k": CMYK, "g": GRAY}.get(op.lower()) or self.spaces.resolve(pikepdf.Name.DeviceRGB)
                self.scan.space(page, _("colour"), space)
                values = numbers(operands)
                if op.islower():
                    state.fill, state.fill_values = space, values
                else:
                    state.stroke, state.stroke_values = space, values
                self._note_ink(space, values)
            elif op in ("cs", "CS"):
                space = self.spaces.operand(operands[0] if operands else None, resources)
                self.scan.space(page, _("colour space"), space)
                initial = tuple(0.0 for _c in space.colorants) if space.colorants else None
                if space.family in ("DeviceGray", "CalGray", "ICCBased-Gray"):
                    initial = (0.0,)
                elif space.family == "DeviceCMYK" or space.family == "ICCBased-CMYK":
                    initial = (0.0, 0.0, 0.0, 1.0)
                elif space.family in ("Separation", "DeviceN"):
                    initial = tuple(1.0 for _c in space.colorants)
                if op == "cs":
                    state.fill, state.fill_values = space, initial
                else:
                    state.stroke, state.stroke_values = space, initial
            elif op in ("sc", "scn", "SC", "SCN"):
                space = state.fill if op.islower() else state.stroke
                values = numbers(operands)
                if operands and isinstance(operands[-1], pikepdf.Name):
                    self.pattern(resources, operands[-1], state)
                    values = ()
                if op.islower():
                    state.fill_values = values or None
                else:
                    state.stroke_values = values or None
                self._note_ink(space, values)
            elif op == "BT":
                text = line = IDENTITY
            elif op == "Tf" and len(operands) == 2:
                state.font = self.font(resources, operands[0])
                state.size = float(operands[1])
            elif op == "Tm":
                text = line = numbers(operands, 6)  # type: ignore[assignment]
            elif op in ("Td", "TD"):
                tx, ty = numbers(operands, 2)
                line = text = multiply((1, 0, 0, 1, tx, ty), line)
                if op == "TD":
                    state.leading = -ty
            elif op == "T*":
                line = text = multiply((1, 0, 0, 1, 0, -state.leading), line)
            elif op == "TL" and operands:
                state.leading = float(operands[0])
            elif op == "Tr" and operands:
                state.render = int(operands[0])
            elif op in ("Tj", "TJ", "'", '"'):
                if op in ("'", '"'):
                    line = text = multiply((1, 0, 0, 1, 0, -state.leading), line)
                self.show(operands, state, text)
            elif op == "Do" and operands:
                self.xobject(resources, operands[0], state)
            elif op == "INLINE IMAGE":
                self.inline_image(operands[0], resources, state)
            elif op == "sh" and operands:
                shading = _dict(resources, "/Shading")
                if shading is not None and operands[0] in shading:
                    self.shading(shading[operands[0]], _("shading"))
            elif op == "gs" and operands:
                self.graphics_state(resources, operands[0], state)
            elif op in ("m", "l", "re"):
                path = self._extend(path, op, numbers(operands), state.ctm)
            elif op in ("W", "W*"):
                clipping = True
            elif op in PAINT or op == "n":
                if path is not None and op != "n":
                    self._paint(PAINT[op], path, state, page)
                if clipping and path is not None:
                    state.clip = _intersect(state.clip, (path[0], path[1], path[2], path[3]))
                path, clipping = None, False

    def _note_ink(self, space: Space, values: tuple[float, ...]) -> None:
        if space.family == "DeviceCMYK" and len(values) == 4:
            ink = sum(values) * 100
        elif space.family == "DeviceGray" and len(values) == 1:
            ink = (1 - values[0]) * 100
        else:
            return
        page = self.page_number
        if ink > self.scan.vector_ink.get(page, -1):
            self.scan.vector_ink[page] = ink

    def _paint(self, kind: str, path: list[float], state: State, page: int) -> None:
        """Registration colour painted where it shows: the mark's box, cut by the clipping path."""
        fill = kind != "stroke" and self._registration(state.fill, state.fill_values)
        stroke = kind != "fill" and self._registration(state.stroke, state.stroke_values)
        if fill or stroke:
            shown = _intersect(state.clip, (path[0], path[1], path[2], path[3]))
            if shown is not None and shown[0] <= shown[2] and shown[1] <= shown[3]:
                self.scan.registration.append((page, shown))

    @staticmethod
    def _registration(space: Space, values: tuple[float, ...] | None) -> bool:
        if "All" not in space.colorants or values is None or len(values) != len(space.colorants):
            return False
        return any(c == "All" and v > 0.002 for c, v in zip(space.colorants, values))

    @staticmethod
    def _extend(path: list[float] | None, op: str, values: tuple[float, ...], ctm: Matrix) -> list[float]:
        points = []
        if op == "re" and len(values) == 4:
            x, y, w, h = values
            points = [(x, y), (x + w, y + h), (x + w, y), (x, y + h)]
        elif len(values) == 2:
            points = [values]
        for x, y in points:
            px, py = apply(ctm, x, y)
            if path is None:
                path = [px, py, px, py]
            else:
                path = [min(path[0], px), min(path[1], py), max(path[2], px), max(path[3], py)]
        return path if path is not None else []

    # --- text ------------------------------------------------------------------------
    def show(self, operands, state: State, text: Matrix) -> None:
        if state.render in (3, 7):  # invisible, or clip only
            return
        strings = []
        for operand in operands:
            if isinstance(operand, pikepdf.Array):
                strings += [bytes(v) for v in operand if isinstance(v, pikepdf.String)]
            elif isinstance(operand, pikepdf.String):
                strings.append(bytes(operand))
        count = sum(len(s) for s in strings)
        font = state.font
        if font is not None and font.two_byte:
            count //= 2
        if not count:
            return
        m = multiply(text, state.ctm)
        size = abs(state.size) * math.hypot(m[2], m[3])
        fill = state.render in (0, 2, 4, 6)
        stroke = state.render in (1, 2, 5, 6)
        plates: frozenset[str] | None = frozenset()
        for used, space, values in ((fill, state.fill, state.fill_values), (stroke, state.stroke, state.stroke_values)):
            if used:
                found = space.plates(values)
                plates = None if found is None or plates is None else plates | found
        cmyk = state.fill_values if fill and state.fill.family == "DeviceCMYK" else None
        x, y = m[4], m[5]
        bleed = self.bleed
        inside = bleed is None or (bleed[0] <= x <= bleed[2] and bleed[1] <= y <= bleed[3])
        key = TextKey(self.page_number, round(size, 2), plates, cmyk, font.name if font else "", inside)
        self.scan.text[key] += count

    def font(self, resources: object, name: object) -> FontInfo | None:
        fonts = _dict(resources, "/Font")
        if fonts is None or not isinstance(name, pikepdf.Name) or name not in fonts:
            return None
        font = fonts[name]
        if not isinstance(font, pikepdf.Dictionary):
            return None
        key = font.objgen if font.is_indirect else ("direct", str(name), self.page_number)
        if key in self.scan.fonts:
            return self.scan.fonts[key]
        info = self._font_info(font, str(name))
        self.scan.fonts[key] = info
        if info.subtype == "Type3":
            self.type3(font, resources)
        return info

    def _font_info(self, font: pikepdf.Dictionary, name: str) -> FontInfo:
        subtype = str(font.get("/Subtype", "")).lstrip("/")
        base = str(font.get("/BaseFont", name)).lstrip("/")
        target = font
        descendants = font.get("/DescendantFonts")
        if isinstance(descendants, pikepdf.Array) and len(descendants):
            target = descendants[0]
        descriptor = _dict(target, "/FontDescriptor")
        program = None
        for key in ("/FontFile", "/FontFile2", "/FontFile3"):
            if descriptor is not None and isinstance(descriptor.get(key), pikepdf.Stream):
                program = descriptor[key].objgen
        embedded = subtype == "Type3" or program is not None
        return FontInfo(
            base, subtype, embedded, "/ToUnicode" in font, self.page_number, program, two_byte=subtype == "Type0"
        )

    def type3(self, font: pikepdf.Dictionary, resources: object) -> None:
        """Glyph procedures are content streams too: their colours print."""
        procs = _dict(font, "/CharProcs")
        if procs is None or font.objgen in self.type3_done:
            return
        self.type3_done.add(font.objgen)
        own = font.get("/Resources", resources)
        matrix = as_matrix(font.get("/FontMatrix"))
        for proc in procs.values():
            if isinstance(proc, pikepdf.Stream):
                self.form_content(proc, own, State(ctm=matrix), _("Type 3 glyph"))

    # --- XObjects, patterns, shadings, graphics states -----------------------------------
    def xobject(self, resources: object, name: object, state: State) -> None:
        xobjects = _dict(resources, "/XObject")
        if xobjects is None or not isinstance(name, pikepdf.Name) or name not in xobjects:
            return
        xobject = xobjects[name]
        if not isinstance(xobject, pikepdf.Stream):
            return
        label = str(name).lstrip("/")
        subtype = str(xobject.get("/Subtype", ""))
        forbidden = tuple(key.lstrip("/") for key in ("/OPI", "/Alternates") if key in xobject)
        if subtype == "/PS" or "/PS" in xobject:
            forbidden += ("PS",)
        if forbidden:
            self.scan.xobjects.append((self.page_number, label, forbidden))
        if subtype == "/Image":
            self.image(label, xobject, state)
        elif subtype == "/Form":
            self.form(xobject, resources, state, label)

    def form(self, form: pikepdf.Stream, resources: object, state: State, label: str, what: str | None = None) -> None:
        group = _dict(form, "/Group")
        if group is not None and "/CS" in group:
            self.scan.space(self.page_number, what or _("transparency group"), self.spaces.resolve(group["/CS"]))
        inner = state.copy()
        inner.ctm = multiply(as_matrix(form.get("/Matrix")), state.ctm)
        bbox = box(form.get("/BBox"))
        if bbox is not None:  # a form is clipped at its BBox
            corners = [apply(inner.ctm, x, y) for x in (bbox[0], bbox[2]) for y in (bbox[1], bbox[3])]
            xs, ys = [p[0] for p in corners], [p[1] for p in corners]
            inner.clip = _intersect(state.clip, (min(xs), min(ys), max(xs), max(ys)))
        self.form_content(form, form.get("/Resources", resources), inner, what, label)

    def form_content(
        self, stream: pikepdf.Stream, resources: object, state: State, what: str | None = None, label: str = ""
    ) -> None:
        key = stream.objgen
        if key in self.active:
            name = label or _("object {number}").format(number=key[0])
            raise damaged(_("the form {name} draws itself").format(name=name), self.page_number)
        if len(self.active) >= MAX_FORM_DEPTH:
            raise too_complex(_("forms nested more than {limit} deep").format(limit=MAX_FORM_DEPTH), self.page_number)
        c = state.ctm
        memo = (
            self.page_number,
            key,
            what,
            round(c[0], 3),
            round(c[1], 3),
            round(c[2], 3),
            round(c[3], 3),
            state.fill.family,
            state.fill_values,
            state.stroke.family,
            state.stroke_values,
        )
        if memo in self.walked:  # the same placement again: a renderer draws it again, this check need not
            drawn, placed = self.walked[memo]
            self.budget.replay(drawn, placed, self.page_number)
            return
        before = (self.budget.drawn, self.budget.placements)
        self.budget.replay(0, 1, self.page_number)
        instructions = self._stream_instructions(stream)
        self.active.append(key)
        try:
            if what:
                spaces = set(self.scan.spaces)
                self.walk(instructions, resources, state)
                self._relabel(spaces, what)
            else:
                self.walk(instructions, resources, state)
        finally:
            self.active.pop()
        self.walked[memo] = (before[0] - self.budget.drawn, before[1] - self.budget.placements)

    def _relabel(self, before: set, what: str) -> None:
        """Spaces found inside an appearance, a glyph or a mask are reported as being there."""
        for key in [k for k in self.scan.spaces if k not in before]:
            use = self.scan.spaces.pop(key)
            self.scan.space(use.page, what, use.space)

    def pattern(self, resources: object, name: pikepdf.Name, state: State) -> None:
        patterns = _dict(resources, "/Pattern")
        if patterns is None or name not in patterns:
            return
        pattern = patterns[name]
        kind = pattern.get("/PatternType") if isinstance(pattern, pikepdf.Dictionary | pikepdf.Stream) else None
        if kind == 2:
            shading = pattern.get("/Shading")
            if isinstance(shading, pikepdf.Dictionary | pikepdf.Stream):
                self.shading(shading, _("shading pattern"))
        elif kind == 1 and isinstance(pattern, pikepdf.Stream):
            inner = State(ctm=as_matrix(pattern.get("/Matrix")))
            self.form_content(pattern, pattern.get("/Resources", resources), inner, _("tiling pattern"))

    def shading(self, shading: object, what: str) -> None:
        if isinstance(shading, pikepdf.Dictionary | pikepdf.Stream) and "/ColorSpace" in shading:
            self.scan.space(self.page_number, what, self.spaces.resolve(shading["/ColorSpace"]))

    def graphics_state(self, resources: object, name: object, state: State) -> None:
        states = _dict(resources, "/ExtGState")
        if states is None or not isinstance(name, pikepdf.Name) or name not in states:
            return
        gs = states[name]
        if not isinstance(gs, pikepdf.Dictionary):
            return
        forbidden = [key for key in ("/TR", "/HTP") if key in gs]
        if "/TR2" in gs and gs["/TR2"] != pikepdf.Name.Default:
            forbidden.append("/TR2")
        halftone = gs.get("/HT")
        if isinstance(halftone, pikepdf.Dictionary | pikepdf.Stream) and "/TransferFunction" in halftone:
            forbidden.append("/HT /TransferFunction")
        if forbidden:
            self.scan.states.append((self.page_number, str(name).lstrip("/"), tuple(k.lstrip("/") for k in forbidden)))
        mask = gs.get("/SMask")
        if isinstance(mask, pikepdf.Dictionary) and isinstance(mask.get("/G"), pikepdf.Stream):
            self.form(mask["/G"], resources, State(ctm=state.ctm), "", _("soft mask"))
        font = gs.get("/Font")
        if isinstance(font, pikepdf.Array) and len(font) == 2 and isinstance(font[0], pikepdf.Dictionary):
            state.font = self._font_info(font[0], "gs")
            state.size = float(font[1])

    # --- images ----------------------------------------------------------------------
    def image(self, label: str, image: pikepdf.Stream, state: State) -> None:
        mask = bool(image.get("/ImageMask", False))
        space = self.spaces.resolve(image["/ColorSpace"]) if "/ColorSpace" in image else GRAY
        self._placed(label, image.get("/Width", 0), image.get("/Height", 0), mask, space, state, image)

    def inline_image(self, inline: object, resources: object, state: State) -> None:
        obj = inline.obj  # type: ignore[attr-defined]
        mask = bool(obj.get("/ImageMask", False))
        space = self.spaces.operand(obj["/ColorSpace"], resources) if "/ColorSpace" in obj else GRAY
        self._placed(_("inline image"), obj.get("/Width", 0), obj.get("/Height", 0), mask, space, state, None)

    def _placed(self, label, width, height, mask: bool, space: Space, state: State, image) -> None:
        width, height = int(width) if isinstance(width, int) else 0, int(height) if isinstance(height, int) else 0
        if not mask:
            self.scan.space(self.page_number, _("image {label}").format(label=label), space)
        a, b, c, d = state.ctm[:4]
        placed_w, placed_h = math.hypot(a, b) / 72, math.hypot(c, d) / 72  # inches
        ppi = min(width / placed_w, height / placed_h) if placed_w > 0 and placed_h > 0 else None
        self.scan.images.append(PlacedImage(self.page_number, label, width, height, ppi, mask, space, image))

    # --- annotations -----------------------------------------------------------------
    def annotation(self, annotation: object, resources: object) -> None:
        if not isinstance(annotation, pikepdf.Dictionary):
            return
        subtype = str(annotation.get("/Subtype", "")).lstrip("/")
        flags = annotation.get("/F", 0)
        hidden = isinstance(flags, int) and bool(flags & 2)
        actions = []
        action = annotation.get("/A")
        if isinstance(action, pikepdf.Dictionary):
            actions.append(str(action.get("/S", "")).lstrip("/"))
        if "/AA" in annotation:
            actions.append("AA")
        self.scan.annotations.append(
            Annotation(self.page_number, subtype, box(annotation.get("/Rect")), hidden, tuple(actions))
        )
        appearances = _dict(annotation, "/AP")
        for kind in ("/N", "/R", "/D"):
            value = appearances.get(kind) if appearances is not None else None
            streams = [value] if isinstance(value, pikepdf.Stream) else []
            if isinstance(value, pikepdf.Dictionary):
                streams = [v for v in value.values() if isinstance(v, pikepdf.Stream)]
            for stream in streams:
                self.form(stream, resources, State(), "", _("annotation appearance"))


def scan_pdf(pdf: pikepdf.Pdf, budget: Budget | None = None) -> Scan:
    """Walk every page of ``pdf`` within the bounds; raises ``Unreadable`` for a hostile file."""
    return Walker(pdf, budget).run()

"""Colour spaces as a press sees them: which plates a colour lands on, and what is not CMYK.

A colour space can hide RGB anywhere: in a Separation's or DeviceN's alternate, in the base
of an Indexed space, behind an ICC profile whose /N says 4 but whose header says RGB. Every
space is resolved to the end here, with a depth bound, and remembered by object.
"""

from __future__ import annotations

import datetime
import struct
from dataclasses import dataclass

import pikepdf

from ..i18n import _
from .limits import MAX_SPACE_DEPTH, damaged, decoded

PROCESS = ("Cyan", "Magenta", "Yellow", "Black")
DEVICE = {"/DeviceCMYK": 4, "/DeviceGray": 1, "/DeviceRGB": 3, "/CMYK": 4, "/G": 1, "/RGB": 3}
NOT_CMYK = {"DeviceRGB", "CalRGB", "Lab", "RGB"}  # what a CMYK press cannot print as it is
ICC_SPACES = {b"CMYK": "CMYK", b"RGB ": "RGB", b"GRAY": "Gray", b"Lab ": "Lab"}


@dataclass(frozen=True)
class IccHeader:
    device_class: str  # prtr (output), mntr (monitor), scnr, spac, link, …
    space: str  # CMYK, RGB, Gray, Lab or the raw signature
    date: datetime.datetime | None


def icc_header(stream: pikepdf.Object) -> IccHeader | None:
    data = decoded(stream, 16 << 20)
    if data is None or len(data) < 128 or data[36:40] != b"acsp":
        return None
    try:
        date = datetime.datetime(*struct.unpack(">6H", data[24:36]), tzinfo=datetime.UTC)
    except ValueError:
        date = None
    space = ICC_SPACES.get(data[16:20], data[16:20].decode("latin-1").strip())
    return IccHeader(data[12:16].decode("latin-1"), space, date)


@dataclass(frozen=True)
class Space:
    family: str  # DeviceCMYK, Separation, ICCBased, …
    components: int
    colorants: tuple[str, ...]  # the plate of each component; () when not known (Indexed, Pattern, RGB)
    not_cmyk: str = ""  # what inside it is not CMYK or spot, e.g. "DeviceRGB alternate"
    problem: str = ""  # a space that contradicts itself (ICC /N against the profile)
    base: Space | None = None  # Indexed and uncoloured Pattern spaces

    def plates(self, values: tuple[float, ...] | None) -> frozenset[str] | None:
        """The plates a colour value in this space prints on; ``None`` when that cannot be told."""
        if values is None or not self.colorants or len(values) != len(self.colorants):
            return None
        plates = set()
        for colorant, value in zip(self.colorants, values):
            ink = 1 - value if self.family in ("DeviceGray", "CalGray", "ICCBased-Gray") else value
            if ink > 0.002 and colorant != "None":
                plates.update(PROCESS if colorant == "All" else (colorant,))
        return frozenset(plates)


GRAY = Space("DeviceGray", 1, ("Black",))
CMYK = Space("DeviceCMYK", 4, PROCESS)
RGB = Space("DeviceRGB", 3, (), not_cmyk="DeviceRGB")
UNKNOWN = Space("unknown", 0, ())


class Spaces:
    """Resolves colour space operands against a resource dictionary, once per object."""

    def __init__(self) -> None:
        self._cache: dict[tuple[int, int], Space] = {}
        self.page: int | None = None  # where the spaces are being read, for the message

    def operand(self, name: object, resources: pikepdf.Object | None) -> Space:
        """The space named by a cs/CS operand (a device name or a /ColorSpace resource)."""
        if isinstance(name, pikepdf.Name):
            key = str(name)
            if key in DEVICE or key == "/Pattern":
                return self.resolve(name)
            table = _dict(resources, "/ColorSpace")
            if table is not None and key in table:
                return self.resolve(table[key])
            return UNKNOWN
        return self.resolve(name)

    def resolve(self, space: object, depth: int = 0) -> Space:
        if depth > MAX_SPACE_DEPTH:
            raise damaged(_("colour spaces nested more than {limit} deep").format(limit=MAX_SPACE_DEPTH), self.page)
        key = space.objgen if isinstance(space, pikepdf.Object) and space.is_indirect else None
        if key is not None and key in self._cache:
            return self._cache[key]
        result = self._resolve(space, depth)
        if key is not None:
            self._cache[key] = result
        return result

    def _resolve(self, space: object, depth: int) -> Space:
        if isinstance(space, pikepdf.Name):
            name = str(space)
            if name in ("/DeviceCMYK", "/CMYK"):
                return CMYK
            if name in ("/DeviceGray", "/G"):
                return GRAY
            if name in ("/DeviceRGB", "/RGB"):
                return RGB
            if name == "/Pattern":
                return Space("Pattern", 0, ())
            return Space(name.lstrip("/"), 0, (), problem=_("unknown colour space {name}").format(name=name))
        if not isinstance(space, pikepdf.Array) or len(space) == 0:
            return UNKNOWN
        kind = str(space[0])
        if kind in ("/ICCBased",):
            return self._icc(space)
        if kind in ("/Indexed", "/I") and len(space) > 1:
            base = self.resolve(space[1], depth + 1)
            return Space("Indexed", 1, (), not_cmyk=_inside(base, _("base")), base=base)
        if kind == "/Separation" and len(space) > 2:
            alternate = self.resolve(space[2], depth + 1)
            name = str(space[1]).lstrip("/")
            return Space("Separation", 1, (name,), not_cmyk=_inside(alternate, _("alternate")))
        if kind == "/DeviceN" and len(space) > 2 and isinstance(space[1], pikepdf.Array):
            return self._device_n(space, depth)
        if kind == "/Pattern":
            base = self.resolve(space[1], depth + 1) if len(space) > 1 else None
            return Space("Pattern", 0, (), not_cmyk=_inside(base, _("base")) if base else "", base=base)
        if kind == "/CalGray":
            return Space("CalGray", 1, ("Black",))
        if kind in ("/CalRGB", "/Lab"):
            return Space(kind.lstrip("/"), 3, (), not_cmyk=kind.lstrip("/"))
        return UNKNOWN

    def _icc(self, space: pikepdf.Array) -> Space:
        stream = space[1] if len(space) > 1 else None
        if not isinstance(stream, pikepdf.Stream):
            return Space("ICCBased", 0, (), problem=_("an ICCBased colour space without its profile"))
        n = stream.get("/N")
        n = int(n) if isinstance(n, int) else 0
        header = icc_header(stream)
        profile = header.space if header else ""
        expected = {1: "Gray", 3: "RGB", 4: "CMYK"}.get(n)
        problem = ""
        if header is None:
            problem = _("an ICC profile that cannot be read")
        elif profile not in (expected, "Lab" if n == 3 else None):
            problem = _("an ICC-based space with /N {n} whose profile is {space}").format(n=n, space=profile)
        if "RGB" in (profile, expected) or profile == "Lab":
            label = _("ICC-based {space}").format(space=profile or "RGB")
            if problem and header is not None:
                label = _("ICC-based {space}, though its /N says {n}").format(space=profile, n=n)
            return Space("ICCBased-RGB", n, (), not_cmyk=label)
        if n == 4:
            return Space("ICCBased-CMYK", 4, PROCESS, problem=problem)
        if n == 1:
            return Space("ICCBased-Gray", 1, ("Black",), problem=problem)
        return Space("ICCBased", n, (), problem=problem or _("an ICC-based space with /N {n}").format(n=n))

    def _device_n(self, space: pikepdf.Array, depth: int) -> Space:
        names = tuple(str(v).lstrip("/") for v in space[1])
        alternate = self.resolve(space[2], depth + 1)
        not_cmyk = _inside(alternate, _("alternate"))
        attributes = space[4] if len(space) > 4 and isinstance(space[4], pikepdf.Dictionary) else None
        if attributes is not None:
            process = _dict(attributes, "/Process")
            if process is not None and "/ColorSpace" in process:
                not_cmyk = not_cmyk or _inside(self.resolve(process["/ColorSpace"], depth + 1), _("process space"))
            colorants = _dict(attributes, "/Colorants")
            for value in (colorants or {}).values():
                not_cmyk = not_cmyk or _inside(self.resolve(value, depth + 1), _("colorant"))
        return Space("DeviceN", len(names), names, not_cmyk=not_cmyk)


def _inside(space: Space | None, role: str) -> str:
    """How a nested space brings in non-CMYK colour, e.g. 'DeviceRGB alternate'."""
    if space is None or not space.not_cmyk:
        return ""
    return _("{space} {role}").format(space=space.not_cmyk, role=role)


def _dict(obj: object, key: str) -> pikepdf.Dictionary | None:
    if not isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
        return None
    value = obj.get(key)
    return value if isinstance(value, pikepdf.Dictionary) else None


def describe(space: Space) -> str:
    """A name for the space in a finding: 'DeviceRGB', 'Separation with a DeviceRGB alternate'."""
    if space.family in NOT_CMYK or space.family == "ICCBased-RGB":
        return space.not_cmyk
    return _("{family} ({inside})").format(family=space.family, inside=space.not_cmyk)

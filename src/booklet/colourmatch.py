"""Screen and print forms of one theme colour: derive the CMYK, and measure how far apart they are.

A theme colour is written for screens (``rgb``) and for the press (``cmyk``). An editor who
adds a section colour knows its RGB; the CMYK is then derived through the FOGRA39 profile the
print file declares as its output intent, with relative colorimetric rendering and no black-point
compensation: an in-gamut colour keeps its measured appearance on coated paper (ΔE00 0–1.8 between
screen and derived print form for ten of the twelve shipped colours, 2.9 and 3.2 for the two
outside the press's gamut; 2–5 with black-point compensation, which lightens dark colours);
perceptual rendering would shift every colour to make room for out-of-gamut ones. When both
forms are given, their difference is CIEDE2000 ΔE between the RGB colour (sRGB) and the CMYK colour printed on FOGRA39 paper, both in CIELAB; over
:data:`MAX_DELTA_E` the two files show visibly different colours, which is a warning unless
the theme says why they differ (``differs:``).
"""

from __future__ import annotations

import math
from functools import cache

MAX_DELTA_E = 5.0  # CIEDE2000: about 1 is a just-noticeable difference, 5 two clearly different colours

Lab = tuple[float, float, float]


@cache
def _transforms():
    from PIL import ImageCms

    from .pdf.pdfx import icc_path

    fogra = ImageCms.getOpenProfile(str(icc_path()))
    srgb = ImageCms.createProfile("sRGB")
    lab = ImageCms.createProfile("LAB", 6500)
    intent = ImageCms.Intent.RELATIVE_COLORIMETRIC
    return (
        ImageCms.buildTransform(srgb, fogra, "RGB", "CMYK", intent),
        ImageCms.buildTransform(srgb, lab, "RGB", "LAB", intent),
        ImageCms.buildTransform(fogra, lab, "CMYK", "LAB", intent),
    )


def _apply(transform, mode: str, pixel: tuple[int, ...]) -> tuple[int, ...]:
    from PIL import Image, ImageCms

    return ImageCms.applyTransform(Image.new(mode, (1, 1), pixel), transform).getpixel((0, 0))


def _bytes(values: tuple[float, ...]) -> tuple[int, ...]:
    return tuple(round(v * 255) for v in values)


def derive_cmyk(rgb: tuple[float, float, float]) -> tuple[float, float, float, float]:
    """The CMYK (fractions, in whole per cent) that prints an sRGB colour on FOGRA39 paper."""
    to_cmyk, _rgb_lab, _cmyk_lab = _transforms()
    values = _apply(to_cmyk, "RGB", _bytes(rgb))
    return tuple(round(v * 100 / 255) / 100 for v in values)  # type: ignore[return-value]


def _lab(values: tuple[int, ...]) -> Lab:
    lightness, a, b = values
    return lightness * 100 / 255, a - 128, b - 128  # Pillow's LAB: L scaled to 0–255, a and b offset by 128


def delta_e(rgb: tuple[float, float, float], cmyk: tuple[float, float, float, float]) -> float:
    """CIEDE2000 between an sRGB colour on screen and a CMYK colour printed on FOGRA39 paper."""
    _to_cmyk, rgb_lab, cmyk_lab = _transforms()
    return ciede2000(_lab(_apply(rgb_lab, "RGB", _bytes(rgb))), _lab(_apply(cmyk_lab, "CMYK", _bytes(cmyk))))


def ciede2000(first: Lab, second: Lab) -> float:
    """ΔE₀₀ (Sharma, Wu and Dalal, 2005: the formula with its hue and chroma corrections)."""
    l1, a1, b1 = first
    l2, a2, b2 = second
    mean_c = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(mean_c**7 / (mean_c**7 + 25**7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360 if c1p else 0.0
    h2p = math.degrees(math.atan2(b2, a2p)) % 360 if c2p else 0.0
    dl, dc = l2 - l1, c2p - c1p
    if c1p * c2p == 0:
        dh = 0.0
    elif abs(h2p - h1p) <= 180:
        dh = h2p - h1p
    else:
        dh = h2p - h1p - 360 if h2p > h1p else h2p - h1p + 360
    big_dh = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))
    mean_l, mean_cp = (l1 + l2) / 2, (c1p + c2p) / 2
    if c1p * c2p == 0:
        mean_h = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        mean_h = (h1p + h2p) / 2
    else:
        mean_h = (h1p + h2p + 360) / 2 if h1p + h2p < 360 else (h1p + h2p - 360) / 2
    t = (
        1
        - 0.17 * math.cos(math.radians(mean_h - 30))
        + 0.24 * math.cos(math.radians(2 * mean_h))
        + 0.32 * math.cos(math.radians(3 * mean_h + 6))
        - 0.20 * math.cos(math.radians(4 * mean_h - 63))
    )
    rotation = 30 * math.exp(-(((mean_h - 275) / 25) ** 2))
    rc = 2 * math.sqrt(mean_cp**7 / (mean_cp**7 + 25**7))
    sl = 1 + 0.015 * (mean_l - 50) ** 2 / math.sqrt(20 + (mean_l - 50) ** 2)
    sc, sh = 1 + 0.045 * mean_cp, 1 + 0.015 * mean_cp * t
    rt = -math.sin(math.radians(2 * rotation)) * rc
    return math.sqrt((dl / sl) ** 2 + (dc / sc) ** 2 + (big_dh / sh) ** 2 + rt * (dc / sc) * (big_dh / sh))


def hex_rgb(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{v:02X}" for v in _bytes(rgb))


def check_colours(colours: dict, report) -> None:
    """``booklet check``: a colour whose two forms look different is a warning, unless its
    ``differs:`` says why (a screen colour darkened for contrast, small type on the black plate)."""
    from .i18n import _, decimal

    for colour in colours.values():
        if colour.derived or colour.differs:
            continue
        distance = delta_e(colour.rgb, colour.cmyk)
        if distance > MAX_DELTA_E:
            report.warning(
                colour.location,
                _(
                    "colour '{name}': the screen colour {rgb} and the print colour cmyk {cmyk} are ΔE00 {distance}"
                    " apart (more than {limit}); readers see two different colours"
                ).format(
                    name=colour.name,
                    rgb=hex_rgb(colour.rgb),
                    cmyk=per_cent(colour.cmyk),
                    distance=decimal(distance, 1),
                    limit=decimal(MAX_DELTA_E),
                ),
                _(
                    "make them match (the rgb prints as cmyk {derived}), or say why they differ with differs: in theme.yaml"
                ).format(derived=per_cent(derive_cmyk(colour.rgb))),
            )


def per_cent(cmyk: tuple[float, float, float, float]) -> str:
    """As theme.yaml writes it: [88, 25, 38, 5]."""
    return "[" + ", ".join(f"{round(v * 100):d}" for v in cmyk) + "]"

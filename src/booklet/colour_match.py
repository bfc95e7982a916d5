"""A theme colour's two forms compared, and its print form derived from its screen form.

Both go through the FOGRA39 profile the print file declares (``assets/icc``): an RGB colour
is taken as sRGB, a CMYK one as printed on that press condition, and each is measured in
CIELAB (D50, the ICC connection space). The difference is CIEDE2000 (ΔE00): about 1 is the
smallest difference a trained eye sees side by side, 2–3 is what a good press run varies by,
over :data:`THRESHOLD` the two forms read as different colours.

The print form is derived with the *relative colorimetric* intent: a colour the press can
print comes out as the closest ink mix (paper white as white), and only a colour outside the
press gamut is clipped to its edge. The perceptual intent, right for photographs (see
``images.py``), would shift every in-gamut colour too, so a section colour would not match
its own screen form even when it could.
"""

from __future__ import annotations

import math
from functools import cache

from PIL import Image, ImageCms

THRESHOLD = 5.0  # ΔE00 over which a colour's rgb and cmyk are reported as different colours
INTENT = ImageCms.Intent.RELATIVE_COLORIMETRIC

Lab = tuple[float, float, float]


@cache
def _transforms():
    from .pdf.pdfx import icc_path

    srgb = ImageCms.createProfile("sRGB")
    lab = ImageCms.createProfile("LAB")
    fogra = ImageCms.getOpenProfile(str(icc_path()))
    return (
        ImageCms.buildTransform(srgb, fogra, "RGB", "CMYK", INTENT),
        ImageCms.buildTransform(srgb, lab, "RGB", "LAB", INTENT),
        ImageCms.buildTransform(fogra, lab, "CMYK", "LAB", INTENT),
    )


def _pixel(mode: str, values: tuple[int, ...], transform) -> tuple[int, ...]:
    return ImageCms.applyTransform(Image.new(mode, (1, 1), values), transform).getpixel((0, 0))


def _lab(pixel: tuple[int, ...]) -> Lab:
    l_, a, b = pixel  # Pillow's 8-bit Lab: L scaled to 0–255, a and b offset by 128
    return (l_ * 100 / 255, a - 128, b - 128)


def _bytes(values, scale: float) -> tuple[int, ...]:
    return tuple(max(0, min(255, round(v * scale))) for v in values)


def derived_cmyk(rgb: tuple[float, float, float]) -> tuple[int, int, int, int]:
    """The ink mix, in whole per cent, that prints ``rgb`` (0–1 each) on FOGRA39."""
    pixel = _pixel("RGB", _bytes(rgb, 255), _transforms()[0])
    return tuple(round(v * 100 / 255) for v in pixel)  # type: ignore[return-value]


def rgb_lab(rgb: tuple[float, float, float]) -> Lab:
    return _lab(_pixel("RGB", _bytes(rgb, 255), _transforms()[1]))


def cmyk_lab(cmyk: tuple[float, float, float, float]) -> Lab:
    """``cmyk`` as fractions 0–1 of full ink, as printed on FOGRA39."""
    return _lab(_pixel("CMYK", _bytes(cmyk, 255), _transforms()[2]))


def difference(rgb: tuple[float, float, float], cmyk: tuple[float, float, float, float]) -> float:
    """ΔE00 between a colour's screen form and its print form."""
    return ciede2000(rgb_lab(rgb), cmyk_lab(cmyk))


def ciede2000(lab1: Lab, lab2: Lab) -> float:
    """CIEDE2000 colour difference (Sharma, Wu and Dalal 2005), with kL = kC = kH = 1."""
    l1, a1, b1 = lab1
    l2, a2, b2 = lab2
    c_bar = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_bar**7 / (c_bar**7 + 25**7)))
    a1p, a2p = a1 * (1 + g), a2 * (1 + g)
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360 if c1p else 0.0
    h2p = math.degrees(math.atan2(b2, a2p)) % 360 if c2p else 0.0
    dl = l2 - l1
    dc = c2p - c1p
    if c1p * c2p == 0:
        dh = 0.0
    elif abs(h2p - h1p) <= 180:
        dh = h2p - h1p
    elif h2p - h1p > 180:
        dh = h2p - h1p - 360
    else:
        dh = h2p - h1p + 360
    dh_big = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))
    l_bar = (l1 + l2) / 2
    cp_bar = (c1p + c2p) / 2
    if c1p * c2p == 0:
        h_bar = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        h_bar = (h1p + h2p) / 2
    elif h1p + h2p < 360:
        h_bar = (h1p + h2p + 360) / 2
    else:
        h_bar = (h1p + h2p - 360) / 2
    t = (
        1
        - 0.17 * math.cos(math.radians(h_bar - 30))
        + 0.24 * math.cos(math.radians(2 * h_bar))
        + 0.32 * math.cos(math.radians(3 * h_bar + 6))
        - 0.20 * math.cos(math.radians(4 * h_bar - 63))
    )
    d_theta = 30 * math.exp(-(((h_bar - 275) / 25) ** 2))
    r_c = 2 * math.sqrt(cp_bar**7 / (cp_bar**7 + 25**7))
    s_l = 1 + 0.015 * (l_bar - 50) ** 2 / math.sqrt(20 + (l_bar - 50) ** 2)
    s_c = 1 + 0.045 * cp_bar
    s_h = 1 + 0.015 * cp_bar * t
    r_t = -math.sin(math.radians(2 * d_theta)) * r_c
    return math.sqrt((dl / s_l) ** 2 + (dc / s_c) ** 2 + (dh_big / s_h) ** 2 + r_t * (dc / s_c) * (dh_big / s_h))


def audit(colours, report) -> None:
    """What ``booklet check`` says of the theme's colours: the CMYK it derived (to pin), and
    each colour whose two given forms differ by more than :data:`THRESHOLD`."""
    from .diagnostics import number
    from .i18n import _

    for colour in colours.values():
        derived = derived_cmyk(colour.rgb)
        shown = "[" + ", ".join(str(v) for v in derived) + "]"
        if colour.derived:
            report.note(
                colour.location,
                _("colour '{name}' has no cmyk; through FOGRA39 it prints as cmyk {cmyk}").format(
                    name=colour.name, cmyk=shown
                ),
                _("write cmyk: {cmyk} beside its rgb in theme.yaml to pin it").format(cmyk=shown),
            )
            delta = difference(colour.rgb, colour.cmyk)
            if delta > THRESHOLD:
                report.warning(
                    colour.location,
                    _(
                        "colour '{name}' is outside what the press can print: the nearest ink mix differs by ΔE00 {delta} (more than {limit})"
                    ).format(name=colour.name, delta=number(delta, 1), limit=number(THRESHOLD)),
                    _("choose a less saturated rgb for a colour that must look the same on paper"),
                )
            continue
        if not any(colour.cmyk[:3]):  # black only (text, captions): chosen for register, not to match
            continue
        delta = difference(colour.rgb, colour.cmyk)
        if delta > THRESHOLD:
            given = "[" + ", ".join(number(v * 100) for v in colour.cmyk) + "]"
            report.warning(
                colour.location,
                _(
                    "colour '{name}': its rgb and its cmyk {cmyk} are different colours (ΔE00 {delta}, more than {limit})"
                ).format(name=colour.name, cmyk=given, delta=number(delta, 1), limit=number(THRESHOLD)),
                _("through FOGRA39 its rgb prints as cmyk {derived}; use that, or change the rgb").format(
                    derived=shown
                ),
            )

"""Rules on images: effective resolution at the size each image is placed."""

from __future__ import annotations

from ..i18n import _, decimal
from .document import Document
from .limits import MAX_RENDER_PIXELS, count
from .report import FAIL, OK, WARN, PreflightReport


def resolution(doc: Document, report: PreflightReport) -> None:
    """Below ``min_ppi`` warns, below ``hard_min_ppi`` fails; masks are one-bit line art and skipped."""
    rules, low = doc.rules, 0
    seen: set[tuple[int, str, int]] = set()
    for image in doc.scan.images:
        if image.width * image.height > MAX_RENDER_PIXELS:
            low += 1
            report.add(
                FAIL,
                "images",
                _("image {label} is {width} × {height} pixels, more than {limit} million: too large to print").format(
                    label=image.label, width=image.width, height=image.height, limit=count(MAX_RENDER_PIXELS // 10**6)
                ),
                image.page,
            )
            continue
        if image.mask or image.ppi is None:
            continue
        key = (image.page, image.label, round(image.ppi))
        if key in seen:
            continue
        seen.add(key)
        if image.ppi < rules.hard_min_ppi:
            low += 1
            report.add(
                FAIL,
                "images",
                _("image {label} {ppi:.0f} ppi < {hard_min_ppi}").format(
                    label=image.label, ppi=image.ppi, hard_min_ppi=decimal(rules.hard_min_ppi)
                ),
                image.page,
            )
        elif image.ppi < rules.min_ppi:
            low += 1
            report.add(
                WARN,
                "images",
                _("image {label} {ppi:.0f} ppi < {min_ppi}").format(
                    label=image.label, ppi=image.ppi, min_ppi=decimal(rules.min_ppi)
                ),
                image.page,
            )
    if not low:
        report.add(
            OK,
            "images",
            _("{images} images, none below {min_ppi} ppi").format(
                images=len(doc.scan.images), min_ppi=decimal(rules.min_ppi)
            ),
        )

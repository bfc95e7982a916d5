"""Rules on text: small type on one plate, black type in black ink only, Turkish that extracts."""

from __future__ import annotations

import pypdfium2 as pdfium

from ..i18n import N_, _, decimal
from .colourspace import PROCESS
from .document import Document
from .report import FAIL, OK, WARN, PreflightReport

TURKISH = set("çğıöşüÇĞİÖŞÜ")
PLATE_NAMES = {"Cyan": N_("Cyan"), "Magenta": N_("Magenta"), "Yellow": N_("Yellow"), "Black": N_("Black")}


def _plates(plates: frozenset[str]) -> str:
    order = {name: i for i, name in enumerate(PROCESS)}
    ordered = sorted(plates, key=lambda p: (order.get(p, 9), p))
    return ", ".join(_(PLATE_NAMES[p]) if p in PLATE_NAMES else p for p in ordered)  # a spot keeps its name


def small_text(doc: Document, report: PreflightReport) -> None:
    """Type under 9 pt on several plates blurs when the plates are a hair out of register."""
    limit, glyphs, failing = doc.rules.small_text_pt, 0, 0
    for key, count in doc.scan.text.items():
        if key.size >= limit - 0.01 or not key.in_bleed or key.plates is None:
            continue
        glyphs += count
        if len(key.plates) > 1:
            failing += count
            report.add(
                FAIL,
                "text",
                _(
                    "text under {limit} pt prints on {count} plates ({plates}): small text must print on one plate"
                    " (a black tint or one spot colour)"
                ).format(limit=decimal(limit), count=len(key.plates), plates=_plates(key.plates)),
                key.page,
            )
    report.facts["small_text_glyphs"] = glyphs
    report.facts["small_text_glyphs_on_several_plates"] = failing
    if glyphs and not failing:
        report.add(
            OK,
            "text",
            _("all {glyphs} glyphs under {limit} pt print on one plate").format(glyphs=glyphs, limit=decimal(limit)),
        )


def rich_black(doc: Document, report: PreflightReport) -> None:
    """Black text in four inks (rich black) shows coloured fringes; under 12 pt it must be 100 % K."""
    limit = doc.rules.max_rich_black_pt
    for key in doc.scan.text:
        if key.cmyk is None or key.size >= limit or not key.in_bleed:
            continue
        c, m, y, k = key.cmyk
        if k >= 0.95 and c + m + y > 0.05:
            shown = " ".join(f"{p}{round(v * 100)}" for p, v in zip("CMYK", key.cmyk) if v > 0.002)
            report.add(
                FAIL,
                "text",
                _("black text under {limit} pt in rich black ({cmyk}): black text must be 100 % K only").format(
                    limit=decimal(limit), cmyk=shown
                ),
                key.page,
            )


def extraction(doc: Document, report: PreflightReport) -> None:
    source = doc.source if isinstance(doc.source, bytes) else str(doc.source)
    try:
        document = pdfium.PdfDocument(source)
    except pdfium.PdfiumError:
        return
    try:
        text = "".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()
    if "\ufffd" in text:
        report.add(FAIL, "text", _("text extracts with replacement characters (�): a font has a broken ToUnicode map"))
    found = sorted(TURKISH & set(text))
    if found:
        report.add(OK, "text", _("Turkish text extracts ({found} found)").format(found=" ".join(found)))
    elif text.strip():
        report.add(WARN, "text", _("no Turkish letters extract from the text"))

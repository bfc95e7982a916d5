"""Preflight: check any PDF against the print shop's rules by reading the file itself.

Nothing here trusts how the file was made. The file is opened with bounds (:mod:`.opening`,
:mod:`.limits`), walked once (:mod:`.scan`), and each rule — a small function in the module
of its family — judges the facts: boxes, colour, ink, fonts, images, text, PDF/X keys and
safety. ``booklet build`` runs exactly this on its print file before writing it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pikepdf

from . import boxes, colour, fonts, images, ink, pdfx, safety, text
from .document import Document
from .limits import Unreadable, damaged, short_reason
from .opening import open_pdf
from .report import CHECKS, FAIL, OK, WARN, Finding, PreflightReport, Rules, page_ranges
from .scan import scan_pdf

__all__ = ["CHECKS", "FAIL", "OK", "WARN", "Finding", "PreflightReport", "Rules", "preflight", "page_ranges", "RULES"]

Rule = Callable[[Document, PreflightReport], None]
RULES: tuple[Rule, ...] = (
    boxes.page_count,
    boxes.page_boxes,
    boxes.bleed_coverage,
    boxes.crop_marks,
    fonts.embedded,
    fonts.subset_tags,
    colour.colour_spaces,
    ink.total_ink,
    images.resolution,
    text.small_text,
    text.rich_black,
    pdfx.output_intent,
    pdfx.version_keys,
    pdfx.header_version,
    pdfx.metadata_agreement,
    safety.encryption,
    safety.actions,
    safety.annotations,
    safety.press_settings,
    safety.summary,
    text.extraction,
)
MALFORMED = (pikepdf.PdfError, ValueError, TypeError, KeyError, AttributeError, IndexError, RecursionError)


def preflight(
    path: Path, rules: Rules | None = None, data: bytes | None = None, separations: ink.SeparationRun | None = None
) -> PreflightReport:
    """Read the PDF (``data`` if given, else the file) and report every print problem found.

    A file that cannot be checked at all (not a PDF, damaged, password-protected, hostile)
    gets exactly one finding, in the ``file`` check, saying so. ``separations`` is Ghostscript
    already rendering ``data`` (the build starts it before it makes the screen file); it is
    used only if the walk finds the file safe to render, else stopped.
    """
    rules = rules or Rules()
    report = PreflightReport(Path(path))
    source: Path | bytes = data if data is not None else Path(path)
    document: Document | None = None
    try:
        try:
            pdf = open_pdf(source)
        except Unreadable as exc:
            report.add(FAIL, "file", exc.message, exc.page)
            return report
        with pdf:
            report.pages = len(pdf.pages)
            try:
                scan = scan_pdf(pdf)
            except Unreadable as exc:
                report.add(FAIL, "file", exc.message, exc.page)
                return report
            document = Document(Path(path), source, pdf, scan, rules)
            handed, separations = separations, None  # from here on the document holds it
            if handed is not None and not document.renderable:
                handed.close()  # too large to render: the ink rule estimates instead
                handed = None
            document.separations = handed or ink.start_separations(document)  # renders while the first rules run
            for rule in RULES:
                try:
                    rule(document, report)
                except Unreadable as exc:
                    report.add(FAIL, "file", exc.message, exc.page)
                except MALFORMED as exc:
                    report.add(FAIL, "file", damaged(short_reason(exc)).message)
    finally:
        for run in (separations, document.separations if document is not None else None):
            if run is not None:  # not taken by the ink rule: the file failed before it
                run.close()
    return report

"""Rules on what does not belong in a print file: encryption, scripts and actions, annotations on
the page, transfer functions and halftone settings, OPI links and PostScript."""

from __future__ import annotations

import pikepdf

from ..i18n import _
from .document import Document, overlaps
from .report import FAIL, OK, PreflightReport

PRINTER_ANNOTATIONS = {"PrinterMark", "TrapNet"}
HARMFUL_ACTIONS = {"JavaScript", "Launch", "ImportData", "SubmitForm", "ResetForm", "Movie", "Sound", "Rendition"}
METHODS = {"aesv3": "AES-256", "aesv2": "AES-128", "rc4": "RC4"}


def encryption(doc: Document, report: PreflightReport) -> None:
    if doc.pdf.is_encrypted:
        method = str(doc.pdf.encryption.stream_method).rsplit(".", 1)[-1]
        report.add(
            FAIL,
            "safety",
            _("the file is encrypted ({method}): PDF/X allows no encryption; save it without security settings").format(
                method=METHODS.get(method, method)
            ),
        )


def _action_type(action: object) -> str:
    if isinstance(action, pikepdf.Dictionary):
        return str(action.get("/S", "")).lstrip("/")
    return ""


def actions(doc: Document, report: PreflightReport) -> None:
    """Nothing runs when the file opens or a page is shown: a RIP ignores it, a viewer may not."""
    root = doc.pdf.Root
    names = root.get("/Names")
    if isinstance(names, pikepdf.Dictionary) and "/JavaScript" in names:
        report.add(FAIL, "safety", _("the file contains JavaScript (document-level scripts)"))
    opening = root.get("/OpenAction")
    kind = _action_type(opening)
    if kind == "JavaScript":
        report.add(FAIL, "safety", _("JavaScript runs when the file opens (OpenAction)"))
    elif kind and kind != "GoTo":
        report.add(FAIL, "safety", _("an action of type {kind} runs when the file opens").format(kind=kind))
    if "/AA" in root:
        report.add(FAIL, "safety", _("the document has additional actions (AA) that run on events"))
    form = root.get("/AcroForm")
    if isinstance(form, pikepdf.Dictionary) and "/XFA" in form:
        report.add(FAIL, "safety", _("the file contains an XFA form"))
    for number, page in enumerate(doc.pdf.pages, 1):
        if "/AA" in page.obj:
            report.add(FAIL, "safety", _("the page has additional actions (AA) that run when it is shown"), number)
    for annotation in doc.scan.annotations:
        for kind in annotation.actions:
            if kind in HARMFUL_ACTIONS or kind == "AA":
                report.add(
                    FAIL,
                    "safety",
                    _("a {subtype} annotation runs an action ({kind})").format(subtype=annotation.subtype, kind=kind),
                    annotation.page,
                )


def annotations(doc: Document, report: PreflightReport) -> None:
    """PDF/X allows only printer's marks and trap networks inside the BleedBox."""
    for annotation in doc.scan.annotations:
        if annotation.subtype in PRINTER_ANNOTATIONS or annotation.rect is None:
            continue
        boxes = doc.boxes(annotation.page)
        area = boxes["bleed"] or boxes["trim"] or boxes["media"]
        if area is not None and overlaps(annotation.rect, area):
            report.add(
                FAIL,
                "safety",
                _("a {subtype} annotation lies inside the BleedBox: PDF/X allows none there").format(
                    subtype=annotation.subtype or _("unnamed")
                ),
                annotation.page,
            )


def press_settings(doc: Document, report: PreflightReport) -> None:
    """Transfer functions, halftone phase, OPI and PostScript override or replace what the press does."""
    for page, name, keys in doc.scan.states:
        report.add(
            FAIL,
            "safety",
            _("graphics state {name} sets {keys}: PDF/X allows no transfer functions or halftone phase").format(
                name=name, keys=", ".join(keys)
            ),
            page,
        )
    for page, label, keys in doc.scan.xobjects:
        if "OPI" in keys:
            report.add(
                FAIL,
                "safety",
                _("{label} carries OPI comments: the high-resolution original is not in the file").format(label=label),
                page,
            )
        if "Alternates" in keys:
            report.add(FAIL, "safety", _("image {label} has alternate images").format(label=label), page)
        if "PS" in keys:
            report.add(FAIL, "safety", _("{label} contains PostScript").format(label=label), page)


def summary(doc: Document, report: PreflightReport) -> None:
    if not report.failed("safety"):
        report.add(
            OK,
            "safety",
            _("no encryption, scripts, actions, annotations on the page, transfer functions or OPI"),
        )

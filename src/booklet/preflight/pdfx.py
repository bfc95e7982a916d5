"""Rules on the PDF/X-4 declaration: OutputIntent and its profile, version keys, header, metadata.

The header may say at most 1.6: ISO 15930-7 (PDF/X-4) is based on PDF 1.6, and a 1.7
header announces features a PDF/X-4 consumer need not support, so we hold files to 1.6 as
the standard does and as Acrobat's and callas' PDF/X-4 profiles do.
"""

from __future__ import annotations

import datetime
import re
import warnings

import pikepdf

from ..i18n import N_, _
from .colourspace import icc_header
from .document import Document
from .limits import decoded
from .report import FAIL, OK, WARN, PreflightReport

PDFX_VERSION = "PDF/X-4"
MAX_PDF_VERSION = "1.6"
MAX_XMP_BYTES = 4 << 20
DEVICE_CLASSES = {  # the ICC device classes, as the failure names them
    "prtr": N_("output"),
    "mntr": N_("monitor"),
    "scnr": N_("input"),
    "spac": N_("colour space"),
    "link": N_("device link"),
    "abst": N_("abstract"),
    "nmcl": N_("named colour"),
}
PAIRS = (  # Info key, XMP property
    ("/Title", "dc:title"),
    ("/Author", "dc:creator"),
    ("/Subject", "dc:description"),
    ("/Keywords", "pdf:Keywords"),
    ("/Creator", "xmp:CreatorTool"),
    ("/Producer", "pdf:Producer"),
    ("/CreationDate", "xmp:CreateDate"),
    ("/ModDate", "xmp:ModifyDate"),
    ("/Trapped", "pdf:Trapped"),
)
PDF_DATE = re.compile(r"D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Zz+\-])?(\d{2})?'?(\d{2})?'?")


def _info(doc: Document, key: str) -> str:
    value = doc.pdf.trailer.get("/Info")
    if not isinstance(value, pikepdf.Dictionary) or key not in value:
        return ""
    item = value[key]
    return str(item).lstrip("/") if isinstance(item, pikepdf.Name) else str(item)


def xmp(doc: Document) -> dict[str, str] | None:
    """The XMP properties this check compares, read within a size bound; ``None`` without XMP."""
    metadata = doc.pdf.Root.get("/Metadata")
    if not isinstance(metadata, pikepdf.Stream):
        return None
    if decoded(metadata, MAX_XMP_BYTES) is None:
        return {}
    values: dict[str, str] = {}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with doc.pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
                for name in [p for _k, p in PAIRS] + ["pdfxid:GTS_PDFXVersion", "xmpMM:DocumentID"]:
                    value = meta.get(name)
                    if isinstance(value, list | set | tuple):
                        value = "; ".join(str(v) for v in value)
                    if value not in (None, ""):
                        values[name] = str(value)
    except Exception:  # noqa: BLE001 - lxml and pikepdf raise many kinds for broken XML
        return {}
    return values


def output_intent(doc: Document, report: PreflightReport) -> None:
    intents = doc.pdf.Root.get("/OutputIntents")
    found = (
        [i for i in intents if isinstance(i, pikepdf.Dictionary) and i.get("/S") == "/GTS_PDFX"]
        if isinstance(intents, pikepdf.Array)
        else []
    )
    if not found:
        report.add(FAIL, "pdfx", _("no PDF/X OutputIntent (/GTS_PDFX) with the printing condition"))
        return
    if len(found) > 1:
        report.add(
            FAIL, "pdfx", _("{count} PDF/X OutputIntents: a file has one printing condition").format(count=len(found))
        )
    intent = found[0]
    condition = str(intent.get("/OutputConditionIdentifier", "")).strip()
    if not condition:
        report.add(FAIL, "pdfx", _("the OutputIntent names no printing condition (OutputConditionIdentifier)"))
    profile = intent.get("/DestOutputProfile")
    if not isinstance(profile, pikepdf.Stream):
        report.add(FAIL, "pdfx", _("the OutputIntent has no embedded destination profile"))
        return
    header = icc_header(profile)
    n = profile.get("/N")
    if header is None:
        report.add(FAIL, "pdfx", _("the destination profile is not a readable ICC profile"))
        return
    if header.device_class != "prtr" or header.space != "CMYK":
        kind = DEVICE_CLASSES.get(header.device_class, header.device_class)
        report.add(
            FAIL,
            "pdfx",
            _(
                "the destination profile is for {space} and of the {kind} class: a press needs a CMYK output profile"
            ).format(kind=_(kind), space=header.space.strip()),
        )
        return
    if n != 4:
        report.add(FAIL, "pdfx", _("OutputIntent has no embedded CMYK (N 4) profile"))
        return
    report.facts["output_condition"] = condition
    report.add(OK, "pdfx", _("OutputIntent {condition} with an embedded CMYK ICC profile").format(condition=condition))
    created = parse_pdf_date(_info(doc, "/CreationDate"))
    if header.date and created and header.date > created:
        report.add(
            WARN,
            "pdfx",
            _("the destination profile is dated {profile}, after the document ({document})").format(
                profile=header.date.date().isoformat(), document=created.date().isoformat()
            ),
        )


def version_keys(doc: Document, report: PreflightReport) -> None:
    version, trapped, title = _info(doc, "/GTS_PDFXVersion"), _info(doc, "/Trapped"), _info(doc, "/Title")
    meta = xmp(doc) or {}
    xmp_version = meta.get("pdfxid:GTS_PDFXVersion", "")
    problems = 0
    if not version:
        report.add(FAIL, "pdfx", _("Info dictionary has no GTS_PDFXVersion"))
    elif version != PDFX_VERSION:
        report.add(
            FAIL, "pdfx", _("GTS_PDFXVersion is '{version}': the print file must be PDF/X-4").format(version=version)
        )
    if not xmp_version:
        report.add(FAIL, "pdfx", _("XMP metadata has no pdfxid:GTS_PDFXVersion"))
    elif xmp_version != PDFX_VERSION:
        report.add(
            FAIL,
            "pdfx",
            _("XMP pdfxid:GTS_PDFXVersion is '{version}': the print file must be PDF/X-4").format(version=xmp_version),
        )
    if trapped not in ("True", "False"):
        problems += 1
        report.add(FAIL, "pdfx", _("Trapped must be True or False in the Info dictionary"))
    if not title.strip():
        problems += 1
        report.add(FAIL, "pdfx", _("document has no Title"))
    if version == xmp_version == PDFX_VERSION and not problems:
        report.add(
            OK,
            "pdfx",
            _("{version} in Info and XMP, Trapped {trapped}, Title set").format(version=version, trapped=trapped),
        )


def header_version(doc: Document, report: PreflightReport) -> None:
    header = str(doc.pdf.pdf_version)
    catalog = doc.pdf.Root.get("/Version")
    versions = [header] + ([str(catalog).lstrip("/")] if isinstance(catalog, pikepdf.Name) else [])
    highest = max(versions, key=_version_key)
    if _version_key(highest) > _version_key(MAX_PDF_VERSION):
        report.add(
            FAIL,
            "pdfx",
            _("PDF version {version}: PDF/X-4 is based on PDF {allowed} and allows no later version").format(
                version=highest, allowed=MAX_PDF_VERSION
            ),
        )


def _version_key(version: str) -> tuple[int, ...]:
    try:
        return tuple(int(p) for p in version.split(".")[:2])
    except ValueError:
        return (99,)


def parse_pdf_date(text: str) -> datetime.datetime | None:
    match = PDF_DATE.match(text.strip())
    if not match:
        return None
    y, mo, d, h, mi, s, sign, oh, om = match.groups()
    try:
        moment = datetime.datetime(int(y), int(mo or 1), int(d or 1), int(h or 0), int(mi or 0), int(s or 0))
    except ValueError:
        return None
    if sign in (None, "Z", "z"):
        return moment.replace(tzinfo=datetime.UTC)
    offset = datetime.timedelta(hours=int(oh or 0), minutes=int(om or 0))
    return moment.replace(tzinfo=datetime.timezone(-offset if sign == "-" else offset))


def _xmp_date(text: str) -> datetime.datetime | None:
    try:
        moment = datetime.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)


def _same(key: str, info: str, meta: str) -> bool:
    if key in ("/CreationDate", "/ModDate"):
        a, b = parse_pdf_date(info), _xmp_date(meta)
        return a is not None and b is not None and a == b
    return info.strip() == meta.strip()


def metadata_agreement(doc: Document, report: PreflightReport) -> None:
    """PDF/X-4 keeps the document information in XMP; where Info says it too, both must agree."""
    meta = xmp(doc)
    if meta is None:
        report.add(FAIL, "metadata", _("no XMP metadata: PDF/X-4 keeps the document information there"))
        return
    if "/ID" not in doc.pdf.trailer:
        report.add(FAIL, "metadata", _("no file identifier (trailer /ID)"))
    disagree = 0
    for key, name in PAIRS:
        info = _info(doc, key)
        if info and name in meta and not _same(key, info, meta[name]):
            disagree += 1
            report.add(
                FAIL,
                "metadata",
                _("Info and XMP disagree on {key}: '{info}' and '{xmp}'").format(
                    key=key.lstrip("/"), info=info[:60], xmp=meta[name][:60]
                ),
            )
        elif key in ("/Title", "/CreationDate", "/ModDate") and info and name not in meta:
            disagree += 1
            report.add(
                FAIL, "metadata", _("{key} is in Info but not in XMP ({name})").format(key=key.lstrip("/"), name=name)
            )
    if not disagree:
        report.add(OK, "metadata", _("Info and XMP agree (title, dates, Trapped)"))

"""PDF/X-4 finishing for the print file, done with pikepdf where ReportLab has no API.

Adds the OutputIntent with the embedded FOGRA39 profile, the PDF/X version key in the Info
dictionary and in XMP, Trapped, and dates from the booklet. The text and its ToUnicode maps
are not touched (Ghostscript's PDF/X conversion would drop them).
"""

from __future__ import annotations

import datetime
import hashlib
import io
import uuid
import warnings
from functools import cache
from pathlib import Path

import pikepdf

from ..assets import assets_dir

PDFX_VERSION = "PDF/X-4"
OUTPUT_CONDITION = "FOGRA39"
OUTPUT_CONDITION_INFO = "Coated FOGRA39 (ISO 12647-2:2004), offset, coated paper"
REGISTRY = "http://www.color.org"


@cache
def icc_profile() -> bytes:
    return (assets_dir() / "icc" / "FOGRA39-free.icc").read_bytes()


def icc_path() -> Path:
    return assets_dir() / "icc" / "FOGRA39-free.icc"


def _pdf_date(moment: datetime.datetime) -> str:
    return moment.strftime("D:%Y%m%d%H%M%SZ")


def finish_pdfx(data: bytes, title: str, epoch: int) -> bytes:
    """Turn ReportLab's CMYK output into a PDF/X-4 file; deterministic for the same input."""
    moment = datetime.datetime.fromtimestamp(epoch, datetime.UTC)
    digest = hashlib.sha256(data).hexdigest()
    document_id = f"uuid:{uuid.UUID(digest[:32])}"
    with pikepdf.open(io.BytesIO(data)) as pdf:
        profile = pikepdf.Stream(pdf, icc_profile())
        profile.N = 4
        profile.Alternate = pikepdf.Name.DeviceCMYK
        intent = pikepdf.Dictionary(
            Type=pikepdf.Name.OutputIntent,
            S=pikepdf.Name.GTS_PDFX,
            OutputConditionIdentifier=pikepdf.String(OUTPUT_CONDITION),
            OutputCondition=pikepdf.String(OUTPUT_CONDITION_INFO),
            RegistryName=pikepdf.String(REGISTRY),
            Info=pikepdf.String(OUTPUT_CONDITION_INFO),
            DestOutputProfile=profile,
        )
        pdf.Root.OutputIntents = pikepdf.Array([pdf.make_indirect(intent)])
        info = pdf.docinfo
        info.Title = pikepdf.String(title)
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
            with warnings.catch_warnings():  # /Trapped has no XMP twin in pikepdf's table; set below
                warnings.simplefilter("ignore")
                xmp.load_from_docinfo(info)  # first: opening XMP would otherwise lose /Title
            iso = moment.isoformat().replace("+00:00", "Z")
            xmp["dc:title"] = title
            xmp["pdfxid:GTS_PDFXVersion"] = PDFX_VERSION
            xmp["pdf:Trapped"] = "False"
            xmp["xmp:CreateDate"] = iso
            xmp["xmp:ModifyDate"] = iso
            xmp["xmp:MetadataDate"] = iso
            xmp["xmpMM:DocumentID"] = document_id
            xmp["xmpMM:InstanceID"] = document_id
            xmp["xmpMM:VersionID"] = "1"
            xmp["xmpMM:RenditionClass"] = "default"
        info.GTS_PDFXVersion = pikepdf.String(PDFX_VERSION)
        info.Trapped = pikepdf.Name("/False")
        info.CreationDate = pikepdf.String(_pdf_date(moment))
        info.ModDate = pikepdf.String(_pdf_date(moment))
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, min_version="1.6", compress_streams=True)
    return out.getvalue()

"""PDF/X-4 finishing for the print file, done with pikepdf where ReportLab has no API.

Adds the OutputIntent with the embedded FOGRA39 profile, the PDF/X version key in the Info
dictionary and in XMP, Trapped, and dates from the booklet; makes 100 % K text overprint;
gives every font subset its own tag and drops ReportLab's empty page transitions. The text
and its ToUnicode maps are not touched (Ghostscript's PDF/X conversion would drop them).
"""

from __future__ import annotations

import datetime
import hashlib
import io
import re
import struct
import uuid
import warnings
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path

import pikepdf

from ..assets import assets_dir
from .overprint import black_text_overprints

PDFX_VERSION = "PDF/X-4"
PDF_VERSION = "1.6"  # PDF/X-4 is based on PDF 1.6 (ISO 15930-7)
OUTPUT_CONDITION = "FOGRA39"
OUTPUT_CONDITION_INFO = "Coated FOGRA39 (ISO 12647-2:2004), offset, coated paper"
REGISTRY = "http://www.color.org"
SUBSET = re.compile(r"^/?([A-Z]{6})\+(.+)$")


def icc_path() -> Path:
    return assets_dir() / "icc" / "FOGRA39-free.icc"


@cache
def _vendored_profile() -> bytes:
    return icc_path().read_bytes()


def icc_profile(not_after: datetime.datetime | None = None) -> bytes:
    """The FOGRA39 profile; its header date moved back to ``not_after`` if it is later.

    A profile dated after the document it is embedded in looks like a file assembled later
    than it claims; the profile ID (an MD5 over the header) is recomputed when present.
    """
    data = bytearray(_vendored_profile())
    if not_after is None:
        return bytes(data)
    stamped = datetime.datetime(*struct.unpack(">6H", data[24:36]), tzinfo=datetime.UTC)
    if stamped <= not_after:
        return bytes(data)
    moment = not_after.astimezone(datetime.UTC)
    data[24:36] = struct.pack(">6H", moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)
    if any(data[84:100]):
        hashed = bytearray(data)
        hashed[44:48] = b"\0" * 4  # profile flags, rendering intent and the ID itself are left out
        hashed[64:68] = b"\0" * 4
        hashed[84:100] = b"\0" * 16
        data[84:100] = hashlib.md5(bytes(hashed), usedforsecurity=False).digest()
    return bytes(data)


def pdf_date(moment: datetime.datetime) -> str:
    return moment.strftime("D:%Y%m%d%H%M%SZ")


def _xmp_date(moment: datetime.datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def document_ids(content: bytes) -> tuple[str, str]:
    """DocumentID and InstanceID from the content: the same content gives the same ids, and
    the two differ (one names the document across versions, the other this rendition)."""
    digest = hashlib.sha256(content).digest()
    instance = hashlib.sha256(digest + b"instance").digest()
    return f"uuid:{uuid.UUID(bytes=digest[:16], version=5)}", f"uuid:{uuid.UUID(bytes=instance[:16], version=5)}"


def pdfx_properties(title: str, moment: datetime.datetime, document_id: str, instance_id: str) -> dict[str, str]:
    """The XMP properties of a PDF/X-4 file."""
    iso = _xmp_date(moment)
    return {
        "dc:title": title,
        "pdfxid:GTS_PDFXVersion": PDFX_VERSION,
        "pdf:Trapped": "False",
        "xmp:CreateDate": iso,
        "xmp:ModifyDate": iso,
        "xmp:MetadataDate": iso,
        "xmpMM:DocumentID": document_id,
        "xmpMM:InstanceID": instance_id,
        "xmpMM:VersionID": "1",
        "xmpMM:RenditionClass": "default",
    }


def write_xmp(pdf: pikepdf.Pdf, properties: Mapping[str, str], remove: Iterable[str] = ()) -> None:
    """The one place XMP is written: merges ``properties`` into the file's packet, keeping the
    others (PDF/UA's pdfuaid from tagging, for example), and removes the ``remove`` ones."""
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
        with warnings.catch_warnings():  # /Trapped has no XMP twin in pikepdf's table; it is set explicitly
            warnings.simplefilter("ignore")
            xmp.load_from_docinfo(pdf.docinfo)  # first: opening XMP would otherwise lose /Title
        for name in remove:
            if name in xmp:
                del xmp[name]
        for name, value in properties.items():
            xmp[name] = value


def output_intent(pdf: pikepdf.Pdf, moment: datetime.datetime) -> pikepdf.Object:
    profile = pikepdf.Stream(pdf, icc_profile(moment))
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
    return pdf.make_indirect(intent)


def retag_subsets(pdf: pikepdf.Pdf) -> None:
    """ReportLab names every subset AAAAAA+…; each gets a tag of its own, derived from its glyphs."""
    used: set[str] = set()
    for font in pdf.objects:
        if not isinstance(font, pikepdf.Dictionary) or font.get("/Type") != "/Font":
            continue
        match = SUBSET.match(str(font.get("/BaseFont", "")))
        if not match:
            continue
        descriptor = font.get("/FontDescriptor")
        program = b""
        if isinstance(descriptor, pikepdf.Dictionary):
            for key in ("/FontFile2", "/FontFile", "/FontFile3"):
                if isinstance(descriptor.get(key), pikepdf.Stream):
                    program = descriptor[key].read_raw_bytes()
        seed = hashlib.sha256(match.group(2).encode() + program).digest()
        tag = "".join(chr(65 + b % 26) for b in seed[:6])
        while tag in used:
            seed = hashlib.sha256(seed).digest()
            tag = "".join(chr(65 + b % 26) for b in seed[:6])
        used.add(tag)
        name = pikepdf.Name(f"/{tag}+{match.group(2)}")
        font.BaseFont = name
        if isinstance(descriptor, pikepdf.Dictionary) and "/FontName" in descriptor:
            descriptor.FontName = name


def drop_empty_transitions(pdf: pikepdf.Pdf) -> None:
    for page in pdf.pages:
        transition = page.obj.get("/Trans")
        if isinstance(transition, pikepdf.Dictionary) and len(transition.keys()) == 0:
            del page.obj["/Trans"]


def finish_pdfx(
    data: bytes,
    title: str,
    epoch: int,
    *,
    overprint: bool = True,
    xmp_extra: Mapping[str, str] | None = None,
) -> bytes:
    """Turn ReportLab's CMYK output into a PDF/X-4 file; deterministic for the same input.

    ``xmp_extra`` adds XMP properties next to the PDF/X ones (e.g. ``pdfuaid:part``).
    """
    moment = datetime.datetime.fromtimestamp(epoch, datetime.UTC)
    document_id, instance_id = document_ids(data)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        if overprint:
            black_text_overprints(pdf)
        retag_subsets(pdf)
        drop_empty_transitions(pdf)
        pdf.Root.OutputIntents = pikepdf.Array([output_intent(pdf, moment)])
        info = pdf.docinfo
        info.Title = pikepdf.String(title)
        write_xmp(pdf, {**pdfx_properties(title, moment, document_id, instance_id), **(xmp_extra or {})})
        info.GTS_PDFXVersion = pikepdf.String(PDFX_VERSION)
        info.Trapped = pikepdf.Name("/False")
        info.CreationDate = pikepdf.String(pdf_date(moment))
        info.ModDate = pikepdf.String(pdf_date(moment))
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, min_version=PDF_VERSION, compress_streams=True)
    return out.getvalue()

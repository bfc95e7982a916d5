"""PDF/X-4 rules: OutputIntent and its profile, version keys, header, Info and XMP agreement."""

from __future__ import annotations

import pikepdf
import pytest

from booklet.preflight import preflight

from .printfiles import BROKEN, edit

pytestmark = pytest.mark.usefixtures("without_ghostscript")


def lines(name: str) -> list[str]:
    return preflight(f"{name}.pdf", data=BROKEN[name][1]()).lines()


def test_an_srgb_destination_profile_fails():
    assert (
        "FAIL  pdfx: the destination profile is for RGB and of the monitor class: a press needs a CMYK output profile"
        in lines("srgb-output-profile")
    )


def test_version_must_be_exactly_pdfx4():
    text = lines("pdfx-3-version")
    assert "FAIL  pdfx: GTS_PDFXVersion is 'PDF/X-3:2002': the print file must be PDF/X-4" in text
    assert "FAIL  pdfx: XMP pdfxid:GTS_PDFXVersion is 'PDF/X-3:2002': the print file must be PDF/X-4" in text


def test_header_above_16_fails():
    assert "FAIL  pdfx: PDF version 1.7: PDF/X-4 is based on PDF 1.6 and allows no later version" in lines(
        "pdf-1.7-header"
    )


def test_output_intent_and_trapped_are_required():
    assert "FAIL  pdfx: no PDF/X OutputIntent (/GTS_PDFX) with the printing condition" in lines("no-output-intent")
    assert "FAIL  pdfx: Trapped must be True or False in the Info dictionary" in lines("not-trapped")


def test_info_and_xmp_must_agree():
    text = lines("info-xmp-disagree")
    assert (
        "FAIL  metadata: Info and XMP disagree on Title: 'Malatya İli Bilgilendirme Kitapçığı' and"
        " 'Elazığ İli Bilgilendirme Kitapçığı'" in text
    )
    assert "FAIL  metadata: Info and XMP disagree on ModDate: 'D:20250101000000Z' and '2024-05-01T00:00:00Z'" in text


@pytest.mark.parametrize(
    ("offset", "value", "says"),
    [
        (12, b"scnr", "is for CMYK and of the input class"),
        (12, b"link", "is for CMYK and of the device link class"),
        (16, b"RGB ", "is for RGB and of the output class"),
    ],
)
def test_the_destination_profile_must_be_a_cmyk_output_profile(offset, value, says):
    """The FOGRA39 profile with its header's device class or colour space changed."""

    def change(pdf: pikepdf.Pdf) -> None:
        intent = pdf.Root.OutputIntents[0]
        data = bytearray(intent.DestOutputProfile.read_bytes())
        data[offset : offset + 4] = value
        intent.DestOutputProfile = pdf.make_stream(bytes(data), N=4)

    failures = [line for line in preflight("x.pdf", data=edit(change)).lines() if line.startswith("FAIL")]
    assert failures == [f"FAIL  pdfx: the destination profile {says}: a press needs a CMYK output profile"]

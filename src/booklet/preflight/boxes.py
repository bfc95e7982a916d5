"""Rules on the sheet: page count, page boxes and bleed, artwork into the bleed, crop marks."""

from __future__ import annotations

import pypdfium2 as pdfium

from ..i18n import _, decimal, ngettext
from .document import MM, Box, Document, inside, overlaps
from .report import FAIL, OK, USUAL_BLEED_MM, WARN, PreflightReport

RENDER_DPI = 72
INK_LEVEL = 235  # a channel below this is artwork
PAPER_LEVEL = 250  # every channel above this is bare paper
MIN_GAP_MM = 2.0  # artwork stopping at the trim over at least this length fails
MARK_REACH_MM = 25.0  # a crop mark belongs to the trim corner it is this close to
MARK_ROOM_MM = 5.0  # a MediaBox this far beyond the BleedBox has room for crop marks


def page_count(doc: Document, report: PreflightReport) -> None:
    n, multiple = len(doc.pdf.pages), doc.rules.page_multiple
    if multiple <= 1:
        return
    if n % multiple:
        report.add(
            FAIL,
            "pages",
            ngettext(
                "{count} page is not a multiple of {page_multiple} (saddle stitching)",
                "{count} pages is not a multiple of {page_multiple} (saddle stitching)",
                n,
            ).format(count=n, page_multiple=multiple),
        )
    else:
        report.add(
            OK, "pages", _("{count} pages, a multiple of {page_multiple}").format(count=n, page_multiple=multiple)
        )


def page_boxes(doc: Document, report: PreflightReport) -> None:
    """TrimBox ⊆ BleedBox ⊆ MediaBox on every page, with the agreed bleed on every side."""
    rules, bleeds, problems = doc.rules, [], 0
    for number in range(1, len(doc.pdf.pages) + 1):
        b = doc.boxes(number)
        media, trim, bleed = b["media"], b["trim"], b["bleed"]
        if trim is None:
            report.add(FAIL, "boxes", _("no TrimBox: the printer cannot tell where to cut"), number)
            problems += 1
            continue
        if bleed is None:
            report.add(
                FAIL,
                "boxes",
                _("no BleedBox: {bleed_mm} mm bleed needed on every side").format(bleed_mm=decimal(rules.bleed_mm)),
                number,
            )
            problems += 1
            continue
        if not (inside(trim, bleed) and media and inside(bleed, media)):
            report.add(FAIL, "boxes", _("boxes must nest: TrimBox ⊆ BleedBox ⊆ MediaBox"), number)
            problems += 1
            continue
        width = min(trim[0] - bleed[0], trim[1] - bleed[1], bleed[2] - trim[2], bleed[3] - trim[3]) / MM
        bleeds.append(width)
        if width < rules.bleed_mm - 0.05:
            report.add(
                FAIL,
                "boxes",
                _("bleed {width} mm < {bleed_mm} mm").format(width=decimal(width, 1), bleed_mm=decimal(rules.bleed_mm)),
                number,
            )
            problems += 1
        elif width < USUAL_BLEED_MM - 0.05:
            report.add(
                WARN,
                "boxes",
                _("bleed {width} mm is less than the usual {usual} mm: agree it with the print shop").format(
                    width=decimal(width, 1), usual=decimal(USUAL_BLEED_MM)
                ),
                number,
            )
    if not problems and bleeds:
        trim = doc.boxes(1)["trim"]
        size = f"{(trim[2] - trim[0]) / MM:.0f} × {(trim[3] - trim[1]) / MM:.0f} mm"
        report.facts["trim_mm"] = [round((trim[2] - trim[0]) / MM, 1), round((trim[3] - trim[1]) / MM, 1)]
        report.facts["bleed_mm"] = round(min(bleeds), 2)
        report.add(
            OK,
            "boxes",
            _("TrimBox {size} and {bleed} mm bleed on all {pages} pages").format(
                size=size, bleed=decimal(min(bleeds), 1), pages=len(bleeds)
            ),
        )


def _strip(image, crop: Box, scale: float, a: tuple[float, float], b: tuple[float, float]) -> list[int]:
    """Darkest channel of each pixel on the line from ``a`` to ``b`` (page points, axis-parallel)."""

    def px(point: tuple[float, float]) -> tuple[int, int]:
        x = min(max(int((point[0] - crop[0]) * scale), 0), image.width - 1)
        y = min(max(int((crop[3] - point[1]) * scale), 0), image.height - 1)
        return x, y

    (x0, y0), (x1, y1) = px(a), px(b)
    line = image.crop((min(x0, x1), min(y0, y1), max(x0, x1) + 1, max(y0, y1) + 1))
    return [min(p) for p in line.get_flattened_data()]


def _unbled_edges(image, crop: Box, trim: Box, reach: float, scale: float) -> dict[str, float]:
    """Millimetres along each trim edge where artwork just inside the trim has bare paper beyond it."""
    inset, end = 0.6 * MM, MM
    x0, y0, x1, y1 = trim
    lines = {  # (inside the trim, out in the bleed), each from one end of the edge to the other
        _("top"): (((x0 + end, y1 - inset), (x1 - end, y1 - inset)), ((x0 + end, y1 + reach), (x1 - end, y1 + reach))),
        _("bottom"): (
            ((x0 + end, y0 + inset), (x1 - end, y0 + inset)),
            ((x0 + end, y0 - reach), (x1 - end, y0 - reach)),
        ),
        _("left"): (((x0 + inset, y0 + end), (x0 + inset, y1 - end)), ((x0 - reach, y0 + end), (x0 - reach, y1 - end))),
        _("right"): (
            ((x1 - inset, y0 + end), (x1 - inset, y1 - end)),
            ((x1 + reach, y0 + end), (x1 + reach, y1 - end)),
        ),
    }
    gaps = {}
    for edge, (inner, outer) in lines.items():
        a, b = _strip(image, crop, scale, *inner), _strip(image, crop, scale, *outer)
        gaps[edge] = sum(1 for i, o in zip(a, b) if i < INK_LEVEL and o > PAPER_LEVEL) * 25.4 / RENDER_DPI
    return gaps


def bleed_coverage(doc: Document, report: PreflightReport) -> None:
    """Artwork that touches the trim must run on into the bleed, or a white hairline shows after cutting."""
    if report.failed("boxes") or not doc.renderable:
        return
    scale = RENDER_DPI / 72
    document = pdfium.PdfDocument(doc.source if isinstance(doc.source, bytes) else str(doc.source))
    failing = 0
    try:
        for number in range(1, len(document) + 1):
            b = doc.boxes(number)
            trim, bleed, crop = b["trim"], b["bleed"], b["crop"]
            reach = min(trim[0] - bleed[0], trim[1] - bleed[1], bleed[2] - trim[2], bleed[3] - trim[3]) * 0.6
            if reach < 0.3 * MM or crop is None:
                continue
            page = document[number - 1]
            page.set_rotation(0)
            image = page.render(scale=scale).to_pil().convert("RGB")
            for edge, gap in _unbled_edges(image, crop, trim, reach, scale).items():
                if gap >= MIN_GAP_MM:
                    failing += 1
                    report.add(
                        FAIL,
                        "boxes",
                        _(
                            "artwork stops at the trim on the {edge} edge ({length:.0f} mm): it must run into the bleed"
                        ).format(edge=edge, length=gap),
                        number,
                    )
    finally:
        document.close()
    if not failing:
        report.add(OK, "boxes", _("artwork that touches the trim runs into the bleed"))


def crop_marks(doc: Document, report: PreflightReport) -> None:
    """Crop marks, when the sheet has room for them, at every trim corner and clear of the bleed."""
    if report.failed("boxes"):
        return
    marks: dict[int, list[Box]] = {}
    for page, bbox in doc.scan.registration:
        marks.setdefault(page, []).append(bbox)
    pages, roomy, bad = len(doc.pdf.pages), 0, 0
    for number in range(1, pages + 1):
        b = doc.boxes(number)
        bleed, media, trim = b["bleed"], b["media"], b["trim"]
        found = marks.get(number, [])
        if any(overlaps(m, bleed, 0.1) for m in found):
            bad += 1
            report.add(
                FAIL,
                "marks",
                _("crop marks (registration colour) inside the bleed: they would print on the page"),
                number,
            )
            continue
        room = min(bleed[0] - media[0], bleed[1] - media[1], media[2] - bleed[2], media[3] - bleed[3]) / MM
        if room < MARK_ROOM_MM:
            continue
        roomy += 1
        corners = [(x, y) for x in (trim[0], trim[2]) for y in (trim[1], trim[3])]
        reach = MARK_REACH_MM * MM
        marked = sum(
            1
            for cx, cy in corners
            if any(m[0] - reach < cx < m[2] + reach and m[1] - reach < cy < m[3] + reach for m in found)
        )
        if marked == 0:
            report.add(WARN, "marks", _("no crop marks, though the sheet has room for them outside the bleed"), number)
        elif marked < 4:
            bad += 1
            report.add(
                FAIL, "marks", _("crop marks at only {marked} of the 4 trim corners").format(marked=marked), number
            )
    if bad:
        return
    if roomy and not any(f.check == "marks" for f in report.findings):
        report.add(
            OK,
            "marks",
            ngettext(
                "crop marks at the 4 trim corners, outside the bleed, on {count} page",
                "crop marks at the 4 trim corners, outside the bleed, on all {count} pages",
                roomy,
            ).format(count=roomy),
        )
    elif not roomy:
        report.add(OK, "marks", _("no crop marks (the sheet ends at the bleed)"))

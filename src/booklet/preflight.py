"""Preflight: check any PDF against the print shop's rules by reading the file itself.

Nothing here trusts how the file was made: boxes, fonts, colour operators, images and the
PDF/X keys are read back with pikepdf, text with PDFium, the way a printer's preflight
tool would.
"""

from __future__ import annotations

import io
import json
import math
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pikepdf

from .i18n import N_, _, decimal, ngettext

MM = 72 / 25.4
FAIL, WARN, OK = "fail", "warning", "ok"
CHECKS = {  # the ids stay English in --json; people read these
    "file": N_("file"),
    "pages": N_("pages"),
    "boxes": N_("boxes"),
    "fonts": N_("fonts"),
    "colour": N_("colour"),
    "ink": N_("ink"),
    "images": N_("images"),
    "pdfx": N_("pdfx"),
    "text": N_("text"),
    "content": N_("content"),
}
TURKISH = set("çğıöşüÇĞİÖŞÜ")
RGB_SPACES = {"/DeviceRGB", "/CalRGB", "/Lab"}


@dataclass(frozen=True)
class Finding:
    level: str
    check: str
    message: str
    page: int | None = None


@dataclass
class Rules:
    bleed_mm: float = 3.0
    min_ppi: float = 300
    hard_min_ppi: float = 200
    max_ink: float = 300
    page_multiple: int = 4


@dataclass
class PreflightReport:
    path: Path
    pages: int = 0
    findings: list[Finding] = field(default_factory=list)

    def add(self, level: str, check: str, message: str, page: int | None = None) -> None:
        self.findings.append(Finding(level, check, message, page))

    @property
    def failures(self) -> list[Finding]:
        return [f for f in self.findings if f.level == FAIL]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.level == WARN]

    @property
    def passed(self) -> bool:
        return not self.failures

    def summary(self) -> str:
        f = len({(x.check, x.message) for x in self.failures})
        w = len({(x.check, x.message) for x in self.warnings})
        verdict = _("preflight PASS") if self.passed else _("preflight FAIL")
        counts = ngettext("{count} failure", "{count} failures", f).format(count=f)
        counts += ", " + ngettext("{count} warning", "{count} warnings", w).format(count=w)
        pages = ngettext("{count} page", "{count} pages", self.pages).format(count=self.pages)
        return f"{verdict}: {self.path} — {pages}, {counts}"

    def lines(self) -> list[str]:
        """One line per finding; the same finding on several pages is one line with a page range."""
        order = {FAIL: 0, WARN: 1, OK: 2}
        grouped: dict[tuple[str, str, str], list[int]] = {}
        for f in self.findings:
            grouped.setdefault((f.level, f.check, f.message), []).extend([f.page] if f.page else [])
        lines = []
        for (level, check, message), pages in sorted(grouped.items(), key=lambda item: order[item[0][0]]):
            where = f"{_page_ranges(pages)}: " if pages else ""
            tag = {FAIL: _("FAIL"), WARN: _("WARN"), OK: _("ok")}[level]
            lines.append(f"{tag:<5} {_(CHECKS.get(check, check))}: {where}{message}")
        return lines + [self.summary()]

    def to_json(self) -> str:
        return json.dumps(
            {
                "file": str(self.path),
                "pages": self.pages,
                "passed": self.passed,
                "findings": [asdict(f) for f in self.findings],
            },
            ensure_ascii=False,
            indent=2,
        )


def _page_ranges(pages: list[int]) -> str:
    pages = sorted(set(pages))
    runs: list[list[int]] = []
    for p in pages:
        if runs and p == runs[-1][-1] + 1:
            runs[-1].append(p)
        else:
            runs.append([p])
    text = ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)
    return ngettext("page {pages}", "pages {pages}", len(pages)).format(pages=text)


def preflight(path: Path, rules: Rules | None = None, data: bytes | None = None) -> PreflightReport:
    """Read the PDF (``data`` if given, else the file) and report every print problem found."""
    rules = rules or Rules()
    report = PreflightReport(Path(path))
    source = io.BytesIO(data) if data is not None else path
    try:
        pdf = pikepdf.open(source)
    except (pikepdf.PdfError, OSError) as exc:
        report.add(FAIL, "file", _("cannot be read as PDF: {exc}").format(exc=exc))
        return report
    with pdf:
        report.pages = len(pdf.pages)
        _check_page_count(pdf, report, rules)
        _check_boxes(pdf, report, rules)
        scan = _ContentScan(report, rules)
        for number, page in enumerate(pdf.pages, 1):
            scan.page(page, number)
        scan.summarise()
        _check_pdfx(pdf, report)
    _check_text(data if data is not None else str(path), report)
    return report


def _check_page_count(pdf: pikepdf.Pdf, report: PreflightReport, rules: Rules) -> None:
    n = len(pdf.pages)
    if n % rules.page_multiple:
        report.add(
            FAIL,
            "pages",
            _("{count} pages is not a multiple of {page_multiple} (saddle stitching)").format(
                count=n, page_multiple=rules.page_multiple
            ),
        )
    else:
        report.add(
            OK,
            "pages",
            _("{count} pages, a multiple of {page_multiple}").format(count=n, page_multiple=rules.page_multiple),
        )


def _box(page: pikepdf.Page, name: str) -> tuple[float, float, float, float] | None:
    value = page.obj.get(name)
    if value is None:
        return None
    x0, y0, x1, y1 = (float(v) for v in value)
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def _inside(inner, outer, tolerance: float = 0.01) -> bool:
    return (
        inner[0] >= outer[0] - tolerance
        and inner[1] >= outer[1] - tolerance
        and inner[2] <= outer[2] + tolerance
        and inner[3] <= outer[3] + tolerance
    )


def _check_boxes(pdf: pikepdf.Pdf, report: PreflightReport, rules: Rules) -> None:
    bleeds = []
    problems = 0
    for number, page in enumerate(pdf.pages, 1):
        media = _box(page, "/MediaBox")
        trim = _box(page, "/TrimBox")
        bleed = _box(page, "/BleedBox")
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
        if not (_inside(trim, bleed) and media and _inside(bleed, media)):
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
    if not problems and bleeds:
        trim = _box(pdf.pages[0], "/TrimBox")
        size = f"{(trim[2] - trim[0]) / MM:.0f} × {(trim[3] - trim[1]) / MM:.0f} mm"
        report.add(
            OK,
            "boxes",
            _("TrimBox {size} and {bleed} mm bleed on all {pages} pages").format(
                size=size, bleed=decimal(min(bleeds), 1), pages=len(bleeds)
            ),
        )


@dataclass
class _Graphics:
    ctm: tuple[float, ...] = (1, 0, 0, 1, 0, 0)
    fill_space: str = "/DeviceGray"
    stroke_space: str = "/DeviceGray"


def _multiply(m, n):
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


class _ContentScan:
    """Walks content streams (and the forms they use) tracking the CTM and colour spaces."""

    def __init__(self, report: PreflightReport, rules: Rules):
        self.report = report
        self.rules = rules
        self.rgb_pages: set[int] = set()
        self.max_ink = 0.0
        self.ink_pages: set[int] = set()
        self.fonts: dict[str, tuple[bool, bool, int]] = {}  # name -> (embedded, tounicode, first page)
        self.images = 0
        self.low_res: list[tuple[int, str, float]] = []
        self.spaces: set[str] = set()

    def page(self, page: pikepdf.Page, number: int) -> None:
        resources = page.obj.get("/Resources", pikepdf.Dictionary())
        try:
            instructions = pikepdf.parse_content_stream(page)
        except pikepdf.PdfError as exc:
            self.report.add(FAIL, "content", _("content stream cannot be parsed: {exc}").format(exc=exc), number)
            return
        self.walk(instructions, resources, number, _Graphics(), depth=0)

    def colour_space(self, name, resources) -> str:
        """The family of a colour space operand: /DeviceCMYK, /DeviceRGB, /Separation, …"""
        if isinstance(name, pikepdf.Name) and str(name) in ("/DeviceRGB", "/DeviceCMYK", "/DeviceGray", "/Pattern"):
            return str(name)
        space = resources.get("/ColorSpace", {}).get(name) if isinstance(name, pikepdf.Name) else name
        return self.family(space)

    def family(self, space) -> str:
        if space is None:
            return "/Unknown"
        if isinstance(space, pikepdf.Name):
            return str(space)
        if isinstance(space, pikepdf.Array) and len(space):
            kind = str(space[0])
            if kind == "/ICCBased":
                n = int(space[1].get("/N", 0))
                return {1: "/DeviceGray", 3: "/ICCBased-RGB", 4: "/DeviceCMYK"}.get(n, "/ICCBased")
            if kind == "/Indexed":
                return "/Indexed-" + self.family(space[1]).lstrip("/")
            return kind
        return "/Unknown"

    def is_rgb(self, family: str) -> bool:
        return family in RGB_SPACES or "RGB" in family

    def note_space(self, family: str, number: int, what: str) -> None:
        self.spaces.add(family)
        if self.is_rgb(family):
            if number not in self.rgb_pages:
                self.report.add(
                    FAIL,
                    "colour",
                    _("{what} in {family}: the press needs CMYK").format(what=what, family=family.lstrip("/")),
                    number,
                )
            self.rgb_pages.add(number)

    def note_ink(self, values, number: int) -> None:
        ink = sum(float(v) for v in values) * 100
        if ink > self.max_ink:
            self.max_ink = ink
        if ink > self.rules.max_ink + 0.5 and number not in self.ink_pages:
            self.ink_pages.add(number)
            self.report.add(
                FAIL,
                "ink",
                _("total ink {ink:.0f} % > {max_ink} %").format(ink=ink, max_ink=decimal(self.rules.max_ink)),
                number,
            )

    def walk(self, instructions, resources, number: int, gs: _Graphics, depth: int) -> None:
        stack: list[_Graphics] = []
        for operands, operator in instructions:
            op = str(operator)
            if op == "q":
                stack.append(_Graphics(gs.ctm, gs.fill_space, gs.stroke_space))
            elif op == "Q" and stack:
                gs = stack.pop()
            elif op == "cm":
                gs.ctm = _multiply(tuple(float(v) for v in operands), gs.ctm)
            elif op in ("rg", "RG"):
                self.note_space("/DeviceRGB", number, _("colour"))
            elif op in ("k", "K"):
                self.spaces.add("/DeviceCMYK")
                self.note_ink(operands, number)
            elif op in ("cs", "CS"):
                family = self.colour_space(operands[0], resources)
                self.note_space(family, number, _("colour space"))
                if op == "cs":
                    gs.fill_space = family
                else:
                    gs.stroke_space = family
            elif op in ("sc", "scn", "SC", "SCN"):
                space = gs.fill_space if op.islower() else gs.stroke_space
                numbers = [v for v in operands if not isinstance(v, pikepdf.Name)]
                if space == "/DeviceCMYK" and len(numbers) == 4:
                    self.note_ink(numbers, number)
            elif op == "Tf":
                self.font(resources, operands[0], number)
            elif op == "Do":
                self.xobject(resources, operands[0], number, gs, depth)
            elif op == "INLINE IMAGE":
                image = operands[0]
                family = "/Indexed" if image.indexed else str(image.colorspace or "/Unknown")
                self.placed_image("inline image", family, image.width, image.height, image.image_mask, number, gs)
            elif op == "sh":
                shading = resources.get("/Shading", {}).get(operands[0])
                if shading is not None:
                    self.note_space(self.family(shading.get("/ColorSpace")), number, _("shading"))

    def font(self, resources, name, number: int) -> None:
        font = resources.get("/Font", {}).get(name)
        if font is None:
            return
        base = str(font.get("/BaseFont", name))
        if base in self.fonts:
            return
        subtype = str(font.get("/Subtype", ""))
        if subtype == "/Type3":
            self.fonts[base] = (True, "/ToUnicode" in font, number)
            return
        target = font["/DescendantFonts"][0] if "/DescendantFonts" in font else font
        descriptor = target.get("/FontDescriptor")
        embedded = descriptor is not None and any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
        self.fonts[base] = (embedded, "/ToUnicode" in font, number)

    def xobject(self, resources, name, number: int, gs: _Graphics, depth: int) -> None:
        xobject = resources.get("/XObject", {}).get(name)
        if xobject is None:
            return
        subtype = str(xobject.get("/Subtype"))
        if subtype == "/Image":
            self.placed_image(
                str(name).lstrip("/"),
                self.family(xobject.get("/ColorSpace")),
                float(xobject.get("/Width", 0)),
                float(xobject.get("/Height", 0)),
                bool(xobject.get("/ImageMask", False)),
                number,
                gs,
            )
        elif subtype == "/Form" and depth < 12:
            matrix = tuple(float(v) for v in xobject.get("/Matrix", [1, 0, 0, 1, 0, 0]))
            inner = _Graphics(_multiply(matrix, gs.ctm), gs.fill_space, gs.stroke_space)
            form_resources = xobject.get("/Resources", resources)
            self.walk(pikepdf.parse_content_stream(xobject), form_resources, number, inner, depth + 1)

    def placed_image(
        self, label: str, family: str, width: float, height: float, mask: bool, number: int, gs: _Graphics
    ) -> None:
        """Colour space and effective resolution of an image at the size the CTM places it."""
        self.images += 1
        if mask:
            return
        self.note_space(family, number, _("image {label}").format(label=label))
        a, b, c, d = gs.ctm[:4]
        placed_w = math.hypot(a, b) / 72  # inches
        placed_h = math.hypot(c, d) / 72
        if placed_w <= 0 or placed_h <= 0:
            return
        ppi = min(width / placed_w, height / placed_h)
        if ppi < self.rules.hard_min_ppi:
            self.report.add(
                FAIL,
                "images",
                _("image {label} {ppi:.0f} ppi < {hard_min_ppi}").format(
                    label=label, ppi=ppi, hard_min_ppi=decimal(self.rules.hard_min_ppi)
                ),
                number,
            )
        elif ppi < self.rules.min_ppi:
            self.report.add(
                WARN,
                "images",
                _("image {label} {ppi:.0f} ppi < {min_ppi}").format(
                    label=label, ppi=ppi, min_ppi=decimal(self.rules.min_ppi)
                ),
                number,
            )

    def summarise(self) -> None:
        report = self.report
        missing = [(name, page) for name, (embedded, _unicode, page) in self.fonts.items() if not embedded]
        for name, page in missing:
            report.add(FAIL, "fonts", _("font {name} is not embedded").format(name=name.lstrip("/")), page)
        no_unicode = [(name, page) for name, (_embedded, uni, page) in self.fonts.items() if not uni]
        for name, page in no_unicode:
            report.add(
                WARN,
                "fonts",
                _("font {name} has no ToUnicode map: its text may not extract").format(name=name.lstrip("/")),
                page,
            )
        if self.fonts and not missing:
            report.add(OK, "fonts", _("all {fonts} fonts embedded").format(fonts=len(self.fonts)))
        if not self.rgb_pages:
            spaces = ", ".join(sorted(s.lstrip("/") for s in self.spaces)) or _("none")
            report.add(OK, "colour", _("no RGB anywhere (colour spaces used: {spaces})").format(spaces=spaces))
        if not self.ink_pages and "/DeviceCMYK" in self.spaces:
            report.add(
                OK,
                "ink",
                _("total ink at most {max_ink:.0f} % (limit {limit} %)").format(
                    max_ink=self.max_ink, limit=decimal(self.rules.max_ink)
                ),
            )
        if not any(f.check == "images" and f.level != OK for f in report.findings):
            report.add(
                OK,
                "images",
                _("{images} images, none below {min_ppi} ppi").format(
                    images=self.images, min_ppi=decimal(self.rules.min_ppi)
                ),
            )


def _check_pdfx(pdf: pikepdf.Pdf, report: PreflightReport) -> None:
    intents = pdf.Root.get("/OutputIntents")
    pdfx = None
    for intent in intents or []:
        if str(intent.get("/S")) == "/GTS_PDFX":
            pdfx = intent
    if pdfx is None:
        report.add(FAIL, "pdfx", _("no PDF/X OutputIntent (/GTS_PDFX) with the printing condition"))
    else:
        profile = pdfx.get("/DestOutputProfile")
        condition = str(pdfx.get("/OutputConditionIdentifier", ""))
        if profile is None or int(profile.get("/N", 0)) != 4:
            report.add(FAIL, "pdfx", _("OutputIntent has no embedded CMYK (N 4) profile"))
        else:
            report.add(
                OK, "pdfx", _("OutputIntent {condition} with an embedded CMYK ICC profile").format(condition=condition)
            )
    info = pdf.docinfo
    version = str(info.get("/GTS_PDFXVersion", ""))
    title = str(info.get("/Title", ""))
    trapped = str(info.get("/Trapped", ""))
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
        xmp_version = xmp.get("pdfxid:GTS_PDFXVersion", "")
    if not version.startswith("PDF/X"):
        report.add(FAIL, "pdfx", _("Info dictionary has no GTS_PDFXVersion"))
    if not str(xmp_version).startswith("PDF/X"):
        report.add(FAIL, "pdfx", _("XMP metadata has no pdfxid:GTS_PDFXVersion"))
    if trapped not in ("/True", "/False"):
        report.add(FAIL, "pdfx", _("Trapped must be True or False in the Info dictionary"))
    if not title.strip():
        report.add(FAIL, "pdfx", _("document has no Title"))
    if version.startswith("PDF/X") and str(xmp_version) == version and trapped in ("/True", "/False"):
        report.add(
            OK,
            "pdfx",
            _("{version} in Info and XMP, Trapped {trapped}, Title set").format(
                version=version, trapped=trapped.lstrip("/")
            ),
        )


def _check_text(source: bytes | str, report: PreflightReport) -> None:
    import pypdfium2 as pdfium

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

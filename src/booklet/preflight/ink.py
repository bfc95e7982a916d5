"""Total ink, measured where it lands: on the separations Ghostscript renders, images included.

Summing the operands of colour operators misses images, overprint and transparency; a
rendered separation does not. Ghostscript's ``tiffsep`` device writes one greyscale plate per
process and spot colour; the highest per-pixel sum inside the BleedBox is the total ink.
Without Ghostscript the rule falls back to the colour values and decoded CMYK image
samples, and says so.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from PIL import Image, ImageChops, ImageMath

from ..i18n import _, decimal
from .document import Document
from .report import FAIL, OK, WARN, PreflightReport

SEPARATION_DPI = 50  # 0.5 mm pixels: ink limits are about areas, not hairlines
MAX_SAMPLED_PIXELS = 25_000_000
GS_MEMORY = 1 << 30
PLATE_FILE = re.compile(r"^p(\d{4})\((.+)\)\.tif$")


@dataclass(frozen=True)
class Separations:
    ink: dict[int, float]  # page → highest total ink in per cent
    plates: dict[str, float]  # plate → highest coverage anywhere, per cent


def ghostscript() -> str | None:
    """The Ghostscript executable: ``BOOKLET_GHOSTSCRIPT`` if set (empty: none), else ``gs`` on PATH."""
    chosen = os.environ.get("BOOKLET_GHOSTSCRIPT")
    if chosen is not None:
        return chosen or None
    return shutil.which("gs")


def _limit_child() -> None:  # pragma: no cover - runs in the child process
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    wanted = GS_MEMORY if soft == resource.RLIM_INFINITY else min(soft, GS_MEMORY)
    resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))


class SeparationRun:
    """Ghostscript rendering the plates in the background: :func:`~booklet.preflight.preflight`
    starts it once the file has been walked, so that the rules before ``total_ink`` (boxes and
    the bleed render, fonts, colour) run on the other core meanwhile. The measurement is the same
    as a run in the foreground; only the waiting overlaps."""

    def __init__(self, gs: str, source: Path | bytes, pages: int, dpi: int = SEPARATION_DPI):
        self._folder = tempfile.TemporaryDirectory(prefix="booklet-sep-")
        self.folder = Path(self._folder.name)
        self.timeout = 20 + 2 * pages
        self.started = time.monotonic()
        self.process: subprocess.Popen | None = None
        self.error = ""
        path = self.folder / "in.pdf"
        try:
            if isinstance(source, bytes):
                path.write_bytes(source)
            else:
                path = Path(source).resolve()
            command = [gs, "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=tiffsep", f"-r{dpi}", "-dUseBleedBox"]
            command += [f"-sOutputFile={self.folder}/p%04d.tif", str(path)]
            self.process = subprocess.Popen(
                command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=_limit_child
            )
        except OSError as exc:
            self.error = str(exc)

    def result(self) -> Separations:
        """Every page's plates inside its BleedBox; raises ``RuntimeError`` when Ghostscript fails."""
        try:
            if self.process is None:
                raise RuntimeError(self.error)
            remaining = max(0.1, self.timeout - (time.monotonic() - self.started))
            try:
                out, err = self.process.communicate(timeout=remaining)
            except subprocess.TimeoutExpired:
                raise RuntimeError(f"Ghostscript timed out after {self.timeout} seconds") from None
            if self.process.returncode != 0:
                raise RuntimeError((err or out).decode("utf-8", "replace").strip()[:200])
            return _read_plates(self.folder)
        finally:
            self.close()

    def close(self) -> None:
        """Stop Ghostscript if it still runs (a rule before ink failed the file) and remove its plates."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.communicate()
        self._folder.cleanup()


def render_separations(gs: str, source: Path | bytes, pages: int, dpi: int = SEPARATION_DPI) -> Separations:
    """Every page's plates inside its BleedBox; raises ``RuntimeError`` when Ghostscript fails."""
    return SeparationRun(gs, source, pages, dpi).result()


def start_separations(doc: Document) -> SeparationRun | None:
    """Ghostscript started on the document, when it is there and the file is safe to render."""
    gs = ghostscript() if doc.renderable else None
    return SeparationRun(gs, doc.source, len(doc.pdf.pages)) if gs is not None else None


def _read_plates(folder: Path) -> Separations:
    plates_by_page: dict[int, list[tuple[str, Path]]] = {}
    for file in folder.iterdir():
        match = PLATE_FILE.match(file.name)
        if match:
            plates_by_page.setdefault(int(match.group(1)), []).append((match.group(2), file))
    ink: dict[int, float] = {}
    coverage: dict[str, float] = {}
    for page, plates in sorted(plates_by_page.items()):
        total = None
        for name, file in plates:
            with Image.open(file) as plate:
                amount = ImageChops.invert(plate.convert("L")).convert("I")  # tiffsep: 255 is no ink
            coverage[name] = max(coverage.get(name, 0.0), amount.getextrema()[1] / 2.55)
            total = amount if total is None else ImageMath.lambda_eval(lambda a: a["x"] + a["y"], x=total, y=amount)
        ink[page] = (total.getextrema()[1] / 2.55) if total is not None else 0.0
    return Separations(ink, coverage)


def _sampled_ink(image: pikepdf.Object) -> float | None:
    """Highest C+M+Y+K of a DeviceCMYK image's decoded samples, in per cent."""
    try:
        pil = pikepdf.PdfImage(image).as_pil_image()
    except Exception:  # noqa: BLE001 - an image pikepdf cannot decode is estimated from nothing
        return None
    if pil.mode != "CMYK":
        return None
    c, m, y, k = (band.convert("I") for band in pil.split())
    total = ImageMath.lambda_eval(lambda a: a["c"] + a["m"] + a["y"] + a["k"], c=c, m=m, y=y, k=k)
    return total.getextrema()[1] / 2.55


def estimate(doc: Document) -> dict[int, float]:
    """The fallback: colour values set in content, and the samples of CMYK images."""
    ink = dict(doc.scan.vector_ink)
    for placed in doc.scan.images:
        if placed.image is None or placed.mask or placed.width * placed.height > MAX_SAMPLED_PIXELS:
            continue
        if placed.space.family not in ("DeviceCMYK", "ICCBased-CMYK"):
            continue
        sampled = _sampled_ink(placed.image)
        if sampled is not None:
            ink[placed.page] = max(ink.get(placed.page, 0.0), sampled)
    return ink


def total_ink(doc: Document, report: PreflightReport) -> None:
    limit = doc.rules.max_ink
    gs = ghostscript() if doc.renderable else None
    method = _("measured on rendered separations")
    ink: dict[int, float]
    if gs is not None:
        try:
            running = doc.separations or SeparationRun(gs, doc.source, len(doc.pdf.pages))
            doc.separations = None  # taken: its result closes it
            separations = running.result()
            ink = separations.ink
            report.facts["plates"] = {name: round(v, 1) for name, v in sorted(separations.plates.items())}
        except RuntimeError as exc:
            gs = None
            report.add(WARN, "ink", _("Ghostscript could not render the separations ({reason})").format(reason=exc))
    if gs is None:
        ink = estimate(doc)
        method = _("estimated from colour values and image samples")
        if not doc.renderable:
            report.add(WARN, "ink", _("an image is too large to render: total ink estimated from colour values"))
        else:
            report.add(
                WARN,
                "ink",
                _(
                    "total ink estimated from colour values and image samples: install Ghostscript to measure it on"
                    " rendered separations"
                ),
            )
    report.facts["max_ink"] = round(max(ink.values(), default=0.0), 1)
    report.facts["ink_method"] = "separations" if gs else "estimate"
    over = {page: value for page, value in ink.items() if value > limit + 0.5}
    for page, value in sorted(over.items()):
        report.add(
            FAIL, "ink", _("total ink {ink:.0f} % > {max_ink} %").format(ink=value, max_ink=decimal(limit)), page
        )
    if not over:
        report.add(
            OK,
            "ink",
            _("total ink at most {max_ink:.0f} % (limit {limit} %), {method}").format(
                max_ink=max(ink.values(), default=0.0), limit=decimal(limit), method=method
            ),
        )

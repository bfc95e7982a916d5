"""The print package: one folder (and a .zip of it) with everything a print shop asks for.

The print PDF, the imposed printer spreads, the preflight report as a one-page PDF and as
JSON, the proof contact sheet, a job ticket in Turkish and English (trim size, page count,
binding, colours, paper, bleed, checksums) and a ``SHA256SUMS`` file the shop can check with
``sha256sum -c``. Everything is made in a staging folder and moved into place only when all
of it succeeded, so a failed run leaves the previous package as it was.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from reportlab.lib.colors import CMYKColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from .build import build, targets_for
from .diagnostics import BookletError, Location, Report
from .i18n import _
from .impose import impose
from .preflight import PreflightReport

PAGE_SIZES = {(210, 297): "A4", (148, 210): "A5", (297, 420): "A3", (105, 148): "A6"}
PAPER = (  # (most pages, text paper) for saddle stitching on coated stock (FOGRA39 is coated paper)
    (8, ("170 g/m² kuşe (mat veya parlak), kapak aynı kâğıt", "170 g/m² coated (matt or gloss), self-cover")),
    (16, ("130 g/m² kuşe, kapak aynı kâğıt", "130 g/m² coated, self-cover")),
    (32, ("115 g/m² kuşe, kapak 250 g/m² kuşe", "115 g/m² coated, 250 g/m² coated cover")),
    (48, ("100 g/m² kuşe, kapak 250 g/m² kuşe", "100 g/m² coated, 250 g/m² coated cover")),
)
HEAVY_PAPER = ("90 g/m² kuşe, kapak 250 g/m²; 64 sayfanın üstünde amerikan cilt düşünülmeli",
               "90 g/m² coated, 250 g/m² cover; above 64 pages consider perfect binding")  # fmt: skip
PLATES_TR = {"Cyan": "camgöbeği", "Magenta": "macenta", "Yellow": "sarı", "Black": "siyah"}


@dataclass(frozen=True)
class PackageResult:
    folder: Path
    archive: Path
    files: list[Path]  # inside ``folder``, in the order of the ticket
    checksums: dict[str, str]  # file name → SHA-256
    preflight: PreflightReport


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _tr(value: float) -> str:
    """A measurement the Turkish way: 0,8 rather than 0.8."""
    return f"{value:g}".replace(".", ",")


def paper_suggestion(pages: int) -> tuple[str, str]:
    for most, paper in PAPER:
        if pages <= most:
            return paper
    return HEAVY_PAPER


def _size_name(trim_mm: list[float]) -> str:
    key = (round(trim_mm[0]), round(trim_mm[1]))
    name = PAGE_SIZES.get(key)
    size = f"{trim_mm[0]:g} × {trim_mm[1]:g} mm"
    return f"{size} ({name})" if name else size


def _colours(report: PreflightReport) -> tuple[str, str]:
    plates = [p for p in ("Cyan", "Magenta", "Yellow", "Black") if report.facts.get("plates", {}).get(p, 0) > 0]
    spots = report.facts.get("spot_colours", [])
    if not report.facts.get("plates"):
        plates = ["Cyan", "Magenta", "Yellow", "Black"]
    count = len(plates) + len(spots)
    tr = f"{count}/{count} (" + ", ".join([PLATES_TR[p] for p in plates] + spots) + ")"
    en = f"{count}/{count} (" + ", ".join(plates + spots) + ")"
    if not spots:
        tr, en = tr + ", spot renk yok", en + ", no spot colours"
    return tr, en


def job_ticket(
    title: str, pages: int, blanks: int, report: PreflightReport, creep_mm: float, files: dict[str, str]
) -> str:
    """The job ticket in Turkish and English, one line per item, the way a shop's order form reads."""
    trim = _size_name(report.facts.get("trim_mm", [0, 0]))
    sheets = pages // 4
    colours_tr, colours_en = _colours(report)
    paper_tr, paper_en = paper_suggestion(pages)
    condition = report.facts.get("output_condition", "FOGRA39")
    bleed = report.facts.get("bleed_mm", 0)
    ink = report.facts.get("max_ink", 0)
    rows = [
        ("Kitapçık", "Booklet", title, title),
        ("Kesim boyutu", "Trim size", trim, trim),
        ("Sayfa sayısı", "Page count", f"{pages} ({blanks} boş sayfa dahil)", f"{pages} (including {blanks} blank)"),
        ("Cilt", "Binding", f"tel dikiş, {sheets} tabaka iç içe", f"saddle stitch, {sheets} nested sheets"),
        ("Renkler", "Colours", f"{colours_tr}, {condition} kuşe", f"{colours_en}, {condition} coated"),
        ("Toplam mürekkep", "Total ink", f"en çok %{ink:.0f}", f"at most {ink:.0f} %"),
        ("Taşma payı", "Bleed", f"{_tr(bleed)} mm, her kenarda", f"{bleed:g} mm on every side"),
        (
            "Kayma payı",
            "Creep",
            f"{_tr(creep_mm)} mm (dizimde uygulandı)",
            f"{creep_mm:g} mm (applied in the imposition)",
        ),
        ("Kâğıt önerisi", "Paper suggestion", paper_tr, paper_en),
        (
            "Ön kontrol",
            "Preflight",
            "GEÇTİ (PDF/X-4)" if report.passed else "KALDI",
            "PASS (PDF/X-4)" if report.passed else "FAIL",
        ),
    ]
    width = max(len(f"{tr} / {en}") for tr, en, _v, _w in rows)
    lines = ["İŞ EMRİ / JOB TICKET", ""]
    for tr, en, value_tr, value_en in rows:
        label = f"{tr} / {en}".ljust(width)
        lines.append(
            f"{label}  {value_tr}" if value_tr == value_en else f"{label}  {value_tr}\n{'':{width}}  {value_en}"
        )
    lines += ["", "Dosyalar ve SHA-256 özetleri / Files and SHA-256 checksums:"]
    lines += [f"  {digest}  {name}" for name, digest in files.items()]
    return "\n".join(lines) + "\n"


def report_pdf(report: PreflightReport, title: str) -> bytes:
    """The preflight report on one A4 page, in 100 % K, with the embedded booklet font."""
    from . import fonts as font_registry

    fonts = font_registry.register()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1, initialFontName=fonts.regular, enforceColorSpace="cmyk")
    canvas.setTitle(_("Preflight report: {title}").format(title=title))
    canvas.setFillColor(CMYKColor(0, 0, 0, 1))
    width, height = A4
    canvas.setFont(fonts.bold, 15)
    canvas.drawString(20 * mm, height - 25 * mm, _("Preflight report"))
    canvas.setFont(fonts.regular, 10)
    canvas.drawString(20 * mm, height - 32 * mm, f"{title} — {report.path.name}")
    lines = report.lines()
    size = 8.5 if len(lines) <= 48 else max(5.5, 8.5 * 48 / len(lines))
    column = width - 54 * mm
    y = height - 45 * mm
    for line in lines[:-1]:
        tag, rest = line[:5].strip(), line[6:]
        canvas.setFont(fonts.bold, size)
        canvas.drawString(20 * mm, y, tag)
        canvas.setFont(fonts.regular, size)
        while canvas.stringWidth(rest) > column:
            rest = rest[:-2] + "…"
        canvas.drawString(34 * mm, y, rest)
        y -= size * 1.45
        if y < 30 * mm:
            break
    canvas.setFont(fonts.bold, 10)
    canvas.drawString(20 * mm, 20 * mm, lines[-1])
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _zip(folder: Path, target: Path, epoch_date: tuple[int, ...]) -> bytes:
    """A deterministic zip of the folder: sorted names, fixed dates and permissions."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                info = zipfile.ZipInfo(f"{target.stem}/{path.relative_to(folder).as_posix()}", date_time=epoch_date)
                info.external_attr = 0o644 << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, path.read_bytes())
    return buffer.getvalue()


def _swap_in(staging: Path, folder: Path) -> None:
    """Replace ``folder`` by ``staging`` with two renames; the old one is removed last."""
    old = None
    if folder.exists():
        old = folder.with_name(f".{folder.name}.old-{os.getpid()}")
        os.replace(folder, old)
    os.replace(staging, folder)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def make_package(
    booklet_dir: Path,
    out_dir: Path,
    report: Report | None = None,
    *,
    bleed_mm: float = 3.0,
    creep_mm: float = 0.0,
    overprint: bool = True,
) -> PackageResult:
    """Build the print file of ``booklet_dir`` and write ``out_dir/<name>-package/`` and its .zip."""
    from .pdf.output import write_atomically
    from .proof import contact_sheet, render_pages

    report = report if report is not None else Report()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".package-", dir=out_dir))
    mask = os.umask(0)
    os.umask(mask)
    staging.chmod(0o777 & ~mask)  # mkdtemp makes 0700; the package is for sharing
    try:
        built = build(booklet_dir, staging, report, targets_for("print", bleed_mm, True, overprint))
        written = built.files[0]
        slug = written.path.name.removesuffix("-print.pdf")
        with pikepdf.open(written.path) as pdf:
            title = str(pdf.docinfo.get("/Title", slug))
            moment = str(pdf.docinfo.get("/CreationDate", "D:20000101000000"))[2:16]
        imposed = impose(written.path, staging / f"{slug}-imposed.pdf", creep_mm)
        checked = built.preflight
        checked.path = Path(written.path.name)  # the report names the file as the shop receives it
        json_path = staging / f"{slug}-preflight.json"
        json_path.write_text(checked.to_json() + "\n", encoding="utf-8")
        report_path = staging / f"{slug}-preflight.pdf"
        report_path.write_bytes(report_pdf(checked, title))
        pages = render_pages(written.path, staging / "pages", overlay=True)
        sheet = contact_sheet(pages, staging / f"{slug}-contact.png", f"{title} — {written.pages}")
        shutil.rmtree(staging / "pages")
        files = [written.path, imposed.path, report_path, json_path, sheet]
        checksums = {p.name: _sha256(p) for p in files}
        ticket = staging / f"{slug}-is-emri-job-ticket.txt"
        ticket.write_text(
            job_ticket(title, written.pages, written.blank_pages, checked, creep_mm, checksums), encoding="utf-8"
        )
        checksums[ticket.name] = _sha256(ticket)
        files.append(ticket)
        (staging / "SHA256SUMS").write_text("".join(f"{d}  {n}\n" for n, d in checksums.items()), encoding="utf-8")
        folder = out_dir / f"{slug}-package"
        archive = out_dir / f"{slug}-package.zip"
        date = tuple(int(moment[i : i + n]) for i, n in ((0, 4), (4, 2), (6, 2), (8, 2), (10, 2), (12, 2)))
        data = _zip(staging, archive, date if date[0] >= 1980 else (1980, 1, 1, 0, 0, 0))
        write_atomically({archive: data})
        _swap_in(staging, folder)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise BookletError.single(
            Location(out_dir),
            _("cannot write the print package: {reason}").format(reason=exc.strerror or exc),
            _("check that the output folder is writable and the disk has space; the previous package is unchanged"),
        ) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    names = [folder / p.name for p in files] + [folder / "SHA256SUMS"]
    return PackageResult(folder, archive, names, checksums, checked)


__all__ = ["PackageResult", "make_package", "job_ticket", "paper_suggestion"]

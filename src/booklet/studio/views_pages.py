"""Routes of the page views (spreads, full page, print view, preflight) and the downloads."""

from __future__ import annotations

from pathlib import Path

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route

from ..i18n import _
from .app import booklet_name, render, studio
from .preview import print_pages
from .views_text import last_pages, preview_context

IMMUTABLE = {"Cache-Control": "public, max-age=31536000, immutable"}  # names carry the pixels' digest


def pages(request: Request) -> Response:
    name = booklet_name(request)
    return render(request, "pages.html", tab="pages", **preview_context(request, name))


def full_page(request: Request) -> Response:
    name = booklet_name(request)
    context = preview_context(request, name)
    number = request.path_params["number"]
    if context["pages"] is None or not 1 <= number <= len(context["pages"].images):
        raise HTTPException(404, _("There is no such page."))
    return render(request, "page.html", tab="pages", number=number, **context)


def page_image(request: Request) -> Response:
    """A page image by its digest: never waits for a build (the save's answer names the new
    images only once they are rendered)."""
    name = booklet_name(request)
    s = studio(request)
    digest = request.path_params["digest"]
    large = request.path_params.get("size") == "large"
    pdf, number = None, 0
    shown = last_pages(request, name) if large else None
    if shown is not None:
        found = [i.number for i in shown.images if i.digest == digest]
        pdf, number = (shown.pdf, found[0]) if found else (None, 0)
    path = s.previews.image(digest, large=large, pdf=pdf, number=number)
    if path is None:
        raise HTTPException(404, _("There is no such page."))
    return FileResponse(path, media_type="image/png", headers=IMMUTABLE)


def _print_build(request: Request, name: str):
    s = studio(request)
    state = s.builder.build_all(name)
    if not state.ok:
        return state, []
    return state, print_pages(state.files[-1], s.workspace.state / "print", s.builder.lock)


def print_view(request: Request) -> Response:
    name = booklet_name(request)
    state, images = _print_build(request, name)
    findings = []
    if state.preflight is not None:
        findings = _findings(state.preflight)
    return render(
        request,
        "print.html",
        tab="print",
        state=state,
        images=list(range(1, len(images) + 1)),
        findings=findings,
        status=200 if state.ok else 422,
    )


def _findings(report) -> list[dict]:
    """The preflight's findings grouped as a person reads them: failures, warnings, passed checks."""
    from ..preflight import CHECKS, FAIL, OK, WARN
    from ..preflight.report import page_ranges

    grouped: dict[tuple[str, str, str], list[int]] = {}
    for f in report.findings:
        grouped.setdefault((f.level, f.check, f.message), []).extend([f.page] if f.page else [])
    order = {FAIL: 0, WARN: 1, OK: 2}
    words = {FAIL: _("Fails"), WARN: _("Warning"), OK: _("Passed")}
    result = []
    for (level, check, message), numbers in sorted(grouped.items(), key=lambda item: order.get(item[0][0], 3)):
        result.append(
            {
                "level": level,
                "word": words.get(level, level),
                "check": _(CHECKS.get(check, check)),
                "message": message,
                "pages": page_ranges(numbers) if numbers else "",
            }
        )
    return result


def print_image(request: Request) -> Response:
    name = booklet_name(request)
    state, images = _print_build(request, name)
    number = request.path_params["number"]
    if not 1 <= number <= len(images):
        raise HTTPException(404, _("There is no such page."))
    return FileResponse(images[number - 1], media_type="image/png")


def download(request: Request) -> Response:
    name = booklet_name(request)
    what = request.path_params["what"]
    s = studio(request)
    ws = s.workspace
    if what == "screen.pdf":
        state = s.builder.current_build(name)
        if state.pdf is None or not state.pdf.is_file():
            raise HTTPException(409, _("The booklet does not build yet; fix the errors listed first."))
        return FileResponse(state.pdf, media_type="application/pdf", filename=state.pdf.name)
    if what == "print-package.zip":
        state = s.builder.build_all(name)
        if not state.ok:
            raise HTTPException(409, _("The booklet does not build yet; fix the errors listed first."))
        made = s.builder.locked(print_package, ws.booklet(name), ws.state / "package")
        return FileResponse(made.archive, media_type="application/zip", filename=made.archive.name)
    if what == "contact-sheet.png":
        from ..content.load import load_booklet
        from ..diagnostics import Report
        from ..proof import make_proof, sheet_title

        state = s.builder.current_build(name)
        if state.pdf is None or not state.pdf.is_file():
            raise HTTPException(409, _("The booklet does not build yet; fix the errors listed first."))
        with s.builder.lock:
            title = sheet_title(load_booklet(ws.booklet(name), Report()).meta, state.pages)
            made = make_proof(state.pdf, ws.state / "proof", title)
        return FileResponse(made.contact_sheet, media_type="image/png", filename=made.contact_sheet.name)
    raise HTTPException(404, _("There is no such download."))


def print_package(booklet: Path, out_dir: Path):
    """The same package ``booklet package`` writes (print PDF, imposed sheets, preflight report
    as PDF and JSON, contact sheet, job ticket, checksums): one implementation for both."""
    from ..diagnostics import Report
    from ..package import make_package

    return make_package(booklet, out_dir, Report())


routes = [
    Route("/b/{key:path}/pages", pages),
    Route("/b/{key:path}/pages/{number:int}", full_page),
    Route("/b/{key:path}/page/{digest}.png", page_image),
    Route("/b/{key:path}/page/{digest}/{size}.png", page_image),
    Route("/b/{key:path}/print", print_view),
    Route("/b/{key:path}/print/{number:int}.png", print_image),
    Route("/b/{key:path}/download/{what}", download),
]

"""Routes of the text editor and the live preview beside it."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ..content.load import load_booklet
from ..diagnostics import BookletError, Report
from ..i18n import _
from .app import booklet_name, page_of, render, studio
from .builds import off_loop
from .figures import printed_form
from .preview import Pages, Previews
from .workspace import Conflict

# Suffixes written after a figure or the province; the build picks the form the value needs.
SUFFIXES = ("'de", "'den", "'e", "'i", "'in", "'le", "'dir", "'lik", "'ler")


def preview_context(
    request: Request, name: str, before: Pages | None = None, oob: bool = False, focus: int | None = None
) -> dict:
    """The last good PDF's pages, and (after a save) which of them changed."""
    s = studio(request)
    state = s.builder.current_build(name)
    pages = s.previews.pages(state.pdf) if state.pdf and state.pdf.is_file() else None
    changed = Previews.changed(before, pages) if pages is not None and before is not None else set()
    if focus is None and changed:
        focus = min(changed)
    return {"pages": pages, "changed": changed, "build": state, "oob": oob, "focus": focus}


def last_pages(request: Request, name: str) -> Pages | None:
    """The pages the browser shows now (before a save), without building anything."""
    s = studio(request)
    state = s.builder.last_build(name)
    return s.previews.pages(state.pdf) if state and state.pdf and state.pdf.is_file() else None


def _sections(request: Request, name: str) -> list:
    ws = studio(request).workspace
    try:
        return list(load_booklet(ws.booklet(name), Report()).sections)
    except BookletError:
        return []


def _focus_page(request: Request, name: str, file: str, pages: Pages | None) -> int | None:
    """The page on which the section of ``file`` opens (its bookmark), if it is a section file."""
    if pages is None:
        return None
    ws = studio(request).workspace
    sections = _sections(request, name)
    for index, section in enumerate(sections):
        if ws.name_of(section.path) == file and len(pages.openings) == len(sections) + 1:
            return pages.openings[index + 1]
    return None


def _default_file(request: Request, name: str) -> str:
    ws = studio(request).workspace
    sections = _sections(request, name)
    if sections:
        return ws.name_of(sections[0].path)
    return ws.name_of(ws.booklet(name) / "booklet.yaml")


def _file_groups(request: Request, name: str) -> list[tuple[str, list[str]]]:
    ws = studio(request).workspace
    booklet = ws.booklet(name)
    own_prefix = ws.name_of(booklet)
    own, shared = [], []
    for file in ws.files(booklet):
        is_own = own_prefix == "." or file.startswith(own_prefix + "/")
        (own if is_own else shared).append(file)
    groups = [(_("This booklet"), own)]
    if shared:
        groups.append((_("Shared text (every province)"), shared))
    return groups


def _editor_context(
    request: Request, name: str, file: str, text: str | None = None, before: Pages | None = None, **extra
) -> dict:
    """The editor and the preview; ``before``: the pages before a save, to mark what changed."""
    ws = studio(request).workspace
    ws.editable_file(ws.booklet(name), file)
    current = ws.read(file)
    draft = ws.draft(file)
    context = preview_context(request, name, before=before, oob=before is not None)
    context.update(
        {
            "tab": "text",
            "file": file,
            "text": text if text is not None else (draft if draft is not None else current.text),
            "version": current.version,
            "draft": draft is not None,
            "groups": _file_groups(request, name),
            "shared": not file.startswith(ws.name_of(ws.booklet(name)) + "/") and ws.name_of(ws.booklet(name)) != ".",
        }
    )
    context["focus"] = context.get("focus") or _focus_page(request, name, file, context["pages"])
    build = context["build"]
    context.setdefault("problems", build.problems)
    context.update(extra)
    return context


def editor(request: Request) -> Response:
    name = booklet_name(request)
    file = request.query_params.get("file") or _default_file(request, name)
    return render(request, "text.html", **_editor_context(request, name, file))


async def save_text(request: Request) -> Response:
    form = await request.form()
    return await off_loop(_save_text, request, form)


def _save_text(request: Request, form) -> Response:
    name = booklet_name(request)
    file, text, version = str(form.get("file", "")), str(form.get("text", "")), str(form.get("version", ""))
    s = studio(request)
    ws = s.workspace
    ws.editable_file(ws.booklet(name), file)
    before = last_pages(request, name)
    try:
        outcome = s.builder.save(name, {file: (text, version)}, page_of(request))
    except Conflict:
        ws.keep_draft(file, text)  # the editor's words are never lost
        context = _editor_context(request, name, file, text=text, conflict=True)
        context["version"] = version  # a second save stays refused until the editor reloads
        return render(request, "partials/text_result.html", status=409, **context)
    if not outcome.saved:
        context = _editor_context(request, name, file, text=text, problems=outcome.problems, saved=False)
        return render(request, "partials/text_result.html", status=422, **context)
    context = _editor_context(
        request, name, file, before=before, saved=True, built=outcome.built, seconds=outcome.seconds
    )
    context["problems"] = outcome.problems
    return render(request, "partials/text_result.html", **context)


async def discard_text_draft(request: Request) -> Response:
    name = booklet_name(request)
    form = await request.form()
    file = str(form.get("file", ""))
    ws = studio(request).workspace
    ws.editable_file(ws.booklet(name), file)
    ws.discard_draft(file)
    from urllib.parse import quote

    return Response(
        status_code=204, headers={"HX-Redirect": f"{request.url.path.rsplit('/', 2)[0]}/text?file={quote(file)}"}
    )


def completions(request: Request) -> Response:
    """What ``{`` offers in the editor: every figure with its printed value, and ``il``."""
    name = booklet_name(request)
    ws = studio(request).workspace
    booklet = ws.booklet(name)
    from .figures import file_text, read_text

    path = booklet / "figures.yaml"
    figures, _report, _positions = read_text(path, file_text(path), booklet)
    province = ws.summary(name)["province"]
    items = [{"name": "il", "label": _("the province's name"), "printed": province}]
    items += [{"name": f.name, "label": f.label, "printed": printed_form(f.value, f.kind)} for f in figures.values()]
    return JSONResponse({"figures": items, "suffixes": list(SUFFIXES)})


def preview(request: Request) -> Response:
    """Polled by the page: 204 while nothing changed, else the pages again (files changed elsewhere)."""
    name = booklet_name(request)
    known = request.query_params.get("known", "")
    context = preview_context(request, name)
    pages = context["pages"]
    if pages is not None and pages.pdf_digest == known:
        return Response(status_code=204)
    return render(request, "partials/preview.html", **context)


routes = [
    Route("/b/{key:path}/text", editor),
    Route("/b/{key:path}/text", save_text, methods=["POST"]),
    Route("/b/{key:path}/text/discard", discard_text_draft, methods=["POST"]),
    Route("/b/{key:path}/completions", completions),
    Route("/b/{key:path}/preview", preview),
]

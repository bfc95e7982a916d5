"""Routes of the figures table and the spreadsheet import."""

from __future__ import annotations

import json

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ..content.load import FIGURES_FILE
from ..i18n import _, ngettext
from ..pdf.output import write_atomically
from . import figures as table
from .app import booklet_name, page_of, render, studio
from .builds import off_loop
from .imports import MAX_UPLOAD_BYTES
from .views_text import last_pages, preview_context


def _typed_draft_path(request: Request, name: str):
    ws = studio(request).workspace
    return ws.state / "drafts" / ws.name_of(ws.booklet(name) / FIGURES_FILE).replace("/", "~") / "typed.json"


def write_draft_json(path, typed: dict[str, str]) -> None:
    write_atomically({path: json.dumps(typed, ensure_ascii=False).encode("utf-8")})


def _figures_context(request: Request, name: str, typed: dict[str, str] | None = None, **extra) -> dict:
    s = studio(request)
    ws = s.workspace
    booklet = ws.booklet(name)
    file_name = ws.name_of(booklet / FIGURES_FILE)
    draft = ws.draft(file_name)
    rows, problems, before = table.rows(booklet, draft, file_name)
    if typed is None:
        typed = _load_typed(request, name)
    context = {
        "tab": "figures",
        "figures_file": file_name,
        "rows": rows,
        "typed": typed,
        "file_problems": problems,
        "previous": ws.name_of(before) if before else None,
        "version": ws.version(file_name),
        "draft": draft is not None or bool(_load_typed(request, name)),
        "last_import": s.imports.last_sheet(name),
        "max_upload_mb": MAX_UPLOAD_BYTES // (1024 * 1024),
        "stale": sum(1 for r in rows if r.stale),
        "empty": sum(1 for r in rows if r.value is None),
    }
    context.update(extra)
    return context


def _load_typed(request: Request, name: str) -> dict[str, str]:
    path = _typed_draft_path(request, name)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def figures_page(request: Request) -> Response:
    name = booklet_name(request)
    context = _figures_context(request, name)
    context.update(preview_context(request, name))
    return render(request, "figures.html", **context)


async def check_value(request: Request) -> Response:
    """One cell, as it is typed: the printed form, or the located reason it is refused."""
    name = booklet_name(request)
    form = await request.form()
    figure = str(form.get("figure", ""))
    raw = str(form.get("value:" + figure, form.get("raw", "")))
    ws = studio(request).workspace
    booklet = ws.booklet(name)
    text = table.file_text(booklet / FIGURES_FILE)
    printed, problem = await off_loop(table.check_one, booklet, text, figure, raw, ws.name_of(booklet / FIGURES_FILE))
    return render(request, "partials/cell.html", figure=figure, printed=printed, problem=problem)


async def save_figures(request: Request) -> Response:
    form = await request.form()
    return await off_loop(_save_figures, request, form)


def _save_figures(request: Request, form) -> Response:
    name = booklet_name(request)
    s = studio(request)
    ws = s.workspace
    booklet = ws.booklet(name)
    file_name = ws.name_of(booklet / FIGURES_FILE)
    version = str(form.get("version", ""))
    was = {key[4:]: str(value) for key, value in form.multi_items() if key.startswith("was:")}
    typed = {  # only what the editor changed: a value shown but untouched is never written back
        key[6:]: str(value)
        for key, value in form.multi_items()
        if key.startswith("value:") and str(value).strip() != was.get(key[6:], "").strip()
    }
    current = {key[8:] for key, value in form.multi_items() if key.startswith("current:") and value}
    if not s.builder.up_to_date(page_of(request), file_name, version):
        write_draft_json(_typed_draft_path(request, name), typed)
        context = _figures_context(request, name, typed=typed, conflict=True, saved=False)
        context["version"] = version  # refused again until the page is reloaded
        return render(request, "partials/figures_form.html", status=409, **context)
    text = table.file_text(booklet / FIGURES_FILE)
    edit = table.edit(booklet, text, typed, current, file_name)
    if edit.text is None:
        write_draft_json(_typed_draft_path(request, name), typed)
        context = _figures_context(request, name, typed=typed, problems=edit.problems, saved=False)
        return render(request, "partials/figures_form.html", status=422, **context)
    if edit.text == text:
        _typed_draft_path(request, name).unlink(missing_ok=True)
        ws.discard_draft(file_name)
        context = _figures_context(request, name, typed={}, message=_("Nothing to save: no value was changed."))
        return render(request, "partials/figures_form.html", **context)
    before = last_pages(request, name)
    outcome = s.builder.save(name, {file_name: (edit.text, version)}, page_of(request))
    if not outcome.saved:
        write_draft_json(_typed_draft_path(request, name), typed)
        context = _figures_context(request, name, typed=typed, problems=outcome.problems, saved=False)
        return render(request, "partials/figures_form.html", status=422, **context)
    _typed_draft_path(request, name).unlink(missing_ok=True)
    message = ngettext("{count} figure changed", "{count} figures changed", len(edit.changed)).format(
        count=len(edit.changed)
    )
    if edit.confirmed:
        message += "; " + ngettext(
            "{count} figure confirmed as current", "{count} figures confirmed as current", len(edit.confirmed)
        ).format(count=len(edit.confirmed))
    if outcome.built:
        message += "; " + _("the PDF was rebuilt in {seconds} s.").format(
            seconds=f"{outcome.seconds:.2f}".replace(".", ",")
        )
    else:
        errors = sum(1 for p in outcome.problems if p.is_error)
        message += "; " + ngettext(
            "the booklet does not build yet: {count} error remains (listed on the Text tab).",
            "the booklet does not build yet: {count} errors remain (listed on the Text tab).",
            errors,
        ).format(count=errors)
    context = _figures_context(request, name, typed={}, message=message, saved=True)
    context.update(preview_context(request, name, before=before, oob=True))
    return render(request, "partials/figures_form.html", **context)


def discard_draft(request: Request) -> Response:
    name = booklet_name(request)
    ws = studio(request).workspace
    ws.discard_draft(ws.name_of(ws.booklet(name) / FIGURES_FILE))
    _typed_draft_path(request, name).unlink(missing_ok=True)
    context = _figures_context(request, name, typed={}, message=_("The draft was discarded."))
    return render(request, "partials/figures_form.html", **context)


async def upload(request: Request) -> Response:
    name = booklet_name(request)
    form = await request.form(max_files=1, max_fields=10, max_part_size=MAX_UPLOAD_BYTES + 1)
    sheet = form.get("sheet")
    if sheet is None or not hasattr(sheet, "read"):
        raise HTTPException(400, _("Choose a spreadsheet file (.csv or .xlsx) first."))
    data = await sheet.read(MAX_UPLOAD_BYTES + 1)
    plan = await off_loop(studio(request).imports.dry_run, name, sheet.filename or "", data)
    return render(request, "partials/import_plan.html", plan=plan, status=200 if plan.readable else 422)


def confirm(request: Request) -> Response:
    name = booklet_name(request)
    s = studio(request)
    before = last_pages(request, name)
    try:
        outcome = s.imports.confirm(name, request.path_params["token"], page_of(request))
    except KeyError:
        raise HTTPException(404, _("This import is no longer waiting; upload the spreadsheet again.")) from None
    if not outcome.saved:
        context = _figures_context(request, name, problems=outcome.problems, saved=False)
        return render(request, "partials/figures_form.html", status=422, **context)
    _typed_draft_path(request, name).unlink(missing_ok=True)  # typed on top of the file the import replaced
    message = (
        _("The spreadsheet's figures were saved.")
        + " "
        + _(
            'To undo the import, use the button "Undo the last import" above the table, or the command:'
            " booklet figures import {booklet} --undo"
        ).format(booklet=s.workspace.booklet(name))
    )
    context = _figures_context(request, name, typed={}, saved=True, message=message, plan_done=message)
    context.update(preview_context(request, name, before=before, oob=True))
    return render(request, "partials/figures_form.html", **context)


def undo(request: Request) -> Response:
    name = booklet_name(request)
    s = studio(request)
    before = last_pages(request, name)
    try:
        outcome = s.imports.undo(name, page_of(request))
    except KeyError:
        raise HTTPException(404, _("There is no import to undo.")) from None
    if not outcome.saved:
        context = _figures_context(request, name, problems=outcome.problems, saved=False)
        return render(request, "partials/figures_form.html", status=422, **context)
    _typed_draft_path(request, name).unlink(missing_ok=True)
    context = _figures_context(request, name, typed={}, message=_("The import was undone: the figures are as before."))
    context.update(preview_context(request, name, before=before, oob=True))
    return render(request, "partials/figures_form.html", **context)


routes = [
    Route("/b/{key:path}/figures", figures_page),
    Route("/b/{key:path}/figures", save_figures, methods=["POST"]),
    Route("/b/{key:path}/figures/check", check_value, methods=["POST"]),
    Route("/b/{key:path}/figures/discard", discard_draft, methods=["POST"]),
    Route("/b/{key:path}/import", upload, methods=["POST"]),
    Route("/b/{key:path}/import/undo", undo, methods=["POST"]),
    Route("/b/{key:path}/import/{token}", confirm, methods=["POST"]),
]

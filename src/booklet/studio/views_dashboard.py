"""The dashboard and its actions: build, new period, new province, publish and reopen.

Each action is the library function the command of the same name runs (``periods.new_period``,
``periods.new_province``, ``publish.publish``, ``publish.reopen``), in a worker thread; what it
refuses is shown as the command would say it, at its place. Like every request that changes
something, each carries the page's CSRF token (security.py), and every folder it names is
one of the content folder's booklets or a new folder inside it.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ..diagnostics import BookletError, Report
from ..i18n import _
from ..periods import PERIOD_RE
from ..turkish import ascii_slug
from .app import booklet_name, render, studio, url_key
from .builds import off_loop
from .paths import inside
from .workspace import Problem, located


def _card(request: Request, name: str) -> dict:
    s = studio(request)
    return {"name": name, "state": s.builder.status(name), **s.workspace.summary(name)}


def _dashboard(request: Request, **context) -> Response:
    s = studio(request)
    cards = [_card(request, name) for name in s.workspace.booklets()]
    models = [card["name"] for card in sorted(cards, key=lambda c: c["date"], reverse=True)]
    return render(request, "dashboard.html", cards=cards, models=models, content=s.workspace.root, **context)


def dashboard(request: Request) -> Response:
    return _dashboard(request)


def _row(request: Request, name: str, status: int = 200, **result) -> Response:
    """The booklet's row again (its state may have changed), with what the action did."""
    return render(request, "partials/booklet_row.html", status=status, card=_card(request, name), **result)


async def build_action(request: Request) -> Response:
    """Build the screen and print files into the output folder, as ``booklet build`` does."""
    name = booklet_name(request)
    result = await off_loop(studio(request).builder.build_all, name)
    return render(request, "partials/build_result.html", result=result, status=200 if result.ok else 422)


async def new_period_action(request: Request) -> Response:
    from ..periods import new_period

    name = booklet_name(request)
    form = await request.form()
    period, month = str(form.get("period", "")).strip(), str(form.get("date", "")).strip()
    ws = studio(request).workspace
    try:
        created = await off_loop(new_period, ws.booklet(name), period, month)
    except BookletError as exc:
        return _not_done(request, ws.problems(exc.report))
    return Response(status_code=204, headers={"HX-Redirect": f"/b/{url_key(ws.name_of(created))}/figures"})


async def new_province_action(request: Request) -> Response:
    """A province from the shared prose, in ``<province>/<period>`` of the content folder
    (``malatya/2024-2``), its figures copied from a booklet and every one empty."""
    from ..periods import new_province

    form = await request.form()
    ws = studio(request).workspace
    province = " ".join(str(form.get("province", "")).split())
    period, month = str(form.get("period", "")).strip(), str(form.get("date", "")).strip()
    model_name = str(form.get("model", "")).strip()
    model = ws.booklet(model_name) if model_name else None  # one of the booklets, or OutsideContent
    if not ascii_slug(province):
        return _not_done(request, [located("", 0, 0, _("the province name is empty"))])
    if not PERIOD_RE.match(period):  # checked before it becomes part of a folder's name
        return _not_done(
            request, [located("", 0, 0, _("period '{period}' should look like 2025-1").format(period=period))]
        )
    target = inside(ws.root, f"{ascii_slug(province)}/{period}")
    try:
        created, _model, _count = await off_loop(new_province, target, province, month, period, model)
    except BookletError as exc:
        return _not_done(request, ws.problems(exc.report))
    return Response(status_code=204, headers={"HX-Redirect": f"/b/{url_key(ws.name_of(created))}/figures"})


async def publish_action(request: Request) -> Response:
    """Freeze the edition as ``booklet publish`` does: built strictly, then kept as printed."""
    from ..publish import publish

    name = booklet_name(request)
    s = studio(request)
    booklet = s.workspace.booklet(name)
    try:  # publishing builds: one build at a time
        done = await off_loop(s.builder.locked, publish, booklet, s.workspace.out_dir, Report())
    except BookletError as exc:
        return _row(request, name, 422, problems=s.workspace.problems(exc.report), title=_("Not published"))
    finally:
        s.builder.forget(name)
    message = _("published {booklet}: {inputs} files it was made from and the PDFs are kept in {folder}").format(
        booklet=name, inputs=done.inputs, folder=s.workspace.name_of(done.folder)
    )
    return _row(request, name, message=message)


async def reopen_action(request: Request) -> Response:
    """Lift the freeze, as ``booklet publish --reopen`` does; from a booklet's own page the
    page is loaded again, now editable."""
    from ..publish import reopen

    name = booklet_name(request)
    s = studio(request)
    booklet = s.workspace.booklet(name)
    try:
        folder = await off_loop(s.builder.locked, reopen, booklet)
    except BookletError as exc:
        return _row(request, name, 422, problems=s.workspace.problems(exc.report), title=_("Not reopened"))
    finally:
        s.builder.forget(name)
    if request.headers.get("x-studio-from") == "booklet":
        return Response(status_code=204, headers={"HX-Refresh": "true"})
    message = _("reopened {booklet}: it builds from the current shared prose again ({folder} removed)").format(
        booklet=name, folder=s.workspace.name_of(folder)
    )
    return _row(request, name, message=message)


def _not_done(request: Request, problems: list[Problem]) -> Response:
    return render(request, "partials/problems.html", problems=problems, status=422)


routes = [
    Route("/", dashboard),
    Route("/new-province", new_province_action, methods=["POST"]),
    Route("/b/{key:path}/build", build_action, methods=["POST"]),
    Route("/b/{key:path}/new-period", new_period_action, methods=["POST"]),
    Route("/b/{key:path}/publish", publish_action, methods=["POST"]),
    Route("/b/{key:path}/reopen", reopen_action, methods=["POST"]),
]

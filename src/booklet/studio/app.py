"""The studio's web app: Starlette routes over the workspace, pages from Jinja2 templates.

htmx (vendored in static/, no build step) swaps the parts of a page that a request changes;
every page works as plain HTML links and forms where no script is needed. All text comes
from the same gettext catalogue as the command line (Turkish by default).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from .. import __version__, i18n
from ..build import Superseded
from ..diagnostics import BookletError
from ..i18n import _, ngettext
from .builds import Builder
from .imports import Imports
from .paths import OutsideContent
from .preview import Previews
from .security import Guard, new_token
from .workspace import Conflict, Workspace, published_on

HERE = Path(__file__).resolve().parent
ROOT_KEY = "~"  # the content folder itself, when it is a booklet


def url_key(name: str) -> str:
    """A booklet's name as it stands in a URL (``elazig/2024-2``; the folder itself is ``~``)."""
    return ROOT_KEY if name == "." else quote(name)


def name_from_key(key: str) -> str:
    return "." if key == ROOT_KEY else key


@dataclass
class Studio:
    """What every route needs: the workspace and its helpers, the templates, the tokens."""

    workspace: Workspace
    builder: Builder
    previews: Previews
    imports: Imports
    templates: Environment
    csrf_token: str
    language: str


def _templates() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(HERE / "templates")),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(_=lambda message: _(message), ngettext=ngettext, url_key=url_key, version=__version__)
    return env


def studio(request: Request) -> Studio:
    return request.app.state.studio


def booklet_name(request: Request) -> str:
    """The booklet the URL names, checked to be one of the content folder's booklets."""
    name = name_from_key(request.path_params["key"])
    try:
        studio(request).workspace.booklet(name)
    except OutsideContent:
        raise HTTPException(404, _("There is no such booklet in this content folder.")) from None
    return name


def render(request: Request, template: str, status: int = 200, headers: dict | None = None, **context) -> HTMLResponse:
    """A template with what every page needs; ``published`` is the day the booklet in the URL
    was published ("" while it is open), for the banner and the read-only editors."""
    s = studio(request)
    key = request.path_params.get("key")
    context.setdefault("booklet", name_from_key(key) if key else None)
    if context["booklet"] and "published" not in context:
        try:
            context["published"] = published_on(s.workspace.booklet(context["booklet"]))
        except OutsideContent:
            context["published"] = ""
    html = s.templates.get_template(template).render(
        request=request, csrf_token=s.csrf_token, lang=s.language, url_key=url_key, page_id=new_page_id(), **context
    )
    return HTMLResponse(html, status_code=status, headers=headers)


def new_page_id() -> str:
    """Names one page in one tab: a newer save from the same page supersedes an older one."""
    return secrets.token_urlsafe(9)


def page_of(request: Request) -> str:
    """The page a request comes from (its ``X-Studio-Page`` header; "" for a plain form post)."""
    return request.headers.get("x-studio-page", "")[:32]


# --- icons and periods ----------------------------------------------------------------------


def icons(request: Request) -> HTMLResponse:
    from .catalogue import icon_gallery

    name = booklet_name(request)
    ws = studio(request).workspace
    return render(request, "icons.html", icons=icon_gallery(ws, ws.booklet(name)), tab="icons")


def icon_file(request: Request) -> Response:
    from .catalogue import icon_file as find_icon

    name = booklet_name(request)
    ws = studio(request).workspace
    path = find_icon(ws, ws.booklet(name), request.path_params["icon"])
    if path is None:
        raise HTTPException(404, _("There is no such icon."))
    return Response(
        path.read_bytes(),
        media_type="image/svg+xml",
        headers={"Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox"},
    )


def periods(request: Request) -> HTMLResponse:
    from .catalogue import period_diff

    name = booklet_name(request)
    ws = studio(request).workspace
    others = [b for b in ws.booklets() if b != name]
    old = request.query_params.get("old")
    diff = period_diff(ws, name, old)
    return render(request, "periods.html", diff=diff, others=others, tab="periods")


# --- errors ---------------------------------------------------------------------------------


async def http_error(request: Request, exc: HTTPException) -> HTMLResponse:
    if request.app.state.studio is None:  # pragma: no cover - only while starting
        return HTMLResponse(str(exc.detail), status_code=exc.status_code)
    return render(request, "error.html", status=exc.status_code, message=exc.detail, booklet=None)


async def outside(request: Request, exc: OutsideContent) -> HTMLResponse:
    return render(request, "error.html", status=404, message=_("This file is not part of the content folder."))


async def content_error(request: Request, exc: BookletError) -> HTMLResponse:
    """A content file that cannot be opened (not a regular file, too large): its message, located."""
    problems = studio(request).workspace.problems(exc.report)[:3]
    message = " ".join(f"{p.file}: {p.message}. {p.hint}".rstrip() for p in problems)
    return render(request, "error.html", status=422, message=message or _("This file cannot be opened."))


async def conflict(request: Request, exc: Conflict) -> HTMLResponse:
    return render(request, "partials/conflict.html", status=409, file=exc.name)


async def superseded(request: Request, exc: Superseded) -> HTMLResponse:
    """A save overtaken by a newer one from the same page (whose answer the page shows)."""
    return render(request, "partials/superseded.html", status=409)


def create_app(
    content: Path,
    out_dir: Path = Path("output"),
    *,
    language: str = "tr",
    access_token: str | None = None,
    allowed_hosts: set[str] | None = None,
    csrf_token: str | None = None,
):
    """The studio as an ASGI app (the Guard in front of Starlette); ``allowed_hosts=None``
    answers any Host header (only for tests and for ``--host``, where the token protects)."""
    from . import views_dashboard, views_figures, views_pages, views_text

    i18n.setup(language)
    workspace = Workspace(content, out_dir)
    builder = Builder(workspace)
    previews = Previews(workspace.state / "pages", builder.lock)
    routes = [
        *views_dashboard.routes,
        Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
        Route("/b/{key:path}/icons", icons),
        Route("/b/{key:path}/icons/{icon}.svg", icon_file),
        Route("/b/{key:path}/periods", periods),
        *views_figures.routes,
        *views_text.routes,
        *views_pages.routes,
        Route("/b/{key:path}/", lambda r: RedirectResponse(f"/b/{r.path_params['key']}/figures", 303)),
    ]
    app = Starlette(
        routes=routes,
        exception_handlers={
            HTTPException: http_error,
            OutsideContent: outside,
            BookletError: content_error,
            Conflict: conflict,
            Superseded: superseded,
        },
    )
    app.state.studio = Studio(
        workspace, builder, previews, Imports(builder), _templates(), csrf_token or new_token(), i18n.current()
    )
    guard = Guard(app, app.state.studio.csrf_token, access_token, allowed_hosts)
    guard.studio = app.state.studio
    return guard

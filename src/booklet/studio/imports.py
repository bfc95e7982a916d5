"""Spreadsheet upload → the dry-run table of changes → confirm → undo.

The upload is read by ``figures import --dry-run`` itself (``import_figures(dry_run=True)``):
the table shows exactly what the command would write, and nothing in the content changes
until the editor confirms. Confirming runs the same import for real, through the builder (the
file must still be as the dry run read it, the result must build, in a staging copy first);
the import keeps the file as it was in the booklet's ``.booklet-undo/``, so the studio's undo
and ``booklet figures import --undo`` are one and the same, whichever made the import.
"""

from __future__ import annotations

import io
import secrets
import shutil
import threading
import zipfile
from collections import OrderedDict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from ..content.load import FIGURES_FILE
from ..content.source import read_bytes
from ..diagnostics import BookletError, Report, number
from ..i18n import _
from ..spreadsheet import ImportResult, import_figures, last_import, ole_problem, undo_import
from ..turkish import LOCALE
from .builds import Builder, SaveOutcome
from .figures import printed_form, read_text
from .workspace import Conflict, Problem, located, version_of

MAX_UPLOAD_BYTES = 5 * 1024 * 1024  # a statistics office's sheet of figures is a few kilobytes
MAX_UNPACKED_BYTES = 50 * 1024 * 1024  # an .xlsx is a zip: refuse a zip bomb before openpyxl opens it
MAX_ZIP_MEMBERS = 2000
SUFFIXES = (".csv", ".xlsx")
KEPT_PLANS = 20


@dataclass(frozen=True)
class PlanRow:
    name: str
    label: str
    old: str
    new: str
    difference: str
    changed: bool  # the value changes
    confirmed: bool = False  # the value stays and is confirmed as this period's (güncel)


@dataclass
class Plan:
    token: str
    booklet: str
    sheet: str  # the uploaded file's name, as the editor knows it
    base_version: str  # of figures.yaml when the sheet was read
    path: Path | None = None  # the uploaded file, kept until confirmed or dropped
    readable: bool = False  # the dry run read every row
    rows: list[PlanRow] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def changes(self) -> int:
        """Figures the import would write: new values and values confirmed as current."""
        return sum(1 for r in self.rows if r.changed or r.confirmed)


def safe_sheet_name(name: str) -> str:
    """The uploaded file's own name, without any folder part, for messages."""
    base = Path(str(name).replace("\\", "/")).name.strip() or "sheet"
    return "".join(ch for ch in base if ch.isprintable())[:120]


def refuse_upload(name: str, data: bytes) -> str | None:
    """Why an upload cannot be a spreadsheet of figures (size, type, a zip bomb), or None."""
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        return _("figures come from a .csv or .xlsx file")
    if len(data) > MAX_UPLOAD_BYTES:
        return _("the file is larger than {limit} MB").format(limit=MAX_UPLOAD_BYTES // (1024 * 1024))
    if suffix == ".xlsx":
        ole = ole_problem(data)  # a password-protected or old workbook, in the command line's words
        if ole is not None:
            return ole[0]
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                members = archive.infolist()
        except (zipfile.BadZipFile, OSError, ValueError):
            return _("this .xlsx file is damaged or not an Excel workbook")
        if len(members) > MAX_ZIP_MEMBERS:
            return _("the workbook is made of {count} parts; the limit is {limit}").format(
                count=number(len(members)), limit=number(MAX_ZIP_MEMBERS)
            )
        if sum(m.file_size for m in members) > MAX_UNPACKED_BYTES:
            return _("this .xlsx file unpacks to more than {limit} MB").format(
                limit=MAX_UNPACKED_BYTES // (1024 * 1024)
            )
    return None


def _difference(old: Decimal | None, new: Decimal | None) -> str:
    from babel.numbers import format_decimal

    if old is None or new is None or old == new:
        return ""
    change = new - old
    return ("+" if change > 0 else "") + format_decimal(change, locale=LOCALE)


class Imports:
    """Dry runs waiting for a confirmation (their sheets kept under the studio's state)."""

    def __init__(self, builder: Builder):
        self.builder = builder
        self.workspace = builder.ws
        self.folder = self.workspace.state / "uploads"
        self._plans: OrderedDict[str, Plan] = OrderedDict()
        self._lock = threading.Lock()

    def dry_run(self, booklet_name: str, filename: str, data: bytes) -> Plan:
        booklet = self.workspace.booklet(booklet_name)
        sheet_name = safe_sheet_name(filename)
        before = read_bytes(booklet / FIGURES_FILE)
        plan = Plan(secrets.token_urlsafe(16), booklet_name, sheet_name, version_of(before))
        refused = refuse_upload(sheet_name, data)
        if refused:
            plan.problems = [located(sheet_name, 0, 0, refused)]
            return plan
        plan.path = self.folder / plan.token / sheet_name  # messages name the editor's own file
        plan.path.parent.mkdir(parents=True, exist_ok=True)
        plan.path.write_bytes(data)
        try:
            result = import_figures(booklet, plan.path, Report(), dry_run=True)
        except BookletError as exc:
            plan.problems = self.workspace.problems(exc.report)  # the sheet's rows are named in the message
            return self._drop(plan)
        plan.readable = True
        plan.rows = self._rows(booklet, before.decode("utf-8-sig"), result)
        plan.missing, plan.ignored = list(result.missing), list(result.ignored_columns)
        return self._keep(plan) if plan.changes else self._drop(plan)

    @staticmethod
    def _rows(booklet: Path, text: str, result: ImportResult) -> list[PlanRow]:
        """Every figure: the changed ones first, then those confirmed, then the rest."""
        figures, _report, _positions = read_text(booklet / FIGURES_FILE, text, booklet)
        rows = []
        for name, figure in figures.items():
            new = result.updated.get(name, figure.value)
            rows.append(
                PlanRow(
                    name,
                    figure.label,
                    printed_form(figure.value, figure.kind),
                    printed_form(new, figure.kind),
                    _difference(figure.value, new),
                    name in result.updated,
                    name in result.confirmed and figure.stale,  # a tick on a current figure changes nothing
                )
            )
        rows.sort(key=lambda r: 0 if r.changed else 1 if r.confirmed else 2)
        return rows

    def _keep(self, plan: Plan) -> Plan:
        with self._lock:
            self._plans[plan.token] = plan
            while len(self._plans) > KEPT_PLANS:
                self._drop(self._plans.popitem(last=False)[1])
        return plan

    def _drop(self, plan: Plan) -> Plan:
        if plan.path is not None:
            shutil.rmtree(plan.path.parent, ignore_errors=True)
        return plan

    def plan(self, booklet_name: str, token: str) -> Plan | None:
        plan = self._plans.get(token)
        return plan if plan is not None and plan.booklet == booklet_name else None

    def confirm(self, booklet_name: str, token: str, page: str = "") -> SaveOutcome:
        """Import the sheet for real, if figures.yaml is still what the dry run read."""
        plan = self.plan(booklet_name, token)
        if plan is None or plan.path is None:
            raise KeyError(token)
        booklet = self.workspace.booklet(booklet_name)
        name = self.workspace.name_of(booklet / FIGURES_FILE)

        def stage(staging: Path) -> None:  # the staging copy mirrors the content folder
            import_figures(staging / booklet.relative_to(self.workspace.root), plan.path, Report())

        def write() -> None:
            import_figures(booklet, plan.path, Report())

        outcome = self.builder.commit(booklet_name, {name: plan.base_version}, stage, write, page)
        if outcome.saved:
            with self._lock:
                self._plans.pop(token, None)
            self._drop(plan)
        return outcome

    def last_sheet(self, booklet_name: str) -> str:
        """The name of the spreadsheet whose import can be undone ("" when none can)."""
        last = last_import(self.workspace.booklet(booklet_name))
        return "" if last is None else (Path(last.sheet).name or "?")

    def undo(self, booklet_name: str, page: str = "") -> SaveOutcome:
        """Put back the figures.yaml of before the last import, the studio's or the command
        line's (``booklet figures import --undo``), unless it was edited since."""
        booklet = self.workspace.booklet(booklet_name)
        last = last_import(booklet)
        if last is None:
            raise KeyError(booklet_name)
        name = self.workspace.name_of(booklet / FIGURES_FILE)
        if not last.current:
            raise Conflict(name)

        def stage(staging: Path) -> None:
            target = staging / booklet.relative_to(self.workspace.root) / FIGURES_FILE
            target.unlink(missing_ok=True)
            target.write_bytes(last.before)

        version = self.workspace.version(name)
        return self.builder.commit(booklet_name, {name: version}, stage, lambda: undo_import(booklet), page)

"""Spreadsheet upload → the dry-run table of changes → confirm → undo.

The upload is read by ``figures import`` itself, run on a copy of figures.yaml in a temporary
folder: the table shows exactly what the command would write, and nothing in the content
changes until the editor confirms. Confirming saves through the workspace (version check,
staged build, draft on failure) and keeps the previous file so that one click undoes it.
"""

from __future__ import annotations

import io
import secrets
import shutil
import tempfile
import zipfile
from collections import OrderedDict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from ..content.load import FIGURES_FILE
from ..diagnostics import BookletError, Report
from ..i18n import _
from ..pdf.output import write_atomically
from ..spreadsheet import import_figures
from ..turkish import LOCALE
from .figures import printed_form, read_text
from .workspace import Conflict, Problem, SaveOutcome, Workspace, located, version_of

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
    changed: bool


@dataclass
class Plan:
    token: str
    booklet: str
    sheet: str  # the uploaded file's name, as the editor knows it
    base_version: str  # of figures.yaml when the sheet was read
    text: str | None  # figures.yaml after the import, or None when the sheet was refused
    rows: list[PlanRow] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def changes(self) -> int:
        return sum(1 for r in self.rows if r.changed)


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
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                members = archive.infolist()
        except (zipfile.BadZipFile, OSError, ValueError):
            return _("this .xlsx file is damaged or not an Excel workbook")
        if len(members) > MAX_ZIP_MEMBERS or sum(m.file_size for m in members) > MAX_UNPACKED_BYTES:
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
    """Dry runs waiting for a confirmation, and the previous figures.yaml for undo."""

    def __init__(self, workspace: Workspace):
        self.workspace = workspace
        self._plans: OrderedDict[str, Plan] = OrderedDict()

    def dry_run(self, booklet_name: str, filename: str, data: bytes) -> Plan:
        booklet = self.workspace.booklet(booklet_name)
        sheet_name = safe_sheet_name(filename)
        figures_path = booklet / FIGURES_FILE
        before = figures_path.read_bytes()
        plan = Plan(secrets.token_urlsafe(16), booklet_name, sheet_name, version_of(before), None)
        refused = refuse_upload(sheet_name, data)
        if refused:
            plan.problems = [located(sheet_name, 0, 0, refused)]
            return self._keep(plan)
        folder = Path(tempfile.mkdtemp(prefix="booklet-import-"))
        try:
            copy = folder / "booklet"
            copy.mkdir()
            (copy / FIGURES_FILE).write_bytes(before)
            sheet = folder / ("upload" + Path(sheet_name).suffix.lower())
            sheet.write_bytes(data)
            report = Report()
            try:
                result = import_figures(copy, sheet, report)
            except BookletError as exc:
                plan.problems = [
                    located(
                        sheet_name if Path(d.location.path) == sheet else FIGURES_FILE,
                        d.location.line,
                        0,
                        d.message,
                        d.hint,
                    )
                    for d in exc.report.diagnostics
                ]
                return self._keep(plan)
            plan.text = (copy / FIGURES_FILE).read_text(encoding="utf-8")
            plan.missing, plan.ignored = list(result.missing), list(result.ignored_columns)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        old, _r, _p = read_text(figures_path, before.decode("utf-8-sig"), booklet)
        new, _r, _p = read_text(figures_path, plan.text, booklet)
        for name, figure in new.items():
            was = old.get(name)
            plan.rows.append(
                PlanRow(
                    name,
                    figure.label,
                    printed_form(was.value, was.kind) if was else "—",
                    printed_form(figure.value, figure.kind),
                    _difference(was.value if was else None, figure.value),
                    was is None or was.value != figure.value or was.stale != figure.stale,
                )
            )
        plan.rows.sort(key=lambda r: not r.changed)
        return self._keep(plan)

    def _keep(self, plan: Plan) -> Plan:
        self._plans[plan.token] = plan
        while len(self._plans) > KEPT_PLANS:
            self._plans.popitem(last=False)
        return plan

    def plan(self, booklet_name: str, token: str) -> Plan | None:
        plan = self._plans.get(token)
        return plan if plan is not None and plan.booklet == booklet_name else None

    def _undo_path(self, booklet_name: str) -> Path:
        return self.workspace.state / "undo" / (version_of(booklet_name.encode()) + ".yaml")

    def confirm(self, booklet_name: str, token: str) -> SaveOutcome:
        """Write the dry run's figures.yaml, if figures.yaml is still what the dry run read."""
        plan = self.plan(booklet_name, token)
        if plan is None or plan.text is None:
            raise KeyError(token)
        booklet = self.workspace.booklet(booklet_name)
        name = self.workspace.name_of(booklet / FIGURES_FILE)
        previous = (booklet / FIGURES_FILE).read_bytes()
        outcome = self.workspace.save(booklet_name, {name: (plan.text, plan.base_version)})
        if outcome.saved:
            self._plans.pop(token, None)
            record = self._undo_path(booklet_name)
            write_atomically({record: previous, record.with_suffix(".version"): outcome.versions[name].encode()})
        return outcome

    def can_undo(self, booklet_name: str) -> bool:
        return self._undo_path(booklet_name).is_file()

    def undo(self, booklet_name: str) -> SaveOutcome:
        """Put back the figures.yaml of before the last confirmed import (unless edited since)."""
        record = self._undo_path(booklet_name)
        if not record.is_file():
            raise KeyError(booklet_name)
        booklet = self.workspace.booklet(booklet_name)
        name = self.workspace.name_of(booklet / FIGURES_FILE)
        written = record.with_suffix(".version").read_text()
        if self.workspace.version(name) != written:
            raise Conflict(name)
        outcome = self.workspace.save(booklet_name, {name: (record.read_text(encoding="utf-8"), written)})
        if outcome.saved:
            record.unlink(missing_ok=True)
            record.with_suffix(".version").unlink(missing_ok=True)
        return outcome

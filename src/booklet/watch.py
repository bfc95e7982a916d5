"""Rebuild on save: the editor's loop of typing, saving and looking.

The watcher builds in its own process, warm after the first build, so a rebuild after a
save takes about as long as the layout itself. A failed build prints its diagnostics and
leaves the last good PDF where it was.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from .build import build
from .diagnostics import BookletError, Report
from .pdf.targets import Target

DEBOUNCE = 0.12  # editors save as several events (temp file, rename); wait for the last
CHANGES = {"created", "modified", "moved", "deleted", "closed"}
WATCHED_SUFFIXES = {".yaml", ".yml", ".svg", ".png", ".jpg", ".jpeg", ".csv"}


@dataclass
class Rebuild:
    ok: bool
    seconds: float
    report: Report
    files: list[Path]


def watched_folders(booklet: Path) -> list[Path]:
    """The booklet folder and the shared prose folder it names, if any."""
    folders = [booklet.resolve()]
    try:
        meta = yaml.safe_load((booklet / "booklet.yaml").read_text(encoding="utf-8"))
        if isinstance(meta, dict) and isinstance(meta.get("prose"), str):
            prose = (booklet / meta["prose"]).resolve()
            if prose.is_dir():
                folders.append(prose)
    except (OSError, yaml.YAMLError):
        pass
    return folders


class Watcher(FileSystemEventHandler):
    def __init__(
        self,
        booklet: Path,
        out_dir: Path,
        targets: tuple[Target, ...],
        on_rebuild: Callable[[Rebuild], None],
        strict: bool = False,
    ):
        self.booklet, self.out_dir, self.targets = Path(booklet), Path(out_dir), targets
        self.on_rebuild, self.strict = on_rebuild, strict
        self.out_resolved = self.out_dir.resolve()
        self._timer: threading.Timer | None = None
        self._lock = threading.Lock()
        self.observer = Observer()

    def rebuild(self) -> Rebuild:
        from .images import load_picture
        from .layout.icons import load_icon

        load_icon.cache_clear()  # an icon or image may be what was just saved
        load_picture.cache_clear()
        start = time.perf_counter()
        report = Report(strict=self.strict)
        try:
            result = build(self.booklet, self.out_dir, report, self.targets)
            outcome = Rebuild(True, time.perf_counter() - start, report, [f.path for f in result.files])
        except BookletError as exc:
            outcome = Rebuild(False, time.perf_counter() - start, exc.report, [])
        self.on_rebuild(outcome)
        return outcome

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory or event.event_type not in CHANGES:  # reading a file is no change
            return
        paths = [Path(str(p)) for p in (event.src_path, getattr(event, "dest_path", "")) if p]
        relevant = [p for p in paths if p.suffix.lower() in WATCHED_SUFFIXES and not p.name.startswith(".")]
        if not relevant or all(p.resolve().is_relative_to(self.out_resolved) for p in relevant):
            return
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
            self._timer = threading.Timer(DEBOUNCE, self._fire)
            self._timer.daemon = True
            self._timer.start()

    def _fire(self) -> None:
        with self._lock:
            self._timer = None
        self.rebuild()

    def start(self) -> None:
        for folder in watched_folders(self.booklet):
            self.observer.schedule(self, str(folder), recursive=True)
        self.observer.start()

    def stop(self) -> None:
        self.observer.stop()
        self.observer.join(timeout=5)

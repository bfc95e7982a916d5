"""Rebuild on save: the editor's loop of typing, saving and looking.

The watcher builds in its own process, warm after the first build, so a rebuild after a
save takes about as long as the layout itself. A failed build prints its diagnostics and
leaves the last good PDF where it was.

Builds run one at a time on one builder thread, so an older build can never finish after
a newer one; a build overtaken by a save while it runs is discarded before it writes
anything, and the newer content is built instead. The watched folders are checked twice
a second: one that disappears (a ``git checkout``, a folder restored from a backup) is
watched again when it comes back, and the booklet is rebuilt.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from .build import Superseded, build
from .diagnostics import BookletError, Report
from .i18n import _
from .pdf.targets import Target

DEBOUNCE = 0.12  # editors save as several events (temp file, rename); wait for the last
CHECK_FOLDERS = 0.5  # seconds between checks that the watched folders are still there
CHANGES = {"created", "modified", "moved", "deleted", "closed"}
WATCHED_SUFFIXES = {".yaml", ".yml", ".svg", ".png", ".jpg", ".jpeg", ".csv", ".txt"}


@dataclass
class Rebuild:
    ok: bool
    seconds: float
    report: Report
    files: list[Path]
    superseded: bool = False  # a newer save came in while it ran: nothing was written


@dataclass
class _State:
    generation: int = 0  # bumped by every relevant change
    built: int = 0  # the generation the last finished build started from
    last_change: float = 0.0
    stopped: bool = False
    folders: dict[Path, tuple[int, int] | None] = field(default_factory=dict)  # folder → (device, inode)


def watched_folders(booklet: Path) -> list[Path]:
    """The booklet folder and the shared prose folder it names, if any."""
    import yaml

    from .content import source

    folders = [Path(booklet).resolve()]
    try:
        _src, node = source.load(Path(booklet) / "booklet.yaml")
    except BookletError:
        return folders
    for key, value in node.value if isinstance(node, yaml.MappingNode) else []:
        if getattr(key, "value", None) == "prose" and isinstance(value, yaml.ScalarNode):
            prose = (Path(booklet) / value.value).resolve()
            if prose.is_dir():
                folders.append(prose)
    return folders


def _identity(folder: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(folder)
    except OSError:
        return None
    return (info.st_dev, info.st_ino)


class Watcher(FileSystemEventHandler):
    def __init__(
        self,
        booklet: Path,
        out_dir: Path,
        targets: tuple[Target, ...],
        on_rebuild: Callable[[Rebuild], None],
        strict: bool = False,
        on_notice: Callable[[str], None] | None = None,
    ):
        self.booklet, self.out_dir, self.targets = Path(booklet), Path(out_dir), targets
        self.on_rebuild, self.strict = on_rebuild, strict
        self.on_notice = on_notice or (lambda message: None)
        self.out_resolved = self.out_dir.resolve()
        self._state = _State()
        self._wake = threading.Condition()
        self._building = threading.Lock()  # one build at a time, whoever asks
        self._thread: threading.Thread | None = None
        self.observer: Observer | None = None

    # -- building ----------------------------------------------------------------------------
    def rebuild(self, current: Callable[[], bool] | None = None) -> Rebuild:
        """Build now; with ``current``, a build it calls stale is discarded before writing."""
        from .images import load_picture
        from .layout.icons import load_icon

        with self._building:
            load_icon.cache_clear()  # an icon or image may be what was just saved
            load_picture.cache_clear()
            start = time.perf_counter()
            report = Report(strict=self.strict)
            try:
                result = build(self.booklet, self.out_dir, report, self.targets, current=current)
                outcome = Rebuild(True, time.perf_counter() - start, report, [f.path for f in result.files])
            except Superseded:
                return Rebuild(False, time.perf_counter() - start, report, [], superseded=True)
            except BookletError as exc:
                outcome = Rebuild(False, time.perf_counter() - start, exc.report, [])
            except Exception as exc:  # noqa: BLE001 - the watcher must survive a bug or a full disk
                report.error_from_exception(self.booklet, exc)
                outcome = Rebuild(False, time.perf_counter() - start, report, [])
        self.on_rebuild(outcome)
        return outcome

    def _loop(self) -> None:
        state = self._state
        while True:
            with self._wake:
                if state.built == state.generation and not state.stopped:
                    self._wake.wait(CHECK_FOLDERS)
                pending, stopped = state.built != state.generation, state.stopped
            if stopped:
                return
            if not pending:
                self._check_folders()  # outside the lock: it may wait for the old observer
                continue
            with self._wake:
                while (quiet := time.monotonic() - state.last_change) < DEBOUNCE and not state.stopped:
                    self._wake.wait(DEBOUNCE - quiet)
                generation = state.generation
            self.rebuild(current=lambda g=generation: state.generation == g and not state.stopped)
            with self._wake:
                state.built = max(state.built, generation)

    def changed(self) -> None:
        """Something the booklet is made of changed: build again once the saving is over."""
        with self._wake:
            self._state.generation += 1
            self._state.last_change = time.monotonic()
            self._wake.notify_all()

    # -- watching ----------------------------------------------------------------------------
    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type not in CHANGES:  # reading a file is no change
            return
        if event.is_directory:
            if event.event_type in ("deleted", "moved", "created"):
                self.changed()  # a whole folder of images or sections came or went
            return
        paths = [Path(os.fsdecode(p)) for p in (event.src_path, getattr(event, "dest_path", "")) if p]
        relevant = [p for p in paths if p.suffix.lower() in WATCHED_SUFFIXES and not p.name.startswith(".")]
        if not relevant or all(p.resolve().is_relative_to(self.out_resolved) for p in relevant):
            return
        self.changed()

    def _check_folders(self) -> None:
        """Watch again any folder that was replaced, or that disappeared and came back."""
        state = self._state
        folders = set(state.folders) | set(watched_folders(self.booklet))
        wanted = {folder: _identity(folder) for folder in sorted(folders)}
        if wanted == state.folders:
            return
        back = False
        for folder, identity in wanted.items():
            before = state.folders.get(folder)
            if identity is None and before is not None:
                self.on_notice(_("{folder} has disappeared; watching for it to come back").format(folder=folder))
            elif identity is not None and identity != before:
                back = True
                if before is None and folder in state.folders:
                    self.on_notice(_("{folder} is back; watching it again").format(folder=folder))
        self._schedule(wanted)
        if back:
            self.changed()  # what came back (or was replaced) is built

    def _schedule(self, wanted: dict[Path, tuple[int, int] | None]) -> None:
        old, self.observer = self.observer, Observer()
        if old is not None:
            with contextlib.suppress(Exception):
                old.stop()
                old.join(timeout=2)
        for folder, identity in wanted.items():
            if identity is not None:
                with contextlib.suppress(OSError):
                    self.observer.schedule(self, str(folder), recursive=True)
        self.observer.daemon = True
        self.observer.start()
        self._state.folders = wanted

    def start(self) -> None:
        self._schedule({folder: _identity(folder) for folder in watched_folders(self.booklet)})
        self._thread = threading.Thread(target=self._loop, name="booklet-watch", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        with self._wake:
            self._state.stopped = True
            self._wake.notify_all()
        if self.observer is not None:
            self.observer.stop()
            self.observer.join(timeout=5)
        if self._thread is not None:
            self._thread.join(timeout=10)

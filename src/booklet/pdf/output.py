"""Putting a build's files in place all together, or not at all.

A build writes several files (the screen and the print PDF) that must come from the same
content. Every file is first written and synced next to its target; only then are they
renamed into place, one after the other, under a lock on the output folder so that two
builds into the same folder cannot interleave. If any rename fails, the files already
replaced get their previous version back, so the folder holds either the whole old set
or the whole new one — never a screen file from one build and a print file from another.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from ..diagnostics import BookletError, Location, os_reason
from ..i18n import _


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def temporary_prefix(target: Path, pid: int | None = None) -> str:
    """Temporary files are named after the target and the process, so a parent that had
    to kill a worker can remove exactly what that worker left."""
    return f".{target.name}.{pid or os.getpid()}."


def write_atomically(files: dict[Path, bytes]) -> None:
    """Write every file next to its target, then rename them all into place, or none."""
    staged: list[tuple[Path, Path]] = []  # (temporary, target)
    current: Path | None = None
    made = [folder for folder in dict.fromkeys(t.parent for t in files) if not folder.exists()]
    done = False
    try:
        for target in files:
            current = target
            _refuse_folder(target)
        for target, data in files.items():
            current = target
            staged.append((_stage(target, data), target))
        current = None
        with _folder_lock({target.parent for target in files}):
            _replace_all(staged)
        done = True
    except OSError as exc:
        failed = Path(exc.filename) if isinstance(exc.filename, str) else None
        raise _write_error(failed if failed in files else current, exc) from None
    finally:
        for tmp, _target in staged:
            tmp.unlink(missing_ok=True)
        if not done:  # a folder made for files that never came (``.booklet-undo`` on a full disk)
            for folder in reversed(made):
                with contextlib.suppress(OSError):
                    folder.rmdir()


def _refuse_folder(target: Path) -> None:
    if target.is_dir():
        raise BookletError.single(
            Location(target),
            _("cannot write the file: a folder of that name is in the way"),
            _("move or rename the folder; no file was replaced"),
        )


def _stage(target: Path, data: bytes) -> Path:
    """The data in a synced temporary file in the target's folder (so the rename is atomic)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=temporary_prefix(target), suffix=".part", dir=target.parent)
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a PDF is for sharing
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def _replace_all(staged: list[tuple[Path, Path]]) -> None:
    """Rename every temporary over its target; on any failure, restore what was replaced.

    The previous version of each target is kept as a hard link (a copy where links are not
    possible) until every rename has succeeded.
    """
    backups: list[tuple[Path, Path | None]] = []  # (target, its previous version or None)
    replaced: list[tuple[Path, Path | None]] = []
    try:
        for tmp, target in staged:
            try:
                backups.append((target, _keep_previous(target)))
                os.replace(tmp, target)
            except OSError as exc:
                exc.filename = str(target)
                raise
            replaced.append(backups[-1])
        replaced = []  # all in place: nothing to undo
    finally:
        _restore(replaced)  # after a failure or an interruption: the old set comes back
        for _target, previous in backups:
            if previous is not None:
                previous.unlink(missing_ok=True)


def _keep_previous(target: Path) -> Path | None:
    if not target.exists():
        return None
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".old", dir=target.parent)
    os.close(fd)
    keep = Path(name)
    try:
        keep.unlink()
        os.link(target, keep)
    except OSError:
        import shutil

        shutil.copy2(target, keep)
    return keep


def _restore(backups: list[tuple[Path, Path | None]]) -> None:
    for target, previous in reversed(backups):
        with contextlib.suppress(OSError):
            if previous is None:
                target.unlink(missing_ok=True)  # it did not exist before this build
            else:
                os.replace(previous, target)


@contextlib.contextmanager
def _folder_lock(folders: set[Path]) -> Iterator[None]:
    """An exclusive lock on each output folder while its files are replaced.

    The lock is taken on the folder itself (no lock file is left behind); where the file
    system cannot lock, the renames still happen, each one atomic.
    """
    handles = []
    try:
        for folder in sorted(folders):
            try:
                fd = os.open(folder, os.O_RDONLY)
            except OSError:
                continue
            handles.append(fd)
            with contextlib.suppress(OSError):
                fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        for fd in handles:
            with contextlib.suppress(OSError):
                fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)


def _write_error(target: Path | None, exc: OSError) -> BookletError:
    where = target or (Path(exc.filename) if isinstance(exc.filename, str) else Path("."))
    # while writing, a missing path is a folder that cannot be made
    reason = _("its folder cannot be created there") if exc.errno == errno.ENOENT else os_reason(exc)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        hint = _("free some space on the disk and run the command again; no file was replaced")
    else:
        hint = _("check that the output folder is writable and the disk has space; no file was replaced")
    return BookletError.single(Location(where), _("cannot write the file: {reason}").format(reason=reason), hint)

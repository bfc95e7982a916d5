"""New folders appear whole or not at all.

``new-period``, ``new-province`` and ``publish`` build their folder under a hidden name next to
the target and rename it into place only when everything is written; an error, a full disk or
Ctrl-C removes the half-made folder, so a second run starts clean.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .diagnostics import BookletError, Location, os_reason
from .i18n import _


def os_problem(exc: OSError) -> str:
    """An operating-system error in words an editor understands (no errno, no tuple)."""
    if isinstance(exc, shutil.Error) and exc.args and isinstance(exc.args[0], list) and exc.args[0]:
        _src, _dst, why = exc.args[0][0]  # copytree keeps only the text of each error
        number = re.match(r"\[Errno (\d+)\]", str(why))
        exc = OSError(int(number.group(1)) if number else None, "")
    return os_reason(exc)


@contextmanager
def staged_folder(target: Path) -> Iterator[Path]:
    """Yield an empty hidden folder next to ``target``; on success it becomes ``target``.

    Any failure (including KeyboardInterrupt) removes the staging folder and every parent
    folder this call created; an ``OSError`` becomes a located :class:`BookletError`.
    """
    target = Path(target)
    created = [p for p in reversed(target.parents) if not p.exists()]
    staging = target.with_name(f".{target.name}.partial")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(staging, ignore_errors=True)  # left by a run that was killed
        staging.mkdir()
        yield staging
        os.replace(staging, target)
    except BaseException as exc:
        shutil.rmtree(staging, ignore_errors=True)
        for folder in reversed(created):
            try:
                folder.rmdir()
            except OSError:
                break
        if isinstance(exc, OSError):
            raise BookletError.single(
                Location(target),
                _("could not create {target}: {problem}").format(target=target, problem=os_problem(exc)),
                _("nothing was left behind; free some space or fix the permissions and run the command again"),
            ) from None
        raise


def copy_tree(source: Path, target: Path, skip: tuple[str, ...] = ()) -> None:
    """Copy a booklet folder's files, leaving out hidden files, ``output`` and ``skip``."""
    ignore = shutil.ignore_patterns("output", ".*", "__pycache__", *skip)
    shutil.copytree(source, target, ignore=ignore, dirs_exist_ok=True, symlinks=False)

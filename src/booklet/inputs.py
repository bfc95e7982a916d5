"""Reading an input file with a bound on the work: only a regular file, only up to a size.

A content file, icon, image or word list is whatever sits at its path: a symlink to
/dev/zero, a named pipe, a folder that happens to be called ``figures.yaml``, a 4 GB paste.
The kind and size are checked on the opened file (so the answer cannot change between the
check and the read), the open never waits for a writer, and no more than the limit plus one
byte is ever read.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from .assets import shown
from .diagnostics import file_size
from .i18n import _


class InputProblem(Exception):
    """Why an input file cannot be read, in words for the editor (``message`` and ``hint``)."""

    def __init__(self, message: str, hint: str = "", too_big: bool = False):
        super().__init__(message)
        self.message, self.hint, self.too_big = message, hint, too_big


def _not_a_file(mode: int, name: str) -> InputProblem:
    if stat.S_ISDIR(mode):
        return InputProblem(
            _("'{name}' is a folder, not a file").format(name=name),
            _("rename or remove the folder and put the file there"),
        )
    if stat.S_ISFIFO(mode):
        kind = _("a named pipe")
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        kind = _("a device (such as /dev/zero)")
    elif stat.S_ISSOCK(mode):
        kind = _("a socket")
    else:
        kind = _("a special file")
    return InputProblem(
        _("'{name}' is {kind}, not a regular file").format(name=name, kind=kind),
        _("replace it (or the link pointing to it) with an ordinary file"),
    )


def too_big(name: str, size: int, limit: int) -> InputProblem:
    shown, most = file_size(size), file_size(limit)
    if size < limit * 1.1:  # 2,000,001 bytes is not "2.0 MB; the limit is 2 MB"
        shown, most = file_size(size, exact=True), file_size(limit, exact=True)
    return InputProblem(
        _("'{name}' is {size}; the limit for this kind of file is {limit}").format(name=name, size=shown, limit=most),
        _("check that it is the right file; content files are hand-written text and small pictures"),
        too_big=True,
    )


def read_input(path: Path, limit: int) -> bytes:
    """The bytes of ``path`` if it is a regular file of at most ``limit`` bytes.

    Raises :class:`InputProblem`; never blocks on a pipe and never reads past the limit.
    """
    path = Path(path)
    name = path.name
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise _os_problem(exc, path) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise _not_a_file(info.st_mode, name)
        if info.st_size > limit:
            raise too_big(name, info.st_size, limit)
        chunks, total = [], 0
        while total <= limit:  # the file may grow while it is read: stop one byte past the limit
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise too_big(name, total, limit)
        return b"".join(chunks)
    except OSError as exc:
        raise _os_problem(exc, path) from None
    finally:
        os.close(fd)


def _os_problem(exc: OSError, path: Path) -> InputProblem:
    if exc.errno == errno.ENOENT:
        return InputProblem(
            _("'{name}' not found").format(name=path.name),
            _("looked for it in {folders}; check the file name and where it is listed").format(
                folders=shown([path.parent])
            ),
        )
    if exc.errno in (errno.EACCES, errno.EPERM):
        return InputProblem(
            _("'{name}' cannot be read: permission denied").format(name=path.name),
            _("ask the owner of the file to make it readable"),
        )
    if exc.errno == errno.ELOOP:
        return InputProblem(
            _("'{name}' is a link that points to itself").format(name=path.name),
            _("replace the link with the file itself"),
        )
    if exc.errno == errno.EISDIR:
        return _not_a_file(stat.S_IFDIR, path.name)
    reason = exc.strerror or _("unknown reason")
    return InputProblem(_("'{name}' cannot be read: {reason}").format(name=path.name, reason=reason))

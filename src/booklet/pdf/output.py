"""Putting files in place so that a failed or interrupted build never leaves half a file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..diagnostics import BookletError, Location
from ..i18n import _


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomically(files: dict[Path, bytes]) -> None:
    """Write every file next to its target, then rename them all into place.

    Nothing is renamed until every file has been written and synced, so a build that fails
    writing the print file leaves the previous screen file in place too.
    """
    temporaries: list[tuple[str, Path]] = []
    target = None
    try:
        for target, data in files.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
            temporaries.append((tmp, target))
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a PDF is for sharing
        for tmp, target in temporaries:
            os.replace(tmp, target)
    except OSError as exc:
        raise BookletError.single(
            Location(target or Path(".")),
            _("cannot write the file: {exc}").format(exc=exc.strerror or exc),
            _("check that the output folder is writable and the disk has space; the previous file is unchanged"),
        ) from None
    finally:
        for tmp, _target in temporaries:
            Path(tmp).unlink(missing_ok=True)

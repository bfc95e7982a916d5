"""Every path a request names is confined to the content folder: no traversal, no symlink escape.

A request never carries an absolute path; it names a file relative to the content folder,
and the path is resolved (following every symlink) before it is compared with the folder.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

EDITABLE_SUFFIXES = (".yaml", ".yml", ".txt")


class OutsideContent(Exception):
    """A request named a path that is not inside the content folder (or not allowed there)."""


def inside(root: Path, relative: str) -> Path:
    """``relative`` (a posix path from the browser) as a path inside ``root``, or OutsideContent.

    Refused before touching the disk: NUL bytes, backslashes, absolute paths, drive letters,
    ``..`` parts; after resolving every symlink, anything that is not below ``root``.
    """
    if not isinstance(relative, str) or "\x00" in relative or "\\" in relative or ":" in relative:
        raise OutsideContent(relative)
    root = root.resolve()
    if relative in ("", "."):
        return root
    pure = PurePosixPath(relative)
    if pure.is_absolute() or ".." in pure.parts:
        raise OutsideContent(relative)
    try:
        candidate = (root / pure).resolve()
    except (OSError, RuntimeError):  # a link that points to itself: no file the editor can open
        raise OutsideContent(relative) from None
    if candidate != root and not candidate.is_relative_to(root):
        raise OutsideContent(relative)
    return candidate


def relative_name(root: Path, path: Path) -> str:
    """How a path inside the content folder is named to the browser (posix, relative).

    By its place in the folder, as the editor sees it: a ``figures.yaml`` that is a link to
    ``/dev/zero``, or a link to itself, is still ``elazig/2024-2/figures.yaml`` (resolving it
    went outside the folder, or round in a loop, and the page failed)."""
    path = Path(path)
    placed = Path(os.path.abspath(path))  # ``..`` folded, links not followed
    for base in dict.fromkeys((Path(os.path.abspath(root)), _resolved(root))):
        if base is not None and placed.is_relative_to(base):
            relative = placed.relative_to(base)
            return "." if relative == Path() else relative.as_posix()
    resolved, base = _resolved(path), _resolved(root)
    if resolved is None or base is None:
        raise ValueError(f"{path} is not inside {root}")
    if resolved == base:
        return "."
    return resolved.relative_to(base).as_posix()


def _resolved(path: Path) -> Path | None:
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError):  # a link loop
        return None


def editable(root: Path, relative: str) -> Path:
    """A content file the editor may open and save: a YAML or text file inside the folder."""
    path = inside(root, relative)
    if path.suffix.lower() not in EDITABLE_SUFFIXES or any(part.startswith(".") for part in Path(relative).parts):
        raise OutsideContent(relative)
    if path.exists() and not path.is_file():
        raise OutsideContent(relative)
    return path

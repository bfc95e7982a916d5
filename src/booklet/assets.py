"""Where the vendored fonts and icons are, installed or in a checkout."""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def assets_dir() -> Path:
    """``booklet/assets`` inside an installed wheel, else the repository's ``assets/``."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "assets", here.parent.parent / "assets"):
        if (candidate / "fonts").is_dir():
            return candidate
    raise FileNotFoundError("booklet's assets folder (fonts, icons) is missing; reinstall booklet")


def icon_path(name: str, roots: tuple[Path, ...]) -> Path | None:
    """A booklet (or its shared prose) may bring icons in ``icons/``; else the shipped set is used."""
    for folder in (*(root / "icons" for root in roots), assets_dir() / "icons"):
        path = folder / f"{name}.svg"
        if path.exists():  # whatever is there (a folder, a pipe) is named by the icon reader
            return path
    return None

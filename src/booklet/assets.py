"""Where the fonts and icons come from: the booklet's own folders, its checkout, the installed copy.

A booklet built from a checkout of the repository uses that checkout's ``assets/`` (the
nearest folder above the booklet that holds ``assets/fonts`` or ``assets/icons``), so that
an icon added or a font replaced there takes effect even when booklet was installed with
``pip install .``; otherwise the copy installed with booklet is used. Icons are looked for
first in the booklet's own ``icons/`` and in its shared prose's ``icons/``. The ICC profile
and the spelling dictionary are reference data and always come from the installed copy.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path


@cache
def assets_dir() -> Path:
    """The installed copy: ``booklet/assets`` inside a wheel, or the repository's ``assets/``
    when booklet runs from its source tree (an editable install)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "assets", here.parent.parent / "assets"):
        if (candidate / "fonts").is_dir():
            return candidate
    raise FileNotFoundError("booklet's assets folder (fonts, icons) is missing; reinstall booklet")


def checkout_assets(start: Path) -> Path | None:
    """The ``assets/`` of the checkout that holds ``start`` (a booklet folder), if there is one."""
    folder = Path(start).resolve()
    for candidate in (folder, *folder.parents):
        assets = candidate / "assets"
        if (assets / "fonts").is_dir() or (assets / "icons").is_dir():
            return assets
    return None


def asset_folders(kind: str, booklet: Path | None) -> list[Path]:
    """The shared folders of one kind of asset (``icons``, ``fonts``), in the order they are used."""
    folders = []
    checkout = checkout_assets(booklet) if booklet is not None else None
    if checkout is not None and (checkout / kind).is_dir():
        folders.append(checkout / kind)
    folders.append(assets_dir() / kind)
    return _distinct(folders)


_ICON_FOLDERS: dict[tuple[Path, ...], list[Path]] = {}


def icon_folders(roots: tuple[Path, ...]) -> list[Path]:
    """Where an icon is looked for: the booklet's ``icons/``, its prose's, then the shared ones.

    Worked out once per build (a booklet has some 80 icons, and each lookup would resolve the
    same folders again); :func:`forget_folders` starts each build afresh, so a folder made or
    removed while ``watch`` or the studio runs is seen by the next build."""
    folders = _ICON_FOLDERS.get(roots)
    if folders is None:
        own = [root / "icons" for root in roots]
        folders = _ICON_FOLDERS[roots] = _distinct(own + asset_folders("icons", roots[0] if roots else None))
    return folders


def forget_folders() -> None:
    """Called when a booklet is loaded: the next lookups look at the disk again."""
    _ICON_FOLDERS.clear()


def icon_path(name: str, roots: tuple[Path, ...]) -> Path | None:
    """A booklet (or its shared prose) may bring icons in ``icons/``; else the shared set is used."""
    for folder in icon_folders(roots):
        path = folder / f"{name}.svg"
        if path.exists():  # whatever is there (a folder, a pipe) is named by the icon reader
            return path
    return None


def fonts_folder(booklet: Path | None) -> Path:
    """The folder of the fonts a booklet is set in: its checkout's, else the installed ones."""
    return asset_folders("fonts", booklet)[0]


def shown(folders: list[Path]) -> str:
    """Folders as a message lists them: below the current folder relative to it, else in full."""
    names = []
    for folder in folders:
        try:
            relative = os.path.relpath(folder)
        except ValueError:  # another drive
            relative = str(folder)
        inside = relative != os.pardir and not relative.startswith(os.pardir + os.sep)
        names.append((relative if inside else str(Path(folder).resolve())).rstrip("/") + "/")
    return ", ".join(names)


def _distinct(folders: list[Path]) -> list[Path]:
    seen: dict[Path, Path] = {}
    for folder in folders:
        seen.setdefault(folder.resolve(), folder)
    return list(seen.values())

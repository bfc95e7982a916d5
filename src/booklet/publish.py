"""Published editions stay as printed.

``booklet publish`` freezes an edition: a ``published/`` folder inside the edition holds a
copy of the shared prose as it was (prose.yaml, theme, sections, images, and every icon
the booklet drew, including the shipped ones), the PDF files exactly as they were handed
over, and ``manifest.yaml`` with the checksum of every file the PDFs were made from. From
then on:

- the edition builds from ``published/prose``, so editing the shared prose for the next
  period never changes an edition that is already printed;
- a change to the edition's own files (booklet.yaml, figures.yaml, its icons and images)
  is an error at that file, until ``booklet publish --reopen``;
- a build that sets the edition differently from the published file (a newer booklet with
  different line breaking, say) writes the published file, byte for byte, and says so.

A folder, not a content-addressed store: an editor sees what was printed next to what it was
made from, and git (or a plain copy of the folder) keeps it.
"""

from __future__ import annotations

import datetime
import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import __version__
from .diagnostics import BookletError, Location, Report
from .i18n import _
from .staging import copy_tree, staged_folder

SNAPSHOT_DIR = "published"
MANIFEST = "manifest.yaml"
SKIPPED = ("output", SNAPSHOT_DIR, "__pycache__")


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def own_files(booklet: Path) -> dict[str, str]:
    """Every file of the edition folder itself (not hidden, not output/ or published/), hashed."""
    found = {}
    for path in sorted(Path(booklet).rglob("*")):
        rel = path.relative_to(booklet)
        if rel.parts[0] in SKIPPED or any(part.startswith(".") for part in rel.parts):
            continue
        if path.is_file():
            found[rel.as_posix()] = _sha256(path)
    return found


@dataclass(frozen=True)
class Manifest:
    published: str
    version: str
    own: dict[str, str]
    files: dict[str, dict]  # target name → {file, sha256, bleed_mm, marks}

    @classmethod
    def read(cls, booklet: Path) -> Manifest | None:
        path = Path(booklet) / SNAPSHOT_DIR / MANIFEST
        if not path.is_file():
            return None
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            return cls(str(data["published"]), str(data["version"]), dict(data["own"]), dict(data["files"]))
        except (yaml.YAMLError, KeyError, TypeError, ValueError, OSError):
            raise BookletError.single(
                Location(path),
                _("the record of this published edition is damaged"),
                _("restore published/ from your copy or from git, or run 'booklet publish --reopen'"),
            ) from None


def is_published(booklet: Path) -> bool:
    return (Path(booklet) / SNAPSHOT_DIR / MANIFEST).is_file()


def published_prose(booklet: Path) -> Path | None:
    """The frozen copy of the shared prose a published edition builds from."""
    folder = Path(booklet) / SNAPSHOT_DIR / "prose"
    return folder if is_published(booklet) else None


def check_unchanged(booklet: Path, report: Report) -> None:
    """A published edition's own files are as they were published; each change is an error."""
    manifest = Manifest.read(booklet)
    if manifest is None:
        return
    now = own_files(booklet)
    hint = _("undo the change, or run 'booklet publish --reopen {booklet}' to change a published edition").format(
        booklet=booklet
    )
    for name in sorted(set(manifest.own) | set(now)):
        before, after = manifest.own.get(name), now.get(name)
        if before == after:
            continue
        if after is None:
            message = _("{file} was removed, but this edition was published on {date}")
        elif before is None:
            message = _("{file} was added, but this edition was published on {date}")
        else:
            message = _("{file} has changed since this edition was published on {date}")
        report.error(Location(Path(booklet) / name), message.format(file=name, date=manifest.published[:10]), hint)


def refuse_if_published(booklet: Path, file: str) -> None:
    """Commands that would change a published edition stop before writing anything."""
    manifest = Manifest.read(booklet)
    if manifest is not None:
        raise BookletError.single(
            Location(Path(booklet) / file),
            _("this edition was published on {date}; its files can no longer change").format(
                date=manifest.published[:10]
            ),
            _("start the next period with 'booklet new-period', or run 'booklet publish --reopen {booklet}'").format(
                booklet=booklet
            ),
        )


def as_published(booklet: Path, target_name: str, bleed_mm: float, marks: bool, data: bytes) -> tuple[bytes, bool]:
    """The bytes to write for a published edition's target: the rebuilt file when it is the
    published one, else the published file itself. The flag says the published file was used."""
    manifest = Manifest.read(booklet)
    if manifest is None or target_name not in manifest.files:
        return data, False
    entry = manifest.files[target_name]
    same_options = target_name == "screen" or (
        abs(float(entry.get("bleed_mm", 0)) - bleed_mm) < 1e-9 and bool(entry.get("marks")) == marks
    )
    if not same_options or hashlib.sha256(data).hexdigest() == entry["sha256"]:
        return data, False
    archived = Path(booklet) / SNAPSHOT_DIR / entry["file"]
    if archived.is_file() and _sha256(archived) == entry["sha256"]:
        return archived.read_bytes(), True
    raise BookletError.single(
        Location(archived),
        _("the published file {file} is missing or damaged, and this booklet sets the edition differently").format(
            file=entry["file"]
        ),
        _("restore published/ from your copy or from git"),
    )


@dataclass(frozen=True)
class Published:
    folder: Path
    files: list[Path]
    inputs: int


def publish(booklet: Path, out_dir: Path, report: Report, bleed_mm: float = 3.0, marks: bool = True) -> Published:
    """Build the edition strictly (no warnings allowed), then freeze it next to its files."""
    from .assets import asset_folders
    from .build import build, targets_for
    from .content.load import load_booklet, used_icons

    booklet = Path(booklet)
    manifest = Manifest.read(booklet)
    if manifest is not None:
        raise BookletError.single(
            Location(booklet / SNAPSHOT_DIR / MANIFEST),
            _("this edition was already published on {date}").format(date=manifest.published[:10]),
            _("run 'booklet publish --reopen {booklet}' first to publish it again").format(booklet=booklet),
        )
    report.strict = True  # a published booklet has no stale figure and no open warning
    loaded = load_booklet(booklet, Report(strict=True))
    if loaded.prose is None:
        raise BookletError.single(
            Location(booklet / "booklet.yaml"),
            _("this booklet has no shared prose; its folder already holds everything it is made from"),
            _("keep the folder (and the PDF) as it is; publish is for booklets with 'prose:'"),
        )
    result = build(booklet, out_dir, report, targets_for("all", bleed_mm, marks))
    shipped_icons = {folder.resolve() for folder in asset_folders("icons", booklet)}  # checkout's, installed
    files: dict[str, dict] = {}
    with staged_folder(booklet / SNAPSHOT_DIR) as staging:
        copy_tree(loaded.prose, staging / "prose")
        for icon in used_icons(loaded):
            if icon.parent.resolve() in shipped_icons:  # the shipped icon as it was drawn
                (staging / "prose" / "icons").mkdir(exist_ok=True)
                target = staging / "prose" / "icons" / icon.name
                if not target.exists():
                    shutil.copyfile(icon, target)
        for written in result.files:
            shutil.copyfile(written.path, staging / written.path.name)
            entry = {"file": written.path.name, "sha256": _sha256(written.path)}
            if written.target.cmyk:
                entry |= {"bleed_mm": bleed_mm, "marks": marks}
            files[written.target.name] = entry
        record = {
            "published": datetime.datetime.now(datetime.UTC).replace(microsecond=0).isoformat(),
            "version": __version__,
            "own": own_files(booklet),
            "files": files,
        }
        text = "# Bu baskı yayımlandı: buradaki prose/ ile basılır; dosyaları artık değişemez.\n"
        (staging / MANIFEST).write_text(text + yaml.safe_dump(record, allow_unicode=True), encoding="utf-8")
        inputs = len(record["own"]) + sum(1 for p in (staging / "prose").rglob("*") if p.is_file())
    return Published(booklet / SNAPSHOT_DIR, [w.path for w in result.files], inputs)


def reopen(booklet: Path) -> Path:
    """Lift the freeze: the edition builds from the current shared prose again."""
    folder = Path(booklet) / SNAPSHOT_DIR
    if not is_published(booklet):
        raise BookletError.single(Location(booklet), _("this edition is not published"))
    aside = folder.with_name(f".{SNAPSHOT_DIR}.removed")
    shutil.rmtree(aside, ignore_errors=True)
    folder.rename(aside)
    shutil.rmtree(aside, ignore_errors=True)
    return folder

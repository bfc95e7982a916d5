"""Every case of tests/broken/cases.yaml gives exactly its located diagnostics, no traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from PIL import Image

from booklet.build import build, check
from booklet.diagnostics import BookletError, Report

from .conftest import CONTENT_ROOT

BOOKLET = "elazig/2024-2"

CASES = yaml.safe_load((Path(__file__).parent / "broken" / "cases.yaml").read_text(encoding="utf-8"))


def apply(root: Path, step: dict) -> None:
    ((action, args),) = step.items()
    path = root / args["file"]
    if action == "edit":
        text = path.read_text(encoding="utf-8")
        assert args["find"] in text, args["find"]
        path.write_text(text.replace(args["find"], args["replace"], 1), encoding="utf-8")
    elif action == "append":
        path.write_text(path.read_text(encoding="utf-8") + args["text"], encoding="utf-8")
    elif action == "write":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(args["text"], encoding="utf-8")
    elif action == "delete":
        path.unlink()
    elif action == "bytes":
        path.write_bytes(bytes.fromhex(args["hex"]))
    elif action == "make":
        path.parent.mkdir(parents=True, exist_ok=True)
        if args["kind"] == "bomb":
            Image.new("1", (20000, 10000)).save(path)  # 200 M pixels in a few kB
        elif args["kind"] == "big":
            path.write_text("# " + "x" * 3_000_000 + "\n", encoding="utf-8")
    else:
        raise AssertionError(action)


def diagnostics(root: Path, case: dict, out: Path) -> list[str]:
    """The diagnostics of checking (or building) elazig/2024-2, with paths relative to ``root``."""
    report = Report(strict=case.get("strict", False))
    booklet = root / BOOKLET
    try:
        if case.get("build"):
            build(booklet, out, report)
        else:
            check(booklet, report)
    except BookletError as exc:
        report = exc.report
    lines = []
    for d in report.diagnostics:
        location = str(d.location).replace(f"{root}/", "").replace(str(root), ".")
        lines.append(f"{location}: {d.level.value}: {d.message}")
    return lines


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_broken_booklet(case, tmp_path):
    root = tmp_path / "content"
    shutil.copytree(CONTENT_ROOT, root)
    for step in case["steps"]:
        apply(root, step)
    assert diagnostics(root, case, tmp_path / "out") == case["expect"]
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_corpus_is_large_enough():
    assert len(CASES) >= 30

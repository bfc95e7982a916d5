"""Every input file is opened only if it is a regular file within its size limit.

The corpus is generated here (sparse files, links to /dev/zero, named pipes): nothing large
is committed. Each case must end with a located message naming the file and what it is,
exit status 1, no traceback, within 500 MB and 5 s of CPU.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from booklet.content.source import read_source
from booklet.diagnostics import BookletError
from booklet.inputs import InputProblem, read_input

from .hostile import BOOKLET, assert_editor_words, corpus, edit, lines_for, run_limited

GIB = 2**30


def _replace(path: Path, make) -> None:
    path.unlink()
    make(path)


def _sparse(size: int):
    def make(path: Path) -> None:
        with open(path, "wb") as handle:
            handle.truncate(size)  # no disk space used

    return make


def _image_block(content: Path, file: str) -> None:
    edit(
        content / "prose/sections/07-yatirimlar.yaml",
        "blocks:\n",
        f"blocks:\n  - image:\n      file: {file}\n      caption: Hizmet binası\n      alt: Hizmet binasının önden görünüşü\n",
    )


def _icon(content: Path, make) -> None:
    icons = content / BOOKLET / "icons"
    icons.mkdir()
    make(icons / "aile.svg")


CASES = {
    # name: (how to break the copy, the file named, what it must say)
    "figures-dev-zero": (
        lambda c: _replace(c / BOOKLET / "figures.yaml", lambda p: p.symlink_to("/dev/zero")),
        "elazig/2024-2/figures.yaml",
        "'figures.yaml' is a device (such as /dev/zero), not a regular file",
    ),
    "figures-named-pipe": (
        lambda c: _replace(c / BOOKLET / "figures.yaml", os.mkfifo),
        "elazig/2024-2/figures.yaml",
        "'figures.yaml' is a named pipe, not a regular file",
    ),
    "figures-folder": (
        lambda c: _replace(c / BOOKLET / "figures.yaml", Path.mkdir),
        "elazig/2024-2/figures.yaml",
        "'figures.yaml' is a folder, not a file",
    ),
    "figures-4-gb": (
        lambda c: _replace(c / BOOKLET / "figures.yaml", _sparse(4 * GIB)),
        "elazig/2024-2/figures.yaml",
        "'figures.yaml' is 4.3 GB; the limit for this kind of file is 2 MB",
    ),
    "figures-link-loop": (
        lambda c: _replace(c / BOOKLET / "figures.yaml", lambda p: p.symlink_to(p.name)),
        "elazig/2024-2/figures.yaml",
        "'figures.yaml' is a link that points to itself",
    ),
    "booklet-yaml-dev-zero": (
        lambda c: _replace(c / BOOKLET / "booklet.yaml", lambda p: p.symlink_to("/dev/zero")),
        "elazig/2024-2/booklet.yaml",
        "'booklet.yaml' is a device (such as /dev/zero), not a regular file",
    ),
    "prose-named-pipe": (
        lambda c: _replace(c / "prose/prose.yaml", os.mkfifo),
        "prose/prose.yaml",
        "'prose.yaml' is a named pipe, not a regular file",
    ),
    "section-dev-zero": (
        lambda c: _replace(c / "prose/sections/02-cocuk.yaml", lambda p: p.symlink_to("/dev/zero")),
        "prose/prose.yaml",  # the link leads out of the booklet: refused before it is opened
        "section file 'sections/02-cocuk.yaml' is outside the booklet folder",
    ),
    "theme-one-byte-over": (
        lambda c: _replace(c / "prose/theme.yaml", lambda p: p.write_bytes(b"#" * 2_000_001)),
        "prose/theme.yaml",
        "'theme.yaml' is 2,000,001 bytes; the limit for this kind of file is 2,000,000 bytes",
    ),
    "icon-dev-zero": (
        lambda c: _icon(c, lambda p: p.symlink_to("/dev/zero")),
        "elazig/2024-2/icons/aile.svg",
        "'aile.svg' is a device (such as /dev/zero), not a regular file",
    ),
    "icon-named-pipe": (
        lambda c: _icon(c, os.mkfifo),
        "elazig/2024-2/icons/aile.svg",
        "'aile.svg' is a named pipe, not a regular file",
    ),
    "icon-3-gb": (
        lambda c: _icon(c, _sparse(3 * GIB)),
        "elazig/2024-2/icons/aile.svg",
        "'aile.svg' is 3.2 GB; the limit for this kind of file is 1 MB",
    ),
    "icon-entity-bomb": (
        lambda c: _icon(
            c,
            lambda p: p.write_text(
                '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">'
                + "".join(f'<!ENTITY {n} "{("&" + m + ";") * 10}">' for m, n in zip("abcdefgh", "bcdefghi"))
                + ']><svg viewBox="0 0 48 48"><title>&i;</title></svg>'
            ),
        ),
        "elazig/2024-2/icons/aile.svg",
        "icon is not valid SVG/XML",
    ),
    "image-named-pipe": (
        lambda c: (
            _image_block(c, "images/bina.jpg"),
            (c / "prose/images").mkdir(),
            os.mkfifo(c / "prose/images/bina.jpg"),
        ),
        "prose/sections/07-yatirimlar.yaml",
        "'bina.jpg' is a named pipe, not a regular file",
    ),
    "image-dev-zero": (
        lambda c: (
            _image_block(c, "images/bina.jpg"),
            (c / "prose/images").mkdir(),
            (c / "prose/images/bina.jpg").symlink_to("/dev/zero"),
        ),
        "prose/sections/07-yatirimlar.yaml",
        "image path 'images/bina.jpg' leads outside the booklet folder",
    ),
    "image-5-gb": (
        lambda c: (
            _image_block(c, "images/bina.jpg"),
            (c / "prose/images").mkdir(),
            _sparse(5 * GIB)(c / "prose/images/bina.jpg"),
        ),
        "prose/sections/07-yatirimlar.yaml",
        "'bina.jpg' is 5.4 GB; the limit for this kind of file is 60 MB",
    ),
    "image-folder": (
        lambda c: (_image_block(c, "images/bina.jpg"), (c / "prose/images/bina.jpg").mkdir(parents=True)),
        "prose/sections/07-yatirimlar.yaml",
        "'bina.jpg' is a folder, not a file",
    ),
}


@pytest.fixture(scope="module")
def checked(tmp_path_factory):
    """Every case checked in one child process under the limits (``booklet check`` goes
    through each booklet below the folder it is given)."""
    root = tmp_path_factory.mktemp("hostile-inputs")
    folders = corpus(root, {name: breaker for name, (breaker, _file, _message) in CASES.items()})
    result = run_limited("check", root)
    return result, folders


def test_the_whole_corpus_ends_with_errors_and_no_traceback(checked):
    result, _folders = checked
    assert result.returncode == 1
    assert_editor_words(result.stdout + result.stderr)


@pytest.mark.parametrize("name", CASES)
def test_each_hostile_file_is_named_at_its_place(checked, name):
    result, folders = checked
    _breaker, file, message = CASES[name]
    lines = lines_for(result.stderr, folders[name])
    assert lines, result.stderr
    first = lines[0]
    assert first.startswith(f"{folders[name] / file}"), first
    assert ": error: " in first and message in first, first


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda p: p.symlink_to("/dev/zero"), "is a device"),
        (os.mkfifo, "is a named pipe"),
        (Path.mkdir, "is a folder"),
        (_sparse(GIB), "is 1.1 GB"),
    ],
)
def test_read_input_checks_the_open_file_before_reading(tmp_path, make, expected):
    path = tmp_path / "x.yaml"
    make(path)
    with pytest.raises(InputProblem) as info:
        read_input(path, 1000)
    assert expected in info.value.message


def test_a_file_that_grows_while_it_is_read_is_stopped_at_the_limit(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_bytes(b"a: 1\n" * 10)
    assert read_input(path, 50) == b"a: 1\n" * 10
    with pytest.raises(InputProblem):
        read_input(path, 49)


def test_a_missing_content_file_is_named(tmp_path):
    with pytest.raises(BookletError) as info:
        read_source(tmp_path / "figures.yaml")
    assert "'figures.yaml' not found" in str(info.value)


@pytest.mark.parametrize(
    ("file", "make", "message"),
    [
        ("figures.yaml", lambda p: p.symlink_to("/dev/zero"), "'figures.yaml' is a device (such as /dev/zero)"),
        ("figures.yaml", os.mkfifo, "'figures.yaml' is a named pipe"),
    ],
)
def test_the_issue_cases_alone_exit_1_within_the_limits(tmp_path, file, make, message):
    """The two cases of the issue (MemoryError at 3.7 GB, a hang), each a build of its own."""
    (folder,) = corpus(tmp_path, {"case": lambda c: _replace(c / BOOKLET / file, make)}).values()
    out = tmp_path / "out"
    result = run_limited("build", folder / BOOKLET, "-o", out)
    assert result.returncode == 1
    assert f"{folder / BOOKLET / file}: error: {message}" in result.stderr
    assert_editor_words(result.stdout + result.stderr)
    assert not out.exists() or list(out.iterdir()) == []

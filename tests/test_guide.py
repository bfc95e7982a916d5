"""The editor's guide (docs/kilavuz.md): every command in its ```sh blocks runs as written.

The commands run in order, in a temporary folder holding a copy of the repository's
content/, the way an editor types them; each must exit 0, and the files the guide says
they write must be there afterwards."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import CONTENT_ROOT, ROOT

GUIDE = ROOT / "docs" / "kilavuz.md"
README = ROOT / "README.md"

# Lines that install software or run until Ctrl-C: shown to the editor, not run here.
NOT_RUN = (
    "pip install '.[spell,studio]'",
    "booklet --lang tr watch content/elazig/2024-2",
    "booklet studio content",
)

# What the guide says the commands leave behind, relative to the folder they run in.
PROMISED = (
    "cikti/elazig-2024-2.pdf",
    "cikti/elazig-2024-2-print.pdf",
    "cikti/elazig-2025-1.pdf",
    "cikti/elazig-2024-2-imposed.pdf",
    "matbaa/elazig-2024-2-package.zip",
    "content/elazig/2025-1/figures.yaml",
    "content/malatya/2024-2/figures.yaml",
    "content/elazig/2024-2/published",
    "rakamlar.xlsx",
    "assets/schemas/section.schema.json",
)


def commands(text: str) -> list[str]:
    lines = []
    for block in re.findall(r"^```sh\n(.*?)^```", text, flags=re.S | re.M):
        lines += [line.strip() for line in block.splitlines() if line.strip() and not line.startswith("#")]
    return lines


def test_the_readme_links_the_guide_before_the_quick_start():
    readme = README.read_text(encoding="utf-8")
    assert "](docs/kilavuz.md)" in readme
    assert readme.index("](docs/kilavuz.md)") < readme.index("## Quick start")


def test_the_guide_lists_every_command_it_does_not_run():
    found = commands(GUIDE.read_text(encoding="utf-8"))
    assert [line for line in found if line in NOT_RUN] == list(NOT_RUN)
    assert all(line.startswith("booklet ") for line in found if line not in NOT_RUN)


@pytest.mark.skipif(
    shutil.which("booklet") is None and not Path(sys.executable).with_name("booklet").exists(),
    reason="the booklet command is not installed",
)
def test_every_command_of_the_guide_runs_as_written(tmp_path):
    shutil.copytree(CONTENT_ROOT, tmp_path / "content")
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    env.pop("BOOKLET_LANG", None)
    for line in commands(GUIDE.read_text(encoding="utf-8")):
        if line in NOT_RUN:
            continue
        result = subprocess.run(shlex.split(line), cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, f"{line}\n{result.stdout}\n{result.stderr}"
        assert "Traceback" not in result.stderr, line
    for path in PROMISED:
        assert (tmp_path / path).exists(), path


@pytest.mark.parametrize("path", [GUIDE, ROOT / "assets" / "icons" / "README.md"], ids=["kilavuz", "icons"])
def test_the_guides_for_editors_are_written_in_turkish(path):
    from .test_i18n import english_words

    text = re.sub(r"^```.*?^```", " ", path.read_text(encoding="utf-8"), flags=re.S | re.M)  # code as written
    text = re.sub(r"\]\([^)]*\)", "]", text)  # link targets
    text = text.replace("(English: [README_en.md]", "")
    assert english_words(text) == set()

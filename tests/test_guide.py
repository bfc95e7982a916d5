"""The editor's guide (docs/kilavuz.md) runs as written.

Every line of the guide's ```sh blocks is run, in the guide's order, from a temporary folder
holding a copy of the repository's content/ (the guide's commands are written to run from the
repository root), with ``booklet`` being this interpreter's ``python -m booklet`` and a Turkish
locale, as an editor's machine has. A line marked ``# hata verir`` must exit 1, every other
line 0. A file the guide shows under ``<!-- dosya: NAME -->`` (the statistics office's
spreadsheet) is written where the guide brings it in. A plain ``` block right after a ```sh
block is what its last command prints: each of its lines must be printed (``…`` stands for
text left out). Every ``output/…`` file the guide names must exist at the end, and the PDFs say
what the guide says they say.

The error examples (``<!-- denetim: NAME -->``) are what ``booklet check`` prints on a copy
broken as the guide describes; the second test breaks a copy so and compares.

Only the lines in NOT_RUN are not run, each for its reason; a ```sh line that is neither run
nor listed there fails the test.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pytest

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "kilavuz.md"
ICON_GUIDE = ROOT / "assets" / "icons" / "README.md"

NOT_RUN = {
    "pip install .": "installs booklet; the test runs the booklet under test",
    "pip install '.[studio,spell]'": "installs extras; the test environment has them",
    "booklet watch content/elazig/2024-2": "runs until Ctrl-C (tests/test_watch.py covers it)",
    "booklet studio": "a web server that runs until Ctrl-C (tests/test_studio*.py cover it)",
}
FAILS = "# hata verir"
# output/… names in the guide that are folders or patterns, not files a command writes
NOT_FILES = {"output/"}


@dataclass
class Step:
    kind: str  # "run" (a command line), "file" (write a file), "output" (a command's printed text)
    text: str
    name: str = ""
    line: int = 0


def read_guide(guide: Path = GUIDE) -> tuple[list[Step], dict[str, str]]:
    """The guide as steps in reading order, and its error examples by name."""
    steps: list[Step] = []
    examples: dict[str, str] = {}
    lines = guide.read_text(encoding="utf-8").splitlines()
    marker = None  # ("dosya" | "denetim", name) from the comment before a block
    last_block = None  # language of the block just closed, if only blank lines followed it
    i = 0
    while i < len(lines):
        line = lines[i]
        found = re.fullmatch(r"<!-- (dosya|denetim): (\S+) -->", line.strip())
        if found:
            marker = (found.group(1), found.group(2))
            i += 1
            continue
        fence = re.fullmatch(r"```(\w*)", line.strip())
        if not fence:
            if line.strip():
                last_block = None
            i += 1
            continue
        lang, start = fence.group(1), i + 1
        i += 1
        body = []
        while lines[i].strip() != "```":
            body.append(lines[i])
            i += 1
        i += 1
        text = "\n".join(body) + "\n"
        if marker and marker[0] == "dosya":
            steps.append(Step("file", text, marker[1], start))
        elif marker and marker[0] == "denetim":
            examples[marker[1]] = text
        elif lang == "sh":
            steps.extend(Step("run", b.strip(), line=start + n) for n, b in enumerate(body) if b.strip())
        elif lang == "" and last_block == "sh":
            steps.append(Step("output", text, line=start))
        marker = None
        last_block = lang
    return steps, examples


def run(line: str, cwd: Path) -> subprocess.CompletedProcess:
    words = shlex.split(line, comments=True)
    assert words[0] == "booklet", f"not a booklet command: {line}"
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANGUAGE")}
    env["LANG"] = "tr_TR.UTF-8"
    return subprocess.run(
        [sys.executable, "-m", "booklet", *words[1:]],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )


def printed(expected: str, actual: str) -> list[str]:
    """The lines of ``expected`` not found in ``actual`` (``…`` matches anything)."""
    seen = [a.rstrip() for a in actual.splitlines()]
    missing = []
    for want in expected.splitlines():
        want = want.rstrip()
        if not want or want.strip() == "…":
            continue
        if "arandı:" in want:  # the folders searched end with the installed copy's: not the guide's to say
            want = want[: want.index("arandı:") + len("arandı:")] + "…"
        head, dots, tail = want.partition("…")
        if not any(s.startswith(head) and s.endswith(tail) if dots else s == want for s in seen):
            missing.append(want)
    return missing


def pdf_text(path: Path) -> str:
    document = pdfium.PdfDocument(str(path))
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


@pytest.fixture
def repo_copy(tmp_path):
    shutil.copytree(ROOT / "content", tmp_path / "content")
    return tmp_path


def test_every_command_of_the_guide_runs_as_written(repo_copy):
    steps, _examples = read_guide()
    commands = [s for s in steps if s.kind == "run"]
    assert len(commands) >= 20
    for listed in NOT_RUN:
        assert listed in [s.text for s in commands], f"NOT_RUN names a line the guide no longer has: {listed}"
    result = None
    ran = 0
    for step in steps:
        where = f"docs/kilavuz.md:{step.line}"
        if step.kind == "file":
            (repo_copy / step.name).write_text(step.text, encoding="utf-8")
        elif step.kind == "run" and step.text in NOT_RUN:
            result = None
        elif step.kind == "run":
            result = run(step.text, repo_copy)
            ran += 1
            status = 1 if step.text.endswith(FAILS) else 0
            assert result.returncode == status, (
                f"{where}: {step.text}\nexit {result.returncode}, the guide says {status}\n{result.stdout}{result.stderr}"
            )
        elif step.kind == "output" and result is not None:
            missing = printed(step.text, result.stdout + result.stderr)
            assert not missing, (
                f"{where}: the guide shows lines the command did not print:\n"
                + "\n".join(missing)
                + f"\n--- it printed:\n{result.stdout}{result.stderr}"
            )
    assert ran == len(commands) - len(NOT_RUN)

    guide = GUIDE.read_text(encoding="utf-8")
    named = {m.rstrip(".,:;)") for m in re.findall(r"output/[\w./-]*", guide)} - NOT_FILES
    assert len(named) >= 8
    for name in sorted(named):
        assert (repo_copy / name).exists(), f"the guide names {name}, which no command wrote"
    assert (repo_copy / "yeni-rakamlar.xlsx").stat().st_size > 0
    assert (repo_copy / "content/malatya/2024-2/figures.yaml").is_file()

    # what the guide says the PDFs say (sections 5 and 9)
    old, new = pdf_text(repo_copy / "output/elazig-2024-2.pdf"), pdf_text(repo_copy / "output/elazig-2025-1.pdf")
    assert "1.891'dir" in old and "1.900'dür" in new
    assert "Mayıs 2024" in old and "Mayıs 2025" in new
    assert "95.120 haneye" in new


BREAKS = {
    # name in the guide → (file, text, what the guide says was typed instead)
    "rakamlar": [
        (
            "content/elazig/2024-2/figures.yaml",
            "{value: 2, kind: count, label: Sosyal",
            '{value: "iki", kind: count, label: Sosyal',
        ),
        ("content/elazig/2024-2/figures.yaml", "{value: 92783,", "{value: 92.783,"),
    ],
    "metin": [
        ("content/prose/sections/01-aile-ve-toplum.yaml", "{asdep_hane_sayisi}", "{asdep_hane_sayis}"),
        ("content/prose/sections/03-kadin.yaml", "icon: konukevi", "icon: konuk-evi"),
    ],
    "renk": [
        ("content/prose/theme.yaml", '"#A3306B", cmyk: [30, 90, 25, 10]', '"#A3306B", cmyk: [90, 30, 25, 10]'),
    ],
    "ek": [
        (
            "content/prose/sections/05-sehit-yakinlari-ve-gazi.yaml",
            "{seyahat_karti_sayisi}**'dir",
            "{seyahat_karti_sayisi}**'mış",
        ),
    ],
}


@pytest.mark.parametrize("name", sorted(BREAKS))
def test_the_guide_quotes_what_check_prints_on_a_broken_copy(name, repo_copy):
    _steps, examples = read_guide()
    assert set(examples) == set(BREAKS)
    for file, right, wrong in BREAKS[name]:
        path = repo_copy / file
        text = path.read_text(encoding="utf-8")
        assert text.count(right) == 1, (file, right)
        path.write_text(text.replace(right, wrong), encoding="utf-8")
    result = run("booklet check content/elazig/2024-2", repo_copy)
    assert result.returncode == (0 if name == "renk" else 1)  # a colour that differs is a warning
    missing = printed(examples[name], result.stdout + result.stderr)
    assert not missing, "\n".join(missing) + f"\n--- it printed:\n{result.stdout}{result.stderr}"


def test_the_icon_guide_quotes_what_check_prints_on_its_broken_icon(repo_copy):
    """assets/icons/README.md shows an icon saved straight from Inkscape and what check says."""
    steps, examples = read_guide(ICON_GUIDE)
    (icon,) = [s for s in steps if s.kind == "file"]
    assert icon.name == "content/prose/icons/konukevi.svg"
    (repo_copy / icon.name).parent.mkdir(parents=True)
    (repo_copy / icon.name).write_text(icon.text, encoding="utf-8")
    result = run("booklet check content/elazig/2024-2", repo_copy)
    assert result.returncode == 1
    missing = printed(examples["simge"], result.stdout + result.stderr)
    assert not missing, "\n".join(missing) + f"\n--- it printed:\n{result.stdout}{result.stderr}"

"""Running booklet on hostile input under hard limits, and reading what it says.

Each hostile case gets a copy of the shipped content (prose and the Elazığ booklet) with one
thing broken; the command runs in a child process with RLIMIT_AS 500 MB and RLIMIT_CPU 5 s,
so a case that hangs or eats memory fails by being killed (status -SIGXCPU, or a
MemoryError that must not show), not by a stopwatch.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from .conftest import CONTENT_ROOT

MEMORY = 500 * 2**20
CPU_SECONDS = 5
BOOKLET = Path("elazig/2024-2")

# Words of Python, or of a parser, that must never reach an editor.
PYTHON_WORDS = re.compile(
    r"Traceback|\bNone\b|\bTrue\b|\bFalse\b|\b[A-Z]\w*(?:Error|Exception|Warning)\b|\[Errno"
    r"|<\w[\w.]* object|\('[^']*', '|\bb'|\\x[0-9a-f]{2}|\bposition \d+|<unicode string>"
    r"|mapping values are not allowed|while (?:scanning|parsing)|did not find expected|could not find expected"
    r"|found character|found unexpected|expected <|cannot start any token|unacceptable character"
)


def limit_resources() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))


def run_limited(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """``booklet --lang en ARGS`` in a child limited to 500 MB of address space and 5 s of CPU."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LANG", "LC_"))}
    result = subprocess.run(
        [sys.executable, "-m", "booklet", "--lang", "en", *map(str, args)],
        capture_output=True,
        text=True,
        preexec_fn=limit_resources,
        timeout=120,  # only a guard: a hang shows as a failure here, not as a stuck suite
        env=env,
        cwd=cwd,
    )
    assert result.returncode >= 0, f"killed by signal {-result.returncode} (over the CPU limit?)\n{result.stderr}"
    return result


def corpus(root: Path, cases: dict[str, Callable[[Path], None]]) -> dict[str, Path]:
    """One copy of the content per case under ``root``, broken by the case's function,
    which gets the copy's content folder (holding prose/ and elazig/2024-2/)."""
    made = {}
    for name, breaker in cases.items():
        folder = root / name
        shutil.copytree(CONTENT_ROOT, folder, symlinks=True)
        breaker(folder)
        made[name] = folder
    return made


def lines_for(output: str, folder: Path) -> list[str]:
    """The diagnostics (first lines, without hints) about files under ``folder``."""
    prefix = f"{folder}/"
    return [line for line in output.splitlines() if line.startswith(prefix)]


def assert_editor_words(text: str) -> None:
    found = PYTHON_WORDS.search(text)
    assert found is None, f"{found.group()!r} in:\n{text}"


def edit(path: Path, find: str, replace: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert find in text, find
    path.write_text(text.replace(find, replace, 1), encoding="utf-8")

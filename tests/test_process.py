"""What a booklet process loads and how it ends (issue 14): counted, never timed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ELAZIG = ROOT / "content" / "elazig" / "2024-2"

# Modules a screen build has no use for: the network stack, and what only other commands need.
NOT_FOR_A_BUILD = (
    "ssl",
    "socket",
    "http.client",
    "urllib.request",
    "email",
    "xml.sax",
    "multiprocessing",
    "openpyxl",
    "watchdog",
    "pypdfium2",
    "starlette",
)


def _in_fresh_process(code: str) -> dict:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_screen_build_loads_no_network_stack_and_no_other_commands_libraries(tmp_path):
    facts = _in_fresh_process(
        "import json, sys\n"
        "from pathlib import Path\n"
        "from booklet.build import build\n"
        f"build(Path({str(ELAZIG)!r}), Path({str(tmp_path)!r}))\n"
        "import reportlab.platypus.paragraph as p\n"
        "print(json.dumps({'modules': sorted(sys.modules), 'uri': type(p.uri_pat).__name__,"
        " 'compiled': p.uri_pat._compiled is not None}))\n"
    )
    loaded = set(facts["modules"])
    assert [m for m in NOT_FOR_A_BUILD if m in loaded] == []
    assert facts["uri"] == "DeferredURIPattern"
    assert facts["compiled"] is False  # no text of the booklet holds "://"


URI_CHECK = """
import json, re
import booklet
import reportlab.platypus.paragraph as paragraph
pattern = paragraph.uri_pat
real = re.compile(pattern.pattern, pattern.flags)
texts = [
    "https://www.aile.gov.tr/elazig/hizmetler", "HTTP://ÖRNEK.gov.tr/a?b=c#d",
    "ftp://user:pw@192.168.1.10:21/dosya", "www.aile.gov.tr", "92.783", "kuruluşlarımızda", "a://", "",
]
answers = [[(m.group(0), m.groups()) if m else None for m in (pattern.match(t), real.match(t))] for t in texts]
print(json.dumps({"kind": type(pattern).__name__, "answers": answers,
                  "split": paragraph._uri_split_pairs("https://www.aile.gov.tr/elazig/x")[0]}))
"""


def test_the_deferred_uri_pattern_answers_as_reportlabs_own():
    facts = _in_fresh_process(URI_CHECK)
    assert facts["kind"] == "DeferredURIPattern"
    for mine, theirs in facts["answers"]:
        assert mine == theirs
    assert sum(1 for mine, _theirs in facts["answers"] if mine) == 3
    assert facts["split"] == ["https://www.aile.gov.tr/elazig/", "x"]


@pytest.mark.parametrize("target", ["screen", "all"])
def test_the_command_ends_with_its_output_complete(tmp_path, target):
    """The process leaves without teardown: every line is printed and both files are whole."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "booklet",
            "--lang",
            "en",
            "build",
            str(ELAZIG),
            "-o",
            str(tmp_path),
            "--target",
            target,
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1].startswith("built in ")
    for pdf in tmp_path.glob("*.pdf"):
        assert pdf.read_bytes().rstrip().endswith(b"%%EOF")
    assert sorted(p.name for p in tmp_path.iterdir()) == (
        ["elazig-2024-2.pdf"] if target == "screen" else ["elazig-2024-2-print.pdf", "elazig-2024-2.pdf"]
    )


def test_an_error_still_exits_1_with_its_messages(tmp_path):
    broken = tmp_path / "b"
    broken.mkdir()
    (broken / "booklet.yaml").write_text("province: [\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "booklet", "--lang", "en", "build", str(broken), "-o", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 1
    assert "booklet.yaml:" in done.stderr and "error" in done.stderr

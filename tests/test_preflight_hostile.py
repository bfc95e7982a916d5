"""Damaged, locked and hostile PDFs: one clear line, exit 1, within 5 s of CPU and 500 MB.

Each file is made at test time (a few kilobytes each: a form that draws itself, a fan-out of
forms drawn 16^10 times, a content stream that inflates to 64 MB, …) and handed to
``booklet preflight`` and ``booklet impose`` in a child process whose address space and CPU
time are capped with ``resource.setrlimit``; a hang or a runaway allocation kills the child
and fails the test. No wall-clock timing.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pikepdf
import pytest

from .printfiles import HOSTILE

MEMORY = 500 << 20
CPU_SECONDS = 5
RUNNER = textwrap.dedent(
    """
    import resource, sys
    resource.setrlimit(resource.RLIMIT_AS, ({memory}, {memory}))
    resource.setrlimit(resource.RLIMIT_CPU, ({cpu}, {cpu}))
    from booklet.cli import main
    main(sys.argv[1:], prog_name="booklet")
    """
).format(memory=MEMORY, cpu=CPU_SECONDS)


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", RUNNER, "--lang", "en", *args], capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_preflight_answers_in_one_line(name, tmp_path):
    words, make = HOSTILE[name]
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(make())
    done = run("preflight", str(path))
    output = done.stdout + done.stderr
    assert done.returncode == 1, output  # a killed child returns a negative code
    assert "Traceback" not in output and "internal error" not in output
    failures = [line for line in done.stdout.splitlines() if line.startswith("FAIL")]
    assert len(failures) == 1 and words in failures[0], output


@pytest.mark.parametrize("name", sorted(set(HOSTILE) - {"huge-image"}))
def test_impose_refuses_with_one_located_error(name, tmp_path):
    words, make = HOSTILE[name]
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(make())
    done = run("impose", str(path), "-o", str(tmp_path / "out.pdf"))
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    errors = [line for line in done.stderr.splitlines() if ": error: " in line]
    assert len(errors) == 1 and errors[0].startswith(f"{path}: error: ") and words in errors[0], done.stderr
    assert not (tmp_path / "out.pdf").exists()


def test_the_fan_out_of_forms_fits_in_4_kb():
    """16^12 placements of a form, written by hand: the whole file is smaller than 4 KB."""
    assert len(HOSTILE["fan-out-in-4-kb"][1]()) < 4096


def test_impose_copies_a_huge_image_without_decoding_it_and_marks_the_file_for_proofing(tmp_path):
    """The 200,000 × 200,000 image is copied as it is (never decoded, so within the limits), but the
    imposed file fails the preflight, so it is a plain PDF that says it is for proofing."""
    path = tmp_path / "huge.pdf"
    path.write_bytes(HOSTILE["huge-image"][1]())
    done = run("impose", str(path), "-o", str(tmp_path / "out.pdf"))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "a plain PDF, for proofing" in done.stdout and "too large to print" in done.stdout
    with pikepdf.open(tmp_path / "out.pdf") as out:
        assert "/GTS_PDFXVersion" not in out.docinfo and "/OutputIntents" not in out.Root

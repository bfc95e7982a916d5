"""How fast is ``booklet build``, and where does the time go?

Reports, for the shipped booklet on this machine:
- cold: a whole ``python -m booklet build`` process, start to exit (median of N runs);
- the same for a plain ReportLab script setting the same text (benchmarks/plain_reportlab.py);
- warm: one booklet built repeatedly inside one process (median per build);
- peak memory (max RSS) of the cold process;
- a profile of one warm build (top functions by cumulative time).

Run: ``python benchmarks/bench_build.py [--runs N]``. It reports figures; it asserts nothing.

``--against REV`` instead compares the warm builds of this checkout and of git revision REV
(e.g. ``main``), paired: the two trees run in turns, in fresh processes, and each round's
ratio is kept, so load on a shared machine hits both sides alike; a round's time is the
least CPU time of its builds; it prints the medians over the rounds and the median ratio.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content" / "elazig" / "2024-2"
PROSE = ROOT / "content" / "prose"


def timed_process(args: list[str], runs: int) -> tuple[float, float]:
    """Median wall time of a command and the peak RSS (MiB) of its largest run."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
        times.append(time.perf_counter() - start)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return statistics.median(times), peak


WARM_SCRIPT = """
import statistics, sys, tempfile, time
from pathlib import Path
from booklet.build import build, targets_for
content, runs = Path(sys.argv[1]), int(sys.argv[2])
with tempfile.TemporaryDirectory() as out:
    for name in ("screen", "all"):
        targets = targets_for(name, 3, True)
        build(content, Path(out), targets=targets)
        times = []
        for _ in range(runs):
            start = time.process_time()  # CPU time: other processes on a shared machine do not count
            build(content, Path(out), targets=targets)
            times.append(time.process_time() - start)
        print(name, min(times))  # the least disturbed build: robust on a busy machine
"""


def warm_in(tree: Path, runs: int) -> dict[str, float]:
    """Median warm build times of the booklet code in ``tree`` (a checkout), in a fresh process."""
    env = {**os.environ, "PYTHONPATH": str(tree / "src")}
    done = subprocess.run(
        [sys.executable, "-c", WARM_SCRIPT, str(tree / CONTENT.relative_to(ROOT)), str(runs)],
        check=True,
        capture_output=True,
        text=True,
        cwd=tree,
        env=env,
    )
    return {name: float(value) for name, value in (line.split() for line in done.stdout.splitlines())}


def paired(rev: str, rounds: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        archive = subprocess.run(["git", "archive", rev], check=True, capture_output=True, cwd=ROOT).stdout
        subprocess.run(["tar", "-x", "-C", str(base)], input=archive, check=True)
        results: dict[str, dict[str, list[float]]] = {"base": {}, "this": {}}
        for _ in range(rounds):
            for side, tree in (("base", base), ("this", ROOT)):
                for name, value in warm_in(tree, 10).items():
                    results[side].setdefault(name, []).append(value)
    print(f"paired warm builds (CPU time), {rounds} rounds of 10 builds each side, this checkout against {rev}")
    for name in ("screen", "all"):
        base_ms, this_ms = (statistics.median(results[side][name]) * 1000 for side in ("base", "this"))
        ratios = [t / b for t, b in zip(results["this"][name], results["base"][name])]
        print(
            f"warm  {name:6}: {rev} {base_ms:6.1f} ms, this {this_ms:6.1f} ms, median ratio {statistics.median(ratios):.3f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--against", metavar="REV", help="compare warm builds with this git revision, paired")
    args = parser.parse_args()
    if args.against:
        paired(args.against, args.runs)
        return
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        plain_cold, plain_peak = timed_process(
            [sys.executable, str(ROOT / "benchmarks/plain_reportlab.py"), str(PROSE), str(out / "plain.pdf")],
            args.runs,
        )
        command = [sys.executable, "-m", "booklet", "build", str(CONTENT), "-o", str(out)]
        cold, peak = timed_process(command + ["--target", "screen"], args.runs)
        cold_all, peak_all = timed_process(command + ["--target", "all"], args.runs)

        from booklet.build import build, targets_for

        screen, both = targets_for("screen", 3, True), targets_for("all", 3, True)
        build(CONTENT, out, targets=both)  # first build in the process: fonts, icons, profile, imports
        warm = {}
        for name, targets in (("screen", screen), ("all", both)):
            times = []
            for _ in range(max(args.runs * 3, 10)):
                start = time.perf_counter()
                build(CONTENT, out, targets=targets)
                times.append(time.perf_counter() - start)
            warm[name] = statistics.median(times)
        profiler = cProfile.Profile()
        profiler.enable()
        build(CONTENT, out, targets=screen)
        profiler.disable()

    print(f"machine: {sys.platform}, Python {sys.version.split()[0]}, runs={args.runs}")
    print(f"cold  plain ReportLab script      : {plain_cold * 1000:7.1f} ms  (peak RSS {plain_peak:.0f} MiB)")
    print(
        f"cold  booklet build --target screen: {cold * 1000:7.1f} ms  ratio {cold / plain_cold:.2f}x"
        f"  (peak RSS {peak:.0f} MiB)"
    )
    print(f"cold  booklet build --target all   : {cold_all * 1000:7.1f} ms  (peak RSS {peak_all:.0f} MiB)")
    print(f"warm  screen only                  : {warm['screen'] * 1000:7.1f} ms per booklet")
    print(f"warm  screen + print (PDF/X-4)     : {warm['all'] * 1000:7.1f} ms per booklet")
    stream = io.StringIO()
    pstats.Stats(profiler, stream=stream).sort_stats("cumulative").print_stats(15)
    print("\nprofile of one warm screen build (cumulative):")
    print("\n".join(line for line in stream.getvalue().splitlines() if line.strip())[:4000])


if __name__ == "__main__":
    main()

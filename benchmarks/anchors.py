"""The table of issue 14, measured: booklet against a plain ReportLab script and Typst.

Every row is paired: the tools run in turns within this one run (ABAB…, the order swapped
each round), so load from other processes on a shared machine falls on all of them alike;
a row reports the median time of each and the median of the rounds' ratios. Typst is
measured when the ``typst`` package is installed (``pip install -e '.[bench]'``); its source
is the booklet's resolved content in benchmarks/typst/booklet.typ (typst_source.py).

Rows: cold ``build --target screen`` and ``--target all`` (whole processes); warm builds of
a new province each time (in one process: booklet's ``build``, the plain script's ``main``,
one ``typst.Compiler``); 81 provinces with ``--jobs 2`` (booklet's ``build --all``, the plain
script in a pool of 2 forked processes, Typst compiling the 81 sources in one process on
its own threads); a worker's memory after 81, 400 and 1,000 new provinces; ``booklet proof``
against a cold screen build.

Run: ``python benchmarks/anchors.py [--rounds 7] [--warm 20] [--batch-rounds 2] [--memory 1000]``.
It prints figures; it asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks"
CONTENT = ROOT / "content" / "elazig" / "2024-2"
PROSE = ROOT / "content" / "prose"
FONTS = ROOT / "assets" / "fonts"
sys.path[:0] = [str(BENCH), str(ROOT / "tests" / "samples")]

from bench_provinces import PROVINCES  # noqa: E402
from make_samples import make_variant  # noqa: E402

try:
    import typst
except ImportError:  # the bench extra is not installed: the Typst column stays empty
    typst = None

TODAY = {  # issue 14's figures, measured before this work
    "cold screen": "1.40× plain, Typst 0.26×",
    "cold all": "2.1× plain",
    "warm screen": "59–66 ms; plain 46, Typst 29",
    "warm all": "147–151 ms",
    "81 screen": "1.6× Typst; plain 1.1×",
    "memory": "46 / 79 / 137 MiB (81/400/973)",
    "proof": "8.4× cold screen",
}
TARGETS = {
    "cold screen": "≤ 0.90× plain",
    "cold all": "≤ 1.40× plain",
    "warm screen": "≤ 1.25× Typst",
    "warm all": "",
    "81 screen": "≤ 1.10× Typst",
    "memory": "1000 ≤ 1.25× 80",
    "proof": "≤ 4×",
}

TYPST_CLI = (
    "import sys, typst; typst.compile(sys.argv[1], output=sys.argv[2], font_paths=[sys.argv[3]],"
    " ignore_system_fonts=True)"
)


NO_GHOSTSCRIPT = {"BOOKLET_GHOSTSCRIPT": ""}  # the self-preflight estimates ink instead of rendering plates


def run(args: list[str], env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    environment = {**os.environ, **env} if env else None
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, env=environment)
    return time.perf_counter() - start


def paired(sides: dict[str, object], rounds: int) -> dict[str, list[float]]:
    """Each side's times over ``rounds`` rounds, the sides taking turns (order reversed each round)."""
    times: dict[str, list[float]] = {name: [] for name in sides}
    names = list(sides)
    for number in range(rounds):
        for name in names if number % 2 == 0 else names[::-1]:
            times[name].append(sides[name]())
    return times


def ratio(times: dict[str, list[float]], a: str, b: str) -> float:
    return statistics.median(x / y for x, y in zip(times[a], times[b]))


def ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:.0f} ms"


def variants(folder: Path, count: int, start: int = 0) -> list[Path]:
    """``count`` new provinces on the shared prose, each with its own invented figures."""
    if not (folder / "prose").exists():
        shutil.copytree(PROSE, folder / "prose")
    made = []
    for number in range(start, start + count):
        name = PROVINCES[number % len(PROVINCES)]
        made.append(make_variant(folder / f"v{number}" / "2024-2", name, str(number), "../../prose"))
    return made


def cold_rows(tmp: Path, rounds: int, rows: list) -> None:
    out = tmp / "cold"
    booklet = [sys.executable, "-m", "booklet", "build", str(CONTENT), "-o", str(out)]
    sides = {
        "booklet": lambda: run(booklet + ["--target", "screen"]),
        "plain": lambda: run([sys.executable, str(BENCH / "plain_reportlab.py"), str(PROSE), str(out / "plain.pdf")]),
    }
    if typst:
        from typst_source import booklet_source

        source = tmp / "elazig.typ"
        source.write_text(booklet_source(CONTENT), encoding="utf-8")
        sides["typst"] = lambda: run([sys.executable, "-c", TYPST_CLI, str(source), str(out / "t.pdf"), str(FONTS)])
    times = paired(sides, rounds)
    mine = f"{ratio(times, 'booklet', 'plain'):.2f}× plain ({ms(times['booklet'])} vs {ms(times['plain'])})"
    if typst:
        mine += f"; Typst {ratio(times, 'typst', 'plain'):.2f}× plain ({ms(times['typst'])})"
        mine += f"; booklet {ratio(times, 'booklet', 'typst'):.2f}× Typst"
    rows.append(("cold `build --target screen`", TODAY["cold screen"], mine, TARGETS["cold screen"]))
    sides = {
        "booklet": lambda: run(booklet + ["--target", "all"]),
        "plain": sides["plain"],
        "no gs": lambda: run(booklet + ["--target", "all"], NO_GHOSTSCRIPT),
    }
    times = paired(sides, rounds)
    mine = f"{ratio(times, 'booklet', 'plain'):.2f}× plain ({ms(times['booklet'])} vs {ms(times['plain'])})"
    mine += f"; without Ghostscript's plates {ratio(times, 'no gs', 'plain'):.2f}× ({ms(times['no gs'])})"
    rows.append(("cold `build --target all`", TODAY["cold all"], mine, TARGETS["cold all"]))
    return None


def warm_rows(tmp: Path, count: int, rows: list) -> None:
    from plain_reportlab import main as plain_main

    from booklet.build import build, targets_for

    folder = tmp / "warm"
    booklets = variants(folder, 2 * count + 2)
    out = folder / "out"
    screen, both = targets_for("screen", 3.0, True), targets_for("all", 3.0, True)
    build(booklets[-1], out, targets=both)  # the first build of a process: fonts, icons, the profile
    plain_main(PROSE, out / "plain.pdf")
    compiler = None
    sources: list[bytes] = []
    if typst:
        from typst_source import booklet_source

        sources = [booklet_source(b).encode() for b in booklets]
        compiler = typst.Compiler(font_paths=[str(FONTS)], ignore_system_fonts=True)
        compiler.compile(input=sources[-1])

    def timed(fn) -> float:
        start = time.perf_counter()
        fn()
        return time.perf_counter() - start

    for name, targets, offset in (("screen", screen, 0), ("all", both, count)):
        state = {"turn": iter(range(offset, offset + count)), "i": offset}

        def next_booklet(targets=targets, state=state):
            state["i"] = next(state["turn"])
            return timed(lambda: build(booklets[state["i"]], out, targets=targets))

        def typst_same_province(state=state):
            return timed(lambda: compiler.compile(input=sources[state["i"]]))

        def without_ghostscript(state=state):
            os.environ.update(NO_GHOSTSCRIPT)
            try:
                return timed(lambda: build(booklets[state["i"]], out / "no-gs", targets=both))
            finally:
                del os.environ["BOOKLET_GHOSTSCRIPT"]

        sides = {"booklet": next_booklet, "plain": lambda: timed(lambda: plain_main(PROSE, out / "plain.pdf"))}
        if compiler and name == "screen":
            sides["typst"] = typst_same_province
        if name == "all" and "BOOKLET_GHOSTSCRIPT" not in os.environ:
            sides["no gs"] = without_ghostscript
        times = paired(sides, count)
        mine = f"{ms(times['booklet'])}; {ratio(times, 'booklet', 'plain'):.2f}× plain ({ms(times['plain'])})"
        if "typst" in times:
            mine += f"; {ratio(times, 'booklet', 'typst'):.2f}× Typst ({ms(times['typst'])}, its threads)"
        if "no gs" in times:
            mine += f"; without Ghostscript's plates {ms(times['no gs'])}"
        rows.append((f"warm, new province each build ({name})", TODAY[f"warm {name}"], mine, TARGETS[f"warm {name}"]))


PLAIN_BATCH = """
import multiprocessing, sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from plain_reportlab import main
prose, out, count = Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4])
def one(i):
    main(prose, out / f"p{i}.pdf")
with multiprocessing.get_context("fork").Pool(2) as pool:
    pool.map(one, range(count), chunksize=1)
"""

TYPST_BATCH = """
import sys, typst
from pathlib import Path
folder, fonts = Path(sys.argv[1]), sys.argv[2]
compiler = typst.Compiler(font_paths=[fonts], ignore_system_fonts=True)
for source in sorted(folder.glob("*.typ")):
    compiler.compile(input=source.read_bytes(), output=str(source.with_suffix(".pdf")))
"""


def batch_row(tmp: Path, rounds: int, rows: list) -> None:
    from bench_provinces import make_content

    content = make_content(tmp / "batch")
    booklets = sorted(p.parent for p in content.glob("*/2024-2/booklet.yaml"))
    out = tmp / "batch-out"
    sides = {
        "booklet": lambda: run(
            [sys.executable, "-m", "booklet", "build", str(content), "--all", "--jobs", "2", "-o", str(out)]
            + ["--target", "screen"]
        ),
        "plain": lambda: run([sys.executable, "-c", PLAIN_BATCH, str(BENCH), str(PROSE), str(out), "81"]),
    }
    if typst:
        from typst_source import booklet_source

        sources = tmp / "typst-batch"
        sources.mkdir()
        for number, booklet in enumerate(booklets):
            (sources / f"{number:02d}.typ").write_text(booklet_source(booklet), encoding="utf-8")
        sides["typst"] = lambda: run([sys.executable, "-c", TYPST_BATCH, str(sources), str(FONTS)])
    times = paired(sides, rounds)
    mine = f"{statistics.median(times['booklet']):.2f} s; {ratio(times, 'booklet', 'plain'):.2f}× plain"
    if typst:
        mine += f"; {ratio(times, 'booklet', 'typst'):.2f}× Typst ({statistics.median(times['typst']):.2f} s)"
    rows.append(("81 provinces, `--jobs 2`, screen", TODAY["81 screen"], mine, TARGETS["81 screen"]))


MEMORY = """
import gc, shutil, sys
from pathlib import Path
sys.path[:0] = [sys.argv[1], sys.argv[2]]
from anchors import variants
from booklet.build import build, targets_for
folder, last = Path(sys.argv[3]), int(sys.argv[4])
screen = targets_for("screen", 3.0, True)
for number in range(1, last + 1):
    booklet = variants(folder, 1, number)[0]
    build(booklet, folder / "out", targets=screen)
    shutil.rmtree(booklet.parent)
    if number in (80, 81, 400, 1000, last):
        gc.collect()
        rss = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmRSS"))
        print(number, rss / 1024, flush=True)
"""


def memory_row(tmp: Path, last: int, rows: list) -> None:
    done = subprocess.run(
        [sys.executable, "-c", MEMORY, str(BENCH), str(ROOT / "tests" / "samples"), str(tmp / "memory"), str(last)],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    rss = {int(n): float(v) for n, v in (line.split() for line in done.stdout.splitlines())}
    shown = " / ".join(f"{rss[n]:.0f}" for n in sorted(rss) if n != 80)
    mine = (
        f"{shown} MiB after {' / '.join(str(n) for n in sorted(rss) if n != 80)}; {rss[last] / rss[80]:.2f}× after 80"
    )
    rows.append(("worker memory over a long batch", TODAY["memory"], mine, TARGETS["memory"]))


def proof_row(tmp: Path, rounds: int, rows: list) -> None:
    out = tmp / "proof"
    sides = {
        "proof": lambda: run([sys.executable, "-m", "booklet", "proof", str(CONTENT), "-o", str(out)]),
        "screen": lambda: run(
            [sys.executable, "-m", "booklet", "build", str(CONTENT), "-o", str(out / "s"), "--target", "screen"]
        ),
    }
    times = paired(sides, rounds)
    mine = f"{ratio(times, 'proof', 'screen'):.2f}× cold screen ({ms(times['proof'])} vs {ms(times['screen'])}, --jobs {os.cpu_count()})"
    rows.append(("`booklet proof`", TODAY["proof"], mine, TARGETS["proof"]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7, help="cold runs of each side")
    parser.add_argument("--warm", type=int, default=20, help="warm builds of each side")
    parser.add_argument("--batch-rounds", type=int, default=2, help="81-province batches of each side")
    parser.add_argument("--memory", type=int, default=1000, help="new provinces built in one worker")
    parser.add_argument("--only", nargs="*", default=["cold", "warm", "batch", "memory", "proof"])
    args = parser.parse_args()
    rows: list[tuple[str, str, str, str]] = []
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        steps = {
            "cold": lambda: cold_rows(tmp, args.rounds, rows),
            "warm": lambda: warm_rows(tmp, args.warm, rows),
            "batch": lambda: batch_row(tmp, args.batch_rounds, rows),
            "memory": lambda: memory_row(tmp, args.memory, rows),
            "proof": lambda: proof_row(tmp, args.rounds, rows),
        }
        for name in args.only:
            steps[name]()
            print(f"  measured: {name}", file=sys.stderr, flush=True)
    typst_note = f"Typst {typst.__version__}" if typst else "Typst not installed (pip install -e '.[bench]')"
    print(f"{os.cpu_count()} cores, Python {sys.version.split()[0]}, {typst_note}; paired, medians")
    print("| | today (issue 14) | now | target |")
    print("| --- | --- | --- | --- |")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()

"""What a save in the studio costs, next to the bare build it contains.

In one process, over a copy of the shipped content, each round does, in turns:
- a bare ``build`` of the booklet (the screen PDF, warm);
- a text save through the studio's HTTP app (staged build, files written, changed pages
  rendered, the answer's HTML), which edits a sentence on page 3;
- a figure save through the studio (the same, from the figures table).

For each it keeps the wall time and the CPU time of the whole process (every thread: the
app answers in a worker thread); CPU time is what the work costs whatever else the machine
runs, and on an idle core it is the wall time. It prints the medians and, per round, the
ratio of each save to the bare build. Reports figures; asserts nothing.

Run: ``python benchmarks/studio_save.py [--rounds N]`` (``pip install '.[studio]'``).
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import tempfile
import time
from html import unescape
from pathlib import Path

from starlette.testclient import TestClient

from booklet.build import build
from booklet.studio.app import create_app

ROOT = Path(__file__).resolve().parent.parent
B = "/b/elazig/2024-2"
SECTION = "prose/sections/01-aile-ve-toplum.yaml"


def measured(work) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    rounds = parser.parse_args().rounds
    with tempfile.TemporaryDirectory() as folder:
        content = Path(folder) / "content"
        shutil.copytree(ROOT / "content", content)
        bare = Path(folder) / "bare"
        shutil.copytree(ROOT / "content", bare)
        client = TestClient(create_app(content, Path(folder) / "out", csrf_token="t"), headers={"X-CSRF-Token": "t"})
        client.base_url = "http://127.0.0.1:8470"

        def text_save(words: str):
            page = client.get(f"{B}/text", params={"file": SECTION}).text
            source = unescape(re.search(r'<textarea id="editor"[^>]*>(.*?)</textarea>', page, re.S).group(1))
            version = re.search(r'name="version" value="([^"]*)"', page).group(1)
            edited = re.sub(r"(bulunmaktadır|yer almaktadır \d+)\.", f"{words}.", source, count=1)
            return lambda: client.post(f"{B}/text", data={"file": SECTION, "text": edited, "version": version})

        def figure_save(value: str):
            page = client.get(f"{B}/figures").text
            version = re.search(r'name="version" value="([^"]*)"', page).group(1)
            form = {"version": version, "value:asdep_hane_sayisi": value, "was:asdep_hane_sayisi": "-"}
            return lambda: client.post(f"{B}/figures", data=form)

        build(bare / "elazig" / "2024-2", Path(folder) / "bare-out")  # warm both sides up
        text_save("yer almaktadır 0")()
        figure_save("95.120")()
        rows = []
        for number in range(1, rounds + 1):
            built = measured(lambda: build(bare / "elazig" / "2024-2", Path(folder) / "bare-out"))
            text = measured(text_save(f"yer almaktadır {number}"))
            figure = measured(figure_save(f"95.{120 + number}"))
            rows.append((built, text, figure))
    print(f"{rounds} rounds; wall and CPU seconds, medians")
    for index, what in enumerate(("bare build (screen PDF)", "studio text save", "studio figure save")):
        wall = statistics.median(r[index][0] for r in rows)
        cpu = statistics.median(r[index][1] for r in rows)
        print(f"  {what:<26} wall {wall:.3f}  cpu {cpu:.3f}")
    for index, what in ((1, "text save / bare build"), (2, "figure save / bare build")):
        ratio = statistics.median(r[index][1] / r[0][1] for r in rows)
        print(f"  {what:<26} cpu ratio {ratio:.2f} (median of the rounds' ratios)")


if __name__ == "__main__":
    main()

"""81 provinces at once: ``booklet build --all`` on 81 sample booklets (INVENTED figures).

The variants are generated from the Elazığ figures (scaled at random, seeded) into a
temporary content folder beside a copy of the shared prose, then built as a user would:
one ``booklet build --all`` process. Reports wall time for screen PDFs only and for screen
and print, with the number of processes used.

Run: ``python benchmarks/bench_provinces.py [--jobs N]``
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "samples"))

from make_samples import make_variant  # noqa: E402

PROVINCES = (  # noqa: SIM905 - 81 names read better as one text
    "Adana Adıyaman Afyonkarahisar Ağrı Amasya Ankara Antalya Artvin Aydın Balıkesir Bilecik Bingöl Bitlis Bolu "
    "Burdur Bursa Çanakkale Çankırı Çorum Denizli Diyarbakır Edirne Elazığ Erzincan Erzurum Eskişehir Gaziantep "
    "Giresun Gümüşhane Hakkâri Hatay Isparta Mersin İstanbul İzmir Kars Kastamonu Kayseri Kırklareli Kırşehir "
    "Kocaeli Konya Kütahya Malatya Manisa Kahramanmaraş Mardin Muğla Muş Nevşehir Niğde Ordu Rize Sakarya Samsun "
    "Siirt Sinop Sivas Tekirdağ Tokat Trabzon Tunceli Şanlıurfa Uşak Van Yozgat Zonguldak Aksaray Bayburt Karaman "
    "Kırıkkale Batman Şırnak Bartın Ardahan Iğdır Yalova Karabük Kilis Osmaniye Düzce"
).split()


def make_content(folder: Path) -> Path:
    content = folder / "content"
    shutil.copytree(ROOT / "content" / "prose", content / "prose")
    from booklet.turkish import ascii_slug

    for number, province in enumerate(PROVINCES, 1):
        make_variant(content / ascii_slug(province) / "2024-2", province, f"{number}", "../../prose")
    return content


def timed(args: list[str]) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(args, capture_output=True, text=True, cwd=ROOT)
    elapsed = time.perf_counter() - start
    if done.returncode:
        raise SystemExit(f"build failed:\n{done.stderr[-3000:]}")
    return elapsed, done.stdout.strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=os.cpu_count())
    args = parser.parse_args()
    assert len(PROVINCES) == 81
    with tempfile.TemporaryDirectory() as tmp:
        content = make_content(Path(tmp))
        base = [sys.executable, "-m", "booklet", "build", str(content), "--all", "--jobs", str(args.jobs)]
        screen, screen_line = timed(base + ["-o", f"{tmp}/screen", "--target", "screen"])
        both, both_line = timed(base + ["-o", f"{tmp}/all", "--target", "all"])
        pdfs = len(list(Path(tmp, "screen").glob("*.pdf")))
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, --jobs {args.jobs}")
    print(f"81 provinces, screen PDFs        : {screen:6.2f} s wall ({pdfs} PDFs)  [{screen_line}]")
    print(f"81 provinces, screen + print PDFs: {both:6.2f} s wall  [{both_line}]")


if __name__ == "__main__":
    main()

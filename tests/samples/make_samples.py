"""Regenerates the sample booklets (INVENTED figures) from the Elazığ 2024-2 figures.

Run from the repository root: python tests/samples/make_samples.py
The benchmark uses ``make_variant`` to lay out 81 provinces the same way.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "content" / "elazig" / "2024-2"
SAMPLES = Path(__file__).resolve().parent
SAMPLE_PROVINCES = {"bingol": "Bingöl", "tunceli": "Tunceli", "malatya": "Malatya"}


def invented_figures(seed: str, province: str = "Elazığ", edition: str = "2024-2") -> str:
    """The Elazığ figures file with every count and amount scaled by a random factor (totals
    stay the sums of their parts), belonging to ``province`` and ``edition``."""
    rng = random.Random(seed)
    text = (SOURCE / "figures.yaml").read_text(encoding="utf-8")

    def scale(match: re.Match) -> str:
        value, kind = int(match.group(1)), match.group(2)
        if kind in ("year", "percent"):
            return match.group(0)
        factor = rng.uniform(0.4, 1.8)
        return f"{{value: {max(1, round(value * factor))}, kind: {kind}"

    header = "# SAMPLE — INVENTED FIGURES, NOT OFFICIAL STATISTICS (tests/samples/README.md)\n"
    body = re.sub(r"\{value: (\d+), kind: (\w+)", scale, text)
    values = {m.group(1): int(m.group(2)) for m in re.finditer(r"(?m)^(\w+): \{value: (\d+)", body)}

    def total(match: re.Match) -> str:
        parts = [p.strip() for p in match.group(3).split(",")]
        return f"{match.group(1)}: {{value: {sum(values[p] for p in parts)}{match.group(2)}[{match.group(3)}]"

    body = re.sub(r"(?m)^(\w+): \{value: \d+(, kind: \w+, total_of: )\[([^\]]*)\]", total, body)
    body = re.sub(r"(?m)^province: .*$", f"province: {province}", body)
    body = re.sub(r"(?m)^period: .*$", f"period: {edition}", body)
    return header + re.sub(r"(?m)^# Elazığ.*\n", "", body)


def make_variant(target: Path, province: str, seed: str, prose: str, edition: str = "2024-2") -> Path:
    """One sample booklet folder for ``province``; ``prose`` is the shared prose, relative to it."""
    target.mkdir(parents=True, exist_ok=True)
    (target / "booklet.yaml").write_text(
        "# SAMPLE — INVENTED FIGURES (tests/samples/README.md)\n"
        f"province: {province}\ndate: 2024-05\nedition: {edition}\nprose: {prose}\n",
        encoding="utf-8",
    )
    (target / "figures.yaml").write_text(invented_figures(seed, province, edition), encoding="utf-8")
    return target


if __name__ == "__main__":
    for slug, name in SAMPLE_PROVINCES.items():
        print(make_variant(SAMPLES / slug / "2024-2", name, slug, "../../../../content/prose"))

"""Published editions (placeholder until publish lands)."""

from __future__ import annotations

from pathlib import Path


def refuse_if_published(booklet: Path, file: str) -> None:
    return None

"""One field of a content record, as the reader checks it and JSON Schema describes it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Field:
    type: str  # text | name | number | boolean | month | page_size | rgb | cmyk
    required: bool = False  # or: list | map (of ``item`` records) | record (one ``item``)
    help: str = ""
    item: str | None = None
    choices: tuple[str, ...] = ()

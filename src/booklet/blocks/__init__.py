"""Every kind of content block, each in one module: the registry the stages dispatch on.

A new kind is a new module here (see ``base.Kind``) added to ``KINDS``; the reader, the
cross-checks, ``booklet schema`` and the layout find it through this table and need no
other change.
"""

from __future__ import annotations

from typing import Any

from . import chart, contact, group, image, stats, subsection, text
from .base import Kind

# In the order editors read about them; this is also the order of the JSON Schema's choices.
KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (subsection.KIND, group.KIND, stats.KIND, text.KIND, image.KIND, chart.KIND, contact.KIND)
}
_BY_MODEL: dict[type, Kind] = {kind.model: kind for kind in KINDS.values()}


def kind_of(block: Any) -> Kind:
    """The kind a loaded block belongs to."""
    return _BY_MODEL[type(block)]


def records() -> dict[str, dict]:
    """The schema records the kinds declare: the block choice itself and each kind's own."""
    found: dict[str, dict] = {"block": {name: kind.field for name, kind in KINDS.items()}}
    for kind in KINDS.values():
        found.update(kind.records)
    return found

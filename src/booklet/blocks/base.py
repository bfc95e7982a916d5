"""What a block kind declares, so that loading, checking and layout need no list of kinds.

A kind is one module in this package. It names the key that introduces it in a section's
``blocks:`` list, declares its schema fields (the reader validates against them and
``booklet schema`` turns them into JSON Schema), defines its frozen model, reads it from
YAML, lists the paragraphs it holds (for figure references, spelling and ``diff``), checks
what needs other files (icons, figures, images) and builds its flowables.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..content.fields import Field

if TYPE_CHECKING:
    import yaml

    from ..content.load import BlockCheck
    from ..content.model import Paragraph
    from ..content.reader import Reader
    from ..layout.colours import ThemeColour
    from ..layout.flowables import Block
    from ..layout.story import StoryBuilder


def _no_check(block: Any, check: BlockCheck) -> None:
    """Most kinds refer to nothing outside their own text."""


@dataclass(frozen=True)
class Kind:
    """One block kind: its key, schema, model, reading, paragraphs, checks and flowables."""

    name: str  # the key under "- " in a section's blocks list
    field: Field  # what the value under that key is (a record, or plain text)
    model: type
    read: Callable[[Reader, yaml.Node], Any]  # the model, or None after reporting
    paragraphs: Callable[[Any], Iterable[Paragraph]]  # every paragraph, in reading order
    flowable: Callable[[Any, StoryBuilder, ThemeColour], Block]
    records: dict[str, dict[str, Field]] = field(default_factory=dict)  # the kind's own records
    check: Callable[[Any, BlockCheck], None] = _no_check

"""JSON Schema for every content file, generated from the same tables the loader validates with.

Editors with a YAML language server (VS Code's YAML extension and others) then check keys
and values and complete them while people type; a misspelt key is underlined at once. The
descriptions (the tooltips beside each key) are the schema tables' help texts in the
language of the messages: the shipped files are written with ``booklet --lang tr schema``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from .blocks import KINDS
from .content.schema import RECORDS, Field
from .diagnostics import BookletError, Location
from .i18n import N_, _

NAME_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
BASE = "https://booklet.invalid/schemas/"

# file name → (record, title)
FILES = {
    "booklet": ("booklet", N_("A booklet: one province and period (booklet.yaml)")),
    "prose": ("prose", N_("The prose all provinces share (prose.yaml)")),
    "section": ("section", N_("A section of the booklet (sections/*.yaml)")),
    "figures": ("figures", N_("The figures of one period (figures.yaml)")),
    "theme": ("theme", N_("Colours (theme.yaml)")),
}
SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)")


def _field(field: Field) -> dict:
    schema: dict
    if field.type == "text":
        schema = {"type": "string", "minLength": 1}
    elif field.type == "name":
        schema = {"type": "string", "pattern": NAME_PATTERN}
        if field.choices:
            schema = {"enum": list(field.choices)}
    elif field.type == "number":
        schema = {"type": "number"}
    elif field.type == "figure_value":
        schema = {"type": ["number", "null"]}
    elif field.type == "names":
        schema = {"type": "array", "items": {"type": "string", "pattern": NAME_PATTERN}}
    elif field.type == "boolean":
        schema = {"type": "boolean"}
    elif field.type == "month":
        schema = {"type": "string", "pattern": r"^\d{4}-\d{1,2}(-\d{1,2})?$"}
    elif field.type == "page_size":
        schema = {
            "oneOf": [
                {"enum": ["A4", "A5"]},
                {"type": "array", "items": {"type": "number"}, "minItems": 2, "maxItems": 2},
            ]
        }
    elif field.type == "rgb":
        schema = {"type": "string", "pattern": "^#[0-9a-fA-F]{6}$"}
    elif field.type == "cmyk":
        schema = {
            "type": "array",
            "items": {"type": "number", "minimum": 0, "maximum": 100},
            "minItems": 4,
            "maxItems": 4,
        }
    elif field.type == "list":
        item = {"type": "string"} if field.item == "path" else {"$ref": f"#/$defs/{field.item}"}
        schema = {"type": "array", "items": item}
    elif field.type == "map":
        schema = {"type": "object", "additionalProperties": {"$ref": f"#/$defs/{field.item}"}}
    elif field.type == "record":
        schema = {"$ref": f"#/$defs/{field.item}"}
    else:  # pragma: no cover - a new field type must be described here
        raise ValueError(field.type)
    if field.help:
        schema = {"description": _(field.help), **schema}
    return schema


def _record(name: str) -> dict:
    fields = RECORDS[name]
    if name == "block":  # exactly one kind of block per list item, from the registry of kinds
        return {
            "oneOf": [
                {
                    "type": "object",
                    "properties": {kind.name: _field(kind.field)},
                    "required": [kind.name],
                    "additionalProperties": False,
                }
                for kind in KINDS.values()
            ]
        }
    if name == "figures":  # province and period, then one entry per figure
        return {
            "type": "object",
            "properties": {k: _field(f) for k, f in fields.items()},
            "required": list(fields),
            "propertyNames": {"pattern": NAME_PATTERN},
            "additionalProperties": {"$ref": "#/$defs/figure"},
        }
    required = [k for k, f in fields.items() if f.required]
    if name == "booklet":  # the rest may come from the shared prose.yaml
        required = ["province", "date", "edition"]
    schema = {"type": "object", "properties": {k: _field(f) for k, f in fields.items()}, "additionalProperties": False}
    if required:
        schema["required"] = required
    return schema


def _referenced(name: str, seen: set[str]) -> None:
    if name in seen or name == "path":
        return
    seen.add(name)
    if name == "figures":
        _referenced("figure", seen)
    for field in RECORDS[name].values():
        if field.item:
            _referenced(field.item, seen)


def schema_for(file: str) -> dict:
    record, title = FILES[file]
    names: set[str] = set()
    _referenced(record, names)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{BASE}{file}.schema.json",
        "title": _(title),
        **_record(record),
        "$defs": {name: _record(name) for name in sorted(names - {record})},
    }


def _text(file: str) -> str:
    return json.dumps(schema_for(file), ensure_ascii=False, indent=2) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for file in FILES:
        path = folder / f"{file}.schema.json"
        path.write_text(_text(file), encoding="utf-8")
        written.append(path)
    return written


def schemas_as_text() -> str:
    """Every schema, one JSON document per file, for ``booklet schema -o -``."""
    return "".join(_text(file) for file in FILES)


def schema_folder(content: Path) -> Path:
    """Where the content's own files look for their schemas: the folder their first line
    names (``# yaml-language-server: $schema=../../../assets/schemas/section.schema.json``),
    else ``assets/schemas/`` beside the content folder. Never the installed package."""
    content = Path(content)
    if not content.is_dir():
        raise BookletError.single(
            Location(content),
            _("no content folder here to write the schemas next to"),
            _(
                "run the command in the folder that holds content/, give the content folder, or use -o DIR (or -o - to print them)"
            ),
        )
    for path in sorted(content.rglob("*.yaml")):
        if any(part.startswith(".") or part == "published" for part in path.relative_to(content).parts):
            continue
        try:
            with path.open(encoding="utf-8") as handle:
                match = SCHEMA_LINE.match(handle.readline())
        except (OSError, UnicodeDecodeError):
            continue
        if match and match.group(1).endswith(".schema.json") and "://" not in match.group(1):
            return (path.parent / match.group(1)).resolve().parent
    return content.resolve().parent / "assets" / "schemas"

"""Lists the templates' messages in messages.py, where the catalogue's extraction finds them.

Babel extracts messages from Python files; the templates call ``_()`` and ``ngettext()`` too.
Jinja's own parser finds those calls (``jinja2.ext.extract_from_ast``), and this module writes
them into studio/messages.py. ``tests/test_studio.py`` fails while messages.py is out of date;
then run, from the repository's root::

    python -m booklet.studio.extract

and ``python /work/helpers/merge_po.py`` (or the project's catalogue update) for the .pot/.po.
"""

from __future__ import annotations

import sys
from pathlib import Path

from jinja2 import Environment
from jinja2.ext import extract_from_ast

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
MODULE = HERE / "messages.py"
HEADER = '''"""The templates' words, listed for the message catalogue.

Written by ``python -m booklet.studio.extract`` (see extract.py); do not edit by hand.
"""

from __future__ import annotations

from ..i18n import N_, ngettext


def template_messages() -> None:  # pragma: no cover - never called
    """Extracted by Babel, never run."""
'''
Message = str | tuple[str, str]


def template_messages(folder: Path = TEMPLATES) -> list[Message]:
    """Every message of the templates (a plural as its two forms), in the order of the files
    (by name) and of their lines, each once."""
    environment = Environment()
    found: dict[Message, None] = {}
    for path in sorted(folder.rglob("*.html")):
        tree = environment.parse(path.read_text(encoding="utf-8"), path.name, str(path))
        for _line, function, message in extract_from_ast(tree, gettext_functions=("_", "ngettext")):
            if function == "ngettext" and isinstance(message, tuple) and len(message) >= 2:
                found[(message[0], message[1])] = None
            elif function == "_" and isinstance(message, str):
                found[message] = None
    return list(found)


def module_text(messages: list[Message]) -> str:
    """messages.py for these messages: one ``N_()`` or ``ngettext()`` call each, laid out as
    ``ruff format`` lays it out (so that formatting the sources leaves the file as it is)."""
    calls = []
    for message in messages:
        if isinstance(message, tuple):
            calls.append(_call("ngettext", [_literal(message[0]), _literal(message[1]), "1"]))
        else:
            calls.append(_call("N_", [_literal(message)]))
    return HEADER + "\n".join(calls) + "\n"


def _call(function: str, arguments: list[str], width: int = 120) -> str:
    one_line = f"    {function}({', '.join(arguments)})"
    if len(one_line) <= width:
        return one_line
    inner = "        " + ", ".join(arguments)
    if len(inner) <= width or len(arguments) == 1:
        return f"    {function}(\n{inner}\n    )"
    return f"    {function}(\n" + "".join(f"        {argument},\n" for argument in arguments) + "    )"


def _literal(text: str) -> str:
    """A double-quoted Python string literal (the style ruff format keeps)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def main() -> int:
    text = module_text(template_messages())
    if MODULE.read_text(encoding="utf-8") == text:
        print(f"{MODULE.name} is up to date")
        return 0
    MODULE.write_text(text, encoding="utf-8")
    print(f"wrote {MODULE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The Typst source of a booklet: its resolved content in benchmarks/typst/booklet.typ.

Loaded and resolved by booklet itself (figures as Turkish text, suffixes applied), so Typst
sets the very words ``booklet build`` sets; sections, their paragraphs in order, bold spans
and call-outs; icons, figures drawn and the back cover are left out.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from booklet.assets import fonts_folder
from booklet.content.load import load_booklet
from booklet.diagnostics import Report
from booklet.fonts import register
from booklet.resolve import Resolved, resolve
from booklet.turkish import format_month

TEMPLATE = Path(__file__).resolve().parent / "typst" / "booklet.typ"


def _string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def _paragraph(para: Resolved) -> str:
    parts = [f"#strong({_string(s.text)})" if s.bold else f"#{_string(s.text)}" for s in para.spans if s.text]
    body = "".join(parts)
    if para.highlight:
        return f"#block(fill: luma(235), inset: 8pt, width: 100%)[{body}]"
    return body


def _paragraphs(value) -> list[Resolved]:
    """Every resolved paragraph inside a block, in reading order."""
    if isinstance(value, Resolved):
        return [value]
    if isinstance(value, (tuple, list)):
        return [p for v in value for p in _paragraphs(v)]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [p for f in dataclasses.fields(value) for p in _paragraphs(getattr(value, f.name))]
    return []


def booklet_source(booklet_dir: Path) -> str:
    report = Report()
    booklet = load_booklet(booklet_dir, report)
    resolved, _resolver = resolve(booklet, register(fonts_folder(booklet_dir)), report)
    meta = resolved.meta
    lines = [
        TEMPLATE.read_text(encoding="utf-8"),
        f"#show: booklet.with(width: {meta.page_size.width_mm}mm, height: {meta.page_size.height_mm}mm, "
        f"province: {_string(meta.province.value)}, title: {_string(meta.title.value)}, "
        f"date: {_string(format_month(meta.date))})",
        "",
        f"#heading(level: 1, {_string(resolved.introduction_title.value if resolved.introduction_title else 'Sunuş')})",
    ]
    lines += [_paragraph(p) + "\n" for p in resolved.introduction]
    for section in resolved.sections:
        lines.append("#pagebreak(weak: true)")
        lines.append(f"#heading(level: 1, {_string(section.title.plain)})")
        lines += [_paragraph(p) + "\n" for p in section.intro]
        for block in section.blocks:
            lines += [_paragraph(p) + "\n" for p in _paragraphs(block)]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    import sys

    print(booklet_source(Path(sys.argv[1])))

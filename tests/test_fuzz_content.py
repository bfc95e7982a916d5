"""Property: whatever lands in a content file, the loader answers with its own diagnostics.

Random YAML structures (biased toward the schema's keys so they get past the first check)
and random Unicode text are written into the booklet's files; ``check`` must either pass or
raise :class:`BookletError` — never another exception.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from booklet.build import build, check
from booklet.content.schema import RECORDS
from booklet.diagnostics import BookletError, Report

from .conftest import CONTENT_ROOT

BOOKLET = "elazig/2024-2"

KEYS = sorted({key for fields in RECORDS.values() for key in fields} | {"shm_sayisi", "aile", "x"})
FILES = [
    "elazig/2024-2/booklet.yaml",
    "elazig/2024-2/figures.yaml",
    "prose/prose.yaml",
    "prose/theme.yaml",
    "prose/sections/01-aile-ve-toplum.yaml",
]
SETTINGS = settings(
    max_examples=120,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    text,
    st.sampled_from(["{shm_sayisi}", "**kalın", "> alıntı", "{il}", "A4", "2024-05", "#12AB34", "count"]),
)
structures = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(KEYS), text), children, max_size=5),
    ),
    max_leaves=25,
)


def run_check(root: Path) -> None:
    try:
        check(root, Report())
    except BookletError as exc:
        assert exc.report.errors, "a BookletError must carry at least one error"
        for diagnostic in exc.report.diagnostics:
            assert diagnostic.message and str(diagnostic.location)


def _fresh(tmp: Path) -> Path:
    """A fresh copy of content/; files are named from it, the booklet is elazig/2024-2."""
    root = tmp / "content"
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(CONTENT_ROOT, root)
    return root


@SETTINGS
@given(file=st.sampled_from(FILES), value=structures)
def test_random_structures_give_only_diagnostics(tmp_path_factory, file, value):
    root = _fresh(tmp_path_factory.getbasetemp())
    (root / file).write_text(yaml.safe_dump(value, allow_unicode=True), encoding="utf-8")
    run_check(root / BOOKLET)


@SETTINGS
@given(file=st.sampled_from(FILES), raw=st.text(max_size=300))
def test_random_text_gives_only_diagnostics(tmp_path_factory, file, raw):
    root = _fresh(tmp_path_factory.getbasetemp())
    (root / file).write_text(raw, encoding="utf-8", errors="surrogatepass")
    run_check(root / BOOKLET)


@SETTINGS
@given(figure=text, words=text)
def test_random_prose_gives_only_diagnostics(tmp_path_factory, figure, words):
    root = _fresh(tmp_path_factory.getbasetemp())
    section = root / "prose/sections/07-yatirimlar.yaml"
    data = yaml.safe_load(section.read_text(encoding="utf-8"))
    data["blocks"].append({"text": f"{words} {{{figure}}} **{words}** > {figure}"})
    section.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    run_check(root / BOOKLET)


@settings(SETTINGS, max_examples=40)
@given(words=st.text(st.characters(min_codepoint=32, max_codepoint=0x17F), min_size=1, max_size=400))
def test_random_prose_lays_out_or_reports(tmp_path_factory, words):
    root = _fresh(tmp_path_factory.getbasetemp())
    section = root / "prose/sections/07-yatirimlar.yaml"
    data = yaml.safe_load(section.read_text(encoding="utf-8"))
    data["blocks"].append({"subsection": {"title": words[:60], "icon": "yatirim", "text": words}})
    section.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    try:
        build(root / BOOKLET, root / "out")
    except BookletError as exc:
        assert exc.report.errors

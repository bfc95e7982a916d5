"""How a booklet process starts and ends: the costs a one-shot command should not pay.

- ReportLab compiles a case-insensitive web-address pattern (``paragraph.uri_pat``) when
  ``reportlab.platypus.paragraph`` is imported: about a fifth of the cost of importing
  ReportLab, for a pattern used only to hyphenate a word that contains ``://``. The import
  of that module is given a stand-in that compiles the real pattern the first time it sees
  such a text. ReportLab's files are not changed; only that one ``re.compile`` call, while
  that one module is imported, is answered differently. :func:`install` does this.
- A one-shot command that has written and closed its output has nothing left to do but
  free memory; :func:`leave` ends the process without the interpreter's teardown.
- The cyclic garbage collector finds nothing to free while a booklet is built (what a
  build makes lives until it ends, or is freed by reference counting) but walks the
  growing heap again and again; :func:`collector_paused` switches it off for one build.
"""

from __future__ import annotations

import contextlib
import gc
import importlib.machinery
import os
import re
import sys
from collections.abc import Iterator

URI_MODULE = "reportlab.platypus.paragraph"
URI_PATTERN_START = "(^(?:[a-z0-9\\.\\-\\+]*)://)"  # the scheme and its "://" are required


class DeferredURIPattern:
    """ReportLab's ``uri_pat``, compiled on the first text that could match it.

    Every match needs a literal ``://`` (the pattern's first group), so a text without one
    is answered ``None`` without the pattern, which is exactly what the pattern would say.
    """

    def __init__(self, pattern: str, flags: int):
        self.pattern, self.flags = pattern, flags
        self._compiled: re.Pattern | None = None

    def compiled(self) -> re.Pattern:
        if self._compiled is None:
            self._compiled = _real_compile(self.pattern, self.flags)
        return self._compiled

    def match(self, string, *args):
        if isinstance(string, str) and "://" not in string:
            return None
        return self.compiled().match(string, *args)

    def __getattr__(self, name: str):
        return getattr(self.compiled(), name)


_real_compile = re.compile


def _deferring_compile(pattern, flags=0):
    if isinstance(pattern, str) and pattern.startswith(URI_PATTERN_START):
        return DeferredURIPattern(pattern, flags)
    return _real_compile(pattern, flags)


class _DeferringLoader:
    """Runs the wrapped loader with ``re.compile`` answering the URI pattern lazily."""

    def __init__(self, loader):
        self.loader = loader

    def create_module(self, spec):
        return self.loader.create_module(spec)

    def exec_module(self, module) -> None:
        re.compile = _deferring_compile
        try:
            self.loader.exec_module(module)
        finally:
            re.compile = _real_compile

    def __getattr__(self, name: str):  # get_source, get_code, is_package … for tracebacks and tools
        return getattr(self.loader, name)


class _DeferringFinder:
    """Finds ReportLab's paragraph module as usual and hands it to :class:`_DeferringLoader`."""

    def find_spec(self, name, path, target=None):
        if name != URI_MODULE:
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path, target)
        if spec is not None and spec.loader is not None:
            spec.loader = _DeferringLoader(spec.loader)
        return spec


def install() -> None:
    """Defer ReportLab's URI pattern (once per process, before ReportLab is imported)."""
    if URI_MODULE in sys.modules or any(isinstance(f, _DeferringFinder) for f in sys.meta_path):
        return
    sys.meta_path.insert(0, _DeferringFinder())


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic collector off for the duration, and back as it was after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def leave(code: int = 0) -> None:
    """End a one-shot command now: flush what was printed, then exit without teardown
    (no module clean-up, no freeing of every object one by one). The output files were
    closed and renamed into place before this is called."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(code)

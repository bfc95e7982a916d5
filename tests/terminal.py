"""Child processes that receive Ctrl-C as they would from a terminal."""

from __future__ import annotations

import signal


def ctrl_c_reaches_it() -> None:
    """``preexec_fn`` for a command a test interrupts: SIGINT back to its default. A shell
    without job control starts background jobs with SIGINT ignored and children inherit it,
    so a test run started that way (``bash .ci/run &``) would never see the Ctrl-C it sends."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)

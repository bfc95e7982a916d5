"""booklet: structured Turkish content in, a print-ready booklet PDF out."""

from . import process as _process

__version__ = "0.1.0"

_process.install()  # before anything imports ReportLab


def main() -> None:
    """The ``booklet`` command. Ctrl-C while the command line is still being loaded (a
    fifth of a second of imports) ends it with status 130 and one line, not a traceback."""
    import sys

    try:
        from .cli import run
    except KeyboardInterrupt:
        from . import i18n

        i18n.setup(next((a.split("=", 1)[-1] for a in sys.argv if a.startswith("--lang=")), None) or _lang_arg())
        sys.stderr.write(i18n._("interrupted before anything was done") + "\n")
        raise SystemExit(130) from None
    run()


def _lang_arg() -> str | None:
    import sys

    args = sys.argv[1:]
    return args[args.index("--lang") + 1] if "--lang" in args[:-1] else None

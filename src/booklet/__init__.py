"""booklet: structured Turkish content in, a print-ready booklet PDF out."""

from . import process as _process

__version__ = "0.1.0"

_process.install()  # before anything imports ReportLab

"""booklet: structured Turkish content in, a print-ready booklet PDF out."""

__version__ = "0.1.0"

#!/usr/bin/env bash
# Rebuilds pdfx4-ghostscript.pdf: a PDF/X-4 file written by Ghostscript's pdfwrite, not by booklet,
# for the test that the preflight passes a conforming file it did not make. Needs Ghostscript.
# Usage: make.sh [OUTPUT.pdf] (default: the vendored pdfx4-ghostscript.pdf beside this script;
# tests/test_preflight_corpus.py also runs it at test time with the installed Ghostscript).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/../../.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
out="${1:-$here/pdfx4-ghostscript.pdf}"
# the FOGRA39 profile, its header date set to 2024-04-01 so that it is not later than the document
python3 - "$root/assets/icc/FOGRA39-free.icc" "$work/fogra39.icc" <<'PY'
import struct, sys
data = bytearray(open(sys.argv[1], "rb").read())
data[24:36] = struct.pack(">6H", 2024, 4, 1, 0, 0, 0)
open(sys.argv[2], "wb").write(data)
PY
sed "s|@PROFILE@|$work/fogra39.icc|" "$here/pdfx4_def.ps" > "$work/pdfx4_def.ps"
gs -q -dBATCH -dNOPAUSE -dSAFER --permit-file-read="$work/" -sFONTPATH="$root/assets/fonts" \
  -dPDFX -sColorConversionStrategy=CMYK -sProcessColorModel=DeviceCMYK \
  -sDEVICE=pdfwrite -sOutputFile="$out" "$work/pdfx4_def.ps" "$here/pages.ps"

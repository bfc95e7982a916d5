"""What the studio's HTTP tests share: a client over a copy of the content, in Turkish, and
readers of what a person sees in the answers (the fixtures ``content`` and ``client`` are in
conftest.py)."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pypdfium2 as pdfium
from starlette.testclient import TestClient

from booklet.studio.app import create_app
from booklet.studio.server import allowed_hosts

from .conftest import normalise

CSRF = "test-csrf-token"
BASE = "http://127.0.0.1:8470"
B = "/b/elazig/2024-2"
SECTION = "prose/sections/01-aile-ve-toplum.yaml"
FIGURES = "elazig/2024-2/figures.yaml"


def make_client(content: Path, out: Path, **options) -> TestClient:
    options.setdefault("allowed_hosts", allowed_hosts("127.0.0.1", 8470))
    base_url = options.pop("base_url", BASE)
    app = create_app(content, out, language=options.pop("language", "tr"), csrf_token=CSRF, **options)
    return TestClient(app, base_url=base_url, headers={"X-CSRF-Token": CSRF})


def text(html: str) -> str:
    """What a person reads: tags dropped, entities decoded, spaces collapsed."""
    from html import unescape

    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def field(html: str, name: str) -> str:
    return re.search(rf'name="{re.escape(name)}" value="([^"]*)"', html).group(1)


def figures_form(html: str) -> dict[str, str]:
    """The figures table as the browser would post it untouched."""
    form = {"version": field(html, "version")}
    for name, value in re.findall(r'name="((?:value|was):\w+)" value="([^"]*)"', html):
        form[name] = value
    for name in re.findall(r'name="(current:\w+)" value="1" checked', html):
        form[name] = "1"
    return form


def pdf_text(path: Path) -> str:
    document = pdfium.PdfDocument(str(path))
    try:
        return normalise(" ".join(page.get_textpage().get_text_range() for page in document))
    finally:
        document.close()


def md5(path: Path) -> str:
    return hashlib.md5(path.read_bytes()).hexdigest()


def changed_pages(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'class="page changed" id="page-(\d+)"', html)]


def upload(client, name: str, data: bytes):
    return client.post(f"{B}/import", files={"sheet": (name, data, "application/octet-stream")})


TURKISH_CSV = "anahtar;değer\nasdep_hane_sayisi;95.120\nshm_sayisi;3\nsed_tahsis_tutari;190,5 milyon TL\n".encode()

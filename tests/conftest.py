"""Shared fixtures: the shipped booklet is built once per test session and read back."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from booklet import i18n
from booklet.build import build, targets_for

ROOT = Path(__file__).resolve().parent.parent
CONTENT_ROOT = ROOT / "content"
CONTENT = CONTENT_ROOT / "elazig" / "2024-2"  # the shipped booklet: Elazığ, period 2024-2
PROSE = CONTENT_ROOT / "prose"  # the prose it shares with every province
DATA = Path(__file__).resolve().parent / "data"
MM = 72 / 25.4


@pytest.fixture(scope="session", autouse=True)
def english_messages():
    """Tests read the English messages whatever the machine's locale; i18n tests switch locally."""
    i18n.setup("en")


@pytest.fixture(scope="session")
def build_all(tmp_path_factory):
    """The shipped booklet built for every target, as ``booklet build`` does by default."""
    out = tmp_path_factory.mktemp("output")
    return build(CONTENT, out, targets=targets_for("all", 3.0, True))


@pytest.fixture(scope="session")
def built(build_all) -> Path:
    return build_all.files[0].path


@pytest.fixture(scope="session")
def print_pdf(build_all) -> Path:
    return build_all.files[1].path


@pytest.fixture(scope="session")
def pdf(built):
    document = pdfium.PdfDocument(str(built))
    yield document
    document.close()


def normalise(text: str) -> str:
    """Undo what typesetting adds: soft hyphens at line ends, line breaks, no-break spaces."""
    text = re.sub(r"[\ufffe\x02]\s*", "", text)
    text = text.replace("\xa0", " ")
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="session")
def body_text(pdf) -> str:
    """The reading text of the whole booklet, without running heads and folios."""
    parts = []
    for page in pdf:
        width, height = page.get_size()
        textpage = page.get_textpage()
        parts.append(textpage.get_text_bounded(0, 18 * MM, width, height - 17 * MM).strip())
    # a word hyphenated across a page break ends the page with a hyphen (PDFium may read it as a soft one)
    return normalise(re.sub(r"(?<=\w)[-\xad]\n(?=\w)", "", "\n".join(parts)))


@pytest.fixture(scope="session")
def page_texts(pdf) -> list[str]:
    return [normalise(page.get_textpage().get_text_range()) for page in pdf]


@pytest.fixture()
def booklet_copy(tmp_path) -> Path:
    """A writable copy of content/ (for tests that break it on purpose); returns the booklet folder."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT_ROOT, target)
    return target / "elazig" / "2024-2"


def shared(booklet: Path) -> Path:
    """The shared prose folder of a copied booklet."""
    return (booklet / "../../prose").resolve()


@pytest.fixture()
def content(tmp_path) -> Path:
    """A copy of the shipped content folder (Elazığ 2024-2 and the shared prose)."""
    import shutil

    target = tmp_path / "content"
    shutil.copytree(CONTENT_ROOT, target)
    return target


@pytest.fixture()
def client(content, tmp_path):
    """The studio over ``content``, in Turkish, as an HTTP client (see studio_helpers.py)."""
    from booklet import i18n

    from .studio_helpers import make_client

    yield make_client(content, tmp_path / "output")
    i18n.setup("en")


@pytest.fixture()
def without_ghostscript(monkeypatch):
    """Preflight without rendered separations (the ink rule estimates): fast, for rules that never render ink."""
    monkeypatch.setenv("BOOKLET_GHOSTSCRIPT", "")


@pytest.fixture(scope="session")
def ghostscript() -> str:
    """Ghostscript, for the tests that measure separations; .ci/run installs it."""
    from booklet.preflight.ink import ghostscript as find

    found = find()
    if found is None:
        pytest.skip("Ghostscript (gs) is not installed: apt-get install ghostscript")
    return found

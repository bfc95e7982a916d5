"""booklet studio in a real browser: Debian's Chromium driven by Playwright.

Each step writes a screenshot to output/studio-screenshots/ (looked at by a person, see the
README), and the time from pressing save to the updated page image being loaded is written
to output/studio-screenshots/save-to-preview.txt. No assertion is about time.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import threading
from pathlib import Path

import pytest

pytest.importorskip("starlette")
playwright_api = pytest.importorskip("playwright.sync_api")

from booklet import i18n  # noqa: E402

from .conftest import CONTENT_ROOT, ROOT  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SHOTS = ROOT / "output" / "studio-screenshots"
B = "/b/elazig/2024-2"

if not CHROMIUM.exists():
    if os.environ.get("CI"):
        pytest.fail("Chromium is missing: .ci/run installs it with apt-get", pytrace=False)
    pytest.skip("Debian's chromium is not installed", allow_module_level=True)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The studio on a free port of 127.0.0.1, over a copy of the content, in Turkish."""
    import uvicorn

    from booklet.studio.app import create_app
    from booklet.studio.server import allowed_hosts

    folder = tmp_path_factory.mktemp("studio")
    content = folder / "content"
    shutil.copytree(CONTENT_ROOT, content)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    port = sock.getsockname()[1]
    app = create_app(content, folder / "output", language="tr", allowed_hosts=allowed_hosts("127.0.0.1", port))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        thread.join(0.05)
    yield {"url": f"http://127.0.0.1:{port}", "content": content, "output": folder / "output"}
    server.should_exit = True
    thread.join(10)
    sock.close()
    i18n.setup("en")


@pytest.fixture(scope="module")
def browser():
    SHOTS.mkdir(parents=True, exist_ok=True)
    load = ", ".join(f"{n:.1f}" for n in os.getloadavg())
    (SHOTS / "save-to-preview.txt").write_text(f"load average at the start: {load} ({os.cpu_count()} cores)\n", "utf-8")
    with playwright_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser, server):
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="tr-TR")
    tab = context.new_page()
    # waits, not timings: a loaded 2-core CI machine may take several seconds for a rebuild
    tab.set_default_timeout(60_000)
    playwright_api.expect.set_options(timeout=60_000)
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    expected = ("status of 422", "status of 409")  # a refused save answers so, on purpose

    def console(message) -> None:
        if message.type == "error" and not any(e in message.text for e in expected):
            errors.append(message.text)

    tab.on("console", console)
    yield tab
    context.close()
    assert errors == [], errors  # no script error, no refused resource (CSP), no failed request


def shot(page, name: str) -> None:
    page.screenshot(path=str(SHOTS / f"{name}.png"), caret="initial")  # "hide" injects a style the CSP refuses


def record(what: str, page) -> None:
    """The save's times as the page measured them: to the answer, and to the new images."""
    times = page.evaluate(
        "() => [document.documentElement.dataset.answerMs, document.documentElement.dataset.previewMs]"
    )
    with (SHOTS / "save-to-preview.txt").open("a", encoding="utf-8") as out:
        out.write(f"{what}: {times[1]} ms (answer after {times[0]} ms)\n")


def page_digest(page, number: int) -> str:
    return page.locator(f"#page-{number} img").get_attribute("src")


def test_edit_a_figure_and_see_the_page_preview_change(page, server):
    page.goto(server["url"] + B + "/figures")
    shot(page, "01-figures-table")
    before = page_digest(page, 3)
    box = page.locator("#v-asdep_hane_sayisi")
    box.fill("95.120")
    printed = page.locator("#out-asdep_hane_sayisi")
    playwright_api.expect(printed).to_have_text("95.120")
    page.get_by_role("button", name="Rakamları kaydet").click()
    playwright_api.expect(page.locator("#figures-status")).to_contain_text("1 rakam değişti")
    playwright_api.expect(page.locator("#preview")).to_contain_text("Güncellenen sayfa: 3.")
    page.wait_for_function("() => document.documentElement.dataset.previewMs !== undefined")
    record("figure asdep_hane_sayisi 92.783 → 95.120", page)
    after = page_digest(page, 3)
    assert after != before and page_digest(page, 2) is not None
    assert page.locator(".page.changed").count() == 1
    assert page.locator("#page-3 img").evaluate("img => img.complete && img.naturalWidth > 0")
    page.locator("#page-3").scroll_into_view_if_needed()
    shot(page, "02-figure-saved-page-3-updated")
    saved = (server["content"] / "elazig" / "2024-2" / "figures.yaml").read_text(encoding="utf-8")
    assert "asdep_hane_sayisi: {value: 95120, kind: count" in saved and "# Aile ve Toplum Hizmetleri" in saved
    for value in ("95.121", "95.122"):  # two more saves, for the timings
        page.locator("#v-asdep_hane_sayisi").fill(value)
        playwright_api.expect(page.locator("#out-asdep_hane_sayisi")).to_have_text(value)
        page.get_by_role("button", name="Rakamları kaydet").click()
        page.wait_for_function("() => document.documentElement.dataset.previewMs !== undefined")
        record(f"figure asdep_hane_sayisi → {value}", page)


def test_type_a_broken_value_and_see_the_located_turkish_error(page, server):
    page.goto(server["url"] + B + "/figures")
    page.locator("#v-asdep_hane_sayisi").fill("92,783")
    error = page.locator("#out-asdep_hane_sayisi .cell-error")
    playwright_api.expect(error).to_contain_text("elazig/2024-2/figures.yaml, satır 9, sütun 28")
    playwright_api.expect(error).to_contain_text("'92,783' belirsiz")
    error.scroll_into_view_if_needed()
    shot(page, "03-broken-value-located-error")

    page.goto(server["url"] + B + "/text?file=prose/sections/01-aile-ve-toplum.yaml")
    editor = page.locator("#editor")
    text = editor.input_value()
    broken = text.replace("{shm_sayisi}", "{shm_sayis}")
    editor.fill(broken)
    page.get_by_role("button", name="Kaydet", exact=True).click()
    status = page.locator("#save-status")
    playwright_api.expect(status).to_contain_text("Kaydedilmedi: metinde hata var.")
    problem = page.locator("#editor-result .problems li.error").first
    playwright_api.expect(problem).to_contain_text("bilinmeyen rakam '{shm_sayis}'")
    playwright_api.expect(problem).to_contain_text("satır 16, sütun 27")
    problem.locator("a.jump").click()
    playwright_api.expect(page.locator("#caret")).to_have_text("satır 16, sütun 27")
    at = editor.evaluate("area => area.value.slice(area.selectionStart, area.selectionStart + 11)")
    assert at == "{shm_sayis}"
    shot(page, "04-text-error-listed-and-jumped-to")

    # completion: { lists the figures, Enter inserts the chosen one
    editor.press("End")
    editor.type(" {asdep_ha")
    listbox = page.locator("#completion")
    playwright_api.expect(listbox).to_be_visible()
    playwright_api.expect(listbox.locator("li").first).to_contain_text("asdep_hane_sayisi")
    shot(page, "05-completion-of-figures")
    editor.press("Enter")
    assert "{asdep_hane_sayisi}" in editor.input_value()
    playwright_api.expect(listbox).to_be_hidden()
    page.get_by_role("button", name="Taslağı at").count()  # the draft stays until discarded
    original = (server["content"] / "prose" / "sections" / "01-aile-ve-toplum.yaml").read_text(encoding="utf-8")
    assert original == text  # the broken text never reached the file


def test_a_text_save_updates_the_preview(page, server):
    lists: list[str] = []
    page.on("request", lambda request: lists.append(request.url) if "/completions" in request.url else None)
    page.goto(server["url"] + B + "/text?file=prose/sections/01-aile-ve-toplum.yaml")
    discard = page.get_by_role("button", name="Taslağı at")
    if discard.count():  # the broken text of the test before is a draft
        with page.expect_navigation():  # the answer sends the page to the file again (HX-Redirect)
            discard.click()
        playwright_api.expect(page.get_by_role("button", name="Taslağı at")).to_have_count(0)
    editor = page.locator("#editor")
    playwright_api.expect(editor).not_to_have_value(re.compile(r"\{shm_sayis\}"))
    original = editor.input_value()
    assert "bulunmaktadır." in original
    for number, words in enumerate(("hizmet vermektedir.", "yer almaktadır.", "bulunmaktadır.")):
        before = page_digest(page, 3)
        editor.fill(original.replace("bulunmaktadır.", words, 1))
        page.keyboard.press("Control+s")
        playwright_api.expect(page.locator("#save-status")).to_contain_text("Kaydedildi; PDF")
        page.wait_for_function("() => document.documentElement.dataset.previewMs !== undefined")
        record(
            f"text of a subsection → '{words}' (Ctrl+S)",
            page,
        )
        playwright_api.expect(page.locator("#page-3 img")).not_to_have_attribute("src", before)
        assert page.locator(".page.changed").count() == 1
        if number == 0:
            shot(page, "06-text-saved-preview-updated")
    assert len(lists) <= 1  # the list of figures is asked for once, however much is typed


def test_upload_a_spreadsheet_and_confirm_it(page, server, tmp_path):
    sheet = tmp_path / "yeni-rakamlar.csv"
    sheet.write_text("anahtar;değer\nshm_sayisi;3\nsed_tahsis_tutari;190,5 milyon TL\n", encoding="utf-8")
    page.goto(server["url"] + B + "/figures")
    page.locator("#sheet").set_input_files(str(sheet))
    page.get_by_role("button", name="Değişiklikleri göster").click()
    plan = page.locator("#import-plan")
    playwright_api.expect(plan).to_contain_text("2 rakam değişecek. Henüz hiçbir şey yazılmadı.")
    playwright_api.expect(plan).to_contain_text("190,5 milyon TL")
    plan.scroll_into_view_if_needed()
    shot(page, "07-spreadsheet-dry-run")
    figures = server["content"] / "elazig" / "2024-2" / "figures.yaml"
    assert "{value: 2, kind" in figures.read_text(encoding="utf-8")  # nothing written before confirming
    page.get_by_role("button", name="Onayla ve kaydet").click()
    playwright_api.expect(page.locator("#figures-status")).to_contain_text("Tablodaki rakamlar kaydedildi.")
    playwright_api.expect(page.locator("#out-shm_sayisi")).to_have_text("3")
    page.wait_for_function("() => document.documentElement.dataset.previewMs !== undefined")
    record("spreadsheet confirmed (2 figures)", page)
    shot(page, "08-spreadsheet-confirmed")
    assert "{value: 3, kind" in figures.read_text(encoding="utf-8")
    page.get_by_role("button", name="Son aktarımı geri al").click()
    playwright_api.expect(page.locator("#figures-status")).to_contain_text("Aktarım geri alındı")
    playwright_api.expect(page.locator("#out-shm_sayisi")).to_have_text("2")
    shot(page, "09-import-undone")


def test_open_the_print_view(page, server):
    page.goto(server["url"] + B + "/print")
    playwright_api.expect(page.locator("#preflight-title")).to_contain_text("baskıya hazır")
    images = page.locator(".print-pages img")
    assert images.count() == 16
    images.first.scroll_into_view_if_needed()
    page.wait_for_function(
        "() => Array.from(document.querySelectorAll('.print-pages img')).slice(0, 5).every(i => i.complete && i.naturalWidth)"
    )
    shot(page, "10-print-view")
    page.goto(server["url"] + B + "/pages/1")
    playwright_api.expect(page.locator("h1")).to_have_text("Sayfa 1 / 13")
    page.wait_for_function("() => document.querySelector('.full-page').complete")
    shot(page, "11-full-page")


def test_an_import_made_on_the_command_line_is_undone_in_the_studio(page, server, tmp_path):
    """One undo: the studio shows and undoes what ``booklet figures import`` did."""
    import subprocess
    import sys

    booklet = server["content"] / "elazig" / "2024-2"
    sheet = tmp_path / "komut-satiri.csv"
    sheet.write_text("anahtar;değer\nshm_sayisi;5\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "booklet", "figures", "import", str(booklet), str(sheet)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    page.goto(server["url"] + B + "/figures")
    playwright_api.expect(page.locator("#v-shm_sayisi")).to_have_value("5")
    undo = page.get_by_role("button", name="Son aktarımı geri al")
    playwright_api.expect(undo).to_be_visible()
    page.locator("#row-shm_sayisi").scroll_into_view_if_needed()
    shot(page, "12-command-line-import-with-undo")
    undo.click()
    playwright_api.expect(page.locator("#figures-status")).to_contain_text("Aktarım geri alındı")
    playwright_api.expect(page.locator("#v-shm_sayisi")).to_have_value("2")
    playwright_api.expect(page.get_by_role("button", name="Son aktarımı geri al")).to_have_count(0)
    page.locator("#row-shm_sayisi").scroll_into_view_if_needed()
    shot(page, "13-command-line-import-undone")
    assert not (booklet / ".booklet-undo").exists()


def test_dashboard_new_province_publish_and_reopen(page, server):
    page.on("dialog", lambda dialog: dialog.accept())  # hx-confirm asks before publishing
    page.goto(server["url"] + "/")
    form = page.locator("section.new-province form")
    form.get_by_label("İl").fill("Malatya")
    form.get_by_label("Dönem").fill("2024-2")
    form.get_by_label("Ay").fill("2024-05")
    form.get_by_role("button", name="Oluştur").click()
    page.wait_for_url(re.compile(r".*/b/malatya/2024-2/figures$"))
    playwright_api.expect(page.locator("#v-shm_sayisi")).to_have_value("")
    assert page.locator("input[name^='value:'][value='']").count() == 56
    shot(page, "14-new-province-every-figure-empty")

    page.goto(server["url"] + "/")
    malatya = page.locator("#booklet-malatya-2024-2")
    playwright_api.expect(malatya).to_contain_text("oluşturulamıyor")
    shot(page, "15-dashboard-with-its-actions")
    elazig = page.locator("#booklet-elazig-2024-2")
    elazig.get_by_role("button", name="Yayımla").click()
    elazig = page.locator("#booklet-elazig-2024-2")
    playwright_api.expect(elazig).to_contain_text("yayımlandı")
    playwright_api.expect(elazig.get_by_role("button", name="Yeniden aç")).to_be_visible()
    shot(page, "16-dashboard-edition-published")

    page.goto(server["url"] + B + "/figures")
    banner = page.locator(".notice.published")
    playwright_api.expect(banner).to_contain_text("tarihinde yayımlandı")
    playwright_api.expect(page.locator("#v-asdep_hane_sayisi")).to_have_attribute("readonly", "")
    playwright_api.expect(page.get_by_role("button", name="Rakamları kaydet")).to_have_count(0)
    shot(page, "17-published-edition-read-only")
    banner.get_by_role("button", name="Baskıyı yeniden aç").click()
    playwright_api.expect(page.locator(".notice.published")).to_have_count(0)
    playwright_api.expect(page.get_by_role("button", name="Rakamları kaydet")).to_be_visible()
    assert not (server["content"] / "elazig" / "2024-2" / "published").exists()


def test_an_editor_changes_five_figures_fixes_a_typo_and_downloads_the_print_package(page, server):
    """The issue's whole afternoon, without a terminal: from the dashboard to the print shop's zip."""
    import io
    import zipfile

    import pypdfium2 as pdfium

    page.goto(server["url"] + "/")
    page.locator("#booklet-elazig-2024-2").get_by_role("link", name="Elazığ").click()
    page.wait_for_url(re.compile(r".*/b/elazig/2024-2/figures$"))
    typed = {
        "eoe_katilimci_sayisi": "3.105",
        "aep_katilimci_sayisi": "21.007",
        "aile_danismanligi_basvuru_sayisi": "833",
        "bagimlilik_egitimi_kisi_sayisi": "6.042",
        "seyahat_karti_sayisi": "1.900",
    }
    for key, value in typed.items():
        page.locator(f"#v-{key}").fill(value)
        playwright_api.expect(page.locator(f"#out-{key}")).to_have_text(value)
    page.get_by_role("button", name="Rakamları kaydet").click()
    playwright_api.expect(page.locator("#figures-status")).to_contain_text("5 rakam değişti")
    page.wait_for_function("() => document.documentElement.dataset.previewMs !== undefined")
    record("five figures at once", page)
    shot(page, "18-five-figures-saved")

    page.goto(server["url"] + B + "/text?file=prose/sections/01-aile-ve-toplum.yaml")
    discard = page.get_by_role("button", name="Taslağı at")
    if discard.count():
        with page.expect_navigation():
            discard.click()
    editor = page.locator("#editor")
    text = editor.input_value()
    assert "ASDEP Programı; birey" in text
    editor.fill(text.replace("ASDEP Programı; birey", "ASDEP Programı, birey", 1))  # the typo fixed
    page.keyboard.press("Control+s")
    playwright_api.expect(page.locator("#save-status")).to_contain_text("Kaydedildi; PDF")
    page.wait_for_function("() => document.documentElement.dataset.previewMs !== undefined")
    record("typo fixed in a subsection (Ctrl+S)", page)
    shot(page, "19-typo-fixed-preview-updated")

    page.goto(server["url"] + "/")
    with page.expect_download(timeout=120_000) as download:
        page.locator("#booklet-elazig-2024-2").get_by_role("link", name="Baskı paketi").click()
    data = Path(download.value.path()).read_bytes()
    archive = zipfile.ZipFile(io.BytesIO(data))
    names = archive.namelist()
    assert "elazig-2024-2-package/elazig-2024-2-is-emri-job-ticket.txt" in names
    printed = archive.read("elazig-2024-2-package/elazig-2024-2-print.pdf")
    document = pdfium.PdfDocument(printed)
    try:
        words = " ".join(page_.get_textpage().get_text_range() for page_ in document).replace("\r\n", " ")
    finally:
        document.close()
    words = " ".join(words.split())
    for value in ("3.105", "21.007", "833", "6.042", "1.900'dür"):
        assert value in words, value
    assert "ASDEP Programı, birey" in words

"""booklet studio over HTTP: every route, what an editor sees, and the security rules.

The app runs in-process under Starlette's TestClient, in Turkish as editors use it, on a
copy of the shipped content (so saves really write files and really rebuild the PDF).
"""

from __future__ import annotations

import io
import os
import re
import signal
import subprocess
import sys
import zipfile

import pytest

pytest.importorskip("starlette")

from .conftest import ROOT  # noqa: E402
from .studio_helpers import (  # noqa: E402
    FIGURES,
    SECTION,
    TURKISH_CSV,
    B,
    changed_pages,
    field,
    figures_form,
    make_client,
    md5,
    pdf_text,
    text,
    upload,
)
from .terminal import ctrl_c_reaches_it  # noqa: E402

# --- pages ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/", "Kitapçıklar"),
        (f"{B}/figures", "Rakamları kaydet"),
        (f"{B}/text", "Bu metin ortaktır"),
        (f"{B}/text?file={FIGURES}", "Kaydet"),
        (f"{B}/pages", "Kitapçık açıldığı gibi"),
        (f"{B}/pages/3", "Sayfa 3 / 13"),
        (f"{B}/periods", "karşılaştırılacak daha önceki bir dönemi yok"),
        (f"{B}/icons", "sosyal-hizmet-merkezi"),
    ],
)
def test_every_page_answers_in_turkish_with_the_security_headers(client, url, expected):
    response = client.get(url)
    assert response.status_code == 200, response.text
    assert expected in text(response.text)
    assert '<html lang="tr">' in response.text
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["x-content-type-options"] == "nosniff"


def test_english_with_lang_en(content, tmp_path):
    english = make_client(content, tmp_path / "out", language="en")
    assert "Save the figures" in english.get(f"{B}/figures").text
    assert '<html lang="en">' in english.get("/").text


def test_the_dashboard_lists_each_booklet_with_its_state(client, content):
    from booklet.periods import new_period

    new_period(content / "elazig" / "2024-2", "2025-1", "2025-05")
    page = text(client.get("/").text)
    assert "Elazığ elazig/2024-2 2024-2 2024-05 oluşturuluyor 0 hata, 0 uyarı yok hayır" in page
    assert "elazig/2025-1 2025-1 2025-05 oluşturuluyor 0 hata, 1 uyarı 56 rakamdan 56 tanesi hayır" in page


def test_static_files_are_vendored_with_their_licence(client):
    htmx = client.get("/static/htmx.min.js")
    assert htmx.status_code == 200 and b"htmx" in htmx.content[:2000]
    assert "Zero-Clause BSD" in client.get("/static/LICENSE-htmx.txt").text
    page = client.get("/").text
    assert "://" not in re.sub(r'content="[^"]*"|href="http[^"]*"', "", page.split("<body")[0])  # no CDN


# --- figures ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("figure", "typed", "shown"),
    [
        ("asdep_hane_sayisi", "92.783", "92.783"),
        ("asdep_hane_sayisi", "95120", "95.120"),
        ("sed_tahsis_tutari", "188,1 milyon", "188,1 milyon TL"),
        ("sed_tahsis_tutari", "190.500.000", "190,5 milyon TL"),
        ("ucretsiz_bakim_orani", "%5", "%5"),
        ("ucretsiz_bakim_orani", "3,5", "%3,5"),
    ],
)
def test_a_value_typed_the_turkish_way_shows_how_it_will_print(client, figure, typed, shown):
    response = client.post(f"{B}/figures/check", data={"figure": figure, f"value:{figure}": typed})
    assert response.status_code == 200
    assert text(response.text) == shown


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("92,783", "'92,783' belirsiz"),
        ("188.1", "'188.1' belirsiz"),
        ("doksan", "'doksan' bir sayı değil"),
        ("-3", "'-3' negatif"),
        ("", "değer boş"),
    ],
)
def test_a_refused_value_is_located_in_turkish_as_it_is_typed(client, typed, reason):
    response = client.post(f"{B}/figures/check", data={"figure": "asdep_hane_sayisi", "value:asdep_hane_sayisi": typed})
    shown = text(response.text)
    assert shown.startswith(f"{FIGURES}, satır 9, sütun 28: asdep_hane_sayisi: "), shown
    assert reason in shown


def test_saving_a_figure_edits_only_its_value_and_rebuilds_the_page_it_is_on(client, content, tmp_path):
    figures = content / FIGURES
    before = figures.read_text(encoding="utf-8")
    form = figures_form(client.get(f"{B}/figures").text)
    form["value:asdep_hane_sayisi"] = "95.120"
    response = client.post(f"{B}/figures", data=form)
    assert response.status_code == 200, text(response.text)
    assert "1 rakam değişti; PDF" in text(response.text)
    after = figures.read_text(encoding="utf-8")
    assert after == before.replace("{value: 92783, kind: count", "{value: 95120, kind: count")
    assert changed_pages(response.text) == [3]
    assert "Güncellenen sayfa: 3." in text(response.text)
    assert "95.120 haneye" in pdf_text(tmp_path / "output" / "elazig-2024-2.pdf")


def test_untouched_values_are_never_written_back(client, content):
    """A stale page posts every value; only what the editor changed may reach the file."""
    form = figures_form(client.get(f"{B}/figures").text)
    # meanwhile the command line changes another figure …
    figures = content / FIGURES
    figures.write_text(figures.read_text(encoding="utf-8").replace("{value: 2, kind", "{value: 4, kind"), "utf-8")
    form["version"] = field(client.get(f"{B}/figures").text, "version")  # … and the editor reloads the version
    form["value:asdep_hane_sayisi"] = "95.120"
    assert client.post(f"{B}/figures", data=form).status_code == 200
    saved = figures.read_text(encoding="utf-8")
    assert "{value: 4, kind" in saved and "{value: 95120, kind" in saved


def test_a_refused_value_is_not_saved_kept_as_a_draft_and_the_pdf_stays(client, content, tmp_path):
    client.get(f"{B}/figures")  # builds the PDF
    pdf = tmp_path / "output" / "elazig-2024-2.pdf"
    good = md5(pdf)
    before = (content / FIGURES).read_bytes()
    form = figures_form(client.get(f"{B}/figures").text)
    form["value:asdep_hane_sayisi"] = "92,783"
    response = client.post(f"{B}/figures", data=form)
    assert response.status_code == 422
    shown = text(response.text)
    assert "Kaydedilmedi. Yazdığınız değerler taslak olarak saklandı; PDF olduğu gibi duruyor." in shown
    assert f"hata {FIGURES}, satır 9, sütun 28 asdep_hane_sayisi: '92,783' belirsiz" in shown
    assert f'href="{B}/text?file={FIGURES}#L9:28"' in response.text
    assert (content / FIGURES).read_bytes() == before and md5(pdf) == good
    again = client.get(f"{B}/figures").text
    assert 'value="92,783"' in again and "Kaydedilmemiş bir taslak gösteriliyor" in text(again)
    discarded = client.post(f"{B}/figures/discard")
    assert 'value="92,783"' not in discarded.text and "Taslak atıldı." in text(discarded.text)


def test_the_current_tick_clears_and_sets_the_stale_flag(client, content):
    from booklet.periods import new_period

    new_period(content / "elazig" / "2024-2", "2025-1", "2025-05")
    page = "/b/elazig/2025-1/figures"
    form = figures_form(client.get(page).text)
    assert not any(k.startswith("current:") for k in form)  # everything carried over is stale
    assert "56 rakam bu dönem için henüz güncellenmedi" in text(client.get(page).text)
    form["current:shm_sayisi"] = "1"
    response = client.post(page, data=form)
    assert "1 rakamın güncel olduğu onaylandı" in text(response.text)
    figures = content / "elazig" / "2025-1" / "figures.yaml"
    assert "shm_sayisi: {value: 2, kind: count, label: Sosyal Hizmet Merkezi sayısı}\n" in figures.read_text("utf-8")
    form = figures_form(response.text)
    del form["current:shm_sayisi"]
    client.post(page, data=form)
    assert "shm_sayisi: {value: 2, kind: count, label: Sosyal Hizmet Merkezi sayısı, stale: true}" in (
        figures.read_text("utf-8")
    )


def test_two_tabs_get_a_conflict_never_a_silent_overwrite(client, content):
    first = figures_form(client.get(f"{B}/figures").text)
    second = dict(first)
    first["value:shm_sayisi"] = "3"
    assert client.post(f"{B}/figures", data=first).status_code == 200
    second["value:asdep_hane_sayisi"] = "95.120"
    response = client.post(f"{B}/figures", data=second)
    assert response.status_code == 409
    assert "Kaydedilmedi: siz düzenlerken bu dosya başka bir yerde değiştirildi." in text(response.text)
    saved = (content / FIGURES).read_text("utf-8")
    assert "{value: 3, kind" in saved and "92783" in saved
    assert 'value="95.120"' in response.text  # the second tab's typing is still on the page
    assert 'value="95.120"' in client.get(f"{B}/figures").text  # and kept as a draft


# --- text ---------------------------------------------------------------------------------------


def open_section(client) -> tuple[str, str]:
    page = client.get(f"{B}/text", params={"file": SECTION}).text
    area = re.search(r'<textarea id="editor"[^>]*>(.*?)</textarea>', page, re.S).group(1)
    from html import unescape

    return unescape(area), field(page, "version")


def test_a_text_save_rebuilds_and_shows_the_pages_that_changed(client, content, tmp_path):
    source, version = open_section(client)
    assert source == (content / SECTION).read_text("utf-8")
    edited = source.replace("bulunmaktadır.", "hizmet vermektedir.", 1)
    response = client.post(f"{B}/text", data={"file": SECTION, "text": edited, "version": version})
    assert response.status_code == 200
    assert re.search(r"Kaydedildi; PDF \d,\d\d sn'de yeniden oluşturuldu\.", text(response.text))
    assert changed_pages(response.text) == [3]
    assert (content / SECTION).read_text("utf-8") == edited
    assert "Sosyal Hizmet Merkezi (SHM) hizmet vermektedir" in pdf_text(tmp_path / "output" / "elazig-2024-2.pdf")


def test_a_broken_text_is_located_in_turkish_kept_as_a_draft_and_the_pdf_stays(client, content, tmp_path):
    source, version = open_section(client)
    pdf = tmp_path / "output" / "elazig-2024-2.pdf"
    good = md5(pdf)
    broken = source.replace("{shm_sayisi}", "{shm_sayis}")
    response = client.post(f"{B}/text", data={"file": SECTION, "text": broken, "version": version})
    assert response.status_code == 422
    shown = text(response.text)
    assert "Kaydedilmedi: metinde hata var. Metin taslak olarak saklandı; dosya ve son geçerli PDF değişmedi." in shown
    assert f"hata {SECTION}, satır 16, sütun 27 bilinmeyen rakam '{{shm_sayis}}'" in shown
    assert 'data-line="16" data-col="27"' in response.text
    assert (content / SECTION).read_text("utf-8") == source and md5(pdf) == good
    again, _version = open_section(client)
    assert again == broken  # the draft is what the editor sees next time
    page = client.get(f"{B}/text", params={"file": SECTION}).text
    assert "denetimlerden geçmeyen taslağınızdır" in text(page)
    discard = client.post(f"{B}/text/discard", data={"file": SECTION})
    assert discard.status_code == 204 and discard.headers["HX-Redirect"].endswith(f"/text?file={SECTION}")
    assert open_section(client)[0] == source


def test_a_yaml_mistake_is_reported_not_written(client, content):
    source, version = open_section(client)
    broken = source.replace("title: Aile ve Toplum Hizmetleri", "title: Aile: ve: Toplum", 1)
    response = client.post(f"{B}/text", data={"file": SECTION, "text": broken, "version": version})
    assert response.status_code == 422
    assert f"{SECTION}, satır" in text(response.text)
    assert (content / SECTION).read_text("utf-8") == source


def test_text_conflict_keeps_both_sides(client, content):
    source, version = open_section(client)
    (content / SECTION).write_text(source.replace("SHM'lerde", "SHM’lerde"), "utf-8")  # another program saves
    mine = source.replace("bulunmaktadır.", "hizmet vermektedir.", 1)
    response = client.post(f"{B}/text", data={"file": SECTION, "text": mine, "version": version})
    assert response.status_code == 409
    assert "Hiçbir şeyin üzerine yazılmadı." in text(response.text)
    assert "SHM’lerde" in (content / SECTION).read_text("utf-8")
    assert open_section(client)[0] == mine  # the editor's words are kept as a draft


def test_completions_list_every_figure_with_its_printed_value(client):
    data = client.get(f"{B}/completions").json()
    by_name = {item["name"]: item for item in data["figures"]}
    assert by_name["il"]["printed"] == "Elazığ"
    assert by_name["asdep_hane_sayisi"]["printed"] == "92.783"
    assert by_name["sed_tahsis_tutari"]["printed"] == "188,1 milyon TL"
    assert len(by_name) == 57 and "'dir" in data["suffixes"] and "'de" in data["suffixes"]


def test_the_preview_poll_answers_204_until_a_file_changes(client, content):
    page = client.get(f"{B}/text").text
    digest = re.search(r'data-digest="(\w+)"', page).group(1)
    assert client.get(f"{B}/preview", params={"known": digest}).status_code == 204
    figures = content / FIGURES
    figures.write_text(figures.read_text("utf-8").replace("92783", "92784"), "utf-8")  # saved elsewhere
    response = client.get(f"{B}/preview", params={"known": digest})
    assert response.status_code == 200 and re.search(r'data-digest="(\w+)"', response.text).group(1) != digest


# --- spreadsheets ---------------------------------------------------------------------------


def test_upload_dry_run_then_confirm_then_undo(client, content, tmp_path):
    figures = content / FIGURES
    before = figures.read_bytes()
    plan = upload(client, "yeni-rakamlar.csv", TURKISH_CSV)
    assert plan.status_code == 200
    shown = text(plan.text)
    assert "yeni-rakamlar.csv dosyasından gelen değişiklikler 3 rakam değişecek. Henüz hiçbir şey yazılmadı." in shown
    assert "ASDEP kapsamında ulaşılan hane asdep_hane_sayisi 92.783 95.120 +2.337" in shown
    assert "188,1 milyon TL 190,5 milyon TL +2.400.000" in shown
    assert "53 rakam olduğu gibi kalıyor" in shown
    assert figures.read_bytes() == before  # a dry run writes nothing
    token = re.search(rf'hx-post="{B}/import/([\w-]+)"', plan.text).group(1)
    confirmed = client.post(f"{B}/import/{token}")
    assert confirmed.status_code == 200 and "Tablodaki rakamlar kaydedildi." in text(confirmed.text)
    saved = figures.read_text("utf-8")
    assert "{value: 95120, kind" in saved and "{value: 190500000, kind" in saved and "# Aile ve Toplum" in saved
    assert "95.120 haneye" in pdf_text(tmp_path / "output" / "elazig-2024-2.pdf")
    assert client.post(f"{B}/import/{token}").status_code == 404  # a plan is confirmed once
    undone = client.post(f"{B}/import/undo")
    assert undone.status_code == 200 and "Aktarım geri alındı" in text(undone.text)
    assert figures.read_bytes() == before
    assert client.post(f"{B}/import/undo").status_code == 404


def test_an_xlsx_upload_is_read_with_its_cell_types(client):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["key", "value"])
    book.active.append(["asdep_hane_sayisi", 95120])
    buffer = io.BytesIO()
    book.save(buffer)
    plan = upload(client, "rakamlar.xlsx", buffer.getvalue())
    assert plan.status_code == 200 and "92.783 95.120 +2.337" in text(plan.text)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("rakamlar.ods", b"x", "rakamlar bir .csv ya da .xlsx dosyasından alınır"),
        ("bozuk.xlsx", b"PK not a zip", "bu .xlsx dosyası bozuk ya da bir Excel çalışma kitabı değil"),
        ("yanlis.csv", b"key,value\nnope,3\nasdep_hane_sayisi,doksan\n", "satır 2: bilinmeyen rakam 'nope'"),
        (
            "yanlis.csv",
            b"key,value\nnope,3\nasdep_hane_sayisi,doksan\n",
            "3. satır: asdep_hane_sayisi: 'doksan' bir sayı değil",
        ),
        (
            "sutunsuz.csv",
            b"ad;soyad\n",
            "'anahtar' ve 'değer' (ya da 'key' ve 'value') sütunlarını adlandıran bir satır yok; ilk satır: ad, soyad",
        ),
    ],
)
def test_a_refused_upload_says_why_and_changes_nothing(client, content, name, data, message):
    before = (content / FIGURES).read_bytes()
    response = upload(client, name, data)
    assert response.status_code == 422
    assert message in text(response.text), text(response.text)
    assert "hx-post" not in response.text.split("problems")[-1]  # no confirm button
    assert (content / FIGURES).read_bytes() == before


def test_a_zip_bomb_xlsx_is_refused_before_it_is_opened(client):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (60 * 1024 * 1024))
    assert len(buffer.getvalue()) < 200_000
    response = upload(client, "bomba.xlsx", buffer.getvalue())
    assert response.status_code == 422 and "açıldığında 50 MB'tan büyük" in text(response.text)


def test_an_upload_over_the_limit_is_refused_before_it_is_read(client):
    response = upload(client, "buyuk.csv", b"key,value\n" + b"x" * (6 * 1024 * 1024))
    assert response.status_code == 413 and "en çok 5 MB" in text(response.text)

    def chunks():  # no Content-Length: the limit is counted while the body arrives
        for _ in range(7):
            yield b"x" * (1024 * 1024)

    streamed = client.post(f"{B}/import", content=chunks(), headers={"content-type": "multipart/form-data; boundary=x"})
    assert streamed.status_code == 413


def test_confirm_and_undo_refuse_when_the_figures_changed_in_between(client, content):
    figures = content / FIGURES
    plan = upload(client, "yeni.csv", TURKISH_CSV)
    token = re.search(rf'hx-post="{B}/import/([\w-]+)"', plan.text).group(1)
    figures.write_text(figures.read_text("utf-8").replace("{value: 2, kind", "{value: 4, kind"), "utf-8")
    assert client.post(f"{B}/import/{token}").status_code == 409
    assert "{value: 4, kind" in figures.read_text("utf-8") and "92783" in figures.read_text("utf-8")
    plan = upload(client, "yeni.csv", TURKISH_CSV)
    token = re.search(rf'hx-post="{B}/import/([\w-]+)"', plan.text).group(1)
    assert client.post(f"{B}/import/{token}").status_code == 200
    figures.write_text(figures.read_text("utf-8").replace("{value: 3, kind", "{value: 5, kind"), "utf-8")
    assert client.post(f"{B}/import/undo").status_code == 409  # undo would lose the later edit
    assert "{value: 5, kind" in figures.read_text("utf-8")


# --- pages, print, downloads, periods, icons ----------------------------------------------------


def test_page_images_are_named_by_their_pixels(client):
    page = client.get(f"{B}/pages").text
    images = re.findall(rf'src="{B}/page/(\w+)\.png"', page)
    assert len(images) == 13 and len(set(images)) == 13
    image = client.get(f"{B}/page/{images[2]}.png")
    assert image.headers["content-type"] == "image/png" and "immutable" in image.headers["cache-control"]
    large = client.get(f"{B}/page/{images[2]}/large.png")
    assert large.status_code == 200 and len(large.content) > len(image.content)
    assert client.get(f"{B}/page/..%2Fx.png").status_code == 404
    assert client.get(f"{B}/pages/15").status_code == 404


def test_print_view_shows_the_preflight_as_a_list_and_every_print_page(client):
    page = client.get(f"{B}/print")
    assert page.status_code == 200 and "script-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["x-frame-options"] == "DENY" and '<html lang="tr">' in page.text
    shown = text(page.text)
    assert "Ön baskı denetimi: baskıya hazır" in shown
    assert "kesim: kâğıdın kesildiği yer" in shown and "güvenli alan: metin kesimin 5 mm içinde kalır" in shown
    assert "Geçti" in shown and "Geçmedi" not in shown
    pages = re.findall(rf'src="{B}/print/(\d+)\.png"', page.text)
    assert pages == [str(n) for n in range(1, 17)]
    assert client.get(f"{B}/print/1.png").headers["content-type"] == "image/png"


def test_downloads(client, tmp_path):
    screen = client.get(f"{B}/download/screen.pdf")
    assert screen.headers["content-type"] == "application/pdf"
    assert 'filename="elazig-2024-2.pdf"' in screen.headers["content-disposition"]
    assert screen.content == (tmp_path / "output" / "elazig-2024-2.pdf").read_bytes()
    package = client.get(f"{B}/download/print-package.zip")
    assert 'filename="elazig-2024-2-package.zip"' in package.headers["content-disposition"]
    names = zipfile.ZipFile(io.BytesIO(package.content)).namelist()
    assert names == [  # the package `booklet package` writes, the same files
        f"elazig-2024-2-package/{name}"
        for name in (
            "SHA256SUMS",
            "elazig-2024-2-contact.png",
            "elazig-2024-2-imposed.pdf",
            "elazig-2024-2-is-emri-job-ticket.txt",
            "elazig-2024-2-preflight.json",
            "elazig-2024-2-preflight.pdf",
            "elazig-2024-2-print.pdf",
        )
    ]
    sheet = client.get(f"{B}/download/contact-sheet.png")
    assert sheet.content[:8] == b"\x89PNG\r\n\x1a\n"
    assert client.get(f"{B}/download/passwd").status_code == 404


def test_periods_table_puts_flagged_rows_first_with_bars(client, content):
    from booklet.periods import new_period

    new_period(content / "elazig" / "2024-2", "2025-1", "2025-05")
    figures = content / "elazig" / "2025-1" / "figures.yaml"
    figures.write_text(figures.read_text("utf-8").replace("value: 5978,", "value: 5100,"), "utf-8")
    page = client.get("/b/elazig/2025-1/periods")
    shown = text(page.text)
    assert "2024-2 → 2025-1: 56 rakam, bakılması gereken 56 rakam" in shown
    first = re.search(r'<tr class="flagged">(.*?)</tr>', page.text, re.S).group(1)
    assert "bagimlilik_egitimi_kisi_sayisi" in first and "-878" in first and "-14,7" in first
    assert 'class="down"' in first
    other = client.get("/b/elazig/2025-1/periods", params={"old": "elazig/2024-2"})
    assert other.status_code == 200
    assert client.get("/b/elazig/2025-1/periods", params={"old": "../../etc"}).status_code == 404


def test_icon_gallery_and_icons_served_sandboxed(client):
    page = text(client.get(f"{B}/icons").text)
    assert "sosyal-hizmet-merkezi booklet ile gelen kullanıldığı yer: Sosyal Hizmet Merkezi (SHM)" in page
    icon = client.get(f"{B}/icons/aile.svg")
    assert (
        icon.headers["content-type"].startswith("image/svg+xml")
        and "sandbox" in icon.headers["content-security-policy"]
    )
    assert client.get(f"{B}/icons/..%2F..%2Fpasswd.svg").status_code == 404


def test_build_and_new_period_from_the_dashboard(client, content, tmp_path):
    built = client.post(f"{B}/build")
    assert built.status_code == 200 and "elazig-2024-2-print.pdf" in built.text
    assert (tmp_path / "output" / "elazig-2024-2-print.pdf").is_file()
    created = client.post(f"{B}/new-period", data={"period": "2025-1", "date": "2025-05"})
    assert created.status_code == 204 and created.headers["HX-Redirect"] == "/b/elazig/2025-1/figures"
    assert (content / "elazig" / "2025-1" / "figures.yaml").is_file()
    again = client.post(f"{B}/new-period", data={"period": "2025-1", "date": "2025-05"})
    assert again.status_code == 422 and "elazig/2025-1 yeni klasör zaten var" in text(again.text)
    wrong = client.post(f"{B}/new-period", data={"period": "gelecek", "date": "2025-05"})
    assert wrong.status_code == 422


# --- security ---------------------------------------------------------------------------------


def state_changing_routes() -> list[str]:
    return [
        "/new-province",
        f"{B}/build",
        f"{B}/new-period",
        f"{B}/publish",
        f"{B}/reopen",
        f"{B}/figures",
        f"{B}/figures/check",
        f"{B}/figures/discard",
        f"{B}/import",
        f"{B}/import/undo",
        f"{B}/import/sometoken",
        f"{B}/text",
        f"{B}/text/discard",
    ]


def test_the_list_of_state_changing_routes_is_complete(client):
    from starlette.routing import Route

    app = client.app.app  # the Guard wraps Starlette
    posts = {
        r.path.replace("{key:path}", "elazig/2024-2").replace("{token}", "sometoken")
        for r in app.routes
        if isinstance(r, Route) and "POST" in (r.methods or ())
    }
    assert posts == set(state_changing_routes())


@pytest.mark.parametrize("url", state_changing_routes())
def test_every_state_changing_request_needs_the_csrf_token(client, content, url):
    before = {p: p.read_bytes() for p in content.rglob("*.yaml")}
    for headers in ({"X-CSRF-Token": ""}, {"X-CSRF-Token": "forged"}):
        response = client.post(url, data={"period": "2025-1", "date": "2025-05"}, headers=headers)
        assert response.status_code == 403
        assert "Sayfa güncel değildi" in text(response.text)
    other_site = client.post(url, headers={"Origin": "http://evil.example"})
    assert other_site.status_code == 403 and "İstek başka bir siteden geldi." in text(other_site.text)
    assert {p: p.read_bytes() for p in content.rglob("*.yaml")} == before
    assert not (content / "elazig" / "2025-1").exists()


def test_only_the_printed_address_is_answered_so_dns_rebinding_gets_nothing(content, tmp_path):
    rebound = make_client(content, tmp_path / "out", base_url="http://attacker.example:8470")
    response = rebound.get("/")
    assert response.status_code == 400 and "Yanlış adres" in text(response.text)
    assert make_client(content, tmp_path / "out", base_url="http://localhost:8470").get("/").status_code == 200


def test_with_host_every_request_needs_the_access_token(content, tmp_path):
    guarded = make_client(content, tmp_path / "out", access_token="s3cret-token", allowed_hosts=None)
    assert guarded.get("/").status_code == 403
    assert "Erişim anahtarı gerekli" in text(guarded.get(f"{B}/figures").text)
    assert guarded.get("/?token=wrong").status_code == 403
    assert guarded.get("/static/studio.css").status_code == 403
    entered = guarded.get(f"{B}/figures?token=s3cret-token", follow_redirects=False)
    assert entered.status_code == 303 and entered.headers["location"] == f"{B}/figures"
    cookie = entered.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert guarded.get(f"{B}/figures").status_code == 200  # the cookie now carries it
    guarded.cookies.clear()
    assert guarded.post(f"{B}/figures/discard").status_code == 403


@pytest.mark.parametrize(
    "url",
    [
        "/b/../../etc/figures",
        "/b/elazig/figures",
        "/b//etc/figures",
        f"{B}/text?file=../../../../etc/passwd",
        f"{B}/text?file=/etc/passwd",
        f"{B}/text?file=prose/../../../etc/passwd",
        f"{B}/text?file=..%5C..%5Cetc%5Cpasswd",
        f"{B}/text?file=prose/sections/01-aile-ve-toplum.yaml%00.txt",
        f"{B}/text?file=../../../../etc/hostname",
    ],
)
def test_no_request_reaches_outside_the_content_folder(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "root:" not in response.text


def test_symlinks_out_of_the_content_folder_are_refused(client, content, tmp_path):
    secret = tmp_path / "secret.yaml"
    secret.write_text("gizli: 1\n", "utf-8")
    (content / "prose" / "sections" / "sizinti.yaml").symlink_to(secret)
    import shutil

    outside = tmp_path / "outside" / "malatya"
    shutil.copytree(content / "elazig", outside)
    (outside / "2024-2" / "booklet.yaml").write_text(
        (outside / "2024-2" / "booklet.yaml").read_text("utf-8").replace("../../prose", str(content / "prose")), "utf-8"
    )
    (content / "malatya").symlink_to(outside, target_is_directory=True)
    page = client.get(f"{B}/text").text
    assert "sizinti.yaml" not in page
    assert client.get(f"{B}/text", params={"file": "prose/sections/sizinti.yaml"}).status_code == 404
    response = client.post(f"{B}/text", data={"file": "prose/sections/sizinti.yaml", "text": "x: 2\n", "version": ""})
    assert response.status_code == 404 and secret.read_text("utf-8") == "gizli: 1\n"
    assert "/b/malatya" not in client.get("/").text
    assert client.get("/b/malatya/2024-2/figures").status_code == 404
    assert client.get(f"{B}/text", params={"file": "malatya/2024-2/figures.yaml"}).status_code == 404


def test_a_save_cannot_create_or_write_other_files(client, content):
    for name in ("elazig/2024-2/yeni.py", "elazig/2024-2/.hidden.yaml", "../outside.yaml", "output/x.yaml"):
        response = client.post(f"{B}/text", data={"file": name, "text": "x: 1\n", "version": ""})
        assert response.status_code == 404
    assert not (content / "elazig" / "2024-2" / "yeni.py").exists()
    assert not (content.parent / "outside.yaml").exists()


# --- the command and its wiring ---------------------------------------------------------------


def test_the_cli_does_not_import_the_web_stack():
    code = "import sys, booklet.cli; print(sorted(m for m in ('starlette', 'jinja2', 'uvicorn') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_booklet_studio_serves_until_ctrl_c(content, tmp_path):
    """The real command: prints its address, answers there, stops on Ctrl-C (exit 130)."""
    import urllib.error
    import urllib.request

    command = [
        sys.executable,
        "-m",
        "booklet",
        "studio",
        str(content),
        "--port",
        "0",
        "--no-browser",
        "-o",
        str(tmp_path / "out"),
    ]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, preexec_fn=ctrl_c_reaches_it
    )
    try:
        first = process.stdout.readline()
        url = re.search(r"http://127\.0\.0\.1:\d+/", first).group(0)
        assert first.startswith("booklet stüdyo: ")
        with urllib.request.urlopen(url, timeout=30) as response:
            assert "Kitapçıklar" in response.read().decode("utf-8")
        rebound = urllib.request.Request(url, headers={"Host": "evil.example"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(rebound, timeout=30)
        assert refused.value.code == 400
    finally:
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    assert process.returncode == 130, err  # Ctrl-C, as for every command
    assert out.strip().splitlines()[-1] in ("stopped", "durduruldu")


def test_a_busy_port_is_a_clear_message(content):
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "booklet", "studio", str(content), "--port", str(port), "--no-browser"],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=60,
            env={**os.environ, "LANG": "C"},
        )
    assert result.returncode == 2
    assert f"{port} numaralı port kullanımda" in result.stderr or f"port {port} is in use" in result.stderr
    assert "Traceback" not in result.stderr


def test_every_template_message_is_listed_for_the_catalogue():
    """messages.py is what the generator writes from the templates now (else: run it)."""
    from booklet.studio import extract

    assert extract.MODULE.read_text(encoding="utf-8") == extract.module_text(extract.template_messages()), (
        "studio/messages.py is out of date: run python -m booklet.studio.extract"
    )
    found = extract.template_messages()
    assert "Save the figures" in found and ("{count} error", "{count} errors") in found
    assert "Publish" in found and "Reopen the edition" in found  # the newest templates are read too


def test_the_generator_reads_every_way_a_template_calls_gettext(tmp_path):
    from booklet.studio import extract

    (tmp_path / "a.html").write_text(
        """<p>{{ _("Plain") }} {{ _('Single "quoted"') }} {{ _("With {n}").format(n=1) }}</p>
        <a title="{{ _('In an attribute') }}">{{ ngettext("{count} page", "{count} pages", n).format(count=n) }}</a>
        {% set x = _("In a set") %}{{ _("Plain") }}""",
        encoding="utf-8",
    )
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text('{% if y %}{{ _("Nested, in a sub-folder") }}{% endif %}', "utf-8")
    found = extract.template_messages(tmp_path)
    assert found == [
        "Plain",
        'Single "quoted"',
        "With {n}",
        "In an attribute",
        ("{count} page", "{count} pages"),
        "In a set",
        "Nested, in a sub-folder",
    ]
    namespace: dict = {}
    code = extract.module_text(found).replace("from ..i18n import N_, ngettext", "N_ = ngettext = print")
    exec(compile(code, "messages.py", "exec"), namespace)  # the written module is valid Python
    from babel.messages.extract import extract_from_file

    (tmp_path / "messages.py").write_text(extract.module_text(found), encoding="utf-8")
    listed = [
        m[1] for m in extract_from_file("python", tmp_path / "messages.py", keywords={"N_": None, "ngettext": (1, 2)})
    ]
    assert listed == found  # Babel reads back exactly what the templates say

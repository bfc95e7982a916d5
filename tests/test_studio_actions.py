"""The dashboard's actions over HTTP: new province, publish, reopen; published editions shown as
such and their edits refused at their place; one undo shared with ``booklet figures import``."""

from __future__ import annotations

import re
from html import unescape

import pytest

pytest.importorskip("starlette")
from click.testing import CliRunner  # noqa: E402

from booklet.cli import main  # noqa: E402

from .studio_helpers import FIGURES, SECTION, TURKISH_CSV, B, field, figures_form, text, upload  # noqa: E402

ELAZIG = "elazig/2024-2"


def row(html: str, name: str) -> str:
    """The dashboard row of one booklet, as a person reads it."""
    found = re.search(rf'<tr id="booklet-{re.escape(name.replace("/", "-"))}".*?</tr>', html, re.S)
    assert found, f"no row for {name}"
    return text(found.group(0))


def publish(client) -> str:
    response = client.post(f"{B}/publish")
    assert response.status_code == 200, text(response.text)
    return response.text


# --- publish and reopen ---------------------------------------------------------------------


def test_publish_from_the_dashboard_freezes_the_edition_and_shows_it(client, content, tmp_path):
    answer = publish(client)
    shown = row(answer, ELAZIG)
    manifest = content / ELAZIG / "published" / "manifest.yaml"
    date = re.search(r"published: '?(\d{4}-\d{2}-\d{2})", manifest.read_text("utf-8")).group(1)
    assert f"yayımlandı {date}" in shown and "Yeniden aç" in shown and "Yayımla " not in shown + " "
    assert re.search(
        rf"{ELAZIG} yayımlandı: yapıldığı \d+ dosya ve PDF'ler {ELAZIG}/published içinde saklanıyor", shown
    ), shown
    assert (tmp_path / "output" / "elazig-2024-2-print.pdf").is_file()
    dashboard = client.get("/").text
    assert f"yayımlandı {date}" in row(dashboard, ELAZIG)
    assert 'hx-post="/b/elazig/2024-2/reopen"' in dashboard and 'hx-post="/b/elazig/2024-2/publish"' not in dashboard
    for tab in ("figures", "text", "pages", "print", "periods", "icons"):
        page = client.get(f"{B}/{tab}").text
        assert f"Bu baskı {date} tarihinde yayımlandı." in text(page), tab
        assert "Baskıyı yeniden aç" in text(page)
    figures = client.get(f"{B}/figures").text
    assert 'id="v-asdep_hane_sayisi"' in figures and re.search(r'id="v-asdep_hane_sayisi"[^>]*readonly', figures, re.S)
    assert "Rakamları kaydet" not in text(figures) and 'name="sheet"' not in figures
    editor = client.get(f"{B}/text", params={"file": SECTION}).text
    assert re.search(r'<textarea id="editor"[^>]*readonly', editor) and ">Kaydet<" not in editor
    files = re.findall(r'<option value="([^"]+)"', editor)
    assert files and not any("/published/" in f for f in files)  # the frozen copy is never offered


def test_a_published_edition_refuses_edits_with_the_located_message(client, content):
    publish(client)
    before = {p: p.read_bytes() for p in content.rglob("*.yaml")}
    form = figures_form(client.get(f"{B}/figures").text)
    form["value:asdep_hane_sayisi"] = "95.120"
    response = client.post(f"{B}/figures", data=form)
    assert response.status_code == 422
    shown = text(response.text)
    assert re.search(
        rf"hata {FIGURES} bu baskı \d{{4}}-\d\d-\d\d tarihinde yayımlandı; dosyaları artık değişemez", shown
    )
    assert f"booklet publish --reopen {content / ELAZIG}" in shown and "staging" not in shown

    page = client.get(f"{B}/text", params={"file": SECTION}).text
    version = field(page, "version")
    edited = (content / SECTION).read_text("utf-8").replace("bulunmaktadır.", "hizmet vermektedir.", 1)
    response = client.post(f"{B}/text", data={"file": SECTION, "text": edited, "version": version})
    assert response.status_code == 422
    assert f"hata {SECTION} {SECTION} ortak metindir: bu baskı" in text(response.text)
    assert "kendi kopyasından basılır" in text(response.text)
    assert "yayımlanmamış bir kitapçıktan, örneğin bir sonraki dönemden" in text(response.text)

    meta = "elazig/2024-2/booklet.yaml"
    page = client.get(f"{B}/text", params={"file": meta}).text
    response = client.post(f"{B}/text", data={"file": meta, "text": "x: 1\n", "version": field(page, "version")})
    assert response.status_code == 422 and "dosyaları artık değişemez" in text(response.text)

    plan = upload(client, "yeni.csv", TURKISH_CSV)
    assert plan.status_code == 422 and "dosyaları artık değişemez" in text(plan.text)
    assert {p: p.read_bytes() for p in content.rglob("*.yaml")} == before  # nothing changed


def test_publish_refuses_an_edition_with_stale_figures_and_says_where(client, content):
    from booklet.periods import new_period

    new_period(content / ELAZIG, "2025-1", "2025-05")
    response = client.post("/b/elazig/2025-1/publish")
    assert response.status_code == 422
    shown = row(response.text, "elazig/2025-1")
    assert "Yayımlanmadı" in shown and "elazig/2025-1/figures.yaml" in shown and "hayır" in shown
    assert not (content / "elazig" / "2025-1" / "published").exists()
    again = client.post(f"{B}/publish")
    assert again.status_code == 200
    twice = client.post(f"{B}/publish")
    assert twice.status_code == 422 and "bu baskı zaten" in text(twice.text)


def test_reopen_from_the_dashboard_and_from_the_booklet_page(client, content):
    publish(client)
    reopened = client.post(f"{B}/reopen")
    assert reopened.status_code == 200
    shown = row(reopened.text, ELAZIG)
    assert "yeniden açıldı" in shown and "Yayımla" in shown and "hayır" in shown
    assert not (content / ELAZIG / "published").exists()
    form = figures_form(client.get(f"{B}/figures").text)
    form["value:asdep_hane_sayisi"] = "95.120"
    assert client.post(f"{B}/figures", data=form).status_code == 200  # editable again

    publish(client)
    from_page = client.post(f"{B}/reopen", headers={"X-Studio-From": "booklet"})
    assert from_page.status_code == 204 and from_page.headers["HX-Refresh"] == "true"
    assert "Bu baskı" not in text(client.get(f"{B}/figures").text)
    not_published = client.post(f"{B}/reopen")
    assert not_published.status_code == 422 and "bu baskı yayımlanmamış" in text(not_published.text)


# --- new province ---------------------------------------------------------------------------


def new_province(client, **fields):
    data = {"province": "Malatya", "period": "2024-2", "date": "2024-05", "model": ELAZIG, **fields}
    return client.post("/new-province", data=data)


def test_new_province_from_the_dashboard_starts_every_figure_empty(client, content):
    created = new_province(client)
    assert created.status_code == 204, text(created.text)
    assert created.headers["HX-Redirect"] == "/b/malatya/2024-2/figures"
    figures = (content / "malatya" / "2024-2" / "figures.yaml").read_text("utf-8")
    assert figures.count("value: null") == 56 and "province: Malatya" in figures
    page = client.get("/b/malatya/2024-2/figures")
    assert page.status_code == 200
    assert len(re.findall(r'name="value:\w+" value=""', page.text)) == 56
    dashboard = text(client.get("/").text)
    assert "Malatya malatya/2024-2 2024-2 2024-05 oluşturulamıyor 56 hata" in dashboard
    turkish = new_province(client, province="Şanlıurfa", model="")
    assert turkish.headers["HX-Redirect"] == "/b/sanliurfa/2024-2/figures"
    assert "province: Şanlıurfa" in (content / "sanliurfa" / "2024-2" / "booklet.yaml").read_text("utf-8")


def test_a_new_province_is_filled_in_one_figure_at_a_time(client, content):
    """It does not build until every figure has a value, yet each save that only removes
    errors is kept; a save that adds one is not."""
    assert new_province(client).status_code == 204
    page = "/b/malatya/2024-2"
    table = client.get(f"{page}/figures").text
    assert "56 rakamın henüz değeri yok" in text(table) and "tümü güncel" not in text(table)
    assert re.search(r'name="current:shm_sayisi" value="1"\s+disabled', table)  # nothing to confirm yet
    form = figures_form(table)
    form["value:shm_sayisi"] = "3"
    saved = client.post(f"{page}/figures", data=form)
    assert saved.status_code == 200, text(saved.text)
    assert "1 rakam değişti; kitapçık henüz oluşturulamıyor: 55 hata duruyor" in text(saved.text)
    figures = (content / "malatya" / "2024-2" / "figures.yaml").read_text("utf-8")
    assert "shm_sayisi: {value: 3, kind: count" in figures and figures.count("value: null") == 55
    assert "stale" not in figures  # the empty ones were not marked as last period's
    assert "55 rakamın henüz değeri yok" in text(saved.text)
    assert "Malatya malatya/2024-2 2024-2 2024-05 oluşturulamıyor 55 hata" in text(client.get("/").text)

    meta = "malatya/2024-2/booklet.yaml"
    editor = client.get(f"{page}/text", params={"file": meta}).text
    source = unescape(re.search(r'<textarea id="editor"[^>]*>(.*?)</textarea>', editor, re.S).group(1))
    worse = client.post(
        f"{page}/text", data={"file": meta, "text": source + "renk: mavi\n", "version": field(editor, "version")}
    )
    assert worse.status_code == 422 and "Kaydedilmedi: metinde hata var." in text(worse.text)
    assert (content / meta).read_text("utf-8") == source
    mended = client.post(
        f"{page}/text",
        data={"file": meta, "text": source.replace("2024-05", "2024-06"), "version": field(editor, "version")},
    )
    assert mended.status_code == 200
    assert "Kaydedildi. Kitapçık henüz oluşturulamıyor: aşağıda listelenen hatalar duruyor" in text(mended.text)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"province": "  "}, "il adı boş"),
        ({"period": "../../../etc"}, "'../../../etc' dönemi 2025-1 biçiminde olmalı"),
        ({"period": "2024-2/../x"}, "2025-1 biçiminde olmalı"),
        ({"date": "Mayıs"}, "'Mayıs' tarihi 2025-05 gibi bir ay olmalı"),
        ({"province": "Elazığ"}, "elazig/2024-2 yeni klasör zaten var"),
    ],
)
def test_new_province_refusals_are_told_and_create_nothing(client, content, tmp_path, fields, message):
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if "output" not in p.parts)
    response = new_province(client, **fields)
    assert response.status_code == 422
    assert message in text(response.text), text(response.text)
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if "output" not in p.parts) == before


def test_new_province_takes_its_figures_only_from_a_booklet_of_the_folder(client, content):
    assert new_province(client, model="../../etc").status_code == 404
    assert new_province(client, model="elazig").status_code == 404
    assert not (content / "malatya").exists()


# --- one undo, shared with the command line ---------------------------------------------------


def confirm(client):
    plan = upload(client, "yeni.csv", TURKISH_CSV)
    token = re.search(rf'hx-post="{B}/import/([\w-]+)"', plan.text).group(1)
    return client.post(f"{B}/import/{token}")


def test_an_import_in_the_studio_is_undone_by_the_command_line(client, content, tmp_path):
    figures = content / FIGURES
    before = figures.read_bytes()
    confirmed = confirm(client)
    assert confirmed.status_code == 200
    assert f"booklet figures import {content / ELAZIG} --undo" in text(confirmed.text)
    plan = re.search(r'<div id="import-plan"[^>]*hx-swap-oob="true">(.*?)</div>', confirmed.text, re.S)
    assert plan and "Tablodaki rakamlar kaydedildi." in text(plan.group(1))  # the table of changes is gone
    assert "Son tablo aktarımı (yeni.csv) geri alınabilir" in text(confirmed.text)
    assert (content / ELAZIG / ".booklet-undo" / "figures.yaml").read_bytes() == before
    assert not (tmp_path / "output" / "studio" / "undo").exists()
    assert not list((tmp_path / "output" / "studio" / "uploads").iterdir())  # the sheet is not kept
    result = CliRunner().invoke(main, ["figures", "import", str(content / ELAZIG), "--undo"])
    assert result.exit_code == 0, result.output
    assert figures.read_bytes() == before
    page = client.get(f"{B}/figures").text
    assert "Son aktarımı geri al" not in text(page) and 'value="92.783"' in page
    assert client.post(f"{B}/import/undo").status_code == 404


def test_an_import_on_the_command_line_is_undone_in_the_studio(client, content, tmp_path):
    figures = content / FIGURES
    before = figures.read_bytes()
    sheet = tmp_path / "yeni.csv"
    sheet.write_bytes(TURKISH_CSV)
    result = CliRunner().invoke(main, ["figures", "import", str(content / ELAZIG), str(sheet)])
    assert result.exit_code == 0, result.output
    page = client.get(f"{B}/figures").text
    assert "Son aktarımı geri al" in text(page) and 'value="95.120"' in page
    undone = client.post(f"{B}/import/undo")
    assert undone.status_code == 200 and "Aktarım geri alındı" in text(undone.text)
    assert figures.read_bytes() == before and 'value="92.783"' in undone.text
    again = CliRunner().invoke(main, ["figures", "import", str(content / ELAZIG), "--undo"])
    assert again.exit_code == 1 and "geri alınacak bir içe aktarma yok" in again.output  # the studio speaks Turkish


def test_undo_refuses_when_the_figures_were_edited_after_the_import(client, content):
    assert confirm(client).status_code == 200
    form = figures_form(client.get(f"{B}/figures").text)
    form["value:shm_sayisi"] = "4"
    assert client.post(f"{B}/figures", data=form).status_code == 200
    refused = client.post(f"{B}/import/undo")
    assert refused.status_code == 409 and "Hiçbir şeyin üzerine yazılmadı." in text(refused.text)
    assert "{value: 4, kind" in (content / FIGURES).read_text("utf-8")


def test_a_sheet_that_changes_nothing_offers_nothing_to_confirm(client, content):
    sheet = "anahtar;değer;güncel\nasdep_hane_sayisi;92.783;\nshm_sayisi;2;\n".encode()
    plan = upload(client, "ayni.csv", sheet)
    assert plan.status_code == 200
    assert "Tablo hiçbir şeyi değiştirmiyor" in text(plan.text) and "/import/" not in plan.text
    ticked = upload(client, "guncel.csv", "anahtar;değer;güncel\nshm_sayisi;2;x\n".encode())
    from booklet.periods import set_figure

    assert "Henüz hiçbir şey yazılmadı." not in text(ticked.text)  # shm_sayisi is current already
    (content / FIGURES).write_text(set_figure(content / FIGURES, "shm_sayisi", stale=True), "utf-8")
    ticked = upload(client, "guncel.csv", "anahtar;değer;güncel\nshm_sayisi;2;x\n".encode())
    assert "Bu dönemin değeri olarak onaylananlar (güncel): shm_sayisi" in text(ticked.text)
    token = re.search(rf'hx-post="{B}/import/([\w-]+)"', ticked.text).group(1)
    assert client.post(f"{B}/import/{token}").status_code == 200
    assert "shm_sayisi: {value: 2, kind: count, label: Sosyal Hizmet Merkezi sayısı}\n" in (
        (content / FIGURES).read_text("utf-8")
    )

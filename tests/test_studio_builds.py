"""Builds off the event loop: the studio answers while a booklet builds, one build runs at a
time, a newer save from the same page supersedes an older one, and a save renders only the
pages that changed. Order is controlled with events (a build held until released), never
with sleeps or clocks."""

from __future__ import annotations

import re
import threading
from html import unescape

import pytest

pytest.importorskip("starlette")

from .studio_helpers import FIGURES, SECTION, B, changed_pages, field, figures_form, make_client, text  # noqa: E402

WAIT = 120  # seconds a held step waits at most: a safety net against a hang, not a timing


@pytest.fixture()
def studio(content, tmp_path):
    """The studio in one event loop (as uvicorn runs it), for requests sent from threads."""
    from booklet import i18n

    with make_client(content, tmp_path / "output") as client:
        yield client
    i18n.setup("en")


def builder(client):
    return client.app.studio.builder


def hold_builds(client, count: int = 1):
    """The next ``count`` builds wait until ``release`` is set; ``started`` says one is waiting."""
    b = builder(client)
    original = b._build
    started, release = threading.Event(), threading.Event()
    state = {"held": 0, "running": 0, "most": 0}
    lock = threading.Lock()

    def held(*args, **kwargs):
        with lock:
            state["running"] += 1
            state["most"] = max(state["most"], state["running"])
            hold = state["held"] < count
            state["held"] += hold
        try:
            if hold:
                started.set()
                assert release.wait(WAIT), "a held build was never released"
            return original(*args, **kwargs)
        finally:
            with lock:
                state["running"] -= 1

    b._build = held
    return started, release, state


def tickets_taken(client, count: int) -> threading.Event:
    """Set once ``count`` saves have taken their place in line (after they started waiting)."""
    b = builder(client)
    original, taken, seen = b._ticket, threading.Event(), [0]

    def ticket(*args):
        result = original(*args)
        seen[0] += 1
        if seen[0] >= count:
            taken.set()
        return result

    b._ticket = ticket
    return taken


def section(client) -> tuple[str, str]:
    page = client.get(f"{B}/text", params={"file": SECTION}).text
    area = re.search(r'<textarea id="editor"[^>]*>(.*?)</textarea>', page, re.S).group(1)
    return unescape(area), field(page, "version")


def save_text(client, source: str, version: str, page: str, results: dict, key: str) -> None:
    results[key] = client.post(
        f"{B}/text", data={"file": SECTION, "text": source, "version": version}, headers={"X-Studio-Page": page}
    )


def in_thread(target, *args) -> threading.Thread:
    thread = threading.Thread(target=target, args=args, daemon=True)
    thread.start()
    return thread


def test_the_studio_answers_while_a_booklet_builds(studio, content):
    source, version = section(studio)
    image = re.search(rf'src="({B}/page/\w+\.png)"', studio.get(f"{B}/text").text).group(1)
    started, release, _state = hold_builds(studio)
    results: dict = {}
    saving = in_thread(save_text, studio, source.replace("bulunmaktadır.", "yer alır.", 1), version, "p1", results, "a")
    try:
        assert started.wait(WAIT)
        answered = {
            "static": studio.get("/static/studio.css").status_code,
            "image": studio.get(image).status_code,
            "check": studio.post(
                f"{B}/figures/check", data={"figure": "shm_sayisi", "value:shm_sayisi": "3"}
            ).status_code,
            "icons": studio.get(f"{B}/icons").status_code,
        }
        assert "a" not in results  # every answer above came while the build was still held
    finally:
        release.set()
        saving.join(WAIT)
    assert answered == {"static": 200, "image": 200, "check": 200, "icons": 200}
    assert results["a"].status_code == 200 and "yer alır." in (content / SECTION).read_text("utf-8")


def test_a_newer_save_from_the_same_page_supersedes_the_one_still_building(studio, content):
    source, version = section(studio)
    started, release, state = hold_builds(studio)
    taken = tickets_taken(studio, 2)
    results: dict = {}
    older = source.replace("bulunmaktadır.", "yer alır.", 1)
    newer = source.replace("bulunmaktadır.", "hizmet vermektedir.", 1)
    first = in_thread(save_text, studio, older, version, "page-1", results, "older")
    assert started.wait(WAIT)
    second = in_thread(save_text, studio, newer, version, "page-1", results, "newer")
    assert taken.wait(WAIT)  # the newer save is in line behind the held build
    release.set()
    first.join(WAIT)
    second.join(WAIT)
    assert results["older"].status_code == 409
    assert "Bu sayfadan yapılan daha yeni bir kayıt bunun yerini aldı" in text(results["older"].text)
    assert results["newer"].status_code == 200, text(results["newer"].text)
    assert (content / SECTION).read_text("utf-8") == newer
    assert state["most"] == 1  # one build at a time
    assert "denetimlerden geçmeyen taslağınızdır" not in text(studio.get(f"{B}/text", params={"file": SECTION}).text)


def test_saves_from_two_pages_never_supersede_each_other(studio, content):
    source, version = section(studio)
    started, release, state = hold_builds(studio)
    taken = tickets_taken(studio, 2)
    results: dict = {}
    mine = source.replace("bulunmaktadır.", "yer alır.", 1)
    theirs = source.replace("bulunmaktadır.", "hizmet vermektedir.", 1)
    first = in_thread(save_text, studio, mine, version, "tab-1", results, "first")
    assert started.wait(WAIT)
    second = in_thread(save_text, studio, theirs, version, "tab-2", results, "second")
    assert taken.wait(WAIT)
    release.set()
    first.join(WAIT)
    second.join(WAIT)
    assert results["first"].status_code == 200
    assert results["second"].status_code == 409
    assert "Kaydedilmedi: siz düzenlerken bu dosya başka bir yerde değiştirildi." in text(results["second"].text)
    assert (content / SECTION).read_text("utf-8") == mine
    assert state["most"] == 1
    assert section(studio)[0] == theirs  # the second tab's text is kept as a draft


def test_a_second_save_sent_before_the_first_answer_is_not_a_conflict(studio, content):
    """The page still holds the old version when its first save's answer has not arrived."""
    source, version = section(studio)
    results: dict = {}
    save_text(studio, source.replace("bulunmaktadır.", "yer alır.", 1), version, "page-1", results, "first")
    latest = source.replace("bulunmaktadır.", "hizmet vermektedir.", 1)
    save_text(studio, latest, version, "page-1", results, "second")
    assert results["first"].status_code == 200 and results["second"].status_code == 200
    assert (content / SECTION).read_text("utf-8") == latest
    save_text(studio, source, version, "page-2", results, "other")  # another page with that version
    assert results["other"].status_code == 409 and (content / SECTION).read_text("utf-8") == latest


def test_saves_of_different_files_wait_their_turn_and_all_land(studio, content):
    source, version = section(studio)
    figures = figures_form(studio.get(f"{B}/figures").text)
    figures["value:shm_sayisi"] = "3"
    started, release, state = hold_builds(studio)
    taken = tickets_taken(studio, 2)
    results: dict = {}
    texts = in_thread(save_text, studio, source.replace("bulunmaktadır.", "yer alır.", 1), version, "p", results, "t")
    assert started.wait(WAIT)

    def save_figures():
        results["f"] = studio.post(f"{B}/figures", data=figures, headers={"X-Studio-Page": "p"})

    numbers = in_thread(save_figures)
    assert taken.wait(WAIT)
    release.set()
    texts.join(WAIT)
    numbers.join(WAIT)
    assert results["t"].status_code == 200 and results["f"].status_code == 200, text(results["f"].text)
    assert "yer alır." in (content / SECTION).read_text("utf-8")
    assert "{value: 3, kind" in (content / FIGURES).read_text("utf-8")
    assert state["most"] == 1


def test_a_save_renders_only_the_pages_that_changed(client, content):
    previews = client.app.studio.previews
    source, version = section(client)
    assert previews.rendered == 13  # the first view renders every page
    edited = source.replace("bulunmaktadır.", "hizmet vermektedir.", 1)
    response = client.post(f"{B}/text", data={"file": SECTION, "text": edited, "version": version})
    assert response.status_code == 200 and changed_pages(response.text) == [3]
    assert previews.rendered == 14  # page 3 only
    form = figures_form(client.get(f"{B}/figures").text)
    form["value:asdep_hane_sayisi"] = "95.120"
    response = client.post(f"{B}/figures", data=form)
    assert response.status_code == 200 and changed_pages(response.text) == [3]
    assert previews.rendered == 15
    put_back = client.post(f"{B}/text", data={"file": SECTION, "text": source, "version": section(client)[1]})
    assert put_back.status_code == 200 and previews.rendered == 16  # page 3 is drawn anew (its figure changed)
    images = re.findall(rf'src="{B}/page/(\w+)\.png"', put_back.text)
    assert len(images) == 13 and all(client.get(f"{B}/page/{d}.png").status_code == 200 for d in images)

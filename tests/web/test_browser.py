"""The pages in a real headless Chromium against uvicorn on loopback: home → story → article → speaker.

Every page loads with no console error (a CSP violation is one) and no request to any host but the
server; the hostile article's ``<script>`` and ``<img onerror>`` show as text and never run.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from storydiff.web import create_app

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]


@pytest.fixture(scope="module")
def server(store_path: Path) -> Iterator[str]:
    import uvicorn

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    instance = uvicorn.Server(uvicorn.Config(create_app(str(store_path)), host="127.0.0.1", port=port,
                                             log_level="warning"))
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not instance.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert instance.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browse(server: str) -> Iterator[Callable[[Callable[[Any], None]], None]]:
    """Run a check on one Chromium page, in a thread of its own.

    Playwright's sync API refuses to start where another one is running (the HTML report tests keep
    one for the session), so this browser lives, and every call to it is made, in its own thread.
    """
    if not CHROMIUM.exists():
        pytest.skip("Debian's Chromium is not at /usr/bin/chromium (apt-get install -y chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
    pool = ThreadPoolExecutor(max_workers=1)

    def start() -> tuple[Any, Any, Any]:
        playwright = sync_api.sync_playwright().start()
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        tab = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        tab.errors, tab.hosts, tab.dialogs = [], set(), []
        tab.on("console", lambda m: tab.errors.append(m.text) if m.type == "error" else None)
        tab.on("pageerror", lambda e: tab.errors.append(str(e)))
        tab.on("request", lambda r: tab.hosts.add(urlsplit(r.url).netloc))
        tab.on("dialog", lambda d: (tab.dialogs.append(d.message), d.dismiss()))
        return playwright, browser, tab

    playwright, browser, tab = pool.submit(start).result()
    yield lambda check: pool.submit(check, tab).result()
    pool.submit(lambda: (browser.close(), playwright.stop())).result()
    pool.shutdown()


def _clean(page: Any, server: str) -> None:
    assert page.errors == [], page.errors
    assert page.hosts <= {urlsplit(server).netloc}, page.hosts
    assert page.dialogs == []


def test_walk_home_story_article_speaker_and_back(browse: Callable[..., None], server: str) -> None:
    def check(page: Any) -> None:
        page.goto(server + "/")
        assert page.title() == "Stories — storydiff"
        page.get_by_role("link", name="Fire destroys Harlow's old library overnight").click()
        page.wait_for_url("**/stories/**")
        assert page.locator("h1").inner_text() == "Fire destroys Harlow's old library overnight"
        assert page.locator("#who").is_visible()
        story = page.url
        page.goto(server + "/articles/lib-1")
        page.get_by_role("link", name="Nadia Okafor").first.click()
        page.wait_for_url("**/speakers/**")
        assert page.url.endswith("/speakers/nadia-okafor") and page.locator("h1").inner_text() == "Nadia Okafor"
        page.locator(".cites a").first.click()
        page.wait_for_url("**/articles/**")
        assert "/articles/" in page.url and "#stmt-" in page.url
        page.get_by_role("link", name="All stories").click()
        page.wait_for_url(server + "/")
        assert page.url == server + "/"
        page.go_back()
        page.goto(story)
        _clean(page, server)

    browse(check)


def test_search_by_keyboard(browse: Callable[..., None], server: str) -> None:
    def check(page: Any) -> None:
        page.goto(server + "/")
        page.keyboard.press("Tab")  # the skip link first
        assert page.evaluate("document.activeElement.className") == "skip"
        page.locator("#q").fill('"electrical fault"')
        page.keyboard.press("Enter")
        page.wait_for_url("**/search?q=**")
        assert page.locator("mark").count() >= 2
        _clean(page, server)

    browse(check)


def test_hostile_article_renders_as_text(browse: Callable[..., None], server: str) -> None:
    def check(page: Any) -> None:
        page.goto(server + "/search?q=%22temporary+hall%22")
        page.locator(".hits h2 a").first.click()
        page.wait_for_url("**/articles/**")
        text = page.locator(".text").inner_text()
        assert "<script>alert('body')</script>" in text and "<img src=x onerror=alert(2)>" in text
        assert page.locator(".text script, .text img").count() == 0
        assert "<script>alert('title')</script>" in page.locator("h1").inner_text()
        _clean(page, server)

    browse(check)


PAGES = ("/", "/articles/lib-1", "/speakers/nadia-okafor", "/search?q=%22electrical+fault%22")


@pytest.mark.parametrize("width, height", [(390, 844), (1280, 900)])
def test_every_page_fits_its_width_with_readable_text_and_the_nav(browse: Callable[..., None], server: str,
                                                                  width: int, height: int) -> None:
    """At phone and desktop size: no sideways scroll (a long store id once overflowed the story page's badges),
    body text at least 16 px, the site links on screen and working."""
    def check(page: Any) -> None:
        page.set_viewport_size({"width": width, "height": height})
        try:
            page.goto(server + "/api/stories")
            stories = page.evaluate("JSON.parse(document.body.innerText).stories.map(s => '/stories/' + s.story)")
            for path in (*PAGES, *stories):  # every story: some name their articles by a file path
                page.goto(server + path)
                assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (
                    path, page.evaluate("document.documentElement.scrollWidth"))
                assert page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") >= 16, path
                home = page.get_by_role("navigation", name="Site").get_by_role("link", name="All stories")
                assert home.is_visible() and home.bounding_box()["y"] < height, path
            page.get_by_role("navigation", name="Site").get_by_role("link", name="Search").click()
            page.wait_for_url("**/search")
            assert page.locator("#q").is_visible()
            _clean(page, server)
        finally:
            page.set_viewport_size({"width": 1280, "height": 900})

    browse(check)

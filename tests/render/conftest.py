"""A real headless Chromium (Debian's, driven by Playwright) for the HTML report tests.

The browser starts once per session. Tests that need it skip, with the command
that installs what is missing, when ``/usr/bin/chromium`` or Playwright is absent
(a user's machine); CI installs both, so there they run.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run",
]
SCREENSHOTS = Path(__file__).parent / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@dataclass
class OpenedReport:
    """A report loaded in a fresh page, with everything the page did recorded."""

    page: Any
    url: str
    path: Path
    load_ms: float
    wall_ms: float
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("Debian's Chromium is not at /usr/bin/chromium "
                    "(apt-get install -y chromium chromium-driver)")
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="Playwright is not installed (pip install -e '.[test]')")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def open_report(browser: Any, tmp_path: Path) -> Iterator[Callable[..., OpenedReport]]:
    """Write an HTML string to a file and open it at a viewport size, recording traffic."""
    contexts: list[Any] = []

    def _open(html: str, viewport: dict[str, int] = DESKTOP, name: str = "report", js: bool = True) -> OpenedReport:
        path = tmp_path / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        context = browser.new_context(viewport=viewport, java_script_enabled=js)
        contexts.append(context)
        page = context.new_page()
        opened = OpenedReport(page=page, url=path.as_uri(), path=path, load_ms=0.0, wall_ms=0.0)
        page.on("request", lambda request: opened.requests.append(request.url))

        def on_console(msg: Any) -> None:
            if msg.type == "error":
                opened.console_errors.append(msg.text)

        page.on("console", on_console)
        page.on("pageerror", lambda exc: opened.console_errors.append(str(exc)))

        def on_dialog(dialog: Any) -> None:
            opened.dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", on_dialog)
        started = time.perf_counter()
        page.goto(opened.url, wait_until="load")
        opened.wall_ms = (time.perf_counter() - started) * 1000
        if js:
            opened.load_ms = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
        return opened

    yield _open
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS

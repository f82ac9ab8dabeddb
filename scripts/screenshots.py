"""Screenshots of `storydiff serve` for docs/web.md, at 1280×900 and 390×844, and the seeds side by side.

Usage::

    python scripts/screenshots.py                 # writes docs/img/serve-*.png and docs/img/seeds-*.png
    python scripts/screenshots.py --out /tmp/img  # anywhere else

What it does: ingests the shipped example corpus (``examples/corpus``, the
README's two commands, feed included) into a store in a temporary folder,
serves it with uvicorn on a loopback port, and in Debian's Chromium
(``/usr/bin/chromium``, driven by Playwright) shows the home page, a story,
an article, a speaker and a search at desktop and phone size, keeping one
viewport-sized screenshot of each (``serve-<page>-<desktop|phone>.png``).
Each page must fit its width (no horizontal scroll); the script stops with
the page's name when one does not.

Where ``../shared/seeds`` is present it also ingests the two seed articles
into a store of their own, and keeps the story page of their story next to
the HTML report ``storydiff brief`` writes for the same two files
(``seeds-story-*.png``, ``seeds-report-*.png``): the two should read alike.
"""

from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "corpus"
SEEDS = ROOT.parent / "shared" / "seeds"
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]
SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
MAPPING = "text=body,title=headline,date=published,outlet=source,id=uuid"


def storydiff(*args: str) -> None:
    """Run the real command line, as a user would."""
    subprocess.run([sys.executable, "-m", "storydiff.cli", *args], check=True, stdout=subprocess.DEVNULL)


@contextmanager
def serving(db: Path) -> Iterator[str]:
    """The app over ``db`` in uvicorn on a free loopback port, for as long as the block runs."""
    import uvicorn

    from storydiff.web import create_app

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    server = uvicorn.Server(uvicorn.Config(create_app(str(db)), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    if not server.started:
        sys.exit(f"uvicorn did not start on port {port}")
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def overflow(page: Any) -> int:
    """How many pixels the page is wider than its viewport (0 when it fits)."""
    return int(page.evaluate("document.documentElement.scrollWidth - window.innerWidth"))


def shoot(browser: Any, pages: dict[str, str], out: Path, prefix: str) -> None:
    """One screenshot of each page at each size; stop when a page scrolls sideways."""
    for size, viewport in SIZES.items():
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        for name, url in pages.items():
            page.goto(url)
            page.wait_for_load_state("load")
            if overflow(page) > 0:
                sys.exit(f"{name} at {size} ({viewport['width']} px) scrolls sideways by {overflow(page)} px: {url}")
            page.screenshot(path=str(out / f"{prefix}-{name}-{size}.png"))
            print(f"{prefix}-{name}-{size}.png", file=sys.stderr)
        context.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img", help="where the PNGs go")
    args = parser.parse_args()
    if not CHROMIUM.exists():
        sys.exit("Debian's Chromium is not at /usr/bin/chromium: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "corpus.db"
        storydiff("ingest", str(EXAMPLES), str(EXAMPLES / "news.jsonl"), "--map", MAPPING, "--db", str(corpus))
        storydiff("ingest", str(EXAMPLES / "feed.rss"), "--db", str(corpus))
        seeds = sorted(SEEDS.glob("*.txt"))
        if seeds:
            seeds_db, report = Path(folder) / "seeds.db", Path(folder) / "seeds-report.html"
            storydiff("ingest", *map(str, seeds), "--db", str(seeds_db))
            storydiff("brief", *map(str, seeds), "-o", str(report))
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            with serving(corpus) as base:
                import httpx

                stories = httpx.get(base + "/api/stories").json()["stories"]
                story = max(stories, key=lambda s: s["article_count"])["story"]
                shoot(browser, {"home": base + "/", "story": f"{base}/stories/{story}",
                                "article": base + "/articles/lib-1", "speaker": base + "/speakers/nadia-okafor",
                                "search": base + "/search?q=%22electrical+fault%22"}, args.out, "serve")
            if seeds:
                with serving(seeds_db) as base:
                    import httpx

                    story = httpx.get(base + "/api/stories").json()["stories"][0]["story"]
                    shoot(browser, {"story": f"{base}/stories/{story}"}, args.out, "seeds")
                shoot(browser, {"report": report.as_uri()}, args.out, "seeds")
            browser.close()


if __name__ == "__main__":
    main()

"""`storydiff serve` under load: latency per route, errors and server memory, on loopback.

Usage::

    python benchmarks/serve_load.py                        # store cached in /tmp, 2,400 requests, 50 at a time
    python benchmarks/serve_load.py --store corpus.db --requests 4000 --concurrency 50

The store is built once with the real ``storydiff ingest`` (full analysis,
stories, near-duplicates) from data read in place in ../shared/data: ECB+
``docs.jsonl`` (772 documents) and PolNeAR article texts (dev, then train,
until the store holds ``--articles``; outlet and date taken from each file's
name). A store that already holds enough articles is reused as it is, so a
re-run skips the ingest.

The real ``storydiff serve`` then runs in a subprocess on a free loopback
port. ``--stories`` stories of two articles or more are asked for (the
largest quarter, the heaviest pages, and the rest drawn); their briefs are
built first, one request each, sequentially (the story cache warm-up:
building a brief is the slow path and is timed apart). Then
``--concurrency`` keep-alive connections (a lean asyncio client, see
``load``) send ``--requests`` requests, at most ``--concurrency`` in
flight, the routes taken in turn in a seeded shuffle:
the home page, the story page (cached), an article, a speaker, a search,
the five API routes, and ``/healthz`` as a control (it touches neither the
store nor a worker thread, so its latency is what waiting for the machine's
cores and the client costs). Each latency is the client's: from sending
the request to reading the whole body. Printed: p50, p99 and max per
route, the error count (any status but 200, or a transport error), the CPU
seconds the server and the client used, and the server process's resident
memory (RSS) before the warm-up, after it, and after the run. The last line
is ``serve_story_p99_ms: X``; the exit status is 1 when the story page's
p99 is 200 ms or more or any request failed.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote, urlencode

import httpx

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
DEFAULT_STORE = Path(tempfile.gettempdir()) / "storydiff-serve-load.db"
STORY_TARGET_MS = 200.0
_POLNEAR_NAME = re.compile(r"(?P<outlet>[a-z]+)_(?P<date>\d{4}-\d{2}-\d{2})_")
_WORD = re.compile(r"[A-Za-z]{5,}")


def _count(store: Path) -> int:
    if not store.is_file():
        return 0
    with sqlite3.connect(f"{store.resolve().as_uri()}?mode=ro", uri=True) as db:
        try:
            return int(db.execute("SELECT count(*) FROM articles").fetchone()[0])
        except sqlite3.Error:
            return 0


def build_store(store: Path, data: Path, articles: int) -> None:
    """Ingest ECB+ and PolNeAR texts with ``storydiff ingest`` until the store holds ``articles``."""
    held = _count(store)
    if held >= articles:
        print(f"store: {store} holds {held} articles; ingest skipped", file=sys.stderr)
        return
    ecb = data / "ecbplus" / "docs.jsonl"
    texts = [*sorted((data / "polnear" / "dev" / "text").glob("*.txt")),
             *sorted((data / "polnear" / "train" / "text").glob("*.txt"))]
    if not ecb.is_file() or not texts:
        sys.exit(f"data not found under {data}: this benchmark reads ECB+ and PolNeAR from ../shared/data")
    wanted = texts[:max(0, articles - 772 + 40)]  # 40 spare: an exact or near copy adds no article
    options: list[str] = []
    for path in wanted:
        found = _POLNEAR_NAME.match(path.name)
        if found:
            options += ["--outlet", f"{path}={found['outlet']}", "--date", f"{path}={found['date']}"]
    command = [sys.executable, "-m", "storydiff.cli", "ingest", str(ecb), *map(str, wanted), *options,
               "--db", str(store)]
    print(f"store: ingesting ECB+ ({ecb}) and {len(wanted)} PolNeAR texts into {store} "
          "(storydiff ingest, full analysis)", file=sys.stderr)
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    held = _count(store)
    print(f"store: {held} articles after {time.perf_counter() - started:.0f} s of ingest", file=sys.stderr)
    if held < articles:
        sys.exit(f"{store} holds {held} articles after ingest, fewer than --articles {articles}")


def sample(store: Path, stories: int, seed: int) -> dict[str, list[str]]:
    """Ids to ask for: stories of two or more articles (the largest quarter, the rest drawn), articles, speakers
    and search words, seeded."""
    rng = random.Random(seed)
    with sqlite3.connect(f"{store.resolve().as_uri()}?mode=ro", uri=True) as db:
        by_size = [sid for (sid,) in db.execute(
            "SELECT story FROM story_articles GROUP BY story HAVING count(*) > 1 ORDER BY count(*) DESC, story")]
        articles = [aid for (aid,) in db.execute("SELECT id FROM articles ORDER BY seq")]
        names = [name for (name,) in db.execute("SELECT DISTINCT speaker FROM statements_fts")]
        titles = [title or "" for (title,) in db.execute("SELECT title FROM articles")]
    slugs = sorted({"-".join(re.findall(r"\w+", n.casefold())) for n in names} - {""})
    words = sorted({w.lower() for t in titles for w in _WORD.findall(t)})
    largest = by_size[:max(1, stories // 4)]  # the heaviest pages, and others drawn from every size
    story_ids = largest + rng.sample(by_size[len(largest):], min(stories - len(largest), len(by_size) - len(largest)))
    return {"story": story_ids, "article": rng.sample(articles, min(200, len(articles))),
            "speaker": rng.sample(slugs, min(100, len(slugs))), "search": rng.sample(words, min(100, len(words)))}


def routes(ids: dict[str, list[str]], rng: random.Random) -> dict[str, Callable[[], str]]:
    """Route name → a function giving the next path to ask for on it."""
    def pick(kind: str) -> str:
        return quote(rng.choice(ids[kind]), safe="")

    def search() -> str:
        return urlencode({"q": " ".join(rng.sample(ids["search"], rng.choice((1, 1, 2))))})

    return {
        "home": lambda: "/",
        "story page (cached)": lambda: f"/stories/{pick('story')}",
        "article": lambda: f"/articles/{quote(rng.choice(ids['article']), safe='/')}",
        "speaker": lambda: f"/speakers/{pick('speaker')}",
        "search": lambda: f"/search?{search()}",
        "api stories": lambda: f"/api/stories?limit={rng.choice((20, 100))}&offset={rng.randrange(0, 200)}",
        "api story": lambda: f"/api/stories/{pick('story')}",
        "api article": lambda: f"/api/articles/{quote(rng.choice(ids['article']), safe='/')}",
        "api speaker": lambda: f"/api/speakers/{pick('speaker')}",
        "api search": lambda: f"/api/search?{search()}",
        "healthz (control)": lambda: "/healthz",  # no store, no worker thread: what waiting for a core costs
    }


async def load(base: str, plan: list[tuple[str, str]], concurrency: int) -> dict[str, list[tuple[float, bool]]]:
    """Send every (route, path) of the plan with at most ``concurrency`` in flight; (ms, ok) per route.

    ``concurrency`` keep-alive connections each take the next request of the
    plan as soon as their last one is answered. The client is a few lines of
    asyncio streams, not httpx: on this 2-core machine the client shares the
    cores with the server, and httpx spent about 3 ms of CPU a request, three
    times the server's own, so its latencies were mostly the client's queue.
    """
    results: dict[str, list[tuple[float, bool]]] = defaultdict(list)
    host, port = base.removeprefix("http://").split(":")
    queue = iter(plan)

    async def connection() -> None:
        streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None
        for route, path in queue:
            started = time.perf_counter()
            try:
                if streams is None:
                    streams = await asyncio.open_connection(host, int(port))
                status, keep = await _get(*streams, host, path)
                ok = status == 200
                if not ok:
                    print(f"error: {status} {path}", file=sys.stderr)
            except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
                ok, keep = False, False
                print(f"error: {type(exc).__name__} {path}", file=sys.stderr)
            results[route].append(((time.perf_counter() - started) * 1000, ok))
            if not keep and streams is not None:
                streams[1].close()
                streams = None
        if streams is not None:
            streams[1].close()

    await asyncio.gather(*(connection() for _ in range(concurrency)))
    return results


async def _get(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, host: str, path: str) -> tuple[int, bool]:
    """One HTTP/1.1 GET on a kept-alive connection: the status, and whether the connection stays open."""
    writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    status = int(lines[0].split(b" ", 2)[1])
    fields = {}
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        fields[name.strip().lower()] = value.strip().lower()
    if b"chunked" in fields.get(b"transfer-encoding", b""):
        while size := int((await reader.readuntil(b"\r\n")).split(b";")[0], 16):
            await reader.readexactly(size + 2)
        await reader.readuntil(b"\r\n")
    else:
        await reader.readexactly(int(fields.get(b"content-length", b"0")))
    return status, fields.get(b"connection") != b"close"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _rss(pid: int) -> float:
    """A process's resident memory in MiB (Linux: /proc/PID/status)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _cpu_seconds(pid: int) -> float:
    """User plus system CPU seconds a process has used (Linux: /proc/PID/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))]


def serve(store: Path) -> tuple[subprocess.Popen[bytes], str]:
    """``storydiff serve`` on a free loopback port, once it answers /healthz."""
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "storydiff.cli", "serve", "--db", str(store),
                                "--port", str(port)], stdout=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/healthz", timeout=2).status_code == 200:
                return process, base
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    sys.exit("storydiff serve did not answer /healthz within 120 s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", type=Path, default=DEFAULT_STORE, help=f"the store (default {DEFAULT_STORE})")
    parser.add_argument("--data-dir", type=Path, default=SHARED, help="the shared data folder")
    parser.add_argument("--articles", type=int, default=1000, help="least articles in the store (default 1000)")
    parser.add_argument("--requests", type=int, default=2400, help="requests in the run (default 2400)")
    parser.add_argument("--concurrency", type=int, default=50, help="requests in flight (default 50)")
    parser.add_argument("--stories", type=int, default=20, help="stories asked for (default 20: the largest five "
                        "and fifteen drawn; at most the 64 the server keeps)")
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    if not 0 < args.stories <= 64:
        parser.error("--stories must be from 1 to 64: the server keeps the 64 latest briefs")

    build_store(args.store, args.data_dir, args.articles)
    ids = sample(args.store, args.stories, args.seed)
    process, base = serve(args.store)
    server = process.pid
    try:
        rss_start = _rss(server)
        print(f"store: {_count(args.store)} articles; server pid {process.pid} at {base}; "
              f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
        started = time.perf_counter()
        builds = []
        for sid in ids["story"]:  # warm the story cache: each brief built once, one at a time
            t = time.perf_counter()
            assert httpx.get(f"{base}/stories/{quote(sid, safe='')}", timeout=300).status_code == 200, sid
            builds.append((time.perf_counter() - t) * 1000)
            print(f"warm-up: {sid} built in {builds[-1] / 1000:.1f} s", file=sys.stderr)
        rss_warm = _rss(server)
        print(f"warm-up: {len(builds)} story briefs built in {time.perf_counter() - started:.1f} s "
              f"(per brief p50 {statistics.median(builds):.0f} ms, max {max(builds):.0f} ms)")

        rng = random.Random(args.seed)
        table = routes(ids, rng)
        names = list(table)
        plan = [(names[i % len(names)], "") for i in range(args.requests)]
        rng.shuffle(plan)
        plan = [(route, table[route]()) for route, _ in plan]
        started, server_cpu, client_cpu = time.perf_counter(), _cpu_seconds(server), time.process_time()
        results = asyncio.run(load(base, plan, args.concurrency))
        seconds = time.perf_counter() - started
        server_cpu, client_cpu = _cpu_seconds(server) - server_cpu, time.process_time() - client_cpu
        rss_end = _rss(server)
        load_avg = os.getloadavg()[0]
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()

    errors = sum(not ok for rows in results.values() for _, ok in rows)
    print(f"\n{args.requests} requests, {args.concurrency} in flight, in {seconds:.1f} s "
          f"({args.requests / seconds:.0f} requests/s); load average after {load_avg:.2f}")
    print(f"CPU over the run: server {server_cpu:.1f} s ({server_cpu / args.requests * 1000:.1f} ms a request), "
          f"this client {client_cpu:.1f} s, of {seconds * (os.cpu_count() or 1):.0f} core-seconds")
    print(f"{'route':<22}{'n':>6}{'errors':>8}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}")
    for route in names:
        ms = [m for m, _ in results[route]]
        bad = sum(not ok for _, ok in results[route])
        print(f"{route:<22}{len(ms):>6}{bad:>8}{_percentile(ms, 0.5):>9.0f}{_percentile(ms, 0.99):>9.0f}"
              f"{max(ms):>9.0f}")
    print(f"server RSS: {rss_start:.0f} MiB at start, {rss_warm:.0f} MiB after the warm-up, "
          f"{rss_end:.0f} MiB after the run ({rss_end - rss_warm:+.0f} MiB over the run)")
    print(f"serve_errors: {errors}")
    story_p99 = _percentile([m for m, _ in results["story page (cached)"]], 0.99)
    print(f"serve_story_p99_ms: {story_p99:.0f}")
    if errors or story_p99 >= STORY_TARGET_MS:
        sys.exit(1)


if __name__ == "__main__":
    main()

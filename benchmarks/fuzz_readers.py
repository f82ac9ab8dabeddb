"""Long fuzzing run over the readers: count executions, fail on any foreign exception.

The CI property test (``tests/ingest/test_fuzz.py``) runs about a hundred
examples; this runs as many as asked. Each execution mutates one of our own
example articles (plain text, or the same text wrapped in an HTML page) with
random byte edits, splices of tricky pieces (byte-order marks, C1 controls,
NUL bytes, markup, deep nesting) and encodings, then reads it through
``storydiff.ingest.read`` as a ``.txt``, ``.html``, ``.gz`` (sometimes cut
short) file or as standard input. Every result must be an article whose
excluded ranges lie inside its text, or a per-input reason; any exception that
is not a StorydiffError is a finding, printed with the seed that replays it.

Runs ``--workers`` processes in parallel and ends with one line
``fuzz_executions: N`` (N counts executions without a foreign exception).

    python benchmarks/fuzz_readers.py [--executions 100000] [--workers 2] [--seed 0]
"""

from __future__ import annotations

import argparse
import gzip
import io
import random
import sys
import tempfile
import time
import traceback
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SPLICES = [
    b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00", b"\x93", b"\x94", b"\xc2\x81", b"\xc2\x93", b"\r", b"\r\n",
    b"\x1b]0;title\x07", b"<div>" * 300, b"</div>", b"<p>", b"</p>", b"<script>", b"<!--", b"&#150;", b"&amp",
    b"<![CDATA[", b"\nShare this article\n", b"\nAdvertisement\n", b" we re ", b" isn t ", b"\xe2\x80",
    b"<meta charset=\"utf-16\">", b"<?xml version=\"1.0\" encoding=\"latin-1\"?>", b"\xed\xa0\x80",
]
KINDS = [".txt", ".html", ".txt.gz", ".html.gz", "stdin"]


def _seeds() -> list[bytes]:
    """Our example articles, as text files and as simple HTML pages."""
    texts = [path.read_bytes() for path in sorted(EXAMPLES.glob("*/*.txt"))]
    pages = [
        b"<!doctype html><html><head><title>Example</title></head><body><nav>Home</nav><article><p>"
        + text.replace(b"\n\n", b"</p><p>") + b"</p></article><footer>Contact</footer></body></html>"
        for text in texts
    ]
    return texts + pages


def _mutate(rng: random.Random, data: bytes) -> bytes:
    """A few random edits: byte flips, deletions, duplications, splices, re-encoding, truncation."""
    buffer = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        where = rng.randint(0, len(buffer))
        choice = rng.random()
        if choice < 0.25 and buffer:
            buffer[min(where, len(buffer) - 1)] = rng.randint(0, 255)
        elif choice < 0.45:
            del buffer[where: where + rng.randint(1, 200)]
        elif choice < 0.6:
            buffer[where:where] = buffer[where: where + rng.randint(1, 400)]
        else:
            buffer[where:where] = rng.choice(SPLICES) * rng.randint(1, 3)
    if rng.random() < 0.1:
        buffer = bytearray(bytes(buffer).decode("utf-8", "replace").encode(rng.choice(["utf-16", "cp1252"]),
                                                                           "replace"))
    if rng.random() < 0.05:
        buffer = buffer[: rng.randint(0, len(buffer))]
    return bytes(buffer)


def _execute(rng: random.Random, seeds: list[bytes], folder: Path) -> None:
    """One read of one mutated input; raises on a foreign exception or a broken result."""
    from storydiff.ingest import read

    kind = rng.choice(KINDS)
    data = _mutate(rng, rng.choice(seeds))
    if kind == "stdin":
        saved = sys.stdin
        sys.stdin = io.TextIOWrapper(io.BytesIO(data))
        try:
            results = read(["-"])
        finally:
            sys.stdin = saved
    else:
        if kind.endswith(".gz"):
            packed = gzip.compress(data, compresslevel=1)
            data = packed[: rng.randint(0, len(packed))] if rng.random() < 0.2 else packed
        path = folder / f"input{kind}"
        path.write_bytes(data)
        results = read([str(path)])
    for result in results:
        if result.article is not None:
            size = len(result.article.text)
            if not all(0 <= start < end <= size for start, end in result.article.excluded):
                raise AssertionError(f"excluded range outside the text: {result.article.excluded} / {size}")
        elif not result.error:
            raise AssertionError("a result with neither an article nor a reason")


def run_worker(seed: int, executions: int) -> tuple[int, list[str]]:
    """Run ``executions`` seeded executions; return (clean executions, findings)."""
    seeds = _seeds()
    findings: list[str] = []
    clean = 0
    with tempfile.TemporaryDirectory() as name:
        for n in range(executions):
            rng = random.Random(f"{seed}/{n}")
            try:
                _execute(rng, seeds, Path(name))
            except Exception:
                findings.append(f"seed {seed}/{n}:\n{traceback.format_exc(limit=4)}")
                continue
            clean += 1
    return clean, findings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--executions", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    share = -(-args.executions // args.workers)
    with ProcessPoolExecutor(args.workers) as pool:
        jobs = [pool.submit(run_worker, args.seed * 1000 + w, share) for w in range(args.workers)]
        outcomes = [job.result() for job in jobs]
    clean = sum(count for count, _ in outcomes)
    findings = [finding for _, found in outcomes for finding in found]
    for finding in findings[:20]:
        print(finding, file=sys.stderr)
    elapsed = time.perf_counter() - started
    print(f"executions: {clean + len(findings)} in {elapsed:.0f} s ({(clean + len(findings)) / elapsed:.0f}/s), "
          f"foreign exceptions: {len(findings)}")
    print(f"fuzz_executions: {clean}")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())

"""Story assignment cost as the corpus grows: per-article time at 1k, 10k and 100k articles, and memory.

Usage::

    python benchmarks/clustering_cost.py [--articles 100000] [--per-day 500]

SYNTHETIC GROWTH, stated as such: the articles are generated, not read. Each
story has a random direction in the 384-d embedding space, its own content
words, names and figures drawn from Zipf-distributed vocabularies, and a start
day; its articles are noisy copies of its direction and draw most of their
words from the story's own. Story sizes follow a heavy tail (most stories are
one article, a few reach hundreds), and ``--per-day`` articles arrive per day
in date order. The shipped join-or-new model decides, with the default live
window, so the work per article is what a real stream of this shape costs.

Per-article time is the process's CPU time (less disturbed than wall time on a
shared machine) over the ``--sample`` articles that end at each checkpoint.
The stream is grown once, keeping the index state just before each
checkpoint's sample; then each sample is placed again on a fresh copy of
that state, the checkpoints in turn, for ``--rounds`` rounds, so that a busy
spell of the machine falls on every checkpoint alike (timed in the stream
itself, minutes apart, the ratio moved from 1.1 to 2.4 between identical
runs). Within a round the figure is the median of blocks of ``BLOCK``
articles (each block includes its share of amortised work such as expiry
and pruning); the checkpoint's figure is its least disturbed round, and the
ratio is against the 1k checkpoint (same run, same machine).
Memory: the live stories held, the size of the index state as JSON (and
per live story: bounded by the kept terms, names and member vectors), the
vocabulary's keys (bounded by ``VOCABULARY_KEPT``), and the process's peak
resident memory. The last line is
``assign_cost_ratio_100k_vs_1k: X``.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from storydiff.stories import IndexSettings, StoryFeatures, StoryIndex, load_model  # noqa: E402

DIMENSIONS = 384
CHECKPOINTS = (1_000, 10_000, 100_000)
BLOCK = 100  # articles per timed block
START = date(2026, 1, 1)


class Stream:
    """A seeded generator of synthetic articles with a realistic story structure."""

    def __init__(self, seed: int, per_day: int) -> None:
        self.random = random.Random(seed)
        self.numpy = np.random.default_rng(seed)
        self.per_day = per_day
        self.open: list[dict] = []  # stories still publishing
        self.made = 0
        words = np.arange(1, 50_001, dtype=np.float64)
        self.cumulative = np.cumsum((1 / words) / (1 / words).sum())  # Zipf, drawn by inverse CDF (fast)

    def _words(self, count: int, prefix: str) -> list[str]:
        picks = np.searchsorted(self.cumulative, self.numpy.random(count) * self.cumulative[-1])
        return [f"{prefix}{int(p)}" for p in picks]

    def _new_story(self, day: int) -> dict:
        size = min(500, int(self.random.paretovariate(1.3)))  # heavy tail: mostly 1-2, a few hundreds
        direction = self.numpy.standard_normal(DIMENSIONS).astype(np.float32)
        return {
            "left": size, "day": day, "direction": direction / np.linalg.norm(direction),
            "words": self._words(60, "w"), "names": self._words(8, "n"), "numbers": self._words(4, "")
        }

    def next(self) -> StoryFeatures:
        """The next article of the stream."""
        day = self.made // self.per_day
        self.open = [s for s in self.open if s["left"] > 0 and day - s["day"] <= 7]
        if not self.open or self.random.random() < 0.45:
            self.open.append(self._new_story(day))
        story = self.random.choice(self.open[-200:])
        story["left"] -= 1
        self.made += 1
        vector = story["direction"] + 0.6 * self.numpy.standard_normal(DIMENSIONS).astype(np.float32) / 20
        own = self.random.sample(story["words"], 40)
        body = own + self._words(60, "w")
        return StoryFeatures(
            id=f"a{self.made}",
            vector=(vector / np.linalg.norm(vector)).astype(np.float32),
            lede_terms={w: 1 for w in body[:20]},
            body_terms={w: body.count(w) for w in set(body)},
            names=frozenset(self.random.sample(story["names"], 4) + self._words(4, "n")),
            numbers=frozenset(self.random.sample(story["numbers"], 2)),
            published=(START + timedelta(days=day)).isoformat(),
            lede_names=frozenset(story["names"][:2]),
        )


def main() -> None:
    """Grow the index to ``--articles``, keep its state before each checkpoint's sample, then time the samples."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=CHECKPOINTS[-1])
    parser.add_argument("--per-day", type=int, default=500, help="articles arriving per day")
    parser.add_argument("--sample", type=int, default=1000, help="articles timed before each checkpoint")
    parser.add_argument("--rounds", type=int, default=5, help="times each checkpoint's sample is replayed")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--window", type=int, default=IndexSettings().window_articles,
                        help="live window in articles (IndexSettings.window_articles)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="storydiff-cost-") as folder:  # the states kept on disk, not in RSS
        measure(args, Path(folder))


def measure(args: argparse.Namespace, folder: Path) -> None:
    """Grow the stream, then replay each checkpoint's sample in rounds; print the tables and the metric line."""
    stream = Stream(args.seed, args.per_day)
    index = StoryIndex(load_model(), IndexSettings(window_articles=args.window))
    checkpoints = [c for c in CHECKPOINTS if c <= args.articles]
    saved: dict[int, Path] = {}  # checkpoint -> the index state just before its sample, as JSON
    samples: dict[int, list[StoryFeatures]] = {c: [] for c in checkpoints}
    print(f"synthetic stream: {args.per_day} articles/day, live window {index.settings.window_articles} articles")
    print(f"{'articles':>9s} {'live stories':>13s} {'state JSON MB':>14s} {'KB/story':>9s} {'vocabulary':>11s} "
          f"{'peak RSS MB':>12s}")
    for n in range(args.articles + 1):
        for c in checkpoints:
            if n == c - args.sample:
                saved[c] = folder / f"before-{c}.json"
                saved[c].write_text(json.dumps(index.to_dict()), encoding="utf-8")
        if n in checkpoints:
            state_mb = len(json.dumps(index.to_dict())) / 1e6
            rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"{n:9d} {len(index.stories):13d} {state_mb:14.1f} {1000 * state_mb / len(index.stories):9.1f} "
                  f"{len(index.vocabulary.frequency):11d} {rss_mb:12.0f}", flush=True)
        if n == args.articles:
            break
        article = stream.next()
        for c in checkpoints:
            if c - args.sample < n + 1 <= c:
                samples[c].append(article)
        index.assign(article)

    # Each checkpoint's sample is placed again on a copy of the index as it stood before the sample, the
    # checkpoints in turn, round after round: a busy spell of the machine falls on all of them alike.
    per_round: dict[int, list[float]] = {c: [] for c in checkpoints}
    for round_number in range(args.rounds):
        for c in checkpoints[round_number % len(checkpoints):] + checkpoints[: round_number % len(checkpoints)]:
            copy = StoryIndex.from_dict(json.loads(saved[c].read_text(encoding="utf-8")), load_model())
            blocks = []
            for start in range(0, len(samples[c]), BLOCK):
                started = time.process_time()
                for article in samples[c][start : start + BLOCK]:
                    copy.assign(article)
                blocks.append((time.process_time() - started) / len(samples[c][start : start + BLOCK]))
            per_round[c].append(1000 * statistics.median(blocks))
    figures = {c: min(per_round[c]) for c in checkpoints}
    print(f"\nCPU per article over each checkpoint's last {args.sample} articles (median of blocks of {BLOCK}; "
          f"least of {args.rounds} rounds, the checkpoints in turn):")
    for c in checkpoints:
        rounds = " ".join(f"{x:.3f}" for x in per_round[c])
        print(f"{c:9d} {figures[c]:8.3f} ms  ratio {figures[c] / figures[checkpoints[0]]:5.2f}   (rounds: {rounds})")
    ratio = figures[checkpoints[-1]] / figures[checkpoints[0]]
    if len(checkpoints) > 2:
        print(f"once the live window is full ({checkpoints[-2]} -> {checkpoints[-1]} articles): "
              f"{figures[checkpoints[-1]] / figures[checkpoints[-2]]:.2f}x")
    print(f"assign_cost_ratio_{checkpoints[-1] // 1000}k_vs_1k: {ratio:.3f}")


if __name__ == "__main__":
    main()

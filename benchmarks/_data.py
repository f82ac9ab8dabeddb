"""Loading the shared evaluation data for benchmarks (read in place, never copied)."""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"
OUTLETS = {"nyt": "New York Times", "fox": "Fox News", "hpo": "HuffPost"}

sys.path.insert(0, str(ROOT / "src"))

from storydiff.models import Article  # noqa: E402


def require(path: Path) -> Path:
    """Exit with a clear message when a shared data folder is missing."""
    if not path.exists():
        sys.exit(f"data not found at {path}: this benchmark reads ../shared/data beside the repository")
    return path


def basil_stories(folder: Path | None = None) -> dict[str, list[Article]]:
    """BASIL's articles grouped by event (``triplet-uuid``), as Articles with ids A, B, C."""
    folder = require(folder or SHARED_DATA / "basil")
    stories: dict[str, list[dict]] = defaultdict(list)
    for path in sorted(folder.glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        record["_path"] = str(path)
        stories[record["triplet-uuid"]].append(record)
    out = {}
    for uuid, records in sorted(stories.items()):
        articles = []
        for n, record in enumerate(records):
            paragraphs = [" ".join(p) if isinstance(p, list) else str(p) for p in record["body-paragraphs"]]
            title = (record.get("title") or "").strip() or None
            body = "\n\n".join(p.strip() for p in paragraphs if p.strip())
            articles.append(Article(
                id="ABCDEFGHIJKLMNOPQRSTUVWXYZ"[n],
                source=record["_path"],
                text=body,
                outlet=OUTLETS.get(record.get("source", ""), record.get("source")),
                title=title,
                published=record.get("date") or None,
            ))
        out[uuid] = articles
    return out

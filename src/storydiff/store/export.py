"""Every stored article as one table: JSONL or CSV text (Parquet when pyarrow is installed)."""

from __future__ import annotations

import csv
import io

from storydiff.errors import ConfigError
from storydiff.render.escape import dumps
from storydiff.store.database import Store

COLUMNS = ("id", "story", "source", "outlet", "title", "published", "url", "duplicate_of", "text")


def export_text(store: Store, fmt: str) -> str:
    """The articles with their story and near-duplicate mark, in ingest order, as ``jsonl`` or ``csv`` text."""
    rows = ({column: article.get(column) for column in COLUMNS} for article in store.iter_articles())
    if fmt == "jsonl":
        return "".join(dumps(row) + "\n" for row in rows)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return out.getvalue()
    raise ConfigError(f"export --format {fmt}: storydiff writes jsonl or csv (Parquet needs pyarrow, not installed); "
                      "convert the jsonl, e.g. pandas.read_json(path, lines=True).to_parquet(...)")

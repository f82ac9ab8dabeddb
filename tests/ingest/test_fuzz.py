"""Property test over the readers: whatever the bytes, only storydiff's own errors come out.

Inputs are built from pieces that have broken readers before (byte-order
marks, C1 controls, NUL bytes, CR line endings, web residue, dropped
apostrophes, deep or broken markup) mixed with arbitrary text and bytes, then
read as a ``.txt`` file, an ``.html`` file, a ``.gz`` file (whole or cut
short) or standard input. ``read`` turns every InputError into a per-input
reason, so any other exception fails the test; each article's excluded
ranges must lie inside its text.

Bounded: ``STORYDIFF_FUZZ_EXAMPLES`` examples, by default 150 (a few
seconds) and 2,000 where the ``CI`` variable is set (well under a minute);
``benchmarks/fuzz_readers.py`` is the long run.
"""

from __future__ import annotations

import gzip
import io
import os
import sys
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storydiff.ingest import read

PIECES = [
    "The harbour board met on Tuesday and voted to keep the ferry running, its chair said.",
    "LISBON (Reuters) - ", "Published May 2, 2023\n", "Harbour Talks Resume\n\n",
    "Share this article\n", "Advertisement\n", "Skip to footer\n", "we re", "isn t", "the mayor s",
    "\n", "\r\n", "\r", "\t", "  ", "\ufeff", "\x93", "\x94", "\x81", "\x00", "\x1b[2J", "\u2028", "\ud7ff",
    "<p>", "</p>", "<div>" * 40, "</div>", "<article>", "</article>", "<script>x()</script>", "<!--", "-->",
    "<!doctype html><html><head><title>Gates</title></head><body>", "</body></html>", "&amp;", "&#150;",
    "<meta charset=\"utf-16\">", "<?xml version=\"1.0\"?>", "<![CDATA[", "]]>", "<", ">",
]
ENCODINGS = ["utf-8", "utf-16", "utf-16-le", "utf-32", "cp1252", "latin-1"]

text = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=30)), max_size=40).map("".join)
encoded = st.builds(lambda t, e: t.encode(e, "replace"), text, st.sampled_from(ENCODINGS))
payloads = st.one_of(encoded, st.binary(max_size=3000))


def _check(results) -> None:  # type: ignore[no-untyped-def]
    for result in results:
        assert (result.article is None) != (result.error is None)
        if result.article is not None:
            size = len(result.article.text)
            assert all(0 <= start < end <= size for start, end in result.article.excluded)


def read_as(kind: str, data: bytes, cut: int) -> None:
    """Read ``data`` as an input of ``kind`` and check the results."""
    if kind == "stdin":
        saved = sys.stdin
        sys.stdin = io.TextIOWrapper(io.BytesIO(data))
        try:
            _check(read(["-"]))
        finally:
            sys.stdin = saved
        return
    with tempfile.TemporaryDirectory() as folder:
        if kind.endswith(".gz"):
            packed = gzip.compress(data)
            data = packed[: len(packed) - cut] if cut else packed
        path = Path(folder) / f"input{kind}"
        path.write_bytes(data)
        _check(read([str(path), folder]))


@settings(
    max_examples=int(os.environ.get("STORYDIFF_FUZZ_EXAMPLES", "2000" if os.environ.get("CI") else "150")),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    kind=st.sampled_from([".txt", ".html", ".txt.gz", ".html.gz", "stdin"]),
    data=payloads,
    cut=st.integers(min_value=0, max_value=30),
)
def test_readers_raise_only_storydiff_errors(kind: str, data: bytes, cut: int) -> None:
    read_as(kind, data, cut)

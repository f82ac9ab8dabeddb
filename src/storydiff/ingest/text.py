"""Turning raw bytes into article text, or a clear reason why not.

Plain text keeps its content unchanged apart from line endings (``\\r\\n`` and
``\\r`` become ``\\n``) and a leading byte-order mark, so offsets into the
text are offsets into the file as a reader sees it.
"""

from __future__ import annotations

DEFAULT_MAX_BYTES = 5_000_000

_HTML_PREFIXES = (b"<!doctype html", b"<html", b"<?xml", b"<head", b"<body")


def looks_like_html(data: bytes, name: str = "") -> bool:
    """Whether ``data`` is an HTML page (by file name, or by its first bytes)."""
    if name.lower().endswith((".html", ".htm", ".xhtml", ".html.gz")):
        return True
    head = data[:512].lstrip().lower()
    return head.startswith(_HTML_PREFIXES)


def check_size(size: int, max_bytes: int) -> str | None:
    """A reason to refuse an input of ``size`` bytes, or None when it is acceptable."""
    if size == 0:
        return "empty file"
    if size > max_bytes:
        return f"too large ({size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.1f} MB, see --max-bytes)"
    return None


def decode_text(data: bytes) -> str:
    """Decode UTF-8 text and normalise line endings; raise ValueError with a reason.

    Binary data (NUL bytes, or mostly control characters) and invalid UTF-8
    are refused rather than guessed at, so that a wrong file never turns into
    a nonsense brief.
    """
    if not data.strip():
        raise ValueError("empty file" if not data else "empty file (only whitespace)")
    sample = data[:8192]
    if b"\x00" in sample:
        raise ValueError("binary file, not text (contains NUL bytes)")
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    if controls > len(sample) * 0.05:
        raise ValueError("binary file, not text (mostly control characters)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "convert it with: iconv -f LATIN1 -t UTF-8"
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ValueError("empty file (only whitespace)")
    return text

"""Turning raw bytes into article text, or a clear reason why not.

Plain text keeps its content unchanged apart from line endings (``\\r\\n`` and
``\\r`` become ``\\n``), a leading byte-order mark, and C1 control characters
left by a wrong conversion (below), so offsets into the text are offsets into
the file as a reader sees it.

Text is UTF-8 unless it starts with a UTF-16 or UTF-32 byte-order mark or its
server declared another charset. Windows-1252 text converted as if it were
Latin-1 (``iconv -f LATIN1``, a common mistake) keeps the Windows curly quotes
and dashes as C1 control characters (U+0080–U+009F), which no real article
contains: each is repaired to the Windows-1252 character it stands for (one
character for one, so no offset moves). A C1 character that Windows-1252
leaves undefined cannot be explained that way and the text is refused.
"""

from __future__ import annotations

import codecs
import re

from storydiff.errors import InputError

DEFAULT_MAX_BYTES = 5_000_000

_HTML_PREFIXES = (b"<!doctype html", b"<html", b"<?xml", b"<head", b"<body")
# Byte-order marks of the wide encodings, longest first (UTF-32-LE's starts with UTF-16-LE's).
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_C1 = re.compile("[\x80-\x9f]")
_ICONV_ADVICE = "convert it with: iconv -f WINDOWS-1252 -t UTF-8"

__all__ = ["DEFAULT_MAX_BYTES", "decode_text", "looks_like_html", "repair_c1", "to_utf8"]


def looks_like_html(data: bytes, name: str = "") -> bool:
    """Whether ``data`` is an HTML page (by file name, or by its first bytes)."""
    if name.lower().endswith((".html", ".htm", ".xhtml", ".html.gz", ".htm.gz")):
        return True
    head = data[:512].lstrip().lower()
    return head.startswith(_HTML_PREFIXES)


def to_utf8(data: bytes, source: str = "text") -> bytes:
    """UTF-8 bytes for data that starts with a UTF-16/UTF-32 byte-order mark; other data unchanged."""
    for bom, encoding in _WIDE_BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding).encode("utf-8")
            except UnicodeDecodeError as exc:
                raise InputError(
                    source, f"not valid {encoding.upper()} (it starts with a byte-order mark; {exc.reason})"
                ) from None
    return data


def decode_text(data: bytes, source: str = "text", charset: str | None = None) -> str:
    """Decode text and normalise line endings; raise :class:`InputError` naming ``source``.

    ``charset`` is the one a server declared (UTF-8 when None). Binary data
    (NUL bytes, or mostly control characters) and undecodable text are
    refused rather than guessed at, so that a wrong file never turns into a
    nonsense brief.
    """
    if not data.strip():
        raise InputError(source, "empty file" if not data else "empty file (only whitespace)")
    data = to_utf8(data, source)
    sample = data[:8192]
    if b"\x00" in sample:
        raise InputError(source, "binary file, not text (contains NUL bytes)")
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    if controls > len(sample) * 0.05:
        raise InputError(source, "binary file, not text (mostly control characters)")
    text = _decode(data, source, charset)
    text = repair_c1(text.replace("\r\n", "\n").replace("\r", "\n"), source)
    if not text.strip():
        raise InputError(source, "empty file (only whitespace)")
    return text


def _decode(data: bytes, source: str, charset: str | None) -> str:
    encoding = "utf-8-sig"
    if charset:
        try:
            encoding = codecs.lookup(charset).name
        except LookupError:
            raise InputError(source, f"unknown charset {charset[:40]!r}") from None
        encoding = "utf-8-sig" if encoding == "utf-8" else encoding
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        if encoding == "utf-8-sig":
            raise InputError(
                source, f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); {_ICONV_ADVICE}"
            ) from None
        raise InputError(source, f"not valid {encoding} (byte 0x{data[exc.start]:02x} at offset {exc.start})") from None


def repair_c1(text: str, source: str = "text") -> str:
    """Replace C1 controls with the Windows-1252 characters they stand for (same length).

    Raises :class:`InputError` for a C1 character Windows-1252 does not define
    (U+0081, U+008D, U+008F, U+0090, U+009D): nothing explains it.
    """
    if not _C1.search(text):
        return text

    def windows_1252(match: re.Match[str]) -> str:
        code = ord(match.group())
        try:
            return bytes([code]).decode("cp1252")
        except UnicodeDecodeError:
            raise InputError(
                source,
                f"contains the control character U+{code:04X} at offset {match.start()}, which is not "
                f"mis-converted Windows-1252; the file is damaged or not text ({_ICONV_ADVICE} "
                "if it was Windows-1252)",
            ) from None

    return _C1.sub(windows_1252, text)

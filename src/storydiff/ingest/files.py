"""Local inputs as bytes: files (plain or ``.gz``), directories of them, stdin.

Every failure becomes an :class:`~storydiff.errors.InputError` naming the
input, so one unreadable file, folder or over-long name is reported and the
other inputs are still read. Nothing is read past the size limit: plain files
are read up to it, ``.gz`` files are decompressed as a stream and abandoned as
soon as the output passes it (a small file that inflates to gigabytes costs no
more memory than the limit).
"""

from __future__ import annotations

import gzip
import sys
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from storydiff.errors import InputError

# Files a directory input contributes; others in it are skipped.
ARTICLE_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm", ".xhtml")


def describe_os_error(exc: OSError) -> str:
    """A short reason for an operating-system error, for a person."""
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    return (exc.strerror or str(exc)).lower()


@contextmanager
def os_errors(source: str) -> Iterator[None]:
    """Turn an ``OSError`` raised inside the block into an InputError naming ``source``."""
    try:
        yield
    except OSError as exc:
        raise InputError(source, describe_os_error(exc)) from None


def size_problem(size: int, max_bytes: int) -> str | None:
    """A reason to refuse an input of ``size`` bytes, or None when it is acceptable."""
    if size == 0:
        return "empty file"
    if size > max_bytes:
        return f"too large ({size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.1f} MB, see --max-bytes)"
    return None


def _check_size(source: str, size: int, max_bytes: int) -> None:
    reason = size_problem(size, max_bytes)
    if reason:
        raise InputError(source, reason)


def expand(item: str) -> list[str]:
    """The files an input stands for: a directory's article files (sorted), else the input itself."""
    with os_errors(item):
        path = Path(item)
        if not path.is_dir():
            return [item]
        files = sorted(
            p for p in path.iterdir()
            if not p.name.startswith(".") and p.suffix.lower() in ARTICLE_SUFFIXES and p.is_file()
        )
    if not files:
        raise InputError(item, "directory holds no article files (.txt, .html, .md)")
    return [str(p) for p in files]


def read_file(source: str, max_bytes: int) -> bytes:
    """The bytes of a file, decompressed when its name ends in ``.gz``; at most ``max_bytes``."""
    with os_errors(source):
        path = Path(source)
        if path.is_dir():
            raise InputError(source, "directory holds no article files (.txt, .html, .md)")
        _check_size(source, path.stat().st_size, max_bytes)
        with path.open("rb") as handle:
            is_gzip = source.lower().endswith(".gz")
            data = _gunzip(source, handle, max_bytes) if is_gzip else handle.read(max_bytes + 1)
    _check_size(source, len(data), max_bytes)
    return data


def _gunzip(source: str, handle: BinaryIO, max_bytes: int) -> bytes:
    """Decompress a gzip stream, stopping one byte past ``max_bytes``."""
    try:
        with gzip.GzipFile(fileobj=handle, mode="rb") as unzipped:
            data = unzipped.read(max_bytes + 1)
    except EOFError:
        raise InputError(source, "truncated gzip file (it ends before its data does)") from None
    except (gzip.BadGzipFile, zlib.error) as exc:
        raise InputError(source, f"not a valid gzip file ({str(exc)[:80]})") from None
    if len(data) > max_bytes:
        raise InputError(
            source, f"too large once decompressed (over {max_bytes / 1e6:.1f} MB; the limit is set by --max-bytes)"
        )
    return data


def read_stdin(max_bytes: int) -> bytes:
    """Standard input's bytes, at most ``max_bytes``."""
    with os_errors("-"):
        data = sys.stdin.buffer.read(max_bytes + 1)
    _check_size("-", len(data), max_bytes)
    return data

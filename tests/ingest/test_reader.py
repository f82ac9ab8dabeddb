"""Reading files, directories and stdin: every bad input is named with its reason."""

from __future__ import annotations

import io
import sys

from storydiff.ingest import ReadOptions, article_id, read

GOOD = "Harbour Talks Resume\n\nLISBON (Reuters) - Port workers returned to talks on Monday, the union said.\n"


def test_each_bad_input_is_reported_and_the_rest_are_read(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 talks".encode("latin-1"))
    inputs = [str(tmp_path / n) for n in ("missing.txt", "empty.txt", "binary.txt", "latin1.txt", "good.txt")]
    results = read(inputs)
    reasons = {r.source.rsplit("/", 1)[1]: r.error for r in results}
    assert reasons["missing.txt"] == "no such file"
    assert reasons["empty.txt"] == "empty file"
    assert "binary" in reasons["binary.txt"]
    assert "UTF-8" in reasons["latin1.txt"]
    assert reasons["good.txt"] is None
    article = results[-1].article
    assert article.id == "A" and article.outlet == "Reuters" and article.title == "Harbour Talks Resume"


def test_huge_input_is_refused_before_reading(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("word " * 3000)
    (result,) = read([str(big)], ReadOptions(max_bytes=1000))
    assert "too large" in result.error


def test_directory_is_expanded_in_name_order_and_overrides_apply(tmp_path):
    (tmp_path / "b.txt").write_text(GOOD)
    (tmp_path / "a.txt").write_text(GOOD.replace("Reuters", "AP"))
    (tmp_path / "notes.json").write_text("{}")
    b = str(tmp_path / "b.txt")
    results = read([str(tmp_path)], ReadOptions(outlets={b: "The Courier"}, dates={b: "2023-05-03"}))
    assert [r.source.rsplit("/", 1)[1] for r in results] == ["a.txt", "b.txt"]
    assert results[0].article.outlet == "Associated Press"
    assert results[1].article.outlet == "The Courier"
    assert results[1].article.published == "2023-05-03"


def test_empty_directory_is_an_error(tmp_path):
    (result,) = read([str(tmp_path)])
    assert "no article files" in result.error


def test_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(GOOD.encode())))
    (result,) = read(["-"])
    assert result.article.source == "-"
    assert result.article.text == GOOD


def test_article_ids_run_past_z():
    assert [article_id(n) for n in (0, 1, 25, 26, 27)] == ["A", "B", "Z", "AA", "AB"]


def _gzip_bomb(path, gibibytes=1):
    """A gzip file of ``gibibytes`` of spaces: one compressed MiB written as 1,024 gzip members.

    gzip readers decompress concatenated members as one stream, so this is a
    1 GiB file to them, written without ever holding more than a MiB.
    """
    import gzip

    member = gzip.compress(b" " * (1 << 20), compresslevel=9)
    with open(path, "wb") as out:
        for _ in range(1024 * gibibytes):
            out.write(member)


def test_gz_is_read_and_bad_gz_is_one_error_among_the_inputs(tmp_path):
    import gzip

    (tmp_path / "good.txt.gz").write_bytes(gzip.compress(GOOD.encode()))
    packed = gzip.compress(GOOD.encode() * 50)
    (tmp_path / "truncated.txt.gz").write_bytes(packed[: len(packed) // 2])
    (tmp_path / "corrupt.txt.gz").write_bytes(packed[:20] + b"\xff" * 40 + packed[60:])
    (tmp_path / "not-gzip.txt.gz").write_bytes(GOOD.encode())
    (tmp_path / "b.txt").write_text(GOOD)
    names = ["good.txt.gz", "truncated.txt.gz", "corrupt.txt.gz", "not-gzip.txt.gz", "b.txt"]
    results = read([str(tmp_path / n) for n in names])
    reasons = {r.source.rsplit("/", 1)[1]: r.error for r in results}
    assert reasons["good.txt.gz"] is None and results[0].article.text == GOOD
    assert "truncated gzip" in reasons["truncated.txt.gz"]
    assert "gzip" in reasons["corrupt.txt.gz"]
    assert "not a valid gzip file" in reasons["not-gzip.txt.gz"]
    assert reasons["b.txt"] is None


def test_a_gigabyte_gz_bomb_is_refused_in_little_memory(tmp_path):
    import gzip
    import subprocess
    import textwrap

    bomb = tmp_path / "bomb.txt.gz"
    _gzip_bomb(bomb)
    assert bomb.stat().st_size < 2_000_000
    member = gzip.compress(b" " * (1 << 20), compresslevel=9)
    assert bomb.stat().st_size == 1024 * len(member)  # 1,024 members of one MiB each: a gibibyte
    # Peak memory of a fresh process. getrusage's ru_maxrss would carry over the
    # peak of this (model-laden) pytest process through fork and exec; VmHWM is
    # the high-water mark of the new process's own memory.
    script = textwrap.dedent(f"""
        from storydiff.ingest import read
        (result,) = read([{str(bomb)!r}])
        print(result.error)
        status = open("/proc/self/status").read()
        print(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:")))
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    error, peak_kib = out.strip().splitlines()
    assert "too large once decompressed" in error
    assert int(peak_kib) < 200 * 1024


def test_unreadable_folder_and_overlong_name_are_errors_of_their_own(tmp_path, monkeypatch):
    import pathlib

    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "a.txt").write_text(GOOD)
    real_iterdir = pathlib.Path.iterdir

    def iterdir(self):
        # Tests run as root, which chmod cannot lock out: the folder refuses to be listed instead.
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real_iterdir(self)

    monkeypatch.setattr(pathlib.Path, "iterdir", iterdir)
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    overlong = str(tmp_path / ("n" * 5000 + ".txt"))
    results = read([str(locked), overlong, str(good)])
    assert [r.error for r in results] == ["permission denied", "file name too long", None]
    assert results[2].article.id == "A"


def test_utf16_with_a_byte_order_mark_is_text(tmp_path):
    for encoding in ("utf-16", "utf-16-be", "utf-32"):
        path = tmp_path / f"{encoding}.txt"
        bom = "\ufeff" if encoding == "utf-16-be" else ""
        path.write_bytes((bom + GOOD).encode(encoding))
        (result,) = read([str(path)])
        assert result.error is None and result.article.text == GOOD, encoding


def test_windows_1252_converted_as_latin1_is_repaired_in_place(tmp_path):
    original = "The mayor called the plan \u201cfinished\u201d \u2013 the union did not.\n"
    # What `iconv -f LATIN1 -t UTF-8` makes of Windows-1252 bytes: C1 control characters.
    misconverted = original.encode("cp1252").decode("latin-1")
    assert "\x93" in misconverted
    path = tmp_path / "iconv.txt"
    path.write_text(misconverted, encoding="utf-8")
    (result,) = read([str(path)])
    assert result.article.text == original
    (tmp_path / "damaged.txt").write_text("The vote passed \x81 on Tuesday.", encoding="utf-8")
    (damaged,) = read([str(tmp_path / "damaged.txt")])
    assert "U+0081" in damaged.error


def test_deeply_nested_html_keeps_its_article(tmp_path):
    # Nesting that starts mid-article: the paragraphs below it must survive too.
    opening = "".join(f"<p>The harbour board will meet again in week {n} to vote on the ferry timetable "
                      f"and the pier repairs, its secretary said.</p>" for n in range(4))
    mid_page = f"<html><body><article>{opening}{'<div>' * 400}<p>{GOOD.splitlines()[2]}</p>" \
               f"{'</div>' * 400}</article></body></html>"
    (tmp_path / "mid.html").write_text(mid_page)
    (mid,) = read([str(tmp_path / "mid.html")])
    assert "Port workers returned to talks on Monday" in mid.article.text

    body = "".join(f"<p>{line}</p>" for line in GOOD.splitlines()[2:] * 3)
    page = f"<html><head><title>Harbour Talks Resume</title></head><body>{'<div>' * 3000}" \
           f"<article>{body}<p>Both sides said the next round would start on Thursday at the port office.</p>" \
           f"</article>{'</div>' * 3000}</body></html>"
    path = tmp_path / "deep.html"
    path.write_text(page)
    (result,) = read([str(path)])
    assert result.error is None
    assert "Port workers returned to talks on Monday" in result.article.text


def test_reading_files_never_imports_the_http_client(tmp_path):
    import subprocess

    path = tmp_path / "story.txt"
    path.write_text(GOOD)
    script = (f"import sys; from storydiff.ingest import read; assert read([{str(path)!r}])[0].article; "
              "print(sorted(m for m in ('httpx', 'httpcore', 'h11', 'anyio') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"

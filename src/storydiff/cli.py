"""The ``storydiff`` command: a thin shell over the library.

Results go to stdout, progress and warnings to stderr. Exit codes: 0 success,
1 when any input could not be read or the work failed, 2 for usage errors,
130 when interrupted (Ctrl-C). An ``-o`` file is checked before any work
starts and written atomically: the old file stays whole if writing fails.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storydiff import __version__
from storydiff.errors import ConfigError, StorydiffError
from storydiff.models import Article, ReadResult

if TYPE_CHECKING:
    from storydiff.store import Store

_EXAMPLES = {
    "brief": """examples:
  storydiff brief examples/ferry/
  storydiff brief a.txt b.html https://example.org/story --format json
  storydiff brief examples/museum/ -o brief.html
  storydiff brief a.txt b.txt --outlet b.txt="The Courier" --date b.txt=2024-03-08
  storydiff brief --db storydiff.db --story s3 -o brief.html""",
    "read": """examples:
  storydiff read examples/bridge/ --format jsonl
  curl -s https://example.org/story | storydiff read - --format jsonl""",
    "quotes": """examples:
  storydiff quotes examples/ferry/*.txt
  storydiff quotes article.txt --format jsonl > statements.jsonl""",
    "ingest": """examples:
  storydiff ingest examples/corpus examples/corpus/news.jsonl --db corpus.db \\
      --map text=body,title=headline,date=published,outlet=source,id=uuid
  storydiff ingest examples/corpus/feed.rss --db corpus.db
  storydiff ingest scraped/ https://example.org/story --feed https://example.org/news --db corpus.db""",
    "stories": """examples:
  storydiff stories --db corpus.db
  storydiff stories --db corpus.db --since 2025-06-05 --format jsonl""",
    "search": """examples:
  storydiff search --db corpus.db Okafor
  storydiff search --db corpus.db '"electrical fault"' --format jsonl""",
    "export": """examples:
  storydiff export --db corpus.db --format jsonl > articles.jsonl
  storydiff export --db corpus.db --format csv -o articles.csv""",
    "serve": """examples:
  storydiff serve --db corpus.db                 # then open http://127.0.0.1:8000/
  storydiff serve --db corpus.db --port 8080""",
    "stance": """examples:
  storydiff stance "The ferry service will resume on Monday" examples/ferry/*.txt
  storydiff stance --stances train_stances.csv --bodies train_bodies.csv -o predicted.csv""",
}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``storydiff`` command (``argv=None``: the process's own arguments)."""
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        if getattr(args, "output", None):
            _check_output(args.output)
        return int(args.run(args))
    except StorydiffError as exc:
        _error(str(exc))
        return 1
    except KeyboardInterrupt:
        print("storydiff: interrupted", file=sys.stderr)
        return 130
    finally:
        if argv is None:
            # Run as the command, the process ends next: the garbage collector's last passes over
            # the models' millions of objects would only delay the exit (by ~0.2 s of CPU).
            gc.freeze()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="storydiff",
        description="Diff for news: compare what several articles about one story claim.",
    )
    parser.add_argument("--version", action="version", version=f"storydiff {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    brief = _command(commands, "brief", "compare the articles of one story: agreed, disputed, unique, who said what")
    _add_inputs(brief, required=False)
    brief.add_argument("--db", metavar="PATH", help="brief a stored story (with --story) instead of inputs")
    brief.add_argument("--story", metavar="ID", help="the story to brief from --db (ids: storydiff stories)")
    brief.add_argument("--format", "-f", choices=("text", "json", "markdown", "html"),
                       help="output format (default: from -o's extension, else text)")
    brief.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout (e.g. brief.html)")
    brief.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                       help="colour in text output (default: auto, when stdout is a terminal)")
    brief.add_argument("--full", action="store_true",
                       help="print every point; text and Markdown briefs otherwise show the most important "
                            "that fit in about 80 lines (e.g. storydiff brief --full examples/ferry/)")
    brief.set_defaults(run=_run_brief)

    read = _command(commands, "read", "read inputs and print each article as extracted (text, metadata)")
    _add_inputs(read)
    read.add_argument("--format", "-f", choices=("jsonl", "text"), default="jsonl",
                      help="output format (default: jsonl)")
    read.set_defaults(run=_run_read)

    quotes = _command(commands, "quotes", "list who said what in each input")
    _add_inputs(quotes)
    quotes.add_argument("--format", "-f", choices=("table", "jsonl", "csv"), default="table",
                        help="output format (default: table)")
    quotes.set_defaults(run=_run_quotes)

    stance = _command(commands, "stance", "does each article agree with, deny, discuss, or ignore a claim?")
    stance.add_argument("claim", nargs="?", help="the claim (headline) to check")
    stance.add_argument("inputs", nargs="*", metavar="INPUT", help="articles: files, directories, URLs or -")
    stance.add_argument("--stances", metavar="CSV", help="FNC-1 stances file (Headline, Body ID[, Stance])")
    stance.add_argument("--bodies", metavar="CSV", help="FNC-1 bodies file (Body ID, articleBody)")
    stance.add_argument("-o", "--output", metavar="FILE", help="where to write predicted FNC-1 rows (default: stdout)")
    stance.add_argument("--format", "-f", choices=("text", "jsonl"), default="text", help="output for the claim form")
    _add_read_options(stance)
    stance.set_defaults(run=_run_stance)

    relate = _command(commands, "relate", "how two claims relate: corroborates, conflicts, updates, related, unrelated")
    relate.add_argument("pairs", metavar="PAIRS.tsv", help="TSV with a header: id, a, b[, date_a, date_b]; - for stdin")
    relate.add_argument("--format", "-f", choices=("jsonl", "tsv"), default="jsonl", help="output (default: jsonl)")
    relate.set_defaults(run=_run_relate)
    _add_corpus_commands(commands)
    return parser


def _add_corpus_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """ingest, stories, search, export: corpus mode, over a store (``--db``)."""
    db_help = "the store, an SQLite file (default: ./storydiff.db)"
    ingest = _command(commands, "ingest", "read articles and datasets into a store and group them into stories")
    ingest.add_argument("inputs", nargs="*", metavar="SOURCE",
                        help="article files, folders, URLs, - for stdin, .jsonl/.csv datasets (a row an article), "
                             "or RSS/Atom feeds (.rss, .atom, .xml)")
    ingest.add_argument("--feed", action="append", default=[], metavar="URL",
                        help="read this file or URL as an RSS/Atom feed whatever its name (repeatable)")
    ingest.add_argument("--feed-delay", type=float, default=1.0, metavar="SECONDS",
                        help="least time between two requests to one host for a feed's pages (default: 1)")
    ingest.add_argument("--db", default="storydiff.db", metavar="PATH", help=db_help)
    ingest.add_argument("--map", action="append", default=[], metavar="FIELD=COLUMN,...",
                        help="dataset columns of text, title, date, outlet, id, url, e.g. --map text=body,id=uuid")
    ingest.add_argument("--batch-size", type=int, default=16, metavar="N",
                        help="articles analysed and committed together (default: 16)")
    where = ingest.add_mutually_exclusive_group()
    where.add_argument("--workers", type=int, metavar="N",
                       help="analyse on a local Dask cluster of N worker processes (needs storydiff[dask])")
    where.add_argument("--scheduler", metavar="ADDRESS",
                       help="analyse on the workers of a running Dask scheduler, e.g. tcp://10.0.0.5:8786")
    _add_read_options(ingest)
    ingest.set_defaults(run=_run_ingest)

    stories = _command(commands, "stories", "list the stories of a store")
    stories.add_argument("--db", default="storydiff.db", metavar="PATH", help=db_help)
    stories.add_argument("--since", metavar="YYYY-MM-DD",
                         help="only stories whose latest dated article is on or after this date")
    stories.add_argument("--format", "-f", choices=("table", "jsonl"), default="table", help="(default: table)")
    stories.set_defaults(run=_run_stories)

    search = _command(commands, "search", "full-text search of a store's articles and statements")
    search.add_argument("query", help="words or an FTS5 query (quote a phrase)")
    search.add_argument("--db", default="storydiff.db", metavar="PATH", help=db_help)
    search.add_argument("--limit", type=int, default=20, metavar="N", help="at most N hits (default: 20)")
    search.add_argument("--format", "-f", choices=("table", "jsonl"), default="table", help="(default: table)")
    search.set_defaults(run=_run_search)

    export = _command(commands, "export", "write every stored article with its story, as JSONL or CSV")
    export.add_argument("--db", default="storydiff.db", metavar="PATH", help=db_help)
    export.add_argument("--format", "-f", choices=("jsonl", "csv", "parquet"), default="jsonl",
                        help="(default: jsonl; parquet needs pyarrow installed)")
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    export.set_defaults(run=_run_export)

    serve = _command(commands, "serve", "browse a store's stories, briefs, articles and speakers in the browser")
    serve.add_argument("--db", default="storydiff.db", metavar="PATH", help=db_help + ", opened read-only")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine)")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    serve.set_defaults(run=_run_serve)


def _command(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], name: str, help_text: str
) -> argparse.ArgumentParser:
    return commands.add_parser(
        name, help=help_text, description=help_text[0].upper() + help_text[1:] + ".",
        epilog=_EXAMPLES.get(name), formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def _add_inputs(parser: argparse.ArgumentParser, *, required: bool = True) -> None:
    parser.add_argument("inputs", nargs="+" if required else "*", metavar="INPUT",
                        help="article files (.txt, .html), directories of them, http(s) URLs, or - for stdin")
    _add_read_options(parser)


def _add_read_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--outlet", action="append", default=[], metavar="INPUT=NAME",
                        help="name the outlet of one input, e.g. --outlet b.txt=Reuters (repeatable)")
    parser.add_argument("--date", action="append", default=[], metavar="INPUT=YYYY-MM-DD",
                        help="set the publication date of one input (repeatable)")
    parser.add_argument("--allow-private", action="store_true",
                        help="allow URLs on private or loopback addresses (refused by default)")
    parser.add_argument("--timeout", type=float, default=15.0, metavar="SECONDS",
                        help="deadline for fetching each URL, redirects included (default: 15)")
    parser.add_argument("--max-bytes", type=int, default=5_000_000, metavar="N",
                        help="refuse inputs larger than N bytes (default: 5000000)")


def _overrides(pairs: Sequence[str], what: str) -> dict[str, str]:
    out = {}
    for pair in pairs:
        key, sep, value = pair.rpartition("=")
        if not sep or not key or not value:
            raise SystemExit(_usage(f"--{what} needs INPUT={what.upper()}, got {pair!r}"))
        if what == "date":
            from datetime import date

            try:
                date.fromisoformat(value)
            except ValueError:
                raise SystemExit(_usage(f"--date needs a YYYY-MM-DD date, got {value!r}")) from None
        out[key] = value
    return out


def _safe(text: str) -> str:
    """Outside text (file names, server messages) made safe for one terminal line."""
    from storydiff.render.escape import terminal_safe

    return terminal_safe(text, one_line=True)


def _usage(message: str) -> int:
    print(f"storydiff: usage error: {_safe(message)}", file=sys.stderr)
    return 2


def _error(message: str) -> None:
    """One line on stderr; file names and server messages in it come from outside."""
    print(f"storydiff: error: {_safe(message)}", file=sys.stderr)


def _read_reporting(args: argparse.Namespace) -> tuple[list[Article], list[ReadResult], list[ReadResult]]:
    """Read inputs; report each failure on stderr; return (articles, failed results, all results)."""
    from storydiff.pipeline import read
    from storydiff.render.escape import short_name

    results = read(
        args.inputs, outlets=_overrides(args.outlet, "outlet"), dates=_overrides(args.date, "date"),
        allow_private=args.allow_private, timeout=args.timeout, max_bytes=args.max_bytes,
    )
    failures = [r for r in results if r.article is None]
    for failure in failures:
        _error(f"{short_name(failure.source)}: {failure.error}")
    return [r.article for r in results if r.article is not None], failures, results


def _run_brief(args: argparse.Namespace) -> int:
    from storydiff.models import InputFailure
    from storydiff.pipeline import build_brief
    from storydiff.render import render

    fmt = args.format or _format_from_path(args.output)
    if args.db or args.story:
        return _run_stored_brief(args, fmt)
    if not args.inputs:
        raise SystemExit(_usage("give the articles to compare, or --db PATH --story ID"))
    articles, failures, _ = _read_reporting(args)
    if not articles:
        _error("no article could be read; nothing to compare")
        return 1
    if len(articles) == 1:
        print("storydiff: note: only one article read; a brief compares two or more", file=sys.stderr)
    brief = build_brief(articles, [InputFailure(f.source, f.error or "unreadable") for f in failures])
    color = args.color == "always" or (args.color == "auto" and not args.output and sys.stdout.isatty())
    _write(render(brief, fmt, color=color, lines=_brief_lines(args)), args.output)
    return 1 if failures else 0


def _brief_lines(args: argparse.Namespace) -> int | None:
    """How long a text or Markdown brief is: about BRIEF_LINES lines, or everything with --full."""
    from storydiff.render.summary import BRIEF_LINES

    return None if args.full else BRIEF_LINES


def _format_from_path(path: str | None) -> str:
    suffix = Path(path).suffix.lower() if path else ""
    return {".html": "html", ".htm": "html", ".json": "json", ".md": "markdown"}.get(suffix, "text")


def _write(text: str, output: str | None) -> None:
    """Write to stdout, or atomically to the ``-o`` file."""
    if output:
        data = text.encode("utf-8")
        _write_atomically(output, lambda path: path.write_bytes(data))
        print(f"storydiff: wrote {_safe(output)}", file=sys.stderr)
    else:
        sys.stdout.write(text)


def _check_output(output: str) -> None:
    """Refuse an ``-o`` path that cannot be written, before any work starts.

    Creating (and removing) an empty file beside the target is the one check
    that sees every reason: a missing folder, a folder given as the file, a
    read-only file system, no permission, a name too long.
    """
    target = Path(output)
    try:
        if target.is_dir():
            raise ConfigError(f"-o {output}: is a folder; give a file name, e.g. {target / 'brief.html'}")
        if not target.parent.is_dir():
            raise ConfigError(f"-o {output}: folder {target.parent} does not exist; create it first")
        if target.exists() and not os.access(target, os.W_OK):
            raise ConfigError(f"-o {output}: the file is read-only; choose another name or make it writable")
        fd, probe = tempfile.mkstemp(dir=target.parent, prefix=".storydiff-", suffix=".part")
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:  # a name too long, a folder that cannot be searched...
        raise ConfigError(f"-o {output}: cannot write there ({exc.strerror or exc}); choose another place") from None


def _write_atomically(output: str, write: Callable[[Path], object]) -> None:
    """Write ``output`` through a temporary file beside it, fsync it, then rename it over the old one.

    On any failure (a full disk, an interrupt) the temporary file is removed
    and the old file, if any, is left as it was.
    """
    target = Path(output)
    if target.is_symlink():
        target = target.resolve()
    try:
        fd, name = tempfile.mkstemp(dir=target.parent, prefix=".storydiff-", suffix=".part")
    except OSError as exc:
        raise ConfigError(f"-o {output}: cannot write there ({exc.strerror or exc})") from None
    os.close(fd)
    temporary = Path(name)
    try:
        write(temporary)
        os.chmod(temporary, _file_mode(target))
        with temporary.open("rb") as handle:
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        reason = exc.strerror or str(exc)
        raise ConfigError(f"-o {output}: could not write ({reason}); the old file, if any, is unchanged") from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable where the system allows it
        directory = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)


def _file_mode(target: Path) -> int:
    """The permission bits the written file gets: the old file's, else the usual ones for a new file."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _run_read(args: argparse.Namespace) -> int:
    from storydiff.render.listing import render_article, render_json_line

    _, failures, results = _read_reporting(args)
    for result in results:
        if args.format == "jsonl":
            sys.stdout.write(render_json_line(result.to_dict()))
        elif result.article is not None:
            sys.stdout.write(render_article(result.article))
    return 1 if failures else 0


def _run_quotes(args: argparse.Namespace) -> int:
    from storydiff.pipeline import analyze

    articles, failures, _ = _read_reporting(args)
    analysis = analyze(articles) if articles else None
    rows = []
    for aa in analysis.articles if analysis else ():
        for statement in aa.statements:
            rows.append({**statement.to_dict(), "source": aa.article.source})
    from storydiff.render.listing import render_json_line
    from storydiff.render.quotes import render_quotes_csv, render_quotes_table

    if args.format == "jsonl":
        sys.stdout.write("".join(render_json_line(row) for row in rows))
    elif args.format == "csv":
        sys.stdout.write(render_quotes_csv(rows))
    else:
        sys.stdout.write(render_quotes_table(rows))
    return 1 if failures else 0


def _run_stance(args: argparse.Namespace) -> int:
    if args.stances or args.bodies:
        if not (args.stances and args.bodies) or args.claim:
            return _usage("the FNC-1 form needs --stances S.csv and --bodies B.csv, and no claim or inputs")
        from storydiff.eval.fnc import format_fnc, run_fnc_batch, write_fnc

        rows, score = run_fnc_batch(args.stances, args.bodies)
        if args.output:
            _write_atomically(args.output, lambda path: write_fnc(rows, path))
            print(f"storydiff: wrote {len(rows)} rows to {_safe(args.output)}", file=sys.stderr)
        else:
            write_fnc(rows, "/dev/stdout")
        if score is not None:
            print(format_fnc(score), file=sys.stderr if not args.output else sys.stdout)
        return 0
    if not args.claim or not args.inputs:
        return _usage('give a claim and one or more articles: storydiff stance "CLAIM" ARTICLE...')
    from storydiff.stance import predict_stance
    from storydiff.render.listing import render_json_line, render_stance

    articles, failures, _ = _read_reporting(args)
    results = predict_stance([(args.claim, a.text) for a in articles])
    for article, result in zip(articles, results, strict=True):
        if args.format == "jsonl":
            sys.stdout.write(render_json_line({"source": article.source, "claim": args.claim, **result.to_dict()}))
        else:
            sys.stdout.write(render_stance(article.source, result.stance, result.scores, result.evidence))
    return 1 if failures else 0


def _run_relate(args: argparse.Namespace) -> int:
    """One line per pair of the TSV; a malformed row is reported with its line number, the rest still run."""
    import csv

    from storydiff.align.pairs import ClaimPair, relate_many
    from storydiff.render.escape import dumps, terminal_safe

    try:
        handle = sys.stdin if args.pairs == "-" else open(args.pairs, encoding="utf-8", newline="")  # noqa: SIM115
    except OSError as exc:
        _error(f"{args.pairs}: {exc.strerror or exc}; give a readable TSV file or - for stdin")
        return 1
    with handle:
        rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    header = [h.strip().lower() for h in rows[0]] if rows else []
    if not {"id", "a", "b"} <= set(header):
        return _usage(f"{args.pairs}: the first line must be a header naming id, a and b (tab-separated), got {header}")
    ids, pairs, failed = [], [], 0
    for line, row in enumerate(rows[1:], start=2):
        record = dict(zip(header, row, strict=False))
        problem = _bad_pair(record, len(row), len(header))
        if problem:
            _error(f"{args.pairs}:{line}: {problem}")
            failed += 1
            continue
        ids.append(record["id"])
        pairs.append(ClaimPair(record["a"], record["b"], record.get("date_a") or None, record.get("date_b") or None))
    if args.format == "tsv":
        print("id\ttype\tconfidence\treason")
    for pair_id, result in zip(ids, relate_many(pairs), strict=True):
        if args.format == "tsv":
            reason = terminal_safe(result.reason, one_line=True)
            print(f"{terminal_safe(pair_id, one_line=True)}\t{result.type}\t{result.confidence:.3f}\t{reason}")
        else:
            print(dumps({"id": pair_id, **result.to_dict()}))
    return 1 if failed else 0


def _bad_pair(record: dict[str, str], fields: int, expected: int) -> str | None:
    """Why one TSV row cannot be related, or None when it can."""
    from datetime import date

    if fields != expected:
        return f"{fields} fields where the header has {expected}; separate fields with one tab"
    for column in ("id", "a", "b"):
        if not record[column].strip():
            return f"the {column!r} field is empty"
    for column in ("date_a", "date_b"):
        value = record.get(column) or ""
        try:
            if value:
                date.fromisoformat(value)
        except ValueError:
            return f"{column} must be YYYY-MM-DD, got {value!r}"
    return None


def _run_stored_brief(args: argparse.Namespace, fmt: str) -> int:
    """A brief of a stored story, from its stored analysis."""
    if not (args.db and args.story) or args.inputs:
        return _usage("a stored brief needs --db PATH and --story ID, and no inputs")
    from storydiff.pipeline import brief_from_analysis
    from storydiff.render import render
    from storydiff.render.labels import display_brief
    from storydiff.store import story_analysis

    with _existing_store(args.db) as store:
        brief = brief_from_analysis(story_analysis(store, args.story))
    if fmt != "json":  # the report names articles A, B, C as the story page does; JSON keeps the store's ids
        brief = display_brief(brief)
    color = args.color == "always" or (args.color == "auto" and not args.output and sys.stdout.isatty())
    _write(render(brief, fmt, color=color, lines=_brief_lines(args)), args.output)
    return 0


def _existing_store(path: str) -> Store:
    """Open a store that must exist already (reading commands never create an empty one)."""
    from storydiff.errors import StoreError
    from storydiff.store import Store

    if not Path(path).is_file():
        raise StoreError(f"{path}: no such store; create it with storydiff ingest SOURCE... --db {path}")
    return Store(path)


def _run_ingest(args: argparse.Namespace) -> int:
    import time

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from storydiff.ingest import ReadOptions
    from storydiff.store import ingest, parse_mapping

    options = ReadOptions(outlets=_overrides(args.outlet, "outlet"), dates=_overrides(args.date, "date"),
                          allow_private=args.allow_private, timeout=args.timeout, max_bytes=args.max_bytes)
    mapping = parse_mapping(args.map)
    if not args.inputs and not args.feed:
        raise SystemExit(_usage("give something to ingest: files, folders, URLs, datasets or --feed URL"))
    with contextlib.ExitStack() as stack:
        runner = None
        if args.workers is not None or args.scheduler is not None:
            from storydiff.runners.dask import DaskRunner

            runner = stack.enter_context(DaskRunner(workers=args.workers, scheduler=args.scheduler))
        bar = stack.enter_context(Progress("ingesting", BarColumn(), MofNCompleteColumn(),
                                           TextColumn("{task.fields[rate]}"), TimeRemainingColumn(),
                                           console=_stderr_console(), transient=True))
        task = bar.add_task("ingest", total=None, rate="")
        started = time.monotonic()

        def advance(done: int, total: int) -> None:
            rate = done / max(time.monotonic() - started, 1e-9)
            bar.update(task, completed=done, total=total, rate=f"{rate:.1f} articles/s" if done else "")

        summary = ingest(args.inputs, args.db, mapping=mapping, options=options, batch_size=args.batch_size,
                         feeds=args.feed, feed_delay=args.feed_delay, runner=runner, progress=advance,
                         on_failure=lambda failure: _error(f"{failure.source}: {failure.reason}"))
    print(f"storydiff: {_safe(args.db)}: read {summary.read}, new {summary.new}, duplicates {summary.duplicates}, "
          f"near-duplicates marked {summary.near_duplicates}, failed {len(summary.failures)}, "
          f"stories touched {len(summary.stories)} ({len(summary.new_stories)} new)", file=sys.stderr)
    return 1 if summary.failures else 0


def _stderr_console() -> Any:
    from rich.console import Console

    return Console(stderr=True)


def _run_stories(args: argparse.Namespace) -> int:
    from storydiff.render.escape import dumps

    if args.since:
        from datetime import date

        try:
            date.fromisoformat(args.since)
        except ValueError:
            return _usage(f"--since needs a YYYY-MM-DD date, got {args.since!r}")
    with _existing_store(args.db) as store:
        rows = store.stories(since=args.since)
    for row in rows:
        if args.format == "jsonl":
            print(dumps(row.to_dict()))
        else:
            dates = f"{row.first_seen or '?'}..{row.last_seen or '?'}"
            print(f"{row.id}\t{len(row.articles)} articles\t{dates}\t{_safe(row.title or '(untitled)')}")
    return 0


def _run_search(args: argparse.Namespace) -> int:
    from storydiff.render.escape import dumps

    with _existing_store(args.db) as store:
        hits = store.search(args.query, limit=args.limit)
    for hit in hits:
        if args.format == "jsonl":
            print(dumps(hit))
        else:
            where = hit["article"] + (f" {hit['statement']} ({hit['speaker']})" if hit["kind"] == "statement" else "")
            print(f"{hit['kind']}\t{_safe(where)}\t{_safe(hit['snippet'])}")
    return 0


def _run_export(args: argparse.Namespace) -> int:
    from storydiff.store.export import export_text

    with _existing_store(args.db) as store:
        text = export_text(store, args.format)
    _write(text, args.output)
    return 0


def _run_serve(args: argparse.Namespace) -> int:
    """Serve the store read-only over HTTP until interrupted (docs/web.md)."""
    import uvicorn

    from storydiff.web import create_app

    if not 0 < args.port < 65536:
        return _usage(f"--port must be from 1 to 65535, got {args.port}")
    app = create_app(args.db)
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(f"storydiff: warning: serving on {_safe(args.host)}, not only this machine: anyone who can reach it "
              "can read the whole store", file=sys.stderr)
    print(f"storydiff: serving {_safe(args.db)} at http://{_safe(args.host)}:{args.port}/ (Ctrl-C to stop)",
          file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", server_header=False)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

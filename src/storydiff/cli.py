"""The ``storydiff`` command: a thin shell over the library.

Results go to stdout, progress and warnings to stderr. Exit codes: 0 success,
1 when any input could not be read or the work failed, 2 for usage errors.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from storydiff import __version__
from storydiff.errors import StorydiffError

_EXAMPLES = {
    "brief": """examples:
  storydiff brief examples/summit/
  storydiff brief a.txt b.html https://example.org/story --format json
  storydiff brief examples/summit/ -o brief.html
  storydiff brief a.txt b.txt --outlet b.txt="The Courier" --date b.txt=2024-03-08""",
    "read": """examples:
  storydiff read examples/summit/ --format jsonl
  curl -s https://example.org/story | storydiff read - --format jsonl""",
    "quotes": """examples:
  storydiff quotes examples/summit/*.txt
  storydiff quotes article.txt --format jsonl > statements.jsonl""",
    "stance": """examples:
  storydiff stance "The ferry service will resume on Monday" examples/ferry/*.txt
  storydiff stance --stances train_stances.csv --bodies train_bodies.csv -o predicted.csv""",
}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``storydiff`` command."""
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.run(args))
    except StorydiffError as exc:
        _error(str(exc))
        return 1
    except KeyboardInterrupt:  # pragma: no cover
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="storydiff",
        description="Diff for news: compare what several articles about one story claim.",
    )
    parser.add_argument("--version", action="version", version=f"storydiff {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    brief = _command(commands, "brief", "compare the articles of one story: agreed, disputed, unique, who said what")
    _add_inputs(brief)
    brief.add_argument("--format", "-f", choices=("text", "json", "markdown", "html"),
                       help="output format (default: from -o's extension, else text)")
    brief.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout (e.g. brief.html)")
    brief.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                       help="colour in text output (default: auto, when stdout is a terminal)")
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
    return parser


def _command(commands, name: str, help_text: str) -> argparse.ArgumentParser:  # type: ignore[no-untyped-def]
    return commands.add_parser(
        name, help=help_text, description=help_text[0].upper() + help_text[1:] + ".",
        epilog=_EXAMPLES.get(name), formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def _add_inputs(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inputs", nargs="+", metavar="INPUT",
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
                        help="network timeout per URL (default: 15)")
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


def _usage(message: str) -> int:
    from storydiff.render.escape import terminal_safe

    print(f"storydiff: usage error: {terminal_safe(message, one_line=True)}", file=sys.stderr)
    return 2


def _error(message: str) -> None:
    """One line on stderr; file names and server messages in it come from outside, so made terminal-safe."""
    from storydiff.render.escape import terminal_safe

    print(f"storydiff: error: {terminal_safe(message, one_line=True)}", file=sys.stderr)


def _read_kwargs(args: argparse.Namespace) -> dict[str, object]:
    return {
        "outlets": _overrides(args.outlet, "outlet"),
        "dates": _overrides(args.date, "date"),
        "allow_private": args.allow_private,
        "timeout": args.timeout,
        "max_bytes": args.max_bytes,
    }


def _read_reporting(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """Read inputs; report each failure on stderr; return (articles, failures)."""
    from storydiff.pipeline import read

    results = read(args.inputs, **_read_kwargs(args))  # type: ignore[arg-type]
    failures = [r for r in results if r.article is None]
    for failure in failures:
        _error(f"{failure.source}: {failure.error}")
    return [r.article for r in results if r.article is not None], failures, results


def _run_brief(args: argparse.Namespace) -> int:
    from storydiff.models import InputFailure
    from storydiff.pipeline import build_brief
    from storydiff.render import render

    fmt = args.format or _format_from_path(args.output)
    articles, failures, _ = _read_reporting(args)
    if not articles:
        _error("no article could be read; nothing to compare")
        return 1
    if len(articles) == 1:
        print("storydiff: note: only one article read; a brief compares two or more", file=sys.stderr)
    brief = build_brief(articles, [InputFailure(f.source, f.error or "unreadable") for f in failures])
    color = args.color == "always" or (args.color == "auto" and not args.output and sys.stdout.isatty())
    _write(render(brief, fmt, color=color), args.output)
    return 1 if failures else 0


def _format_from_path(path: str | None) -> str:
    suffix = Path(path).suffix.lower() if path else ""
    return {".html": "html", ".htm": "html", ".json": "json", ".md": "markdown"}.get(suffix, "text")


def _write(text: str, output: str | None) -> None:
    if output:
        Path(output).write_text(text, encoding="utf-8")
        print(f"storydiff: wrote {output}", file=sys.stderr)
    else:
        sys.stdout.write(text)


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
            write_fnc(rows, args.output)
            print(f"storydiff: wrote {len(rows)} rows to {args.output}", file=sys.stderr)
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
    import json

    from storydiff.align.pairs import ClaimPair, relate_many
    from storydiff.render.escape import terminal_safe

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
            print(json.dumps({"id": pair_id, **result.to_dict()}, ensure_ascii=False))
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


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

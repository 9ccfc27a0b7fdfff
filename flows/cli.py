"""`ofsted-etl`: the command line. It parses arguments and calls the library; nothing else."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

from .serve import DEFAULT_CRON, DEFAULT_NAME, DEFAULT_TIMEZONE

DEFAULT_RAW_DIR = "raw"
DEFAULT_WAREHOUSE = "warehouse/ofsted.duckdb"
DICTIONARY_PATH = Path("warehouse/data_dictionary.md")


def _refresh(args: argparse.Namespace) -> int:
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    from .refresh import RefreshFailed, refresh_here
    from .summary import summary_lines

    try:
        summary = refresh_here(raw_dir=args.raw_dir, warehouse=args.warehouse, full_refresh=args.full_refresh,
                               max_bytes=args.max_bytes, batch_size=args.batch_size)
    except RefreshFailed as failed:
        print("\n".join(summary_lines(failed.summary)))
        return 1
    print("\n".join(summary_lines(summary)))
    return 0


def _eval(args: argparse.Namespace) -> int:
    from inspections.evaluation import format_report, load_gold, score

    from .evaluation import predictions_from_warehouse
    from .pipeline import Settings, run

    with tempfile.TemporaryDirectory(prefix="ofsted-eval-") as scratch:
        warehouse = Path(scratch) / "eval.duckdb"
        summary = run(Settings(raw_dir=Path(args.raw_dir), warehouse=warehouse))
        if summary.status != "published":
            print(f"the refresh did not publish: {summary.message}", file=sys.stderr)
            return 1
        report = score(predictions_from_warehouse(warehouse), load_gold(Path(args.gold)))
    print(json.dumps(report.to_dict(), indent=2, default=str) if args.json else format_report(report))
    return 0


def _query(args: argparse.Namespace) -> int:
    import duckdb

    from .warehouse import read_only

    if not Path(args.warehouse).is_file():
        print(f"no warehouse at {args.warehouse}: run `ofsted-etl refresh` first, or pass --warehouse",
              file=sys.stderr)
        return 1
    with read_only(Path(args.warehouse), memory_limit=None) as conn:  # a person's query: DuckDB's defaults
        try:
            relation = conn.sql(args.sql)
            if relation is not None:
                relation.show(max_rows=args.max_rows, max_width=10_000)
        except duckdb.Error as error:
            print(f"query failed: {error}", file=sys.stderr)
            return 1
    return 0


def _serve(args: argparse.Namespace) -> int:
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    from .serve import NoServer, serve

    try:
        serve(name=args.name, cron=args.cron, timezone=args.timezone, raw_dir=Path(args.raw_dir),
              warehouse=Path(args.warehouse))
    except (NoServer, ValueError) as error:
        print(f"cannot serve: {error}", file=sys.stderr)
        return 1
    return 0


def _report(args: argparse.Namespace) -> int:
    from .report import write_report

    warehouse = Path(args.warehouse)
    if not warehouse.is_file():
        print(f"no warehouse at {warehouse}: run `ofsted-etl refresh` first, or pass --warehouse", file=sys.stderr)
        return 1
    output = args.output or warehouse.parent / "report.html"
    write_report(warehouse, output, args.docs_dir or warehouse.parent / "docs")
    print(f"wrote {output}")
    return 0


def _dictionary(args: argparse.Namespace) -> int:
    from schemas.render import data_dictionary

    text = data_dictionary() + "\n"
    if args.check:
        if not args.output.exists() or args.output.read_text(encoding="utf-8") != text:
            print(f"{args.output} is out of date: run `ofsted-etl dictionary`", file=sys.stderr)
            return 1
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output}")
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="ofsted-etl", description=__doc__)
    commands = top.add_subparsers(dest="command", required=True)

    refresh = commands.add_parser("refresh", help="run the refresh flow: raw articles into the warehouse")
    refresh.add_argument("--raw-dir", default=DEFAULT_RAW_DIR, help="folder of articles (default: %(default)s)")
    refresh.add_argument("--warehouse", default=DEFAULT_WAREHOUSE, help="DuckDB file (default: %(default)s)")
    refresh.add_argument("--full-refresh", action="store_true", help="re-extract every article")
    refresh.add_argument("--max-bytes", type=int, default=5 * 1024 * 1024,
                         help="files larger than this are rejected (default: %(default)s)")
    refresh.add_argument("--batch-size", type=int, default=500, help="articles per batch (default: %(default)s)")
    refresh.set_defaults(handler=_refresh)

    evaluate = commands.add_parser("eval", help="score extraction against hand-made gold answers")
    evaluate.add_argument("--raw-dir", required=True, help="folder of articles")
    evaluate.add_argument("--gold", required=True, help="folder of gold answers (corpus.json + one JSON per article)")
    evaluate.add_argument("--json", action="store_true", help="print the report as JSON")
    evaluate.set_defaults(handler=_eval)

    query = commands.add_parser("query", help="run SQL on the warehouse, read-only, and print a table")
    query.add_argument("sql", help="the SQL to run")
    query.add_argument("--warehouse", default=DEFAULT_WAREHOUSE, help="DuckDB file (default: %(default)s)")
    query.add_argument("--max-rows", type=int, default=100, help="rows to print at most (default: %(default)s)")
    query.set_defaults(handler=_query)

    serve = commands.add_parser(
        "serve", help="serve the refresh flow as a scheduled Prefect deployment (needs PREFECT_API_URL)")
    serve.add_argument("--cron", default=DEFAULT_CRON, help="when scheduled runs start (default: %(default)r)")
    serve.add_argument("--timezone", default=DEFAULT_TIMEZONE, help="time zone of --cron (default: %(default)s)")
    serve.add_argument("--name", default=DEFAULT_NAME, help="deployment name: refresh/NAME (default: %(default)s)")
    serve.add_argument("--raw-dir", default=DEFAULT_RAW_DIR,
                       help="default raw folder of the runs, editable per run in the UI (default: %(default)s)")
    serve.add_argument("--warehouse", default=DEFAULT_WAREHOUSE,
                       help="default DuckDB file of the runs, editable per run in the UI (default: %(default)s)")
    serve.set_defaults(handler=_serve)

    report = commands.add_parser("report", help="rebuild the HTML report from an existing warehouse, read-only")
    report.add_argument("--warehouse", default=DEFAULT_WAREHOUSE, help="DuckDB file (default: %(default)s)")
    report.add_argument("--output", type=Path, help="HTML file to write (default: report.html beside the warehouse)")
    report.add_argument("--docs-dir", type=Path,
                        help="Data Docs to link, if present (default: docs/ beside the warehouse)")
    report.set_defaults(handler=_report)

    dictionary = commands.add_parser("dictionary", help="write the data dictionary generated from the schemas")
    dictionary.add_argument("--output", type=Path, default=DICTIONARY_PATH, help="(default: %(default)s)")
    dictionary.add_argument("--check", action="store_true", help="fail if the file is out of date")
    dictionary.set_defaults(handler=_dictionary)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())

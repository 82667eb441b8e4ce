"""Command line: ``csto-tui`` opens the explorer; subcommands build, check, cite and serve.

Each subcommand's module is imported only when it runs, so ``--help`` and the
data commands never pay for importing Textual.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path

from csto_tui import __version__
from csto_tui.paths import shipped_store

# subcommand -> "module" with ``main(args) -> int``, or "module:function"
COMMANDS = {
    "app": "csto_tui.ui.run",
    "db build": "csto_tui.ingest.build",
    "db check": "csto_tui.ingest.check",
    "cite": "csto_tui.cite.command",
    "events": "csto_tui.export.command:events_main",
    "bib": "csto_tui.export.command:bib_main",
    "notes export": "csto_tui.notes.command:export_main",
    "notes import": "csto_tui.notes.command:import_main",
    "serve": "csto_tui.serve.command",
}


def _db_option(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH",
        type=Path,
        default=default,
        help="the TinyDB store to read (default: the store shipped with csto-tui)",
    )


def _year(text: str) -> int:
    if not text.isdigit() or len(text) != 4:
        raise argparse.ArgumentTypeError(f"{text!r} is not a four-digit year")
    return int(text)


def _filter_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--actor",
        metavar="NAME_OR_ID",
        help="events this actor (English, Chinese or id) acts in or is affected by, as the timeline's filter counts "
        "them: with the leaders or officials the article names for it",
    )
    parser.add_argument(
        "--any-role", action="store_true", help="with --actor: also events that exclude, place or mention it"
    )
    parser.add_argument(
        "--no-leaders", action="store_true", help="with --actor: without its leaders' or officials' events"
    )
    parser.add_argument("--from", dest="year_from", metavar="YEAR", type=_year, help="from this year on")
    parser.add_argument("--to", dest="year_to", metavar="YEAR", type=_year, help="up to this year")
    parser.add_argument("--tag", help="events with this tag")
    parser.add_argument("--search", metavar="TEXT", help="events whose Chinese text or English summary has TEXT")
    parser.add_argument("--marked", action="store_true", help="only the events you marked")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="csto-tui",
        description="Explore the Collective Security Treaty Organization in the terminal: "
        "members, timeline, the 2010 Kyrgyz crisis, and the citations behind every fact.",
    )
    parser.add_argument("--version", action="version", version=f"csto-tui {__version__}")
    _db_option(parser, shipped_store())
    parser.add_argument(
        "--no-mouse", action="store_true", help="do not ask the terminal for mouse reports (slow links)"
    )
    parser.set_defaults(command="app")
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")

    db = sub.add_parser("db", help="build or check a store")
    db_sub = db.add_subparsers(title="db commands", metavar="ACTION", required=True)
    build = db_sub.add_parser("build", help="parse the article and write the store deterministically")
    build.add_argument("--out", metavar="PATH", type=Path, help="where to write (default: data/csto.json)")
    build.add_argument("--source", metavar="PATH", type=Path, help="the article (default: the shipped copy)")
    build.set_defaults(command="db build")
    check = db_sub.add_parser("check", help="validate a store and print a one-line summary")
    _db_option(check, argparse.SUPPRESS)
    check.set_defaults(command="db check")

    cite = sub.add_parser("cite", help="print a citation in a format researchers paste")
    cite.add_argument("n", nargs="?", type=int, help="footnote number")
    cite.add_argument(
        "--record",
        metavar="KIND:ID",
        help="cite a record as the app's y copies it (e.g. event:lead-uzbekistan-suspended), passage notes included",
    )
    cite.add_argument(
        "--article", action="store_true", help="with --record: for a record with no footnote, cite the article itself"
    )
    cite.add_argument("--language", choices=("zh", "en"), default="zh", help="for the quote format (default: zh)")
    cite.add_argument("--format", "-f", dest="format", default="plain", help="output format (see --list-formats)")
    cite.add_argument("--list-formats", action="store_true", help="list the formats and exit")
    _db_option(cite, argparse.SUPPRESS)
    cite.set_defaults(command="cite")

    events = sub.add_parser("events", help="print the events that pass the filters, as a table, JSON, CSV or Markdown")
    _filter_options(events)
    events.add_argument("--format", "-f", default="table", help="table, json, csv or markdown (default: table)")
    _db_option(events, argparse.SUPPRESS)
    events.set_defaults(command="events")

    bib = sub.add_parser("bib", help="print the footnotes of the filtered events as one bibliography")
    _filter_options(bib)
    bib.add_argument(
        "--format", "-f", default="plain", help="plain, markdown, bibtex, biblatex or csl-json (default: plain)"
    )
    _db_option(bib, argparse.SUPPRESS)
    bib.set_defaults(command="bib")

    notes = sub.add_parser("notes", help="export or import your marks and notes")
    notes_sub = notes.add_subparsers(title="notes commands", metavar="ACTION", required=True)
    export = notes_sub.add_parser("export", help="print (or write) every mark and note as JSON")
    export.add_argument("--out", metavar="FILE", type=Path, help="write to FILE instead of printing")
    export.add_argument("--force", action="store_true", help="replace FILE if it exists")
    export.set_defaults(command="notes export")
    imported = notes_sub.add_parser("import", help="merge an export into your notes (nothing is lost)")
    imported.add_argument("file", metavar="FILE", type=Path, help="a file written by `csto-tui notes export`")
    imported.set_defaults(command="notes import")

    serve = sub.add_parser("serve", help="serve the explorer over SSH (needs the 'serve' extra)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    serve.add_argument("--port", type=int, default=2222, help="port to listen on (default: 2222)")
    access = serve.add_mutually_exclusive_group()
    access.add_argument("--authorized-keys", metavar="FILE", type=Path, help="public keys allowed to log in")
    access.add_argument("--open", action="store_true", help="let anyone in, without a key")
    serve.add_argument("--host-key", metavar="FILE", type=Path, help="host key (default: generated once)")
    serve.add_argument("--max-sessions", type=int, default=20, help="concurrent sessions (default: 20)")
    serve.add_argument("--idle-timeout", type=float, default=900.0, help="seconds without input (default: 900)")
    serve.add_argument("--max-session-time", type=float, default=14400.0, help="seconds (default: 14400; 0: none)")
    serve.add_argument("--rate", type=int, default=30, help="connections per address per minute (default: 30)")
    serve.add_argument("--login-timeout", type=float, default=30.0, help="seconds to log in (default: 30)")
    serve.add_argument("--web", action="store_true", help="serve to a browser on localhost via textual-serve")
    serve.add_argument(
        "--allow-origin",
        action="append",
        metavar="ORIGIN",
        help="with --web: another page allowed to open the explorer, e.g. https://csto.example.org (repeatable)",
    )
    _db_option(serve, argparse.SUPPRESS)
    serve.set_defaults(command="serve")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    module_name, _, function = COMMANDS[args.command].partition(":")
    run = getattr(importlib.import_module(module_name), function or "main")
    try:
        return int(run(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # ``csto-tui cite 8 | head -c 10``: the reader left; that is not an error.
        sys.stderr.close()
        return 0

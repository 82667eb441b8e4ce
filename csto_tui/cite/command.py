"""``csto-tui cite N --format F``: print a citation exactly as the app would copy it, for scripts.

``--record KIND:ID`` prints what ``y`` copies for that record (its footnotes, with the note on a
passage footnote); a record with no footnote is an error that says so, and ``--article`` then
prints what ``Y`` offers: the article itself, cited for the record's text.
"""

from __future__ import annotations

import argparse
from typing import get_args

from csto_tui.cite.formats import FORMAT_KEYS, FORMATS, Unavailable, render
from csto_tui.cite.selection import Selection, article, article_selection, no_footnote, selection
from csto_tui.model import RecordRef, Store, StoreError
from csto_tui.model.records import RecordKind
from csto_tui.output import error, write


def _record(text: str) -> RecordRef | None:
    kind, _, record_id = text.partition(":")
    kinds: tuple[RecordKind, ...] = get_args(RecordKind)
    for known in kinds:
        if kind == known and record_id:
            return RecordRef(known, record_id)
    return None


def _chosen(store: Store, args: argparse.Namespace) -> Selection | tuple[str, int]:
    """What to print for ``--record``, or the one-line reason there is nothing and the exit code."""
    ref = _record(args.record)
    if ref is None:
        kinds = ", ".join(get_args(RecordKind))
        return f"--record takes KIND:ID, KIND one of {kinds} (e.g. event:lead-uzbekistan-suspended)", 2
    found = selection(store, ref)
    if found is not None:
        return (f"{args.record} has footnotes: cite them without --article", 1) if args.article else found
    itself = article_selection(store, ref)
    if args.article and itself is not None:
        return itself
    reason = no_footnote(store, ref)
    if reason.startswith("Nothing to copy"):
        return f"no record {args.record} in {args.db}", 2
    hint = " (--article cites the article itself for it)" if itself is not None and not args.article else ""
    return f"{reason[0].lower()}{reason[1:]}{hint}", 1


def main(args: argparse.Namespace) -> int:
    if args.list_formats:
        width = max(len(f.key) for f in FORMATS)
        write("\n".join(f"{f.key:<{width}}  {f.label}: {f.description}" for f in FORMATS))
        return 0
    if args.format not in FORMAT_KEYS:
        error(f"unknown format {args.format!r} (choose from: {', '.join(FORMAT_KEYS)})")
        return 2
    if (args.n is None) == (args.record is None):
        error(
            "cite needs a footnote number or a record, e.g. `csto-tui cite 18 --format bibtex` "
            "or `csto-tui cite --record event:lead-uzbekistan-suspended` (or --list-formats)"
        )
        return 2
    if args.article and args.record is None:
        error("--article goes with --record: it cites the article for a record with no footnote")
        return 2
    try:
        store = Store.open(args.db)
    except StoreError as exc:
        error(str(exc))
        return 2
    source = article(store)
    if args.record is not None:
        chosen = _chosen(store, args)
        if isinstance(chosen, tuple):
            error(chosen[0])
            return chosen[1]
        try:
            text = chosen.render(args.format, language=args.language, article=source)
        except Unavailable as exc:
            error(f"{args.format}: {exc}")
            return 1
        write(text)
        return 0
    citation = store.citation(args.n)
    if citation is None:
        numbers = [c.n for c in store.citations]
        span = f"{numbers[0]}-{numbers[-1]}" if numbers else "none"
        error(f"no footnote [{args.n}] in {args.db} (footnotes: {span})")
        return 2
    try:
        text = render(args.format, [citation], language=args.language, article=source)
    except Unavailable as exc:
        error(f"{args.format}: {exc}")
        return 1
    write(text)
    return 0

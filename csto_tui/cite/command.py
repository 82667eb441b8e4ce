"""``csto-tui cite N --format F``: print a citation exactly as the app would copy it, for scripts."""

from __future__ import annotations

import argparse

from csto_tui.cite.formats import FORMAT_KEYS, FORMATS, Article, Unavailable, render
from csto_tui.model import Store, StoreError
from csto_tui.output import error, write


def main(args: argparse.Namespace) -> int:
    if args.list_formats:
        width = max(len(f.key) for f in FORMATS)
        write("\n".join(f"{f.key:<{width}}  {f.label}: {f.description}" for f in FORMATS))
        return 0
    if args.format not in FORMAT_KEYS:
        error(f"unknown format {args.format!r} (choose from: {', '.join(FORMAT_KEYS)})")
        return 2
    if args.n is None:
        error("cite needs a footnote number, e.g. `csto-tui cite 18 --format bibtex` (or --list-formats)")
        return 2
    try:
        store = Store.open(args.db)
    except StoreError as exc:
        error(str(exc))
        return 2
    citation = store.citation(args.n)
    if citation is None:
        numbers = [c.n for c in store.citations]
        span = f"{numbers[0]}-{numbers[-1]}" if numbers else "none"
        error(f"no footnote [{args.n}] in {args.db} (footnotes: {span})")
        return 2
    article = Article(store.meta.source_title, store.meta.source_url)
    try:
        text = render(args.format, [citation], article=article)
    except Unavailable as exc:
        error(f"{args.format}: {exc}")
        return 1
    write(text)
    return 0

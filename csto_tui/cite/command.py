"""``csto-tui cite N --format F``: print a citation exactly as the app would copy it, for scripts."""

from __future__ import annotations

import argparse
import sys

from csto_tui.cite.formats import FORMAT_KEYS, FORMATS, Article, Unavailable, render
from csto_tui.model import Store, StoreError


def _error(message: str) -> None:
    print(f"csto-tui: {message}", file=sys.stderr)


def _write(text: str) -> None:
    # UTF-8 whatever the locale says: this is the clipboard payload, byte for byte, plus a newline.
    data = (text + "\n").encode("utf-8")
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(data.decode("utf-8"))
    else:
        sys.stdout.flush()
        buffer.write(data)
    sys.stdout.flush()


def main(args: argparse.Namespace) -> int:
    if args.list_formats:
        width = max(len(f.key) for f in FORMATS)
        _write("\n".join(f"{f.key:<{width}}  {f.label}: {f.description}" for f in FORMATS))
        return 0
    if args.format not in FORMAT_KEYS:
        _error(f"unknown format {args.format!r} (choose from: {', '.join(FORMAT_KEYS)})")
        return 2
    if args.n is None:
        _error("cite needs a footnote number, e.g. `csto-tui cite 18 --format bibtex` (or --list-formats)")
        return 2
    try:
        store = Store.open(args.db)
    except StoreError as exc:
        _error(str(exc))
        return 2
    citation = store.citation(args.n)
    if citation is None:
        numbers = [c.n for c in store.citations]
        span = f"{numbers[0]}-{numbers[-1]}" if numbers else "none"
        _error(f"no footnote [{args.n}] in {args.db} (footnotes: {span})")
        return 2
    article = Article(store.meta.source_title, store.meta.source_url)
    try:
        text = render(args.format, [citation], article=article)
    except Unavailable as exc:
        _error(f"{args.format}: {exc}")
        return 1
    _write(text)
    return 0

"""``csto-tui events`` and ``csto-tui bib``: the event table and the bibliography for scripts.

A filter the store cannot satisfy (an unknown actor or tag, --from after --to) exits 2
with one line; an unknown actor gets the closest names, English or Chinese.
"""

from __future__ import annotations

import argparse
from dataclasses import replace

from csto_tui.export.bibliography import BIB_FORMATS, bibliography, citations_of
from csto_tui.export.select import EventFilter, FilterError, resolve_actor, select
from csto_tui.export.table import TABLE_FORMATS, render_table, rows
from csto_tui.model import RecordRef, Store, StoreError
from csto_tui.notes.book import Notebook
from csto_tui.output import error, write


def _selected(args: argparse.Namespace) -> tuple[Store, Notebook, list[RecordRef]] | int:
    try:
        store = Store.open(args.db)
    except StoreError as exc:
        error(str(exc))
        return 2
    notebook = Notebook.open_default()
    for warning in notebook.take_warnings():
        error(warning)
    try:
        if args.actor is None and (args.any_role or args.no_leaders):
            raise FilterError("--any-role and --no-leaders choose how --actor counts: give --actor too")
        actor = resolve_actor(store, args.actor) if args.actor is not None else None
        f = EventFilter(
            actor, args.year_from, args.year_to, args.tag, args.search, args.marked, args.any_role, not args.no_leaders
        )
        events = select(store, f, notebook.marked())
    except FilterError as exc:
        error(str(exc))
        return 2
    if not events:
        error(_why_empty(store, f, notebook))
    return store, notebook, [RecordRef("event", e.id) for e in events]


def _why_empty(store: Store, f: EventFilter, notebook: Notebook) -> str:
    if f.actor is not None and not f.any_role:
        others = len(select(store, replace(f, any_role=True), notebook.marked()))
        if others:
            # Moscow is only ever a place: say where its events went, as the timeline does.
            return f"no events pass these filters; {others} name this actor in other roles (--any-role)"
    return "no events pass these filters"


def _check_format(given: str, known: tuple[str, ...]) -> bool:
    if given in known:
        return True
    error(f"unknown format {given!r} (choose from: {', '.join(known)})")
    return False


def events_main(args: argparse.Namespace) -> int:
    if not _check_format(args.format, ("table", *TABLE_FORMATS)):
        return 2
    chosen = _selected(args)
    if isinstance(chosen, int):
        return chosen
    store, notebook, refs = chosen
    events = [e for e in (store.event(r.id) for r in refs) if e is not None]
    text = render_table(store, rows(store, events, notebook.notes()), args.format)
    if text:
        write(text)
    return 0


def bib_main(args: argparse.Namespace) -> int:
    if not _check_format(args.format, BIB_FORMATS):
        return 2
    chosen = _selected(args)
    if isinstance(chosen, int):
        return chosen
    store, _, refs = chosen
    if not refs:
        return 1
    citations = citations_of(store, refs)
    if not citations:
        error(f"the {len(refs)} events selected cite no footnotes")
        return 1
    write(bibliography(store, citations, args.format))
    return 0

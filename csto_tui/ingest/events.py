"""Curated events merged with what the article says: section, date, precision and footnotes.

A curated event names its ``anchor`` (exact article text, found exactly once).
Its date is the date expression inside the anchor (``date_text`` picks one when
there are several). A relative expression resolves against the previous date
in its paragraph, or against the event named by ``relative_to``. A statement
the article does not date names the event whose date it shares (``context``),
with ``basis`` saying why, and may keep only part of that date (``precision``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from csto_tui.ingest.article import Article
from csto_tui.ingest.curation import BuildError, Table
from csto_tui.ingest.dates import DateError, DateExpr, Resolved, find_dates, precision_of, resolve
from csto_tui.ingest.locate import locate, refs_for
from csto_tui.model.records import ROLES

EVENT_KEYS = {
    "id",
    "anchor",
    "summary_en",
    *ROLES,
    "tags",
    "note",
    "date_text",
    "relative_to",
    "context",
    "basis",
    "precision",
}
PRECISIONS = ("year", "month", "day")


@dataclass(frozen=True, slots=True)
class Zone:
    """Where in the article a date expression sits, which decides what must cover it."""

    kind: str  # "infobox", "body", "table", "reference", "link"
    detail: str


def zone_of(article: Article, expr: DateExpr) -> Zone:
    if expr.start >= article.references_start:
        for ref in article.references:
            if ref.start <= expr.start < ref.end:
                return Zone("reference", f"reference [{ref.n}]")
        return Zone("reference", "reference list")
    if article.in_link_target(expr.start, expr.end):
        return Zone("link", "inside a URL or link target")
    for table in article.tables:
        if table.start <= expr.start < table.end:
            return Zone("table", f"membership table {table.caption!r}")
    if expr.start < article.infobox.end:
        return Zone("infobox", "infobox")
    return Zone("body", article.section_at(expr.start))


def statement_dates(article: Article) -> tuple[DateExpr, ...]:
    """Date expressions that may be statements: in the infobox and the body text, not in links."""
    return tuple(e for e in find_dates(article.text) if zone_of(article, e).kind in ("infobox", "body"))


def default_resolutions(article: Article, exprs: tuple[DateExpr, ...]) -> dict[DateExpr, Resolved | str]:
    """Each expression resolved against the previous date of its paragraph (or why it cannot be)."""
    out: dict[DateExpr, Resolved | str] = {}
    last: tuple[int | None, Resolved, DateExpr] | None = None
    last_with_year: tuple[int | None, Resolved, DateExpr] | None = None
    for expr in exprs:
        block = article.block_at(expr.start)
        # A yearless 6月14日 takes its year from the last date that states one.
        candidate = last_with_year if expr.kind == "month_day" else last
        base = candidate if candidate and candidate[0] == block and block is not None else None
        label = f"(“{base[2].text}” earlier in the paragraph)" if base else ""
        try:
            resolved = resolve(expr, base[1] if base else None, label)
        except DateError as exc:
            out[expr] = str(exc)
            continue
        out[expr] = resolved
        last = (block, resolved, expr)
        if expr.has_year:
            last_with_year = last
    return out


class EventBuilder:
    def __init__(self, article: Article, curated: list[Table], entities: set[str]) -> None:
        self.article = article
        self.exprs = statement_dates(article)
        self.defaults = default_resolutions(article, self.exprs)
        self.curated: dict[str, Table] = {}
        for item in curated:
            item.check_keys(EVENT_KEYS)
            event_id = item.text("id")
            if event_id in self.curated:
                raise BuildError(f"{item.where}: duplicate event id {event_id!r}")
            self.curated[event_id] = item
        self.entities = entities
        self.spans: dict[str, tuple[int, int]] = {}
        self.dates: dict[str, Resolved] = {}
        self._resolving: list[str] = []

    def span(self, event_id: str) -> tuple[int, int]:
        if event_id not in self.spans:
            item = self.curated[event_id]
            anchor = item.text("anchor")
            start = locate(self.article.text, anchor, item.where)
            self.spans[event_id] = (start, start + len(anchor))
        return self.spans[event_id]

    def date(self, event_id: str) -> Resolved:
        if event_id in self.dates:
            return self.dates[event_id]
        if event_id not in self.curated:
            raise BuildError(f"unknown event {event_id!r}")
        if event_id in self._resolving:
            raise BuildError(f"events date each other in a circle: {' -> '.join([*self._resolving, event_id])}")
        self._resolving.append(event_id)
        try:
            resolved = self._date(self.curated[event_id], event_id)
        finally:
            self._resolving.pop()
        self.dates[event_id] = resolved
        return resolved

    def _date(self, item: Table, event_id: str) -> Resolved:
        start, end = self.span(event_id)
        inside = [e for e in self.exprs if start <= e.start and e.end <= end]
        context = item.opt_text("context")
        if context is not None:
            base = self.date(context)
            basis = item.text("basis")
            precision = item.opt_text("precision") or base.precision
            if precision not in PRECISIONS or PRECISIONS.index(precision) > PRECISIONS.index(base.precision):
                raise BuildError(f"{item.where}: precision {precision!r} is finer than its context's {base.precision}")
            value = base.date[: {"year": 4, "month": 7, "day": 10}[precision]]
            inherited = (
                "" if precision == "year" else f"; the {precision} is inherited from event {context}, not stated here"
            )
            return Resolved(
                value, precision_of(value), f"{basis} (context: event {context}, {base.date}){inherited}", "context"
            )
        date_text = item.opt_text("date_text")
        if date_text is not None:
            inside = [e for e in inside if e.text == date_text]
            if len(inside) != 1:
                raise BuildError(f"{item.where}: date_text {date_text!r} is not one date expression of the anchor")
        if not inside:
            raise BuildError(f"{item.where}: the anchor holds no date expression; name a 'context' event and a 'basis'")
        if len(inside) > 1:
            found = ", ".join(e.text for e in inside)
            raise BuildError(
                f"{item.where}: the anchor holds several date expressions ({found}); pick one with date_text"
            )
        expr = inside[0]
        relative_to = item.opt_text("relative_to")
        if relative_to is not None:
            if not (expr.relative or expr.kind == "month_day"):
                raise BuildError(f"{item.where}: relative_to is given but {expr.text!r} is not relative")
            try:
                return resolve(expr, self.date(relative_to), f"(event {relative_to})")
            except DateError as exc:
                raise BuildError(f"{item.where}: {exc}") from None
        default = self.defaults[expr]
        if isinstance(default, str):
            raise BuildError(f"{item.where}: {default}; give relative_to")
        if expr.kind == "bare_year":
            return self._from_name(expr, default)
        return default

    def _from_name(self, expr: DateExpr, resolved: Resolved) -> Resolved:
        """A year written without 年 inside a quoted name (“鲁贝兹2008”) is the name's, not a stated date."""
        text = self.article.text
        opening = text.rfind("“", 0, expr.start)
        closing = text.find("”", expr.end)
        if opening < 0 or closing < 0 or "”" in text[opening : expr.start] or "\n" in text[opening:closing]:
            return resolved
        name = text[opening + 1 : closing]
        return Resolved(resolved.date, "year", f"the year {expr.text} in the name “{name}”, not a stated date", "name")

    def build(self) -> list[dict[str, Any]]:
        docs: list[dict[str, Any]] = []
        for event_id, item in self.curated.items():
            start, end = self.span(event_id)
            resolved = self.date(event_id)
            refs, scope = refs_for(self.article, start, end)
            actors: list[str] = []
            roles: list[str] = []
            for role in ROLES:
                for actor in item.texts(role):
                    if actor not in self.entities:
                        raise BuildError(f"{item.where}: unknown actor {actor!r}")
                    if actor in actors:
                        raise BuildError(f"{item.where}: {actor!r} is given two roles")
                    actors.append(actor)
                    roles.append(role)
            tags = item.texts("tags")
            if not tags:
                raise BuildError(f"{item.where}: give at least one tag")
            docs.append(
                {
                    "id": event_id,
                    "date": resolved.date,
                    "date_end": resolved.end,
                    "precision": resolved.precision,
                    "date_method": resolved.method,
                    "date_basis": resolved.basis,
                    "section": self.article.section_at(start),
                    "source_text": self.article.text[start:end],
                    "summary_en": item.text("summary_en"),
                    "actors": actors,
                    "roles": roles,
                    "tags": list(tags),
                    "refs": list(refs),
                    "ref_scope": scope,
                    "note": item.opt_text("note"),
                }
            )
        return docs

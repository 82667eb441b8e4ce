"""A bibliography of many records' footnotes: de-duplicated, with unique BibTeX keys.

Each entry is written by ``csto_tui.cite.formats`` (the same text ``y`` copies); this module
only collects, orders, numbers and keys them. A footnote whose reference text is missing in
the article stays in, saying so: a comment in BibTeX, and in CSL-JSON an item that cites
the article itself with a note (the only source there is for the claim).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from string import ascii_lowercase

from csto_tui.cite.formats import Article, Unavailable, bibtex_key, csl_item, missing_note, render
from csto_tui.cite.selection import article, selection
from csto_tui.model import Citation, RecordRef, Store
from csto_tui.safety import clean

BIB_FORMATS: tuple[str, ...] = ("plain", "markdown", "bibtex", "biblatex", "csl-json")
BIB_LABELS = {
    "plain": "plain text",
    "markdown": "Markdown",
    "bibtex": "BibTeX",
    "biblatex": "BibLaTeX",
    "csl-json": "CSL-JSON",
}


def citations_of(store: Store, refs: Iterable[RecordRef]) -> list[Citation]:
    """Every footnote behind ``refs``, each once, in footnote order."""
    seen: dict[int, Citation] = {}
    for ref in refs:
        chosen = selection(store, ref)
        for citation in chosen.citations if chosen else ():
            seen.setdefault(citation.n, citation)
    return [seen[n] for n in sorted(seen)]


def _unique(keys: Sequence[str]) -> list[str]:
    """``keys`` with a, b, c ... appended where two would be the same."""
    counts: dict[str, int] = {}
    for key in keys:
        counts[key] = counts.get(key, 0) + 1
    taken = {key for key, count in counts.items() if count == 1}
    out: list[str] = []
    for i, key in enumerate(keys):
        if counts[key] > 1:
            key = next((k for k in (f"{key}{a}" for a in ascii_lowercase) if k not in taken), f"{key}-{i + 1}")
            taken.add(key)
        out.append(key)
    return out


def _rekey(entry: str, old: str, new: str) -> str:
    # The key sits right after the entry type: "@misc{key,".
    return entry.replace("{" + old + ",\n", "{" + new + ",\n", 1)


def _csl_missing(citation: Citation, source: Article, title: str, url: str | None) -> dict[str, object]:
    item: dict[str, object] = {
        "id": f"source-footnote-{citation.n}",
        "type": "entry-encyclopedia",
        "title": title,
        "note": missing_note(citation, source).replace("\n", " "),
    }
    if url:
        item["URL"] = url
    return item


def bibliography(store: Store, citations: Sequence[Citation], fmt: str) -> str:
    """``citations`` as one text in ``fmt`` (one of BIB_FORMATS); raises KeyError for another."""
    if fmt not in BIB_FORMATS:
        raise KeyError(fmt)
    source = article(store)
    if fmt == "csl-json":
        items: list[dict[str, object]] = []
        for c in citations:
            try:
                items.append(csl_item(c))
            except Unavailable:
                items.append(_csl_missing(c, source, store.meta.source_title, store.meta.source_url))
        ids = _unique([str(item["id"]) for item in items])
        return clean(
            json.dumps(
                [{**item, "id": key} for item, key in zip(items, ids, strict=True)], ensure_ascii=False, indent=2
            )
        )
    texts = [render(fmt, [c], article=source) for c in citations]
    if fmt in ("bibtex", "biblatex"):
        # A footnote with no reference text is a comment ("% ..."), not an entry: it takes no key.
        entries = [(c, t) for c, t in zip(citations, texts, strict=True) if not t.startswith("%")]
        keys = dict(zip((c.n for c, _ in entries), _unique([bibtex_key(c) for c, _ in entries]), strict=True))
        return "\n\n".join(
            t if t.startswith("%") else _rekey(t, bibtex_key(c), keys[c.n])
            for c, t in zip(citations, texts, strict=True)
        )
    lines = []
    for c, text in zip(citations, texts, strict=True):
        numbered = text.startswith(f"[{c.n}]") or text.startswith(f"\\[{c.n}\\]")  # a missing reference's note
        if fmt == "plain":
            lines.append(text if numbered else f"[{c.n}] {text}")
        else:
            lines.append(f"- {text}" if numbered else f"- \\[{c.n}\\] {text}")
    return "\n".join(lines)

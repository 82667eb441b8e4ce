"""Find curated anchor texts in the article and the footnotes that back them."""

from __future__ import annotations

from csto_tui.ingest.article import Article, Marker
from csto_tui.ingest.curation import BuildError
from csto_tui.model.records import RefScope


def locate(text: str, anchor: str, where: str) -> int:
    """The one offset of ``anchor`` in the article; missing or repeated anchors are errors."""
    first = text.find(anchor)
    if first < 0:
        raise BuildError(f"{where}: anchor not found in the article: {anchor!r}")
    if text.find(anchor, first + 1) >= 0:
        raise BuildError(f"{where}: anchor is ambiguous (found more than once): {anchor!r}")
    return first


def marker_runs(article: Article) -> list[list[Marker]]:
    """Markers grouped into runs written together, like ``\\[15\\]\\[16\\]``."""
    runs: list[list[Marker]] = []
    for marker in article.markers:
        if runs and article.text[runs[-1][-1].end : marker.start].strip() == "":
            runs[-1].append(marker)
        else:
            runs.append([marker])
    return runs


def refs_for(article: Article, start: int, end: int) -> tuple[tuple[int, ...], RefScope]:
    """Footnotes backing the text at [start, end).

    ``sentence``: markers that close the sentence(s) holding the text (or sit in
    them after it). ``passage``: otherwise, the next marker run in the same
    paragraph, which closes the passage (since the previous marker) holding it.
    """
    sentences = article.sentences_over(start, end)
    if not sentences:
        return (), "none"
    first, last = sentences[0], sentences[-1]
    own = [m.n for m in article.markers if first.start <= m.start < last.end and m.start >= start]
    if own:
        return tuple(dict.fromkeys(own)), "sentence"
    block = article.blocks[last.paragraph]
    for run in marker_runs(article):
        if run[0].start >= last.end and run[0].start < block.end:
            return tuple(dict.fromkeys(m.n for m in run)), "passage"
    return (), "none"

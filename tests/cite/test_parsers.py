"""The BibTeX is read back by a real BibTeX parser, the CSL-JSON rendered by a real CSL processor, field by field."""

from __future__ import annotations

import json

import bibtexparser
import citeproc
import pytest
from bibtexparser.middlewares import LatexDecodingMiddleware, MonthIntMiddleware
from bibtexparser.middlewares.middleware import Middleware
from citeproc import CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON

from csto_tui.cite.formats import bibtex_key, render, tex_escape
from csto_tui.model import Citation
from tests.cite.samples import ALL, MISSING_9, PRESENT

HOSTILE_TEX = Citation(
    4,
    False,
    "R&D: 100% of $5 for #1 a_b {x} ~^ back\\slash – 集安",
    "A & B_C",
    "2010-06",
    "2011-02-03",
    "https://e.org/p?a=1&b=%5C#frag",
    "",
    (),
)


def _untex(value: str) -> str:
    # pylatexenc renders \textasciicircum{} as U+02C6; TeX prints it as "^".
    return value.replace("\u02c6", "^")


def _parse(text: str, decode: bool) -> bibtexparser.Library:
    # The default stack already removes the outer enclosing braces or quotes.
    stack: list[Middleware] = [MonthIntMiddleware(True)]
    if decode:
        stack.insert(0, LatexDecodingMiddleware())
    library = bibtexparser.parse_string(text, append_middleware=stack)
    assert not library.failed_blocks, [b.error for b in library.failed_blocks]
    return library


@pytest.mark.parametrize("citation", [*PRESENT, HOSTILE_TEX], ids=lambda c: str(c.n))
def test_bibtex_reads_back(citation: Citation) -> None:
    text = render("bibtex", [citation])
    raw = _parse(text, decode=False)
    [entry] = raw.entries
    assert entry.entry_type == "misc"
    assert entry.key == bibtex_key(citation)
    assert entry["howpublished"] == f"\\url{{{citation.url}}}"
    decoded = _parse(text, decode=True).entries[0]
    if citation.title:
        # An inner group protects the title's case; TeX reads the group back as the exact title.
        assert entry["title"] == "{" + tex_escape(citation.title) + "}"
        assert _untex(decoded["title"]) == citation.title
    else:
        assert "title" not in decoded
    if citation.published:
        assert decoded["year"] == citation.published[:4]
        if len(citation.published) >= 7:
            assert decoded["month"] == int(citation.published[5:7])
    else:
        assert "year" not in decoded and "month" not in decoded
    if citation.outlet:
        assert decoded["note"].startswith(citation.outlet)


@pytest.mark.parametrize("citation", [*PRESENT, HOSTILE_TEX], ids=lambda c: str(c.n))
def test_biblatex_reads_back(citation: Citation) -> None:
    text = render("biblatex", [citation])
    [entry] = _parse(text, decode=False).entries
    assert entry.entry_type == "online" and entry.key == bibtex_key(citation)
    assert entry["url"] == citation.url  # a verbatim field: no TeX escaping, %5C and '?&=' kept
    assert ("urldate" in entry.fields_dict) == bool(citation.accessed)
    if citation.accessed:
        assert entry["urldate"] == citation.accessed
    assert ("date" in entry.fields_dict) == bool(citation.published)
    if citation.published:
        assert entry["date"] == citation.published
    decoded = _parse(text, decode=True).entries[0]
    assert ("title" in decoded.fields_dict) == bool(citation.title)
    if citation.title:
        assert _untex(decoded["title"]) == citation.title
    assert ("organization" in decoded.fields_dict) == bool(citation.outlet)
    if citation.outlet:
        assert decoded["organization"] == citation.outlet


def test_several_entries_and_a_missing_one_parse_together() -> None:
    text = render("bibtex", list(ALL))
    library = _parse(text, decode=False)
    assert [e.key for e in library.entries] == [bibtex_key(c) for c in PRESENT]
    # The missing reference is a comment, not an entry.
    comments = "\n".join(c.comment for c in library.comments)
    assert f"[{MISSING_9.n}] Reference text missing in the source" in comments


def _bibliography(items: list[dict[str, object]]) -> dict[str, str]:
    source = CiteProcJSON(items)
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bib = CitationStylesBibliography(style, source, formatter.plain)
    for item in items:
        bib.register(citeproc.Citation([CitationItem(str(item["id"]))]))
    rendered = [str(entry) for entry in bib.bibliography()]
    # The bibliography is sorted by the style; map each line back by its unique URL.
    return {str(item["id"]): next(line for line in rendered if str(item["URL"]) in line) for item in items}


def test_csl_json_renders_with_citeproc_field_by_field() -> None:
    items = json.loads(render("csl-json", [*PRESENT, HOSTILE_TEX]))
    lines = _bibliography(items)
    for citation in [*PRESENT, HOSTILE_TEX]:
        key = bibtex_key(citation)
        line = lines[key]
        source = CiteProcJSON(items)[key]
        assert f"Available at: {citation.url}" in line
        if citation.title:
            assert str(source["title"]) == citation.title and citation.title in line
        if citation.outlet:
            assert str(source["container_title"]) == citation.outlet and citation.outlet in line
            assert source["type"] == "article-newspaper"
        else:
            assert source["type"] == "webpage"
        if citation.published:
            assert f"({citation.published[:4]})" in line
            assert source["issued"]["year"] == int(citation.published[:4])
        else:
            assert "(no date)" in line
        if citation.accessed:
            assert source["accessed"]["year"] == int(citation.accessed[:4])
            assert "(Accessed:" in line and citation.accessed[:4] in line
        else:
            assert "Accessed" not in line
        assert str(source["archive_location"]).startswith("https://web.archive.org/web/")

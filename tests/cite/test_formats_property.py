"""Any title, publisher and URL survives every format: read back by bibtexparser, rendered by citeproc-py.

The text is generated from the characters that break formatters (TeX specials, brackets, quotes,
ligature pairs, CJK, astral characters); what goes in is the field as the app copies it (store text
folded to one line by ``clean_line``), and exactly that comes back.
"""

from __future__ import annotations

import json
from urllib.parse import unquote

import bibtexparser
import citeproc
from bibtexparser.middlewares import LatexDecodingMiddleware
from citeproc import CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from csto_tui.cite.formats import render, tex_url
from csto_tui.model import Citation
from csto_tui.safety import clean_line

EXAMPLES = 300

_SPECIALS = [*"[]{}\\%&#~\"'`$_^-<>!?,.@=:;/|*() ", "\u201c", "\u201d", "\u300c", "\u300d", "--", "``", "''"]
_CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
_ASTRAL = st.characters(min_codepoint=0x1F300, max_codepoint=0x1F64F) | st.characters(
    min_codepoint=0x20000, max_codepoint=0x2A6DF
)
_LATIN = st.characters(min_codepoint=0x20, max_codepoint=0x24F)
_PIECE = st.sampled_from(_SPECIALS) | _CJK | _ASTRAL | _LATIN | st.just("x [ [1, 2] ] y")

text = st.lists(_PIECE, min_size=1, max_size=24).map("".join).filter(lambda s: clean_line(s) != "")
_URL_CHARS = st.sampled_from(list("[]{}\\%&#~\"'`$_^-<>!?,.@=:;/|*()")) | _CJK | _ASTRAL | st.sampled_from("abz09")
url = st.builds(
    lambda host, path: f"https://{host}.example/{path}",
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=12),
    st.lists(_URL_CHARS, max_size=30).map("".join),
)
dates = st.none() | st.sampled_from(["2010", "2010-06", "2010-06-14", "2009-11-24"])


@st.composite
def citations(draw: st.DrawFn) -> Citation:
    return Citation(
        n=draw(st.integers(1, 99)),
        missing=False,
        title=draw(text),
        outlet=draw(st.none() | text),
        published=draw(dates),
        accessed=draw(dates),
        url=draw(url),
        source_text="",
        sites=(),
    )


def _decoded(text: str) -> dict[str, str]:
    library = bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware()])
    assert not library.failed_blocks, [b.error for b in library.failed_blocks]
    [entry] = library.entries
    # pylatexenc reads \textasciicircum{} as U+02C6; TeX prints "^" (the generated text has no U+02C6).
    return {f.key: f.value.replace("\u02c6", "^") for f in entry.fields}


def _raw(text: str) -> dict[str, str]:
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks, [b.error for b in library.failed_blocks]
    [entry] = library.entries
    return {f.key: f.value for f in entry.fields}


def _same_url(back: str, sent: str) -> None:
    # Braces and backslashes cannot stand unbalanced in a BibTeX field: they come back percent-encoded,
    # the same URL to a browser; every other character comes back as it was.
    assert back == tex_url(sent)
    assert unquote(back) == unquote(sent)


# The title that CSL-JSON once gave back as "x [[1, 2]] y" (the date-parts layout rewrote the dumped text).
BRACKETS = Citation(1, False, "x [ [1, 2] ] y", "a -- b", "2010-06", None, "https://e.example/[[1,%202]]", "", ())

_SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SETTINGS
@given(citations())
@example(BRACKETS)
def test_bibtex_gives_back_every_field(citation: Citation) -> None:
    out = render("bibtex", [citation])
    fields = _decoded(out)
    assert fields["title"] == clean_line(citation.title or "")
    note = fields.get("note", "")
    if citation.outlet:
        assert note.split("; accessed ")[0] == clean_line(citation.outlet)
    raw = _raw(out)
    assert raw["howpublished"].startswith("\\url{") and raw["howpublished"].endswith("}")
    _same_url(raw["howpublished"][len("\\url{") : -1], citation.url or "")


@_SETTINGS
@given(citations())
@example(BRACKETS)
def test_biblatex_gives_back_every_field(citation: Citation) -> None:
    out = render("biblatex", [citation])
    fields = _decoded(out)
    assert fields["title"] == clean_line(citation.title or "")
    if citation.outlet:
        assert fields["organization"] == clean_line(citation.outlet)
    else:
        assert "organization" not in fields
    _same_url(_raw(out)["url"], citation.url or "")


@_SETTINGS
@given(citations())
@example(BRACKETS)
def test_csl_json_gives_back_every_field(citation: Citation) -> None:
    items = json.loads(render("csl-json", [citation]))
    [item] = items
    assert item["title"] == clean_line(citation.title or "")
    assert item["URL"] == citation.url
    if citation.outlet:
        assert item["container-title"] == clean_line(citation.outlet)
    source = CiteProcJSON(items)
    key = str(item["id"])
    assert str(source[key]["title"]) == item["title"]
    assert str(source[key]["URL"]) == citation.url
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bib = CitationStylesBibliography(style, source, formatter.plain)
    bib.register(citeproc.Citation([CitationItem(key)]))
    [line] = [str(entry) for entry in bib.bibliography()]
    assert item["title"] in line
    assert f"Available at: {citation.url}" in line
    if citation.outlet:
        assert item["container-title"] in line


@_SETTINGS
@given(citations(), text)
def test_a_note_never_changes_the_entry(citation: Citation, note: str) -> None:
    # A passage or article note rides along as a comment (BibTeX) or "note" (CSL-JSON), whatever its text.
    notes = {citation.n: note}
    for key in ("bibtex", "biblatex"):
        noted = render(key, [citation], notes=notes)
        assert _raw(noted) == _raw(render(key, [citation]))
        assert noted.startswith("% ")
    [item] = json.loads(render("csl-json", [citation], notes=notes))
    assert item["note"] == clean_line(note)

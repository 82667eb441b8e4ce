"""Citation formats researchers paste: pure functions from records to text.

Every output is built from the record fields only; nothing is looked up or guessed.
A citation whose reference text is missing in the article yields what is honestly
known (its number, the sentence it supports, and that the text is missing), or
``Unavailable`` where a format cannot say that (a bare URL, CSL-JSON). All store text
passes through ``csto_tui.safety`` before it reaches a payload.

A note about how a footnote relates to the record being cited (a passage footnote that
sits after a later sentence; the article cited for a sentence it gives no footnote for)
travels with that citation in every format that can carry text beside it: a line in
plain, Markdown and the quote, a ``%`` comment before a BibTeX entry, ``note`` in CSL-JSON.
A bare URL stays a bare URL.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from csto_tui.dates import MONTH_NAMES
from csto_tui.model import Citation
from csto_tui.model.records import Language
from csto_tui.safety import clean, clean_line, safe_url
from csto_tui.wikitext import readable

_BIBTEX_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_KEY_STOPWORDS = frozenset({"a", "an", "the", "of", "on", "in", "at", "to", "for", "with", "and", "by"})


@dataclass(frozen=True, slots=True)
class Format:
    key: str
    label: str
    description: str


FORMATS: tuple[Format, ...] = (
    Format("plain", "Plain reference", "title, outlet, date, URL and access date in a readable style"),
    Format("markdown", "Markdown link", "[title](url), outlet, date"),
    Format("bibtex", "BibTeX", "@misc entry with howpublished = {\\url{...}}"),
    Format("biblatex", "BibLaTeX", "@online entry with url and urldate"),
    Format("csl-json", "CSL-JSON", "article-newspaper or webpage items for Zotero, pandoc, citeproc"),
    Format("url", "URL", "the bare URL, exactly as the article gives it"),
    Format("wayback", "Wayback link", "the Internet Archive's snapshot nearest the citation's date"),
    Format("quote", "Quote with citation", "the source's own words in quotation marks, then the reference"),
)
FORMAT_KEYS: tuple[str, ...] = tuple(f.key for f in FORMATS)
DEFAULT_FORMAT = "plain"


class Unavailable(Exception):
    """The format cannot be produced honestly from what the article gives; ``str()`` says why."""


@dataclass(frozen=True, slots=True)
class Passage:
    """The text a "quote with citation" quotes: article text and, when the store has one, an English gloss."""

    source_text: str
    gloss_en: str | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """Names the article a missing reference belongs to (from the store's meta)."""

    title: str = "the source article"
    url: str | None = None
    sha256: str | None = None  # of the source copy: the only identity of its revision the copy carries

    def label(self) -> str:
        url = safe_url(self.url)
        return f"{clean_line(self.title)} ({url})" if url else clean_line(self.title)

    @property
    def publisher(self) -> str | None:
        """ "Wikipedia" when the URL is a Wikipedia page; nothing else is known about who publishes it."""
        url = safe_url(self.url)
        host = (urlsplit(url).hostname or "") if url else ""
        return "Wikipedia" if host == "wikipedia.org" or host.endswith(".wikipedia.org") else None


ARTICLE_N = 0  # the footnote number of the article itself, cited where it gives no footnote


def article_citation(article: Article) -> Citation:
    """The article as a citation of its own: title, publisher, URL; no date, since the copy records none."""
    return Citation(ARTICLE_N, False, article.title, article.publisher, None, None, article.url, "", ())


@dataclass(frozen=True, slots=True)
class Placement:
    """A passage footnote: the article puts it after a later sentence of the paragraph than the record's."""

    n: int
    claim: str  # the record's own article text, readable
    sits_after: tuple[str, ...]  # the sentence(s) the footnote marker closes, readable

    def note(self) -> str:
        # Corner brackets: the article's sentences carry their own “” quotation marks.
        where = " / ".join(f"「{clean_line(s)}」" for s in self.sits_after) or "(the sentence is not recorded)"
        return (
            f"Passage footnote: the article does not place [{self.n}] right after 「{clean_line(self.claim)}」; "
            f"it sits after a later sentence of the same paragraph: {where}"
        )


def article_note(article: Article, cited_for: str, why: str) -> str:
    """Why the article itself is cited (``why``: "this event has no footnote in the article"), and what is not known."""
    revision = "The source copy records no revision id or access date"
    if article.sha256:
        revision += f" (its SHA-256 is {clean_line(article.sha256)})"
    return f"Cited for 「{clean_line(cited_for)}」: {clean_line(why)}, so this cites the article itself. {revision}."


def format_by_key(key: str) -> Format:
    for fmt in FORMATS:
        if fmt.key == key:
            return fmt
    raise KeyError(key)


def render(
    key: str,
    citations: Sequence[Citation],
    *,
    passage: Passage | None = None,
    language: Language = "zh",
    article: Article | None = None,
    notes: Mapping[int, str] | None = None,
) -> str:
    """``citations`` in format ``key``; raises KeyError for an unknown key, Unavailable when it cannot be honest.

    ``notes``: by footnote number, a note on how that footnote relates to the record (see the module doc).
    """
    if not citations:
        raise Unavailable("no citation to copy")
    article = article or Article()
    notes = {n: clean_line(note) for n, note in (notes or {}).items() if clean_line(note)}
    if format_by_key(key).key == "quote":
        return clean(_quote(citations, passage, language, article, notes))
    return clean(_RENDERERS[key](citations, article, notes))


# Shared pieces.


def human_date(iso: str | None) -> str | None:
    """ISO partial date as "25 April 2010", "April 2010" or "2010"."""
    if not iso:
        return None
    parts = iso.split("-")
    try:
        if len(parts) == 3:
            return f"{int(parts[2])} {MONTH_NAMES[int(parts[1]) - 1]} {int(parts[0])}"
        if len(parts) == 2:
            return f"{MONTH_NAMES[int(parts[1]) - 1]} {int(parts[0])}"
        return str(int(parts[0]))
    except (ValueError, IndexError):
        return clean_line(iso)


def date_parts(iso: str | None) -> list[int] | None:
    if not iso:
        return None
    try:
        return [int(p) for p in iso.split("-")][:3]
    except ValueError:
        return None


def _join_date(parts: Sequence[int], sep: str) -> str:
    return sep.join(f"{p:02d}" if i else f"{p:04d}" for i, p in enumerate(parts))


def _field(value: str | None) -> str | None:
    if value is None:
        return None
    return clean_line(value) or None


def _url(citation: Citation) -> str | None:
    return safe_url(citation.url)


def supported_sentences(citation: Citation) -> list[str]:
    """The distinct article sentences this footnote closes, readable."""
    return list(dict.fromkeys(s for s in (readable(site.sentence) for site in citation.sites) if s))


def missing_note(citation: Citation, article: Article, *, sentences: bool = True) -> str:
    """What is honestly known about a reference whose text is missing: number, source, the sentences it supports."""
    lines = [f"[{citation.n}] Reference text missing in the source: {article.label()}, footnote {citation.n}."]
    if sentences:
        lines += [f"It supports: {sentence}" for sentence in supported_sentences(citation)]
    return "\n".join(lines)


def _is_missing(citation: Citation) -> bool:
    return citation.missing or not (_field(citation.title) or _url(citation) or _field(citation.outlet))


# Plain and Markdown.


def plain_one(citation: Citation, article: Article, *, sentences: bool = True) -> str:
    if _is_missing(citation):
        return missing_note(citation, article, sentences=sentences)
    title, outlet = _field(citation.title), _field(citation.outlet)
    published, accessed, url = human_date(citation.published), human_date(citation.accessed), _url(citation)
    parts: list[str] = []
    if title:
        parts.append(title if title[-1] in ".?!" else f"{title}.")
    source = ", ".join(p for p in (outlet, published) if p)
    if source:
        parts.append(f"{source}.")
    if url:
        parts.append(url)
    if accessed:
        parts.append(f"(accessed {accessed})" if url else f"Accessed {accessed}.")
    return " ".join(parts)


def _with_note(text: str, note: str | None) -> str:
    return f"{text}\n{note}" if note else text


def _plain(citations: Sequence[Citation], article: Article, notes: Mapping[int, str]) -> str:
    # A passage note names the sentence the footnote closes: "It supports" would say it twice.
    return "\n".join(_with_note(plain_one(c, article, sentences=c.n not in notes), notes.get(c.n)) for c in citations)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>])")


def _md_text(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


def _md_destination(url: str) -> str:
    # Parentheses and angle brackets would end or confuse a Markdown link destination.
    return url.replace("(", "%28").replace(")", "%29").replace("<", "%3C").replace(">", "%3E")


def markdown_one(citation: Citation, article: Article, note: str | None = None) -> str:
    if note:
        if _is_missing(citation):
            return _md_text(f"{missing_note(citation, article, sentences=False)}\n{note}").replace("\n", "  \n")
        return f"{markdown_one(citation, article)}  \n{_md_text(note)}"
    if _is_missing(citation):
        return _md_text(missing_note(citation, article)).replace("\n", "  \n")
    title, outlet, url = _field(citation.title), _field(citation.outlet), _url(citation)
    published, accessed = human_date(citation.published), human_date(citation.accessed)
    if title and url:
        head = f"[{_md_text(title)}]({_md_destination(url)})"
    elif url:
        head = f"<{_md_destination(url)}>"
    else:
        head = _md_text(title or "")
    tail = ", ".join(_md_text(p) for p in (outlet, published) if p)
    text = f"{head}, {tail}" if tail else head
    if accessed:
        text += f" (accessed {accessed})"
    return text


def _markdown(citations: Sequence[Citation], article: Article, notes: Mapping[int, str]) -> str:
    return "\n".join(markdown_one(c, article, notes.get(c.n)) for c in citations)


# BibTeX and BibLaTeX.

_TEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "#": r"\#",
    "%": r"\%",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
}
_TEX_SPECIAL = re.compile("[" + re.escape("".join(_TEX_SPECIALS)) + "]")


# Pairs TeX's fonts join into another glyph (-- en dash, `` and '' curly quotes, !` and ?` inverted marks,
# << >> ,, guillemets and low quotes in T1): an empty group between them keeps the characters as written.
_TEX_LIGATURE = re.compile(r"(?<=-)(?=-)|(?<=`)(?=`)|(?<=')(?=')|(?<=[!?])(?=`)|(?<=<)(?=<)|(?<=>)(?=>)|(?<=,)(?=,)")


def tex_escape(text: str) -> str:
    """Text with every TeX special escaped and every ligature broken, safe inside a braced BibTeX field."""
    return _TEX_LIGATURE.sub("{}", _TEX_SPECIAL.sub(lambda m: _TEX_SPECIALS[m.group(0)], text))


def tex_url(url: str) -> str:
    """A URL safe inside ``\\url{...}`` and a verbatim ``url`` field: braces, backslashes and spaces
    would unbalance the field, so they are percent-encoded; everything else (``%5C``, ``?&=``) is kept."""
    return url.replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D").replace(" ", "%20")


def _ascii_word(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def bibtex_key(citation: Citation) -> str:
    """A stable key from the content: outlet (or the URL's host), year, first significant title word."""
    outlet = _field(citation.outlet)
    source = ""
    if outlet:
        source = next((w for w in (_ascii_word(p) for p in outlet.split()) if w), "")
    url = _url(citation)
    if not source and url:
        host = url.split("/")[2].split(":")[0].lower()
        labels = [p for p in host.split(".") if p not in ("www", "www1", "uk", "en")]
        source = _ascii_word(labels[0]) if labels else ""
    year = (citation.published or citation.accessed or "")[:4]
    year = year if year.isdigit() else "nd"
    words = [_ascii_word(w) for w in (_field(citation.title) or "").split()]
    word = next((w for w in words if w and w not in _KEY_STOPWORDS), "")
    return f"{source or 'ref'}{year}{word}" or f"ref{citation.n}"


def _bib_comment(text: str) -> str:
    # BibTeX ignores text outside entries; "@" would start one, so it is spelled out.
    return "\n".join(f"% {line}" for line in text.replace("@", " at ").splitlines())


def _bib_noted(citation: Citation, article: Article, note: str | None, entry: Callable[[Citation], str]) -> str:
    """The entry, a comment before it carrying the note; a missing reference is all comment."""
    if _is_missing(citation):
        return _bib_comment(_with_note(missing_note(citation, article, sentences=not note), note))
    return f"{_bib_comment(note)}\n{entry(citation)}" if note else entry(citation)


def _bib_entry(kind: str, key: str, fields: list[tuple[str, str | None]]) -> str:
    body = ",\n".join(f"  {name} = {value}" for name, value in fields if value is not None)
    return f"@{kind}{{{key},\n{body},\n}}"


def bibtex_one(citation: Citation) -> str:
    title, outlet, url = _field(citation.title), _field(citation.outlet), _url(citation)
    parts = date_parts(citation.published) or []
    accessed = human_date(citation.accessed)
    # The outlet stands as written (never capitalised); "Accessed" starts the note only when alone.
    seen = (f"accessed {accessed}" if outlet else f"Accessed {accessed}") if accessed else None
    note = "; ".join(p for p in (outlet, seen) if p)
    fields: list[tuple[str, str | None]] = [
        # Double braces keep styles from lower-casing names in the title.
        ("title", f"{{{{{tex_escape(title)}}}}}" if title else None),
        ("howpublished", f"{{\\url{{{tex_url(url)}}}}}" if url else None),
        ("year", f"{{{parts[0]}}}" if parts else None),
        ("month", _BIBTEX_MONTHS[parts[1] - 1] if len(parts) > 1 and 1 <= parts[1] <= 12 else None),
        ("note", f"{{{tex_escape(note)}}}" if note else None),
    ]
    return _bib_entry("misc", bibtex_key(citation), fields)


def _iso_field(iso: str | None) -> str | None:
    parts = date_parts(iso)
    return "{" + _join_date(parts, "-") + "}" if parts else None


def biblatex_one(citation: Citation) -> str:
    title, outlet, url = _field(citation.title), _field(citation.outlet), _url(citation)
    fields: list[tuple[str, str | None]] = [
        ("title", f"{{{tex_escape(title)}}}" if title else None),
        ("organization", f"{{{tex_escape(outlet)}}}" if outlet else None),
        ("date", _iso_field(citation.published)),
        ("url", f"{{{tex_url(url)}}}" if url else None),
        ("urldate", _iso_field(citation.accessed)),
    ]
    return _bib_entry("online", bibtex_key(citation), fields)


def _bibtex(citations: Sequence[Citation], article: Article, notes: Mapping[int, str]) -> str:
    return "\n\n".join(_bib_noted(c, article, notes.get(c.n), bibtex_one) for c in citations)


def _biblatex(citations: Sequence[Citation], article: Article, notes: Mapping[int, str]) -> str:
    return "\n\n".join(_bib_noted(c, article, notes.get(c.n), biblatex_one) for c in citations)


# CSL-JSON.


def csl_item(citation: Citation, note: str | None = None) -> dict[str, object]:
    if _is_missing(citation):
        raise Unavailable(f"reference [{citation.n}] has no text in the source, so there is no CSL-JSON item")
    title, outlet, url = _field(citation.title), _field(citation.outlet), _url(citation)
    kind = "entry-encyclopedia" if citation.n == ARTICLE_N else "article-newspaper" if outlet else "webpage"
    item: dict[str, object] = {"id": bibtex_key(citation), "type": kind}
    if title:
        item["title"] = title
    if outlet:
        item["container-title"] = outlet
    issued, accessed = date_parts(citation.published), date_parts(citation.accessed)
    if issued:
        item["issued"] = {"date-parts": [issued]}
    if url:
        item["URL"] = url
    if accessed:
        item["accessed"] = {"date-parts": [accessed]}
    if url:
        item["archive"] = "Internet Archive Wayback Machine"
        item["archive_location"] = wayback_url(citation)
    if note:
        item["note"] = note
    return item


def _json(value: object, indent: str = "") -> str:
    """JSON indented by two spaces, with each date's "date-parts" on one line as CSL-JSON is usually written.

    Built value by value: no rewriting of the dumped text, which would also touch strings that look alike.
    """
    inner = indent + "  "
    if isinstance(value, dict) and value:
        body = ",\n".join(f"{inner}{json.dumps(k, ensure_ascii=False)}: {_json(v, inner)}" for k, v in value.items())
        return f"{{\n{body}\n{indent}}}"
    if isinstance(value, list) and value and not all(isinstance(v, list) for v in value):
        body = ",\n".join(f"{inner}{_json(v, inner)}" for v in value)
        return f"[\n{body}\n{indent}]"
    return json.dumps(value, ensure_ascii=False)


def _csl_json(citations: Sequence[Citation], article: Article, notes: Mapping[int, str]) -> str:
    items = [csl_item(c, notes.get(c.n)) for c in citations if not _is_missing(c)]
    if not items:
        csl_item(citations[0])  # raises Unavailable with the reason
    return _json(items)


# URL and Wayback.


def wayback_url(citation: Citation) -> str:
    """``https://web.archive.org/web/<date>/<url>``: the snapshot nearest the access (else publication) date.

    Wayback takes partial timestamps (20100425, 201004, 2010); with no date at all, ``*`` lists every capture.
    """
    url = _url(citation)
    if url is None:
        raise Unavailable(f"reference [{citation.n}] has no URL in the source")
    parts = date_parts(citation.accessed or citation.published) or []
    stamp = _join_date(parts, "")
    return f"https://web.archive.org/web/{stamp or '*'}/{url}"


def _url_format(citations: Sequence[Citation], article: Article, notes: Mapping[int, str]) -> str:
    urls = [u for u in (_url(c) for c in citations) if u]
    if not urls:
        raise Unavailable(f"reference [{citations[0].n}] has no URL in the source")
    return "\n".join(urls)


def _wayback(citations: Sequence[Citation], article: Article, notes: Mapping[int, str]) -> str:
    links = [wayback_url(c) for c in citations if _url(c)]
    if not links:
        raise Unavailable(f"reference [{citations[0].n}] has no URL in the source")
    return "\n".join(links)


# Quote with citation.


def _quote(
    citations: Sequence[Citation],
    passage: Passage | None,
    language: Language,
    article: Article,
    notes: Mapping[int, str],
) -> str:
    # Only the source's own words go inside the quotation marks; an English rendering follows,
    # labelled as the app's translation.
    if passage is None:
        sentences = [s for c in citations for s in supported_sentences(c)]
        quoted = " ".join(dict.fromkeys(sentences))
    else:
        quoted = readable(passage.source_text)
    if not quoted:
        raise Unavailable("no source sentence to quote")
    opening, closing = ("“", "”") if language == "en" else ("「", "」")
    lines = [f"{opening}{quoted}{closing}"]
    gloss = clean_line(passage.gloss_en) if passage is not None and passage.gloss_en else ""
    if language == "en" and gloss:
        lines.append(f"English translation by csto-tui (not the source's words): {gloss}")
    # The quote already is the sentence a missing reference supports: do not repeat it.
    for c in citations:
        lines.append(f"— {plain_one(c, article, sentences=False)}")
        if c.n in notes:
            lines.append(f"  {notes[c.n]}")
    return "\n".join(lines)


_RENDERERS = {
    "plain": _plain,
    "markdown": _markdown,
    "bibtex": _bibtex,
    "biblatex": _biblatex,
    "csl-json": _csl_json,
    "url": _url_format,
    "wayback": _wayback,
}

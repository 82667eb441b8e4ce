"""Parse the converted Chinese Wikipedia article into located pieces.

The copy in ``data/source/`` is MediaWiki converted to Markdown: an infobox
fragment at the top whose values wrap across lines, ``##``/``###`` headings,
paragraphs, HTML tables, footnote markers written ``\\[n\\]`` and a numbered
reference list at the very end. Every piece keeps its character offsets so that
records built from it can carry exact article text. The parser never raises on
odd input; what it cannot make sense of goes to ``Article.problems``.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from csto_tui.ingest.refs import Reference, parse_references

INFOBOX = "infobox"
LEAD = "lead"

MARKER_RE = re.compile(r"\\\[(\d+)\\\]")
# [text](target) or [text](target "title"); the text may wrap lines; "\[" is a footnote, not a link.
MD_LINK_RE = re.compile(r'(?<!\\)\[([^\[\]]*)\]\(([^()\s]+)(?:\s+"([^"]*)")?\)')
HTML_LINK_RE = re.compile(r'<a href="([^"]*)"(?: title="[^"]*")?>(.*?)</a>', re.S)
ANGLE_URL_RE = re.compile(r"<(https?://[^>\s]+)>")
HEADING_RE = re.compile(r"^(#{2,6})[ \t]+(.+?)[ \t]*$", re.M)
INFOBOX_FIELD_RE = re.compile(r"(?:^|\|)\s*([A-Za-z_]+)\s*=")
ROW_RE = re.compile(r"<tr\b[^>]*>(.*?)</tr>", re.S)
CELL_RE = re.compile(r"<(td|th)\b[^>]*>(.*?)</\1>|<(td|th)\b[^>]*/>", re.S)
TAG_RE = re.compile(r"<[^>]+>")

WIKI_PREFIXES = ("https://zh.wikipedia.org/wiki/", "http://zh.wikipedia.org/wiki/")
SENTENCE_END = "。！？!?"
CLAUSE_PUNCT = "，、；：,;:"
CLOSERS = "”」』）)"


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Link:
    start: int
    end: int
    text: str
    target: str
    form: str  # "page" (../Page/X.md), "wiki" (zh.wikipedia.org/wiki/X), "html" (<a>), "external"
    page: str | None  # the zh page the link targets: the entity, not the link text
    target_start: int  # where the target sits, so dates inside it are known to be no statement


@dataclass(frozen=True, slots=True)
class Marker:
    n: int
    start: int
    end: int
    section: str
    sentence: Span  # the sentence (or clause, after a comma) the marker closes, markers excluded


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    value: str
    start: int  # of the value, stripped
    end: int


@dataclass(frozen=True, slots=True)
class Block:
    kind: str  # "heading", "paragraph", "item", "table", "other"
    start: int
    end: int
    section: str


@dataclass(frozen=True, slots=True)
class Cell:
    header: bool
    start: int
    end: int
    raw: str
    text: str  # tags removed, entities decoded: the value as a reader sees it


@dataclass(frozen=True, slots=True)
class Row:
    start: int  # of "<tr"
    end: int  # after "</tr>"
    cells: tuple[Cell, ...]


@dataclass(frozen=True, slots=True)
class Table:
    start: int
    end: int
    section: str
    caption: str  # the list item just above the table, e.g. "目前成員"
    headers: tuple[str, ...]
    rows: tuple[Row, ...]


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int  # after any footnote markers that close it
    section: str
    paragraph: int  # index into Article.blocks


@dataclass(slots=True)
class Article:
    text: str
    infobox: Span
    fields: tuple[Field, ...] = ()
    blocks: tuple[Block, ...] = ()
    tables: tuple[Table, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    markers: tuple[Marker, ...] = ()
    links: tuple[Link, ...] = ()
    references: tuple[Reference, ...] = ()
    references_start: int = 0
    problems: list[str] = field(default_factory=list)

    def section_at(self, offset: int) -> str:
        if offset < self.infobox.end:
            return INFOBOX
        section = LEAD
        for block in self.blocks:
            if block.start > offset:
                break
            if block.kind == "heading":
                section = block.section
        return section

    def block_at(self, offset: int) -> int | None:
        for i, block in enumerate(self.blocks):
            if block.start <= offset < block.end:
                return i
        return None

    def sentences_over(self, start: int, end: int) -> tuple[Sentence, ...]:
        return tuple(s for s in self.sentences if s.start < end and start < s.end)

    def in_link_target(self, start: int, end: int) -> bool:
        """True when [start, end) lies inside a URL or a link's target, not its text."""
        for link in self.links:
            if link.target_start <= start and end <= link.target_start + len(link.target):
                return True
        return False


def parse(text: str) -> Article:
    """Split the article into infobox, blocks, tables, sentences, markers, links and references."""
    infobox_end = _infobox_end(text)
    article = Article(text=text, infobox=Span(0, infobox_end))
    if infobox_end == 0:
        article.problems.append("no infobox: the closing '}}' of the infobox fragment was not found")
    article.fields = _infobox_fields(text, infobox_end)
    refs_start, references, problems = parse_references(text)
    article.references_start = refs_start
    article.references = references
    article.problems.extend(problems)
    article.links = _links(text)
    blocks, tables = _blocks(text, infobox_end, refs_start)
    article.blocks = blocks
    article.tables = tables
    raw_markers = [(int(m.group(1)), m.start(), m.end()) for m in MARKER_RE.finditer(text, infobox_end, refs_start)]
    article.sentences, article.markers = _sentences(text, blocks, raw_markers)
    return article


def _infobox_end(text: str) -> int:
    """The infobox fragment runs from the top to the first ``}}`` before any heading."""
    first_heading = HEADING_RE.search(text)
    limit = first_heading.start() if first_heading else len(text)
    close = text.find("}}", 0, limit)
    return close + 2 if close >= 0 else 0


def _infobox_fields(text: str, end: int) -> tuple[Field, ...]:
    body = text[:end]
    starts = list(INFOBOX_FIELD_RE.finditer(body))
    fields: list[Field] = []
    for i, match in enumerate(starts):
        value_start = match.end()
        value_end = starts[i + 1].start() if i + 1 < len(starts) else max(value_start, end - 2)
        raw = body[value_start:value_end]
        stripped = raw.strip()
        lead = len(raw) - len(raw.lstrip())
        start = value_start + lead
        fields.append(Field(match.group(1), stripped, start, start + len(stripped)))
    return tuple(fields)


def page_of(target: str) -> tuple[str, str | None]:
    """The link's form and the zh page it targets (None for other sites)."""
    if target.startswith("../Page/") and target.endswith(".md"):
        return "page", target[len("../Page/") : -len(".md")]
    for prefix in WIKI_PREFIXES:
        if target.startswith(prefix):
            return "wiki", target[len(prefix) :]
    return "external", None


def _links(text: str) -> tuple[Link, ...]:
    links: list[Link] = []
    for m in MD_LINK_RE.finditer(text):
        form, page = page_of(m.group(2))
        links.append(Link(m.start(), m.end(), m.group(1), m.group(2), form, page, m.start(2)))
    for m in HTML_LINK_RE.finditer(text):
        target = html.unescape(m.group(1))
        form, page = page_of(target)
        links.append(Link(m.start(), m.end(), _plain(m.group(2)), target, "html" if page else form, page, m.start(1)))
    for m in ANGLE_URL_RE.finditer(text):
        links.append(Link(m.start(), m.end(), m.group(1), m.group(1), "external", None, m.start(1)))
    return tuple(sorted(links, key=lambda link: link.start))


def _plain(fragment: str) -> str:
    return html.unescape(TAG_RE.sub("", fragment)).strip()


def _blocks(text: str, start: int, end: int) -> tuple[tuple[Block, ...], tuple[Table, ...]]:
    """Headings, paragraphs (runs of non-blank lines), list items and tables between infobox and references."""
    blocks: list[Block] = []
    tables: list[Table] = []
    section = LEAD
    caption = ""
    pos = start
    while pos < end:
        line_end = text.find("\n", pos, end)
        line_end = end if line_end < 0 else line_end
        line = text[pos:line_end]
        stripped = line.strip()
        heading = HEADING_RE.match(line)
        if not stripped:
            pos = line_end + 1
        elif heading:
            section = heading.group(2).strip()
            blocks.append(Block("heading", pos, line_end, section))
            pos = line_end + 1
        elif stripped.startswith("<table"):
            close = text.find("</table>", pos, end)
            table_end = end if close < 0 else close + len("</table>")
            tables.append(_table(text, pos, table_end, section, caption))
            blocks.append(Block("table", pos, table_end, section))
            pos = table_end + 1
        elif stripped.startswith("- "):
            caption = stripped[2:].strip()
            item_start = pos + line.index("- ") + 2
            blocks.append(Block("item", item_start, line_end, section))
            pos = line_end + 1
        elif stripped.startswith(("{{", "[Category:")):
            blocks.append(Block("other", pos, line_end, section))
            pos = line_end + 1
        else:
            para_end = line_end
            nxt = line_end + 1
            # A paragraph runs until a blank line or a line that starts another kind of block.
            while nxt < end:
                following_end = text.find("\n", nxt, end)
                following_end = end if following_end < 0 else following_end
                following = text[nxt:following_end]
                fs = following.strip()
                if not fs or HEADING_RE.match(following) or fs.startswith(("<table", "- ", "{{", "[Category:")):
                    break
                para_end = following_end
                nxt = following_end + 1
            blocks.append(Block("paragraph", pos, para_end, section))
            pos = para_end + 1
    return tuple(blocks), tuple(tables)


def _table(text: str, start: int, end: int, section: str, caption: str) -> Table:
    headers: list[str] = []
    rows: list[Row] = []
    for row in ROW_RE.finditer(text, start, end):
        cells: list[Cell] = []
        for cell in CELL_RE.finditer(row.group(1)):
            tag = cell.group(1) or cell.group(3)
            inner = cell.group(2) or ""
            offset = row.start(1) + cell.start()
            cells.append(Cell(tag == "th", offset, row.start(1) + cell.end(), inner, _plain(inner)))
        if cells and all(c.header for c in cells):
            headers = [c.text for c in cells]
        elif cells:
            rows.append(Row(row.start(), row.end(), tuple(cells)))
    return Table(start, end, section, caption, tuple(headers), tuple(rows))


def _sentences(
    text: str, blocks: tuple[Block, ...], raw_markers: list[tuple[int, int, int]]
) -> tuple[tuple[Sentence, ...], tuple[Marker, ...]]:
    """Split paragraphs into sentences and tie each footnote marker to the text it closes.

    A sentence ends at 。！？ outside quotation marks (or right before the quote
    that closes it), and the markers that follow it, even on the next line,
    belong to it. A marker run also ends a sentence that has no full stop
    (``被忽视了\\[29\\]``), except after a comma, where it closes only a clause.
    """
    at = {start: (n, end) for n, start, end in raw_markers}
    sentences: list[Sentence] = []
    markers: list[Marker] = []
    for index, block in enumerate(blocks):
        if block.kind not in ("paragraph", "item"):
            continue
        i = block.start
        sentence_start = _skip_space(text, i, block.end)
        clause_start = sentence_start
        in_quote = False
        while i < block.end:
            if i in at:
                run_start, i, run = _marker_run(text, i, block.end, at)
                body_end = _rstrip(text, clause_start, run_start)
                prev = text[body_end - 1] if body_end > clause_start else ""
                for n, m_start, m_end in run:
                    markers.append(Marker(n, m_start, m_end, block.section, Span(clause_start, body_end)))
                if prev in CLAUSE_PUNCT:
                    clause_start = _skip_space(text, i, block.end)
                    continue
                sentences.append(Sentence(sentence_start, i, block.section, index))
                sentence_start = clause_start = _skip_space(text, i, block.end)
                in_quote = False
                continue
            char = text[i]
            if char == "“":
                in_quote = not in_quote
            elif char == "”":
                in_quote = False
            elif char in SENTENCE_END:
                after = i + 1
                closes_quote = in_quote and after < block.end and text[after] in "”“"
                if not in_quote or closes_quote:
                    after += 1 if closes_quote else 0
                    while after < block.end and text[after] in CLOSERS:
                        after += 1
                    body_end = after
                    in_quote = False
                    peek = _skip_space(text, after, block.end)
                    if peek in at:
                        # Markers after the full stop, even on the next line, close this sentence.
                        _, after, run = _marker_run(text, peek, block.end, at)
                        for n, m_start, m_end in run:
                            markers.append(Marker(n, m_start, m_end, block.section, Span(clause_start, body_end)))
                    sentences.append(Sentence(sentence_start, after, block.section, index))
                    i = after
                    sentence_start = clause_start = _skip_space(text, i, block.end)
                    continue
            i += 1
        if sentence_start < block.end and text[sentence_start : block.end].strip():
            sentences.append(Sentence(sentence_start, _rstrip(text, sentence_start, block.end), block.section, index))
    return tuple(sentences), tuple(markers)


def _marker_run(
    text: str, i: int, end: int, at: dict[int, tuple[int, int]]
) -> tuple[int, int, list[tuple[int, int, int]]]:
    """Consecutive markers from ``i`` (``\\[15\\]\\[16\\]``): their start, end and members."""
    run_start = i
    run: list[tuple[int, int, int]] = []
    while i in at:
        n, m_end = at[i]
        run.append((n, i, m_end))
        i = m_end
    return run_start, min(i, end), run


def _skip_space(text: str, i: int, end: int) -> int:
    while i < end and text[i].isspace():
        i += 1
    return i


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end

"""The numbered reference list at the very end of the article.

Entries look like ``8.  [Title wrapped
    over lines](http://url%5Cwith%5Cescapes)`` followed by ``, Outlet, 3 August
2009`` or `` Retrieved on 24 November 2009``; some are a bare ``<URL>``; in
this copy many are just the number (their text was lost in conversion).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from csto_tui.dates import MONTH_NAMES

ENTRY_RE = re.compile(r"^(\d+)\.(?:[ \t]+|$)")
LINK_RE = re.compile(r"\[([^\[\]]+)\]\((\S+?)\)", re.S)
ANGLE_RE = re.compile(r"<(\S+?)>")
MONTHS = {name: i + 1 for i, name in enumerate(MONTH_NAMES)}
EN_DATE_RE = re.compile(r"^(?:(\d{1,2}) )?(" + "|".join(MONTHS) + r")(?: (\d{4}))$|^(\d{4})$")
RETRIEVED_RE = re.compile(r"^Retrieved on (.+)$")


@dataclass(frozen=True, slots=True)
class Reference:
    n: int
    start: int
    end: int
    source_text: str  # the entry, verbatim from its number to its last character
    title: str | None
    url: str | None
    outlet: str | None
    published: str | None
    accessed: str | None
    missing: bool


def english_date(value: str) -> str | None:
    """``3 August 2009`` -> ``2009-08-03``; ``August 2009`` -> ``2009-08``; ``2009`` -> ``2009``."""
    m = EN_DATE_RE.match(value.strip())
    if not m:
        return None
    if m.group(4):
        return m.group(4)
    if m.group(3) is None:
        return None
    month = MONTHS[m.group(2)]
    if m.group(1):
        return f"{m.group(3)}-{month:02d}-{int(m.group(1)):02d}"
    return f"{m.group(3)}-{month:02d}"


def parse_references(text: str) -> tuple[int, tuple[Reference, ...], list[str]]:
    """Find the trailing numbered list; return where it starts, its entries and any problems."""
    lines = _lines(text)
    first = len(lines)
    for i in range(len(lines) - 1, -1, -1):
        _, _, line = lines[i]
        if ENTRY_RE.match(line):
            first = i
        elif not (line[:1].isspace() and line.strip()) and line.strip():
            break
    problems: list[str] = []
    entries: list[Reference] = []
    i = first
    while i < len(lines):
        start, end, line = lines[i]
        m = ENTRY_RE.match(line)
        if not m:
            i += 1
            continue
        j = i + 1
        while j < len(lines) and not ENTRY_RE.match(lines[j][2]) and lines[j][2].strip():
            end = lines[j][1]
            j += 1
        entries.append(_entry(int(m.group(1)), text, start, end, start + m.end()))
        i = j
    numbers = [e.n for e in entries]
    if numbers != list(range(1, len(numbers) + 1)):
        problems.append(f"reference list is not numbered 1..{len(numbers)}: {numbers}")
    start = lines[first][0] if first < len(lines) else len(text)
    return start, tuple(entries), problems


def _lines(text: str) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    pos = 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line), line))
        pos += len(line) + 1
    return out


def _entry(n: int, text: str, start: int, end: int, body_start: int) -> Reference:
    body = text[body_start:end]
    if not body.strip():
        return Reference(n, start, end, text[start:end], None, None, None, None, None, True)
    title: str | None = None
    url: str | None = None
    rest = body
    link = LINK_RE.search(body)
    angle = ANGLE_RE.search(body)
    if link:
        title = " ".join(link.group(1).split())
        url = link.group(2)
        rest = body[link.end() :]
    elif angle:
        url = angle.group(1)
        rest = body[angle.end() :]
    rest = " ".join(rest.split()).strip(" ,.")
    outlet: str | None = None
    published: str | None = None
    accessed: str | None = None
    retrieved = RETRIEVED_RE.match(rest)
    if retrieved:
        accessed = english_date(retrieved.group(1))
    elif rest:
        parts = [p.strip() for p in rest.split(",") if p.strip()]
        if parts and english_date(parts[-1]):
            published = english_date(parts.pop())
        outlet = ", ".join(parts) or None
        if title is None and url is None:
            title, outlet = outlet, None
    return Reference(n, start, end, text[start:end], title, url, outlet, published, accessed, False)

"""The parser never raises on mutated article text; it may only report problems."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from csto_tui.ingest.article import parse
from csto_tui.ingest.dates import DateError, find_dates, resolve
from csto_tui.paths import source_article

TEXT = source_article().read_text(encoding="utf-8")
# Characters the format gives meaning to, so mutations hit the parser's decisions.
SPECIAL = st.sampled_from([*"[]()\\<>|}{#-。，“”\n 0123456789年月日至前后次第", "\\[", "\\]", "}}", "<tr>", "</table>"])


@st.composite
def mutated(draw: st.DrawFn) -> str:
    text = TEXT
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "replace", "cut"]))
        piece = draw(st.one_of(SPECIAL, st.text(max_size=5)))
        if action == "insert":
            text = text[:at] + piece + text[at:]
        elif action == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 50)) :]
        elif action == "replace":
            text = text[:at] + piece + text[at + len(piece) :]
        else:
            text = text[:at]
    return text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_parser_never_raises_on_mutated_article(text: str) -> None:
    article = parse(text)
    for marker in article.markers:
        assert text[marker.start : marker.end] == f"\\[{marker.n}\\]"
        assert 0 <= marker.sentence.start <= marker.sentence.end <= marker.start
    for ref in article.references:
        assert text[ref.start : ref.end] == ref.source_text
    for table in article.tables:
        for row in table.rows:
            assert text[row.start : row.end].startswith("<tr")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789年月日至前后次第几个周天随仅一二三五十")), max_size=30))
def test_dates_resolve_or_say_why(text: str) -> None:
    for expr in find_dates(text):
        try:
            resolve(expr, None)
        except DateError:
            pass

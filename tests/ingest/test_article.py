"""The parser against each trap of the converted wiki format, on small texts and on the real article."""

from __future__ import annotations

from csto_tui.ingest.article import INFOBOX, LEAD, Article, parse

SNIPPET = """name = 测试 | formation =
1992年5月15日（甲）
2002年10月7日（乙） | website = [x](http://x.org/) }}

第一句。\\[1\\]\\[2\\]
第二句，\\[3\\]
接着说完。他说：“你好。“
\\[4\\]甲乙丙结束了\\[5\\]
丁戊。

## 章节

[塔吉克斯坦和](../Page/塔吉克斯坦.md "wikilink")[亚美尼亚](https://zh.wikipedia.org/wiki/亚美尼亚 "wikilink")

### 小节

  - 候選

<table>
<thead>
<tr class="header">
<th><p>国家</p></th>
<th><p>軍隊</p></th>
</tr>
</thead>
<tbody>
<tr class="odd">
<td></td>
<td><p><a href="../Page/伊朗軍事.md" title="wikilink">伊朗軍事</a></p></td>
</tr>
</tbody>
</table>

1.
2.  <http://example.org/a/>
3.  [A title wrapped
    over two lines](http://example.org/p?x=2007%5C10%5C06)
    , Outlet Name, 3 August 2009.
4.  [Other](http://example.org/o) Retrieved on 24 November 2009
5."""


def sentence_of(article: Article, n: int) -> str:
    marker = next(m for m in article.markers if m.n == n)
    return article.text[marker.sentence.start : marker.sentence.end]


def test_infobox_values_wrap_across_lines() -> None:
    article = parse(SNIPPET)
    fields = {f.name: f.value for f in article.fields}
    assert fields["formation"] == "1992年5月15日（甲）\n2002年10月7日（乙）"
    assert fields["name"] == "测试"
    assert article.section_at(3) == INFOBOX


def test_headings_and_sections() -> None:
    article = parse(SNIPPET)
    headings = [b.section for b in article.blocks if b.kind == "heading"]
    assert headings == ["章节", "小节"]
    assert article.section_at(SNIPPET.index("第一句")) == LEAD
    assert article.section_at(SNIPPET.index("[塔吉克斯坦和]")) == "章节"
    assert article.section_at(SNIPPET.index("<table>")) == "小节"


def test_paragraph_runs_until_blank_line() -> None:
    article = parse(SNIPPET)
    paragraph = next(b for b in article.blocks if b.kind == "paragraph")
    assert SNIPPET[paragraph.start : paragraph.end].endswith("丁戊。")


def test_adjacent_markers_close_the_same_sentence() -> None:
    article = parse(SNIPPET)
    assert sentence_of(article, 1) == sentence_of(article, 2) == "第一句。"


def test_marker_after_comma_closes_only_a_clause() -> None:
    article = parse(SNIPPET)
    assert sentence_of(article, 3) == "第二句，"
    # The sentence itself goes on past the marker.
    sentence = next(s for s in article.sentences if SNIPPET[s.start : s.end].startswith("第二句"))
    assert "接着说完。" in SNIPPET[sentence.start : sentence.end]


def test_marker_on_next_line_after_a_reversed_closing_quote() -> None:
    article = parse(SNIPPET)
    assert sentence_of(article, 4) == "他说：“你好。“"


def test_marker_glued_to_the_next_sentence_and_marker_without_full_stop() -> None:
    article = parse(SNIPPET)
    assert sentence_of(article, 5) == "甲乙丙结束了"
    texts = [SNIPPET[s.start : s.end] for s in article.sentences]
    assert "甲乙丙结束了\\[5\\]" in texts
    assert "丁戊。" in texts


def test_wiki_links_in_both_forms_name_their_target() -> None:
    article = parse(SNIPPET)
    pages = {(link.text, link.page, link.form) for link in article.links}
    assert ("塔吉克斯坦和", "塔吉克斯坦", "page") in pages
    assert ("亚美尼亚", "亚美尼亚", "wiki") in pages
    assert ("伊朗軍事", "伊朗軍事", "html") in pages
    assert ("x", None, "external") in pages


def test_tables_keep_cells_and_rows_verbatim() -> None:
    article = parse(SNIPPET)
    (table,) = article.tables
    assert table.caption == "候選"
    assert table.headers == ("国家", "軍隊")
    (row,) = table.rows
    assert [c.text for c in row.cells] == ["", "伊朗軍事"]
    row_text = SNIPPET[row.start : row.end]
    assert row_text.startswith('<tr class="odd">') and row_text.endswith("</tr>")


def test_reference_list_entries() -> None:
    article = parse(SNIPPET)
    refs = {r.n: r for r in article.references}
    assert sorted(refs) == [1, 2, 3, 4, 5]
    assert refs[1].missing and refs[5].missing and refs[1].source_text == "1."
    assert refs[2].url == "http://example.org/a/" and refs[2].title is None and not refs[2].missing
    assert refs[3].title == "A title wrapped over two lines"
    assert refs[3].url == "http://example.org/p?x=2007%5C10%5C06"
    assert (refs[3].outlet, refs[3].published, refs[3].accessed) == ("Outlet Name", "2009-08-03", None)
    assert (refs[4].published, refs[4].accessed) == (None, "2009-11-24")
    assert article.problems == []


def test_real_article_shape(article: Article) -> None:
    assert article.problems == []
    headings = [b.section for b in article.blocks if b.kind == "heading"]
    assert headings[:6] == ["歷史", "成員國", "未來可能成員", "現況", "集體快速反應部隊", "吉爾吉斯衝突"]
    assert [len(t.rows) for t in article.tables] == [6, 2, 2, 1, 3]
    assert [r.n for r in article.references] == list(range(1, 31))
    assert sum(r.missing for r in article.references) == 13
    assert sorted({m.n for m in article.markers}) == list(range(1, 31))


def test_real_article_traps(article: Article) -> None:
    assert sentence_of(article, 15) == sentence_of(article, 16)  # \[15\]\[16\]
    assert sentence_of(article, 3) == "成员国不加入其他军事联盟或其他国家集团，"  # after a comma
    assert sentence_of(article, 17).endswith("严重不稳定。“")  # marker on the next line
    assert sentence_of(article, 24) == "巴基耶夫否认他的支持者是种族冲突的幕后主使，并呼吁集体安全条约组织进行干预。"
    assert sentence_of(article, 25).startswith("前总统\n[阿卡耶夫还呼吁")  # \[24\]前总统: glued
    assert sentence_of(article, 29).endswith("被忽视了")  # no full stop before the marker
    dailytimes = next(r for r in article.references if r.n == 8)
    assert dailytimes.url is not None and "2007%5C10%5C06%5Cstory" in dailytimes.url
    bare = next(r for r in article.references if r.n == 7)
    assert bare.url == "http://www.itar-tass.com/en/c154/569688.html/" and bare.title is None


def test_wiki_link_entity_is_the_target_not_the_text(article: Article) -> None:
    links = {link.text: link.page for link in article.links}
    assert links["乌兹别克斯坦签署了"] == "乌兹别克斯坦"
    assert links["萝扎·奥通巴耶娃请求俄罗斯军队协助平息骚乱"] == "萝扎·奥通巴耶娃"
    assert links["吉尔吉斯斯坦发生骚乱"] == "2010年吉尔吉斯斯坦革命"


def test_parser_reports_instead_of_raising() -> None:
    article = parse("no infobox here\n\n1.\n3.")
    assert any("infobox" in p for p in article.problems)
    assert any("numbered" in p for p in article.problems)

"""Each formatter on hand-built citations: present, missing, bare URL, %5C escapes, query strings, trailing '/'."""

from __future__ import annotations

import json

import pytest

from csto_tui.cite.formats import (
    FORMAT_KEYS,
    Article,
    Passage,
    Unavailable,
    bibtex_key,
    human_date,
    readable,
    render,
    tex_escape,
    tex_url,
)
from csto_tui.model import Citation, CiteSite
from csto_tui.paths import source_article
from tests.cite.samples import (
    ALL,
    BARE_URL_7,
    ESCAPED_8,
    MISSING_9,
    MOSCOW_TIMES_20,
    PRESENT,
    QUERY_28,
    RETRIEVED_16,
    REUTERS_18,
    RFERL_29,
    SENTENCE_9,
)

ARTICLE = Article("集体安全条约组织 (Chinese Wikipedia)", "https://zh.wikipedia.org/wiki/集体安全条约组织")


def test_samples_are_the_article_text() -> None:
    article = source_article().read_text(encoding="utf-8")
    for citation in ALL:
        assert citation.source_text in article
        for site in citation.sites:
            assert site.sentence in article


def test_plain() -> None:
    assert render("plain", [REUTERS_18]) == (
        "Belarus leader raps Russia, may snub security summit. Reuters, 25 April 2010. "
        "https://www.reuters.com/article/idUSTRE63O0PT20100425"
    )
    assert render("plain", [RETRIEVED_16]) == (
        "With Russian Prodding, CSTO Begins Taking Shape. "
        "http://thefastertimes.com/defensespending/2009/10/30/with-russian-prodding-csto-begins-taking-shape/"
        " (accessed 24 November 2009)"
    )
    assert render("plain", [BARE_URL_7]) == "http://www.itar-tass.com/en/c154/569688.html/"
    assert render("plain", [REUTERS_18, QUERY_28]).splitlines()[1] == (
        "Kyrgyzstan takes decision on deploying CIS police force in South. Itar-Tass, 21 July 2010. "
        "http://www.itar-tass.com/eng/level2.html?NewsID=15337729&PageNum=0"
    )


def test_missing_copies_only_what_is_known() -> None:
    text = render("plain", [MISSING_9], article=ARTICLE)
    assert text == (
        "[9] Reference text missing in the source: 集体安全条约组织 (Chinese Wikipedia) "
        "(https://zh.wikipedia.org/wiki/集体安全条约组织), footnote 9.\n"
        f"It supports: {SENTENCE_9}"
    )
    for key in ("markdown", "bibtex", "biblatex", "quote"):
        out = render(key, [MISSING_9], article=ARTICLE)
        assert "9" in out and "missing in the source" in out
        assert "http://" not in out and "@misc" not in out and "@online" not in out
    for key in ("csl-json", "url", "wayback"):
        with pytest.raises(Unavailable, match=r"\[9\]"):
            render(key, [MISSING_9], article=ARTICLE)


def test_markdown() -> None:
    assert render("markdown", [REUTERS_18]) == (
        "[Belarus leader raps Russia, may snub security summit]"
        "(https://www.reuters.com/article/idUSTRE63O0PT20100425), Reuters, 25 April 2010"
    )
    assert render("markdown", [BARE_URL_7]) == "<http://www.itar-tass.com/en/c154/569688.html/>"
    assert render("markdown", [ESCAPED_8]).endswith(
        "(http://www.dailytimes.com.pk/default.asp?page=2007%5C10%5C06%5Cstory_6-10-2007_pg4_3)"
    )
    tricky = Citation(1, False, "A [bracketed] *title*_x", "Out", None, None, "https://e.org/a_(b)", "", ())
    assert render("markdown", [tricky]) == r"[A \[bracketed\] \*title\*\_x](https://e.org/a_%28b%29), Out"


def test_bibtex_entry() -> None:
    assert render("bibtex", [REUTERS_18]) == (
        "@misc{reuters2010belarus,\n"
        "  title = {{Belarus leader raps Russia, may snub security summit}},\n"
        "  howpublished = {\\url{https://www.reuters.com/article/idUSTRE63O0PT20100425}},\n"
        "  year = {2010},\n"
        "  month = apr,\n"
        "  note = {Reuters},\n"
        "}"
    )
    # Escapes in URLs are kept verbatim inside \url{}; so are query strings and a trailing slash.
    assert "\\url{http://www.dailytimes.com.pk/default.asp?page=2007%5C10%5C06%5Cstory_6-10-2007_pg4_3}" in render(
        "bibtex", [ESCAPED_8]
    )
    assert "{\\url{http://www.itar-tass.com/en/c154/569688.html/}}" in render("bibtex", [BARE_URL_7])


def test_biblatex_entry() -> None:
    assert render("biblatex", [RETRIEVED_16]) == (
        "@online{thefastertimes2009russian,\n"
        "  title = {With Russian Prodding, CSTO Begins Taking Shape},\n"
        "  url = {http://thefastertimes.com/defensespending/2009/10/30/with-russian-prodding-csto-begins-taking-shape/},\n"
        "  urldate = {2009-11-24},\n"
        "}"
    )
    assert "  organization = {Radio Free Europe/Radio Liberty},\n  date = {2010-08-11},\n" in render(
        "biblatex", [RFERL_29]
    )


def test_tex_escaping() -> None:
    assert tex_escape(r"50% & $5 #1 a_b {x} ~ ^ \ ") == (
        r"50\% \& \$5 \#1 a\_b \{x\} \textasciitilde{} \textasciicircum{} \textbackslash{} "
    )
    assert tex_url("http://e.org/a b{c}\\d%5C") == "http://e.org/a%20b%7Bc%7D%5Cd%5C"
    nasty = Citation(
        3, False, "R&D at 100% for $5 {now}_", "A & B", "2010-01", None, "https://e.org/?q=1&r=%5C", "", ()
    )
    out = render("bibtex", [nasty])
    assert "title = {{R\\&D at 100\\% for \\$5 \\{now\\}\\_}}" in out
    assert "note = {A \\& B}" in out and "month = jan" in out


def test_keys_are_stable_and_plain_ascii() -> None:
    keys = [bibtex_key(c) for c in PRESENT]
    assert keys == [bibtex_key(c) for c in PRESENT]
    assert keys == [
        "itartassnd",
        "dailytimesnddaily",
        "thefastertimes2009russian",
        "reuters2010belarus",
        "moscow2009lukashenko",
        "itartass2010kyrgyzstan",
        "radio2010kyrgyz",
    ]
    assert all(k.isascii() and k.isalnum() for k in keys)
    assert len(set(keys)) == len(keys)


def test_csl_json_fields() -> None:
    [item] = json.loads(render("csl-json", [REUTERS_18]))
    assert item == {
        "id": "reuters2010belarus",
        "type": "article-newspaper",
        "title": "Belarus leader raps Russia, may snub security summit",
        "container-title": "Reuters",
        "issued": {"date-parts": [[2010, 4, 25]]},
        "URL": "https://www.reuters.com/article/idUSTRE63O0PT20100425",
        "archive": "Internet Archive Wayback Machine",
        "archive_location": "https://web.archive.org/web/20100425/https://www.reuters.com/article/idUSTRE63O0PT20100425",
    }
    assert '"issued": {\n      "date-parts": [[2010, 4, 25]]\n    },' in render("csl-json", [REUTERS_18])
    [web] = json.loads(render("csl-json", [RETRIEVED_16]))
    assert web["type"] == "webpage" and web["accessed"] == {"date-parts": [[2009, 11, 24]]}
    assert "container-title" not in web and "issued" not in web
    # A missing reference among present ones is left out, never filled in.
    items = json.loads(render("csl-json", [MISSING_9, QUERY_28]))
    assert [i["URL"] for i in items] == ["http://www.itar-tass.com/eng/level2.html?NewsID=15337729&PageNum=0"]


def test_url_and_wayback() -> None:
    assert render("url", [ESCAPED_8]) == ESCAPED_8.url
    assert render("url", [QUERY_28]) == "http://www.itar-tass.com/eng/level2.html?NewsID=15337729&PageNum=0"
    assert render("url", [BARE_URL_7]) == "http://www.itar-tass.com/en/c154/569688.html/"
    assert render("wayback", [QUERY_28]) == (
        "https://web.archive.org/web/20100721/http://www.itar-tass.com/eng/level2.html?NewsID=15337729&PageNum=0"
    )
    assert render("wayback", [RETRIEVED_16]).startswith("https://web.archive.org/web/20091124/http://thefastertimes")
    assert render("wayback", [ESCAPED_8]) == f"https://web.archive.org/web/*/{ESCAPED_8.url}"
    assert render("url", [MISSING_9, REUTERS_18]) == REUTERS_18.url


def test_quote_with_citation() -> None:
    # From a citation alone: the sentence it closes, readable (wiki links unwrapped), then the reference.
    assert render("quote", [MOSCOW_TIMES_20]) == (
        "「在2009年拒绝参加集体安全条约组织峰会后，卢卡申科说：“为什么我们人民要在哈萨克斯坦打仗？"
        "母亲们会问我，为什么要我把儿子送到离白俄罗斯这么远的地方。为了什么？为了一个统一的能源市场？这不是生活所必须的。不！”」\n"
        "— Lukashenko Plays Coy With Kremlin. Moscow Times, 28 August 2009. "
        "http://www.themoscowtimes.com/news/article/lukashenko-plays-coy-with-kremlin/381416.html"
    )
    passage = Passage("卢卡申科说：“不！”\\[20\\]", gloss_en="Lukashenko said: “No!”")
    # Only the source's words inside the quotation marks; the English is labelled as a translation.
    assert render("quote", [MOSCOW_TIMES_20], passage=passage, language="en").startswith(
        "“卢卡申科说：“不！””\nEnglish translation by csto-tui (not the source's words): Lukashenko said: “No!”\n"
        "— Lukashenko Plays Coy"
    )
    assert render("quote", [MOSCOW_TIMES_20], passage=passage, language="zh").startswith("「卢卡申科说：“不！”」\n—")
    # No English gloss: the Chinese text, never a made-up translation.
    assert render("quote", [MOSCOW_TIMES_20], passage=Passage("不！"), language="en").startswith("“不！”\n— ")
    missing = render("quote", [MISSING_9], article=ARTICLE)
    assert missing == (
        f"「{SENTENCE_9}」\n— [9] Reference text missing in the source: 集体安全条约组织 (Chinese Wikipedia) "
        "(https://zh.wikipedia.org/wiki/集体安全条约组织), footnote 9."
    )


@pytest.mark.parametrize("key", FORMAT_KEYS)
def test_payloads_carry_no_control_characters(key: str) -> None:
    hostile = Citation(
        5,
        False,
        "Evil\x1b]52;c;aGk=\x07 title\x1b[31m red\u202e",
        "Out\x00let",
        "2010-06-14",
        None,
        "https://e.org/x",
        "",
        (CiteSite("s", 0, "句子\x1b[2J。"),),
    )
    out = render(key, [hostile])
    assert "\x1b" not in out and "\x07" not in out and "\x00" not in out and "\u202e" not in out
    assert all(ch == "\n" or ch >= " " for ch in out)
    evil_url = Citation(6, False, "T", None, None, None, "javascript:alert(1)", "", ())
    assert "javascript" not in render("plain", [evil_url])


def test_helpers() -> None:
    assert human_date("2010-04-25") == "25 April 2010"
    assert human_date("2010-04") == "April 2010"
    assert human_date("2010") == "2010"
    assert readable('在[哈萨克斯坦打仗](../Page/哈萨克斯坦.md "wikilink")。\\[20\\]') == "在哈萨克斯坦打仗。"
    with pytest.raises(KeyError):
        render("ris", [REUTERS_18])
    with pytest.raises(Unavailable):
        render("plain", [])

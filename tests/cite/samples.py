"""Citation records built by hand from the article's reference list (data/source/zhwiki-csto.md, the end).

They are what the ingest should produce for these footnotes; tests of the real store check
the formats on every footnote too.
"""

from __future__ import annotations

from csto_tui.model import Citation, CiteSite

SENTENCE_9 = (
    "2007年10月6日，集体安全条约组织成员同意大幅度扩大该组织，以建立一支集体安全条约组织维和平部队，"
    "该部队可在联合国授权下部署，也可在其成员国内部部署。这一扩大还将允许所有成员以与俄罗斯相同的价格购买俄罗斯武器。"
)
SENTENCE_20 = (
    "在2009年拒绝参加集体安全条约组织峰会后，卢卡申科说：“为什么我们人民要在"
    '[哈萨克斯坦打仗](../Page/哈萨克斯坦.md "wikilink")？母亲们会问我，为什么要我把儿子送到离白俄罗斯这么远的地方。'
    "为了什么？为了一个统一的能源市场？这不是生活所必须的。不！”"
)
SENTENCE_8 = (
    "2007年10月，集体安全条约组织在塔吉克斯坦首都杜尚别与"
    '[上海合作组织签署了一项协议](../Page/上海合作组织.md "wikilink")，以扩大在安全、犯罪和贩毒等问题上的合作。'
)
SENTENCE_7 = "集体安全条约组织采用“轮值主席国”制度，集体安全条约组织的成员国每年轮流任职。"

MISSING_9 = Citation(9, True, None, None, None, None, None, "9.", (CiteSite("历史", 0, SENTENCE_9),))
BARE_URL_7 = Citation(
    7,
    False,
    None,
    None,
    None,
    None,
    "http://www.itar-tass.com/en/c154/569688.html/",
    "7.  <http://www.itar-tass.com/en/c154/569688.html/>",
    (CiteSite("", 0, SENTENCE_7),),
)
ESCAPED_8 = Citation(
    8,
    False,
    "Daily Times – Leading News Resource of Pakistan",
    None,
    None,
    None,
    "http://www.dailytimes.com.pk/default.asp?page=2007%5C10%5C06%5Cstory_6-10-2007_pg4_3",
    "8.  [Daily Times – Leading News Resource of\n    Pakistan]"
    "(http://www.dailytimes.com.pk/default.asp?page=2007%5C10%5C06%5Cstory_6-10-2007_pg4_3)",
    (CiteSite("历史", 0, SENTENCE_8),),
)
RETRIEVED_16 = Citation(
    16,
    False,
    "With Russian Prodding, CSTO Begins Taking Shape",
    None,
    None,
    "2009-11-24",
    "http://thefastertimes.com/defensespending/2009/10/30/with-russian-prodding-csto-begins-taking-shape/",
    "16. [With Russian Prodding, CSTO Begins Taking\n    Shape](http://thefastertimes.com/defensespending/2009/10/30/"
    "with-russian-prodding-csto-begins-taking-shape/)\n     Retrieved on 24 November 2009",
    (),
)
REUTERS_18 = Citation(
    18,
    False,
    "Belarus leader raps Russia, may snub security summit",
    "Reuters",
    "2010-04-25",
    None,
    "https://www.reuters.com/article/idUSTRE63O0PT20100425",
    "18. [Belarus leader raps Russia, may snub security\n    summit](https://www.reuters.com/article/idUSTRE63O0PT20100425),"
    "\n    Reuters, 25 April 2010.",
    (),
)
MOSCOW_TIMES_20 = Citation(
    20,
    False,
    "Lukashenko Plays Coy With Kremlin",
    "Moscow Times",
    "2009-08-28",
    None,
    "http://www.themoscowtimes.com/news/article/lukashenko-plays-coy-with-kremlin/381416.html",
    "20. [Lukashenko Plays Coy With\n    Kremlin](http://www.themoscowtimes.com/news/article/lukashenko-plays-coy-with-kremlin/"
    "381416.html),\n    Moscow Times, 28 August 2009.",
    (CiteSite("吉爾吉斯衝突", 0, SENTENCE_20),),
)
QUERY_28 = Citation(
    28,
    False,
    "Kyrgyzstan takes decision on deploying CIS police force in South",
    "Itar-Tass",
    "2010-07-21",
    None,
    "http://www.itar-tass.com/eng/level2.html?NewsID=15337729&PageNum=0",
    "28. [Kyrgyzstan takes decision on deploying CIS police force in\n    South]"
    "(http://www.itar-tass.com/eng/level2.html?NewsID=15337729&PageNum=0),\n    Itar-Tass, 21 July 2010.",
    (),
)
RFERL_29 = Citation(
    29,
    False,
    "Kyrgyz Official Criticizes Foreign Partners",
    "Radio Free Europe/Radio Liberty",
    "2010-08-11",
    None,
    "http://www.rferl.org/content/Kyrgyz_Official_Criticizes_Foreign_Partners/2125164.html",
    "29. [Kyrgyz Official Criticizes Foreign\n    Partners](http://www.rferl.org/content/"
    "Kyrgyz_Official_Criticizes_Foreign_Partners/2125164.html),\n    Radio Free Europe/Radio Liberty, 11 August 2010.",
    (),
)

ALL = (MISSING_9, BARE_URL_7, ESCAPED_8, RETRIEVED_16, REUTERS_18, MOSCOW_TIMES_20, QUERY_28, RFERL_29)
PRESENT = tuple(c for c in ALL if not c.missing)

"""A tiny in-memory store for fast UI tests: real record types, text taken from the article."""

from __future__ import annotations

from csto_tui.model import (
    CaseActor,
    CaseFile,
    Citation,
    CiteSite,
    Entity,
    Event,
    Member,
    Meta,
    Phase,
    Quote,
    Span,
    Store,
)


def _country(slug: str, zh: str, en: str) -> Entity:
    return Entity(f"country:{slug}", "country", zh, en, zh, "external", "English exonym", ())


def _person(slug: str, zh: str, en: str) -> Entity:
    return Entity(f"person:{slug}", "person", zh, en, zh, "external", "English exonym", ())


ENTITIES = (
    _country("russia", "俄罗斯", "Russia"),
    _country("armenia", "亚美尼亚", "Armenia"),
    _country("belarus", "白俄罗斯", "Belarus"),
    _country("kyrgyzstan", "吉尔吉斯斯坦", "Kyrgyzstan"),
    _country("uzbekistan", "乌兹别克斯坦", "Uzbekistan"),
    _person("otunbayeva", "萝扎·奥通巴耶娃", "Roza Otunbayeva"),
    _person("bakiyev", "库尔曼别克·巴基耶夫", "Kurmanbek Bakiyev"),
)

CITATIONS = (
    Citation(
        n=2,
        missing=False,
        title="Uzbekistan ratifies CSTO membership",
        outlet="RIA Novosti",
        published="2008-03-28",
        accessed=None,
        url="https://example.org/uzbekistan-csto",
        source_text="Uzbekistan ratifies CSTO membership, RIA Novosti, 28 March 2008",
        sites=(CiteSite("序言", 120, "乌兹别克斯坦议会于2008年3月28日批准了该组织的成员资格。"),),
    ),
    Citation(
        n=11,
        missing=True,
        title=None,
        outlet=None,
        published=None,
        accessed=None,
        url=None,
        source_text="",
        sites=(
            CiteSite(
                "歷史",
                900,
                "2008年9月5日，亚美尼亚在俄罗斯莫斯科举行的集体安全条约组织会议上担任集体安全条约组织轮值主席国。",
            ),
        ),
    ),
    Citation(
        n=24,
        missing=False,
        title="Moscow-led bloc may try to quell Kyrgyz clashes",
        outlet="Reuters",
        published="2010-06-14",
        accessed=None,
        url="http://uk.reuters.com/article/idUKTRE65A5PA20100614",
        source_text="Moscow-led bloc may try to quell Kyrgyz clashes, Reuters, 14 June 2010.",
        sites=(CiteSite("吉尔吉斯斯坦", 1500, "2010年6月，吉尔吉斯族和乌兹别克族在吉尔吉斯斯坦南部爆发种族冲突。"),),
    ),
    Citation(
        n=28,
        missing=False,
        title="Kyrgyzstan takes decision on deploying CIS police force in South",
        outlet="Itar-Tass",
        published="2010-07-21",
        accessed=None,
        url="http://www.itar-tass.com/eng/level2.html?NewsID=15337729&PageNum=0",
        source_text="Kyrgyzstan takes decision on deploying CIS police force in South, Itar-Tass, 21 July 2010.",
        sites=(
            CiteSite(
                "吉尔吉斯斯坦",
                1800,
                "2010年7月21日，吉尔吉斯临时总统奥通巴耶娃呼吁在吉尔吉斯斯坦南部设立集体安全条约组织警察部队。",
            ),
        ),
    ),
)


def _event(
    id: str, date: str, zh: str, en: str, actors: tuple[str, ...], tags: tuple[str, ...], refs: tuple[int, ...]
) -> Event:
    precision = {4: "year", 7: "month", 10: "day"}[len(date)]
    return Event(
        id=id,
        date=date,
        date_end=None,
        precision=precision,  # type: ignore[arg-type]
        date_method="explicit",
        date_basis="explicit",
        section="歷史",
        source_text=zh,
        summary_en=en,
        actors=actors,
        roles=("acts",) * len(actors),
        tags=tags,
        refs=refs,
        ref_scope="sentence",
        note=None,
    )


EVENTS = (
    _event(
        "1992-treaty",
        "1992-05-15",
        "1992年5月15日，独联体国家首脑在乌兹别克斯坦首都塔什干签署集体安全条约。",
        "CIS heads of state sign the Collective Security Treaty in Tashkent.",
        ("country:russia", "country:armenia", "country:uzbekistan"),
        ("treaty",),
        (),
    ),
    _event(
        "2006-uzbek-join",
        "2006-06-23",
        "2006年6月23日，乌兹别克斯坦成为集体安全条约组织的正式成员。",
        "Uzbekistan becomes a full member of the CSTO.",
        ("country:uzbekistan",),
        ("membership",),
        (2,),
    ),
    _event(
        "2008-uzbek-ratify",
        "2008-03-28",
        "乌兹别克斯坦议会于2008年3月28日批准了该组织的成员资格。",
        "The Uzbek parliament ratifies membership of the organisation.",
        ("country:uzbekistan",),
        ("membership",),
        (2,),
    ),
    _event(
        "2008-armenia-chair",
        "2008-09-05",
        "2008年9月5日，亚美尼亚在俄罗斯莫斯科举行的集体安全条约组织会议上担任集体安全条约组织轮值主席国。",
        "Armenia takes the rotating chairmanship at a CSTO meeting in Moscow.",
        ("country:armenia", "country:russia"),
        ("chairmanship",),
        (11,),
    ),
    _event(
        "2010-04-bakiyev",
        "2010-04",
        "2010年4月，由于吉尔吉斯斯坦发生骚乱，吉尔吉斯斯坦总统库尔曼别克·巴基耶夫被罢免。",
        "Unrest in Kyrgyzstan ousts President Kurmanbek Bakiyev.",
        ("country:kyrgyzstan", "person:bakiyev"),
        ("kyrgyz-crisis",),
        (),
    ),
    _event(
        "2010-06-clashes",
        "2010-06",
        "2010年6月，吉尔吉斯族和乌兹别克族在吉尔吉斯斯坦南部爆发种族冲突。",
        "Ethnic clashes between Kyrgyz and Uzbeks break out in southern Kyrgyzstan.",
        ("country:kyrgyzstan", "person:otunbayeva"),
        ("kyrgyz-crisis",),
        (24,),
    ),
    _event(
        "2010-07-21-police",
        "2010-07-21",
        "2010年7月21日，吉尔吉斯临时总统奥通巴耶娃呼吁在吉尔吉斯斯坦南部设立集体安全条约组织警察部队。",
        "Interim president Otunbayeva calls for a CSTO police force in southern Kyrgyzstan.",
        ("country:kyrgyzstan", "person:otunbayeva"),
        ("kyrgyz-crisis", "peacekeeping"),
        (28,),
    ),
    _event(
        "2012-uzbek-suspend",
        "2012",
        "集安组织于2012年暂停乌兹别克斯坦成员资格。",
        "The CSTO suspends Uzbekistan's membership.",
        ("country:uzbekistan",),
        ("membership",),
        (),
    ),
)


def _member(slug: str, status: str, order: int, spans: tuple[Span, ...]) -> Member:
    return Member(
        id=f"member:{slug}",
        status=status,  # type: ignore[arg-type]
        order=order,
        entity=f"country:{slug}",
        name_basis="flag cell empty; named from the dates",
        provenance="inferred",
        provenance_source=None,
        columns=(("加入日期", "1994年4月20日"),),
        source_text="| 1994年4月20日 |",
        spans=spans,
    )


MEMBERS = (
    _member(
        "russia",
        "member",
        1,
        (Span("treaty_party", "1992-05-15", "2002-10-07", "table"), Span("member", "2002-10-07", None, "table")),
    ),
    _member("armenia", "member", 2, (Span("member", "2002-10-07", None, "table"),)),
    _member("kyrgyzstan", "member", 3, (Span("member", "2002-10-07", None, "table"),)),
    _member("uzbekistan", "former_member", 1, (Span("member", "2006-06-23", "2012-06-28", "table"),)),
)

CASE = CaseFile(
    id="kyrgyz-2010",
    title_zh="2010年吉尔吉斯斯坦危机",
    title_en="The 2010 Kyrgyz crisis",
    section="吉尔吉斯斯坦",
    summary_en="Unrest, ethnic clashes and the CSTO's answer.",
    phases=(
        Phase(
            "phase:ousting",
            "Bakiyev ousted",
            "2010-04",
            "month",
            "Unrest ousts the president.",
            ("2010-04-bakiyev",),
            (),
        ),
        Phase(
            "phase:clashes",
            "Ethnic clashes in the south",
            "2010-06",
            "month",
            "Clashes in Osh and Jalal-Abad.",
            ("2010-06-clashes",),
            (24,),
        ),
    ),
    actors=(
        CaseActor(
            "actor:otunbayeva",
            "person:otunbayeva",
            "interim president",
            "country:kyrgyzstan",
            "asks for help",
            "萝扎·奥通巴耶娃请求俄罗斯军队协助平息骚乱",
            (24,),
            "passage",
        ),
    ),
    quotes=(
        Quote(
            "quote:police",
            "person:otunbayeva",
            "我认为在吉尔吉斯斯坦建立集体安全条约组织警察部队很重要，因为我们无法单独保障人民的安全",
            "I think it is important to set up a CSTO police force in Kyrgyzstan, because we cannot secure "
            "our people alone.",
            (28,),
            "2010-07-21-police",
            "sentence",
        ),
    ),
    outcome_en="No CSTO force was sent.",
    outcome_source_text="集体安全条约组织没有派遣部队。",
    outcome_refs=(28,),
    outcome_ref_scope="sentence",
)

META = Meta(
    1,
    "data/source/zhwiki-csto.md",
    "0" * 64,
    "集体安全条约组织",
    "https://zh.wikipedia.org/wiki/集体安全条约组织",
    "CC BY-SA 4.0",
    "test",
    "0",
)


def sample_store() -> Store:
    store = Store(META, EVENTS, MEMBERS, CITATIONS, (CASE,), ENTITIES)
    store.check_links()
    return store

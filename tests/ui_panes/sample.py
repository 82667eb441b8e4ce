"""A small store built from records, for pane tests that must not depend on the shipped data.

The texts are copied from the article (data/source/zhwiki-csto.md); the set is cut down to a few
members of every status and two phases, actors and quotes of the 2010 case file.
"""

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

CASE = "吉爾吉斯衝突"


def _country(key: str, zh: str, en: str, provenance: str = "article") -> Entity:
    return Entity(f"country:{key}", "country", zh, en, zh, provenance, None)  # type: ignore[arg-type]


def _person(key: str, zh: str, en: str) -> Entity:
    return Entity(f"person:{key}", "person", zh, en, zh, "external", "English Wikipedia")


ENTITIES = [
    _country("russia", "俄罗斯", "Russia"),
    _country("belarus", "白俄罗斯", "Belarus"),
    _country("kyrgyzstan", "吉尔吉斯斯坦", "Kyrgyzstan"),
    _country("georgia", "格鲁吉亚", "Georgia"),
    _country("uzbekistan", "乌兹别克斯坦", "Uzbekistan"),
    _country("serbia", "塞尔维亚", "Serbia", "external"),
    _country("iran", "伊朗", "Iran"),
    _person("lukashenko", "亚历山大·卢卡申科", "Alexander Lukashenko"),
    _person("otunbayeva", "萝扎·奥通巴耶娃", "Roza Otunbayeva"),
    _person("bakiyev", "库尔曼别克·巴基耶夫", "Kurmanbek Bakiyev"),
]


def _cols(*pairs: str) -> tuple[tuple[str, str], ...]:
    return tuple((pairs[i], pairs[i + 1]) for i in range(0, len(pairs), 2))


MEMBERS = [
    Member(
        "member:russia",
        "member",
        1,
        "country:russia",
        "military column links 俄羅斯軍事",
        "inferred",
        None,
        _cols(
            "签署", "2002年", "批准", "2002年", "宪章批准", "2002年5月14日", "備註", "创始成员国", "軍隊", "俄羅斯軍事"
        ),
        "<td></td><td>2002年</td>",
        (
            Span("treaty_party", "1992-05-15", "2002-05-14", "event:1992-treaty"),
            Span("member", "2002-05-14", None, "table row"),
        ),
    ),
    Member(
        "member:belarus",
        "member",
        3,
        "country:belarus",
        "military column links 白俄羅斯軍事",
        "inferred",
        None,
        _cols(
            "签署",
            "2002年",
            "批准",
            "2002年",
            "宪章批准",
            "2002年5月14日",
            "備註",
            "创始成员国",
            "軍隊",
            "白俄羅斯軍事",
        ),
        "<td></td><td>2002年</td>",
        (
            Span("treaty_party", "1993", "2002-05-14", "event:1993-join"),
            Span("member", "2002-05-14", None, "table row"),
        ),
    ),
    Member(
        "member:georgia",
        "former_treaty_member",
        2,
        "country:georgia",
        "note cell: 計畫加入北約 and the 1999 withdrawal text",
        "inferred",
        None,
        _cols(
            "签署",
            "1994年",
            "批准",
            "1994年",
            "宪章批准",
            "1994年",
            "宣布退出",
            "1999年退出",
            "備註",
            "創始國，計畫加入北約（NATO）",
        ),
        "<td></td><td>1994年</td>",
        (
            Span("treaty_party", "1993", "1999", "event:1993-join"),
            Span("withdrawn", "1999", None, "event:1999-withdraw"),
        ),
    ),
    Member(
        "member:serbia",
        "observer",
        2,
        "country:serbia",
        "the article's observer rows have no name",
        "external",
        "English Wikipedia, Collective Security Treaty Organization: observers",
        _cols("签署", "未簽署", "批准", "未批准", "備註", "觀察員國。自2013起開始成為觀察員國。"),
        "<td></td><td>未簽署</td>",
        (Span("observer", "2013", None, "note cell"),),
    ),
    Member(
        "member:uzbekistan",
        "former_member",
        1,
        "country:uzbekistan",
        "dates match the article's Uzbekistan sentences",
        "inferred",
        None,
        _cols(
            "签署",
            "1994年",
            "批准",
            "2006年",
            "宪章批准",
            "2012年",
            "宣布退出",
            "2012年6月28日退出",
            "備註",
            "創始國，已退出",
        ),
        "<td></td><td>1994年</td>",
        (
            Span("treaty_party", "1992-05-15", "1999", "event:1992-treaty"),
            Span("withdrawn", "1999", "2006-06-23", "event:1999-withdraw"),
            Span("member", "2006-06-23", "2012", "event:2006-rejoin"),
            Span("suspended", "2012", "2012-06-28", "event:2012-suspend"),
            Span("withdrawn", "2012-06-28", None, "event:2012-withdraw"),
        ),
    ),
    Member(
        "member:iran",
        "candidate",
        1,
        "country:iran",
        "military column links 伊朗軍事",
        "inferred",
        None,
        _cols("签署", "未簽署", "批准", "未批准", "軍事力量", "伊朗軍事", "備註", "候選國"),
        "<td></td><td>未簽署</td>",
        (),
    ),
]


def _event(
    eid: str, date: str, precision: str, text: str, summary: str, actors: tuple[str, ...], refs: tuple[int, ...]
) -> Event:
    return Event(
        eid, date, precision, "explicit", CASE, text, summary, actors, ("kyrgyz-2010",), refs, "sentence", None
    )  # type: ignore[arg-type]


EVENTS = [
    _event(
        "event:2010-04-ouster",
        "2010-04",
        "month",
        "2010年4月，由于吉尔吉斯斯坦发生骚乱，吉尔吉斯斯坦总统库尔曼别克·巴基耶夫被罢免，之后他在白俄罗斯获得庇护。",
        "Kyrgyz president Bakiyev is ousted in unrest and given asylum in Belarus.",
        ("country:kyrgyzstan", "person:bakiyev", "country:belarus"),
        (18,),
    ),
    _event(
        "event:2010-07-21-police",
        "2010-07-21",
        "day",
        "2010年7月21日，吉尔吉斯临时总统奥通巴耶娃呼吁在吉尔吉斯斯坦南部设立集体安全条约组织警察部队",
        "Interim president Otunbayeva calls for a CSTO police force in southern Kyrgyzstan.",
        ("person:otunbayeva", "country:kyrgyzstan"),
        (28,),
    ),
    _event(
        "event:1992-treaty",
        "1992-05-15",
        "day",
        "1992年5月15日，独联体国家首脑在乌兹别克斯坦首都塔什干会晤时签署了集体安全条约。",
        "CIS heads of state sign the Collective Security Treaty in Tashkent.",
        ("country:russia", "country:uzbekistan"),
        (),
    ),
]

CASE_FILE = CaseFile(
    id="case:kyrgyz-2010",
    title_zh="吉爾吉斯衝突",
    title_en="The 2010 Kyrgyz crisis",
    section=CASE,
    summary_en="Unrest in Kyrgyzstan in 2010 and the CSTO's refusal to intervene.",
    phases=(
        Phase(
            "phase:ouster",
            "Bakiyev ousted",
            "2010-04",
            "month",
            "Unrest topples President Bakiyev, who finds asylum in Belarus.",
            ("event:2010-04-ouster",),
            (18,),
        ),
        Phase(
            "phase:police",
            "Call for a CSTO police force",
            "2010-07-21",
            "day",
            "Otunbayeva asks for a CSTO police force in the south.",
            ("event:2010-07-21-police",),
            (28,),
        ),
    ),
    actors=(
        CaseActor(
            "actor:lukashenko",
            "person:lukashenko",
            "President of Belarus",
            "country:belarus",
            "Doubts the CSTO's future for failing to prevent Bakiyev's overthrow.",
            "白俄罗斯总统亚历山大·卢卡申科对集体安全条约组织(CSTO)的未来表示怀疑",
            (18,),
        ),
        CaseActor(
            "actor:otunbayeva",
            "person:otunbayeva",
            "Interim president of Kyrgyzstan",
            "country:kyrgyzstan",
            "Asks for Russian troops, then for a CSTO police force.",
            "吉尔吉斯斯坦临时总统萝扎·奥通巴耶娃请求俄罗斯军队协助平息骚乱",
            (24, 28),
        ),
    ),
    quotes=(
        Quote(
            "quote:lukashenko-silent",
            "person:lukashenko",
            "如果我们的一个成员国发生流血事件，发生了一场违反宪法的政变，而这个机构却保持沉默，这是什么样的组织？",
            "If bloodshed and an unconstitutional coup happen in one of our member states and this body stays silent, "
            "what kind of organisation is it?",
            (18,),
            "event:2010-04-ouster",
        ),
        Quote(
            "quote:otunbayeva-police",
            "person:otunbayeva",
            "我认为在吉尔吉斯斯坦建立集体安全条约组织警察部队很重要，因为我们无法单独保障人民的安全",
            "I think it is important to set up a CSTO police force in Kyrgyzstan, because we cannot guarantee "
            "our people's safety alone.",
            (28,),
            None,
        ),
    ),
    outcome_en="The CSTO fails to agree on military aid to Kyrgyzstan at its Yerevan meeting.",
    outcome_source_text="集体安全条约组织未能在亚美尼亚埃里温举行的会议上同意向吉尔吉斯斯坦提供军事援助",
    outcome_refs=(30,),
)


def _citation(n: int, missing: bool) -> Citation:
    site = CiteSite(CASE, 0, "")
    if missing:
        return Citation(n, True, None, None, None, None, None, "", (site,))
    return Citation(
        n, False, f"Title {n}", "Reuters", "2010-06", "2019-01-01", "https://example.org/", f"Title {n}", (site,)
    )


CITATIONS = [_citation(n, n in (24, 30)) for n in (18, 24, 28, 30)]

META = Meta(
    1,
    "data/source/zhwiki-csto.md",
    "0" * 64,
    "集体安全条约组织",
    "https://zh.wikipedia.org/",
    "CC BY-SA 4.0",
    "sample",
    "0",
)


def sample_store() -> Store:
    return Store(
        meta=META,
        events=EVENTS,
        members=MEMBERS,
        citations=CITATIONS,
        case_files=[CASE_FILE],
        entities=ENTITIES,
    )

"""Trace every English field of a store to the article text it glosses.

The English may condense and may use context from the same paragraph, but says nothing the article
does not. This checks what a machine can: each year, date and number in an English field occurs in
its source passage (as digits or Chinese numerals), and each person, place and organisation it names
is an entity the passage names or links. Any other capitalised word must be in ``ALLOWED`` below,
each entry with the reason it is not an outside fact. A title (president, minister, ...) must be one
the passage gives.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from csto_tui.dates import MONTH_NAMES
from csto_tui.ingest.article import Article
from csto_tui.model import Store

# English names of entities beside their curated name_en: surnames, demonyms, abbreviations.
ALIASES: dict[str, str] = {
    "Bakiyev": "person:bakiyev",
    "Otunbayeva": "person:otunbayeva",
    "Lukashenko": "person:lukashenko",
    "Medvedev": "person:medvedev",
    "Akayev": "person:akayev",
    "Putin": "person:putin",
    "Bordyuzha": "person:bordyuzha",
    "Zainetdinov": "person:zainetdinov",
    "Russian": "country:russia",
    "Kyrgyz": "country:kyrgyzstan",
    "Uzbek": "country:uzbekistan",
    "Uzbeks": "country:uzbekistan",
    "Belarusian": "country:belarus",
    "Belarusians": "country:belarus",
    "CSTO": "org:csto",
    "CIS": "org:cis",
    "SCO": "org:sco",
    "EU": "org:eu",
    "UN": "org:un",
    "CRRF": "org:crrf",
    "Issyk-Kul": "place:issyk-kul",
    "Gazprom": "org:gazprom",
    "NTV": "org:ntv",
    "Collective Security Treaty": "org:csto",  # the treaty the organisation grew from (集体安全条约)
    "Collective Rapid Reaction Force": "org:crrf",
    "Uzbek parliament": "org:uzbekistan-parliament",
}
# Chinese forms that name an entity in a passage, beside its name_zh, wiki page and surname.
ZH_ALIASES: dict[str, tuple[str, ...]] = {
    "org:csto": ("集安组织", "CSTO", "集体安全条约"),
    "org:cis": ("独联体", "獨聯體"),
    "org:crrf": ("快速反应部队",),
    "org:un": ("联合国",),
    "org:sco": ("上海合作組織",),
    "country:kyrgyzstan": ("吉尔吉斯",),
    "country:russia": ("俄羅斯", "俄方"),
    "country:uzbekistan": ("乌兹别克",),
    "org:uzbekistan-mfa": ("乌兹别克斯坦外交部",),
    "place:central-asia": ("中亚",),
}
# Capitalised words that are not outside facts, each with its reason.
ALLOWED: dict[str, str] = {
    "President": "a title; TITLES checks the passage gives it (总统)",
    "Interim": "a title; TITLES checks the passage gives it (临时)",
    "Former": "a qualifier the passage gives (前总统)",
    "Secretary General": "the CSTO's 秘书长, checked by TITLES",
    "Press Secretary": "the CSTO's 新闻秘书, checked by TITLES",
    "Council": "獨聯體集体安全条约理事会, the Council of the CIS Collective Security Treaty",
    "Senate": "参议院 (上院), the upper house the passage names",
    "Supreme Assembly": "最高会议, the standard English name of Uzbekistan's parliament the passage names",
    "Treaty": "条约, in the treaty's names (Tashkent Treaty: 塔什干条约)",
    "Tashkent Treaty": "塔什干条约, the treaty's other name in the passage",
    "Tulip Revolution": "郁金香革命, the standard English name of the event the passage links",
    "Rubezh": "鲁贝兹, the exercise's name transliterated",
    "Lake": "in Lake Issyk-Kul (伊塞克湖)",
    "Secretary": "a title (秘书长, 新闻秘书), checked by TITLES",
    "Military": "军事, in the armed-forces links the passage holds (俄羅斯軍事: Military of Russia)",
    "Parliament": "议会 (Parliament of Uzbekistan)",
    "Ministry": "外交部 (Ministry of Foreign Affairs)",
    "Foreign Affairs": "外交部",
    "I": "the pronoun, in quotations",
    "English": "the app's own English, which a note compares with the article",
    "NATO": "北約, NATO in the article's own text",
}
# Sentence-initial words: ordinary English, capitalised only by their place.
COMMON = set(
    """the in on from three five six only afterwards after later since during at a an asked weeks unrest if
    our why mothers for that no true all purely foreign we but formation called held questioned invited
    denied background ethnic appeals its it this these there here between and or then several
    full first second""".split()
)
# Titles: an English field that gives one needs its passage to give it too.
TITLES: dict[str, tuple[str, ...]] = {
    "president": ("总统",),
    "prime minister": ("总理",),
    "minister": ("部长",),
    "secretary general": ("秘书长",),
    "press secretary": ("新闻秘书",),
    "interim": ("临时",),
    "former": ("前",),
    "foreign ministry": ("外交部",),
    "chairman": ("主席",),
    "king": ("国王",),
    "general": ("秘书长", "将军"),
}
NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
NUMBER_WORDS |= {"second": 2, "third": 3, "fourth": 4, "fifth": 5}
CJK_NUMERALS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
MONTHS = {name: i for i, name in enumerate(MONTH_NAMES, start=1)}
_DATE = re.compile(r"\b(?:(\d{1,2}) )?(" + "|".join(MONTH_NAMES) + r")(?: (\d{4}))?\b")
_ISO = re.compile(r"\b(\d{4})-(\d{2})(?:-(\d{2}))?\b")
_NUMBER = re.compile(r"\d[\d,]*")
_WORD = re.compile(r"[A-Z][A-Za-z'’-]*(?: [A-Z][A-Za-z'’-]*)*")


@dataclass(frozen=True)
class Field:
    where: str
    english: str
    passage: str  # the article text the field may draw on


def fields(store: Store, article: Article) -> Iterator[Field]:
    """Every English field of the store with its source passage."""
    text = article.text

    def paragraph(source: str) -> str:
        start = text.find(source)
        block = article.block_at(start)
        if block is None:  # the infobox
            return text[: article.infobox.end]
        return text[article.blocks[block].start : article.blocks[block].end]

    for event in store.events:
        yield Field(f"event {event.id} summary_en", event.summary_en, paragraph(event.source_text))
        if event.note:
            yield Field(f"event {event.id} note", event.note, text)  # notes compare parts of the article
        if event.date_method == "context":
            yield Field(f"event {event.id} basis", event.date_basis.split(" (context: event")[0], text)
    for case in store.case_files:
        section = "".join(text[b.start : b.end] for b in article.blocks if b.section == case.section)
        for name, english in (("title_en", case.title_en), ("summary_en", case.summary_en)):
            yield Field(f"case {case.id} {name}", english, section)
        yield Field(f"case {case.id} outcome_en", case.outcome_en, section)
        for phase in case.phases:
            events = [store.event(e) for e in phase.events]
            passage = "".join(dict.fromkeys(paragraph(e.source_text) for e in events if e is not None))
            yield Field(f"phase {phase.id} title_en", phase.title_en, passage)
            yield Field(f"phase {phase.id} summary_en", phase.summary_en, passage)
        for actor in case.actors:
            yield Field(f"actor {actor.id} role_en", actor.role_en, section)
            yield Field(f"actor {actor.id} stance_en", actor.stance_en, section)
        for quote in case.quotes:
            yield Field(f"quote {quote.id} gloss_en", quote.gloss_en, paragraph(quote.source_text))
    # A record marked "external" says from where it knows what the article does not: its English is
    # outside knowledge by declaration (the suite checks the declaration names its source).
    for member in store.members:
        if member.provenance != "external":
            yield Field(f"member {member.id} name_basis", member.name_basis, text)
        if member.note:
            yield Field(f"member {member.id} note", member.note, text)
    for entity in store.entities.values():
        if entity.provenance != "external":
            yield Field(f"entity {entity.id} name_en", entity.name_en, text)
        for relation in entity.relations:
            yield Field(f"entity {entity.id} relation title_en", relation.title_en, relation.source_text)


def numbers_in(passage: str) -> set[int]:
    found = {int(n) for n in re.findall(r"\d+", passage)}
    return found | {CJK_NUMERALS[c] for c in passage if c in CJK_NUMERALS}


def _date_problems(english: str, passage: str) -> tuple[str, list[str]]:
    """Dates in ``english`` not in ``passage``; returns the text with its dates taken out."""
    problems = []

    def check(year: str | None, month: int, day: str | None, shown: str) -> str:
        d = int(day) if day else None
        if shown in passage:  # a reference list entry dates its source in English
            return " "
        if d is not None and f"{month}月{d}日" not in passage:
            problems.append(f"date {shown!r}: no {month}月{d}日 in the passage")
        elif d is None and f"{month}月" not in passage:
            problems.append(f"date {shown!r}: no {month}月 in the passage")
        elif year is not None and year not in passage:
            problems.append(f"date {shown!r}: no year {year} in the passage")
        return " "

    english = _DATE.sub(lambda m: check(m[3], MONTHS[m[2]], m[1], m[0]), english)
    english = _ISO.sub(lambda m: check(m[1], int(m[2]), m[3], m[0]), english)
    return english, problems


def trace(field: Field, entities: dict[str, set[str]], english_names: dict[str, str]) -> list[str]:
    """What ``field`` says that its passage does not, one line each."""
    passage = field.passage
    text, problems = _date_problems(field.english, passage)
    known = numbers_in(passage)
    for number in _NUMBER.findall(text):
        value = int(number.replace(",", ""))
        if value not in known:
            problems.append(f"number {number}: not in the passage")
    for word in re.findall(r"[a-z]+", text.lower()):
        if word in NUMBER_WORDS and NUMBER_WORDS[word] not in known:
            problems.append(f"number {word!r}: not in the passage")
    lowered = f" {text.lower()} "
    for title, zh in TITLES.items():
        if re.search(rf"\b{title}\b", lowered) and not any(z in passage for z in zh):
            problems.append(f"title {title!r}: the passage gives no {'/'.join(zh)}")
    # Names: longest known names first, then any capitalised word left over.
    names = sorted({**english_names, **ALIASES, **{k: "" for k in ALLOWED}}, key=len, reverse=True)
    rest = text
    for name in names:
        pattern = re.compile(rf"(?<![\w-]){re.escape(name)}(?:'s|’s)?(?![\w-])")
        if not pattern.search(rest):
            continue
        rest = pattern.sub(" , ", rest)
        entity = english_names.get(name) or ALIASES.get(name)
        if entity and not any(form in passage for form in entities[entity]):
            problems.append(f"name {name!r}: {entity} is not named in the passage")
    for match in _WORD.finditer(rest):
        before = rest[: match.start()].rstrip()
        first = match[0].split(" ")[0]
        initial = not before or before[-1] in ".:;!?“‘'(\"—,"
        if initial and first.lower() in COMMON:
            continue
        problems.append(f"name {match[0]!r}: no entity or reviewed allowlist entry")
    return problems


def problems(store: Store, article: Article) -> list[str]:
    """Every English field's untraced years, dates, numbers, names and titles."""
    entities: dict[str, set[str]] = {}
    english_names: dict[str, str] = {}
    for entity in store.entities.values():
        forms = {entity.name_zh, entity.name_zh.split("·")[-1], *ZH_ALIASES.get(entity.id, ())}
        if entity.wiki:
            forms.add(entity.wiki)
        entities[entity.id] = forms
        english_names[re.sub(r" \(.*\)$", "", entity.name_en)] = entity.id
    out = []
    for field in fields(store, article):
        out.extend(f"{field.where}: {p}" for p in trace(field, entities, english_names))
    return out

"""Generate synthetic csto-tui stores of any size, for the benchmark and the large-store tests.

The stores follow the real schema (csto_tui/model/records.py) and pass ``Store.open``:
events cite citations that exist, actors are known entities, the case file's phases
point at real events, and members are present so every pane of the app has content.
Text lengths are realistic: each event's ``source_text`` is a sentence of the shipped
Chinese article (wiki links flattened), its ``summary_en`` 50-200 characters of English
(the shipped events average 79 and 127 characters).

The content is fake and says so (meta.source_file, every event's ``date_basis``); it is
never shipped. Output is deterministic for a given size and seed.

Known needles, for tests that check search finds the right rows:
- ``NEEDLE`` ("Khorgos") is in the English summary of every event whose number ``i``
  (1-based, in chronological order) has ``i % NEEDLE_EVERY == NEEDLE_OFFSET``;
- ``NEEDLE_ZH`` is in the same events' source text;
- ``UNIQUE`` is in the summary of exactly one event, number ``n // 2 + 1``.

Usage: ``python benchmarks/synth.py 100000 --out /tmp/csto-100k.json``
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
ARTICLE = ROOT / "data" / "source" / "zhwiki-csto.md"

from csto_tui.model.records import ROLES, SCHEMA_VERSION  # noqa: E402 - after the path setup above

NEEDLE = "Khorgos"
NEEDLE_ZH = "霍尔果斯"
NEEDLE_EVERY = 1000
NEEDLE_OFFSET = 7
UNIQUE = "Sarybel accord"
FIRST_YEAR = 1992
LAST_YEAR = 2025

SECTIONS = ("歷史", "成員國", "現況", "集體快速反應部隊", "吉爾吉斯衝突")
TAGS = ("summit", "treaty", "membership", "exercise", "peacekeeping", "crisis", "statement", "withdrawal")
COUNTRIES = (
    ("russia", "俄罗斯", "Russia"),
    ("armenia", "亚美尼亚", "Armenia"),
    ("belarus", "白俄罗斯", "Belarus"),
    ("kazakhstan", "哈萨克斯坦", "Kazakhstan"),
    ("kyrgyzstan", "吉尔吉斯斯坦", "Kyrgyzstan"),
    ("tajikistan", "塔吉克斯坦", "Tajikistan"),
    ("uzbekistan", "乌兹别克斯坦", "Uzbekistan"),
    ("azerbaijan", "阿塞拜疆", "Azerbaijan"),
    ("georgia", "格鲁吉亚", "Georgia"),
    ("afghanistan", "阿富汗", "Afghanistan"),
    ("serbia", "塞尔维亚", "Serbia"),
    ("iran", "伊朗", "Iran"),
)
PEOPLE = (
    ("bakiyev", "库尔曼别克·巴基耶夫", "Kurmanbek Bakiyev", "kyrgyzstan"),
    ("otunbayeva", "萝扎·奥通巴耶娃", "Roza Otunbayeva", "kyrgyzstan"),
    ("medvedev", "德米特里·梅德韦杰夫", "Dmitry Medvedev", "russia"),
    ("lukashenko", "亚历山大·卢卡申科", "Alexander Lukashenko", "belarus"),
    ("bordyuzha", "尼古拉·博尔久扎", "Nikolai Bordyuzha", "russia"),
    ("akayev", "阿斯卡尔·阿卡耶夫", "Askar Akayev", "kyrgyzstan"),
)
WORDS = (
    "the member states agreed on a joint statement about regional security and the collective rapid reaction force "
    "leaders met in Moscow to discuss the treaty council and its secretariat while observers asked for talks on "
    "border incidents military exercises in Central Asia drew troops from six countries the secretary general said "
    "the organisation would not intervene in internal conflicts but would support peacekeeping under a mandate"
).split()


def _sentences() -> list[str]:
    """Sentences of the shipped article with wiki links flattened to their text."""
    text = ARTICLE.read_text(encoding="utf-8")
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\\\[\d+\\\]|<[^>]+>|[|*#'=]", "", text)
    parts = [p.strip().replace("\n", "") for p in re.split(r"(?<=[。！？])", text)]
    return [p for p in parts if 12 <= len(p) <= 220 and re.search(r"[\u4e00-\u9fff]", p)]


def _english(rng: random.Random, low: int, high: int) -> str:
    target = rng.randint(low, high)
    words: list[str] = []
    length = 0
    while length < target:
        word = rng.choice(WORDS)
        words.append(word)
        length += len(word) + 1
    return " ".join(words).capitalize() + "."


def _date(rng: random.Random) -> tuple[str, str]:
    # random() arithmetic rather than randint: a 100,000-event store is generated in a second.
    year = FIRST_YEAR + int(rng.random() * (LAST_YEAR - FIRST_YEAR + 1))
    month = 1 + int(rng.random() * 12)
    roll = rng.random()
    if roll < 0.1:
        return f"{year:04d}", "year"
    if roll < 0.3:
        return f"{year:04d}-{month:02d}", "month"
    return f"{year:04d}-{month:02d}-{1 + int(rng.random() * 28):02d}", "day"


def _entities() -> list[dict[str, Any]]:
    out = [
        {
            "id": f"country:{key}",
            "kind": "country",
            "name_zh": zh,
            "name_en": en,
            "wiki": zh,
            "provenance": "external",
            "provenance_source": "synthetic benchmark data",
            "relations": [],
        }
        for key, zh, en in COUNTRIES
    ]
    out += [
        {
            "id": f"person:{key}",
            "kind": "person",
            "name_zh": zh,
            "name_en": en,
            "wiki": zh,
            "provenance": "external",
            "provenance_source": "synthetic benchmark data",
            "relations": [
                {
                    "kind": "leader",
                    "target": f"country:{country}",
                    "title_zh": "总统",
                    "title_en": "President",
                    "source_text": f"总统{zh}",
                }
            ],
        }
        for key, zh, en, country in PEOPLE
    ]
    out.append(
        {
            "id": "org:csto",
            "kind": "organisation",
            "name_zh": "集体安全条约组织",
            "name_en": "Collective Security Treaty Organization",
            "wiki": None,
            "provenance": "article",
            "provenance_source": None,
            "relations": [],
        }
    )
    return out


def _citations(rng: random.Random, count: int, sentences: list[str]) -> list[dict[str, Any]]:
    out = []
    for n in range(1, count + 1):
        missing = rng.random() < 0.5
        sites = [
            {"section": rng.choice(SECTIONS), "offset": rng.randint(0, 26000), "sentence": rng.choice(sentences)}
            for _ in range(rng.randint(1, 3))
        ]
        if missing:
            doc: dict[str, Any] = {
                "n": n,
                "missing": True,
                "title": None,
                "outlet": None,
                "published": None,
                "accessed": None,
                "url": None,
                "source_text": "",
                "sites": sites,
            }
        else:
            title = rng.choice(sentences)[:40]
            doc = {
                "n": n,
                "missing": False,
                "title": title,
                "outlet": rng.choice(("新华网", "人民网", "RIA Novosti", "BBC News", "Reuters")),
                "published": f"{rng.randint(2000, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                "accessed": f"{rng.randint(2010, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                "url": f"https://news.example.org/{n}/{rng.randrange(16**8):08x}.html",
                "source_text": f"{title}. Retrieved on 2013-01-{rng.randint(1, 28):02d}.",
                "sites": sites,
            }
        out.append(doc)
    return out


def _members() -> list[dict[str, Any]]:
    rows = [
        ("member", "russia"),
        ("member", "armenia"),
        ("member", "belarus"),
        ("member", "kazakhstan"),
        ("member", "kyrgyzstan"),
        ("member", "tajikistan"),
        ("former_member", "uzbekistan"),
        ("former_treaty_member", "azerbaijan"),
        ("former_treaty_member", "georgia"),
        ("observer", "afghanistan"),
        ("observer", "serbia"),
        ("candidate", "iran"),
    ]
    out = []
    for order, (status, key) in enumerate(rows, 1):
        zh = next(z for k, z, _ in COUNTRIES if k == key)
        kind = {"former_member": "withdrawn", "former_treaty_member": "withdrawn"}.get(status, status)
        out.append(
            {
                "id": f"member:{key}",
                "status": status,
                "order": order,
                "entity": f"country:{key}",
                "name_basis": "synthetic benchmark data",
                "provenance": "external",
                "provenance_source": "synthetic benchmark data",
                "columns": [["國家", zh], ["加入日期", "1992年5月15日"]],
                "source_text": f"| {zh} | 1992年5月15日 |",
                "spans": [
                    {"kind": "treaty_party", "start": "1992-05-15", "end": "2002-10-07", "basis": "synthetic"},
                    {"kind": kind, "start": "2002-10-07", "end": None, "basis": "synthetic"},
                ],
                "note": None,
            }
        )
    return out


def _case_file(rng: random.Random, events: list[dict[str, Any]], n_citations: int) -> dict[str, Any]:
    in_2010 = [e["id"] for e in events if e["date"].startswith("2010")] or [events[0]["id"]]

    def refs() -> list[int]:
        return sorted(rng.sample(range(1, n_citations + 1), 2))

    phases = [
        {
            "id": f"phase:{i}",
            "title_en": title,
            "date": date,
            "precision": "month",
            "summary_en": _english(rng, 80, 200),
            "events": in_2010[i * 3 : i * 3 + 3] or in_2010[:1],
            "refs": refs(),
        }
        for i, (title, date) in enumerate(
            (("April revolution", "2010-04"), ("Southern clashes", "2010-06"), ("The CSTO declines", "2010-06"))
        )
    ]
    actors = [
        {
            "id": f"actor:{key}",
            "entity": f"person:{key}",
            "role_en": "head of state",
            "country": f"country:{country}",
            "stance_en": _english(rng, 40, 120),
            "source_text": zh,
            "refs": refs(),
            "ref_scope": "sentence",
        }
        for key, zh, _, country in PEOPLE
    ]
    quotes = [
        {
            "id": f"quote:{i}",
            "speaker": f"person:{PEOPLE[i][0]}",
            "source_text": "“我们现在的首要任务应该是扑灭这场敌意之火。”",
            "gloss_en": _english(rng, 40, 100),
            "refs": refs(),
            "event": in_2010[i % len(in_2010)],
            "ref_scope": "sentence",
        }
        for i in range(3)
    ]
    return {
        "id": "case:kyrgyzstan-2010",
        "title_zh": "吉爾吉斯衝突",
        "title_en": "The 2010 Kyrgyz crisis",
        "section": "吉爾吉斯衝突",
        "summary_en": _english(rng, 200, 400),
        "phases": phases,
        "actors": actors,
        "quotes": quotes,
        "outcome_en": _english(rng, 100, 200),
        "outcome_source_text": "集体安全条约组织没有派遣部队。",
        "outcome_refs": refs(),
        "outcome_ref_scope": "sentence",
    }


def needle_numbers(n_events: int) -> list[int]:
    """1-based chronological numbers of the events that carry NEEDLE and NEEDLE_ZH."""
    return [i for i in range(1, n_events + 1) if i % NEEDLE_EVERY == NEEDLE_OFFSET]


def unique_number(n_events: int) -> int:
    return n_events // 2 + 1


def build(n_events: int, seed: int = 1992) -> dict[str, list[dict[str, Any]]]:
    """The whole store: table name -> documents in TinyDB id order."""
    rng = random.Random(seed * 1_000_003 + n_events)
    sentences = _sentences()
    entities = _entities()
    actor_ids = [e["id"] for e in entities if e["kind"] != "organisation"]
    n_citations = max(30, n_events // 50)
    citations = _citations(rng, n_citations, sentences)

    summaries = [_english(rng, 50, 200) for _ in range(min(n_events, 4096))]
    actor_sets = [sorted(rng.sample(actor_ids, rng.randint(1, 4))) for _ in range(512)]
    tag_sets = [sorted(rng.sample(TAGS, rng.randint(0, 2))) for _ in range(64)]
    dated = sorted(_date(rng) for _ in range(n_events))
    needles = set(needle_numbers(n_events))
    unique = unique_number(n_events)
    events: list[dict[str, Any]] = []
    for i, (date, precision) in enumerate(dated, 1):
        summary = rng.choice(summaries)
        source = rng.choice(sentences)
        if rng.random() < 0.4:  # the shipped events average about 80 characters of source text
            source += rng.choice(sentences)
        if i in needles:
            summary = f"Trade through the {NEEDLE} crossing resumed. {summary}"
            source = f"{NEEDLE_ZH}口岸恢复通关。{source}"
        if i == unique:
            summary = f"The {UNIQUE} was signed. {summary}"
        actors = rng.choice(actor_sets)
        refs = sorted({1 + int(rng.random() * n_citations) for _ in range(rng.choice((0, 1, 1, 1, 2, 2, 3)))})
        events.append(
            {
                "id": f"syn-{i:06d}",
                "date": date,
                "date_end": None,
                "precision": precision,
                "date_method": "explicit",
                "date_basis": "synthetic benchmark data",
                "section": rng.choice(SECTIONS),
                "source_text": source,
                "summary_en": summary,
                "actors": actors,
                "roles": [ROLES[(i + k) % len(ROLES)] for k in range(len(actors))],
                "tags": rng.choice(tag_sets),
                "refs": refs,
                "ref_scope": "sentence" if refs else "none",
                "note": "The article gives two different dates for this." if i % 97 == 0 else None,
            }
        )
    meta = {
        "schema_version": SCHEMA_VERSION,
        "source_file": f"synthetic ({n_events} events, seed {seed})",
        "source_sha256": hashlib.sha256(f"{n_events}:{seed}".encode()).hexdigest(),
        "source_title": "集体安全条约组织 (synthetic benchmark store)",
        "source_url": "https://zh.wikipedia.org/wiki/集体安全条约组织",
        "license": "CC BY-SA 4.0 (sentences sampled from the article)",
        "build_tool": "benchmarks/synth.py",
        "build_tool_version": "1",
    }
    return {
        "meta": [meta],
        "events": events,
        "members": _members(),
        "citations": citations,
        "case_files": [_case_file(rng, events, n_citations)],
        "entities": entities,
    }


def write(path: Path, n_events: int, seed: int = 1992, *, compact: bool = False) -> Path:
    """Write a store of ``n_events`` events to ``path``, serialised exactly as ``csto-tui db build`` does.

    ``compact`` drops the indentation, which writes three times faster (tests) but parses a little faster too.
    """
    from csto_tui.ingest.build import dump

    tables = build(n_events, seed)
    if compact:
        data = {name: {str(i): doc for i, doc in enumerate(docs, 1)} for name, docs in tables.items()}
        text = json.dumps(data, sort_keys=True, ensure_ascii=False)
    else:
        text = dump(tables)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate a synthetic csto-tui store.")
    parser.add_argument("events", type=int, help="number of events, e.g. 100000")
    parser.add_argument("--out", type=Path, required=True, help="where to write the store")
    parser.add_argument("--seed", type=int, default=1992)
    args = parser.parse_args(argv)
    if args.events < 10:
        print("synth: need at least 10 events", file=sys.stderr)
        return 2
    write(args.out, args.events, args.seed)
    print(f"{args.out}: {args.events} events, {args.out.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Valid TinyDB store documents built from scratch, of any size, with text that tests can poison.

Independent of the shipped store and of the ingest code, so the reliability suite can
run (and find loader bugs) before either exists. Every document passes ``Store.open``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from csto_tui.model import SCHEMA_VERSION

Text = Callable[[str, int], str]


def plain(field: str, i: int) -> str:
    """Ordinary text for ``field`` of record ``i``."""
    return f"{field} {i}"


def _table(docs: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {str(i + 1): doc for i, doc in enumerate(docs)}


def store_doc(events: int = 12, text: Text = plain, url: Callable[[int], str | None] | None = None) -> dict[str, Any]:
    """A complete store: ``events`` events over 1992-2023, members, citations, one case file.

    ``text(field, i)`` supplies every free-text field, so a test can fill the whole store with
    hostile strings; ``url(n)`` supplies citation URLs.
    """
    n_citations = max(3, min(events, 40))
    countries = ["russia", "armenia", "belarus", "kazakhstan", "kyrgyzstan", "tajikistan"]
    entities = [
        {
            "id": f"country:{slug}",
            "kind": "country",
            "name_zh": text("name_zh", i),
            "name_en": text("name_en", i),
            "wiki": text("wiki", i),
            "provenance": "external",
            "provenance_source": text("provenance_source", i),
            "relations": [],
        }
        for i, slug in enumerate(countries)
    ] + [
        {
            "id": f"person:p{i}",
            "kind": "person",
            "name_zh": text("person_zh", i),
            "name_en": text("person_en", i),
            "wiki": None,
            "provenance": "article",
            "provenance_source": None,
            "relations": [
                {
                    "kind": "leader",
                    "target": f"country:{countries[i]}",
                    "title_zh": text("title_zh", i),
                    "title_en": text("title_en", i),
                    "source_text": text("relation_source_text", i),
                }
            ],
        }
        for i in range(3)
    ]
    citations = [
        {
            "n": n,
            "missing": n % 4 == 0,
            "title": None if n % 4 == 0 else text("title", n),
            "outlet": None if n % 4 == 0 else text("outlet", n),
            "published": None if n % 4 == 0 else f"{2000 + n % 20:04d}-0{1 + n % 9}-1{n % 9}",
            "accessed": None,
            "url": None if n % 4 == 0 else (url(n) if url else f"https://example.org/ref/{n}"),
            "source_text": "" if n % 4 == 0 else text("citation_source_text", n),
            "sites": [{"section": text("section", n), "offset": 100 * n, "sentence": text("sentence", n)}],
        }
        for n in range(1, n_citations + 1)
    ]
    event_docs = []
    for i in range(events):
        year = 1992 + i % 32
        month = 1 + i % 12
        day = 1 + i % 28
        precision = ("day", "month", "year")[i % 3]
        date = {"day": f"{year:04d}-{month:02d}-{day:02d}", "month": f"{year:04d}-{month:02d}", "year": f"{year:04d}"}
        event_docs.append(
            {
                "id": f"ev-{i}",
                "date": date[precision],
                "date_end": None,
                "precision": precision,
                "date_method": "explicit",
                "date_basis": "explicit",
                "section": text("section", i),
                "source_text": text("event_source_text", i),
                "summary_en": text("summary_en", i),
                "actors": [f"country:{countries[i % len(countries)]}", f"person:p{i % 3}"],
                "roles": [("acts", "affected", "place")[i % 3], ("acts", "mentioned")[i % 2]],
                "tags": [("membership", "summit", "kyrgyz-crisis", "exercise")[i % 4]],
                "refs": [1 + i % n_citations, 1 + (i * 7) % n_citations],
                "ref_scope": "sentence",
                "note": text("note", i) if i % 5 == 0 else None,
            }
        )
    statuses = ["member", "member", "member", "observer", "former_member", "candidate"]
    members = [
        {
            "id": f"member:{slug}",
            "status": statuses[i],
            "order": i + 1,
            "entity": f"country:{slug}",
            "name_basis": text("name_basis", i),
            "provenance": "inferred",
            "provenance_source": None,
            "columns": [[text("column_header", i), text("column_cell", i)]],
            "source_text": text("member_source_text", i),
            "spans": [{"kind": "member", "start": "2002-10-07", "end": None, "basis": text("basis", i)}],
            "note": text("member_note", i) if i == 0 else None,
        }
        for i, slug in enumerate(countries)
    ]
    case = {
        "id": "kyrgyz-2010",
        "title_zh": text("case_title_zh", 0),
        "title_en": text("case_title_en", 0),
        "section": text("section", 0),
        "summary_en": text("case_summary", 0),
        "phases": [
            {
                "id": f"phase-{p}",
                "title_en": text("phase_title", p),
                "date": "2010-06",
                "precision": "month",
                "summary_en": text("phase_summary", p),
                "events": [f"ev-{p}"],
                "refs": [1 + p],
            }
            for p in range(min(3, events))
        ],
        "actors": [
            {
                "id": f"actor-{a}",
                "entity": f"person:p{a}",
                "role_en": text("role", a),
                "country": "country:kyrgyzstan",
                "stance_en": text("stance", a),
                "source_text": text("actor_source_text", a),
                "refs": [1],
                "ref_scope": "sentence",
            }
            for a in range(3)
        ],
        "quotes": [
            {
                "id": f"quote-{q}",
                "speaker": f"person:p{q}",
                "source_text": text("quote", q),
                "gloss_en": text("gloss", q),
                "refs": [2],
                "event": "ev-0" if q == 0 else None,
                "ref_scope": "sentence",
            }
            for q in range(2)
        ],
        "outcome_en": text("outcome", 0),
        "outcome_source_text": text("outcome_source_text", 0),
        "outcome_refs": [3],
        "outcome_ref_scope": "sentence",
    }
    meta = {
        "schema_version": SCHEMA_VERSION,
        "source_file": "zhwiki-csto.md",
        "source_sha256": "0" * 64,
        "source_title": text("source_title", 0),
        "source_url": "https://zh.wikipedia.org/wiki/集体安全条约组织",
        "license": "CC BY-SA 4.0",
        "build_tool": "storegen",
        "build_tool_version": "1",
    }
    return {
        "meta": _table([meta]),
        "events": _table(event_docs),
        "members": _table(members),
        "citations": _table(citations),
        "case_files": _table([case]),
        "entities": _table(entities),
    }


def write_store(path: Path, doc: dict[str, Any]) -> Path:
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()

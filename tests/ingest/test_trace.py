"""The English side says nothing the article does not: every field traced to its passage (trace.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from csto_tui.ingest.article import Article
from csto_tui.ingest.build import build, dump, write_store
from csto_tui.model import Store
from csto_tui.paths import shipped_store
from tests.ingest import trace
from tests.ingest.test_build import curation_copy

AKAYEV = (
    'summary_en = "In 2005, after Kyrgyz President Askar Akayev was ousted in the Tulip Revolution, '
    'former Russian President Vladimir Putin invited him to visit Russia."'
)


@pytest.fixture(scope="module")
def store() -> Store:
    return Store.open(shipped_store())


def test_every_english_field_traces_to_its_passage(store: Store, article: Article) -> None:
    fields = list(trace.fields(store, article))
    assert len(fields) > 190
    assert trace.problems(store, article) == []


def test_every_allowlist_entry_is_still_needed(store: Store, article: Article) -> None:
    english = "\n".join(f.english for f in trace.fields(store, article))
    for entry in [*trace.ALLOWED, *trace.ALIASES]:
        assert re.search(rf"(?<![\w-]){re.escape(entry)}(?![\w-])", english), f"{entry!r} is no longer used"


def test_outside_knowledge_is_declared(store: Store) -> None:
    """The fields the trace skips are those of records that say where their outside knowledge is from."""
    sources = [m.provenance_source for m in store.members if m.provenance == "external"]
    sources += [e.provenance_source for e in store.entities.values() if e.provenance == "external"]
    assert len(sources) == 6 and all(sources)  # 4 member rows (2 observers, Azerbaijan, Georgia), 2 entities


@pytest.mark.parametrize(
    ("injected", "caught"),
    [
        ("invited him to visit Russia, where he has lived since 2005 in Moscow.", "name 'Moscow'"),
        ("invited him to visit Russia, where he settled in Bishkek.", "name 'Bishkek'"),
        ("invited him to visit Russia, as he had done since 2000.", "number 2000"),
        ("invited him to visit Russia on 4 April 2005.", "date '4 April 2005'"),
        ("invited him to visit Russia, as Prime Minister Medvedev had suggested.", "title 'prime minister'"),
    ],
)
def test_a_summary_that_adds_an_outside_fact_fails(
    tmp_path: Path, text: str, article: Article, injected: str, caught: str
) -> None:
    changed = AKAYEV.replace("invited him to visit Russia.", injected)
    curation = curation_copy(tmp_path, "events.toml", AKAYEV, changed)
    out = tmp_path / "csto.json"
    write_store(dump(build(text, curation).tables), out)
    found = trace.problems(Store.open(out), article)
    assert [p for p in found if p.startswith("event kg-akayev-ousted-2005 summary_en: " + caught)], found

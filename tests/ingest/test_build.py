"""The build: committed store equals a fresh build, provenance holds, bad curation fails loudly."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from csto_tui.cli import main as cli_main
from csto_tui.ingest.article import Article
from csto_tui.ingest.build import Built, build, dump
from csto_tui.ingest.check import source_texts
from csto_tui.ingest.curation import BuildError
from csto_tui.model import SCHEMA_VERSION, Store
from csto_tui.paths import data_dir, shipped_store

CURATION = data_dir() / "curation"


@pytest.fixture(scope="module")
def built(text: str) -> Built:
    return build(text, CURATION)


@pytest.fixture(scope="module")
def store() -> Store:
    return Store.open(shipped_store())


def test_committed_store_is_byte_identical_to_a_fresh_build(built: Built) -> None:
    assert shipped_store().read_text(encoding="utf-8") == dump(built.tables)


def test_build_is_deterministic(text: str, built: Built) -> None:
    assert dump(build(text, CURATION).tables) == dump(built.tables)


def test_db_build_writes_the_same_bytes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "csto.json"
    assert cli_main(["db", "build", "--out", str(out)]) == 0
    assert out.read_bytes() == shipped_store().read_bytes()
    printed = capsys.readouterr().out
    assert "line 265 body      month_day 8月26日  ->  event status-russia-recognises" in printed
    assert "not a statement: inside a URL or link target" in printed


def test_db_check_passes_on_the_shipped_store(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_main(["db", "check"]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    assert line.startswith(
        f"ok: schema {SCHEMA_VERSION}; 60 events; 14 members (6 member, 2 former_treaty_member, 2 observer,"
    )
    assert "30 citations (17 with text, 13 missing)" in line
    assert "47 entities (8 relations)" in line
    assert line.endswith("201 actor roles (97 acts, 39 affected, 6 excluded, 20 place, 39 mentioned)")


def test_every_source_text_is_in_the_article(store: Store, text: str) -> None:
    checked = 0
    for where, source in source_texts(store):
        assert source and source in text, where
        checked += 1
    assert checked > 150


def test_every_body_marker_is_reachable_from_a_record(store: Store, article: Article) -> None:
    sites = {(c.n, s.offset) for c in store.citations for s in c.sites}
    assert {(m.n, m.start) for m in article.markers} == sites
    cited: set[int] = set()
    for event in store.events:
        cited.update(event.refs)
    for case in store.case_files:
        cited.update(case.outcome_refs)
        for phase in case.phases:
            cited.update(phase.refs)
        for item in (*case.actors, *case.quotes):
            cited.update(item.refs)
    # [6] and [7] back undated statements (the base-consent rule, the rotating chair): no event holds them.
    assert {m.n for m in article.markers} - cited == {6, 7}


def test_no_record_points_at_a_missing_footnote(store: Store) -> None:
    known = {c.n for c in store.citations}
    for event in store.events:
        assert set(event.refs) <= known
    for case in store.case_files:
        assert set(case.outcome_refs) <= known
        for item in (*case.phases, *case.actors, *case.quotes):
            assert set(item.refs) <= known


def test_the_two_events_of_one_sentence(store: Store) -> None:
    rejoin = store.event("lead-uzbekistan-rejoins")
    leave = store.event("lead-uzbekistan-leaves")
    assert rejoin is not None and leave is not None
    assert (rejoin.date, leave.date) == ("2006", "2012")


def test_relative_and_context_dates_say_how_they_were_resolved(store: Store) -> None:
    gas = store.event("kg-gas-cut")
    assert gas is not None and gas.date == "2010-05" and "kg-medvedev-visits-ukraine" in gas.date_basis
    ignored = store.event("kg-appeals-ignored")
    assert ignored is not None and ignored.date == "2010-08" and "仅仅几周后" in ignored.date_basis
    assert all(e.date_basis for e in store.events)


def test_members_keep_table_values_and_rows_verbatim(store: Store, text: str) -> None:
    georgia = next(m for m in store.members if m.entity == "country:georgia")
    assert georgia.status == "former_treaty_member" and georgia.provenance == "external"
    assert georgia.provenance_source and georgia.provenance_source.startswith("outside knowledge")
    assert dict(georgia.columns)["備註"] == "創始國，計畫加入北約（NATO）"
    assert georgia.source_text.startswith("<tr") and georgia.source_text.endswith("</tr>")
    observers = [m for m in store.members if m.status == "observer"]
    assert {m.entity for m in observers} == {"country:afghanistan", "country:serbia"}
    assert all(m.provenance == "external" and m.provenance_source for m in observers)
    assert all(m.note for m in store.members if m.status in ("former_treaty_member", "former_member"))


def test_citations(store: Store) -> None:
    assert [c.n for c in store.citations if c.missing] == [1, 2, 3, 4, 5, 6, 9, 10, 11, 12, 13, 14, 15]
    eight = store.citation(8)
    assert eight is not None and eight.url is not None and "%5C" in eight.url
    seventeen = store.citation(17)
    assert seventeen is not None and (seventeen.outlet, seventeen.published) == ("EurasiaNet", "2009-08-03")
    sixteen = store.citation(16)
    assert sixteen is not None and sixteen.accessed == "2009-11-24"
    assert all(c.sites for c in store.citations)


def test_case_file(store: Store) -> None:
    (case,) = store.case_files
    assert case.section == "吉爾吉斯衝突"
    dates = [p.date for p in case.phases]
    assert dates == sorted(dates)
    speakers = {q.speaker for q in case.quotes}
    assert {"person:lukashenko", "person:medvedev", "person:akayev", "person:otunbayeva"} <= speakers
    assert all(q.gloss_en and q.refs for q in case.quotes)
    assert case.outcome_refs == (30,)


# Broken curation must fail the build with one clear message.


def curation_copy(tmp_path: Path, name: str, old: str, new: str) -> Path:
    target = tmp_path / "curation"
    shutil.copytree(CURATION, target)
    path = target / name
    content = path.read_text(encoding="utf-8")
    assert old in content
    path.write_text(content.replace(old, new, 1), encoding="utf-8")
    return target


def test_missing_anchor_fails(tmp_path: Path, text: str) -> None:
    bad = curation_copy(tmp_path, "events.toml", 'anchor = "并于1994年生效"', 'anchor = "并于1995年生效"')
    with pytest.raises(BuildError, match=r"lead-treaty-in-force.*anchor not found"):
        build(text, bad)


def test_ambiguous_anchor_fails(tmp_path: Path, text: str) -> None:
    bad = curation_copy(tmp_path, "events.toml", 'anchor = "并于1994年生效"', 'anchor = "1994年"')
    with pytest.raises(BuildError, match="ambiguous"):
        build(text, bad)


def test_uncovered_date_expression_is_reported(tmp_path: Path, text: str) -> None:
    bad = curation_copy(tmp_path, "events.toml", 'anchor = "并于1994年生效"', 'anchor = "并于1994年生效。五年后"')
    with pytest.raises(BuildError, match="several date expressions"):
        build(text, bad)
    events = (CURATION / "events.toml").read_text(encoding="utf-8")
    start = events.index('[[event]]\nid = "status-joint-exercises-2005"')
    end = events.index("[[event]]", start + 1)
    dropped = curation_copy(tmp_path / "b", "events.toml", events[start:end], "")
    built = build(text, dropped)
    uncovered = [c.expr.text for c in built.coverage if c.covered_by is None]
    assert uncovered == ["2005年"]


def test_exclusion_covers_a_date_and_unused_exclusions_fail(tmp_path: Path, text: str) -> None:
    events = (CURATION / "events.toml").read_text(encoding="utf-8")
    start = events.index('[[event]]\nid = "status-joint-exercises-2005"')
    end = events.index("[[event]]", start + 1)
    target = curation_copy(tmp_path, "events.toml", events[start:end], "")
    exclusion = '[[exclude]]\ncontext = "2005年期间，集体"\ntext = "2005年"\nreason = "test"\n'
    dates = (target / "dates.toml").read_text(encoding="utf-8").replace("exclude = []\n", exclusion)
    (target / "dates.toml").write_text(dates, encoding="utf-8")
    built = build(text, target)
    assert all(c.covered_by for c in built.coverage)
    (target / "dates.toml").write_text(dates.replace('text = "2005年"', 'text = "2006年"'), encoding="utf-8")
    with pytest.raises(BuildError, match="no date expression in its context"):
        build(text, target)


def test_span_dates_must_come_from_their_basis(tmp_path: Path, text: str) -> None:
    bad = curation_copy(tmp_path, "members.toml", 'start = "2013"', 'start = "2012"')
    with pytest.raises(BuildError, match="start 2012 is the date of none"):
        build(text, bad)


def test_unknown_actor_fails(tmp_path: Path, text: str) -> None:
    bad = curation_copy(tmp_path, "events.toml", 'acts = ["org:csto"]', 'acts = ["org:nowhere"]')
    with pytest.raises(BuildError, match="unknown actor 'org:nowhere'"):
        build(text, bad)


def test_failed_build_leaves_the_store_untouched(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "csto.json"
    out.write_text("previous", encoding="utf-8")
    article = tmp_path / "article.md"
    article.write_text("not the article", encoding="utf-8")
    assert cli_main(["db", "build", "--out", str(out), "--source", str(article)]) == 2
    assert out.read_text(encoding="utf-8") == "previous"
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("csto-tui db build: ")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["article.md", "csto.json"]

"""Actor roles, entity relations and how each date was found, as the build derives them."""

from __future__ import annotations

from pathlib import Path

import pytest

from csto_tui.ingest.build import build
from csto_tui.ingest.curation import BuildError
from csto_tui.model import Store
from csto_tui.paths import shipped_store
from tests.ingest.test_build import curation_copy


@pytest.fixture(scope="module")
def store() -> Store:
    return Store.open(shipped_store())


def roles(store: Store, event_id: str) -> dict[str, str]:
    event = store.event(event_id)
    assert event is not None
    return dict(zip(event.actors, event.roles, strict=True))


def test_who_did_not_act_is_not_an_actor(store: Store) -> None:
    # The extension names only the three states that did not extend it.
    extended = roles(store, "lead-treaty-extended")
    assert {a for a, r in extended.items() if r == "excluded"} == {
        "country:azerbaijan",
        "country:georgia",
        "country:uzbekistan",
    }
    assert extended["country:russia"] == "acts"
    # Five of seven agreed; Belarus and Uzbekistan did not sign at first.
    agreement = roles(store, "crrf-agreement")
    assert agreement["country:belarus"] == agreement["country:uzbekistan"] == "excluded"
    # Uzbekistan, not Russia, stays out of the force; a Russian representative says so.
    signs = roles(store, "crrf-belarus-signs")
    assert signs["country:uzbekistan"] == "excluded" and signs["country:belarus"] == "acts"


def test_roles_filter_the_events_of_an_actor(store: Store) -> None:
    every = {e.id for e in store.events_for_actor("country:uzbekistan")}
    acting = {e.id for e in store.events_for_actor("country:uzbekistan", ("acts", "affected"))}
    assert "lead-treaty-extended" in every - acting
    assert "lead-uzbekistan-rejoins" in acting
    assert {e.id for e in store.events_for_actor("place:moscow", ("acts", "affected"))} == set()
    assert len(store.events_for_actor("place:moscow")) == 3


def test_leaders_are_tied_to_their_country_by_the_article(store: Store, text: str) -> None:
    leaders = {e.id: e for e in store.related("country:belarus")}
    assert set(leaders) == {"person:lukashenko"}
    (relation,) = leaders["person:lukashenko"].relations
    assert (relation.kind, relation.title_zh, relation.title_en) == ("leader", "总统", "President")
    assert relation.source_text in text and "白俄罗斯总统" in relation.source_text
    assert {e.id for e in store.related("country:russia")} == {"person:medvedev", "person:putin"}
    putin = store.entity("person:putin")
    assert putin is not None and putin.relations[0].title_zh == "前总统"  # the article: former president
    assert {e.id for e in store.related("org:csto")} == {"person:bordyuzha", "person:zainetdinov"}


def test_a_range_is_stored_as_a_range(store: Store) -> None:
    summit = store.event("history-issyk-kul-summit")
    assert summit is not None
    assert (summit.date, summit.date_end, summit.date_method) == ("2009-07-31", "2009-08-01", "range")
    assert all(e.date_end is None for e in store.events if e.id != summit.id)


def test_a_year_from_a_name_is_not_explicit(store: Store) -> None:
    rubezh = store.event("lead-exercise-rubezh-2008")
    assert rubezh is not None and rubezh.date == "2008" and rubezh.date_method == "name"
    assert "鲁贝兹2008" in rubezh.date_basis and "not a stated date" in rubezh.date_basis


def test_inherited_precision_says_so(store: Store) -> None:
    chair = store.event("status-kazakhstan-chair")
    assert chair is not None and chair.date == "2011-12" and chair.date_method == "context"
    assert "the month is inherited from event status-base-veto, not stated here" in chair.date_basis
    for event in store.events:
        if event.date_method == "context" and event.precision != "year":
            assert f"the {event.precision} is inherited from event" in event.date_basis, event.id
    methods = {e.date_method for e in store.events}
    assert methods == {"explicit", "range", "name", "relative", "yearless", "context"}


def test_a_date_after_its_own_footnote_carries_a_note(store: Store) -> None:
    signs = store.event("crrf-belarus-signs")
    assert signs is not None and signs.date == "2010-10"
    assert signs.note is not None and "24 November 2009" in signs.note


def test_a_date_after_its_footnote_without_a_note_fails(tmp_path: Path, text: str) -> None:
    bad = curation_copy(tmp_path, "events.toml", 'note = "次年10月 counted', 'basis_removed = "次年10月 counted')
    bad_events = bad / "events.toml"
    bad_events.write_text(bad_events.read_text(encoding="utf-8").replace("basis_removed = ", "# "), encoding="utf-8")
    with pytest.raises(BuildError, match=r"crrf-belarus-signs: dated 2010-10, after its footnote \[16\]'s own date"):
        build(text, bad)


def test_an_actor_with_two_roles_fails(tmp_path: Path, text: str) -> None:
    bad = curation_copy(
        tmp_path, "events.toml", 'affected = ["org:crrf"]\nexcluded', 'affected = ["country:belarus"]\nexcluded'
    )
    with pytest.raises(BuildError, match="'country:belarus' is given two roles"):
        build(text, bad)


def test_a_relation_must_hold_its_title(tmp_path: Path, text: str) -> None:
    bad = curation_copy(tmp_path, "entities.toml", 'title_zh = "前总统"', 'title_zh = "总理"')
    with pytest.raises(BuildError, match="the anchor does not hold the title '总理'"):
        build(text, bad)

"""The filter dialog's actor list: sorted in the reader's language, found by English, Chinese or pinyin."""

from __future__ import annotations

import pytest

from csto_tui.model import Store
from csto_tui.ui import pinyin
from csto_tui.ui.app import CstoApp
from csto_tui.ui.screens.filter import FilterScreen
from csto_tui.ui.screens.main import MainScreen
from csto_tui.ui.widgets.actor_picker import ActorPicker

BELARUS = "country:belarus"


def test_pinyin_matches_whole_syllables_initials_and_any_reading() -> None:
    assert pinyin.match_rank("baieluosi", "白俄罗斯") == 0
    assert pinyin.match_rank("bai e", "白俄罗斯") == 0
    assert pinyin.match_rank("bels", "白俄罗斯") == 0
    assert pinyin.match_rank("eluo", "白俄罗斯") == 1  # from a later character
    assert pinyin.match_rank("baiy", "白俄罗斯") is None
    # 什 reads shí in 塔什干 and shén elsewhere: without phrases both readings are kept, so either finds it.
    assert pinyin.match_rank("tashi", "塔什干") == 0 and pinyin.match_rank("tashen", "塔什干") == 0
    assert pinyin.sort_key("白俄罗斯") == "baieluosi"


async def open_picker(app: CstoApp, pilot, language: str) -> ActorPicker:  # type: ignore[no-untyped-def]
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, MainScreen)
    if screen.language != language:
        await pilot.press("L")
    await pilot.press("2", "f")
    await pilot.pause()
    assert isinstance(app.screen, FilterScreen)
    picker = app.screen.query_one(ActorPicker)
    picker.focus()
    await pilot.pause()
    return picker


@pytest.mark.parametrize("language", ["en", "zh"])
async def test_actors_are_sorted_by_name_in_the_current_language(store: Store, language: str) -> None:
    app = CstoApp(store)
    async with app.run_test(size=(100, 30)) as pilot:
        picker = await open_picker(app, pilot, language)
        shown = [a.shown for a in picker.actors]
        keys = [s.casefold() for s in shown] if language == "en" else [pinyin.sort_key(s) for s in shown]
        assert keys == sorted(keys) and len(shown) > 20
        assert str(picker.get_option_at_index(0).prompt) == "any actor"


@pytest.mark.parametrize(
    ("language", "typed"),
    [("zh", "bel"), ("en", "Bela"), ("zh", "baie"), ("en", "bels"), ("zh", "白俄"), ("en", "白")],
)
async def test_typing_jumps_to_the_name_and_enter_filters(store: Store, language: str, typed: str) -> None:
    app = CstoApp(store)
    async with app.run_test(size=(100, 30)) as pilot:
        picker = await open_picker(app, pilot, language)
        await pilot.press(*typed)
        await pilot.pause()
        assert picker.value == BELARUS, (typed, picker.value)
        assert f"find: {typed}" in str(picker.border_subtitle)
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert screen.timeline.filters.actor == BELARUS


async def test_backspace_takes_back_a_letter_and_a_pause_starts_a_new_name(store: Store) -> None:
    app = CstoApp(store)
    async with app.run_test(size=(100, 30)) as pilot:
        picker = await open_picker(app, pilot, "en")
        await pilot.press(*"belx")
        assert picker.value == BELARUS  # no match for "belx": the cursor stays
        await pilot.press("backspace")
        assert picker.query_text == "bel"
        picker._forget()  # what the pause does (a timer: not waited for here)
        await pilot.press(*"rus")
        assert picker.value == "country:russia"

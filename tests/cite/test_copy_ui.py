"""Pilot tests of y, Y, the picker, the notification and the fallback text screen, on the real app and store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import OptionList, Static, TextArea

from csto_tui.cite.formats import FORMAT_KEYS, render
from csto_tui.cite.selection import article, article_selection, selection
from csto_tui.clipboard import osc52, tmux_passthrough
from csto_tui.model import RecordRef, Store
from csto_tui.paths import shipped_store
from csto_tui.ui.app import CstoApp
from csto_tui.ui.screens.copy_picker import CopyPicker
from csto_tui.ui.screens.copy_text import CopyText
from csto_tui.wikitext import readable

SIZE = (100, 30)


@pytest.fixture(scope="module")
def store() -> Store:
    return Store.open(shipped_store())


@pytest.fixture(autouse=True)
def clean_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    state = tmp_path / "state"
    monkeypatch.setenv("XDG_STATE_HOME", str(state))
    for name in ("TMUX", "STY", "SSH_CONNECTION", "SSH_TTY", "SSH_CLIENT", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    return state / "csto-tui"


def _event_ref(store: Store, n: int) -> RecordRef:
    return RecordRef("event", next(e.id for e in store.events if n in e.refs))


async def _open(app: CstoApp, pilot: Pilot[None], ref: RecordRef) -> None:
    """Select ``ref`` as following a link would, once start-up messages have settled."""
    await pilot.pause()
    screen = app.screen
    assert screen.open(ref)  # type: ignore[attr-defined]
    await pilot.pause()
    assert screen.current == ref  # type: ignore[attr-defined]


def _messages(app: CstoApp) -> list[str]:
    return [n.message for n in app._notifications]


async def _settle(app: CstoApp, pilot: Pilot[None]) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_y_copies_in_the_default_format_and_says_how(store: Store) -> None:
    ref = _event_ref(store, 18)
    chosen = selection(store, ref)
    assert chosen is not None
    app = CstoApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await _open(app, pilot, ref)
        await pilot.press("y")
        await _settle(app, pilot)
        assert app.clipboard == chosen.render("plain", article=article(store))
        # The event's footnote sits after a later sentence of the paragraph: the copy says so.
        event = store.event(ref.id)
        assert event is not None and event.ref_scope == "passage"
        claim = readable(event.source_text)
        assert f"\nPassage footnote: the article does not place [18] right after 「{claim}」" in app.clipboard
        [message] = _messages(app)
        assert message.startswith(
            "Copied [18] (passage footnote) as Plain reference, sent to the terminal clipboard (OSC 52): “Belarus"
        )
        assert "Press Y, then t, to see the text" in message


async def test_missing_reference_falls_back_honestly(store: Store, clean_env: Path) -> None:
    clean_env.mkdir(parents=True)
    (clean_env / "copy.json").write_text(json.dumps({"format": "url"}))
    ref = RecordRef("citation", "9")
    app = CstoApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await _open(app, pilot, ref)
        await pilot.press("y")
        await _settle(app, pilot)
        citation = store.citation(9)
        assert citation is not None and citation.missing
        assert app.clipboard == render("plain", [citation], article=article(store))
        assert app.clipboard.startswith("[9] Reference text missing in the source")
        [message] = _messages(app)
        assert message.startswith("URL unavailable (reference [9] has no URL in the source); copied the plain text")


async def test_Y_picker_previews_every_format_and_remembers_the_choice(store: Store, clean_env: Path) -> None:
    ref = _event_ref(store, 28)
    chosen = selection(store, ref)
    assert chosen is not None
    app = CstoApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await _open(app, pilot, ref)
        await pilot.press("Y")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, CopyPicker)
        options = picker.query_one(OptionList)
        assert [options.get_option_at_index(i).id for i in range(options.option_count)] == list(FORMAT_KEYS)
        preview = picker.query_one("#copy-preview", Static)
        # Walk the list: the preview is each format's exact text.
        for key in FORMAT_KEYS:
            expected = chosen.render(key, article=article(store))
            shown = preview.content
            assert isinstance(shown, Text) and shown.plain == expected
            assert picker.current.text == expected
            await pilot.press("down")
        await pilot.press("home")
        await pilot.press("down", "down")  # BibTeX
        await pilot.press("enter")
        await _settle(app, pilot)
        assert not isinstance(app.screen, CopyPicker)
        bibtex = chosen.render("bibtex", article=article(store))
        assert app.clipboard == bibtex
        assert json.loads((clean_env / "copy.json").read_text()) == {"format": "bibtex"}
        assert _messages(app)[-1].startswith(
            "Copied [28] as BibTeX, sent to the terminal clipboard (OSC 52): “@misc{itartass2010kyrgyzstan,”"
        )
        # The next y uses the remembered format.
        app.copy_to_clipboard("")
        await pilot.press("y")
        await _settle(app, pilot)
        assert app.clipboard == bibtex


async def test_fallback_text_screen_shows_the_exact_text(store: Store) -> None:
    ref = RecordRef("quote", store.case_files[0].quotes[0].id)
    chosen = selection(store, ref)
    assert chosen is not None
    app = CstoApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await _open(app, pilot, ref)
        await pilot.press("Y", "end", "t")
        await pilot.pause()
        assert isinstance(app.screen, CopyText)
        quote = chosen.render("quote", article=article(store))
        assert app.screen.query_one(TextArea).text == quote
        assert app.screen.query_one(TextArea).read_only
        await pilot.press("escape")
        assert isinstance(app.screen, CopyPicker)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, (CopyPicker, CopyText))
        assert app.clipboard == ""  # cancelled: nothing copied


async def test_inside_tmux_the_wrapped_sequence_goes_first(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TMUX", "/tmp/tmux-0/default,1,0")
    ref = RecordRef("citation", "18")
    app = CstoApp(store)
    async with app.run_test(size=SIZE) as pilot:
        written: list[str] = []
        assert app._driver is not None
        monkeypatch.setattr(app._driver, "write", written.append)
        await _open(app, pilot, ref)
        await pilot.press("y")
        await _settle(app, pilot)
        text = app.clipboard
        sent = [w for w in written if "52;c;" in w]
        assert sent == [tmux_passthrough(osc52(text)), osc52(text)]
        assert "through tmux" in _messages(app)[-1]


async def test_a_member_row_has_no_footnote_and_Y_cites_the_article(store: Store) -> None:
    app = CstoApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await _open(app, pilot, RecordRef("member", store.members[0].id))
        await pilot.press("y")
        await pilot.pause()
        assert app.clipboard == ""
        assert _messages(app)[-1] == (
            "This member row comes from the article's membership table, which has no footnotes. "
            "Y cites the article itself for it."
        )


async def test_an_event_with_no_footnote_says_so_and_Y_cites_the_article(store: Store) -> None:
    event = next(e for e in store.events if not e.refs)
    ref = RecordRef("event", event.id)
    assert selection(store, ref) is None
    chosen = article_selection(store, ref)
    assert chosen is not None and chosen.label == "the article itself"
    app = CstoApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await _open(app, pilot, ref)
        await pilot.press("y")
        await pilot.pause()
        assert app.clipboard == ""
        assert _messages(app)[-1] == "This event has no footnote in the article. Y cites the article itself for it."
        await pilot.press("Y")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, CopyPicker)
        assert picker.query_one("#copy-picker").border_title == "Copy the article itself as…"
        await pilot.press("enter")
        await _settle(app, pilot)
        assert app.clipboard == chosen.render("plain", article=article(store))
        lines = app.clipboard.split("\n")
        assert lines[0] == f"{store.meta.source_title}. Wikipedia. {store.meta.source_url}"
        assert lines[1].startswith(f"Cited for 「{readable(event.source_text)}」: this event has no footnote")
        assert f"no revision id or access date (its SHA-256 is {store.meta.source_sha256})" in lines[1]
        assert _messages(app)[-1].startswith("Copied the article itself as Plain reference")


async def test_quote_follows_the_language_toggle(store: Store) -> None:
    quote = store.case_files[0].quotes[0]
    ref = RecordRef("quote", quote.id)
    chosen = selection(store, ref)
    assert chosen is not None
    app = CstoApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await _open(app, pilot, ref)
        await pilot.press("L", "Y", "G", "enter")
        await _settle(app, pilot)
        assert app.screen.language == "en"  # type: ignore[attr-defined]
        expected = chosen.render("quote", language="en", article=article(store))
        assert app.clipboard == expected
        # The speaker's words in quotation marks; the English is labelled as the app's translation.
        assert app.clipboard.startswith(
            f"“{readable(quote.source_text)}”\nEnglish translation by csto-tui (not the source's words): "
            f"{quote.gloss_en}\n— "
        )

"""Model-based test of the current record: whatever moves the cursor, what you see is what ``y`` copies and saves.

A hypothesis ``RuleBasedStateMachine`` drives the real app through Pilot with random sequences of
every way of moving: list keys, search typing (Latin and CJK) closed by Enter or Escape, Enter and
``y`` arriving in one read, ``n``/``N``, ``{`` ``}``, the density strip, the filter dialog and ``x``,
palette jumps, ``1``-``4``, Tab, ``L``, ``[`` ``]``, following links, resizes and quitting and
reopening. After every step it checks, against the widgets' own state (never the screen's):

* the inspector shows the record under the focused list's cursor;
* ``y`` copies exactly what ``csto-tui cite --record`` prints for that record (its footnotes in
  the default format), and copies nothing when the command declines (a record without footnotes);
* quitting and reopening (a rule of its own) comes back to that record.
"""

from __future__ import annotations

import asyncio
import io
import os
import time
from collections.abc import Callable, Coroutine, Iterator
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule, run_state_machine_as_test
from textual import events
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Select

from csto_tui import cli
from csto_tui.model import RecordRef, Store
from csto_tui.paths import shipped_store
from csto_tui.ui import prefs
from csto_tui.ui.app import CstoApp
from csto_tui.ui.screens.main import MainScreen
from csto_tui.ui.widgets.density import DensityStrip
from csto_tui.ui.widgets.inspector import Inspector
from csto_tui.ui.widgets.record_list import RecordList
from csto_tui.ui.widgets.timeline import Timeline

STEPS = 25  # steps per run
RUNS = 6  # runs (hypothesis examples)
SIZES = [(80, 24), (120, 40), (100, 30), (60, 20)]
SETTLE = 2.0  # seconds a condition may take to hold before the invariant fails
SENTINEL = "\x00nothing copied\x00"

SEARCHES = ["埃里温", "俄罗斯", "吉尔吉斯", "2010", "Kyrgyz", "Russia", "summit", "troops", "CSTO", "zzz", "集安"]
PALETTE = ["Year 2010", "Year 1992", "Citation [28]", "Citation [7]", "Quote", "Phase", "埃里温", "Events of", "Member"]
MOVES = ["j", "k", "up", "down", "g", "G", "pageup", "pagedown", "home", "end"]

_cited: dict[RecordRef, str | None] = {}


def expected_copy(ref: RecordRef | None) -> str | None:
    """What ``csto-tui cite --record KIND:ID`` prints for ``ref`` (the default format), None when it declines.

    The command's own ``main``, run in-process: a process per record would cost 0.3 s a step. The
    tmux tests (tests/e2e_copy/test_copy_paths.py) compare with the real process.
    """
    if ref is None:
        return None
    if ref not in _cited:
        out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
        with redirect_stdout(out), redirect_stderr(io.StringIO()):
            code = cli.main(["cite", "--record", f"{ref.kind}:{ref.id}"])
        assert code in (0, 1), f"csto-tui cite --record {ref.kind}:{ref.id} exited {code}"
        out.flush()
        data = out.buffer.getvalue().decode("utf-8")  # type: ignore[attr-defined]
        _cited[ref] = data.removesuffix("\n") if code == 0 else None
    return _cited[ref]


def under_cursor(screen: MainScreen) -> RecordRef | None:
    """The record under the focused list's cursor, read from the widgets themselves."""
    focused = screen.focused
    if isinstance(focused, RecordList):
        return focused.highlighted_record
    if isinstance(focused, Inspector):
        return focused.subject
    timeline = screen.query_one(Timeline)
    assert focused is not None, "nothing has focus on the main screen"
    assert focused is timeline or timeline.parent in focused.ancestors, f"unexpected focus {focused!r}"
    event = timeline.current_event
    return None if event is None else RecordRef("event", event.id)


class CurrentRecord(RuleBasedStateMachine):
    """One app per run, driven on a private event loop (hypothesis calls the rules synchronously)."""

    def __init__(self) -> None:
        super().__init__()
        self.store = Store.open(shipped_store())
        prefs.prefs_path().unlink(missing_ok=True)  # each run starts as a first launch
        self.loop = asyncio.new_event_loop()
        self.size = (120, 40)
        self.app: CstoApp
        self.pilot: Pilot[None]
        self._jobs: asyncio.Queue[tuple[Coroutine[Any, Any, Any], asyncio.Future[Any]] | None] | None = None
        self._task: asyncio.Task[None] | None = None
        self._start()

    # Driving the app: Textual's run_test context lives in one task per app (its context variables
    # must be set and reset in the same task), and every coroutine of a rule runs inside that task.

    def run(self, coro: Coroutine[Any, Any, Any]) -> Any:
        assert self._jobs is not None, "the app is not running"
        done = self.loop.create_future()
        self._jobs.put_nowait((coro, done))
        return self.loop.run_until_complete(done)

    async def _session(self, ready: asyncio.Future[None]) -> None:
        jobs: asyncio.Queue[tuple[Coroutine[Any, Any, Any], asyncio.Future[Any]] | None] = asyncio.Queue()
        self.app = CstoApp(self.store)
        async with self.app.run_test(size=self.size) as pilot:
            self.pilot = pilot
            self._jobs = jobs
            ready.set_result(None)
            while (job := await jobs.get()) is not None:
                coro, done = job
                try:
                    done.set_result(await coro)
                except Exception as exc:  # handed to the rule that asked
                    done.set_exception(exc)

    def _start(self) -> None:
        ready = self.loop.create_future()
        self._task = self.loop.create_task(self._session(ready))
        self.loop.run_until_complete(asyncio.wait([ready, self._task], return_when=asyncio.FIRST_COMPLETED))
        if self._task.done():
            self._task.result()  # start-up failed: raise its error
        self.run(self._until(lambda: isinstance(self.app.screen, MainScreen) and self.app.screen.focused is not None))

    def _stop(self) -> None:
        if self._jobs is not None and self._task is not None:
            self._jobs.put_nowait(None)
            self._jobs = None
            self.loop.run_until_complete(self._task)

    def teardown(self) -> None:
        try:
            self._stop()
        finally:
            self.loop.close()

    @property
    def screen(self) -> MainScreen:
        screen = self.app.screen
        assert isinstance(screen, MainScreen), f"{screen!r} is still open"
        return screen

    async def _until(self, done: Callable[[], bool], what: str = "the app to settle") -> None:
        deadline = time.monotonic() + SETTLE
        while not done():
            assert time.monotonic() < deadline, f"timed out waiting for {what}"
            await self.pilot.pause(0.01)
        await self.pilot.pause()

    def press(self, *keys: str) -> None:
        """Keys typed one by one: each is handled before the next is sent."""
        self.run(self.pilot.press(*keys))

    def burst(self, *keys: str) -> None:
        """Keys that arrive in one read, as when typing fast or over a laggy link; then wait for them all."""

        async def send() -> None:
            driver = self.app._driver
            assert driver is not None
            for key in keys[:-1]:
                event = events.Key(key, key if len(key) == 1 else ("\r" if key == "enter" else None))
                event.set_sender(self.app)
                driver.send_message(event)
            # Pilot waits for the last key to be handled, and keys are handled in order.
            await self.pilot.press(keys[-1])

        self.run(send())

    # Rules.

    @rule(key=st.sampled_from(MOVES), times=st.integers(1, 3))
    def move(self, key: str, times: int) -> None:
        self.burst(*[key] * times)

    @rule(key=st.sampled_from(["1", "2", "3", "4", "tab", "shift+tab"]))
    def pane(self, key: str) -> None:
        self.press(key)

    @rule()
    def language(self) -> None:
        self.press("L")

    @rule(key=st.sampled_from(["left_square_bracket", "right_square_bracket", "backspace"]))
    def history(self, key: str) -> None:
        self.press(key)

    @rule()
    def follow(self) -> None:
        """Enter in whatever list has focus: a footnote, a backlink, a member's events, a quote's event."""
        self.press("enter")

    @rule(
        query=st.one_of(st.sampled_from(SEARCHES), st.text(alphabet="aeiknorsu埃里温俄斯吉", min_size=1, max_size=3)),
        close=st.sampled_from(["enter", "escape", "enter+y"]),
        step=st.sampled_from(["", "n", "N"]),
    )
    def search(self, query: str, close: str, step: str) -> None:
        self.press("2")  # a pane key's binding runs after the keys read with it have gone to the old pane
        self.burst("slash", *query)
        if close == "enter+y":
            self.app.copy_to_clipboard(SENTINEL)
            self.burst("enter", "y")
            box = self.screen.query_one("#timeline-search", Input)
            assert "y" not in box.value.removeprefix(query), f"y went into the search box: {box.value!r}"
            self._check_copy(copied_already=True)
        else:
            self.press(close)
        if step:
            self.press(step)

    @rule(key=st.sampled_from(["left_curly_bracket", "right_curly_bracket"]), times=st.integers(1, 2))
    def year_jump(self, key: str, times: int) -> None:
        self.press("2")
        self.burst(*[key] * times)

    @rule(steps=st.integers(-6, 6), close=st.sampled_from(["enter", "escape"]))
    def density(self, steps: int, close: str) -> None:
        self.press("2", "d")
        self.burst(*["right" if steps > 0 else "left"] * abs(steps), close)

    @rule(
        year_from=st.sampled_from(["", "2008", "2010", "2012"]),
        year_to=st.sampled_from(["", "2010", "2015", "1995"]),
        tag=st.integers(0, 4),
    )
    def filter_dialog(self, year_from: str, year_to: str, tag: int) -> None:
        self.press("2", "f")
        self.run(self._until(lambda: self.app.screen.query("#year-from"), "the filter dialog"))
        dialog = self.app.screen
        self.burst(*year_from, "tab", *year_to)
        if tag:
            # The tag Select: open it, go down ``tag`` options, choose.
            select = dialog.query_one("#tag", Select)
            select.focus()
            self.burst("enter", *["down"] * tag, "enter")
        dialog.query_one("#apply").focus()
        self.press("enter")
        self.run(self._until(lambda: isinstance(self.app.screen, MainScreen), "the filter dialog to close"))

    @rule()
    def clear_filter(self) -> None:
        self.press("x")

    @rule(query=st.sampled_from(PALETTE))
    def palette(self, query: str) -> None:
        self.press("ctrl+p")
        self.run(self._until(lambda: isinstance(self.app.screen, CommandPalette), "the palette"))
        self.burst(*query)
        palette = self.app.screen

        def ready() -> bool:
            options = palette.query_one("CommandList", OptionList)
            return options.option_count > 0 and options.highlighted is not None

        try:
            self.run(self._until(ready, f"palette hits for {query!r}"))
        except AssertionError:
            self.press("escape")
        else:
            self.press("enter")
        self.run(self._until(lambda: isinstance(self.app.screen, MainScreen), "the palette to close"))

    @rule(size=st.sampled_from(SIZES))
    def resize(self, size: tuple[int, int]) -> None:
        self.size = size
        self.run(self.pilot.resize_terminal(*size))

    @rule()
    def restart(self) -> None:
        """Quit and reopen: the app comes back to the record that was under the cursor."""
        before = under_cursor(self.screen)
        self._stop()
        self._start()
        if before is not None:
            self.run(self._until(lambda: under_cursor(self.screen) == before, f"{before} to be restored"))

    @precondition(lambda self: not isinstance(self.screen.focused, Input))
    @rule()
    def copy(self) -> None:
        self._check_copy()

    # Invariants.

    @invariant()
    def inspector_shows_the_record_under_the_cursor(self) -> None:
        screen = self.screen
        inspector = screen.query_one(Inspector)
        self.run(
            self._until(
                lambda: inspector.subject == under_cursor(screen),
                "the inspector to show the record under the cursor",
            )
        )

    @invariant()
    def saved_place_is_the_record_under_the_cursor(self) -> None:
        screen = self.screen
        screen.save_prefs()
        assert prefs.load().selection == under_cursor(screen)

    @invariant()
    def y_copies_the_citations_of_the_record_under_the_cursor(self) -> None:
        if not isinstance(self.screen.focused, Input | DensityStrip):
            self._check_copy()

    def _check_copy(self, *, copied_already: bool = False) -> None:
        app = self.app
        if not copied_already:
            app.copy_to_clipboard(SENTINEL)
            self.press("y")
        ref = under_cursor(self.screen)
        expected = expected_copy(ref)
        if expected is None:
            assert app.clipboard == SENTINEL, f"{ref} has no footnote, yet y copied {app.clipboard!r}"
        else:
            self.run(self._until(lambda: app.clipboard == expected, f"y to copy the citations of {ref}"))


@pytest.fixture(autouse=True)
def quiet_clipboard(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No local clipboard tool and no multiplexer: y only fills ``app.clipboard``."""
    for name in ("TMUX", "STY", "SSH_CONNECTION", "SSH_TTY", "SSH_CLIENT", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    yield


def test_current_record_state_machine(state_home: Path) -> None:
    assert os.environ["XDG_STATE_HOME"] == str(state_home)
    run_state_machine_as_test(
        CurrentRecord,
        settings=settings(
            max_examples=RUNS,
            stateful_step_count=STEPS,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
            print_blob=True,
        ),
    )

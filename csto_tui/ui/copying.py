"""Copy the citations behind the current record: ``y`` in the default format, ``Y`` through the picker.

The main screen only delegates here. Text comes from ``csto_tui.cite``; what to send and how
comes from ``csto_tui.clipboard``; this module writes it through the app and tells the user
what was sent, since no terminal acknowledges OSC 52.
"""

from __future__ import annotations

import asyncio
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from textual.app import App
from textual.notifications import SeverityLevel

from csto_tui.atomic import write_text_atomic
from csto_tui.cite.formats import DEFAULT_FORMAT, FORMAT_KEYS, FORMATS, Format, Unavailable
from csto_tui.cite.selection import Selection, article, article_selection, no_footnote, selection
from csto_tui.clipboard import copy_local, plan
from csto_tui.model import Language, RecordRef, Store
from csto_tui.paths import state_dir
from csto_tui.safety import clean_line

STATE_FILE = "copy.json"
NOTIFY_TIMEOUT = 8.0
PREVIEW_CHARS = 40


class CopySource(Protocol):
    """What copying needs of the screen it copies from (the main screen): the record, and a way to speak."""

    store: Store
    language: Language

    @property
    def current(self) -> RecordRef | None: ...

    @property
    def app(self) -> App[Any]: ...

    def notify(self, message: str, *, severity: SeverityLevel = ..., markup: bool = ...) -> None: ...


def state_path() -> Path:
    return state_dir() / STATE_FILE


def load_default() -> str:
    """The remembered default format; a missing or unreadable file means the built-in default."""
    try:
        data = json.loads(state_path().read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return DEFAULT_FORMAT
    key = data.get("format") if isinstance(data, dict) else None
    return key if key in FORMAT_KEYS else DEFAULT_FORMAT


def save_default(key: str) -> str | None:
    """Remember ``key`` atomically (temp file + rename); a one-line warning instead of raising."""
    try:
        write_text_atomic(state_path(), json.dumps({"format": key}) + "\n", mode=0o600)
    except OSError as exc:
        return f"copy format not remembered: {exc.strerror or exc}"
    return None


@dataclass(frozen=True, slots=True)
class Preview:
    """One format's text for the selection, or why that format cannot be had."""

    format: Format
    text: str | None
    reason: str | None


def previews(store: Store, chosen: Selection, language: Language) -> list[Preview]:
    out: list[Preview] = []
    for fmt in FORMATS:
        try:
            text = chosen.render(fmt.key, language=language, article=article(store))
        except Unavailable as exc:
            out.append(Preview(fmt, None, str(exc)))
        else:
            out.append(Preview(fmt, text, None))
    return out


def _nothing_to_copy(screen: CopySource) -> None:
    """Say what is true of a record with no footnote, and what ``Y`` offers instead."""
    message = no_footnote(screen.store, screen.current)
    if article_selection(screen.store, screen.current) is not None:
        message += ". Y cites the article itself for it."
    screen.notify(message, severity="warning", markup=False)


def copy_current(screen: CopySource, key: str | None = None, chosen: Selection | None = None) -> None:
    """Copy the current record's citations (or ``chosen``) in ``key`` (default: the remembered format)."""
    chosen = chosen or selection(screen.store, screen.current)
    if chosen is None:
        _nothing_to_copy(screen)
        return
    key = key or load_default()
    by_key = {p.format.key: p for p in previews(screen.store, chosen, screen.language)}
    preview, note = by_key[key], ""
    if preview.text is None:
        # The honest fallback: what is known, in plain text, and say so.
        note = f"{preview.format.label} unavailable ({preview.reason}); copied the plain text instead. "
        preview = by_key["plain"]
    assert preview.text is not None  # plain is always available for a selection with citations
    send(screen.app, preview.text, f"{chosen.label} as {preview.format.label}", note)


def open_picker(screen: CopySource) -> None:
    """``Y``: every format with its preview; the one chosen is copied and becomes the default.

    A record with no footnote gets the article itself, cited for the record's text.
    """
    from csto_tui.ui.screens.copy_picker import CopyPicker

    chosen = selection(screen.store, screen.current) or article_selection(screen.store, screen.current)
    if chosen is None:
        _nothing_to_copy(screen)
        return

    def picked(key: str | None) -> None:
        if key is None:
            return
        warning = save_default(key)
        if warning:
            screen.notify(warning, severity="warning")
        copy_current(screen, key, chosen)

    screen.app.push_screen(
        CopyPicker(
            chosen.label, previews(screen.store, chosen, screen.language), load_default(), language=screen.language
        ),
        picked,
    )


FALLBACK_HINT = "Nothing pasted? Press Y, then t, to see the text and select it."


def send(app: App[object], text: str, what: str, note: str = "", hint: str = FALLBACK_HINT) -> None:
    """Send ``text`` by OSC 52 (wrapped as the multiplexer needs), locally when not over SSH, then say so."""
    delivery = plan(text, os.environ)
    # Textual has no public handle on its output: the wrappers go through the same driver that
    # copy_to_clipboard then uses for the plain OSC 52, which must come last (see csto_tui.clipboard).
    driver = app._driver
    if delivery.wrapped and driver is not None:
        driver.write(delivery.wrapped)
    app.copy_to_clipboard(delivery.text)

    first = clean_line(delivery.text.split("\n", 1)[0])
    shown = first if len(first) <= PREVIEW_CHARS else first[: PREVIEW_CHARS - 1] + "…"

    async def finish() -> None:
        copied = await asyncio.to_thread(copy_local, delivery) if delivery.local else False
        # What and where first: the key bar shows as much of the message as the width allows.
        app.notify(
            f"{note}Copied {what}, {delivery.describe(copied)}: “{shown}” ({len(delivery.text)} characters). {hint}",
            markup=False,
            timeout=NOTIFY_TIMEOUT,
        )

    app.run_worker(finish(), group="copy", exclusive=False)

"""A store whose every text field is hostile: markup, escape sequences, controls, bidi, huge and astral text.

Markers inside escape sequences (PWN...) must never reach the terminal: the sanitizer removes a
sequence whole, payload included. Markup must show literally: the marker "[@click=app.quit]" is
looked for on screen as text.
"""

from __future__ import annotations

from pathlib import Path

from .storegen import store_doc, write_store

MARKUP = [
    "[bold]B[/bold]",
    "[@click=app.quit]CLICKQUIT[/]",
    "[link='https://evil.example/markup']L[/link]",
    "[/]",
    "[[[nested]]]",
    "[b][i]unclosed",
    "]][[",
    "[red",
    "\\[escaped]",
    "[on red]x[/on red]",
    "[@click=app.bell]bell",
]
SEQUENCES = [
    "\x1b[2J\x1b[H",  # clear screen, home
    "\x1b[6n",  # cursor position report request: the terminal would answer into our stdin
    "\x1b[31mRED\x1b[0m",
    "\x9b6n",  # 8-bit CSI
    "\x1b]52;c;UFdOQ0xJUA==\x07",  # OSC 52: put "PWNCLIP" on the clipboard
    "\x1b]0;PWNTITLE\x07",  # window title
    "\x1b]8;;https://evil.example/PWNLINK\x1b\\linktext\x1b]8;;\x1b\\",  # OSC 8 hyperlink
    "\x9d2;PWNC1TITLE\x9c",  # 8-bit OSC
    "\x1bP+q696e646578\x1b\\",  # DCS request
    "\x1b]52;c;UFdOT1BFTg==",  # unterminated OSC 52
]
CONTROLS = ["\x00\x07\x08\x0b\x0c\x0e\x1f\x7f\x85\x8d\x9f", "a\rb"]
INVISIBLE = ["\u202eRLO\u202c", "\u2066iso\u2069", "\u200f", "\u200b\u200c\u200d\u2060\ufeff", "\U000e0041\U000e0042"]
ASTRAL = ["𝔸𝕓𝕔", "𠀀𠀁", "😀🏳️‍🌈", "\u0301\u0301\u0301", "\u2028line\u2029para"]
HOSTILE = MARKUP + SEQUENCES + CONTROLS + INVISIBLE + ASTRAL
ALL_HOSTILE = " ".join(HOSTILE)

# Text between the start of an escape sequence and its end: seen anywhere, the sanitizer failed.
LEAK_MARKERS = ["PWNCLIP", "UFdOQ0xJUA", "PWNTITLE", "PWNLINK", "PWNC1TITLE", "UFdOT1BFTg", "696e646578"]
# Shown literally on screen when markup is not parsed.
LITERAL_MARKER = "[@click=app.quit]CLICKQUIT[/]"

HUGE = 100_000
HUGE_FIELDS = {("summary_en", 0), ("quote", 0), ("title", 1), ("name_en", 0), ("event_source_text", 1)}

BAD_URLS = [
    "javascript:alert(1)",
    "file:///etc/passwd",
    "https://ok.example/\x1b]52;c;UFdOQ0xJUA==\x07",
    "http://ok.example/a b",
    "data:text/html,<script>",
    "https://evil.example/\u202etxt.exe",
    "ftp://files.example/x",
    "https://ok.example/[@click=app.quit]",
]


def hostile_text(field: str, i: int) -> str:
    if (field, i) in HUGE_FIELDS:
        return f"{field}{i} " + ("長" + "A" * 9 + LITERAL_MARKER) * (HUGE // 40)
    return f"{field}{i} {ALL_HOSTILE}"


def hostile_url(n: int) -> str | None:
    # Every other citation has a good link, so hyperlinks are emitted at all.
    return BAD_URLS[n % len(BAD_URLS)] if n % 2 else f"https://good.example/ref/{n}"


def write_hostile_store(path: Path, events: int = 12) -> Path:
    return write_store(path, store_doc(events, text=hostile_text, url=hostile_url))

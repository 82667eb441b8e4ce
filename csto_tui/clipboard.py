"""Deliver text to the user's clipboard: OSC 52 always, the local clipboard only when not over SSH.

The terminal never acknowledges OSC 52, so ``plan`` returns a ``Delivery`` that says exactly
what was sent and how; the UI shows that to the user. No Textual here: the app writes the
escape string through its driver, and the CLI or tests can write it to any stream.

Multiplexers (measured with tmux 3.3a, see docs/clipboard.md):

* plain OSC 52 is what tmux with ``set -g set-clipboard on`` stores in its paste buffer (and
  forwards to the outer terminal), so it is always sent, and sent last;
* inside tmux (``$TMUX``) the same sequence is also wrapped for passthrough, which reaches the
  outer terminal when ``allow-passthrough`` is on even if ``set-clipboard`` is not;
* under ``TERM=screen*`` without ``$TMUX`` (GNU screen, or tmux seen through SSH) it is also
  wrapped in GNU screen DCS strings of at most 768 bytes. The first chunk carries only
  ``ESC ] 52;c;``: tmux, which does not speak screen's DCS, then sees an empty OSC 52 and
  ignores it instead of storing a truncated copy.
"""

from __future__ import annotations

import base64
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal

from csto_tui.safety import clean

Multiplexer = Literal["tmux", "screen"]

SCREEN_DCS_LIMIT = 768  # GNU screen >= 4.2.1 drops longer string sequences
LOCAL_TIMEOUT = 2.0  # seconds a local clipboard tool may take

_ESC = "\x1b"
_ST = "\x1b\\"


def osc52(text: str) -> str:
    """One OSC 52 "set clipboard" sequence for ``text`` (UTF-8, base64), BEL-terminated like Textual's."""
    encoded = base64.b64encode(text.encode("utf-8")).decode("ascii")
    return f"{_ESC}]52;c;{encoded}\a"


def tmux_passthrough(sequence: str) -> str:
    """``sequence`` wrapped for tmux passthrough: every ESC doubled inside ``ESC P tmux; ... ESC \\``."""
    return f"{_ESC}Ptmux;{sequence.replace(_ESC, _ESC + _ESC)}{_ST}"


def screen_chunks(sequence: str, limit: int = SCREEN_DCS_LIMIT) -> str:
    """``sequence`` split into GNU screen DCS strings (``ESC P ... ESC \\``) of at most ``limit`` bytes each."""
    size = limit - 4  # each chunk gains ESC P before and ESC \ after
    head = sequence.index(";c;") + 3 if ";c;" in sequence else 0
    pieces = [sequence[:head]] if head else []
    rest = sequence[head:]
    pieces += [rest[i : i + size] for i in range(0, len(rest), size)]
    return "".join(f"{_ESC}P{piece}{_ST}" for piece in pieces)


def multiplexer(env: Mapping[str, str]) -> Multiplexer | None:
    if env.get("TMUX"):
        return "tmux"
    if env.get("STY") or env.get("TERM", "").startswith("screen"):
        return "screen"
    return None


def over_ssh(env: Mapping[str, str]) -> bool:
    return bool(env.get("SSH_CONNECTION") or env.get("SSH_TTY") or env.get("SSH_CLIENT"))


def local_command(
    env: Mapping[str, str], which: Callable[[str], str | None] = shutil.which, platform: str = sys.platform
) -> tuple[str, ...] | None:
    """The local clipboard tool, or None: never over SSH or served to a browser (the server's, not the user's)."""
    if over_ssh(env) or env.get("CSTO_TUI_SERVED"):
        return None
    candidates: list[tuple[str, ...]] = []
    if platform == "darwin":
        candidates.append(("pbcopy",))
    elif platform == "win32":
        candidates.append(("clip",))
    else:
        if env.get("WAYLAND_DISPLAY"):
            candidates.append(("wl-copy",))
        if env.get("DISPLAY"):
            candidates += [("xclip", "-selection", "clipboard"), ("xsel", "--clipboard", "--input")]
    for command in candidates:
        path = which(command[0])
        if path:
            return (path, *command[1:])
    return None


@dataclass(frozen=True, slots=True)
class Delivery:
    """What one copy sends: the sanitized text, its multiplexer wrapping, the local tool if any."""

    text: str
    wrapped: str  # sent before the plain OSC 52 (empty outside tmux and screen)
    multiplexer: Multiplexer | None
    over_ssh: bool
    local: tuple[str, ...] | None

    @property
    def plain(self) -> str:
        """The plain OSC 52 sequence, exactly what Textual's ``App.copy_to_clipboard`` writes."""
        return osc52(self.text)

    @property
    def sequence(self) -> str:
        """Everything for the terminal, in order."""
        return self.wrapped + self.plain

    def describe(self, copied_locally: bool) -> str:
        """How the text was sent, for the notification (the terminal never confirms)."""
        how = "sent to the terminal clipboard (OSC 52"
        if self.multiplexer == "tmux":
            how += ", through tmux"
        elif self.multiplexer == "screen":
            how += ", wrapped for GNU screen"
        how += ")"
        if self.over_ssh:
            how += " over SSH"
        if self.local and copied_locally:
            how += f" and to the local clipboard ({self.local[0].rsplit('/', 1)[-1]})"
        return how


def plan(text: str, env: Mapping[str, str], which: Callable[[str], str | None] = shutil.which) -> Delivery:
    """Everything to send for ``text``: its OSC 52 sequence, wrapped as the multiplexer needs, last plain."""
    text = clean(text)
    mux = multiplexer(env)
    wrapped = ""
    if mux == "tmux":
        wrapped = tmux_passthrough(osc52(text))
    elif mux == "screen":
        wrapped = screen_chunks(osc52(text))
    return Delivery(text, wrapped, mux, over_ssh(env), local_command(env, which))


def copy_local(delivery: Delivery) -> bool:
    """Hand the text to the local clipboard tool; False if there is none or it failed."""
    if delivery.local is None:
        return False
    try:
        result = subprocess.run(
            delivery.local,
            input=delivery.text.encode("utf-8"),
            stdout=subprocess.DEVNULL,  # xclip and wl-copy fork and keep the selection: never wait on their pipes
            stderr=subprocess.DEVNULL,
            timeout=LOCAL_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return result.returncode == 0

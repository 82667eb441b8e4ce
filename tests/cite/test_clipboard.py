"""The clipboard payload: OSC 52, tmux passthrough, GNU screen chunks, local clipboard only off SSH."""

from __future__ import annotations

import base64
import dataclasses
import re
import sys
from pathlib import Path

from csto_tui.clipboard import (
    SCREEN_DCS_LIMIT,
    copy_local,
    local_command,
    multiplexer,
    osc52,
    over_ssh,
    plan,
    screen_chunks,
    tmux_passthrough,
)

TEXT = "「集体安全条约组织」 — Reuters, 25 April 2010. https://e.org/a?b=1&c=%5C/"


def _decode(sequence: str) -> str:
    match = re.fullmatch(r"\x1b\]52;c;([A-Za-z0-9+/=]*)\x07", sequence)
    assert match, repr(sequence)
    return base64.b64decode(match.group(1)).decode("utf-8")


def test_osc52_is_utf8_base64() -> None:
    assert _decode(osc52(TEXT)) == TEXT
    assert osc52("hi") == "\x1b]52;c;aGk=\x07"


def test_plain_terminal_gets_one_sequence() -> None:
    delivery = plan(TEXT, {"TERM": "xterm-256color"}, which=lambda _: None)
    assert delivery.sequence == osc52(TEXT)
    assert delivery.multiplexer is None and delivery.local is None
    assert delivery.describe(False) == "sent to the terminal clipboard (OSC 52)"


def test_payload_is_sanitized() -> None:
    delivery = plan("a\x1b]52;c;ZXZpbA==\x07b\x00c\u202ed\r\n", {"TERM": "xterm"}, which=lambda _: None)
    assert delivery.text == "abcd\n"
    assert _decode(delivery.sequence) == "abcd\n"


def test_tmux_passthrough_then_plain() -> None:
    env = {"TMUX": "/tmp/tmux-0/default,1,0", "TERM": "screen"}
    assert multiplexer(env) == "tmux"
    delivery = plan(TEXT, env, which=lambda _: None)
    plain = osc52(TEXT)
    assert delivery.sequence == tmux_passthrough(plain) + plain
    assert tmux_passthrough(plain) == "\x1bPtmux;\x1b" + plain + "\x1b\\"
    assert delivery.describe(False) == "sent to the terminal clipboard (OSC 52, through tmux)"


def test_screen_chunks_fit_the_limit_and_reassemble() -> None:
    long_text = TEXT * 40
    plain = osc52(long_text)
    wrapped = screen_chunks(plain)
    chunks = re.findall(r"\x1bP(.*?)\x1b\\", wrapped, flags=re.S)
    assert "".join(f"\x1bP{c}\x1b\\" for c in chunks) == wrapped
    assert all(len(c) + 4 <= SCREEN_DCS_LIMIT for c in chunks)
    # The first chunk is only the introducer, so a tmux that ignores screen's DCS sees an empty OSC 52.
    assert chunks[0] == "\x1b]52;c;"
    assert _decode("".join(chunks)) == long_text
    env = {"TERM": "screen.xterm-256color"}
    assert multiplexer(env) == "screen"
    assert plan(long_text, env, which=lambda _: None).sequence == wrapped + plain
    assert multiplexer({"STY": "1234.pts-0.host", "TERM": "xterm"}) == "screen"


def test_local_clipboard_never_over_ssh() -> None:
    def which(name: str) -> str:
        return f"/usr/bin/{name}"

    local_env = {"DISPLAY": ":0"}
    assert local_command(local_env, which, "linux") == ("/usr/bin/xclip", "-selection", "clipboard")
    assert local_command({"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}, which, "linux") == ("/usr/bin/wl-copy",)
    assert local_command({}, which, "darwin") == ("/usr/bin/pbcopy",)
    assert local_command({}, which, "linux") is None  # no display: nothing local to copy to
    assert local_command(local_env, lambda name: None, "linux") is None
    for key in ("SSH_CONNECTION", "SSH_TTY", "SSH_CLIENT"):
        ssh_env = {**local_env, key: "10.0.0.1 5555 10.0.0.2 22"}
        assert over_ssh(ssh_env)
        # X forwarding gives a DISPLAY over SSH: that is the server's clipboard, never touched.
        assert local_command(ssh_env, which, "linux") is None
        assert local_command(ssh_env, which, "darwin") is None
    delivery = plan(TEXT, {**local_env, "SSH_TTY": "/dev/pts/1"}, which=which)
    assert delivery.local is None
    assert delivery.describe(False) == "sent to the terminal clipboard (OSC 52) over SSH"


def test_describe_local_copy() -> None:
    delivery = plan(TEXT, {"DISPLAY": ":0", "TERM": "xterm"}, which=lambda name: f"/usr/bin/{name}")
    assert delivery.describe(True) == "sent to the terminal clipboard (OSC 52) and to the local clipboard (xclip)"
    assert delivery.describe(False) == "sent to the terminal clipboard (OSC 52)"


def test_copy_local_hands_the_exact_bytes_to_the_tool(tmp_path: Path) -> None:
    out = tmp_path / "clip"
    tool = (sys.executable, "-c", f"import sys; open({str(out)!r}, 'wb').write(sys.stdin.buffer.read())")
    delivery = dataclasses.replace(plan(TEXT, {}, which=lambda _: None), local=tool)
    assert copy_local(delivery)
    assert out.read_bytes() == TEXT.encode("utf-8")
    failing = dataclasses.replace(delivery, local=(sys.executable, "-c", "raise SystemExit(1)"))
    assert not copy_local(failing)
    assert not copy_local(dataclasses.replace(delivery, local=("/nonexistent/xclip",)))
    assert not copy_local(dataclasses.replace(delivery, local=None))

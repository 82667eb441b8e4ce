"""A trivial stand-in for the explorer, for serve tests that need a child they fully control.

Prints its terminal and environment, reports resizes, copies with OSC 52 on ``y``, quits with status 3 on ``q``.
"""

from __future__ import annotations

import base64
import os
import signal
import sys
import termios
import tty

COPY_TEXT = "集体安全条约组织 [8] citation ✓"


def say(text: str) -> None:
    os.write(1, f"{text}\r\n".encode())


def size() -> str:
    cols, rows = os.get_terminal_size(0)
    return f"{cols}x{rows}"


def main() -> int:
    saved = termios.tcgetattr(0)
    tty.setraw(0, termios.TCSANOW)  # keeps keys typed ahead
    signal.signal(signal.SIGWINCH, lambda *_: say(f"resized {size()}"))
    try:
        say(f"child ready tty={os.ttyname(0)} size={size()} TERM={os.environ.get('TERM')}")
        say(f"LANG={os.environ.get('LANG')} COLORTERM={os.environ.get('COLORTERM')} SECRET={os.environ.get('SECRET')}")
        say(f"XDG_STATE_HOME={os.environ.get('XDG_STATE_HOME')} HOME={os.environ.get('HOME')} cwd={os.getcwd()}")
        say(f"SSH_CONNECTION={os.environ.get('SSH_CONNECTION')}")
        say(f"SSH_AUTH_SOCK={os.environ.get('SSH_AUTH_SOCK')} DISPLAY={os.environ.get('DISPLAY')} end")
        while True:
            try:
                key = os.read(0, 1)
            except InterruptedError:
                continue
            if not key or key == b"q":
                return 3
            if key == b"y":
                payload = base64.b64encode(COPY_TEXT.encode()).decode()
                os.write(1, f"\x1b]52;c;{payload}\x07".encode())
                say("copied")
            else:
                say(f"key {key!r}")
    finally:
        termios.tcsetattr(0, termios.TCSADRAIN, saved)


if __name__ == "__main__":
    sys.exit(main())

"""Run a command with its stdin's terminal as its controlling terminal: ``python -m csto_tui.serve.ctty CMD...``.

The server starts each app in a new session with a pty slave as its stdin. A new session has no
controlling terminal until it asks for one, and without one the kernel sends the app no SIGWINCH
when the window size changes and no SIGHUP when the pty is hung up. ``subprocess`` cannot ask on
the child's behalf without ``preexec_fn``, so this tiny step asks, then becomes the command.
"""

from __future__ import annotations

import fcntl
import os
import sys
import termios


def main(argv: list[str]) -> int:
    if not argv:
        print("usage: python -m csto_tui.serve.ctty COMMAND [ARG...]", file=sys.stderr)
        return 2
    try:
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)
        os.execvp(argv[0], argv)
    except OSError as exc:
        print(f"csto-tui serve: cannot start {argv[0]}: {exc.strerror}", file=sys.stderr)
        return 127
    return 0  # not reached: exec replaced this process


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

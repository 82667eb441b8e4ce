"""What the data commands print: payloads as UTF-8 whatever the locale says, errors as one line."""

from __future__ import annotations

import sys


def error(message: str) -> None:
    print(f"csto-tui: {message}", file=sys.stderr)


def write(text: str) -> None:
    """``text`` and a newline on stdout, byte for byte as UTF-8 (a payload, like the clipboard's)."""
    data = (text + "\n").encode("utf-8")
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(data.decode("utf-8"))
    else:
        sys.stdout.flush()
        buffer.write(data)
    sys.stdout.flush()

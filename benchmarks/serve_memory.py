"""Memory of one served session's app by terminal size: what the size clamp of ``csto-tui serve`` costs.

    python benchmarks/serve_memory.py [--sizes 80x24,200x60,...] [--rounds 2]

Each size starts the explorer on the shipped store in a pty of that size, as a session does (the
server's environment for it, ``CSTO_TUI_SERVED=ssh``), waits for the first frame, then opens the help
screen, goes back, and moves through the timeline, so every pane has been drawn at that size; then it
reports the app's peak RSS (VmHWM). Not a test: run it by hand, on a quiet machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from benchmarks.term import Terminal  # noqa: E402
from csto_tui.paths import shipped_store  # noqa: E402

SIZES = "80x24,200x60,300x100,400x150,512x256,1024x512"
TIMEOUT = 120.0


def measure(cols: int, rows: int) -> int:
    with tempfile.TemporaryDirectory() as home:
        env = {
            "PATH": os.environ.get("PATH", os.defpath),
            "TERM": "xterm-256color",
            "LANG": "C.UTF-8",
            "HOME": home,
            "XDG_STATE_HOME": home,
            "XDG_DATA_HOME": home,
            "CSTO_TUI_SERVED": "ssh",
            "SSH_CONNECTION": "127.0.0.1 1 127.0.0.1 2",
        }
        if "PYTHONPATH" in os.environ:
            env["PYTHONPATH"] = os.environ["PYTHONPATH"]
        argv = [sys.executable, "-m", "csto_tui", "--db", str(shipped_store())]
        term = Terminal(argv, cols, rows, env)
        try:
            if term.wait_for(lambda t: t.contains("Quit"), TIMEOUT) is None:
                raise SystemExit(f"no first frame at {cols}x{rows}")
            term.settle(0.3, 20)
            for keys in (b"?", b"\x1b", b"j", b"j", b"j", b"\t", b"\t"):
                term.send(keys)
                term.settle(0.3, 20)
            peak = term.peak_rss_kib()
            assert peak is not None
            return peak
        finally:
            term.close(b"q")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=SIZES)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    print("| size | cells | peak RSS of the app (MiB) |")
    print("| --- | ---: | ---: |")
    for size in args.sizes.split(","):
        cols, rows = (int(n) for n in size.split("x"))
        peaks = [measure(cols, rows) / 1024 for _ in range(args.rounds)]
        print(f"| {cols}x{rows} | {cols * rows:,} | {statistics.median(peaks):.1f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

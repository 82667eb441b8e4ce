"""How long csto-tui outlives its terminal when tmux closes it (``kill-server``), against a bare Textual app.

Run from the repository root:  ``.venv/bin/python benchmarks/hangup.py [--runs 5]``

Each run starts the app in a fresh tmux server on a private socket, waits for its first frame,
then times from ``tmux kill-server`` to the moment the app's process is gone (polled every 5 ms).
The bare app (benchmarks/bare_app.py) runs interleaved with csto-tui, so the two medians come
from the same machine at the same load.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
LIMIT = 20.0  # an app still alive this long after its terminal closed is reported as "> LIMIT"


def _tmux(socket: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["tmux", "-S", str(socket), "-f", "/dev/null", *args], capture_output=True, text=True)


def _wait(predicate: object, timeout: float, step: float = 0.005) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return True
        time.sleep(step)
    return False


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def one_run(argv: list[str], ready: str, state: Path, *, ignore_hup: bool) -> float:
    """Seconds from kill-server until the process running ``argv`` is gone.

    ``ignore_hup``: started with SIGHUP ignored (nohup, some job controls), so only the
    terminal vanishing tells the app; else it gets the SIGHUP of its closing terminal.
    """
    socket = Path(tempfile.mkdtemp(prefix="csto-hup-")) / "tmux.sock"
    env = f"env XDG_STATE_HOME={shlex.quote(str(state))} TERM=xterm-256color"
    trap = "trap '' HUP; " if ignore_hup else ""
    command = f"{trap}exec {env} {shlex.join(argv)}"
    try:
        _tmux(socket, "new-session", "-d", "-s", "h", "-x", "80", "-y", "24", command)
        if not _wait(lambda: ready in _tmux(socket, "capture-pane", "-p", "-t", "h").stdout, 60, 0.05):
            raise SystemExit(f"{argv[-1]} never drew {ready!r}")
        pid = int(_tmux(socket, "display-message", "-p", "-t", "h", "#{pane_pid}").stdout.strip())
        start = time.monotonic()
        _tmux(socket, "kill-server")
        if not _wait(lambda: not _alive(pid), LIMIT):
            os.kill(pid, 9)  # ours, and it would live on
            return float("inf")
        return time.monotonic() - start
    finally:
        shutil.rmtree(socket.parent, ignore_errors=True)


def _seconds(value: float) -> str:
    return f"> {LIMIT:.0f}" if value == float("inf") else f"{value:.2f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    apps = {
        "bare Textual app": ([sys.executable, str(HERE / "bare_app.py")], "bare textual app ready"),
        "csto-tui (shipped store)": ([sys.executable, "-m", "csto_tui"], "Timeline"),
    }
    times: dict[tuple[str, bool], list[float]] = {(name, ignore): [] for ignore in (False, True) for name in apps}
    with tempfile.TemporaryDirectory() as state:
        for _ in range(args.runs):
            for name, ignore in times:
                argv, ready = apps[name]
                times[name, ignore].append(one_run(argv, ready, Path(state), ignore_hup=ignore))
    print("| app | SIGHUP | gone after kill-server, median s | min / max s |\n|---|---|---|---|")
    for (name, ignore), samples in times.items():
        hup = "ignored" if ignore else "delivered"
        figures = [_seconds(statistics.median(samples)), _seconds(min(samples)), _seconds(max(samples))]
        print(f"| {name} | {hup} | {figures[0]} | {figures[1]} / {figures[2]} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

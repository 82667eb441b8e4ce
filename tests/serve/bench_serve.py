"""Measure ``csto-tui serve`` with the real app and the real OpenSSH client (not a test; run it by hand).

    python tests/serve/bench_serve.py [--sessions 20] [--rounds 5]

Reports: time from starting ``ssh`` to the app's first full frame (one session at a time, and the
same for the app started locally, for comparison); how many sessions are held at once; each
session's memory (RSS and PSS of its app process) and the server's own.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import re
import selectors
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(REPO))

from csto_tui.paths import shipped_store  # noqa: E402
from tests.serve.conftest import children  # noqa: E402

SERVE = [sys.executable, "-m", "csto_tui", "serve", "--open", "--port", "0", "--rate", "0"]
FRAME_DONE = "Quit"  # the footer: drawn last in the first frame
ESCAPES = re.compile(rb"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])")


class Terminal:
    """A program under its own 80x24 pseudo-terminal, its screen text collected as it arrives."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.started = time.monotonic()
        self.process = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True, close_fds=True
        )
        os.close(slave)
        os.set_blocking(self.master, False)
        self.text = b""
        self.first_frame: float | None = None

    def read(self) -> None:
        try:
            data = os.read(self.master, 65536)
        except (BlockingIOError, OSError):
            return
        self.text += ESCAPES.sub(b"", data)
        if self.first_frame is None and FRAME_DONE.encode() in self.text:
            self.first_frame = time.monotonic() - self.started

    def close(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGHUP)
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        os.close(self.master)


def wait_frames(terminals: list[Terminal], timeout: float = 120.0) -> None:
    selector = selectors.DefaultSelector()
    for term in terminals:
        selector.register(term.master, selectors.EVENT_READ, term)
    deadline = time.monotonic() + timeout
    while any(t.first_frame is None for t in terminals) and time.monotonic() < deadline:
        for key, _ in selector.select(0.5):
            key.data.read()
    selector.close()


def memory(pid: int) -> tuple[float, float]:
    """RSS and PSS of ``pid`` in MiB (PSS shares the libraries among the apps fairly)."""
    fields = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, value = line.split(":", 1)
        fields[name] = int(value.split()[0]) / 1024
    return fields["Rss"], fields["Pss"]


def ssh_argv(port: int) -> list[str]:
    return [
        "ssh",
        "-F",
        "/dev/null",
        "-tt",
        "-p",
        str(port),
        "-o",
        "PubkeyAuthentication=no",
        "-o",
        "StrictHostKeyChecking=no",
        "-o",
        "UserKnownHostsFile=/dev/null",
        "-o",
        "LogLevel=ERROR",
        "127.0.0.1",
    ]


def start_server(argv: list[str], tmp: Path, env: dict[str, str]) -> tuple[subprocess.Popen[bytes], int]:
    log_path = tmp / f"server-{time.monotonic_ns()}.log"
    server = subprocess.Popen(argv, stdout=log_path.open("wb"), stderr=subprocess.STDOUT, env=env, cwd=REPO)
    while not (match := re.search(r"port (\d+)", log_path.read_text())):
        time.sleep(0.05)
    return server, int(match.group(1))


def first_frames(label: str, argv: list[str], env: dict[str, str], rounds: int) -> None:
    times = []
    for _ in range(rounds):
        term = Terminal(argv, env)
        wait_frames([term])
        times.append(term.first_frame or float("nan"))
        term.close()
    print(f"{label} first frame: median {statistics.median(times):.2f}s  (min {min(times):.2f}s, n={rounds})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=5)
    opts = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="csto-serve-bench-"))
    env = {**os.environ, "XDG_DATA_HOME": str(tmp), "TERM": "xterm-256color", "LANG": "C.UTF-8"}
    print(f"load average before: {os.getloadavg()[0]:.2f}  cores: {os.cpu_count()}")

    # The server's own cost: a child that draws "Quit" at once, over ssh and locally.
    trivial = [sys.executable, "-c", f"print({FRAME_DONE!r}, flush=True); import time; time.sleep(60)"]
    bare, bare_port = start_server([sys.executable, str(HERE / "run_server.py"), *SERVE[4:], "--", *trivial], tmp, env)
    first_frames("trivial child, local  ", trivial, env, opts.rounds)
    first_frames("trivial child, ssh    ", ssh_argv(bare_port), env, opts.rounds)
    bare.send_signal(signal.SIGTERM)
    bare.wait(30)

    server, port = start_server([*SERVE, "--max-sessions", str(opts.sessions), "--db", str(shipped_store())], tmp, env)
    try:
        first_frames("the app, local        ", [sys.executable, "-m", "csto_tui"], env, opts.rounds)
        first_frames("the app, ssh          ", ssh_argv(port), env, opts.rounds)

        while children(server.pid):  # a slot is free once its app is gone, not when ssh leaves
            time.sleep(0.1)
        terminals = [Terminal(ssh_argv(port), env) for _ in range(opts.sessions)]
        wait_frames(terminals)
        framed = [t.first_frame for t in terminals if t.first_frame is not None]
        full = sum(b"server is full" in t.text for t in terminals)
        if full:
            print(f"  {full} were told the server is full")
        apps = children(server.pid)
        print(
            f"held at once: {len(framed)} of {opts.sessions} sessions drew their first frame; {len(apps)} apps running"
        )
        if framed:
            print(f"  first frame under that load: median {statistics.median(framed):.2f}s, slowest {max(framed):.2f}s")
        sizes = [memory(pid) for pid in apps]
        if sizes:
            rss = [r for r, _ in sizes]
            pss = [p for _, p in sizes]
            median_rss, median_pss = statistics.median(rss), statistics.median(pss)
            print(f"  per session (app process): RSS median {median_rss:.1f} MiB, PSS {median_pss:.1f} MiB")
            print(f"  all apps: RSS {sum(rss):.0f} MiB, PSS {sum(pss):.0f} MiB")
        server_rss, _ = memory(server.pid)
        print(f"  server process: RSS {server_rss:.1f} MiB")
        for term in terminals:
            term.close()
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(30)
        left = [pid for pid in apps if Path(f"/proc/{pid}").exists()] if "apps" in locals() else []
        print(f"server exit {server.returncode}; apps left behind: {len(left)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""A private tmux server for driving ``csto-tui`` as a user's terminal would."""

from __future__ import annotations

import shlex
import subprocess
import time
from pathlib import Path

from .conftest import csto_tui


class Tmux:
    """tmux on its own socket, no user config; every session keeps its pane after the app exits."""

    def __init__(self, socket: Path) -> None:
        self.socket = socket

    def run(self, *args: str) -> str:
        result = subprocess.run(
            ["tmux", "-S", str(self.socket), "-f", "/dev/null", *args], capture_output=True, text=True, timeout=30
        )
        if result.returncode != 0:
            raise RuntimeError(f"tmux {' '.join(args)}: {result.stderr.strip()}")
        return result.stdout

    def start(self, name: str, args: list[str], *, env: dict[str, str], cols: int = 80, rows: int = 24) -> None:
        """``csto-tui ARGS`` in session ``name``; when it ends the pane says ``EXITED <status>``."""
        command = " ".join(shlex.quote(a) for a in csto_tui() + args)
        assignments = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        script = f"env {assignments} {command}; echo EXITED $?; sleep 120"
        self.run("new-session", "-d", "-s", name, "-x", str(cols), "-y", str(rows), "sh", "-c", script)

    def send(self, name: str, *keys: str) -> None:
        for key in keys:
            self.run("send-keys", "-t", name, key)
            time.sleep(0.12)

    def capture(self, name: str) -> str:
        return self.run("capture-pane", "-p", "-t", name)

    def display(self, name: str, fmt: str) -> str:
        return self.run("display-message", "-p", "-t", name, fmt).strip()

    def resize(self, name: str, cols: int, rows: int) -> None:
        self.run("resize-window", "-t", name, "-x", str(cols), "-y", str(rows))

    def wait_for(self, name: str, text: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.capture(name)
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} not on screen in {name} after {timeout}s:\n{screen}")

    def wait_stable(self, name: str, timeout: float = 20.0, quiet: float = 0.6) -> str:
        """The screen once it has stopped changing for ``quiet`` seconds (the app caught up)."""
        deadline = time.monotonic() + timeout
        last = self.capture(name)
        since = time.monotonic()
        while time.monotonic() < deadline:
            time.sleep(0.1)
            screen = self.capture(name)
            if screen != last:
                last, since = screen, time.monotonic()
            elif time.monotonic() - since >= quiet:
                return screen
        raise AssertionError(f"{name}: screen still changing after {timeout}s:\n{last}")

    def kill(self) -> None:
        subprocess.run(["tmux", "-S", str(self.socket), "kill-server"], capture_output=True, timeout=10)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            alive = subprocess.run(["tmux", "-S", str(self.socket), "list-sessions"], capture_output=True, timeout=10)
            if alive.returncode != 0:
                break
            time.sleep(0.05)
        self.socket.unlink(missing_ok=True)

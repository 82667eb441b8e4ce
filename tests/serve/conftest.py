"""Real programs for the serve tests: the server as a process, OpenSSH's client, and tmux as the user's terminal."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
CHILD = [sys.executable, str(HERE / "child_app.py")]
TIMEOUT = 10.0


def wait_until(check: Callable[[], object], timeout: float = TIMEOUT, what: str = "condition") -> object:
    """Poll ``check`` until it returns something truthy; fail with ``what`` after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(0.05)


def children(pid: int) -> list[int]:
    """Live child processes of ``pid``, from /proc (procps may not be installed)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


def running(pid: int) -> bool:
    """Whether process ``pid`` exists and has not ended (a zombie has)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(") ", 1)[1][0] != "Z"
    except (FileNotFoundError, ProcessLookupError):
        return False


class Server:
    """``csto-tui serve`` as its own process, on a free loopback port, logging to a file."""

    def __init__(self, tmp: Path, options: list[str], child: list[str] | None, env: dict[str, str]) -> None:
        self.log_path = tmp / f"server-{uuid.uuid4().hex[:6]}.log"
        env = {**os.environ, "XDG_DATA_HOME": str(tmp / "data"), "PYTHONUNBUFFERED": "1", **env}
        if child is None:
            argv = [sys.executable, "-m", "csto_tui", "serve", "--port", "0", *options]
        else:
            argv = [sys.executable, str(HERE / "run_server.py"), "--port", "0", *options, "--", *child]
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=REPO)
        found = wait_until(self._port, what=f"the server to listen (log: {self.log_path})")
        self.port = int(str(found))

    def _port(self) -> str | None:
        if self.process.poll() is not None:
            raise AssertionError(f"server exited {self.process.returncode}: {self.log()}")
        match = re.search(r"listening on \S+ port (\d+)", self.log())
        return match.group(1) if match else None

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def wait_log(self, pattern: str, timeout: float = TIMEOUT) -> re.Match[str]:
        found = wait_until(lambda: re.search(pattern, self.log()), timeout, f"{pattern!r} in the server log")
        assert isinstance(found, re.Match)
        return found

    def children(self) -> list[int]:
        """PIDs of the server's child processes (the apps)."""
        return children(self.process.pid)

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(TIMEOUT)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode


class Keys:
    """A client key pair, a second key the server does not know, and an authorized_keys file."""

    def __init__(self, tmp: Path) -> None:
        self.key = tmp / "id_ed25519"
        self.stranger = tmp / "stranger_ed25519"
        for path in (self.key, self.stranger):
            subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(path)], check=True)
        self.authorized = tmp / "authorized_keys"
        shutil.copy(self.key.with_suffix(".pub"), self.authorized)


def ssh_options(port: int, key: Path | None) -> list[str]:
    """Options making the real OpenSSH client ignore the user's config, agent and known hosts."""
    options = [
        "-F",
        "/dev/null",
        "-p",
        str(port),
        "-o",
        "StrictHostKeyChecking=no",
        "-o",
        "UserKnownHostsFile=/dev/null",
        "-o",
        "LogLevel=ERROR",
        "-o",
        "BatchMode=yes",
        "-o",
        "IdentityAgent=none",
        "-o",
        "IdentitiesOnly=yes",
    ]
    if key is None:
        options += ["-o", "PubkeyAuthentication=no"]
    else:
        options += ["-i", str(key)]
    return options


class Tmux:
    """A private tmux server (its own socket) whose one pane is the user's terminal."""

    def __init__(self, cols: int = 100, rows: int = 30) -> None:
        self.socket = f"csto-serve-{uuid.uuid4().hex[:8]}"
        self.size = (cols, rows)
        self.started = False

    def tmux(self, *args: str, check: bool = True) -> str:
        out = subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=check)
        return out.stdout

    def run(self, argv: list[str], env: dict[str, str] | None = None) -> None:
        """Run ``argv`` in the pane; its exit status is printed and the pane kept for reading."""
        prefix = "".join(f"{name}={shlex.quote(value)} " for name, value in (env or {}).items())
        shell = f"{prefix}{shlex.join(argv)}; echo EXIT=$?; sleep 600"
        cols, rows = self.size
        self.tmux("-f", "/dev/null", "new-session", "-d", "-s", "t", "-x", str(cols), "-y", str(rows), "env " + shell)
        self.started = True
        self.tmux("set-option", "-g", "set-clipboard", "on")

    def send(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "t", *keys)

    def screen(self, join: bool = True) -> str:
        """The pane's text; ``join`` undoes the wrapping of long lines (not what the layout looks like)."""
        return self.tmux("capture-pane", "-p", "-t", "t", *(["-J"] if join else []))

    def wait_for(self, text: str, timeout: float = TIMEOUT) -> str:
        wait_until(lambda: text in self.screen(), timeout, f"{text!r} on screen:\n{self.screen()}")
        return self.screen()

    def exit_status(self, timeout: float = TIMEOUT) -> int:
        found = wait_until(lambda: re.search(r"EXIT=(\d+)", self.screen()), timeout, f"exit:\n{self.screen()}")
        assert isinstance(found, re.Match)
        return int(found.group(1))

    def resize(self, cols: int, rows: int) -> None:
        self.tmux("resize-window", "-t", "t", "-x", str(cols), "-y", str(rows))

    def buffer(self) -> str:
        return self.tmux("show-buffer", check=False)

    def kill(self) -> None:
        if self.started:
            path = self.tmux("display-message", "-p", "#{socket_path}", check=False).strip()
            self.tmux("kill-server", check=False)
            wait_until(lambda: subprocess.run(["tmux", "-L", self.socket, "has-session"]).returncode != 0)
            if path:  # tmux leaves its socket file behind
                Path(path).unlink(missing_ok=True)


@pytest.fixture(scope="session", autouse=True)
def _programs() -> None:
    # Never skip: CI installs these (scripts/test); a missing one is a failure to fix, not a pass.
    for program in ("ssh", "sftp", "tmux", "ssh-keygen"):
        assert shutil.which(program), f"{program} is needed for the serve tests (apt install openssh-client tmux)"


@pytest.fixture
def keys(tmp_path: Path) -> Keys:
    return Keys(tmp_path)


@pytest.fixture
def start_server(tmp_path: Path) -> Iterator[Callable[..., Server]]:
    servers: list[Server] = []

    def start(*options: str, child: list[str] | None = CHILD, env: dict[str, str] | None = None) -> Server:
        server = Server(tmp_path, list(options), child, env or {})
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()
        print(f"--- server log {server.log_path}:\n{server.log()}")  # shown when the test failed


@pytest.fixture
def tmux() -> Iterator[Callable[..., Tmux]]:
    panes: list[Tmux] = []

    def make(cols: int = 100, rows: int = 30) -> Tmux:
        pane = Tmux(cols, rows)
        panes.append(pane)
        return pane

    yield make
    for pane in panes:
        pane.kill()

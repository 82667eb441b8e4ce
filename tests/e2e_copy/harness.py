"""Real programs for the copy tests: a private tmux server and a throwaway OpenSSH server on loopback."""

from __future__ import annotations

import getpass
import itertools
import os
import shlex
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

TMUX = shutil.which("tmux")
SSHD = shutil.which("sshd") or ("/usr/sbin/sshd" if os.access("/usr/sbin/sshd", os.X_OK) else None)
SSH = shutil.which("ssh")
SSH_KEYGEN = shutil.which("ssh-keygen")
SCREEN = shutil.which("screen")
# The same Python environment as the tests (/work/venv here, the repo's .venv in CI).
CSTO_TUI = str(Path(sys.executable).parent / "csto-tui")
_sockets = itertools.count()


def wait_for(predicate: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}")


class Tmux:
    """One tmux server on a private socket, one window of fixed size, set-clipboard on."""

    def __init__(self, width: int = 100, height: int = 30, default_terminal: str | None = None) -> None:
        assert TMUX, "tmux is required (scripts/test installs it with apt)"
        self.socket = f"csto-e2e-{os.getpid()}-{next(_sockets)}"
        self.env = {k: v for k, v in os.environ.items() if k not in ("TMUX", "TMUX_PANE", "STY")}
        # A placeholder keeps the session alive while options are set; the app replaces it.
        self.run("-f", "/dev/null", "new-session", "-d", "-s", "e2e", "-x", str(width), "-y", str(height), "sleep 600")
        self.run("set-option", "-g", "set-clipboard", "on")
        self.run("set-option", "-g", "remain-on-exit", "on")
        self.run("set-option", "-g", "history-limit", "100")
        if default_terminal:
            self.run("set-option", "-g", "default-terminal", default_terminal)
        self.socket_path = Path(self.run("display-message", "-p", "#{socket_path}").stdout.decode().strip())

    def run(self, *args: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            [TMUX or "tmux", "-L", self.socket, *args], capture_output=True, env=self.env, check=False
        )

    def start(self, command: str) -> None:
        result = self.run("respawn-pane", "-k", "-t", "e2e:0.0", command)
        assert result.returncode == 0, result.stderr

    def keys(self, *keys: str) -> None:
        self.run("send-keys", "-t", "e2e:0.0", *keys)

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", "e2e:0.0").stdout.decode("utf-8", "replace")

    def wait_screen(self, text: str, timeout: float = 15.0) -> None:
        try:
            wait_for(lambda: text in self.screen(), timeout, f"{text!r} on screen")
        except AssertionError:
            raise AssertionError(f"{text!r} never appeared; the pane shows:\n{self.screen()}") from None

    def wait_exited(self, timeout: float = 15.0) -> None:
        """Wait until the pane's program has ended. Not "Pane is dead": tmux 3.3 sometimes reaps an exited
        program ~11 s late (a bare Textual app too), while the process is already a zombie."""
        pid = self.run("display-message", "-p", "-t", "e2e:0.0", "#{pane_pid}").stdout.decode().strip()
        status = Path(f"/proc/{pid}/status")

        def ended() -> bool:
            try:
                return "\nState:\tZ" in status.read_text()
            except FileNotFoundError:
                return True

        wait_for(ended, timeout, f"the pane's program (pid {pid}) to exit")

    def buffer(self) -> bytes | None:
        result = self.run("show-buffer")
        return result.stdout if result.returncode == 0 else None

    def buffers(self) -> list[str]:
        return self.run("list-buffers", "-F", "#{buffer_name}").stdout.decode().split()

    def wait_buffer(self, expected: bytes, timeout: float = 10.0) -> None:
        try:
            wait_for(lambda: self.buffer() == expected, timeout, "the tmux paste buffer")
        except AssertionError:
            raise AssertionError(
                f"tmux buffer is {self.buffer()!r}, expected {expected!r}; the pane shows:\n{self.screen()}"
            ) from None

    def close(self) -> None:
        self.run("kill-server")
        # The next server on this socket must not meet the old one (field notes).
        wait_for(lambda: self.run("list-sessions").returncode != 0, 5.0, "tmux to exit")
        self.socket_path.unlink(missing_ok=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Sshd:
    """OpenSSH's sshd on 127.0.0.1: its own port, config, host key and client key; key-only login."""

    def __init__(self, root: Path) -> None:
        assert SSHD and SSH and SSH_KEYGEN, "OpenSSH server and client are required (scripts/test installs them)"
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.host_key = root / "host_ed25519"
        self.client_key = root / "client_ed25519"
        self.authorized = root / "authorized_keys"
        self.pid_file = root / "sshd.pid"
        self.log = root / "sshd.log"
        for key in (self.host_key, self.client_key):
            subprocess.run([SSH_KEYGEN, "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
        self.authorized.write_text(Path(f"{self.client_key}.pub").read_text())
        self.config = root / "sshd_config"
        self.config.write_text(
            "\n".join(
                [
                    f"Port {self.port}",
                    "ListenAddress 127.0.0.1",
                    f"HostKey {self.host_key}",
                    f"PidFile {self.pid_file}",
                    f"AuthorizedKeysFile {self.authorized}",
                    "StrictModes no",
                    "PubkeyAuthentication yes",
                    "PasswordAuthentication no",
                    "KbdInteractiveAuthentication no",
                    "UsePAM no",
                    "PermitRootLogin prohibit-password",
                    "",
                ]
            )
        )
        Path("/run/sshd").mkdir(parents=True, exist_ok=True)  # privilege separation directory
        subprocess.run([SSHD, "-f", str(self.config), "-E", str(self.log)], check=True)
        wait_for(self._listening, 10.0, "sshd to listen")

    def _listening(self) -> bool:
        with socket.socket() as sock:
            return sock.connect_ex(("127.0.0.1", self.port)) == 0

    def ssh_command(self, remote: str) -> str:
        """An ``ssh -tt`` command line for a tmux pane that runs ``remote`` on this server."""
        args = [
            SSH or "ssh",
            "-tt",
            "-F",
            "/dev/null",
            "-p",
            str(self.port),
            "-i",
            str(self.client_key),
            "-o",
            "IdentitiesOnly=yes",
            "-o",
            "StrictHostKeyChecking=no",
            "-o",
            "UserKnownHostsFile=/dev/null",
            "-o",
            "LogLevel=ERROR",
            f"{getpass.getuser()}@127.0.0.1",
            remote,
        ]
        return shlex.join(args)

    def close(self) -> None:
        try:
            pid = int(self.pid_file.read_text().strip())
        except (OSError, ValueError):
            return
        try:
            os.kill(pid, 15)
        except ProcessLookupError:
            return
        wait_for(lambda: not self._listening(), 5.0, "sshd to stop")

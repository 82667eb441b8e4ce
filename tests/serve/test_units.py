"""The server's small parts, and its command line's one-line errors."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from csto_tui.serve import hostkey
from csto_tui.serve.limits import RateLimit
from csto_tui.serve.settings import is_loopback

from .conftest import REPO, TIMEOUT


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_rate_limit_is_per_address_and_slides() -> None:
    clock = Clock()
    rate = RateLimit(2, window=60, clock=clock)
    assert rate.allow("10.0.0.1") and rate.allow("10.0.0.1")
    assert not rate.allow("10.0.0.1")
    assert rate.allow("10.0.0.2")  # another address has its own budget
    clock.now = 59.0
    assert not rate.allow("10.0.0.1")
    clock.now = 60.5  # the first two have left the window
    assert rate.allow("10.0.0.1")
    assert RateLimit(0).allow("x")  # 0: no limit


def test_rate_limit_forgets_quiet_addresses() -> None:
    clock = Clock()
    rate = RateLimit(1, window=1, clock=clock)
    for n in range(1000):
        rate.allow(f"10.0.{n // 256}.{n % 256}")
    clock.now = 5.0
    rate.allow("10.9.9.9")
    assert len(rate._seen) == 1


def test_host_key_is_generated_once_owner_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    path = hostkey.default_path()
    assert path == tmp_path / "data" / "csto-tui" / "ssh_host_ed25519_key"
    key, created = hostkey.load_or_create(path)
    assert created
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    again, created = hostkey.load_or_create(path)
    assert not created
    assert again.get_fingerprint() == key.get_fingerprint()


def test_a_bad_host_key_is_a_one_line_error(tmp_path: Path) -> None:
    bad = tmp_path / "key"
    bad.write_text("not a key\n")
    bad.chmod(0o600)
    with pytest.raises(hostkey.HostKeyError, match="cannot read host key"):
        hostkey.load(bad)
    with pytest.raises(hostkey.HostKeyError, match="does not exist"):
        hostkey.load(tmp_path / "missing")


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("127.1.2.3", True), ("::1", True), ("localhost", True), ("0.0.0.0", False), ("", False)],
)
def test_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def serve(*args: str, tmp: Path, prelude: str = "") -> subprocess.CompletedProcess[str]:
    code = f"import sys; {prelude}from csto_tui.cli import main; sys.exit(main(sys.argv[1:]))"
    env = {**os.environ, "XDG_DATA_HOME": str(tmp / "data")}
    argv = [sys.executable, "-c", code, "serve", *args]
    return subprocess.run(argv, capture_output=True, text=True, env=env, cwd=REPO, timeout=TIMEOUT)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "say who may connect: --authorized-keys FILE, or --open for anyone"),
        (("--authorized-keys", "/nonexistent/keys"), "authorized keys file /nonexistent/keys does not exist"),
        (("--open", "--host-key", "/nonexistent/key"), "host key /nonexistent/key does not exist"),
        (("--open", "--port", "70000"), "--port must be 0-65535, not 70000"),
        (("--open", "--max-sessions", "0"), "--max-sessions must be at least 1"),
        (("--open", "--idle-timeout", "-1"), "--idle-timeout cannot be negative"),
        (("--open", "--db", "/nonexistent/store.json"), "store /nonexistent/store.json does not exist"),
        (("--web", "--port", "0"), "--web needs a fixed --port"),
    ],
)
def test_bad_options_are_one_line_errors(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    result = serve(*args, tmp=tmp_path)
    assert result.returncode == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr


def test_port_in_use_is_a_one_line_error(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        result = serve("--open", "--port", str(taken.getsockname()[1]), tmp=tmp_path)
    assert result.returncode == 2
    assert "cannot listen on 127.0.0.1:" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("module", "flag", "extra"), [("asyncssh", "--open", "serve"), ("textual_serve", "--web", "web")]
)
def test_missing_extra_is_a_one_line_error(tmp_path: Path, module: str, flag: str, extra: str) -> None:
    result = serve(flag, "--port", "2299", tmp=tmp_path, prelude=f"sys.modules[{module!r}] = None; ")
    assert result.returncode == 2
    assert result.stderr.strip().endswith(f"pip install 'csto-tui[{extra}]'")
    assert len(result.stderr.strip().splitlines()) == 1


def test_open_on_a_public_address_warns(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data")}
    argv = [sys.executable, "-m", "csto_tui", "serve", "--open", "--host", "0.0.0.0", "--port", "0"]
    server = subprocess.Popen(argv, stderr=subprocess.PIPE, text=True, env=env, cwd=REPO)
    assert server.stderr is not None
    lines = [server.stderr.readline() for _ in range(3)]
    server.terminate()
    assert server.wait(TIMEOUT) == 0
    text = "".join(lines)
    assert "WARNING: listening on 0.0.0.0 with --open: anyone who can reach this address gets in" in text
    assert "listening on 0.0.0.0 port" in text


def test_ctty_without_a_command() -> None:
    result = subprocess.run([sys.executable, "-m", "csto_tui.serve.ctty"], capture_output=True, text=True)
    assert result.returncode == 2
    assert "usage:" in result.stderr


class FakeConnection:
    def __init__(self, host: str) -> None:
        self.host = host
        self.evicted = False

    def evict(self) -> None:
        self.evicted = True


def test_pending_slots_are_shared_fairly(tmp_path: Path) -> None:
    from csto_tui.serve.server import MAX_PENDING, MAX_PENDING_PER_ADDRESS, Hub
    from csto_tui.serve.settings import Settings
    from csto_tui.serve.state import StateRoot

    state = StateRoot(tmp_path / "state")
    try:
        hub = Hub(Settings(command=["true"]), state)
        admit = hub.admit
        first = [FakeConnection("10.0.0.1") for _ in range(MAX_PENDING_PER_ADDRESS + 1)]
        assert [admit(c) for c in first][-1] == "too many pending connections from this address"
        others = MAX_PENDING - MAX_PENDING_PER_ADDRESS
        assert all(admit(FakeConnection(f"10.0.1.{n}")) is None for n in range(others))  # every slot taken
        # A newcomer takes the oldest slot of the address holding the most, while it holds 2+ more.
        for n in range(MAX_PENDING_PER_ADDRESS - 1):
            assert admit(FakeConnection(f"192.0.2.{n}")) is None
            assert first[n].evicted
        assert hub.pending_from("10.0.0.1") == 1
        # Every address holds one: there is nothing fair to take.
        assert admit(FakeConnection("198.51.100.1")) == "too many connections"
        assert not first[MAX_PENDING_PER_ADDRESS - 1].evicted
    finally:
        state.close()

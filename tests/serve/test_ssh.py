"""``csto-tui serve`` driven by the real OpenSSH client in a tmux pane, with a stand-in app it fully controls."""

from __future__ import annotations

import re
import socket
import subprocess
import time
from pathlib import Path

from .child_app import COPY_TEXT
from .conftest import TIMEOUT, Keys, running, ssh_options, wait_until

SSH = "ssh"


def ssh_run(port: int, key: Path | None, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    argv = [SSH, *ssh_options(port, key), *args]
    return subprocess.run(argv, input=stdin, capture_output=True, text=True, timeout=TIMEOUT)


def test_key_session_types_copies_resizes_and_quits(start_server, tmux, keys: Keys) -> None:
    server = start_server("--authorized-keys", str(keys.authorized))
    pane = tmux(100, 30)
    env = {"LANG": "en_US.UTF-8", "COLORTERM": "truecolor", "SECRET": "leak"}
    sendenv = ["-o", "SendEnv=LANG COLORTERM SECRET"]
    pane.run([SSH, *ssh_options(server.port, keys.key), *sendenv, "-tt", "127.0.0.1"], env)

    screen = pane.wait_for(" end")  # the stand-in's last line of its environment
    assert "size=100x30" in screen
    assert "TERM=tmux-256color" in screen or "TERM=screen" in screen
    # LANG and COLORTERM reach the app; anything else the client sends does not.
    assert "LANG=en_US.UTF-8 COLORTERM=truecolor SECRET=None" in screen
    assert re.search(rf"SSH_CONNECTION=127\.0\.0\.1 \d+ 127\.0\.0\.1 {server.port}", screen)
    assert "/serve-state/" in screen  # preferences kept per key

    pane.send("a")
    pane.wait_for("key b'a'")
    pane.send("y")
    pane.wait_for("copied")
    wait_until(lambda: pane.buffer() == COPY_TEXT, what=f"the copy in the tmux buffer, got {pane.buffer()!r}")

    pane.resize(70, 20)
    pane.wait_for("resized 70x20")

    pane.send("q")
    assert pane.exit_status() == 3  # the app's own status reaches the client
    fingerprint = subprocess.run(["ssh-keygen", "-lf", str(keys.key)], capture_output=True, text=True).stdout.split()[1]
    line = server.wait_log(r"session 127\.0\.0\.1:\d+ (\S+) [\d.]+s app exited \(3\)")
    assert line.group(1) == fingerprint


def test_open_server_lets_anyone_in_anonymously(start_server, tmux) -> None:
    server = start_server("--open")
    pane = tmux()
    pane.run([SSH, *ssh_options(server.port, None), "-tt", "127.0.0.1"])
    screen = pane.wait_for("child ready")
    state = re.search(r"XDG_STATE_HOME=(\S+)", screen)
    assert state and "/serve-state/anonymous-" in state.group(1)  # a throwaway directory, not shared
    pane.send("q")
    assert pane.exit_status() == 3
    server.wait_log(r"session 127\.0\.0\.1:\d+ anonymous [\d.]+s app exited \(3\)")
    assert not Path(state.group(1)).exists()


def test_unknown_key_is_refused(start_server, keys: Keys) -> None:
    server = start_server("--authorized-keys", str(keys.authorized))
    result = ssh_run(server.port, keys.stranger, "-tt", "127.0.0.1")
    assert result.returncode == 255
    assert "Permission denied (publickey)" in result.stderr
    server.wait_log(r"refused 127\.0\.0\.1:\d+ anonymous: not authenticated")
    assert server.children() == []


def test_a_command_is_refused_with_a_reason(start_server, keys: Keys) -> None:
    server = start_server("--authorized-keys", str(keys.authorized))
    for tty in ([], ["-tt"]):
        result = ssh_run(server.port, keys.key, *tty, "127.0.0.1", "cat", "/etc/passwd")
        assert result.returncode == 1
        assert "csto-tui: this server runs only the explorer: connect without a command" in result.stderr
        assert "root:" not in result.stdout
    server.wait_log(r"refused: a command")


def test_no_terminal_is_refused_with_a_reason(start_server, keys: Keys) -> None:
    server = start_server("--authorized-keys", str(keys.authorized))
    result = ssh_run(server.port, keys.key, "-T", "127.0.0.1")
    assert result.returncode == 1
    assert "the explorer needs a terminal: connect with ssh -t" in result.stderr
    server.wait_log(r"refused: no terminal")


def test_sftp_is_refused(start_server, keys: Keys) -> None:
    server = start_server("--authorized-keys", str(keys.authorized))
    options = ssh_options(server.port, keys.key)
    del options[2:4]  # sftp spells the port -P
    argv = ["sftp", "-P", str(server.port), *options, "127.0.0.1"]
    result = subprocess.run(argv, input="ls\n", capture_output=True, text=True, timeout=TIMEOUT)
    assert result.returncode != 0
    assert "subsystem request failed" in result.stderr
    server.wait_log(r"refused: subsystem 'sftp'")


def test_port_forwarding_is_refused_and_a_sessionless_login_dropped(start_server, keys: Keys) -> None:
    server = start_server("--authorized-keys", str(keys.authorized), "--login-timeout", "1.5")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        local_port = probe.getsockname()[1]
    forward = ["-N", "-o", "ExitOnForwardFailure=yes", "-L", f"{local_port}:127.0.0.1:{server.port}", "127.0.0.1"]
    client = subprocess.Popen([SSH, *ssh_options(server.port, keys.key), *forward], stderr=subprocess.PIPE, text=True)
    try:
        conn = wait_until(lambda: _connect(local_port), what="the local end of the forward")
        assert isinstance(conn, socket.socket)
        with conn:
            conn.settimeout(TIMEOUT)
            assert conn.recv(100) == b""  # the server refused the channel: nothing gets through
        server.wait_log(r"refused 127\.0\.0\.1:\d+ SHA256:\S+: port forwarding refused")
        _, stderr = client.communicate(timeout=TIMEOUT)
    finally:
        client.kill()
    assert client.returncode == 255
    assert "csto-tui serves only the explorer: connect without -N" in stderr
    remote = ssh_run(server.port, keys.key, "-N", "-o", "ExitOnForwardFailure=yes", "-R", "0:127.0.0.1:22", "127.0.0.1")
    assert remote.returncode == 255
    assert "remote port forwarding failed" in remote.stderr


def _connect(port: int) -> socket.socket | None:
    try:
        return socket.create_connection(("127.0.0.1", port), timeout=1)
    except OSError:
        return None


def test_client_beyond_max_sessions_is_told(start_server, tmux, keys: Keys) -> None:
    server = start_server("--authorized-keys", str(keys.authorized), "--max-sessions", "1")
    first = tmux()
    first.run([SSH, *ssh_options(server.port, keys.key), "-tt", "127.0.0.1"])
    first.wait_for("child ready")
    second = tmux()
    second.run([SSH, *ssh_options(server.port, keys.key), "-tt", "127.0.0.1"])
    second.wait_for("csto-tui: the server is full (1 session); try again later")
    assert second.exit_status() == 1
    # The first session is untouched, and its slot frees when it ends.
    first.send("z")
    first.wait_for("key b'z'")
    first.send("q")
    assert first.exit_status() == 3
    third = tmux()
    third.run([SSH, *ssh_options(server.port, keys.key), "-tt", "127.0.0.1"])
    third.wait_for("child ready")
    server.wait_log(r"refused: server full")


def test_idle_session_is_closed_and_the_terminal_restored(start_server, tmux, keys: Keys) -> None:
    server = start_server("--authorized-keys", str(keys.authorized), "--idle-timeout", "1.5")
    pane = tmux()
    pane.run([SSH, *ssh_options(server.port, keys.key), "-tt", "127.0.0.1"])
    pane.wait_for("child ready")
    for key in "abc":  # input keeps it alive past the timeout
        pane.send(key)
        pane.wait_for(f"key b'{key}'")  # the app has it
        time.sleep(0.6)  # the typing rhythm under test (keys 0.6 s apart), not a wait for a result
    screen = pane.wait_for("csto-tui: session closed after 1.5 s without input", timeout=5)
    assert pane.exit_status() != 0
    assert "child ready" in screen
    line = server.wait_log(r"session \S+ \S+ ([\d.]+)s idle timeout")
    assert float(line.group(1)) >= 2.5  # the keys kept it open past 1.5 s
    wait_until(lambda: server.children() == [], what="the app to be gone")


def test_max_session_time(start_server, tmux, keys: Keys) -> None:
    server = start_server("--authorized-keys", str(keys.authorized), "--max-session-time", "1")
    pane = tmux()
    pane.run([SSH, *ssh_options(server.port, keys.key), "-tt", "127.0.0.1"])
    pane.wait_for("child ready")
    pane.send("a")
    pane.wait_for("csto-tui: session closed: the limit is 1 s")
    server.wait_log(r"max session time")


def test_connection_rate_per_address(start_server, keys: Keys) -> None:
    server = start_server("--authorized-keys", str(keys.authorized), "--rate", "2")
    for _ in range(2):
        assert ssh_run(server.port, keys.key, "127.0.0.1", "x").returncode == 1
    refused = ssh_run(server.port, keys.key, "127.0.0.1", "x")
    assert refused.returncode == 255
    assert "too many connections from your address" in refused.stderr
    server.wait_log(r"refused 127\.0\.0\.1:\d+ anonymous: connection rate")


def test_sigterm_tells_sessions_and_leaves_no_child(start_server, tmux, keys: Keys) -> None:
    server = start_server("--authorized-keys", str(keys.authorized))
    panes = [tmux() for _ in range(3)]
    for pane in panes:
        pane.run([SSH, *ssh_options(server.port, keys.key), "-tt", "127.0.0.1"])
    for pane in panes:
        pane.wait_for("child ready")
    children = server.children()
    assert len(children) == 3
    assert server.stop() == 0
    for pane in panes:
        pane.wait_for("csto-tui: the server is shutting down")
        pane.exit_status()
    for pid in children:
        assert not running(pid), f"app {pid} outlived the server"
    assert server.log().count("server shutdown") == 3


def test_client_hangup_ends_the_app(start_server, tmux, keys: Keys) -> None:
    server = start_server("--authorized-keys", str(keys.authorized))
    pane = tmux()
    pane.run([SSH, *ssh_options(server.port, keys.key), "-tt", "127.0.0.1"])
    pane.wait_for("child ready")
    (child,) = server.children()
    pane.kill()  # the terminal goes away: ssh gets SIGHUP and drops the connection
    wait_until(lambda: not running(child), what="the app to end after the client hung up")
    server.wait_log(r"client (hung up|disconnected)")
    assert server.process.poll() is None  # the server itself keeps serving


def test_keys_typed_before_the_app_runs_reach_it(start_server, tmux, keys: Keys) -> None:
    server = start_server("--authorized-keys", str(keys.authorized))
    pane = tmux()
    pane.run([SSH, *ssh_options(server.port, keys.key), "-tt", "127.0.0.1"])
    pane.send("z")  # typed ahead: ssh sends it as soon as the session opens, maybe before the app is up
    pane.wait_for("child ready")
    pane.wait_for("key b'z'")


def test_a_flood_of_unauthenticated_connections_is_dropped(start_server) -> None:
    server = start_server("--open", "--max-sessions", "1", "--rate", "0")
    socks = [socket.create_connection(("127.0.0.1", server.port), timeout=TIMEOUT) for _ in range(8 + 5)]
    try:
        banners = [sock.recv(64) for sock in socks]
    finally:
        for sock in socks:
            sock.close()
    assert all(b.startswith(b"SSH-2.0-csto_tui") for b in banners[:8])
    assert banners[8:] == [b""] * 5  # closed at once, before any key exchange
    server.wait_log(r"refused 127\.0\.0\.1:\d+ anonymous: too many pending connections from this address")


def test_agent_and_x11_forwarding_are_refused(start_server, tmux, keys: Keys, tmp_path: Path) -> None:
    server = start_server("--authorized-keys", str(keys.authorized))
    agent_sock = tmp_path / "agent.sock"
    agent = subprocess.Popen(["ssh-agent", "-D", "-a", str(agent_sock)], stdout=subprocess.DEVNULL)
    try:
        wait_until(agent_sock.exists, what="ssh-agent")
        pane = tmux()
        forwards = ["-o", f"ForwardAgent={agent_sock}", "-o", "ForwardX11=yes", "-o", "ForwardX11Trusted=yes"]
        pane.run([SSH, *ssh_options(server.port, keys.key), *forwards, "-tt", "127.0.0.1"], {"DISPLAY": ":99"})
        screen = pane.wait_for("child ready")
        screen = pane.wait_for(" end")
        assert "X11 forwarding request failed" in screen
        assert "SSH_AUTH_SOCK=None DISPLAY=None end" in screen  # the app gets neither
        pane.send("q")
        assert pane.exit_status() == 3
    finally:
        agent.terminate()
        agent.wait()


def test_an_app_ignoring_sighup_and_its_children_are_killed(start_server, tmux, keys: Keys) -> None:
    # A shell that ignores SIGHUP, with a background child that inherits that: both must still go.
    stubborn = ["sh", "-c", "trap '' HUP; sleep 600 & echo stubborn ready $!; wait"]
    server = start_server("--authorized-keys", str(keys.authorized), "--idle-timeout", "1", child=stubborn)
    pane = tmux()
    pane.run([SSH, *ssh_options(server.port, keys.key), "-tt", "127.0.0.1"])
    screen = pane.wait_for("stubborn ready")
    match = re.search(r"stubborn ready (\d+)", screen)
    assert match
    grandchild = int(match.group(1))
    (app,) = server.children()
    assert running(grandchild)
    pane.wait_for("csto-tui: session closed after 1 s without input", timeout=TIMEOUT)
    assert not running(app) and not running(grandchild)
    server.wait_log(r"idle timeout")


def test_a_client_that_does_not_log_in_is_dropped_after_the_login_timeout(start_server) -> None:
    server = start_server("--open", "--login-timeout", "1")
    with socket.create_connection(("127.0.0.1", server.port), timeout=TIMEOUT) as sock:
        started = time.monotonic()
        assert sock.recv(64).startswith(b"SSH-2.0-")
        while sock.recv(4096):  # the server's key exchange offer, then nothing from us
            pass
        elapsed = time.monotonic() - started
    assert 0.9 <= elapsed < 5
    server.wait_log(r"refused 127\.0\.0\.1:\d+ anonymous: not authenticated")

"""Hang-ups: SIGHUP, SIGTERM, a vanished terminal and stdin at EOF end the app within a second.

Real processes on real pseudo-terminals and pipes; the figures (seconds to exit, CPU used while
hung up) are printed with ``-s`` and recorded in docs/reliability.md.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from .conftest import csto_tui
from .ptyrun import PtyApp

LIMIT = 1.0  # seconds from the hang-up to the process being gone
# Sequences Textual's driver turns on; each must be turned off again before the app exits.
RESTORE = ("\x1b[?1049l", "\x1b[?25h", "\x1b[?1000l", "\x1b[?1003l", "\x1b[?2004l")


def _assert_restored(app: PtyApp) -> None:
    after = app.text.rsplit("\x1b[?1049h", 1)[1]
    missing = [seq for seq in RESTORE if seq not in after]
    assert not missing, f"terminal modes left on: {missing!r}"
    import termios

    assert termios.tcgetattr(app.slave) == app.tty_attrs_before, "tty modes not restored"


@pytest.mark.parametrize(("signum", "status"), [(signal.SIGTERM, 143), (signal.SIGHUP, 129), (signal.SIGINT, 130)])
def test_signal_exits_fast_and_restores_terminal(good_store: Path, signum: int, status: int) -> None:
    with PtyApp(["--db", str(good_store)]) as app:
        app.wait_ready()
        app.proc.send_signal(signum)
        code, seconds = app.wait_exit(5)
        print(f"{signal.Signals(signum).name}: exit {code} after {seconds:.3f}s")
        assert code == status and seconds < LIMIT
        _assert_restored(app)
        assert app.session_processes() == []


@pytest.mark.parametrize("ignore_sighup", [False, True], ids=["sighup", "sighup-ignored"])
def test_terminal_disappears(good_store: Path, ignore_sighup: bool) -> None:
    # Closing the pty master is what sshd does when an ssh -tt connection drops, and what a
    # terminal window does when closed. With SIGHUP ignored (nohup) the watchdog must notice.
    with PtyApp(["--db", str(good_store)], ignore_sighup=ignore_sighup) as app:
        app.wait_ready()
        app.close_master()
        code, seconds = app.wait_exit(5)
        print(
            f"terminal closed (SIGHUP {'ignored' if ignore_sighup else 'delivered'}): exit {code} after {seconds:.3f}s"
        )
        assert code is not None and seconds < LIMIT
        assert app.session_processes() == []


@pytest.mark.parametrize("ignore_sighup", [False, True], ids=["sighup", "sighup-ignored"])
def test_closed_terminal_ends_at_once_and_keeps_the_preferences(
    good_store: Path, private_state: Path, ignore_sighup: bool
) -> None:
    """No orderly shutdown into a dead terminal (a bare Textual app is gone in milliseconds): save and go."""
    import json

    with PtyApp(["--db", str(good_store)], ignore_sighup=ignore_sighup) as app:
        app.wait_ready()
        app.send("L")  # English: saved only after a delay, unless the hang-up saves it
        app.wait_idle()
        app.close_master()
        code, seconds = app.wait_exit(5)
        print(f"terminal closed, preferences saved: exit {code} after {seconds:.3f}s")
        assert code == 129 and seconds < 0.5
    saved = json.loads((private_state / "csto-tui" / "prefs.json").read_text(encoding="utf-8"))
    assert saved["language"] == "en"


def _cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def test_ssh_t_stdin_eof(good_store: Path) -> None:
    """``ssh -T``: no tty, stdin/stdout/stderr are pipes; the connection drops and stdin hits EOF."""
    proc = subprocess.Popen(
        [*csto_tui(), "--db", str(good_store)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    assert proc.stdin is not None and proc.stderr is not None
    try:
        output = b""
        os.set_blocking(proc.stderr.fileno(), False)
        deadline = time.monotonic() + 20
        while b"Quit" not in output and time.monotonic() < deadline:
            output += proc.stderr.read() or b""
            time.sleep(0.05)
        assert b"Quit" in output, output[-500:]
        cpu_before = _cpu(proc.pid)
        start = time.monotonic()
        proc.stdin.close()
        _, wait_status, usage = os.wait4(proc.pid, 0)
        seconds = time.monotonic() - start
        proc.returncode = os.waitstatus_to_exitcode(wait_status)
        cpu_after_eof = usage.ru_utime + usage.ru_stime - cpu_before
        print(f"ssh -T EOF: exit {proc.returncode} after {seconds:.3f}s, {cpu_after_eof:.2f}s CPU after EOF")
        assert proc.returncode == 129 and seconds < LIMIT
        assert cpu_after_eof < LIMIT
    finally:
        if proc.returncode is None:
            proc.kill()
            proc.wait()


def test_stdin_devnull_cannot_spin(good_store: Path) -> None:
    """Started with stdin already at EOF (``ssh -T host csto-tui </dev/null``, cron, nohup): it leaves."""
    start = time.monotonic()
    result = subprocess.run(
        [*csto_tui(), "--db", str(good_store)], stdin=subprocess.DEVNULL, capture_output=True, timeout=30
    )
    seconds = time.monotonic() - start
    print(f"stdin /dev/null: exit {result.returncode} after {seconds:.3f}s including start-up")
    assert result.returncode == 129
    assert b"Traceback" not in result.stderr


def test_stdout_reader_gone(good_store: Path) -> None:
    """The output pipe's reader vanishes (sshd gone, stdin still open): the app must not hang writing."""
    proc = subprocess.Popen(
        [*csto_tui(), "--db", str(good_store)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    assert proc.stderr is not None
    try:
        output = b""
        os.set_blocking(proc.stderr.fileno(), False)
        deadline = time.monotonic() + 20
        while b"Quit" not in output and time.monotonic() < deadline:
            output += proc.stderr.read() or b""
            time.sleep(0.05)
        start = time.monotonic()
        proc.stderr.close()
        assert proc.stdout is not None
        proc.stdout.close()
        code = proc.wait(5)
        seconds = time.monotonic() - start
        print(f"output closed: exit {code} after {seconds:.3f}s")
        assert code == 129 and seconds < LIMIT
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def _pids_with(needle: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != os.getpid():
            try:
                cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
                state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
            except OSError:
                continue
            if needle in cmdline and "csto-tui" in cmdline and state != "Z":
                found.append(int(entry.name))
    return found


@pytest.mark.parametrize("tty", ["-T", "-tt"])
def test_real_ssh_connection_drops(good_store: Path, tmp_path: Path, tty: str) -> None:
    """OpenSSH on loopback: the client dies (network gone); the remote app must not outlive the session."""
    import shlex
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from e2e_copy.harness import Sshd  # the suite's loopback sshd

    sshd = Sshd(tmp_path / "sshd")
    try:
        remote = " ".join(
            shlex.quote(a)
            for a in ["env", f"XDG_STATE_HOME={tmp_path / 'state'}", *csto_tui(), "--db", str(good_store)]
        )
        command = shlex.split(sshd.ssh_command(remote))
        command[command.index("-tt")] = tty
        client = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 30
        while not _pids_with(str(good_store)) and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(2.0)  # let it draw its first frame
        apps = _pids_with(str(good_store))
        assert apps, "the app never started on the server side"
        cpu_before = sum(_cpu(pid) for pid in apps)
        start = time.monotonic()
        client.kill()  # the connection drops; nobody closes the session politely
        client.wait()
        while _pids_with(str(good_store)) and time.monotonic() - start < 10:
            time.sleep(0.05)
        seconds = time.monotonic() - start
        left = _pids_with(str(good_store))
        print(f"ssh {tty} client killed: remote app gone after {seconds:.3f}s (CPU before: {cpu_before:.2f}s)")
        for pid in left:
            os.kill(pid, signal.SIGKILL)
        assert not left, f"remote app still running {seconds:.1f}s after the connection dropped"
        assert seconds < 2.0  # sshd's notice of the drop, then the app's second
    finally:
        sshd.close()


@pytest.mark.parametrize("delay", [0.3, 0.6, 0.9, 1.2])
def test_signal_during_start_up(good_store: Path, delay: float) -> None:
    """A hang-up while the app is still starting (imports, first frame) ends it as quickly, tty restored."""
    import termios

    with PtyApp(["--db", str(good_store)]) as app:
        time.sleep(delay)
        app.proc.send_signal(signal.SIGTERM)
        code, seconds = app.wait_exit(5)
        print(f"SIGTERM {delay}s after start: exit {code} after {seconds:.3f}s")
        assert code in (143, -signal.SIGTERM) and seconds < LIMIT
        assert termios.tcgetattr(app.slave) == app.tty_attrs_before

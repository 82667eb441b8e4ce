"""The real path: ``csto-tui serve`` running the explorer itself on the real store, reached with OpenSSH in tmux."""

from __future__ import annotations

import re
import subprocess
import sys

from rich.cells import cell_len

from csto_tui.paths import shipped_store

from .conftest import Keys, Server, Tmux, running, ssh_options, wait_until

FOOTER = "q Quit"


def connect(server: Server, pane: Tmux, keys: Keys | None) -> None:
    key = None if keys is None else keys.key
    pane.run(["ssh", *ssh_options(server.port, key), "-tt", "127.0.0.1"], {"LANG": "C.UTF-8"})


def widest_line(screen: str) -> int:
    """In terminal columns: CJK characters take two."""
    return max(cell_len(line.rstrip()) for line in screen.splitlines())


def footnote_column(screen: str) -> int:
    """The column where the first event's footnote marker ``[1]`` starts (rows 4-6), or -1."""
    for line in screen.splitlines()[3:6]:
        if "[1]" in line:
            return cell_len(line[: line.index("[1]")])
    return -1


def test_explorer_over_ssh_with_a_key(start_server, tmux, keys: Keys) -> None:
    server = start_server("--authorized-keys", str(keys.authorized), "--db", str(shipped_store()), child=None)
    pane = tmux(100, 30)
    connect(server, pane, keys)
    screen = pane.wait_for(FOOTER, timeout=20)
    assert "Timeline" in screen
    (app,) = server.children()

    # Keys reach the app: the help screen opens and closes.
    pane.send("?")
    wait_until(lambda: pane.screen() != screen, what="the help screen")
    pane.send("Escape")
    pane.wait_for(FOOTER)

    # y copies the highlighted record's citation (the first event cites [1]); over SSH it travels as
    # OSC 52 through the server untouched, and tmux (set-clipboard on) puts it in its buffer.
    cite = [sys.executable, "-m", "csto_tui", "cite", "1", "--db", str(shipped_store())]
    expected = subprocess.run(cite, capture_output=True, text=True, check=True).stdout.strip()
    assert expected.startswith("[1] ")
    pane.send("y")
    wait_until(lambda: pane.buffer().strip() == expected, what=f"the citation in the tmux buffer: {pane.buffer()!r}")

    # The app re-lays out to the new size: nothing is drawn past 70 columns and the footer is still there.
    wide = pane.screen(join=False)
    assert widest_line(wide) > 70
    assert footnote_column(wide) > 70
    pane.resize(70, 20)

    def relaid() -> bool:
        screen = pane.screen(join=False)
        # Drawn for 70 columns: the first event's footnote marker moved in from column ~90 (tmux
        # alone would clip it away), and nothing is drawn past the new width.
        return 0 < footnote_column(screen) < 70 and widest_line(screen) <= 70

    wait_until(relaid, what=f"a 70-column layout:\n{pane.screen(join=False)}")

    pane.send("q")
    assert pane.exit_status() == 0
    line = server.wait_log(r"session 127\.0\.0\.1:\d+ (SHA256:\S+) [\d.]+s app exited \(0\)")
    assert line.group(1).startswith("SHA256:")
    wait_until(lambda: not server.children(), what=f"app {app} to be gone")


def test_explorer_over_ssh_anonymously_with_open(start_server, tmux) -> None:
    server = start_server("--open", "--db", str(shipped_store()), child=None)
    pane = tmux(80, 24)
    connect(server, pane, None)
    pane.wait_for(FOOTER, timeout=20)
    pane.send("q")
    assert pane.exit_status() == 0
    server.wait_log(r"session 127\.0\.0\.1:\d+ anonymous [\d.]+s app exited \(0\)")


def test_sigterm_ends_real_apps_cleanly(start_server, tmux, keys: Keys) -> None:
    server = start_server("--authorized-keys", str(keys.authorized), "--db", str(shipped_store()), child=None)
    panes = [tmux(80, 24) for _ in range(2)]
    for pane in panes:
        connect(server, pane, keys)
    for pane in panes:
        pane.wait_for(FOOTER, timeout=20)
    apps = server.children()
    assert len(apps) == 2
    assert server.stop() == 0
    for pane in panes:
        screen = pane.wait_for("csto-tui: the server is shutting down")
        # The terminal was handed back: the app's alternate screen is gone, the shell's text is back.
        assert re.search(r"EXIT=\d+", screen)
    for pid in apps:
        wait_until(lambda pid=pid: not running(pid), what=f"app {pid} to be gone")

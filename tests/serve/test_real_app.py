"""The real path: ``csto-tui serve`` running the explorer itself on the real store, reached with OpenSSH in tmux."""

from __future__ import annotations

import re

from csto_tui.paths import shipped_store

from .conftest import Keys, Server, Tmux, running, ssh_options, wait_until

FOOTER = "q Quit"


def connect(server: Server, pane: Tmux, keys: Keys | None) -> None:
    key = None if keys is None else keys.key
    pane.run(["ssh", *ssh_options(server.port, key), "-tt", "127.0.0.1"], {"LANG": "C.UTF-8"})


def widest_line(screen: str) -> int:
    return max(len(line.rstrip()) for line in screen.splitlines())


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

    # The app re-lays out to the new size: nothing is drawn past 70 columns and the footer is still there.
    assert widest_line(pane.screen()) > 70
    pane.resize(70, 20)
    wait_until(lambda: FOOTER in pane.screen() and widest_line(pane.screen()) <= 70, what="a 70-column layout")
    assert len(pane.screen().rstrip("\n").splitlines()) <= 20

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

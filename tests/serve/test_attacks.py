"""Attacks on ``csto-tui serve`` that once worked, replayed against a real server on loopback.

The attacker connects from 127.0.0.2 and the legitimate user from 127.0.0.1, so per-address limits
see two addresses. Every loop is bounded in count and in time; every wait is on a condition.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import re
import selectors
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import aiohttp
import asyncssh

from csto_tui.paths import shipped_store
from csto_tui.serve.session import MAX_SIZE

from .conftest import TIMEOUT, children, running, ssh_options, wait_until

ATTACKER = "127.0.0.2"
USER = "127.0.0.1"


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError(f"no VmRSS for {pid}")


def user_gets_in(port: int, timeout: float = TIMEOUT) -> bool:
    """Whether OpenSSH from 127.0.0.1 reaches the stand-in app (it prints "child ready") within ``timeout``."""
    argv = ["ssh", *ssh_options(port, None), "-o", f"ConnectTimeout={int(timeout)}", "-tt", USER]
    client = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert client.stdout is not None
    seen = b""
    deadline = time.monotonic() + timeout
    try:
        with selectors.DefaultSelector() as selector:
            selector.register(client.stdout, selectors.EVENT_READ)
            while b"child ready" not in seen and time.monotonic() < deadline:
                if selector.select(deadline - time.monotonic()):
                    chunk = client.stdout.read1(4096)  # type: ignore[attr-defined]
                    if not chunk:
                        break
                    seen += chunk
        return b"child ready" in seen
    finally:
        client.kill()
        client.wait()


class Flood:
    """Idle TCP connections from the attacker's address, re-opened as the server drops them.

    Runs in a thread until ``stop()``; at most ``max_opens`` connections in all and ``seconds`` of running.
    """

    def __init__(self, port: int, count: int, max_opens: int = 3000, seconds: float = 60.0) -> None:
        self.port, self.count, self.max_opens, self.seconds = port, count, max_opens, seconds
        self.opens = 0
        self.held = 0  # connections the server took on (it sent its banner) and has not closed
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Flood:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(TIMEOUT)
        assert not self._thread.is_alive()

    def _open(self, selector: selectors.BaseSelector) -> None:
        sock = socket.socket()
        sock.bind((ATTACKER, 0))
        sock.setblocking(False)
        self.opens += 1
        try:
            sock.connect((USER, self.port))
        except BlockingIOError:
            pass
        except OSError:
            sock.close()
            return
        selector.register(sock, selectors.EVENT_READ)

    def _run(self) -> None:
        deadline = time.monotonic() + self.seconds
        accepted: set[socket.socket] = set()
        with selectors.DefaultSelector() as selector:
            try:
                while not self._stop.is_set() and time.monotonic() < deadline:
                    # At most 20 new connections per turn: a bounded, steady re-opening.
                    for _ in range(min(20, self.count - len(selector.get_map()))):
                        if self.opens < self.max_opens:
                            self._open(selector)
                    for key, _ in selector.select(0.05):
                        sock = key.fileobj
                        assert isinstance(sock, socket.socket)
                        try:
                            data = sock.recv(4096)
                        except OSError:
                            data = b""
                        if data:
                            accepted.add(sock)
                        else:  # dropped by the server: open another
                            accepted.discard(sock)
                            selector.unregister(sock)
                            sock.close()
                    self.held = len(accepted)
            finally:
                for key in list(selector.get_map().values()):
                    key.fileobj.close()  # type: ignore[union-attr]


# -- 1. pre-auth lock-out


def test_idle_connections_from_one_address_do_not_lock_others_out(start_server) -> None:
    server = start_server("--open", "--max-sessions", "2")
    with Flood(server.port, count=90) as flood:
        wait_until(lambda: flood.opens >= 90, what="the attacker's connections")
        assert user_gets_in(server.port), f"locked out by {flood.held} connections from {ATTACKER}"
        held = flood.held
    # The attacker was held to its share of pending slots, and told nothing but a closed socket.
    assert held <= 10, held
    server.wait_log(rf"refused {ATTACKER}:\d+ anonymous: too many pending connections from this address")


# -- 2. the login timeout


async def _connect(port: int, **options: object) -> asyncssh.SSHClientConnection:
    return await asyncssh.connect(
        USER, port, local_addr=(ATTACKER, 0), username="mallory", known_hosts=None, client_keys=None, **options
    )


async def _bare_session(conn: asyncssh.SSHClientConnection) -> asyncssh.SSHClientChannel[bytes]:
    # No public client call opens a session without asking for a shell or command: this is exactly the
    # attacker's move, so the test opens the channel by hand.
    loop = asyncio.get_running_loop()
    chan: asyncssh.SSHClientChannel[bytes] = asyncssh.SSHClientChannel(
        conn, loop, "strict", None, "strict", 2 * 1024 * 1024, 32768
    )
    await chan._open(b"session")
    return chan


async def _closed_within(conn: asyncssh.SSHClientConnection, seconds: float) -> bool:
    try:
        await asyncio.wait_for(conn.wait_closed(), seconds)
    except TimeoutError:
        return False
    return True


def test_a_session_that_never_starts_the_app_is_dropped(start_server) -> None:
    server = start_server("--open", "--login-timeout", "1")

    async def attack() -> tuple[bool, bool]:
        bare = await _connect(server.port)
        await _bare_session(bare)
        refused = await _connect(server.port)
        result = await refused.run("cat /etc/passwd")  # refused with a reason; the connection stays
        assert result.exit_status == 1
        closed = await asyncio.gather(_closed_within(bare, 5), _closed_within(refused, 5))
        bare.close()
        refused.close()
        return closed[0], closed[1]

    assert asyncio.run(attack()) == (True, True)
    server.wait_log(rf"refused {ATTACKER}:\d+ anonymous: no app started within the login timeout")


async def _runs(port: int, hold_one: bool) -> int:
    """How many commands one connection gets to run (each is refused, but a session is opened)."""
    conn = await _connect(port)
    opened = 0
    try:
        if hold_one:
            await _bare_session(conn)
        for _ in range(20):
            try:
                await conn.run("x")
            except (asyncssh.Error, OSError):
                break
            opened += 1
    finally:
        conn.close()
    return opened


def test_one_session_per_connection(start_server) -> None:
    server = start_server("--open")
    assert asyncio.run(_runs(server.port, hold_one=True)) == 0
    server.wait_log(rf"refused {ATTACKER}:\d+ anonymous: a second session on one connection")
    assert asyncio.run(_runs(server.port, hold_one=False)) == 1  # the connection ends with its session


class _Output(asyncssh.SSHClientSession[bytes]):
    def __init__(self) -> None:
        self.data = b""
        self.changed = asyncio.Event()

    def data_received(self, data: bytes, datatype: asyncssh.DataType) -> None:
        self.data += data
        self.changed.set()

    async def wait_for(self, text: bytes) -> None:
        async with asyncio.timeout(TIMEOUT):
            while text not in self.data:
                self.changed.clear()
                await self.changed.wait()


def test_env_requests_are_capped(start_server) -> None:
    server = start_server("--open")
    before = rss_kib(server.process.pid)
    env = {"LANG": "C.UTF-8"} | {f"LC_X{n:05d}": "v" * 6000 for n in range(5000)}

    async def attack() -> int:
        conn = await _connect(server.port, encoding=None)
        try:
            # The env requests come before the shell request: once the app runs, all were handled.
            term = {"term_type": "xterm", "term_size": (5000, 5000)}  # and a size to make the app allocate GBs
            chan, session = await conn.create_session(_Output, env=env, **term)
            await session.wait_for(b"child ready")
            await session.wait_for(b" end")
            assert b"LANG=C.UTF-8" in session.data  # an allowed variable still reaches the app
            assert f"size={MAX_SIZE[0]}x{MAX_SIZE[1]}".encode() in session.data
            grown = rss_kib(server.process.pid) - before
            chan.close()
        finally:
            conn.close()
        return grown

    grown = asyncio.run(attack())
    print(f"server RSS grew {grown} KiB with 5,000 env requests of 6 KB held")
    assert grown < 8 * 1024, grown


# -- 3. the client writes files on the server


def environ(pid: int) -> dict[str, str]:
    raw = Path(f"/proc/{pid}/environ").read_bytes()
    return dict(item.split("=", 1) for item in raw.decode(errors="replace").split("\0") if "=" in item)


def test_the_screenshot_command_saves_nothing_on_the_server(start_server, tmux, tmp_path: Path) -> None:
    home = tmp_path / "server-home"
    (home / "Downloads").mkdir(parents=True)  # where Textual's Screenshot saves (51 KB at 100x30, before)
    server = start_server("--open", "--db", str(shipped_store()), child=None, env={"HOME": str(home)})
    pane = tmux(100, 30)
    pane.run(["ssh", *ssh_options(server.port, None), "-tt", USER], {"LANG": "C.UTF-8"})
    pane.wait_for("q Quit", timeout=30)
    (app,) = server.children()
    state = tmp_path / "data" / "csto-tui" / "serve-state"
    app_env = environ(app)
    for name in ("HOME", "XDG_STATE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "TMPDIR"):
        assert Path(app_env[name]).is_relative_to(state), (name, app_env[name])
    assert Path(f"/proc/{app}/cwd").resolve() == Path(app_env["HOME"])

    pane.send("C-p")
    pane.wait_for("Search for commands")
    pane.send("-l", "screenshot")
    pane.wait_for("Copy an SVG screenshot to your clipboard")
    pane.send("Enter")
    # The screenshot travels to the client's clipboard (OSC 52; tmux keeps it with set-clipboard on).
    wait_until(lambda: pane.buffer().lstrip().startswith("<svg"), timeout=20, what="the screenshot in the clipboard")
    assert list(home.rglob("*")) == [home / "Downloads"]  # the server's own home is untouched
    pane.send("q")
    assert pane.exit_status(timeout=20) == 0


# -- 5. unsafe files trusted


def serve_once(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data")}
    argv = [sys.executable, "-m", "csto_tui", "serve", "--port", "0", *args]
    try:
        return subprocess.run(argv, capture_output=True, text=True, env=env, timeout=TIMEOUT)
    except subprocess.TimeoutExpired as exc:  # it served: the attack worked
        raise AssertionError(f"the server started: {exc.stderr!r}") from None


def test_a_host_key_others_can_write_is_refused(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    key = shared / "host_key"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
    key.chmod(0o666)
    shared.chmod(0o777)
    result = serve_once(tmp_path, "--open", "--host-key", str(key))
    assert result.returncode == 2
    assert (
        result.stderr.strip()
        == f"csto-tui serve: host key {key} has mode 666 (others can read or write it): chmod 600 {key}"
    )
    key.chmod(0o600)
    result = serve_once(tmp_path, "--open", "--host-key", str(key))
    assert result.returncode == 2
    line = f"csto-tui serve: host key directory {shared} has mode 777 (others can write to it): chmod go-w {shared}"
    assert result.stderr.strip() == line


def test_a_symlinked_state_directory_is_refused(start_server, tmux, keys, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    fingerprint = subprocess.run(["ssh-keygen", "-lf", str(keys.key)], capture_output=True, text=True).stdout.split()[1]
    state = tmp_path / "data" / "csto-tui" / "serve-state"
    state.mkdir(parents=True, mode=0o700)
    (state / hashlib.sha256(fingerprint.encode()).hexdigest()[:32]).symlink_to(elsewhere)
    server = start_server("--authorized-keys", str(keys.authorized))
    pane = tmux()
    pane.run(["ssh", *ssh_options(server.port, keys.key), "-tt", USER])
    pane.wait_for("csto-tui: the server cannot keep your session's files safe")
    server.wait_log(r"refused: unsafe state directory: state directory \S+ is a symbolic link: remove it")
    assert list(elsewhere.iterdir()) == [] and server.children() == []


def test_a_symlinked_state_root_stops_the_server(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "data" / "csto-tui").mkdir(parents=True, mode=0o700)
    (tmp_path / "data" / "csto-tui" / "serve-state").symlink_to(elsewhere)
    result = serve_once(tmp_path, "--open")
    assert result.returncode == 2
    last = result.stderr.strip().splitlines()[-1]  # after "generated host key"
    assert last.startswith("csto-tui serve: state directory ") and "is a symbolic link: remove it" in last
    assert list(elsewhere.iterdir()) == []


# -- after SIGKILL


def test_anonymous_directories_left_by_a_killed_server_are_removed_at_the_next_start(start_server, tmux) -> None:
    server = start_server("--open")
    pane = tmux()
    pane.run(["ssh", *ssh_options(server.port, None), "-tt", USER])
    found = re.search(r"XDG_STATE_HOME=(\S+)", pane.wait_for(" end"))
    assert found
    left = Path(found.group(1))
    apps = server.children()
    server.process.kill()
    server.process.wait()
    for app in apps:  # the test leaves nothing behind; the server could not end them
        os.kill(app, signal.SIGKILL)
    wait_until(lambda: not any(running(app) for app in apps), what="the orphaned apps to go")
    assert left.is_dir()
    again = start_server("--open")
    again.wait_log(r"removed 1 anonymous session directories left by a server that was killed")
    assert not left.exists() and not left.parent.exists()


# -- 6. --web accepts any page


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((USER, 0))
        return int(probe.getsockname()[1])


class WebServer:
    def __init__(self, tmp_path: Path, *options: str) -> None:
        self.port = free_port()
        self.url = f"http://{USER}:{self.port}"
        env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"), "SECRET": "server-only"}
        argv = [sys.executable, "-m", "csto_tui", "serve", "--web", "--port", str(self.port), *options]
        self.log_path = tmp_path / "web.log"
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, env=env)
        wait_until(lambda: "listening on" in self.log() or self.process.poll() is not None, what="the web server")
        assert self.process.poll() is None, self.log()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(TIMEOUT)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


async def _open_ws(url: str, origin: str | None, query: str = "") -> tuple[aiohttp.ClientSession, object]:
    http = aiohttp.ClientSession()
    headers = {} if origin is None else {"Origin": origin}
    try:
        return http, await http.ws_connect(f"{url}/ws{query}", headers=headers)
    except BaseException:
        await http.close()
        raise


async def _handshake_status(url: str, origin: str | None) -> int:
    try:
        http, ws = await _open_ws(url, origin)
    except aiohttp.WSServerHandshakeError as exc:
        return exc.status
    await ws.close()  # type: ignore[attr-defined]
    await http.close()
    return 101


def test_web_refuses_other_pages_clamps_sizes_caps_sessions_and_passes_no_environment(tmp_path: Path) -> None:
    allowed = "https://csto.example.org"
    server = WebServer(tmp_path, "--db", str(shipped_store()), "--max-sessions", "1", "--allow-origin", allowed)
    try:
        # Any page in the user's browser may try; only this server's own page (or a named one) gets in.
        assert asyncio.run(_handshake_status(server.url, "http://evil.example")) == 403
        assert asyncio.run(_handshake_status(server.url, f"http://evil.example:{server.port}")) == 403  # rebinding
        assert children(server.process.pid) == []
        assert "refused 127.0.0.1: origin 'http://evil.example'" in server.log()

        async def tab() -> None:
            http, ws = await _open_ws(server.url, allowed, "?width=2000&height=1000")
            try:
                (app,) = wait_until(lambda: children(server.process.pid), what="the tab's app")  # type: ignore[misc]
                env = environ(app)
                assert "SECRET" not in env and env["CSTO_TUI_SERVED"] == "web"
                assert (int(env["COLUMNS"]), int(env["ROWS"])) == MAX_SIZE
                home = Path(env["HOME"])
                assert home.is_relative_to(tmp_path / "data" / "csto-tui" / "serve-state")
                assert Path(f"/proc/{app}/cwd").resolve() == home
                # One session is the cap: a second tab, even from the server's own page, is told.
                assert await _handshake_status(server.url, server.url) == 503
            finally:
                await ws.close()  # type: ignore[attr-defined]
                await http.close()
            wait_until(lambda: not children(server.process.pid), what="the app to stop with its tab")
            assert not home.exists()

        asyncio.run(tab())
        assert asyncio.run(_handshake_status(server.url, server.url)) == 101
        wait_until(lambda: not children(server.process.pid), what="the app to stop with its tab")
    finally:
        server.stop()
    assert not running(server.process.pid)


# -- 4. a hostile store reaches the terminal raw

# OSC 52 (sets the clipboard to "pwned"), OSC 2 (the window title), OSC 8 (a link), CSI, and C1 forms of OSC and CSI.
HOSTILE = (
    "\x1b]52;c;cHduZWQ=\x07\x1b]2;PWNED\x07\x1b]8;;http://evil.example/\x07x\x1b]8;;\x07\x1b[31m\x9d2;PWNED\x9c\x9b1m"
)
HOSTILE_ID = f"person:mallory{HOSTILE}"


def hostile_store(tmp_path: Path, *, define_speaker: bool) -> Path:
    """The shipped store with escape sequences in ids (a quote's speaker, a case actor's entity) and in text."""
    data = json.loads(shipped_store().read_text())
    entities = data["entities"]
    person = next(doc for doc in entities.values() if doc["kind"] == "person")
    if define_speaker:
        names = {"name_en": f"Mallory{HOSTILE}", "name_zh": f"Mallory{HOSTILE}"}
        entities[str(len(entities) + 1)] = {**person, "id": HOSTILE_ID, **names}
    case = next(iter(data["case_files"].values()))
    case["quotes"][0]["speaker"] = HOSTILE_ID
    case["actors"][0]["entity"] = HOSTILE_ID
    case["actors"][0]["role_en"] += HOSTILE
    next(iter(data["events"].values()))["summary_en"] += HOSTILE
    path = tmp_path / f"hostile-{define_speaker}.json"
    path.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1))
    return path


def test_db_check_validates_every_id_reference(tmp_path: Path) -> None:
    store = hostile_store(tmp_path, define_speaker=False)
    argv = [sys.executable, "-m", "csto_tui", "db", "check", "--db", str(store)]
    result = subprocess.run(argv, capture_output=True, text=True, timeout=TIMEOUT)
    assert result.returncode != 0
    assert "unknown entity 'person:mallory" in result.stderr or "unknown speaker 'person:mallory" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert not any(char in result.stderr + result.stdout for char in "\x1b\x07\x9b\x9c\x9d")


def test_a_hostile_store_cannot_reach_the_client_terminal(start_server, tmux, tmp_path: Path) -> None:
    server = start_server("--open", "--db", str(hostile_store(tmp_path, define_speaker=True)), child=None)
    pane = tmux(120, 40)
    pane.run(["ssh", *ssh_options(server.port, None), "-tt", USER], {"LANG": "C.UTF-8"})
    pane.wait_for("q Quit", timeout=30)
    title = pane.tmux("display-message", "-p", "-t", "t", "#{pane_title}")
    pane.send("C-p")
    pane.wait_for("Search for commands")
    pane.send("-l", "Mallory")
    pane.wait_for("Quote: Mallory")  # the palette shows the hostile speaker
    pane.send("Enter")  # and the case file (pane 3) the quote, the speaker and the actor
    pane.send("3", "z")
    pane.wait_for("Mallory")
    pane.send("z")
    assert "pwned" not in pane.buffer()  # no OSC 52 got through: tmux's clipboard is untouched
    assert pane.tmux("display-message", "-p", "-t", "t", "#{pane_title}") == title
    assert "PWNED" not in pane.screen() and "[31m" not in pane.screen() and "evil.example" not in pane.screen()
    pane.send("q")
    assert pane.exit_status(timeout=20) == 0

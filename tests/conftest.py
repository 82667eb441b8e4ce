"""The whole suite: no test may leave a process behind; end-to-end tests are marked for scripts/test.

Every process a test starts inherits CSTO_TEST_RUN (this pytest process's id), even one that
detaches from its parent as tmux's and GNU screen's servers do. At the end of the session any
live process still carrying it, or still a descendant of this one, fails the run by name.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

MARK = "CSTO_TEST_RUN"
# Directories whose tests drive real terminals, sshd or browsers; scripts/test runs them on 3.11 only.
E2E_DIRS = {"e2e_copy", "serve"}
# How long processes get to finish exiting once their test is over (a tmux server after kill-server).
GRACE = 10.0


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if E2E_DIRS.intersection(item.path.parts):
            item.add_marker(pytest.mark.e2e)


def _parent(pid: str) -> str | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat[stat.rindex(")") + 2 :].split()
    return None if fields[0] == "Z" else fields[1]  # a zombie has exited; only its parent is left to reap it


def _ours(me: str) -> dict[str, str]:
    """Live processes this session started (pid -> command line): by inherited mark or by parentage."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and entry.name != me and (parent := _parent(entry.name)) is not None:
            parents[entry.name] = parent
    found = {}
    tag = f"{MARK}={me}".encode()
    for pid in parents:
        try:
            marked = tag in (Path("/proc") / pid / "environ").read_bytes().split(b"\0")
        except OSError:
            marked = False
        ancestor, seen = parents.get(pid), 0
        while not marked and ancestor is not None and seen < 64:
            marked, ancestor, seen = ancestor == me, parents.get(ancestor), seen + 1
        if marked:
            try:
                command = (Path("/proc") / pid / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            except OSError:
                continue
            found[pid] = command.strip()[:160]
    return found


@pytest.fixture(scope="session", autouse=True)
def no_process_left() -> Iterator[None]:
    me = str(os.getpid())
    os.environ[MARK] = me
    yield
    deadline = time.monotonic() + GRACE
    while (left := _ours(me)) and time.monotonic() < deadline:
        time.sleep(0.1)
    # Reported for the record (0 on a clean run) and failed on any.
    print(f"\n{MARK}: {len(left)} processes left by this session ({me})")
    assert not left, "processes the tests started are still running:\n" + "\n".join(
        f"  {pid}: {command}" for pid, command in sorted(left.items())
    )

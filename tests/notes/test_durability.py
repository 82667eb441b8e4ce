"""Real processes against one notes file: concurrent sessions, kill -9 mid-save, a full disk, a read-only folder."""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from csto_tui.model import RecordRef
from csto_tui.notes.book import Notebook

MARKER = """
import sys
from pathlib import Path
from csto_tui.model import RecordRef
from csto_tui.notes.book import Notebook
book = Notebook(Path(sys.argv[1]))
print("ready", flush=True)
sys.stdin.readline()  # start together
for i in range(int(sys.argv[3])):
    book.toggle(RecordRef("event", f"{sys.argv[2]}-{i}"))
print(book.take_warnings(), flush=True)
"""


def _spawn(code: str, *args: str, **kwargs: object) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        **kwargs,  # type: ignore[call-overload]
    )


def test_two_processes_marking_200_each_at_once_keep_all_400(tmp_path: Path) -> None:
    path = tmp_path / "notes.json"
    procs = [_spawn(MARKER, str(path), name, "200") for name in ("a", "b")]
    for proc in procs:
        assert proc.stdout is not None and proc.stdout.readline() == "ready\n"
    for proc in procs:  # both are loaded and waiting: let them go at the same moment
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
    for proc in procs:
        out, _ = proc.communicate(timeout=240)
        assert proc.returncode == 0 and out.strip() == "[]"
    marks = json.loads(path.read_text())["marks"].values()
    assert len(marks) == 400
    assert {m["id"] for m in marks} == {f"{n}-{i}" for n in "ab" for i in range(200)}


SAVER = """
import sys
from pathlib import Path
from csto_tui.model import RecordRef
from csto_tui.notes.book import Notebook
book = Notebook(Path(sys.argv[1]))
padding = "x" * 400_000  # a large note: each save takes long enough to be interrupted
k = 0
while True:
    k += 1
    book.set_note(RecordRef("event", "counter"), f"{k} {padding}")
    print(k, flush=True)
"""


def _counter(path: Path) -> int:
    data = json.loads(path.read_text(encoding="utf-8"))  # a partial file would fail here
    [note] = data["notes"].values()
    return int(note["text"].split(" ", 1)[0])


def test_kill_9_in_the_middle_of_saves_leaves_the_old_or_the_new_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.json"
    kills = 0
    for round_ in range(12):
        proc = _spawn(SAVER, str(path))
        assert proc.stdout is not None
        # Kill after a different number of completed saves each round, while the next is being written.
        for _ in range(1 + round_ % 4):
            last = int(proc.stdout.readline())
        before = _counter(path)
        if round_ % 2:
            # Every other round, kill the moment the next version's temp file appears: in the middle of writing it.
            # (The temp file may be renamed away a moment later: remember that it was seen.)
            deadline = time.monotonic() + 30
            while not (seen := bool(list(tmp_path.glob(".notes.json-*.tmp")))) and time.monotonic() < deadline:
                time.sleep(0.0005)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        assert round_ % 2 == 0 or seen, "no save started"
        kills += 1
        after = _counter(path)
        # Every save it printed had finished (it may have printed more while we looked); the one after the last
        # printed may or may not have been renamed into place. Old or new, never anything else.
        done = max([last, *(int(line) for line in proc.stdout.read().split())])
        assert before >= last and after in (done, done + 1), (last, before, done, after)
    assert kills == 12
    # A killed save may leave its temp file; the next save, holding the lock, clears it.
    book = Notebook(path)
    book.mark(RecordRef("event", "after"))
    assert book.take_warnings() == [] and not list(tmp_path.glob(".notes.json-*.tmp"))


def _limit_file_size(limit: int) -> Callable[[], None]:
    def limit_it() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return limit_it


FILLER = """
import sys
from pathlib import Path
from csto_tui.model import RecordRef
from csto_tui.notes.book import Notebook
book = Notebook(Path(sys.argv[1]))
for i in range(50):
    book.mark(RecordRef("event", f"more-{i}"))
    book.set_note(RecordRef("event", f"more-{i}"), "n" * 2000)
print("saving" if book.saving else "not saving", len(book.marked()))
for w in book.take_warnings():
    print(w)
"""


def _seed(path: Path) -> bytes:
    book = Notebook(path)
    book.mark(RecordRef("event", "kept"))
    book.set_note(RecordRef("event", "kept"), "must not be lost")
    return path.read_bytes()


def test_a_full_disk_gives_the_message_and_loses_nothing(tmp_path: Path) -> None:
    path = tmp_path / "notes.json"
    seeded = _seed(path)
    # RLIMIT_FSIZE: a write past 64 KiB fails with EFBIG (Python ignores SIGXFSZ), as a full disk does.
    proc = _spawn(FILLER, str(path), preexec_fn=_limit_file_size(64 * 1024))
    out, _ = proc.communicate(timeout=120)
    assert proc.returncode == 0
    lines = out.splitlines()
    assert lines[0] == "not saving 51"  # the session went on, every mark kept in memory
    assert any("the disk is full" in line and "this session only" in line for line in lines[1:]), out
    book = Notebook(path)
    assert RecordRef("event", "kept") in book.marked() and book.note(RecordRef("event", "kept")) == "must not be lost"
    # The file is whole: the last save that fitted (the seed, and whatever came after it while it fitted).
    assert len(path.read_bytes()) <= 64 * 1024 and len(seeded) < 64 * 1024


@pytest.fixture
def readable_folder() -> Iterator[Path]:
    """A folder outside pytest's private tmp, so an unprivileged user can read it."""
    folder = Path(tempfile.mkdtemp(prefix="csto-notes-ro-"))
    folder.chmod(0o755)
    yield folder
    folder.chmod(0o755)
    for child in folder.iterdir():
        child.unlink()
    folder.rmdir()


def test_a_read_only_folder_gives_the_message_and_loses_nothing(readable_folder: Path) -> None:
    path = readable_folder / "notes.json"
    seeded = _seed(path)
    path.chmod(0o644)
    (readable_folder / "notes.json.lock").unlink()
    readable_folder.chmod(0o555)
    # root ignores permissions unless it gives up the capabilities that let it (util-linux's setpriv).
    wrapper = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"] if os.geteuid() == 0 else []
    proc = subprocess.Popen([*wrapper, sys.executable, "-c", FILLER, str(path)], stdout=subprocess.PIPE, text=True)
    out, _ = proc.communicate(timeout=120)
    assert proc.returncode == 0, out
    lines = out.splitlines()
    assert lines[0] == "not saving 51"
    assert any("read-only" in line and "this session only" in line for line in lines[1:]), out
    assert path.read_bytes() == seeded

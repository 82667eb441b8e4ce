"""The notebook under stress: concurrent sessions marking at once, and kill -9 in the middle of saves.

    python benchmarks/notes_durability.py [--sessions 2] [--marks 200] [--kills 100]

Concurrency: N processes, each with its own Notebook on one notes.json, wait for a common start
and mark M records each; reports the marks in the file at the end (all N*M expected), the wall
time and the time per mark. Crash: a process saves a 400 KB note in a loop; it is killed with
SIGKILL after 1-4 completed saves, K times; after every kill the file must parse and hold the
save before the kill or the one being written, never anything else. Not a test (tests/notes has
the same checks at a smaller scale): run it by hand.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

MARKER = """
import sys
from pathlib import Path
from csto_tui.model import RecordRef
from csto_tui.notes.book import Notebook
book = Notebook(Path(sys.argv[1]))
print("ready", flush=True)
sys.stdin.readline()
for i in range(int(sys.argv[3])):
    book.toggle(RecordRef("event", f"{sys.argv[2]}-{i}"))
print(len(book.take_warnings()), flush=True)
"""

SAVER = """
import sys
from pathlib import Path
from csto_tui.model import RecordRef
from csto_tui.notes.book import Notebook
book = Notebook(Path(sys.argv[1]))
padding = "x" * 400_000
k = 0
while True:
    k += 1
    book.set_note(RecordRef("event", "counter"), f"{k} {padding}")
    print(k, flush=True)
"""


def _spawn(code: str, *args: str) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen(
        [sys.executable, "-c", code, *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env
    )


def concurrency(folder: Path, sessions: int, marks: int) -> None:
    path = folder / "notes.json"
    procs = [_spawn(MARKER, str(path), f"s{n}", str(marks)) for n in range(sessions)]
    for proc in procs:
        assert proc.stdout is not None and proc.stdout.readline() == "ready\n"
    start = time.monotonic()
    for proc in procs:
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
    warnings = sum(int(proc.communicate(timeout=600)[0].strip() or 0) for proc in procs)
    wall = time.monotonic() - start
    found = len(json.loads(path.read_text())["marks"])
    print(
        f"concurrency: {sessions} sessions x {marks} marks at once -> {found} of {sessions * marks} in the file, "
        f"{warnings} warnings; {wall:.1f} s wall, {1000 * wall / marks:.0f} ms per mark per session"
    )


def counter(path: Path) -> int:
    [note] = json.loads(path.read_text(encoding="utf-8"))["notes"].values()
    return int(note["text"].split(" ", 1)[0])


def crashes(folder: Path, kills: int) -> None:
    path = folder / "notes.json"
    partial = advanced = torn = 0
    for round_ in range(kills):
        proc = _spawn(SAVER, str(path))
        assert proc.stdout is not None
        for _ in range(1 + round_ % 4):
            proc.stdout.readline()
        before = counter(path)
        if round_ % 2:
            # Every other round, kill as soon as the next version's temp file is there: mid-write.
            while not list(folder.glob(".notes.json-*.tmp")):
                time.sleep(0.0005)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        # A temp file left behind: the kill landed while the next version was being written.
        torn += bool(list(folder.glob(".notes.json-*.tmp")))
        try:
            after = counter(path)
        except (ValueError, KeyError):
            partial += 1
            continue
        if after not in (before, before + 1):
            partial += 1
        advanced += after == before + 1
    print(
        f"crash: {kills} kill -9 during saves -> {partial} partial or unexpected files; "
        f"{torn} kills left a half-written temp file (the old notes.json intact), "
        f"{advanced} landed just after a rename (the new one complete)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=2)
    parser.add_argument("--marks", type=int, default=200)
    parser.add_argument("--kills", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        concurrency(Path(folder), args.sessions, args.marks)
    with tempfile.TemporaryDirectory() as folder:
        crashes(Path(folder), args.kills)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

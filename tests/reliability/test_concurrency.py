"""Twenty apps at once on one store and one state file: the store untouched, the state file never corrupt.

The state file starts out corrupt, so all twenty also race to set it aside.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from csto_tui.ui import prefs

from .ptyrun import PtyApp
from .storegen import sha256

APPS = 20


def _saved(path: Path) -> bool:
    try:
        return json.loads(path.read_text(encoding="utf-8")).get("format") == prefs.FORMAT
    except (OSError, ValueError):
        return False


def test_twenty_apps_one_store_one_state_file(good_store: Path, private_state: Path) -> None:
    state = private_state / "csto-tui"
    state.mkdir(parents=True)
    (state / prefs.FILE_NAME).write_bytes(b'{"format": "csto-tui-prefs", "version": 1, "lang')  # cut short
    before = sha256(good_store)
    env = {**os.environ, "TERM": "xterm-256color"}
    apps = [PtyApp(["--db", str(good_store)], env=env) for _ in range(APPS)]
    try:
        start = time.monotonic()
        for app in apps:
            app.wait_ready(timeout=90)
        ready = time.monotonic() - start
        # Each moves somewhere else, so each has different preferences to save.
        for i, app in enumerate(apps):
            app.send("2" + "j" * i + ("L" if i % 2 else "") + "34"[i % 2])
        # Past the save delay every app writes the file, at about the same time: wait until one
        # has (the file is ours again), reading it without prefs.load, which would set it aside.
        deadline = time.monotonic() + 30
        while not _saved(state / prefs.FILE_NAME):
            assert time.monotonic() < deadline, "no app saved its preferences"
            time.sleep(0.05)
        for app in apps:
            app.send("q")
        codes = [app.wait_exit(30)[0] for app in apps]
        total = time.monotonic() - start
    finally:
        for app in apps:
            app.cleanup()
    print(f"{APPS} apps: all ready after {ready:.1f}s, all gone after {total:.1f}s; exit codes {set(codes)}")
    assert codes == [0] * APPS
    assert sha256(good_store) == before
    # The state file is whole, ours, and exactly one app's preferences.
    data = json.loads((state / prefs.FILE_NAME).read_text(encoding="utf-8"))
    assert data["format"] == prefs.FORMAT and data["version"] == prefs.VERSION
    assert prefs.load(state / prefs.FILE_NAME).warnings == []
    # The corrupt file was set aside (once; the others found it gone), no temporary file is left.
    assert (state / f"{prefs.FILE_NAME}.bad").read_bytes().startswith(b'{"format"')
    leftovers = sorted(p.name for p in state.iterdir() if p.name not in (prefs.FILE_NAME, f"{prefs.FILE_NAME}.bad"))
    assert leftovers == [], leftovers


def test_foreign_state_file_is_set_aside_with_a_warning(good_store: Path, private_state: Path) -> None:
    state = private_state / "csto-tui"
    state.mkdir(parents=True)
    foreign = b'{"theme": "dark", "recent": [1, 2, 3]}\n'  # valid JSON, some other program's
    (state / prefs.FILE_NAME).write_bytes(foreign)
    with PtyApp(["--db", str(good_store)], env={**os.environ, "TERM": "xterm-256color"}, cols=120, rows=30) as app:
        app.wait_ready()
        deadline = time.monotonic() + 10
        while "ignored" not in app.text and time.monotonic() < deadline:
            time.sleep(0.1)
        assert "ignored" in app.text, "no warning shown"
        app.send("q")
        code, _ = app.wait_exit(10)
    assert code == 0
    assert (state / f"{prefs.FILE_NAME}.bad").read_bytes() == foreign
    assert json.loads((state / prefs.FILE_NAME).read_text())["format"] == prefs.FORMAT


def test_readers_never_see_a_half_written_state_file(private_state: Path) -> None:
    """Writers and readers hammer the file at once: every read is a whole file (temp file + rename)."""
    import threading

    from csto_tui.model import RecordRef

    path = private_state / "csto-tui" / prefs.FILE_NAME
    assert prefs.save(prefs.Prefs(), path) is None
    stop = threading.Event()
    problems: list[str] = []

    writes = [0] * 4
    reads = [0] * 4
    seen: set[str] = set()  # the writers' selections the readers found: reads really saw writes

    def write(n: int) -> None:
        i = 0
        while not stop.is_set():
            i += 1
            ref = RecordRef("event", f"ev-{n}-{i}-" + "x" * (i % 2000))  # sizes vary: a torn write would show
            warning = prefs.save(prefs.Prefs(language="en" if i % 2 else "zh", selection=ref), path)
            if warning:
                problems.append(warning)
            writes[n] += 1

    def read(n: int) -> None:
        while not stop.is_set():
            loaded = prefs.load(path)
            problems.extend(loaded.warnings)
            if loaded.selection is not None:
                seen.add(loaded.selection.id.split("-")[1])
            reads[n] += 1

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    threads += [threading.Thread(target=read, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    # Until every thread has done its share, and the readers have seen every writer's file.
    deadline = time.monotonic() + 60
    while not (min(writes) >= 50 and min(reads) >= 50 and len(seen) == 4) and time.monotonic() < deadline:
        time.sleep(0.05)
    stop.set()
    for thread in threads:
        thread.join()
    assert min(writes) >= 50 and min(reads) >= 50, (writes, reads)
    assert seen == {"0", "1", "2", "3"}, seen
    assert problems == []
    assert not list(path.parent.glob("*.bad")) and not list(path.parent.glob(".prefs-*"))

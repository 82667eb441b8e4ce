"""Start-up, key-to-frame latency and peak memory of csto-tui, in a real pseudo-terminal.

Run from the repository root:  ``.venv/bin/python benchmarks/bench.py``  (about 5 minutes)

For the shipped store and synthetic stores of 1,000 / 10,000 / 100,000 events
(benchmarks/synth.py, cached in the temp directory), it measures:

- first frame: from just before the process is forked to the arrival of the pty bytes
  after which the screen (pyte, a headless VT100) shows the first event of the timeline;
  the median of several fresh processes, interleaved with a bare Textual app (a Static and
  a Footer, benchmarks/bare_app.py) so the result is also a ratio against it;
- key-to-frame latency: from writing a key to the pty to the arrival of the bytes that
  show its effect, median and p99 over at least 200 presses each of j/k, PageDown/PageUp,
  year jump (} and {), following a citation (Enter; Back is not timed) and typing a search
  (until the pane title shows the match count for the text typed so far);
- peak resident memory of the app process (VmHWM from /proc, read after all the presses).

The table is printed and written to benchmarks/results/latest.md.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import synth  # noqa: E402
from term import Predicate, Terminal  # noqa: E402

from csto_tui.model import Store  # noqa: E402
from csto_tui.ui.text import event_text  # noqa: E402

SIZES = (1_000, 10_000, 100_000)
KEY = {
    "j": b"j",
    "k": b"k",
    "pagedown": b"\x1b[6~",
    "pageup": b"\x1b[5~",
    "home": b"g",
    "enter": b"\r",
    "escape": b"\x1b",
    "slash": b"/",
    "next_year": b"}",
    "previous_year": b"{",
    "back": b"\x7f",  # backspace
    "timeline": b"2",  # the timeline pane
    "quit": b"\x11",  # ctrl+q
}
SEARCHES_SYNTH = ("khorgos", "霍尔果斯", "sarybel", "summit")
SEARCHES_SHIPPED = ("russia", "俄罗斯", "summit", "吉尔吉斯")


@dataclass
class Latency:
    samples: list[float] = field(default_factory=list)
    misses: int = 0  # presses whose effect never showed (not counted in the samples)

    def add(self, value: float | None) -> None:
        if value is None:
            self.misses += 1
        else:
            self.samples.append(value)

    def median_ms(self) -> float | None:
        return statistics.median(self.samples) * 1000 if self.samples else None

    def p99_ms(self) -> float | None:
        if len(self.samples) < 2:
            return self.samples[0] * 1000 if self.samples else None
        return statistics.quantiles(self.samples, n=100, method="inclusive")[98] * 1000


@dataclass
class Result:
    name: str
    events: int | None
    file_mb: float | None
    first_frames: list[float] = field(default_factory=list)
    peak_kib: int | None = None
    latency: dict[str, Latency] = field(default_factory=dict)
    error: str | None = None

    @property
    def first_frame(self) -> float | None:
        return statistics.median(self.first_frames) if self.first_frames else None


def child_env(state: Path) -> dict[str, str]:
    """A plain SSH-like terminal: 256 colours, UTF-8, the user's prefs and history kept out."""
    # PYTHONDONTWRITEBYTECODE is dropped so the untimed warm-up run writes the bytecode cache, as an installed
    # csto-tui has it (the bare app's Textual has it from pip): else every run recompiles csto-tui's modules.
    dropped = ("TEXTUAL", "COLORTERM", "NO_COLOR", "PYTHONDONTWRITEBYTECODE")
    env = {k: v for k, v in os.environ.items() if not k.startswith(dropped)}
    env.update(
        TERM="xterm-256color",
        LANG="C.UTF-8",
        XDG_STATE_HOME=str(state),
        XDG_CONFIG_HOME=str(state),
        XDG_CACHE_HOME=str(state),
        PYTHONUNBUFFERED="1",
    )
    return env


def synthetic_store(n: int) -> Path:
    """A cached synthetic store; regenerated whenever synth.py changes."""
    digest = hashlib.sha256((HERE / "synth.py").read_bytes()).hexdigest()[:12]
    path = Path(tempfile.gettempdir()) / "csto-tui-bench" / f"synth-{n}-{digest}.json"
    if not path.exists():
        synth.write(path, n)
    return path


def first_event_markers(store: Store) -> tuple[str, ...]:
    """The start of the first timeline row's text, in either language the timeline can show."""
    event = store.events[0]
    zh = event_text(event, "zh")[:6]
    en = event_text(event, "en")[:12]
    return tuple(m for m in (zh, en) if m.strip())


def shows(markers: tuple[str, ...]) -> Predicate:
    return lambda term: any(term.contains(m) for m in markers)


class Bench:
    def __init__(self, cols: int, rows: int, presses: int, runs: int, state: Path) -> None:
        self.cols = cols
        self.rows = rows
        self.presses = presses
        self.runs = runs
        self.state = state
        self.bare = Result("bare Textual app", None, None)

    def spawn(self, argv: list[str]) -> Terminal:
        """A fresh process with empty prefs and history, so every run opens on the first event."""
        state = Path(tempfile.mkdtemp(dir=self.state))
        return Terminal(argv, self.cols, self.rows, child_env(state))

    def app_argv(self, store: Path) -> list[str]:
        return [sys.executable, "-m", "csto_tui", "--db", str(store)]

    def bare_first_frame(self) -> None:
        term = self.spawn([sys.executable, str(HERE / "bare_app.py")])
        arrived = term.wait_for(shows(("bare textual app ready",)), 30)
        if arrived is not None:
            self.bare.first_frames.append(arrived - term.t_start)
        term.settle(0.05)
        self.bare.peak_kib = max(self.bare.peak_kib or 0, term.peak_rss_kib() or 0)
        term.close()

    def measure_store(self, name: str, path: Path, searches: tuple[str, ...]) -> Result:
        store = Store.open(path)
        n = len(store.events)
        years = len(store.years())
        markers = first_event_markers(store)
        has_refs = [bool(e.refs) for e in store.events]
        del store  # the bench process should not hold a 100,000-event store while it measures
        result = Result(name, n, path.stat().st_size / 1e6)
        argv = self.app_argv(path)
        # Warm the OS file cache and the bytecode cache once, untimed.
        warm = self.spawn(argv)
        warm.wait_for(shows(markers), 120)
        warm.close()
        for _ in range(self.runs):
            self.bare_first_frame()
            term = self.spawn(argv)
            arrived = term.wait_for(shows(markers), 120)
            if arrived is None:
                result.error = "the first event never appeared:\n" + term.text()
                term.close()
                return result
            result.first_frames.append(arrived - term.t_start)
            term.settle(0.05)
            result.peak_kib = max(result.peak_kib or 0, term.peak_rss_kib() or 0)
            term.close()
        term = self.spawn(argv)
        if term.wait_for(shows(markers), 120) is None:
            result.error = "the first event never appeared"
            term.close()
            return result
        term.settle(0.3)
        scenarios: list[tuple[str, Callable[[Terminal, Latency], None]]] = [
            ("j/k", lambda t, lat: self.up_down(t, lat, b"j", b"k", block=min(10, n - 1))),
            ("PgDn/PgUp", lambda t, lat: self.up_down(t, lat, KEY["pagedown"], KEY["pageup"], block=min(5, n // 40))),
            ("year }/{", lambda t, lat: self.up_down(t, lat, b"}", b"{", block=min(10, years - 1))),
            ("cite Enter", lambda t, lat: self.follow_citation(t, lat, has_refs)),
            ("search typing", lambda t, lat: self.type_searches(t, lat, counted, searches)),
        ]
        counted = Latency()
        for label, scenario in scenarios:
            latency = Latency()
            try:
                scenario(term, latency)
            except Exception as exc:  # a scenario the app does not support yet stays visible in the table
                result.error = f"{label}: {exc}"
            result.latency[label] = latency
            self.escape(term)  # back to the first event, timeline focused
            for key in (KEY["timeline"], KEY["home"]):
                term.send(key)
                term.settle(0.15)
        result.latency["search count"] = counted
        result.peak_kib = max(result.peak_kib or 0, term.peak_rss_kib() or 0)
        term.close()
        return result

    # Scenarios: each fills ``lat`` with at least ``self.presses`` samples.

    def up_down(self, term: Terminal, lat: Latency, down: bytes, up: bytes, block: int) -> None:
        block = max(block, 1)
        while len(lat.samples) < self.presses and lat.misses < self.presses:
            for key in (down, up):
                for _ in range(block):
                    lat.add(term.press(key, timeout=1.0))
                    term.settle()

    def follow_citation(self, term: Terminal, lat: Latency, has_refs: list[bool]) -> None:
        """Enter on an event with a footnote opens the citation; Backspace (Back) and 2 (timeline) return, untimed."""
        row = 0  # each scenario starts at the first event
        while len(lat.samples) < self.presses and lat.misses < self.presses:
            if has_refs[row]:
                lat.add(term.press(KEY["enter"], timeout=2.0))
                term.settle()
                term.send(KEY["back"])
                term.settle(0.05)
                term.send(KEY["timeline"])
                term.settle(0.05)
            if row + 1 < len(has_refs):
                term.send(b"j")
                row += 1
            else:
                term.send(KEY["home"])
                row = 0
            term.settle()

    def type_searches(self, term: Terminal, lat: Latency, counted: Latency, queries: tuple[str, ...]) -> None:
        """Each typed character: the frame that echoes it (the cursor moves to the first match in that frame),
        then the frame whose pane title shows the match count, both timed from the key."""
        round_ = 0
        while len(lat.samples) < self.presses and lat.misses < self.presses:
            query = queries[round_ % len(queries)]
            round_ += 1
            term.send(KEY["slash"])
            term.settle(0.05)
            typed = ""
            for char in query:
                typed += char
                sent = term.send(char.encode())
                echoed = term.wait_for(lambda t, s=typed: any(line.strip() == s for line in t.lines()), 2.0)
                lat.add(None if echoed is None else echoed - sent)
                shown = f"/{typed}:"
                count = term.wait_for(lambda t, s=shown: t.contains(s), 2.0)
                counted.add(None if count is None else count - sent)
                term.settle()
            self.escape(term, lambda t, s=typed: not any(line.strip() == s for line in t.lines()))

    def escape(self, term: Terminal, done: Predicate | None = None) -> None:
        """Escape, and wait until the app has acted on it: a key sent while Textual still waits to
        tell a lone Escape from an Alt chord would be read as Alt+key."""
        term.send(KEY["escape"])
        if done is not None:
            term.wait_for(done, 2.0)
        time.sleep(0.2)
        term.settle(0.05)


def fmt_ms(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}" if value >= 100 else f"{value:.1f}"


def table(bench: Bench, results: list[Result]) -> str:
    bare = bench.bare.first_frame
    shipped = results[0].first_frame if results else None
    labels = ["j/k", "PgDn/PgUp", "year }/{", "cite Enter", "search typing", "search count"]
    head = ["store", "events", "file MB", "first frame ms", "× bare", "× shipped"]
    head += [f"{label} med / p99 ms" for label in labels] + ["peak RSS MiB"]
    rows = [
        [
            bench.bare.name,
            "—",
            "—",
            fmt_ms(bare * 1000 if bare else None),
            "1.00",
            "—",
            *["—"] * len(labels),
            f"{bench.bare.peak_kib / 1024:.0f}" if bench.bare.peak_kib else "—",
        ]
    ]
    for r in results:
        ff = r.first_frame
        cells = [
            r.name,
            f"{r.events:,}" if r.events is not None else "—",
            f"{r.file_mb:.1f}" if r.file_mb is not None else "—",
            fmt_ms(ff * 1000 if ff else None),
            f"{ff / bare:.2f}" if ff and bare else "—",
            f"{ff / shipped:.2f}" if ff and shipped else "—",
        ]
        for label in labels:
            lat = r.latency.get(label)
            if lat is None or not lat.samples:
                cells.append("—")
            else:
                miss = f" ({lat.misses} missed)" if lat.misses else ""
                cells.append(f"{fmt_ms(lat.median_ms())} / {fmt_ms(lat.p99_ms())}{miss}")
        cells.append(f"{r.peak_kib / 1024:.0f}" if r.peak_kib else "—")
        rows.append(cells)
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def report(bench: Bench, results: list[Result], started: float) -> str:
    samples = min((len(lat.samples) for r in results for lat in r.latency.values()), default=0)
    notes = [
        f"Measured {time.strftime('%Y-%m-%d %H:%M', time.localtime(started))} on {platform.node()} "
        f"({platform.system()} {platform.release()}, Python {platform.python_version()}, {os.cpu_count()} CPUs), "
        f"terminal {bench.cols}x{bench.rows}, TERM=xterm-256color; took {time.time() - started:.0f} s.",
        f"First frame: median of {bench.runs} fresh processes (bare app runs interleaved). "
        f"Latency: at least {samples} timed presses per column. Peak RSS: VmHWM of the app process after every press.",
    ]
    errors = [f"- {r.name}: {r.error}" for r in results if r.error]
    out = "\n".join([table(bench, results), "", *notes])
    if errors:
        out += "\n\nProblems:\n" + "\n".join(errors)
    return out + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark csto-tui start-up, latency and memory in a pty.")
    parser.add_argument("--sizes", type=int, nargs="*", default=list(SIZES), help="synthetic store sizes")
    parser.add_argument("--presses", type=int, default=200, help="timed presses per key (default 200)")
    parser.add_argument("--runs", type=int, default=5, help="fresh processes per first-frame figure")
    parser.add_argument("--size", default="80x24", help="terminal size COLSxROWS (default 80x24)")
    parser.add_argument("--no-shipped", action="store_true", help="skip the shipped store")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "latest.md")
    args = parser.parse_args(argv)
    cols, rows = (int(v) for v in args.size.lower().split("x"))
    started = time.time()
    with tempfile.TemporaryDirectory(prefix="csto-bench-state-") as state:
        bench = Bench(cols, rows, args.presses, args.runs, Path(state))
        results: list[Result] = []
        stores: list[tuple[str, Path, tuple[str, ...]]] = []
        if not args.no_shipped:
            from csto_tui.paths import shipped_store

            stores.append(("shipped (data/csto.json)", shipped_store(), SEARCHES_SHIPPED))
        for n in args.sizes:
            print(f"generating a {n:,}-event store ...", file=sys.stderr)
            stores.append((f"synthetic {n:,}", synthetic_store(n), SEARCHES_SYNTH))
        for name, path, searches in stores:
            print(f"measuring {name} ...", file=sys.stderr)
            results.append(bench.measure_store(name, path, searches))
    text = report(bench, results, started)
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(f"# csto-tui benchmark: latest results\n\n{text}", encoding="utf-8")
    print(f"written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""``csto-tui serve --web``: the same app in a browser, through textual-serve (the 'web' extra)."""

from __future__ import annotations

import logging
import sys

from csto_tui.serve.settings import Settings

log = logging.getLogger("csto_tui.serve")


def serve_web(settings: Settings) -> int:
    try:
        from csto_tui.serve.web_guard import GuardedServer
    except ImportError:
        print("csto-tui serve: --web needs the 'web' extra: pip install 'csto-tui[web]'", file=sys.stderr)
        return 2
    if settings.port == 0:
        print("csto-tui serve: --web needs a fixed --port (the page links back to it)", file=sys.stderr)
        return 2
    if settings.public:
        log.warning(
            "WARNING: --web on %s has no login: anyone who can reach it gets in; "
            "keep it on 127.0.0.1 or put an authenticating proxy in front",
            settings.host,
        )
    # textual-serve starts one app per browser tab, each its own process, and stops it when the tab closes.
    # No login, so no per-user directory: marks and notes last as long as the tab (csto_tui.notes).
    from csto_tui.serve.state import open_root

    state = open_root()
    if state is None:
        return 2
    try:
        GuardedServer(settings, state).serve()
    finally:
        state.close()
    return 0

"""``csto-tui serve``: check the options, then serve over SSH (or, with ``--web``, to a browser)."""

from __future__ import annotations

import argparse
import asyncio
import logging
import re
import sys

from csto_tui.serve.settings import Settings, app_command

log = logging.getLogger("csto_tui.serve")


def settings_from_args(args: argparse.Namespace) -> Settings:
    return Settings(
        command=app_command(args.db),
        host=args.host,
        port=args.port,
        host_key=args.host_key,
        authorized_keys=args.authorized_keys,
        open=args.open,
        max_sessions=args.max_sessions,
        idle_timeout=args.idle_timeout,
        max_session_time=args.max_session_time,
        rate=args.rate,
        login_timeout=args.login_timeout,
        allowed_origins=tuple(args.allow_origin or ()),
    )


def problem(settings: Settings) -> str | None:
    """Why these settings cannot be served, in one line; None when they can."""
    if not 0 <= settings.port <= 65535:
        return f"--port must be 0-65535, not {settings.port}"
    if settings.max_sessions < 1:
        return "--max-sessions must be at least 1"
    for name in ("idle_timeout", "max_session_time", "login_timeout"):
        if getattr(settings, name) < 0:
            return f"--{name.replace('_', '-')} cannot be negative"
    if settings.rate < 0:
        return "--rate cannot be negative"
    for origin in settings.allowed_origins:
        if not re.fullmatch(r"https?://[^\s/]+", origin):
            return f"--allow-origin takes an origin like https://csto.example.org (no path), not {origin[:80]!r}"
    if settings.authorized_keys is not None and not settings.authorized_keys.is_file():
        return f"authorized keys file {settings.authorized_keys} does not exist"
    return None


def setup_logging() -> None:
    """One line per event on stderr, for the terminal or the service manager's journal."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s csto-tui serve: %(message)s", stream=sys.stderr)


def main(args: argparse.Namespace) -> int:
    setup_logging()
    settings = settings_from_args(args)
    if (error := problem(settings)) is not None:
        print(f"csto-tui serve: {error}", file=sys.stderr)
        return 2
    if not args.db.is_file():
        print(f"csto-tui serve: store {args.db} does not exist", file=sys.stderr)
        return 2
    if args.web:
        from csto_tui.serve.web import serve_web

        return serve_web(settings)
    return run(settings)


def run(settings: Settings) -> int:
    """Serve over SSH with these settings (tests use this to serve a different command)."""
    try:
        import asyncssh  # noqa: F401  (only to tell a missing extra from a broken server)
    except ImportError:
        print("csto-tui serve: needs the 'serve' extra: pip install 'csto-tui[serve]'", file=sys.stderr)
        return 2
    if not settings.open and settings.authorized_keys is None:
        print("csto-tui serve: say who may connect: --authorized-keys FILE, or --open for anyone", file=sys.stderr)
        return 2
    from csto_tui.serve import hostkey
    from csto_tui.serve.server import serve
    from csto_tui.serve.state import open_root

    try:
        if settings.host_key is not None:
            key = hostkey.load(settings.host_key)
        else:
            path = hostkey.default_path()
            key, created = hostkey.load_or_create(path)
            if created:
                log.info("generated host key %s", path)
    except hostkey.HostKeyError as exc:
        print(f"csto-tui serve: {exc}", file=sys.stderr)
        return 2
    state = open_root()
    if state is None:
        return 2
    if settings.public and settings.open:
        log.warning(
            "WARNING: listening on %s with --open: anyone who can reach this address gets in; "
            "use --authorized-keys FILE to choose who",
            settings.host,
        )

    def ready(port: int) -> None:
        who = "anyone (--open)" if settings.open else f"keys in {settings.authorized_keys}"
        log.info("listening on %s port %d for %s; host key %s", settings.host, port, who, key.get_fingerprint())

    try:
        return asyncio.run(serve(settings, key, state, ready))
    except OSError as exc:
        print(f"csto-tui serve: cannot listen on {settings.host}:{settings.port}: {exc.strerror}", file=sys.stderr)
        return 2
    finally:
        state.close()

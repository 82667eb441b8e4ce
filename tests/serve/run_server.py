"""Run ``csto-tui serve`` with its app replaced by another command: ``run_server.py [serve options] -- CMD...``.

Everything else (options, host key, limits, shutdown) is the real server; only the child differs.
"""

from __future__ import annotations

import dataclasses
import sys

from csto_tui.cli import build_parser
from csto_tui.serve.command import problem, run, settings_from_args, setup_logging


def main(argv: list[str]) -> int:
    setup_logging()
    split = argv.index("--")
    args = build_parser().parse_args(["serve", *argv[:split]])
    settings = dataclasses.replace(settings_from_args(args), command=argv[split + 1 :])
    if (error := problem(settings)) is not None:
        print(error, file=sys.stderr)
        return 2
    return run(settings)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

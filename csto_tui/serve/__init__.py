"""``csto-tui serve``: the explorer for anyone with an SSH client (asyncssh), or a browser (textual-serve).

Only this package imports asyncssh and textual-serve, so the rest of csto-tui never needs the extras.
"""

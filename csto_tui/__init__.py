"""csto-tui: a keyboard-first terminal explorer of the Collective Security Treaty Organization."""

__version__ = "0.1.0"

"""Citation formats and the ``csto-tui cite`` command; no Textual here."""

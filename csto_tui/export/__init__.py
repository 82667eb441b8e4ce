"""Exports for papers and scripts: a bibliography and an event table from chosen records. No Textual."""

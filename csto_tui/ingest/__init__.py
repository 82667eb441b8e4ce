"""Article -> store: parse the converted wiki article, merge the curation, build and check the TinyDB store."""

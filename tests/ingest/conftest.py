"""Shared fixtures: the shipped article, parsed once."""

from __future__ import annotations

import pytest

from csto_tui.ingest.article import Article, parse
from csto_tui.paths import source_article


@pytest.fixture(scope="session")
def text() -> str:
    return source_article().read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def article(text: str) -> Article:
    return parse(text)

"""Read the curated TOML files in ``data/curation/`` with clear errors.

Curation adds what the article cannot: English names, summaries, tags, which
text anchors an event, and how undated statements are placed. Facts (dates,
sections, footnotes, table values) come from the parsed article, never from here.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

FILES = ("entities.toml", "events.toml", "members.toml", "case_files.toml", "dates.toml")


class BuildError(Exception):
    """The article and the curation do not fit together; one line, no traceback."""


class Table:
    """One curated TOML table, with typed getters naming the file and item on error."""

    def __init__(self, data: dict[str, Any], where: str) -> None:
        self.data = data
        self.where = where

    def _get(self, key: str, kind: type, default: Any, required: bool) -> Any:
        if key not in self.data:
            if required:
                raise BuildError(f"{self.where}: missing {key!r}")
            return default
        value = self.data[key]
        if not isinstance(value, kind):
            raise BuildError(f"{self.where}: {key!r} should be {kind.__name__}, not {type(value).__name__}")
        return value

    def text(self, key: str) -> str:
        value: str = self._get(key, str, None, True)
        if not value.strip():
            raise BuildError(f"{self.where}: {key!r} is empty")
        return value

    def opt_text(self, key: str) -> str | None:
        value: str | None = self._get(key, str, None, False)
        return value

    def texts(self, key: str) -> tuple[str, ...]:
        items: list[Any] = self._get(key, list, [], False)
        if not all(isinstance(item, str) for item in items):
            raise BuildError(f"{self.where}: {key!r} should be a list of strings")
        return tuple(items)

    def tables(self, key: str) -> list[Table]:
        items: list[Any] = self._get(key, list, [], False)
        out = []
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                raise BuildError(f"{self.where}: {key}[{i}] should be a table")
            label = item.get("id", i)
            out.append(Table(item, f"{self.where} {key}[{label}]"))
        return out

    def check_keys(self, allowed: set[str]) -> None:
        unknown = sorted(set(self.data) - allowed)
        if unknown:
            raise BuildError(f"{self.where}: unknown key {unknown[0]!r}")


def load(directory: Path) -> dict[str, Table]:
    """Every curation file, parsed; a missing or malformed file is a BuildError."""
    if not directory.is_dir():
        raise BuildError(f"{directory}: curation directory not found (db build runs from a source checkout)")
    out: dict[str, Table] = {}
    for name in FILES:
        path = directory / name
        try:
            with path.open("rb") as handle:
                out[name] = Table(tomllib.load(handle), name)
        except FileNotFoundError:
            raise BuildError(f"{path}: curation file not found") from None
        except tomllib.TOMLDecodeError as exc:
            raise BuildError(f"{path}: invalid TOML: {exc}") from None
        except UnicodeDecodeError:
            raise BuildError(f"{path}: not UTF-8 text") from None
    return out

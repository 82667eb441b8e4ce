"""Word what is wrong with a store document: the exact converter, for error messages.

The app reads a store with msgspec (store.py), which is fast but says little about
where a document is wrong. When msgspec refuses a store, the same documents go
through this converter, which checks every field as msgspec does and names the
first bad one (``events[12].refs[0]: expected int, got str``). A store can be replaced
by anyone with ``--db``; a wrong type must become a clear error, not an exception deep
inside a widget.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Callable
from typing import Any, TypeVar

import msgspec

from csto_tui.safety import clean

T = TypeVar("T")

Converter = Callable[[Any, str], Any]

# JSON can spell a lone surrogate ("\\ud800" in the file); no terminal or clipboard can encode it.
_SURROGATE = re.compile("[\ud800-\udfff]")


class SchemaError(ValueError):
    """A document does not match the record it should hold."""


def _describe(value: Any) -> str:
    return type(value).__name__


def shorten(text: str, limit: int = 80) -> str:
    """``text`` cut to ``limit`` characters, so an error quoting a hostile value stays one short line."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _converter(hint: Any) -> Converter:
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if hint is str or hint is int or hint is bool:
        expected: type = hint

        def scalar(value: Any, where: str) -> Any:
            # bool is an int in Python; a JSON true is not a number here.
            if type(value) is not expected:
                raise SchemaError(f"{where}: expected {expected.__name__}, got {_describe(value)}")
            if isinstance(value, str):
                if _SURROGATE.search(value):
                    raise SchemaError(f"{where}: not valid Unicode text (a lone surrogate)")
                if not value.isprintable():
                    # Every string from a store, whatever its field (ids included), leaves the model inert:
                    # no escape sequence or control character reaches a terminal, Rich or a clipboard.
                    value = clean(value)
            return value

        return scalar
    if origin is typing.Literal:
        allowed = args

        def literal(value: Any, where: str) -> Any:
            if value not in allowed or type(value) is not type(allowed[0]):
                raise SchemaError(f"{where}: {shorten(repr(value))} is not one of {', '.join(map(str, allowed))}")
            return value

        return literal
    if origin in (typing.Union, types.UnionType):
        inner = _converter(next(a for a in args if a is not type(None)))

        def optional(value: Any, where: str) -> Any:
            return None if value is None else inner(value, where)

        return optional
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            item = _converter(args[0])

            def sequence(value: Any, where: str) -> Any:
                if not isinstance(value, list):
                    raise SchemaError(f"{where}: expected a list, got {_describe(value)}")
                return tuple(item(v, f"{where}[{i}]") for i, v in enumerate(value))

            return sequence
        items = [_converter(a) for a in args]

        def fixed(value: Any, where: str) -> Any:
            if not isinstance(value, list) or len(value) != len(items):
                raise SchemaError(f"{where}: expected a list of {len(items)} items")
            return tuple(c(v, f"{where}[{i}]") for i, (c, v) in enumerate(zip(items, value, strict=True)))

        return fixed
    if isinstance(hint, type) and issubclass(hint, msgspec.Struct):
        return record_converter(hint)
    raise TypeError(f"no converter for {hint!r}")


_cache: dict[type, Converter] = {}


def record_converter(cls: type[T]) -> Callable[[Any, str], T]:
    """A function checking a JSON object against ``cls`` and building it."""
    if cls in _cache:
        return _cache[cls]
    info = msgspec.structs.fields(typing.cast(Any, cls))
    fields = [(f.name, _converter(f.type)) for f in info]
    names = {f.name for f in info}
    required = {f.name for f in info if f.required}

    def convert(value: Any, where: str) -> T:
        if not isinstance(value, dict):
            raise SchemaError(f"{where}: expected an object, got {_describe(value)}")
        missing = [name for name in required if name not in value]
        if missing:
            raise SchemaError(f"{where}: missing field {sorted(missing)[0]!r}")
        extra = [key for key in value if key not in names]
        if extra:
            raise SchemaError(f"{where}: unknown field {shorten(repr(sorted(map(str, extra))[0]))}")
        return cls(**{name: conv(value[name], f"{where}.{name}") for name, conv in fields if name in value})

    _cache[cls] = convert
    return convert

"""Turn JSON documents into the frozen records, checking every field's type.

A store can be replaced by anyone with ``--db``; a wrong type must become a
clear error here, not an exception deep inside a widget.
"""

from __future__ import annotations

import dataclasses
import re
import sys
import types
import typing
from collections.abc import Callable
from typing import Any, TypeVar

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
            if isinstance(value, str) and _SURROGATE.search(value):
                raise SchemaError(f"{where}: not valid Unicode text (a lone surrogate)")
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
    if dataclasses.is_dataclass(hint):
        return record_converter(typing.cast(type, hint))
    raise TypeError(f"no converter for {hint!r}")


_cache: dict[type, Converter] = {}


def record_converter(cls: type[T]) -> Callable[[Any, str], T]:
    """A function checking a JSON object against ``cls`` and building it."""
    if cls in _cache:
        return _cache[cls]
    hints = typing.get_type_hints(cls)
    fields = [(f.name, _converter(hints[f.name])) for f in dataclasses.fields(cls)]  # type: ignore[arg-type]
    names = {name for name, _ in fields}

    def convert(value: Any, where: str) -> T:
        if not isinstance(value, dict):
            raise SchemaError(f"{where}: expected an object, got {_describe(value)}")
        missing = [name for name in names if name not in value]
        if missing:
            raise SchemaError(f"{where}: missing field {sorted(missing)[0]!r}")
        extra = [key for key in value if key not in names]
        if extra:
            raise SchemaError(f"{where}: unknown field {shorten(repr(sorted(map(str, extra))[0]))}")
        return cls(**{name: conv(value[name], f"{where}.{name}") for name, conv in fields})

    _cache[cls] = convert
    return convert


class Declined(Exception):
    """The quick path does not vouch for a document; the exact converter then judges it."""


# Names the generated quick converters use; nothing else is in their scope.
_QUICK_GLOBALS: dict[str, Any] = {
    "Declined": Declined,
    "_new": object.__new__,
    "_surrogate": _SURROGATE.search,
    "_intern": sys.intern,
}
SHARE_UP_TO = 32
_quick_cache: dict[type, Callable[[Any], Any]] = {}


def quick_converter(cls: type[T]) -> Callable[[Any], T]:
    """``record_converter(cls)`` for a 100,000-document store: same records, no error wording.

    It accepts a subset of what the exact converter accepts (exact types, exact key set,
    no lone surrogates) and builds equal records, raising ``Declined`` on anything else, so
    the exact converter runs only on a document it will reject, to word the error.
    The checks are generated as one straight-line function per record class: the exact
    converter's per-field closures and per-field ``where`` strings cost 4x as much.
    """
    if cls in _quick_cache:
        return _quick_cache[cls]
    namespace = dict(_QUICK_GLOBALS)
    lines: list[str] = []
    result = _quick_record(cls, "doc", lines, namespace, 1)
    source = "\n".join(
        ["def convert(doc):", " try:", *lines, f"  return {result}", " except KeyError:", "  raise Declined"]
    )
    exec(compile(source, f"<quick {cls.__name__} converter>", "exec"), namespace)  # the code built above
    convert: Callable[[Any], T] = namespace["convert"]
    _quick_cache[cls] = convert
    return convert


def _quick_record(cls: type, var: str, lines: list[str], namespace: dict[str, Any], depth: int) -> str:
    """Append checks of the object ``var`` against ``cls``; return the expression of the built record."""
    fields = dataclasses.fields(cls)
    hints = typing.get_type_hints(cls)
    pad = " " * (depth + 1)
    record = _quick_name(namespace, cls)
    lines.append(f"{pad}if type({var}) is not dict or len({var}) != {len(fields)}: raise Declined")
    values = []
    for f in fields:
        value = _quick_name(namespace, f.name, prefix="v")
        lines.append(f"{pad}{value} = {var}[{f.name!r}]")
        values.append(_quick_value(hints[f.name], value, lines, namespace, depth))
    if hasattr(cls, "__slots__") and not hasattr(cls, "__post_init__"):
        # A frozen dataclass's __init__ sets each field through object.__setattr__; the slot
        # descriptors set the same fields at a third of the cost.
        built = _quick_name(namespace, None, prefix="o")
        lines.append(f"{pad}{built} = _new({record})")
        for f, value in zip(fields, values, strict=True):
            setter = _quick_name(namespace, cls.__dict__[f.name].__set__, prefix="set")
            lines.append(f"{pad}{setter}({built}, {value})")
        return built
    return f"{record}({', '.join(values)})"


def _quick_value(hint: Any, var: str, lines: list[str], namespace: dict[str, Any], depth: int) -> str:
    """Append checks of ``var`` against ``hint``; return the expression of the converted value."""
    pad = " " * (depth + 1)
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if hint is str:
        lines.append(f"{pad}if type({var}) is not str or (not {var}.isascii() and _surrogate({var})): raise Declined")
        # Dates, sections, entity ids and tags repeat across events: one copy of each saves
        # 50 MB at 100,000 events.
        lines.append(f"{pad}if len({var}) <= {SHARE_UP_TO}: {var} = _intern({var})")
        return var
    if hint is int or hint is bool:
        lines.append(f"{pad}if type({var}) is not {hint.__name__}: raise Declined")
        return var
    if origin is typing.Literal:
        allowed = _quick_name(namespace, frozenset(args))
        kind = _quick_name(namespace, type(args[0]))
        lines.append(f"{pad}if type({var}) is not {kind} or {var} not in {allowed}: raise Declined")
        return var
    if origin in (typing.Union, types.UnionType):
        inner = next(a for a in args if a is not type(None))
        body: list[str] = []
        converted = _quick_value(inner, var, body, namespace, depth + 1)
        if body or converted != var:
            lines.append(f"{pad}if {var} is not None:")
            lines.extend(body or [f"{pad} pass"])
            if converted != var:
                lines.append(f"{pad} {var} = {converted}")
        return var
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        item = _quick_name(namespace, None, prefix="item")
        body = []
        converted = _quick_value(args[0], item, body, namespace, depth + 1)
        lines.append(f"{pad}if type({var}) is not list: raise Declined")
        if converted == item:
            if body:
                lines.append(f"{pad}for {item} in {var}:")
                lines.extend(body)
            return f"tuple({var})"
        items = _quick_name(namespace, None, prefix="items")
        lines.append(f"{pad}{items} = []")
        lines.append(f"{pad}for {item} in {var}:")
        lines.extend(body)
        lines.append(f"{pad} {items}.append({converted})")
        return f"tuple({items})"
    if origin is tuple:
        lines.append(f"{pad}if type({var}) is not list or len({var}) != {len(args)}: raise Declined")
        parts = []
        for i, arg in enumerate(args):
            part = _quick_name(namespace, None, prefix="part")
            lines.append(f"{pad}{part} = {var}[{i}]")
            parts.append(_quick_value(arg, part, lines, namespace, depth))
        return f"({', '.join(parts)},)"
    if dataclasses.is_dataclass(hint):
        return _quick_record(typing.cast(type, hint), var, lines, namespace, depth)
    raise TypeError(f"no converter for {hint!r}")


def _quick_name(namespace: dict[str, Any], value: object, prefix: str = "c") -> str:
    """A fresh name in the generated code, bound to ``value`` unless it is a local variable."""
    name = f"{prefix}{len(namespace)}"
    namespace[name] = value
    return name

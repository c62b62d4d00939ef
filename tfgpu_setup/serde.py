"""Convert frozen dataclasses to JSON-able values and back, driven by their type hints.

Facts, plans and matrices are plain frozen dataclasses; this module is the only place that
knows how they map to JSON, so every document round-trips the same way.
"""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

T = TypeVar("T")


class DecodeError(ValueError):
    """A JSON document does not have the shape its dataclass expects; the message names the path."""


def to_jsonable(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple | list):
        return [to_jsonable(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    return value


MAX_SHOWN_CHARS = 60


def shown(value: Any) -> str:
    """repr(value) for an error message, cut short: a 5,000-digit value would bury the line."""
    text = repr(value)
    return text if len(text) <= MAX_SHOWN_CHARS else f"{text[: MAX_SHOWN_CHARS - 3]}..."


Decoder = Callable[[Any, str], Any]
_DECODERS: dict[Any, Decoder] = {}


def from_jsonable(cls: type[T], data: Any, path: str = "$") -> T:
    return typing.cast(T, _decoder(cls)(data, path))


def _decoder(tp: Any) -> Decoder:
    """A decoding function per type, built once: the matrix and fleets of facts decode fast."""
    decoder = _DECODERS.get(tp)
    if decoder is None:
        decoder = _build(tp)
        _DECODERS[tp] = decoder
    return decoder


def _build(tp: Any) -> Decoder:
    if tp is Any:
        return lambda data, path: data
    origin = typing.get_origin(tp)
    if origin is typing.Union or origin is types.UnionType:
        return _union(typing.get_args(tp))
    if origin is typing.Literal:
        return _literal(typing.get_args(tp))
    if origin is tuple:
        return _tuple(typing.get_args(tp))
    if origin in (dict, Mapping, typing.Mapping):
        return _mapping(*typing.get_args(tp))
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _dataclass(tp)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return _enum(tp)
    if tp is float:
        return _float
    if tp in (str, int, bool):
        return _exact(tp)
    if tp is type(None):
        return _none
    raise TypeError(f"serde cannot decode type {tp!r}")


def _union(args: tuple[Any, ...]) -> Decoder:
    optional = type(None) in args
    options = [_decoder(a) for a in args if a is not type(None)]

    def decode(data: Any, path: str) -> Any:
        if data is None and optional:
            return None
        errors = []
        for option in options:
            try:
                return option(data, path)
            except DecodeError as exc:
                errors.append(str(exc))
        raise DecodeError(
            errors[0] if len(errors) == 1 else f"{path}: unexpected value {shown(data)}"
        )

    return decode


def _literal(allowed: tuple[Any, ...]) -> Decoder:
    def decode(data: Any, path: str) -> Any:
        if data not in allowed:
            names = ", ".join(repr(a) for a in allowed)
            raise DecodeError(f"{path}: {shown(data)} is not one of {names}")
        return data

    return decode


def _tuple(args: tuple[Any, ...]) -> Decoder:
    if len(args) == 2 and args[1] is Ellipsis:
        item = _decoder(args[0])
        exact = args[0] if args[0] in (str, int, bool) else None

        def decode_items(data: Any, path: str) -> Any:
            if not isinstance(data, list):
                raise DecodeError(f"{path}: expected a list, got {type(data).__name__}")
            if exact is not None and set(map(type, data)) <= {exact}:
                return tuple(data)  # the common case, without a path string per item
            return tuple(item(v, f"{path}[{i}]") for i, v in enumerate(data))

        return decode_items
    items = [_decoder(a) for a in args]

    def decode_fixed(data: Any, path: str) -> Any:
        if not isinstance(data, list):
            raise DecodeError(f"{path}: expected a list, got {type(data).__name__}")
        if len(items) != len(data):
            raise DecodeError(f"{path}: expected {len(items)} items, got {len(data)}")
        return tuple(d(v, f"{path}[{i}]") for i, (d, v) in enumerate(zip(items, data, strict=True)))

    return decode_fixed


def _mapping(key_tp: Any, value_tp: Any) -> Decoder:
    key, value = _decoder(key_tp), _decoder(value_tp)

    def decode(data: Any, path: str) -> Any:
        if not isinstance(data, dict):
            raise DecodeError(f"{path}: expected an object, got {type(data).__name__}")
        return {key(k, f"{path}.{k}"): value(v, f"{path}.{k}") for k, v in data.items()}

    return decode


def _dataclass(cls: type) -> Decoder:
    hints = typing.get_type_hints(cls)
    fields = [
        (
            f.name,
            f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING,
            hints[f.name],
        )
        for f in dataclasses.fields(cls)
    ]
    names = frozenset(name for name, _, _ in fields)
    resolved: list[tuple[str, bool, Decoder]] = []

    def decode(data: Any, path: str) -> Any:
        if not resolved:  # built lazily: dataclasses may refer to themselves or each other
            resolved.extend((n, req, _decoder(tp)) for n, req, tp in fields)
        if not isinstance(data, dict):
            raise DecodeError(f"{path}: expected an object, got {type(data).__name__}")
        kwargs = {}
        for name, required, field_decoder in resolved:
            if name in data:
                kwargs[name] = field_decoder(data[name], f"{path}.{name}")
            elif required:
                raise DecodeError(f"{path}: missing field '{name}'")
        if len(data) != len(kwargs):
            unknown = sorted(set(data) - names)
            if unknown:
                raise DecodeError(f"{path}: unknown field '{unknown[0]}'")
        return cls(**kwargs)

    return decode


def _enum(cls: type[enum.Enum]) -> Decoder:
    def decode(data: Any, path: str) -> Any:
        try:
            return cls(data)
        except ValueError:
            allowed = ", ".join(repr(m.value) for m in cls)
            raise DecodeError(f"{path}: {shown(data)} is not one of {allowed}") from None

    return decode


def _float(data: Any, path: str) -> Any:
    if isinstance(data, int | float) and not isinstance(data, bool):
        return float(data)
    raise DecodeError(f"{path}: expected a number, got {shown(data)}")


def _exact(tp: type) -> Decoder:
    def decode(data: Any, path: str) -> Any:
        if type(data) is not tp:
            raise DecodeError(f"{path}: expected {tp.__name__}, got {shown(data)}")
        return data

    return decode


def _none(data: Any, path: str) -> Any:
    if data is not None:
        raise DecodeError(f"{path}: expected null, got {shown(data)}")
    return None

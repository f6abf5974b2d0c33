"""model(): the attrs decorator of every section class, so the annotations are the contract.

Each field converts and checks its value on construction, with the converter its annotation
names (values.CONVERTERS, a type's `parse`, tuples, mappings, optional values, model classes).
A notebook user gets tuples from lists, a Periode from "Q2 2026" and a Dutch WaardeFout that
names the class and the field at once, never a crash later in check() or a renderer.

A field may carry a check of the whole value (`veld(check=...)`), e.g. "pijler 1-4 each exactly
once"; it runs after conversion on construction, and load() runs it too (convert.py), with the
field's path, even when other fields have mistakes of their own.
"""

from __future__ import annotations

import sys
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import attrs

from .errors import VerkeerdType, WaardeFout
from .values import is_number_text, leaf_converter

__all__ = ["CHECK", "TEKSTVELD", "converter_for", "key_converter", "key_segment", "model", "veld"]

CHECK = "kkfz_check"
"""Metadata key of a field's check of its whole value."""
TEKSTVELD = "__tekstveld__"
"""Class attribute naming the field a plain text fills: an Ontwikkelpunt may be written as one line."""

C = TypeVar("C", bound=type)
Converter = Callable[[object], object]


def veld(*, check: Callable[[Any], None] | None = None, **kwargs: Any) -> Any:
    """attrs.field, with an optional check of the converted value (raises WaardeFout)."""
    metadata = dict(kwargs.pop("metadata", {}))
    if check is not None:
        metadata[CHECK] = check
    return attrs.field(metadata=metadata, **kwargs)


def model(cls: C) -> C:
    """attrs.define(frozen=True) with converters from the annotations and the fields' checks."""
    built = attrs.define(frozen=True, field_transformer=_transform)(cls)
    if any(isinstance(f.type, str) for f in attrs.fields(built)):
        # An annotation naming the class itself (a paragraaf holds paragrafen) resolves now it exists.
        attrs.resolve_types(built, vars(sys.modules[built.__module__]), {built.__name__: built})
    return built


def _transform(cls: type, fields: list[attrs.Attribute]) -> list[attrs.Attribute]:
    namespace = vars(sys.modules[cls.__module__])
    out = []
    for f in fields:
        # With `from __future__ import annotations` the annotation is text: resolve it once, here
        # (or, for the class itself, on first use: it is not built yet).
        try:
            t = eval(f.type, namespace) if isinstance(f.type, str) else f.type
            convert = converter_for(t)
        except NameError:
            t, convert = f.type, _later(str(f.type), namespace)
        changes: dict[str, Any] = {"type": t}
        if f.converter is None:
            changes["converter"] = attrs.Converter(_named(convert, cls.__name__, f.name))
        check = f.metadata.get(CHECK)
        if check is not None:
            changes["validator"] = _validator(check, cls.__name__)
        out.append(f.evolve(**changes))
    return out


def _later(annotation: str, namespace: Mapping[str, Any]) -> Converter:
    """The converter of an annotation that can only be resolved once its module has run."""
    resolved: list[Converter] = []

    def convert(value: object) -> object:
        if not resolved:
            resolved.append(converter_for(eval(annotation, dict(namespace))))
        return resolved[0](value)

    return convert


def _named(convert: Converter, klasse: str, naam: str) -> Converter:
    def named(value: object) -> object:
        try:
            return convert(value)
        except WaardeFout as e:
            raise e.binnen(naam).binnen(klasse) from None

    return named


def _validator(check: Callable[[Any], None], klasse: str) -> Callable[[object, attrs.Attribute, object], None]:
    def validate(_instance: object, attribute: attrs.Attribute, value: object) -> None:
        try:
            check(value)
        except WaardeFout as e:
            raise e.binnen(attribute.name).binnen(klasse) from None

    return validate


def converter_for(t: object) -> Converter:
    """The converter for an annotation; a TypeError for an annotation no converter serves (a bug)."""
    leaf = leaf_converter(t)
    if leaf is not None:
        return leaf
    origin, args = typing.get_origin(t), typing.get_args(t)
    if origin in (typing.Union, types.UnionType) and type(None) in args and len(args) == 2:
        inner = converter_for(next(a for a in args if a is not type(None)))
        return lambda value: None if value is None else inner(value)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return _tuple_of(converter_for(args[0]), args[0] is str)
    if origin is dict:
        return _dict_of(key_converter(args[0]), converter_for(args[1]))
    if isinstance(t, type) and attrs.has(t):
        return _instance_of(t)
    raise TypeError(f"geen omzetting voor het type {t!r}")


def key_converter(t: object) -> Converter:
    """Mapping keys: as values, but a whole number may be written as text (JSON keys always are)."""
    convert = converter_for(t)
    if t is int:
        return lambda key: int(key.strip()) if isinstance(key, str) and is_number_text(key.strip()) else convert(key)
    if t is str:
        return _naam
    return convert


def _naam(key: object) -> str:
    """The name of a value in a group (a financieringsvorm, a kengetal): text that is not empty."""
    if key is None or (isinstance(key, str) and not key.strip()):
        raise WaardeFout("hier staat een waarde zonder naam; zet de naam voor de dubbele punt, zoals 'WMO: 12'")
    return converter_for(str)(key)  # type: ignore[return-value]  # the text converter returns str


def key_segment(key: object) -> str | int:
    """How a mapping key shows in a field path: scores[1] for pijler 1 (also when JSON wrote "1")."""
    if isinstance(key, int) and not isinstance(key, bool):
        return int(key)
    text = str(key)
    return int(text.strip()) if is_number_text(text.strip()) else text


def _tuple_of(item: Converter, of_text: bool) -> Converter:
    def convert(value: object) -> tuple:
        if value is None:
            return ()
        if of_text and isinstance(value, str):
            return (value,)
        if not isinstance(value, list | tuple):
            raise VerkeerdType("een lijst (regels die met '- ' beginnen)", value)
        out = []
        for i, x in enumerate(value):
            try:
                out.append(item(x))
            except WaardeFout as e:
                raise e.binnen(i) from None
        return tuple(out)

    return convert


def _dict_of(key: Converter, value_of: Converter) -> Converter:
    def convert(value: object) -> dict:
        if value is None:
            return {}
        if not isinstance(value, Mapping):
            raise VerkeerdType("een groep 'naam: waarde'-regels", value)
        out = {}
        for k, v in value.items():
            try:
                out[key(k)] = value_of(v)
            except WaardeFout as e:
                raise e.binnen(key_segment(k)) from None
        return out

    return convert


def _instance_of(cls: type) -> Converter:
    tekstveld = getattr(cls, TEKSTVELD, None)

    def convert(value: object) -> object:
        if isinstance(value, cls):
            return value
        if tekstveld and isinstance(value, str):
            return cls(**{tekstveld: value})
        raise VerkeerdType(f"een {cls.__name__}", value)

    return convert

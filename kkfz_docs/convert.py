"""Plain data (what YAML or JSON gives) to model objects and back, with every mistake collected.

The model classes convert their own values (model.py); this module walks the data, builds each
class from its fields, and collects every problem with the field it belongs to instead of stopping
at the first. Tolerance that belongs to files lives here: an empty YAML field is an empty text,
list or group, a number or date typed where text belongs is that text.

cattrs dispatches on the annotations; the hooks are generic, nothing here knows a section.
"""

from __future__ import annotations

import datetime as dt
import difflib
import enum
import functools
import re
import typing
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import attrs

from .errors import VerkeerdType, WaardeFout
from .model import CHECK, TEKSTVELD, key_converter, key_segment
from .values import GROOTSTE, Cel, Getal, leaf_converter

if typing.TYPE_CHECKING:
    import cattrs

__all__ = ["Getypt", "Problemen", "problems", "structure", "to_data"]

T = typing.TypeVar("T")


class Problemen(ExceptionGroup):
    """Several problems in one part of the data; .deels holds what could be read of that part."""

    deels: object = None


class Ontbreekt(WaardeFout):
    def __init__(self) -> None:
        super().__init__("dit veld is verplicht maar ontbreekt; vul het in")


class OnbekendVeld(WaardeFout):
    def __init__(self, key: str, velden: list[str]):
        close = difflib.get_close_matches(key.lower(), velden, n=1, cutoff=0.6)
        if close:
            super().__init__(f"{key}: onbekend veld; bedoelt u {close[0]}?")
        else:
            super().__init__(f"{key}: onbekend veld; hier passen: {', '.join(velden)}")


Problem = WaardeFout | Problemen


def _binnen(e: Problem, segment: str | int) -> Problem:
    """Note the field or index that holds e (every problem inside a group, too)."""
    if isinstance(e, Problemen):
        for sub in e.exceptions:
            _binnen(sub, segment)  # type: ignore[arg-type]  # a Problemen holds only problems
    else:
        e.binnen(segment)
    return e


def problems(e: Problem) -> Iterator[WaardeFout]:
    """Every single problem in e, each knowing its field path (WaardeFout.veld)."""
    if isinstance(e, Problemen):
        for sub in e.exceptions:
            yield from problems(sub)  # type: ignore[arg-type]  # a Problemen holds only problems
    else:
        yield e


def _collect(steps: Iterator[tuple[str | int, Callable[[], T]]], what: str) -> tuple[list[T | None], list[Problem]]:
    """Run each step; a failed step leaves None in the results and its problem, noted with its segment."""
    out: list[T | None] = []
    errors: list[Problem] = []
    for segment, step in steps:
        try:
            out.append(step())
        except (WaardeFout, Problemen) as e:
            errors.append(_binnen(e, segment))
            out.append(None)
    return out, errors


def _raise(what: str, errors: list[Problem], deels: object) -> typing.NoReturn:
    group = Problemen(f"problemen in {what}", errors)
    group.deels = deels
    raise group


# --- hooks -----------------------------------------------------------------------------------------


@attrs.frozen
class Getypt:
    """A plain YAML scalar that YAML would read as a number or a date, as the user typed it.

    load.py constructs these instead of YAML's int, float and timestamp, so nothing is lost before
    the field it fills is known: see `_from_file`.
    """

    tekst: str
    soort: typing.Literal["getal", "datum"]

    def __str__(self) -> str:
        return self.tekst


_TEKST_OF_GETAL = (Getal, Cel)
"""Fields that hold a number or a short text: a kengetal, a table cell."""

# What YAML 1.1 reads as a number: a plain decimal number (with _ between digits), or otherwise.
_DECIMAAL = re.compile(r"[-+]?(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE][-+]?\d+)?")
_ONEINDIG_OF_NAN = re.compile(r"[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)")
# A dot followed by exactly three digits after one to three digits: a thousands point in Dutch.
_DUBBELZINNIG = re.compile(r"[-+]?[1-9]\d{0,2}\.\d{3}")


def _from_file(value: object, t: object) -> object:
    """What a file gives, as the field expects it (t is the field's value type)."""
    if isinstance(value, Getypt):
        if t is str:
            return value.tekst  # 'plaats: 1234', 'naam: 1.500', 'toelichting: 2025-05-20' as typed
        if value.soort == "datum":
            return _date(value.tekst, t)
        return _number(value.tekst, t)
    if t is str:
        if isinstance(value, int | float | Decimal | dt.date) and not isinstance(value, bool):
            return value.isoformat() if isinstance(value, dt.date) else str(value)  # JSON, a dict
        _hint_for_text(value)
    return value


def _date(tekst: str, t: object) -> object:
    """A date as typed: a date field reads the text itself (values.datum names a date that does not
    exist); any other field gets the date, so its converter can say what belongs there instead."""
    if t is dt.date or t in _TEKST_OF_GETAL:
        return tekst
    try:
        return leaf_converter(dt.date)(tekst)  # type: ignore[misc]
    except WaardeFout:
        return tekst


def _number(tekst: str, t: object) -> object:
    """A number as typed, read for the field it fills, or a Dutch message when YAML would misread it."""
    if _ONEINDIG_OF_NAN.fullmatch(tekst):
        raise WaardeFout(
            f"{tekst} is geen getal (YAML leest het als 'oneindig' of 'geen getal'); vul een getal in"
            + (" of zet de tekst tussen aanhalingstekens" if t in _TEKST_OF_GETAL else "")
        )
    if not _DECIMAAL.fullmatch(tekst):
        return tekst  # 1:30, 0x1F: a kengetal or cell keeps the text, a number field names it
    if _DUBBELZINNIG.fullmatch(tekst):
        raise WaardeFout(_ambiguous(tekst, t))
    getal = Decimal(tekst.replace("_", ""))
    if getal.adjusted() >= len(str(GROOTSTE)) - 1:
        raise WaardeFout("dit getal is te groot om te kloppen (16 cijfers of meer); controleer het")
    if not re.search(r"[.eE]", tekst):
        return int(getal)
    if t is Decimal or t in _TEKST_OF_GETAL:
        return getal  # keeps the decimals as typed: 1495580.50, 12.50
    return float(getal)


def _ambiguous(tekst: str, t: object) -> str:
    heel, komma = tekst.replace(".", ""), tekst.replace(".", ",")
    begin = f"{tekst} is dubbelzinnig: YAML leest de punt als decimaalteken ({komma}), in het Nederlands is het een "
    if t is Decimal:
        return (
            begin + f"duizendtal ({heel}). Schrijf een bedrag zonder punt voor de duizendtallen: {heel}; "
            f"centen schrijft u met een punt en twee cijfers: {heel}.50"
        )
    if t in _TEKST_OF_GETAL:
        return begin + f'duizendtal ({heel}). Schrijf {heel} (zonder punt) of "{komma}" (met aanhalingstekens)'
    return begin + f"duizendtal ({heel}). Schrijf {heel}, zonder punt"


def _hint_for_text(value: object) -> None:
    """Text that YAML read as a group or a list because of ': ' or a leading '- ': say how to keep it text."""
    if isinstance(value, Mapping) and len(value) == 1:
        k, v = next(iter(value.items()))
        tekst = f"{k}: {'' if v is None else v}".strip()
        raise WaardeFout(
            f"hier hoort tekst, maar YAML leest '{tekst}' als een veld met een waarde (door de dubbele punt met "
            f"een spatie erna); zet de tekst tussen aanhalingstekens: {_quoted(tekst)}"
        )
    if isinstance(value, list) and len(value) == 1 and isinstance(value[0], str | Getypt):
        tekst = f"- {value[0]}"
        raise WaardeFout(
            f"hier hoort tekst, maar YAML leest '{tekst}' als een lijst (door het streepje met een spatie "
            f"aan het begin); zet de tekst tussen aanhalingstekens: {_quoted(tekst)}"
        )


def _quoted(tekst: str) -> str:
    """The text in YAML quotes that keep it exactly as it is."""
    if '"' not in tekst and "\\" not in tekst:
        return f'"{tekst}"'
    return "'" + tekst.replace("'", "''") + "'"


def _leaf(value: object, t: object) -> object:
    convert = leaf_converter(t)
    if convert is None:
        raise TypeError(f"geen omzetting voor het type {t!r}")  # a bug: an annotation without a converter
    return convert(_from_file(value, t))


def _is_tuple(t: object) -> bool:
    args = typing.get_args(t)
    return typing.get_origin(t) is tuple and len(args) == 2 and args[1] is Ellipsis


def _tuple_hook(t: object, c: cattrs.Converter) -> Callable[[object, object], tuple]:
    item_type = typing.get_args(t)[0]

    def hook(value: object, _t: object) -> tuple:
        if value is None:
            return ()
        if isinstance(value, str | Getypt) and item_type is str:
            return (str(value),)
        if not isinstance(value, list | tuple):
            raise VerkeerdType("een lijst (regels die met '- ' beginnen)", value)
        steps = ((i, functools.partial(c.structure, x, item_type)) for i, x in enumerate(value))
        items, errors = _collect(steps, "lijst")
        if errors:
            _raise("lijst", errors, _partial_items(items, errors))
        return tuple(items)

    return hook


def _partial_items(items: list, errors: list[Problem]) -> list | None:
    """The items as far as they could be read, for a check of the whole list; None if one is unreadable."""
    partial = iter(getattr(e, "deels", None) for e in errors)
    out = []
    for item in items:
        if item is None:
            fields = next(partial)
            if not isinstance(fields, dict):
                return None
            item = SimpleNamespace(**fields)
        out.append(item)
    return out


def _dict_hook(t: object, c: cattrs.Converter) -> Callable[[object, object], dict]:
    key_type, value_type = typing.get_args(t)
    key = key_converter(key_type)

    def pair(k: object, v: object) -> tuple[object, object]:
        return key(_from_file(k, key_type)), c.structure(v, value_type)

    def hook(value: object, _t: object) -> dict:
        if value is None:
            return {}
        if not isinstance(value, Mapping):
            raise VerkeerdType("een groep 'naam: waarde'-regels", value)
        pairs, errors = _collect(((key_segment(k), functools.partial(pair, k, v)) for k, v in value.items()), "groep")
        if errors:
            _raise("groep", errors, None)
        return dict(p for p in pairs if p is not None)

    return hook


def _input_fields(cls: type) -> list[attrs.Attribute]:
    return [f for f in attrs.fields(cls) if f.init and f.metadata.get("invoer", True)]


def _attrs_hook(cls: type, c: cattrs.Converter) -> Callable[[object, object], object]:
    fields = _input_fields(cls)
    names = [f.name for f in fields]
    tekstveld = getattr(cls, TEKSTVELD, None)

    def hook(value: object, _t: object) -> object:
        if value is None:
            value = {}  # an empty YAML section: report its missing fields, not "None"
        if tekstveld and isinstance(value, str):
            value = {tekstveld: value}
        if not isinstance(value, Mapping):
            raise VerkeerdType("een groep 'naam: waarde'-regels", value)
        errors: list[Problem] = [_binnen(OnbekendVeld(str(k), names), str(k)) for k in value if k not in names]
        kwargs: dict[str, Any] = {}
        partial: dict[str, Any] = {}
        for f in fields:
            if f.name not in value:
                if f.default is attrs.NOTHING:
                    errors.append(_binnen(Ontbreekt(), f.name))
                continue
            try:
                kwargs[f.name] = c.structure(value[f.name], f.type)  # type: ignore[arg-type]  # resolved by @model
            except (WaardeFout, Problemen) as e:
                errors.append(_binnen(e, f.name))
                partial[f.name] = getattr(e, "deels", None)
        for f in fields:
            check = f.metadata.get(CHECK)
            if check is None:
                continue
            try:
                if f.name in kwargs:
                    check(kwargs[f.name])
                elif partial.get(f.name) is not None:
                    try:  # what could be read: report a missing pijler beside a mistake inside another
                        check(partial[f.name])
                    except AttributeError:
                        pass
            except WaardeFout as e:
                errors.append(_binnen(e, f.name))
        if errors:
            _raise(cls.__name__, errors, kwargs)
        return cls(**kwargs)

    return hook


def _unstructure_hook(cls: type, c: cattrs.Converter) -> Callable[[object], dict]:
    from cattrs.gen import make_dict_unstructure_fn, override

    weg = {f.name: override(omit=True) for f in attrs.fields(cls) if not f.metadata.get("invoer", True)}
    return make_dict_unstructure_fn(cls, c, **weg)  # type: ignore[arg-type]  # overrides by field name


@functools.cache
def _converter() -> cattrs.Converter:
    """The converter, made on first use (cattrs is a tenth of `import kkfz_docs` otherwise)."""
    import cattrs

    c = cattrs.Converter(unstruct_collection_overrides={tuple: list})
    # cattrs asks the hook registered last first: values (Periode is an attrs class) before models.
    c.register_structure_hook_factory(attrs.has, _attrs_hook)
    c.register_structure_hook_factory(_is_tuple, _tuple_hook)
    c.register_structure_hook_factory(lambda t: typing.get_origin(t) is dict, _dict_hook)
    c.register_structure_hook_factory(lambda t: leaf_converter(t) is not None, lambda t, _c: _leaf)
    # cattrs's own hooks for these classes (int("7"), str(None), Enum(value)) would be asked before the
    # factories, for subclasses too (Pijler is an int, DoelStatus a str): ours instead.
    for cls in (str, int, float, Decimal, dt.date):
        c.register_structure_hook(cls, _leaf)

    # Model classes without their bookkeeping (bron, a linked plan): only what a file holds.
    c.register_unstructure_hook_factory(attrs.has, _unstructure_hook)
    # Enumerations (Pijler is an int, DoelStatus a str) as the plain value a file holds.
    c.register_unstructure_hook(int, lambda v: v.value if isinstance(v, enum.Enum) else v)
    c.register_unstructure_hook(str, lambda v: v.value if isinstance(v, enum.Enum) else v)
    c.register_unstructure_hook_func(lambda t: hasattr(t, "to_data"), lambda v: v.to_data())
    c.register_unstructure_hook(Decimal, lambda d: int(d) if d == d.to_integral_value() else float(d))
    c.register_unstructure_hook(dt.date, lambda d: d)
    return c


def structure(data: object, cls: type[T]) -> T:
    """Build cls from plain data; raises Problemen (or a single WaardeFout) holding every problem."""
    return _converter().structure(data, cls)


def to_data(obj: object) -> dict:
    """A model object as plain data (dicts, lists, numbers, texts, dates) that structure() reads back.

    A document (a class with SOORT) says what it is first: `soort: meerjarenplan`, as its file does.
    """
    data = _converter().unstructure(obj)
    soort = getattr(type(obj), "SOORT", None)
    return {"soort": soort, **data} if soort else data

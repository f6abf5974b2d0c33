"""load(): YAML, JSON or a dict -> Kwaliteitsverslag, with every problem reported at once.

A cattrs converter structures the data. Its hooks are strict where users make mistakes (text
where a number belongs, 2.5 as a PDCA score, true as a count) and tolerant where intent is clear
(an empty YAML field is an empty text or list, an ontwikkelpunt may be a plain string, pijler
names accept the handreiking's aliases). All errors are collected with their field path and,
for YAML, the line, and translated to Dutch.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import os
import typing
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from pathlib import Path

import attrs
import cattrs
from cattrs.errors import AttributeValidationNote, ForbiddenExtraKeysError, IterableValidationNote
from cattrs.gen import make_dict_structure_fn, override

if typing.TYPE_CHECKING:
    import yaml

from .errors import Invoerfout, OngeldigVerslag
from .findings import join_path
from .sections.pijlers import DoelStatus, Ontwikkelpunt, PijlerReflectie, check_pijlerset
from .sections.prestatie_indicatoren import Cel, Getal
from .sections.spinnenweb import check_scores
from .sections.themas import Planning
from .values import (
    Aantal,
    Beveiligingsniveau,
    PdcaScore,
    Periode,
    Pijler,
    ThemaNummer,
    WaardeFout,
    check_aantal,
    check_beveiligingsniveau,
    check_pdca_score,
    check_thema_nummer,
    is_number_text,
)
from .verslag import Bron, Kwaliteitsverslag

__all__ = ["load", "to_data"]

MAX_BYTES = 5 * 1024 * 1024
"""A verslag of six pages is a few tens of kilobytes; anything this large is not one."""


class VerkeerdType(TypeError):
    """A value of the wrong kind; .verwacht says in Dutch what belongs there."""

    def __init__(self, verwacht: str, gekregen: object):
        super().__init__(verwacht)
        self.verwacht = verwacht
        self.gekregen = gekregen


class _Segment(str):
    """A note naming the list index or mapping key an error belongs to."""

    segment: str | int

    def __new__(cls, segment: str | int) -> _Segment:
        note = str.__new__(cls, f"@ {segment!r}")
        note.segment = segment
        return note


# --- the converter -----------------------------------------------------------------------------


def _strict(check: Callable[[object], int], verwacht: str) -> Callable[[object, type], int]:
    def hook(value: object, _type: type) -> int:
        try:
            return check(value)
        except TypeError:
            raise VerkeerdType(verwacht, value) from None

    return hook


def _text(value: object, _type: type) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    raise VerkeerdType("tekst", value)


def _int(value: object, _type: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise VerkeerdType("een geheel getal", value)
    return value


def _getal(value: object, _type: object) -> int | float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise VerkeerdType("een getal (zonder aanhalingstekens, met een punt als decimaalteken)", value)
    return value


def _cel(value: object, _type: object) -> int | float | str | None:
    if value is None or isinstance(value, str):
        return value
    return _getal(value, _type)


def _bedrag(value: object, _type: type) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return Decimal(str(value))
    raise VerkeerdType("een bedrag in euro als getal, zonder punten of euroteken (bijvoorbeeld 1495580)", value)


def _datum(value: object, _type: type) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise VerkeerdType("een datum als 2025-05-20 (jaar-maand-dag)", value)


def _parse_with(parse: Callable[[object], object]) -> Callable[[object, type], object]:
    return lambda value, _type: parse(value)


def _is_tuple(t: object) -> bool:
    args = typing.get_args(t)
    return typing.get_origin(t) is tuple and len(args) == 2 and args[1] is Ellipsis


def _is_dict(t: object) -> bool:
    return typing.get_origin(t) is dict


def _collect(items: Iterator[tuple[str | int, Callable[[], object]]], what: str, t: object) -> list:
    """Run each structuring step; raise one group with every failure, each noted with its segment."""
    out, errors = [], []
    for segment, step in items:
        try:
            out.append(step())
        except Exception as e:
            e.add_note(_Segment(segment))
            errors.append(e)
    if errors:
        raise cattrs.IterableValidationError(f"While structuring {what}", errors, t)
    return out


def _tuple_factory(t: object, converter: cattrs.Converter) -> Callable[[object, object], tuple]:
    item_type = typing.get_args(t)[0]

    def hook(value: object, _t: object) -> tuple:
        if value is None:
            return ()
        if isinstance(value, str) and item_type is str:
            return (value,)
        if not isinstance(value, list | tuple):
            raise VerkeerdType("een lijst (regels die met '- ' beginnen)", value)
        return tuple(
            _collect(
                ((i, lambda item=item: converter.structure(item, item_type)) for i, item in enumerate(value)), "list", t
            )
        )

    return hook


def _dict_factory(t: object, converter: cattrs.Converter) -> Callable[[object, object], dict]:
    key_type, value_type = typing.get_args(t)

    def key(k: object) -> object:
        if key_type is int and isinstance(k, str) and is_number_text(k.strip()):
            return int(k.strip())  # JSON object keys are always text
        return converter.structure(k, key_type)

    def hook(value: object, _t: object) -> dict:
        if value is None:
            return {}
        if not isinstance(value, Mapping):
            raise VerkeerdType("een groep 'naam: waarde'-regels", value)
        pairs = _collect(
            ((str(k), lambda k=k, v=v: (key(k), converter.structure(v, value_type))) for k, v in value.items()),
            "mapping",
            t,
        )
        return dict(pairs)

    return hook


def _attrs_factory(cl: type, converter: cattrs.Converter) -> Callable[[object, type], object]:
    overrides = {"bron": override(omit=True)} if cl is Kwaliteitsverslag else {}
    generated = make_dict_structure_fn(
        cl, converter, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=True, **overrides
    )

    def hook(value: object, _cl: type) -> object:
        if value is None:
            value = {}  # an empty YAML section: report its missing fields, not "None"
        if not isinstance(value, Mapping):
            raise VerkeerdType("een groep 'naam: waarde'-regels", value)
        return generated(value, cl)

    return hook


def _ontwikkelpunt(converter: cattrs.Converter) -> Callable[[object, type], Ontwikkelpunt]:
    generated = _attrs_factory(Ontwikkelpunt, converter)

    def hook(value: object, cl: type) -> Ontwikkelpunt:
        if isinstance(value, str):
            return Ontwikkelpunt(omschrijving=value)
        return generated(value, cl)

    return hook


def _pijlers(converter: cattrs.Converter) -> Callable[[object, object], tuple]:
    t = tuple[PijlerReflectie, ...]
    items = _tuple_factory(t, converter)

    def hook(value: object, _t: object) -> tuple:
        errors: list[Exception] = []
        result: tuple = ()
        try:
            result = items(value, t)
        except Exception as e:
            errors.append(e)
        if errors and not isinstance(value, list):  # not a list at all: that is the one problem
            raise cattrs.IterableValidationError("While structuring pijlers", errors, t)
        # Which pijlers are there is checked on the raw data, so that it is reported even when
        # one of the reflections has a mistake of its own.
        nummers = []
        for item in value if isinstance(value, list) else ():
            try:
                nummers.append(Pijler.parse(item.get("nummer")) if isinstance(item, Mapping) else None)
            except WaardeFout:
                pass
        try:
            check_pijlerset(n for n in nummers if n is not None)
        except WaardeFout as e:
            errors.append(e)
        if errors:
            raise cattrs.IterableValidationError("While structuring pijlers", errors, t)
        return result

    return hook


def _scores(converter: cattrs.Converter) -> Callable[[object, object], dict]:
    t = dict[Pijler, PdcaScore]
    pairs = _dict_factory(t, converter)

    def hook(value: object, _t: object) -> dict:
        scores = pairs(value, t)
        check_scores(scores)
        return scores

    return hook


def _make_converter() -> cattrs.Converter:
    c = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True, unstruct_collection_overrides={tuple: list})
    c.register_structure_hook(str, _text)
    c.register_structure_hook(int, _int)
    c.register_structure_hook(Decimal, _bedrag)
    c.register_structure_hook(dt.date, _datum)
    c.register_structure_hook(Aantal, _strict(check_aantal, "een aantal (een geheel getal, 0 of meer)"))
    c.register_structure_hook(PdcaScore, _strict(check_pdca_score, "een score 0, 1, 2, 3 of 4"))
    c.register_structure_hook(
        Beveiligingsniveau, _strict(check_beveiligingsniveau, "een beveiligingsniveau 1 tot en met 4")
    )
    c.register_structure_hook(ThemaNummer, _strict(check_thema_nummer, "een themanummer 1 tot en met 14"))
    c.register_structure_hook_func(lambda t: t == Getal, _getal)
    c.register_structure_hook_func(lambda t: t == Cel, _cel)
    for cls in (Periode, Pijler, DoelStatus, Planning):
        c.register_structure_hook(cls, _parse_with(cls.parse))
    c.register_structure_hook_factory(_is_tuple, _tuple_factory)
    c.register_structure_hook_factory(_is_dict, _dict_factory)
    c.register_structure_hook_factory(attrs.has, _attrs_factory)
    c.register_structure_hook(Ontwikkelpunt, _ontwikkelpunt(c))
    c.register_structure_hook_func(lambda t: t == tuple[PijlerReflectie, ...], _pijlers(c))
    c.register_structure_hook_func(lambda t: t == dict[Pijler, PdcaScore], _scores(c))

    c.register_unstructure_hook(Periode, Periode.to_data)
    c.register_unstructure_hook(Pijler, int)
    for cls in (DoelStatus, Planning):
        c.register_unstructure_hook(cls, lambda e: e.value)
    c.register_unstructure_hook(Decimal, lambda d: int(d) if d == d.to_integral_value() else float(d))
    c.register_unstructure_hook(dt.date, lambda d: d)
    return c


_converter = _make_converter()


def to_data(verslag: Kwaliteitsverslag) -> dict:
    """The verslag as plain data (dicts, lists, numbers, texts, dates) that load() reads back."""
    data = _converter.unstructure(verslag)
    data.pop("bron", None)
    return data


# --- reading the source --------------------------------------------------------------------------

Source = str | os.PathLike | Mapping


def load(source: Source) -> Kwaliteitsverslag:
    """Read a verslag from a YAML or JSON file path, YAML/JSON text, or a dict.

    Raises OngeldigVerslag with every problem found, each with its field path and (for YAML) line.
    """
    bestand: Path | None = None
    regels: dict[str, int] = {}
    if isinstance(source, Mapping):
        data: object = source
    else:
        if isinstance(source, os.PathLike) or (isinstance(source, str) and _looks_like_path(source)):
            bestand = Path(source)
            text = _read(bestand)
        else:
            text = str(source)
        data, regels = _parse(text, bestand)
    if not isinstance(data, Mapping):
        raise OngeldigVerslag(
            [
                Invoerfout(
                    "",
                    "het bestand bevat geen verslag; het moet beginnen met regels als "
                    "'verslagjaar: 2024' en 'organisatie:'",
                )
            ],
            str(bestand) if bestand else None,
            leesbaar=False,
        )
    try:
        verslag = _converter.structure(data, Kwaliteitsverslag)
    except RecursionError:
        raise OngeldigVerslag([Invoerfout("", TE_DIEP)], str(bestand) if bestand else None, leesbaar=False) from None
    except Exception as e:
        fouten = [Invoerfout(pad, melding, _line(regels, pad)) for pad, melding in _translate(e, "")]
        raise OngeldigVerslag(fouten, str(bestand) if bestand else None) from None
    return attrs.evolve(verslag, bron=Bron(bestand, regels))


def _looks_like_path(text: str) -> bool:
    return "\n" not in text and (text.lower().endswith((".yaml", ".yml", ".json")) or Path(text).exists())


def _read(bestand: Path) -> str:
    def onleesbaar(melding: str) -> OngeldigVerslag:
        return OngeldigVerslag([Invoerfout("", melding)], str(bestand), leesbaar=False)

    try:
        size = bestand.stat().st_size
        if size > MAX_BYTES:
            raise onleesbaar(
                f"het bestand is {size // (1024 * 1024)} MB; een verslag is veel kleiner. Kies het juiste bestand"
            )
        raw = bestand.read_bytes()
    except FileNotFoundError:
        raise onleesbaar("dit bestand bestaat niet; controleer de naam en de map") from None
    except IsADirectoryError:
        raise onleesbaar("dit is een map, geen bestand") from None
    except OSError as e:
        raise onleesbaar(f"het bestand kan niet worden gelezen ({e.strerror})") from None
    if b"\x00" in raw:
        raise onleesbaar("dit is geen tekstbestand; geef een .yaml- of .json-bestand")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise onleesbaar(
            "het bestand is niet in UTF-8 opgeslagen; sla het op als UTF-8 (in Kladblok: 'Opslaan als', codering UTF-8)"
        ) from None


TE_DIEP = "het bestand is te diep genest (lijsten in lijsten in lijsten...); een verslag heeft maar een paar niveaus"


def _parse(text: str, bestand: Path | None) -> tuple[object, dict[str, int]]:
    import yaml  # here, not at import: it is a sixth of `import kkfz_docs`

    naam = str(bestand) if bestand else None
    if bestand is not None and bestand.suffix.lower() == ".json":
        try:
            return json.loads(text), {}
        except json.JSONDecodeError as e:
            raise OngeldigVerslag(
                [Invoerfout("", f"dit is geen geldige JSON: {e.msg}", e.lineno)], naam, leesbaar=False
            ) from None
        except RecursionError:
            raise OngeldigVerslag([Invoerfout("", TE_DIEP)], naam, leesbaar=False) from None
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise OngeldigVerslag(
                [Invoerfout("", "het bestand is leeg; begin met 'kkfz-docs new' voor een ingevuld voorbeeld")],
                naam,
                leesbaar=False,
            )
        regels: dict[str, int] = {"": node.start_mark.line + 1}
        _map_lines(node, "", regels, set())
        return loader.construct_document(node), regels
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        melding = f"de YAML klopt niet: {e.problem or e.context}"
        melding += "; controleer het inspringen en de dubbele punten op deze regel of de regel erboven"
        raise OngeldigVerslag(
            [Invoerfout("", melding, mark.line + 1 if mark else None)], naam, leesbaar=False
        ) from None
    except yaml.YAMLError as e:
        raise OngeldigVerslag([Invoerfout("", f"de YAML klopt niet: {e}")], naam, leesbaar=False) from None
    except RecursionError:
        raise OngeldigVerslag([Invoerfout("", TE_DIEP)], naam, leesbaar=False) from None
    finally:
        loader.dispose()


def _map_lines(node: yaml.Node, pad: str, regels: dict[str, int], seen: set[int]) -> None:
    """Record the line of every field path; refuse anchors reused for lists or groups."""
    import yaml

    if isinstance(node, yaml.ScalarNode):
        return
    if id(node) in seen:
        raise OngeldigVerslag(
            [
                Invoerfout(
                    pad,
                    "een YAML-verwijzing (*anker) naar een lijst of groep wordt niet ondersteund; schrijf de tekst uit",
                    node.start_mark.line + 1,
                )
            ],
            leesbaar=False,
        )
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        keys: set[str] = set()
        for key, value in node.value:
            segment: str | int = key.value if isinstance(key, yaml.ScalarNode) else "?"
            if isinstance(segment, str) and is_number_text(segment.strip()):
                segment = int(segment.strip())
            kpad = join_path(pad, segment) if isinstance(segment, str) else f"{pad}[{segment}]"
            if kpad in keys:  # PyYAML would silently keep the last one
                raise OngeldigVerslag(
                    [
                        Invoerfout(
                            kpad,
                            f"'{key.value}' staat twee keer in deze groep; houd er één "
                            "over (de tekst van de andere gaat anders verloren)",
                            key.start_mark.line + 1,
                        )
                    ]
                )
            keys.add(kpad)
            regels.setdefault(kpad, key.start_mark.line + 1)
            _map_lines(value, kpad, regels, seen)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            ipad = join_path(pad, i)
            regels.setdefault(ipad, item.start_mark.line + 1)
            _map_lines(item, ipad, regels, seen)


def _line(regels: dict[str, int], pad: str) -> int | None:
    return Bron(None, regels).regel(pad) if regels else None


# --- translating errors -------------------------------------------------------------------------


def _segment(e: BaseException) -> str | int | None:
    for note in getattr(e, "__notes__", ()):
        if isinstance(note, _Segment):
            return note.segment
        if isinstance(note, AttributeValidationNote):
            return note.name
        if isinstance(note, IterableValidationNote):
            return note.index
    return None


def _child_path(pad: str, segment: str | int) -> str:
    if isinstance(segment, str) and is_number_text(segment.strip()):
        return f"{pad}[{int(segment.strip())}]"
    return join_path(pad, segment)


def _translate(e: BaseException, pad: str) -> Iterator[tuple[str, str]]:
    if isinstance(e, BaseExceptionGroup):
        for sub in e.exceptions:
            segment = _segment(sub)
            yield from _translate(sub, pad if segment is None else _child_path(pad, segment))
    elif isinstance(e, ForbiddenExtraKeysError):
        velden = [a.name for a in attrs.fields(e.cl) if a.name != "bron"]
        for key in sorted(map(str, e.extra_fields)):
            yield join_path(pad, key), _unknown_field(key, velden)
    elif isinstance(e, KeyError):
        yield pad, "dit veld is verplicht maar ontbreekt; vul het in"
    elif isinstance(e, VerkeerdType):
        yield pad, f"hier hoort {e.verwacht}, maar er staat {_describe(e.gekregen)}"
    elif isinstance(e, WaardeFout):
        yield pad, str(e)
    else:
        yield pad, f"deze waarde kan niet worden gelezen ({type(e).__name__}: {e})"


def _unknown_field(key: str, velden: list[str]) -> str:
    close = difflib.get_close_matches(key.lower(), velden, n=1, cutoff=0.6)
    if close:
        return f"{key}: onbekend veld; bedoelt u {close[0]}?"
    return f"{key}: onbekend veld; hier passen: {', '.join(velden)}"


def _describe(value: object) -> str:
    if value is None:
        return "niets"
    if isinstance(value, bool):
        return f"'{'true' if value else 'false'}' (ja/nee)"
    if isinstance(value, str):
        kort = value if len(value) <= 40 else value[:37] + "..."
        return f"de tekst '{kort}'"
    if isinstance(value, list | tuple):
        return "een lijst"
    if isinstance(value, Mapping):
        return "een groep velden"
    return f"'{value}'"

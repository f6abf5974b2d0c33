"""load(): a YAML or JSON file, YAML/JSON text or a dict -> Kwaliteitsverslag or Meerjarenplan.

This module reads: files (size, encoding, binary), YAML (with the line of every field path, no
duplicate keys, no anchors to lists) and JSON, picks the document type by `soort`, then hands the
data to convert.structure and puts each problem it reports at its line. The files a verslag links
to are read by koppelingen.py.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from .convert import Problemen, problems, structure
from .document import Bron
from .errors import Invoerfout, OngeldigVerslag, WaardeFout
from .koppelingen import koppel
from .meerjarenplan import Meerjarenplan
from .paths import join_path
from .values import is_number_text
from .verslag import Kwaliteitsverslag

if TYPE_CHECKING:
    import yaml

__all__ = ["MAX_BYTES", "Source", "load"]

MAX_BYTES = 5 * 1024 * 1024
"""A verslag of six pages is a few tens of kilobytes; anything this large is not one."""


# --- reading the source --------------------------------------------------------------------------

Source = str | os.PathLike | Mapping


SOORTEN: dict[str, type[Kwaliteitsverslag | Meerjarenplan]] = {
    cls.SOORT: cls for cls in (Kwaliteitsverslag, Meerjarenplan)
}
"""The document types by what a file says under `soort:`; without it, a file is a kwaliteitsverslag."""


def load(source: Source, *, koppelingen: bool = True) -> Kwaliteitsverslag | Meerjarenplan:
    """Read a kwaliteitsverslag or a meerjarenplan (`soort: meerjarenplan`) from a YAML or JSON file
    path, YAML/JSON text, or a dict; a verslag with the files it links to (koppelingen.py), unless
    koppelingen=False.

    Raises OngeldigVerslag with every problem found, each with its field path and (for YAML) line.
    """
    document = _load(source)
    return koppel(document, _load) if koppelingen else document


def _load(source: Source) -> Kwaliteitsverslag | Meerjarenplan:
    """One file, without the files it links to."""
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
    cls, data = _soort(data, bestand, regels)
    try:
        verslag = structure(data, cls)
    except RecursionError:
        raise OngeldigVerslag([Invoerfout("", TE_DIEP)], str(bestand) if bestand else None, leesbaar=False) from None
    except (WaardeFout, Problemen) as e:
        bron = Bron(bestand, regels)
        fouten = [Invoerfout(p.veld, p.melding, bron.regel(p.veld)) for p in problems(e)]
        raise OngeldigVerslag(fouten, str(bestand) if bestand else None) from None
    return attrs.evolve(verslag, bron=Bron(bestand, regels))


def _soort(
    data: Mapping, bestand: Path | None, regels: dict[str, int]
) -> tuple[type[Kwaliteitsverslag | Meerjarenplan], Mapping]:
    """The document type the data says it is, and the data without `soort`."""
    naam = str(bestand) if bestand else None
    if "soort" not in data:
        if "periode" in data and "verslagjaar" not in data:
            raise OngeldigVerslag(
                [
                    Invoerfout(
                        "",
                        "dit lijkt een meerjarenplan (met een periode, zonder verslagjaar); zet "
                        "'soort: meerjarenplan' bovenaan het bestand",
                    )
                ],
                naam,
            )
        return Kwaliteitsverslag, data
    soort = data["soort"]
    cls = SOORTEN.get(" ".join(soort.lower().split())) if isinstance(soort, str) else None
    if cls is None:
        keuzes = " of ".join(f"'soort: {s}'" for s in SOORTEN)
        raise OngeldigVerslag(
            [
                Invoerfout(
                    "soort",
                    f"'{soort}' is geen soort document die kkfz-docs kent; schrijf {keuzes}",
                    regels.get("soort"),
                )
            ],
            naam,
        )
    return cls, {k: v for k, v in data.items() if k != "soort"}


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
            kpad = join_path(pad, segment)
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

"""load(): a YAML or JSON file, YAML/JSON text or a dict -> Kwaliteitsverslag or Meerjarenplan.

This module reads: files (size, encoding, binary), YAML (with the line of every field path, no
duplicate keys, no anchors to lists) and JSON, picks the document type by `soort`, then hands the
data to convert.structure and puts each problem it reports at its line. The files a verslag links
to are read by koppelingen.py.

YAML reads what people type differently than they mean it. This module keeps what was typed and
says so, with the line:
- numbers and dates stay the text typed (convert.Getypt; the field decides what they are), and
  YAML 1.1's yes/no/on/off stay text, with a waarschuwing;
- a `#` after a text cuts it short (YAML reads a comment): a waarschuwing;
- a continuation line starting with '- ' or '•' is glued to the text above: a waarschuwing;
- control characters pasted from Word (a manual line break is \\x0b) load instead of stopping
  YAML's reader; text.py turns line breaks into breaks and removes the rest, with a waarschuwing;
- YAML's syntax errors for a tab, ': ' or a leading '- ' in a text say what to type instead.
"""

from __future__ import annotations

import codecs
import json
import os
import stat
from collections.abc import Mapping
from pathlib import Path

import attrs

from .convert import Problemen, problems, structure
from .document import Bron
from .errors import TE_DIEP, Invoerfout, OngeldigVerslag, WaardeFout
from .findings import Bevinding
from .koppelingen import koppel
from .meerjarenplan import Meerjarenplan
from .paths import join_path
from .text import iter_texts
from .verslag import Kwaliteitsverslag

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
    meldingen: list[tuple[Bevinding, bool]] = []
    if isinstance(source, Mapping):
        data: object = source
    elif not isinstance(source, str | os.PathLike) or isinstance(source, bytes):
        bytes_ = " (bytes: lees ze eerst als tekst, met .decode('utf-8'))" if isinstance(source, bytes) else ""
        raise TypeError(
            "load: geef het pad van een .yaml- of .json-bestand, de tekst van een verslag of een dict, geen "
            f"{'None' if source is None else type(source).__name__}{bytes_}"
        )
    else:
        if isinstance(source, os.PathLike) or (isinstance(source, str) and _looks_like_path(source)):
            bestand = Path(source)
            text = _read(bestand)
        else:
            text = str(source)
        if bestand is not None and bestand.suffix.lower() == ".json":
            data = _parse_json(text, bestand)
        else:
            from . import yamlfile  # PyYAML loads here, not on `import kkfz_docs`

            data, regels, meldingen = yamlfile.parse(text, bestand)
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
    # What YAML did to a text is a waarschuwing; what it did to a number, a date or a choice was a fout already.
    teksten = {pad for pad, _ in iter_texts(verslag, keys=False)}
    namen = {pad for pad, _ in iter_texts(verslag)}  # with the names of fields in groups (omzet, kengetallen)
    bevindingen = tuple(b for b, sleutel in meldingen if b.pad in (namen if sleutel else teksten))
    return attrs.evolve(verslag, bron=Bron(bestand, regels, bevindingen))  # type: ignore[misc]  # a model class


def _soort(
    data: Mapping, bestand: Path | None, regels: dict[str, int]
) -> tuple[type[Kwaliteitsverslag | Meerjarenplan], Mapping]:
    """The document type the data says it is, and the data without `soort`."""
    naam = str(bestand) if bestand else None
    if "soort" not in data:
        if "periode" in data and "verslagjaar" not in data:
            melding = (
                "dit lijkt een meerjarenplan (met een periode, zonder verslagjaar); zet 'soort: meerjarenplan' "
                "bovenaan het bestand"
            )
            raise OngeldigVerslag([Invoerfout("", melding)], naam)
        return Kwaliteitsverslag, data
    soort = data["soort"]
    cls = SOORTEN.get(" ".join(soort.lower().split())) if isinstance(soort, str) else None
    if cls is None:
        keuzes = " of ".join(f"'soort: {s}'" for s in SOORTEN)
        melding = f"'{soort}' is geen soort document die kkfz-docs kent; schrijf {keuzes}"
        raise OngeldigVerslag([Invoerfout("soort", melding, regels.get("soort"))], naam)
    anders = [c for c, veld in _KENMERK.items() if c is not cls and veld in data and _KENMERK[cls] not in data]
    if anders:  # 'soort: meerjarenplan' above a verslag: one fout, not one for every field of a verslag
        bedoeld = anders[0].SOORT  # type: ignore[attr-defined]  # a document type
        melding = (
            f"dit bestand zegt 'soort: {soort}', maar het lijkt een {bedoeld} (met een {_KENMERK[anders[0]]}, "
            f"zonder {_KENMERK[cls]}); schrijf 'soort: {bedoeld}'"
        )
        raise OngeldigVerslag([Invoerfout("soort", melding, regels.get("soort"))], naam)
    return cls, {k: v for k, v in data.items() if k != "soort"}


_KENMERK: dict[type, str] = {Kwaliteitsverslag: "verslagjaar", Meerjarenplan: "periode"}
"""The required field that tells each document type apart."""


class _JsonGroep(dict):
    """A JSON object, with the names it has more than once (json keeps the last and drops the others)."""

    dubbel: tuple[str, ...] = ()


def _json_groep(paren: list[tuple[str, object]]) -> _JsonGroep:
    groep = _JsonGroep(paren)
    if len(groep) < len(paren):
        namen = [naam for naam, _ in paren]
        groep.dubbel = tuple(dict.fromkeys(n for n in namen if namen.count(n) > 1))
    return groep


def _dubbele_namen(data: object, pad: str = "") -> list[Invoerfout]:
    """A fout for every name given twice in one JSON object, like YAML's (yamlfile.py)."""
    if isinstance(data, list):
        return [f for i, item in enumerate(data) for f in _dubbele_namen(item, join_path(pad, i))]
    if not isinstance(data, _JsonGroep):
        return []
    melding = "'{}' staat twee keer in deze groep; houd er één over (de waarde van de andere gaat anders verloren)"
    gevonden = [Invoerfout(join_path(pad, naam), melding.format(naam)) for naam in data.dubbel]
    return gevonden + [f for naam, waarde in data.items() for f in _dubbele_namen(waarde, join_path(pad, naam))]


def _parse_json(text: str, bestand: Path) -> object:
    def onleesbaar(melding: str, regel: int | None = None) -> OngeldigVerslag:
        return OngeldigVerslag([Invoerfout("", melding, regel)], str(bestand), leesbaar=False)

    try:
        data = json.loads(text, strict=False, object_pairs_hook=_json_groep)
        dubbel = _dubbele_namen(data)
    except json.JSONDecodeError as e:
        raise onleesbaar(f"dit is geen geldige JSON: {e.msg}", e.lineno) from None
    except RecursionError:
        raise onleesbaar(TE_DIEP) from None
    except ValueError:  # Python refuses to read an integer of more than 4300 digits
        raise onleesbaar(
            "in het bestand staat een getal met duizenden cijfers; zo'n getal kan niet kloppen. Controleer de getallen"
        ) from None
    if dubbel:
        raise OngeldigVerslag(dubbel, str(bestand))
    return data


def _looks_like_path(text: str) -> bool:
    return (
        "\n" not in text
        and bool(text.strip())
        and (text.lower().endswith((".yaml", ".yml", ".json")) or os.path.exists(text))
    )


_UTF16_32 = (  # UTF-32 first: its little-endian mark starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _read(bestand: Path) -> str:
    def onleesbaar(melding: str) -> OngeldigVerslag:
        return OngeldigVerslag([Invoerfout("", melding)], str(bestand), leesbaar=False)

    def te_groot(mb: str) -> OngeldigVerslag:
        return onleesbaar(f"het bestand is {mb} MB; een verslag is veel kleiner. Kies het juiste bestand")

    try:
        info = bestand.stat()
        if stat.S_ISDIR(info.st_mode):
            raise onleesbaar("dit is een map, geen bestand")
        if not stat.S_ISREG(info.st_mode):  # a pipe or a device: opening or reading it may never end
            raise onleesbaar("dit is geen gewoon bestand (maar een apparaat of pijp); geef een .yaml- of .json-bestand")
        if info.st_size > MAX_BYTES:
            raise te_groot(str(info.st_size // (1024 * 1024)))
        with bestand.open("rb") as f:
            raw = f.read(MAX_BYTES + 1)  # a file that grows while it is read stops here
        if len(raw) > MAX_BYTES:
            raise te_groot(f"meer dan {MAX_BYTES // (1024 * 1024)}")
    except FileNotFoundError:
        raise onleesbaar("dit bestand bestaat niet; controleer de naam en de map") from None
    except IsADirectoryError:
        raise onleesbaar("dit is een map, geen bestand") from None
    except OSError as e:
        raise onleesbaar(f"het bestand kan niet worden gelezen ({e.strerror})") from None
    for bom, codering in _UTF16_32:  # Notepad's "Unicode" is UTF-16 with its byte order mark
        if raw.startswith(bom):
            try:
                return raw.decode(codering)
            except UnicodeDecodeError:
                break
    if b"\x00" in raw:
        raise onleesbaar("dit is geen tekstbestand; geef een .yaml- of .json-bestand")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise onleesbaar(
            "het bestand is niet in UTF-8 opgeslagen; sla het op als UTF-8 (in Kladblok: 'Opslaan als', codering UTF-8)"
        ) from None

"""The files a kwaliteitsverslag links to: its meerjarenplan and last year's verslag.

load() reads a verslag, then this module reads the files its `meerjarenplan` and `vorig_verslag`
name (relative to the verslag's own file) into `verslag.plan` and `verslag.vorig`, so the rules
and renderers never read files themselves. Linked files are read one level deep: last year's
verslag is read without its own links, so years do not chain and no two files can read each other
in a circle; a file that names itself is refused.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import attrs

from .document import pad_vanaf
from .errors import Invoerfout, OngeldigVerslag
from .meerjarenplan import Meerjarenplan
from .verslag import Kwaliteitsverslag

__all__ = ["koppel"]

Document = Kwaliteitsverslag | Meerjarenplan
Lezer = Callable[[Path], Document]

_NAMEN = {"meerjarenplan": "het meerjarenplan", "vorig_verslag": "het verslag van vorig jaar"}
_SOORT: dict[type, str] = {Meerjarenplan: "een meerjarenplan", Kwaliteitsverslag: "een kwaliteitsverslag"}


def koppel(document: Document, lees: Lezer) -> Document:
    """The document with its linked files read; OngeldigVerslag naming the field and the file if one
    cannot be read. lees reads one file without following its links."""
    if not isinstance(document, Kwaliteitsverslag):
        return document
    fouten: list[Invoerfout] = []
    plan = _volg(document, "meerjarenplan", Meerjarenplan, lees, fouten)
    vorig = _volg(document, "vorig_verslag", Kwaliteitsverslag, lees, fouten)
    if fouten:
        bestand = document.bron.pad if document.bron is not None else None
        raise OngeldigVerslag(fouten, str(bestand) if bestand else None)
    if plan is None and vorig is None:
        return document
    return attrs.evolve(document, plan=plan, vorig=vorig)  # type: ignore[misc]  # a model class


def _volg(verslag: Kwaliteitsverslag, veld: str, soort: type, lees: Lezer, fouten: list[Invoerfout]) -> Document | None:
    genoemd = getattr(verslag, veld).strip()
    if not genoemd:
        return None
    regel = verslag.bron.regel(veld) if verslag.bron is not None else None
    naam = _NAMEN[veld]
    pad = pad_vanaf(verslag.bron, genoemd)

    def fout(melding: str) -> None:
        fouten.append(Invoerfout(veld, melding, regel))

    eigen = verslag.bron.pad if verslag.bron is not None else None
    try:
        zelf = eigen is not None and pad.resolve() == eigen.resolve()
    except (OSError, RuntimeError):  # a loop of symbolic links (RuntimeError before Python 3.13)
        fout(f"{naam} '{genoemd}' kan niet worden gelezen: het is een snelkoppeling die naar zichzelf wijst")
        return None
    if zelf:
        fout(f"'{genoemd}' is dit bestand zelf; noem hier het bestand van {naam}")
        return None
    if os.path.isdir(pad):
        fout(f"{naam} '{genoemd}' is een map; noem het bestand zelf, met de map ervoor")
        return None
    if not os.path.exists(pad):
        fout(
            f"{naam} '{genoemd}' is niet gevonden (gezocht als {pad}); geef het pad vanaf de map van dit "
            "bestand, of laat het veld weg"
        )
        return None
    try:
        gelezen = lees(pad)
    except OngeldigVerslag as e:
        for f in e.fouten:
            fout(f"{naam} '{genoemd}' kan niet worden gelezen: {f}")
        return None
    if not isinstance(gelezen, soort):
        fout(f"'{genoemd}' is {_SOORT[type(gelezen)]}, geen {_SOORT[soort].removeprefix('een ')}; noem hier {naam}")
        return None
    return gelezen

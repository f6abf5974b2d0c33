"""The provider's own content: paragrafen and hoofdstukken beside what the handreiking asks.

The handreiking's layout "is niet voorschrijvend": a verslag may have a leeswijzer, sections such
as "De organisatie" or "Wat bindt ons", an intro per pijler, chapters of its own. A paragraaf has a
title and any of text, a list, a table and paragrafen one level deeper.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Bevinding, fout, waarschuwing
from ..model import model
from ..paths import join_path
from ..values import Cyclus
from . import tabel as _tabel
from .tabel import Tabel

__all__ = ["DIEPSTE_KOP", "Paragraaf", "regels"]

DIEPSTE_KOP = 4
"""The deepest heading level an own section may get (Heading 4); a chapter is level 1."""


@model
class Paragraaf:
    """An own section: titel, then its text, list, table and sub-paragrafen in that order."""

    titel: str
    tekst: str = ""
    opsomming: tuple[str, ...] = ()
    tabel: Tabel | None = None
    paragrafen: tuple[Paragraaf, ...] = ()

    @property
    def diepte(self) -> int:
        """How many levels this paragraaf spans: 1, or more when it holds paragrafen."""
        return 1 + max((p.diepte for p in self.paragrafen), default=0)


def regels(paragraaf: Paragraaf, pad: str, _cyclus: Cyclus) -> Iterator[Bevinding]:
    """A paragraaf needs a title and something under it."""
    naam = f"de paragraaf '{paragraaf.titel.strip()}'" if paragraaf.titel.strip() else "een paragraaf"
    if not paragraaf.titel.strip():
        yield fout(
            join_path(pad, "titel"),
            "een paragraaf zonder titel; geef hem een titel (die wordt de kop) of "
            "zet de tekst bij de paragraaf erboven",
        )
    if not (paragraaf.tekst.strip() or paragraaf.opsomming or paragraaf.tabel or paragraaf.paragrafen):
        yield waarschuwing(pad, f"{naam} is leeg; vul tekst, een opsomming of een tabel in, of haal hem weg")
    if paragraaf.tabel is not None:
        yield from _tabel.bevindingen(paragraaf.tabel, join_path(pad, "tabel"), naam)


def te_diep(paragrafen: tuple[Paragraaf, ...], niveau: int, pad: str) -> Iterator[Bevinding]:
    """A fout for each paragraaf whose sub-paragrafen would need a heading below Heading 4."""
    for i, p in enumerate(paragrafen):
        if niveau + p.diepte - 1 > DIEPSTE_KOP:
            yield fout(
                join_path(pad, i),
                f"de paragrafen in '{p.titel.strip()}' gaan te diep: er kunnen hooguit "
                f"{DIEPSTE_KOP - niveau + 1} niveaus onder elkaar; maak er aparte paragrafen van",
            )

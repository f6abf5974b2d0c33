"""The sector's 14 thema's and a provider's meerjarig aandachtsplan (I = implementatie, M = monitoren)."""

from __future__ import annotations

import enum
from collections.abc import Mapping

from attrs import field

from ..model import model
from ..values import Pijler, ThemaNummer, WaardeFout

__all__ = ["THEMA_NAMEN", "Planning", "Thema"]

THEMA_NAMEN: Mapping[int, tuple[str, Pijler]] = {
    1: ("Veiligheidsmanagement", Pijler(1)),
    2: ("Herstelgerichte zorg", Pijler(1)),
    3: ("Risicogestuurde behandeling/begeleiding", Pijler(1)),
    4: ("Betrekken cliënt/netwerk", Pijler(1)),
    5: ("Vakbekwaamheid/bevoegdheid", Pijler(2)),
    6: ("Opleidingsplan", Pijler(2)),
    7: ("Ervaringsdeskundigheid", Pijler(2)),
    8: ("Kwaliteitsmanagementsysteem", Pijler(3)),
    9: ("Lerende cyclus", Pijler(3)),
    10: ("Cliëntmetingen", Pijler(3)),
    11: ("Medewerkersmetingen", Pijler(3)),
    12: ("Samenwerking in de keten", Pijler(4)),
    13: ("Deelname regio-overleggen en/of lerende netwerken", Pijler(4)),
    14: ("Overdracht/stapelzorg", Pijler(4)),
}


class Planning(enum.StrEnum):
    I = "I"  # noqa: E741 - the sector's own letter
    M = "M"

    @property
    def label(self) -> str:
        return "implementatie" if self is Planning.I else "monitoren"

    @classmethod
    def parse(cls, value: object) -> Planning:
        if isinstance(value, str) and value.strip().upper() in ("I", "M"):
            return cls(value.strip().upper())
        raise WaardeFout(f"'{value}' is geen planning; gebruik I (implementatie) of M (monitoren)")


@model
class Thema:
    nummer: ThemaNummer
    toelichting: str = ""
    planning: dict[int, Planning] = field(factory=dict)
    """Year -> I or M."""

    @property
    def naam(self) -> str:
        return THEMA_NAMEN[self.nummer][0]

    @property
    def pijler(self) -> Pijler:
        return THEMA_NAMEN[self.nummer][1]

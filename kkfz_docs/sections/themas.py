"""The sector's 14 thema's and a provider's meerjarig aandachtsplan (I = implementatie, M = monitoren)."""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping

from attrs import field

from ..findings import Bevinding, fout
from ..model import model
from ..paths import join_path
from ..values import Cyclus, Pijler, ThemaNummer, WaardeFout

__all__ = ["THEMA_NAMEN", "Planning", "Thema", "regels"]

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
    """One of the sector's 14 thema's (by nummer), or an own thema (naam and pijler, no nummer)."""

    nummer: ThemaNummer | None = None
    naam: str = ""
    pijler: Pijler | None = None
    toelichting: str = ""
    planning: dict[int, Planning] = field(factory=dict)
    """Year -> I or M."""

    @property
    def titel(self) -> str:
        """The thema's name as printed: the sector's name for its thema's, else the own name."""
        return THEMA_NAMEN[self.nummer][0] if self.nummer is not None else self.naam.strip()

    @property
    def bij_pijler(self) -> Pijler | None:
        return THEMA_NAMEN[self.nummer][1] if self.nummer is not None else self.pijler

    @property
    def volgorde(self) -> tuple[int, int]:
        """The sector's thema's by number first, own thema's after them."""
        return (0, self.nummer) if self.nummer is not None else (1, 0)


def regels(thema: Thema, pad: str, _cyclus: Cyclus) -> Iterator[Bevinding]:
    """A sector thema is named by its number, an own thema by its name and pijler."""
    if thema.nummer is None:
        if not thema.naam.strip():
            yield fout(
                pad,
                "geef het nummer van een thema van de sector (1 tot en met 14) of de naam van een eigen "
                "thema met de pijler waar het bij hoort",
            )
        elif thema.pijler is None:
            yield fout(
                join_path(pad, "pijler"),
                f"het eigen thema '{thema.naam.strip()}' hoort bij een pijler; vul 'pijler' in (1 tot en met 5)",
            )
        return
    naam, pijler = THEMA_NAMEN[thema.nummer]
    if thema.naam.strip() and thema.naam.strip().casefold() != naam.casefold():
        yield fout(
            join_path(pad, "naam"),
            f"thema {thema.nummer} heet '{naam}', niet '{thema.naam.strip()}'; laat de "
            "naam weg, of laat het nummer weg als het om een eigen thema gaat",
        )
    if thema.pijler is not None and thema.pijler is not pijler:
        yield fout(
            join_path(pad, "pijler"),
            f"thema {thema.nummer} ({naam}) hoort bij pijler {pijler.value}, niet bij "
            f"pijler {thema.pijler.value}; laat de pijler weg",
        )

"""De reflectie per pijler: algemeen beeld, reflectie, successen, aandachtspunten, doelen, ontwikkelpunten."""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Iterator, Sequence

from ..findings import Bevinding, fout, waarschuwing
from ..model import model
from ..paths import join_path
from ..values import Cyclus, Periode, Pijler, WaardeFout
from .paragrafen import Paragraaf, te_diep

__all__ = [
    "GEEN_NIEUWE_ONTWIKKELPUNTEN",
    "DoelStatus",
    "DoelVoortgang",
    "Ontwikkelpunt",
    "PijlerReflectie",
    "check_pijlerset",
    "regels",
]

GEEN_NIEUWE_ONTWIKKELPUNTEN = "geen nieuwe ontwikkelpunten; lopende doelen uit het meerjarenplan worden voortgezet"


class DoelStatus(enum.StrEnum):
    """Where a goal from the meerjarenplan stands at the end of the verslagjaar."""

    BEHAALD = "behaald"
    DEELS_BEHAALD = "deels_behaald"
    IN_UITVOERING = "in_uitvoering"
    UITGESTELD = "uitgesteld"
    NIET_GESTART = "niet_gestart"
    VERVALLEN = "vervallen"

    @property
    def label(self) -> str:
        """Printed form: "Deels behaald"."""
        return self.value.replace("_", " ").capitalize()

    @classmethod
    def parse(cls, value: object) -> DoelStatus:
        if isinstance(value, DoelStatus):
            return value
        if isinstance(value, str):
            key = "_".join(value.strip().lower().replace("-", " ").split())
            try:
                return cls(key)
            except ValueError:
                pass
        keuzes = ", ".join(s.value for s in cls)
        raise WaardeFout(f"'{value}' is geen status; kies uit: {keuzes}")


@model
class DoelVoortgang:
    """Progress on one goal of the organisation's own meerjarenplan.

    With `speerpunt` (the code of a speerpunt in the linked meerjarenplan), titel and gepland come
    from the plan when left out (jaarcyclus.py)."""

    titel: str = ""
    gepland: Periode | None = None
    status: DoelStatus | None = None
    toelichting: str = ""
    speerpunt: str = ""


@model
class Ontwikkelpunt:
    """A plan for the coming calendar year; a plain line of text is its omschrijving."""

    __tekstveld__ = "omschrijving"

    omschrijving: str
    wanneer: Periode | None = None
    verantwoordelijke: str = ""


@model
class PijlerReflectie:
    """The handreiking's (a) algemeen beeld, (b) reflectie and (c) ontwikkelpunten for one pijler."""

    nummer: Pijler
    inleiding: str = ""
    """An intro on the pijler, printed before the algemeen beeld."""
    algemeen_beeld: str = ""
    reflectie: str = ""
    successen: tuple[str, ...] = ()
    aandachtspunten: tuple[str, ...] = ()
    doelen: tuple[DoelVoortgang, ...] = ()
    ontwikkelpunten: tuple[Ontwikkelpunt, ...] = ()
    paragrafen: tuple[Paragraaf, ...] = ()
    """Own sections at the end of the pijler ("Waarom deze keuzes?", "Overige ontwikkelingen")."""

    @property
    def titel(self) -> str:
        return self.nummer.titel


def check_pijlerset(reflecties: Sequence[PijlerReflectie]) -> None:
    """Pijler 1-4 each exactly once; pijler 5 at most once (regel 4)."""
    telling = Counter(p.nummer for p in reflecties)
    dubbel = sorted(p.value for p, n in telling.items() if n > 1)
    ontbreekt = [p.value for p in list(Pijler)[:4] if p not in telling]
    problemen = []
    if ontbreekt:
        namen = ", ".join(f"pijler {n} ({Pijler(n).naam})" for n in ontbreekt)
        werkwoord = "ontbreekt" if len(ontbreekt) == 1 else "ontbreken"
        problemen.append(f"{namen} {werkwoord}; de handreiking vraagt een reflectie op pijler 1, 2, 3 en 4")
    if dubbel:
        problemen.append(f"pijler {', '.join(map(str, dubbel))} staat er meer dan één keer in; voeg de teksten samen")
    if problemen:
        raise WaardeFout("; ".join(problemen))


def regels(reflectie: PijlerReflectie, pad: str, cyclus: Cyclus) -> Iterator[Bevinding]:
    """Regels 5, 6 and 11 of docs/regels.md."""
    verslagjaar = cyclus.verslagjaar
    naam = reflectie.titel
    if not reflectie.algemeen_beeld.strip():
        yield fout(
            join_path(pad, "algemeen_beeld"),
            f"{naam}: het algemeen beeld ontbreekt; beschrijf in hoeverre uw "
            "organisatie aan de kwaliteitsaspecten van deze pijler voldoet",
        )
    heeft_reflectie = bool(reflectie.reflectie.strip())
    # Reflecting on the plan's goals, goal by goal, is a reflection too (regel 5).
    over_doelen = any(d.toelichting.strip() for d in reflectie.doelen)
    if not heeft_reflectie and not reflectie.successen and not over_doelen:
        yield fout(
            join_path(pad, "reflectie"),
            f"{naam}: de reflectie op de resultaten van {verslagjaar} ontbreekt; schrijf een reflectie, noem de "
            "successen of licht de voortgang van de doelen uit het meerjarenplan toe",
        )
    if not reflectie.successen:
        yield waarschuwing(
            join_path(pad, "successen"),
            f"{naam}: er zijn geen successen genoemd; de handreiking vraagt successen en aandachtspunten",
        )
    if not reflectie.aandachtspunten:
        yield waarschuwing(
            join_path(pad, "aandachtspunten"),
            f"{naam}: er zijn geen aandachtspunten genoemd; de handreiking vraagt successen en aandachtspunten",
        )
    if not reflectie.doelen and not heeft_reflectie:
        yield waarschuwing(
            join_path(pad, "doelen"),
            f"{naam}: de reflectie zegt niets over de doelen uit uw "
            "meerjarenplan; noem de doelen met hun status of schrijf een reflectie",
        )
    for i, doel in enumerate(reflectie.doelen):
        if not doel.titel.strip() and not doel.speerpunt.strip():  # a speerpunt's titel: jaarcyclus.py
            yield fout(
                join_path(pad, "doelen", i, "titel"),
                f"{naam}: een doel zonder titel; vul de titel uit het meerjarenplan in",
            )
        if (
            doel.status is None
            and doel.gepland is not None
            and (doel.gepland.eerste_jaar <= verslagjaar <= doel.gepland.laatste_jaar)
        ):
            yield waarschuwing(
                join_path(pad, "doelen", i, "status"),
                f"{naam}: het doel '{doel.titel}' stond voor "
                f"{verslagjaar} gepland maar heeft geen status; vul bijvoorbeeld 'behaald' of "
                "'in_uitvoering' in",
            )
        elif (
            doel.gepland is not None
            and doel.gepland.laatste_jaar < verslagjaar
            and doel.status not in (DoelStatus.BEHAALD, DoelStatus.VERVALLEN)
        ):
            status = f"staat op '{doel.status.label.lower()}'" if doel.status else "heeft geen status"
            yield waarschuwing(
                join_path(pad, "doelen", i, "status"),
                f"{naam}: het doel '{doel.titel}' stond gepland voor {doel.gepland} en {status}; zeg in de "
                "toelichting hoe het verder gaat, of zet de status op 'behaald' of 'vervallen'",
            )
    if not reflectie.ontwikkelpunten:
        yield fout(
            join_path(pad, "ontwikkelpunten"),
            f"{naam}: de ontwikkelpunten voor {cyclus.volgend_jaar} ontbreken. Zijn er "
            f"geen nieuwe, schrijf dan één regel als: '{GEEN_NIEUWE_ONTWIKKELPUNTEN}'",
        )
    for i, punt in enumerate(reflectie.ontwikkelpunten):
        if not punt.omschrijving.strip():
            yield fout(
                join_path(pad, "ontwikkelpunten", i, "omschrijving"),
                f"{naam}: een leeg ontwikkelpunt; beschrijf wat u komend jaar gaat doen of haal het weg",
            )
        if punt.wanneer is not None and punt.wanneer.laatste_jaar <= verslagjaar:
            yield waarschuwing(
                join_path(pad, "ontwikkelpunten", i, "wanneer"),
                f"{naam}: '{punt.wanneer}' ligt niet in "
                f"{cyclus.volgend_jaar} of later; ontwikkelpunten gaan over het komende jaar",
            )
    yield from te_diep(reflectie.paragrafen, 2, join_path(pad, "paragrafen"))

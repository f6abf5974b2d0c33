"""Kwaliteitsverslag: the root class tying the handreiking's sections together, and its own rules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import ClassVar

from .document import Bron, RootDocument, set_html_preview
from .findings import Bevinding, fout, waarschuwing
from .format import datum
from .meerjarenplan import Meerjarenplan
from .model import model, veld
from .sections.algemene_informatie import AlgemeneInformatie
from .sections.organisatie import Organisatie
from .sections.paragrafen import Paragraaf, te_diep
from .sections.pijlers import PijlerReflectie, check_pijlerset
from .sections.prestatie_indicatoren import PrestatieIndicator
from .sections.spinnenweb import Spinnenweb
from .sections.themas import Thema
from .values import Cyclus

__all__ = ["EERSTE_VERSLAGJAAR", "Bron", "Kwaliteitsverslag", "regels", "set_html_preview"]

EERSTE_VERSLAGJAAR = 2022
"""The KKFZ took effect on 1 October 2022."""


@model
class Kwaliteitsverslag(RootDocument):
    """A kwaliteitsverslag per the handreiking of the Kwaliteitskader Forensische Zorg."""

    SOORT: ClassVar[str] = "kwaliteitsverslag"
    """What a file may say under `soort:` (a file without `soort` is a kwaliteitsverslag too)."""

    verslagjaar: int
    organisatie: Organisatie
    algemene_informatie: AlgemeneInformatie
    pijlers: tuple[PijlerReflectie, ...] = veld(check=check_pijlerset)
    opgesteld_door: str = ""
    vastgesteld_op: dt.date | None = None
    meerjarenplan: str = ""
    """Path of the meerjarenplan the verslag reports on, relative to the verslag file."""
    vorig_verslag: str = ""
    """Path of last year's verslag, relative to the verslag file."""
    inleiding: str = ""
    leeswijzer: str = ""
    paragrafen: tuple[Paragraaf, ...] = ()
    """Own sections in the Inleiding chapter ("De organisatie", "Wat bindt ons", ...)."""
    terugblik: str = ""
    vooruitblik: str = ""
    prestatie_indicatoren_nvt: str = ""
    prestatie_indicatoren: tuple[PrestatieIndicator, ...] = ()
    spinnenweb: Spinnenweb | None = None
    themas: tuple[Thema, ...] = ()
    hoofdstukken: tuple[Paragraaf, ...] = ()
    """Own chapters, after the thema's."""
    bron: Bron | None = veld(default=None, eq=False, repr=False, metadata={"invoer": False})
    """Set by load(); not part of the verslag's content."""
    plan: Meerjarenplan | None = veld(default=None, eq=False, repr=False, metadata={"invoer": False})
    """The meerjarenplan at `meerjarenplan`, read by load() (or given in Python)."""
    vorig: Kwaliteitsverslag | None = veld(default=None, eq=False, repr=False, metadata={"invoer": False})
    """Last year's verslag at `vorig_verslag`, read by load() without its own links (or given in Python)."""

    @property
    def cyclus(self) -> Cyclus:
        return Cyclus(self.verslagjaar)

    @property
    def peildatum(self) -> dt.date:
        """The clients' reference date; 31 December of the verslagjaar unless given."""
        return self.algemene_informatie.clienten.peildatum or self.cyclus.peildatum

    @property
    def pijlers_op_volgorde(self) -> list[PijlerReflectie]:
        """The pijler reflections in the handreiking's order: 1-4, then 5 if present."""
        return sorted(self.pijlers, key=lambda p: p.nummer)


def regels(verslag: Kwaliteitsverslag, _pad: str, cyclus: Cyclus) -> Iterator[Bevinding]:
    """The verslag's own rules: the year and its dates (regel 9), indicators or a reason (regel 7)."""
    jaar = cyclus.verslagjaar
    if jaar < EERSTE_VERSLAGJAAR:
        yield fout(
            "verslagjaar",
            f"het KKFZ geldt sinds 1 oktober 2022; een verslag over {jaar} is niet mogelijk. "
            "Controleer het verslagjaar",
        )
    elif jaar == EERSTE_VERSLAGJAAR:
        yield waarschuwing(
            "verslagjaar",
            "het KKFZ geldt sinds 1 oktober 2022, dus 2022 is een gedeeltelijk jaar; zeg dat in de inleiding",
        )
    if cyclus.vandaag <= cyclus.peildatum:
        yield waarschuwing(
            "verslagjaar",
            f"het verslagjaar {jaar} is nog niet voorbij; de aantallen op de peildatum "
            f"{datum(cyclus.peildatum)} zijn dan nog niet bekend",
        )
    if verslag.vastgesteld_op is not None and verslag.vastgesteld_op > cyclus.deadline:
        yield waarschuwing(
            "vastgesteld_op",
            f"het verslag moet uiterlijk {datum(cyclus.deadline)} gereed zijn en op de "
            "website staan; de vaststellingsdatum ligt later",
        )
    if not verslag.prestatie_indicatoren and not verslag.prestatie_indicatoren_nvt.strip():
        yield waarschuwing(
            "prestatie_indicatoren",
            "er zijn geen prestatie-indicatoren ingevuld; geef de resultaten "
            "met een toelichting, of schrijf onder 'prestatie_indicatoren_nvt' waarom ze niet van "
            "toepassing zijn",
        )
    yield from te_diep(verslag.paragrafen, 2, "paragrafen")
    yield from te_diep(verslag.hoofdstukken, 1, "hoofdstukken")

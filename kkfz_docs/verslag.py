"""Kwaliteitsverslag: the root class tying the handreiking's sections together, and its own rules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

from attrs import define, field

from .findings import Bevinding, fout, waarschuwing
from .format import datum
from .images import ImageCheck, inspect
from .model import model, veld
from .paths import parent
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


@define(frozen=True)
class Bron:
    """Where a verslag was loaded from: the file, the YAML line of each field path, and the
    waarschuwingen about what YAML did to a text (a comment that cut it short, yes/no read as text)."""

    pad: Path | None = None
    regels: dict[str, int] = field(factory=dict)
    bevindingen: tuple[Bevinding, ...] = ()

    def regel(self, pad: str) -> int | None:
        """Line of the field at pad, or of the nearest enclosing field that is in the file."""
        while pad:
            if pad in self.regels:
                return self.regels[pad]
            pad = parent(pad)
        return None


_html_preview: list[Callable[[Kwaliteitsverslag], str]] = []


def set_html_preview(preview: Callable[[Kwaliteitsverslag], str]) -> None:
    """Called by kkfz_docs.preview, a higher layer, so that a notebook shows a verslag as HTML."""
    _html_preview[:] = [preview]


@model
class Kwaliteitsverslag:
    """A kwaliteitsverslag per the handreiking of the Kwaliteitskader Forensische Zorg."""

    verslagjaar: int
    organisatie: Organisatie
    algemene_informatie: AlgemeneInformatie
    pijlers: tuple[PijlerReflectie, ...] = veld(check=check_pijlerset)
    opgesteld_door: str = ""
    vastgesteld_op: dt.date | None = None
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

    @property
    def cyclus(self) -> Cyclus:
        return Cyclus(self.verslagjaar)

    @property
    def peildatum(self) -> dt.date:
        """The clients' reference date; 31 December of the verslagjaar unless given."""
        return self.algemene_informatie.clienten.peildatum or self.cyclus.peildatum

    @property
    def logo_pad(self) -> Path | None:
        """The logo's file, relative to the verslag file (or the current folder); None if not given."""
        logo = self.organisatie.logo.strip()
        if not logo:
            return None
        base = self.bron.pad.parent if self.bron is not None and self.bron.pad is not None else Path.cwd()
        return base / logo

    @property
    def logo_bruikbaar(self) -> bool:
        """Whether the logo is a PNG or JPEG file both renderers can place (images.inspect)."""
        return self.logo_afbeelding is not None

    @property
    def logo_afbeelding(self) -> ImageCheck | None:
        """The checked logo, or None when there is none or it cannot be used (check() says why)."""
        pad = self.logo_pad
        if pad is None:
            return None
        logo = inspect(pad)
        return logo if logo.usable else None

    @property
    def pijlers_op_volgorde(self) -> list[PijlerReflectie]:
        """The pijler reflections in the handreiking's order: 1-4, then 5 if present."""
        return sorted(self.pijlers, key=lambda p: p.nummer)

    def _repr_html_(self) -> str | None:
        return _html_preview[0](self) if _html_preview else None


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

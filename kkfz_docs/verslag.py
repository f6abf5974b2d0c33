"""Kwaliteitsverslag: the root class tying the handreiking's sections together."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from attrs import define, field

from .images import ImageCheck, inspect
from .sections.algemene_informatie import AlgemeneInformatie
from .sections.organisatie import Organisatie
from .sections.pijlers import PijlerReflectie, check_pijlerset
from .sections.prestatie_indicatoren import PrestatieIndicator
from .sections.spinnenweb import Spinnenweb
from .sections.themas import Thema


@define(frozen=True)
class Bron:
    """Where a verslag was loaded from: the file and the YAML line of each field path."""

    pad: Path | None = None
    regels: dict[str, int] = field(factory=dict)

    def regel(self, pad: str) -> int | None:
        """Line of the field at pad, or of the nearest enclosing field that is in the file."""
        while pad:
            if pad in self.regels:
                return self.regels[pad]
            pad = _parent(pad)
        return None


def _parent(pad: str) -> str:
    cut = max(pad.rfind("."), pad.rfind("["))
    return pad[:cut] if cut > 0 else ""


def _check_pijlers(_instance, _attribute, value: tuple[PijlerReflectie, ...]) -> None:
    check_pijlerset(p.nummer for p in value)


@define(frozen=True)
class Kwaliteitsverslag:
    """A kwaliteitsverslag per the handreiking of the Kwaliteitskader Forensische Zorg."""

    verslagjaar: int
    organisatie: Organisatie
    algemene_informatie: AlgemeneInformatie
    pijlers: tuple[PijlerReflectie, ...] = field(validator=_check_pijlers)
    opgesteld_door: str = ""
    vastgesteld_op: dt.date | None = None
    inleiding: str = ""
    terugblik: str = ""
    vooruitblik: str = ""
    prestatie_indicatoren_nvt: str = ""
    prestatie_indicatoren: tuple[PrestatieIndicator, ...] = ()
    spinnenweb: Spinnenweb | None = None
    themas: tuple[Thema, ...] = ()
    bron: Bron | None = field(default=None, eq=False, repr=False)
    """Set by load(); not part of the verslag's content."""

    @property
    def peildatum(self) -> dt.date:
        """The clients' reference date; 31 December of the verslagjaar unless given."""
        return self.algemene_informatie.clienten.peildatum or dt.date(self.verslagjaar, 12, 31)

    @property
    def deadline(self) -> dt.date:
        """Publication deadline: 31 May of the year after the verslagjaar."""
        return dt.date(self.verslagjaar + 1, 5, 31)

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

    def _repr_html_(self) -> str:
        from .preview import to_html

        return to_html(self)

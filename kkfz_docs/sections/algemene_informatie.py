"""Algemene informatie: visie, type(n) forensische zorg, cliënten op de peildatum, percentage FZ."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

from attrs import field

from ..findings import Bevinding, fout, waarschuwing
from ..format import datum
from ..model import model
from ..paths import join_path
from ..values import Aantal, Beveiligingsniveau, Cyclus
from .paragrafen import Paragraaf, te_diep

__all__ = ["AlgemeneInformatie", "Clienten", "Zorgtype", "regels"]

# Settings where the handreiking expects a beveiligingsniveau (clinical care and residential care).
_SETTINGS_MET_NIVEAU = (
    "klinisch", "kliniek", "fpc", "fpk", "fvk", "fpa", "fva", "ppc", "tbs", "verblijf",
    "beschermd wonen", "opvang",
)  # fmt: skip


@model
class Zorgtype:
    """One setting in which forensische zorg is delivered, with its beveiligingsniveau if any."""

    setting: str
    beveiligingsniveau: Beveiligingsniveau | None = None
    toelichting: str = ""

    @property
    def vraagt_beveiligingsniveau(self) -> bool:
        setting = self.setting.lower()
        return any(woord in setting for woord in _SETTINGS_MET_NIVEAU)


@model
class Clienten:
    """Clients on the peildatum: DJI-funded forensische zorg and all otherwise funded care."""

    forensische_zorg: Aantal | None = None
    """Clients whose care DJI finances; None until filled in."""
    anders_gefinancierd: dict[str, Aantal] = field(factory=dict)
    """Financieringsvorm -> clients (WLZ, WMO, Zvw including vrijwillige forensische zorg, ...)."""
    peildatum: dt.date | None = None
    """None means 31 December of the verslagjaar."""

    @property
    def totaal(self) -> int:
        return (self.forensische_zorg or 0) + sum(self.anders_gefinancierd.values())

    @property
    def percentage_fz(self) -> float | None:
        """Share of DJI-funded clients in all clients, 0-100; None when there are no clients (regel 2)."""
        if self.totaal == 0:
            return None
        return (self.forensische_zorg or 0) / self.totaal * 100


@model
class AlgemeneInformatie:
    """The first required section of the handreiking."""

    visie: str = ""
    zorgtypen: tuple[Zorgtype, ...] = ()
    clienten: Clienten = field(factory=Clienten)
    omzet: dict[str, Decimal] = field(factory=dict)
    """Financieringsvorm -> turnover in euro (optional)."""
    paragrafen: tuple[Paragraaf, ...] = ()
    """Own sections at the end of the chapter (doelgroepen, aangesloten aanbieders, ...)."""


def regels(info: AlgemeneInformatie, pad: str, cyclus: Cyclus) -> Iterator[Bevinding]:
    """Regels 1-3 of docs/regels.md."""
    if not info.visie.strip():
        yield fout(
            join_path(pad, "visie"),
            "de visie op forensische zorg ontbreekt; beschrijf in een paar zinnen "
            "hoe uw organisatie naar forensische zorg kijkt",
        )
    if not info.zorgtypen:
        yield fout(
            join_path(pad, "zorgtypen"),
            "noem minstens één type forensische zorg met de setting (bijvoorbeeld "
            "'Beschermd wonen' of 'Ambulante begeleiding') en, waar het geldt, het beveiligingsniveau",
        )
    for i, zorgtype in enumerate(info.zorgtypen):
        zpad = join_path(pad, "zorgtypen", i)
        if not zorgtype.setting.strip():
            yield fout(join_path(zpad, "setting"), "de setting ontbreekt; vul bijvoorbeeld 'Klinische zorg' in")
        elif zorgtype.vraagt_beveiligingsniveau and zorgtype.beveiligingsniveau is None:
            yield waarschuwing(
                join_path(zpad, "beveiligingsniveau"),
                f"bij de setting '{zorgtype.setting}' hoort een beveiligingsniveau; vul 1, 2, 3 of 4 in",
            )
    clienten = info.clienten
    cpad = join_path(pad, "clienten")
    if clienten.forensische_zorg is None:
        yield fout(
            join_path(cpad, "forensische_zorg"),
            "vul het aantal cliënten in dat op de peildatum forensische "
            "zorg kreeg die DJI financiert (0 als dat er geen waren)",
        )
    elif clienten.forensische_zorg > 0 and not clienten.anders_gefinancierd:
        yield waarschuwing(
            join_path(cpad, "anders_gefinancierd"),
            "er zijn geen anders gefinancierde cliënten ingevuld, dus het percentage forensische zorg is 100%; vul "
            "per financieringsvorm (bijvoorbeeld WLZ, WMO, Zvw) het aantal cliënten in, of 0 als er echt geen zijn",
        )
    elif clienten.totaal == 0:
        yield waarschuwing(
            cpad,
            "er zijn geen cliënten op de peildatum; het percentage forensische zorg wordt "
            "'n.v.t.'. Vul ook de anders gefinancierde cliënten in (bijvoorbeeld WLZ, WMO, Zvw) als "
            "die er zijn",
        )
    if clienten.peildatum is not None and clienten.peildatum != cyclus.peildatum:
        yield waarschuwing(
            join_path(cpad, "peildatum"),
            f"de handreiking vraagt de aantallen op {datum(cyclus.peildatum)}; pas de peildatum aan of laat hem weg",
        )
    yield from te_diep(info.paragrafen, 2, join_path(pad, "paragrafen"))

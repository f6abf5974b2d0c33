"""The meerjarenplan per pijler: an intro, own paragrafen on current practice, and numbered speerpunten.

A speerpunt is a goal of the plan: titel, toelichting, risico's, verantwoordelijken (roles, in
order of responsibility), a deadline (a year, a quarter or a range) and acties. Its code ("1.2")
is what a kwaliteitsverslag names in `doelen[].speerpunt`, as typed; left out, it is
"<pijler>.<volgnummer>".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from typing import Any, cast

import attrs

from ..errors import WaardeFout
from ..findings import Bevinding, fout, waarschuwing
from ..model import converter_for, model, veld
from ..paths import join_path
from ..values import Cyclus, Periode, Pijler, ThemaNummer
from .paragrafen import Paragraaf

__all__ = ["PlanPijler", "Speerpunt", "check_plan_pijlers", "regels"]


@model
class Speerpunt:
    """One goal of the meerjarenplan, printed as a card."""

    code: str = ""
    """As typed ("1.10" stays "1.10", also without quotes); left out: "<pijler>.<volgnummer>", filled in
    by the pijler that holds it."""
    titel: str = ""
    toelichting: str = ""
    risicos: tuple[str, ...] = ()
    verantwoordelijken: tuple[str, ...] = ()
    """Roles, in order of responsibility."""
    deadline: Periode | None = None
    acties: tuple[str, ...] = ()
    themas: tuple[ThemaNummer, ...] = ()
    """Numbers of the sector's thema's the speerpunt works on."""

    @property
    def naam(self) -> str:
        """How a message names it: "speerpunt 1.2 (Signaleringsplannen)"."""
        titel = self.titel.strip()
        return f"speerpunt {self.code.strip()}" + (f" ({titel})" if titel else "")


_SPEERPUNTEN = converter_for(tuple[Speerpunt, ...])


def _met_codes(value: object, pijler: Any) -> tuple[Speerpunt, ...]:
    """The speerpunten, each without a code numbered "<pijler>.<volgnummer>" by its place in the list
    (pijler: the PlanPijler being built, its nummer already set)."""
    try:
        speerpunten = cast(tuple[Speerpunt, ...], _SPEERPUNTEN(value))
    except WaardeFout as e:
        raise e.binnen("speerpunten").binnen("PlanPijler") from None
    return tuple(
        sp if sp.code.strip() else attrs.evolve(sp, code=f"{pijler.nummer.value}.{i}")  # type: ignore[misc]
        for i, sp in enumerate(speerpunten, 1)
    )


@model
class PlanPijler:
    """One pijler of the meerjarenplan: an intro, own paragrafen, then the speerpunten."""

    nummer: Pijler
    inleiding: str = ""
    paragrafen: tuple[Paragraaf, ...] = ()
    """The pillar's themes as practised today (risicomanagement, netwerk, leefklimaat, ...)."""
    speerpunten: tuple[Speerpunt, ...] = veld(default=(), converter=attrs.Converter(_met_codes, takes_self=True))

    @property
    def titel(self) -> str:
        return self.nummer.titel


def check_plan_pijlers(pijlers: Sequence[PlanPijler]) -> None:
    """Each pijler at most once; the plan may leave some out."""
    telling = Counter(p.nummer for p in pijlers)
    dubbel = sorted(p.value for p, n in telling.items() if n > 1)
    if dubbel:
        raise WaardeFout(
            f"pijler {', '.join(map(str, dubbel))} staat er meer dan één keer in; zet alle speerpunten "
            "van een pijler onder één 'nummer'"
        )


def regels(speerpunt: Speerpunt, pad: str, _cyclus: Cyclus) -> Iterator[Bevinding]:
    """A speerpunt needs a titel; without a deadline no verslag can tell whether it is due."""
    if not speerpunt.titel.strip():
        yield fout(
            join_path(pad, "titel"),
            f"speerpunt {speerpunt.code.strip()} heeft geen titel; geef het een korte titel (die wordt de kop "
            "van de kaart en de naam in het kwaliteitsverslag)",
        )
    if speerpunt.deadline is None:
        yield waarschuwing(
            join_path(pad, "deadline"),
            f"{speerpunt.naam} heeft geen deadline; geef een jaar, een kwartaal ('Q4 2025') of een periode "
            "('2024-2025'), zodat het kwaliteitsverslag kan nagaan of het op tijd is",
        )

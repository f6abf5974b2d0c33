"""Meerjarenplan: the provider's own multi-year plan, a document type of its own, and its rules.

The handreiking builds the kwaliteitsverslag on this plan: the verslag reflects on the plan's
speerpunten (jaarcyclus.py). A plan file says `soort: meerjarenplan`; load() reads it as this class.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from typing import ClassVar

from .document import Bron, RootDocument
from .findings import Bevinding, fout, waarschuwing
from .model import model, veld
from .paths import join_path
from .sections.organisatie import Organisatie
from .sections.paragrafen import Paragraaf, te_diep
from .sections.speerpunten import PlanPijler, Speerpunt, check_plan_pijlers
from .values import Cyclus, Periode

__all__ = ["Meerjarenplan", "regels"]


@model
class Meerjarenplan(RootDocument):
    """A meerjarenplan: per pijler an intro, own paragrafen and numbered speerpunten."""

    SOORT: ClassVar[str] = "meerjarenplan"
    """What a file says under `soort:` to be read as a meerjarenplan."""

    periode: Periode
    organisatie: Organisatie
    pijlers: tuple[PlanPijler, ...] = veld(check=check_plan_pijlers)
    opgesteld_door: str = ""
    vastgesteld_op: dt.date | None = None
    inleiding: str = ""
    """The voorwoord."""
    paragrafen: tuple[Paragraaf, ...] = ()
    """Own sections in the Inleiding chapter (missie, visie op forensische zorg, kernwaarden, ...)."""
    bron: Bron | None = veld(default=None, eq=False, repr=False, metadata={"invoer": False})
    """Set by load(); not part of the plan's content."""

    @property
    def cyclus(self) -> Cyclus:
        """The plan's rules need no verslagjaar; its first year stands in for it."""
        return Cyclus(self.periode.eerste_jaar)

    @property
    def pijlers_op_volgorde(self) -> list[PlanPijler]:
        return sorted(self.pijlers, key=lambda p: p.nummer)

    @property
    def speerpunten(self) -> list[tuple[PlanPijler, Speerpunt]]:
        """Every speerpunt with its pijler, in pijler order 1-5."""
        return [(p, sp) for p in self.pijlers_op_volgorde for sp in p.speerpunten]

    def speerpunt(self, code: str) -> tuple[PlanPijler, Speerpunt] | None:
        """The speerpunt with this code (and its pijler), or None."""
        code = code.strip()
        return next(((p, sp) for p, sp in self.speerpunten if sp.code.strip() == code), None)


def _buiten(deadline: Periode, periode: Periode) -> bool:
    return deadline.eerste_jaar < periode.eerste_jaar or deadline.laatste_jaar > periode.laatste_jaar


def regels(plan: Meerjarenplan, _pad: str, _cyclus: Cyclus) -> Iterator[Bevinding]:
    """Codes unique; deadlines within the periode; speerpunten at all; paragrafen not too deep."""
    paden: dict[str, list[str]] = defaultdict(list)
    for i, pijler in enumerate(plan.pijlers):
        for j, sp in enumerate(pijler.speerpunten):
            pad = join_path("pijlers", i, "speerpunten", j)
            paden[sp.code.strip()].append(pad)
            if sp.deadline is not None and _buiten(sp.deadline, plan.periode):
                yield waarschuwing(
                    join_path(pad, "deadline"),
                    f"de deadline {sp.deadline} van {sp.naam} valt buiten de periode van het plan "
                    f"({plan.periode}); klopt de deadline, of hoort het speerpunt in een volgend plan?",
                )
        yield from te_diep(pijler.paragrafen, 2, join_path("pijlers", i, "paragrafen"))
    for code, lijst in paden.items():
        for pad in lijst[1:]:
            yield fout(
                join_path(pad, "code"),
                f"de code {code} staat al bij {lijst[0]}; geef elk speerpunt een eigen code, want een "
                "kwaliteitsverslag noemt het speerpunt bij die code",
            )
    if not paden:
        yield waarschuwing(
            "pijlers",
            "het plan heeft geen speerpunten; noem per pijler de speerpunten met een titel en een deadline",
        )
    yield from te_diep(plan.paragrafen, 2, "paragrafen")

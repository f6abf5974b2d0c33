"""Spinnenweb KKFZ met PDCA: a 0-4 self-assessment per pijler (optional, bijlage I of the handreiking)."""

from __future__ import annotations

from collections.abc import Mapping

from ..model import model, veld
from ..values import PdcaScore, Pijler, WaardeFout

__all__ = ["PDCA", "Spinnenweb", "check_scores"]

PDCA = {
    0: ("Kwaliteitsaspecten gekozen", ""),
    1: ("Plannen gemaakt", "Plan"),
    2: ("Plannen gemaakt en uitgevoerd", "Do"),
    3: ("Uitgevoerd en gemonitord", "Check"),
    4: ("Gemonitord en leringen getrokken", "Act"),
}
"""Score -> (Dutch meaning, PDCA step)."""


def check_scores(scores: Mapping[Pijler, int] | None) -> None:
    """One score per pijler 1-5; a missing axis is an error, not a zero (regel 8)."""
    ontbreekt = [p.value for p in Pijler if scores is not None and p not in scores]
    if ontbreekt:
        raise WaardeFout(
            f"de score voor pijler {', '.join(map(str, ontbreekt))} ontbreekt; geef alle vijf pijlers een score van "
            "0 tot en met 4 (een ontbrekende score telt niet als 0)"
        )


@model
class Spinnenweb:
    """Its rules are checked when it is built: whole scores 0-4 (values.pdca_score), all five pijlers."""

    scores: dict[Pijler, PdcaScore] = veld(check=check_scores)
    vorig_jaar: dict[Pijler, PdcaScore] | None = veld(default=None, check=check_scores)
    toelichting: str = ""

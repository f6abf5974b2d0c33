"""Spinnenweb KKFZ met PDCA: a 0-4 self-assessment per pijler (optional, bijlage I of the handreiking)."""

from __future__ import annotations

from collections.abc import Mapping

from attrs import define, field

from ..values import PdcaScore, Pijler, WaardeFout, check_pdca_score

PDCA = {
    0: ("Kwaliteitsaspecten gekozen", ""),
    1: ("Plannen gemaakt", "Plan"),
    2: ("Plannen gemaakt en uitgevoerd", "Do"),
    3: ("Uitgevoerd en gemonitord", "Check"),
    4: ("Gemonitord en leringen getrokken", "Act"),
}
"""Score -> (Dutch meaning, PDCA step)."""


def check_scores(scores: Mapping[Pijler, int]) -> None:
    """One score 0-4 per pijler 1-5; a missing axis is an error, not a zero."""
    for score in scores.values():
        check_pdca_score(score)
    ontbreekt = [p.value for p in Pijler if p not in scores]
    if ontbreekt:
        raise WaardeFout(
            f"de score voor pijler {', '.join(map(str, ontbreekt))} ontbreekt; geef alle vijf pijlers een score van "
            "0 tot en met 4 (een ontbrekende score telt niet als 0)"
        )


def _scores(_instance, _attribute, value: Mapping[Pijler, int] | None) -> None:
    if value is not None:
        check_scores(value)


def _pijler_keys(value: Mapping[object, int] | None) -> dict[Pijler, int] | None:
    return None if value is None else {Pijler.parse(k): v for k, v in value.items()}


@define(frozen=True)
class Spinnenweb:
    scores: dict[Pijler, PdcaScore] = field(converter=_pijler_keys, validator=_scores)
    vorig_jaar: dict[Pijler, PdcaScore] | None = field(default=None, converter=_pijler_keys, validator=_scores)
    toelichting: str = ""

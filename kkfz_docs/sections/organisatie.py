"""The organisation that publishes the verslag."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Bevinding, fout
from ..model import model
from ..paths import join_path
from ..values import Cyclus

__all__ = ["Organisatie", "regels"]


@model
class Organisatie:
    """Name and contact details printed in the header and on the first page."""

    naam: str
    plaats: str = ""
    website: str = ""
    logo: str = ""
    """Path to an image, relative to the verslag file."""


def regels(organisatie: Organisatie, pad: str, _cyclus: Cyclus) -> Iterator[Bevinding]:
    if not organisatie.naam.strip():
        yield fout(
            join_path(pad, "naam"), "de naam van de organisatie ontbreekt; vul de naam in zoals die op de website staat"
        )

"""The organisation that publishes the verslag."""

from __future__ import annotations

from collections.abc import Iterator

from attrs import define

from ..findings import Bevinding, fout


@define(frozen=True)
class Organisatie:
    """Name and contact details printed in the header and on the first page."""

    naam: str
    plaats: str = ""
    website: str = ""
    logo: str = ""
    """Path to an image, relative to the verslag file."""


def regels(organisatie: Organisatie, pad: str) -> Iterator[Bevinding]:
    if not organisatie.naam.strip():
        yield fout(f"{pad}.naam", "de naam van de organisatie ontbreekt; vul de naam in zoals die op de website staat")

"""The rules of the model: every section's own rules, walked in document order, plus the text rules.

Each section module owns its rules, as `regels(obj, pad, cyclus)`; the checks that hold for any
value (a count is 0 or more, pijler 1-4 each once) run when an object is built (model.py). The
rules that need the laid-out PDF (page count, characters no font shows) are added by api.check.
The numbers in the docstrings are those of docs/regels.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import attrs

from . import verslag as _verslag
from .findings import Bevinding, waarschuwing
from .images import inspect
from .paths import join_path
from .sections import algemene_informatie, organisatie, paragrafen, pijlers, prestatie_indicatoren, themas
from .text import editing_note, has_control_characters, iter_texts, pasted_bullets
from .values import Cyclus
from .verslag import Kwaliteitsverslag

__all__ = ["RULES", "check_model"]

Rule = Callable[..., Iterator[Bevinding]]
"""A section's rules: regels(obj, pad, cyclus) for objects of its class."""

RULES: dict[type, Rule] = {
    Kwaliteitsverslag: _verslag.regels,
    organisatie.Organisatie: organisatie.regels,
    algemene_informatie.AlgemeneInformatie: algemene_informatie.regels,
    pijlers.PijlerReflectie: pijlers.regels,
    prestatie_indicatoren.PrestatieIndicator: prestatie_indicatoren.regels,
    paragrafen.Paragraaf: paragrafen.regels,
    themas.Thema: themas.regels,
}
"""Which section's rules apply to which class."""


def check_model(verslag: Kwaliteitsverslag, *, vandaag: dt.date | None = None) -> list[Bevinding]:
    """The findings of the model's rules, in document order (without the PDF's, see api.check)."""
    cyclus = Cyclus(verslag.verslagjaar, vandaag or dt.date.today())
    bevindingen = list(verslag.bron.bevindingen if verslag.bron else ())  # what reading the file noticed
    bevindingen += _walk(verslag, "", cyclus)
    bevindingen += _logo(verslag)
    bevindingen += _teksten(verslag, gemeld={b.pad for b in verslag.bron.bevindingen} if verslag.bron else set())
    return bevindingen


def _walk(obj: object, pad: str, cyclus: Cyclus) -> Iterator[Bevinding]:
    """Each model object's rules, then those of the objects it holds, in field order."""
    rule = RULES.get(type(obj))
    if rule is not None:
        yield from rule(obj, pad, cyclus)
    if attrs.has(type(obj)):
        for f in attrs.fields(type(obj)):  # type: ignore[arg-type]  # attrs.has() said so
            if f.eq:
                yield from _walk(getattr(obj, f.name), join_path(pad, f.name), cyclus)
    elif isinstance(obj, tuple):
        for i, item in enumerate(obj):
            yield from _walk(item, join_path(pad, i), cyclus)


def _logo(verslag: Kwaliteitsverslag) -> list[Bevinding]:
    """A logo that cannot be placed is left out of both files, with this warning."""
    pad = verslag.logo_pad
    if pad is None:
        return []
    naam = verslag.organisatie.logo.strip()
    if not pad.is_file():
        return [
            waarschuwing(
                "organisatie.logo",
                f"het logo '{naam}' is niet gevonden (gezocht als {pad}); het verslag wordt zonder logo gemaakt. "
                "Geef het pad vanaf de map van het verslag",
            )
        ]
    logo = inspect(pad)
    if logo.usable:
        return []
    return [
        waarschuwing(
            "organisatie.logo",
            f"het logo '{naam}' {logo.problem}; het verslag wordt zonder logo gemaakt. {logo.advice.rstrip('.')}",
        )
    ]


def _teksten(verslag: Kwaliteitsverslag, gemeld: set[str]) -> list[Bevinding]:
    """Regels 13 and 14: control characters, list items pasted into one line (unless reading the file
    already named the line that YAML glued on), leftover editing notes."""
    uit: list[Bevinding] = []
    for pad, tekst in iter_texts(verslag):
        if has_control_characters(tekst):
            uit.append(
                waarschuwing(
                    pad,
                    "de tekst bevat onzichtbare stuurtekens (bijvoorbeeld uit een kopie "
                    "uit een ander programma); die worden bij het maken van het verslag weggelaten",
                )
            )
        bullet = pasted_bullets(tekst)
        if bullet and pad not in gemeld:
            uit.append(
                waarschuwing(
                    pad,
                    f"hier staan waarschijnlijk meer punten in één (geplakt uit Word: '{bullet}' midden in de "
                    "regel); zet elk punt op een eigen regel: in een lijst als '- punt', in een tekst na | op een "
                    "eigen regel",
                )
            )
        notitie = editing_note(tekst)
        if notitie:
            uit.append(
                waarschuwing(pad, f"de tekst bevat nog een werkaantekening ('{notitie}'); haal die weg voor publicatie")
            )
    return uit

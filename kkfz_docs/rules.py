"""The rules of the model: every section's own rules, walked in document order, plus the text rules.

Each section module owns its rules, as `regels(obj, pad, cyclus)`; the checks that hold for any
value (a count is 0 or more, pijler 1-4 each once) run when an object is built (model.py). The
rules that need the laid-out PDF (page count, characters no font shows) are added by api.check.
The numbers in the docstrings are those of docs/regels.md.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator

import attrs

from . import jaarcyclus
from . import meerjarenplan as _meerjarenplan
from . import verslag as _verslag
from .findings import Bevinding, waarschuwing
from .images import inspect
from .meerjarenplan import Meerjarenplan
from .paths import join_path
from .sections import (
    algemene_informatie,
    organisatie,
    paragrafen,
    pijlers,
    prestatie_indicatoren,
    speerpunten,
    themas,
)
from .text import editing_note, has_control_characters, iter_texts, pasted_bullets
from .values import Cyclus
from .verslag import Kwaliteitsverslag

__all__ = ["RULES", "Document", "check_model"]

Rule = Callable[..., Iterator[Bevinding]]
"""A section's rules: regels(obj, pad, cyclus) for objects of its class."""
Document = Kwaliteitsverslag | Meerjarenplan
"""A document of any type: a kwaliteitsverslag or a meerjarenplan."""

RULES: dict[type, tuple[Rule, ...]] = {
    Kwaliteitsverslag: (_verslag.regels, jaarcyclus.regels),
    Meerjarenplan: (_meerjarenplan.regels,),
    organisatie.Organisatie: (organisatie.regels,),
    algemene_informatie.AlgemeneInformatie: (algemene_informatie.regels,),
    pijlers.PijlerReflectie: (pijlers.regels,),
    prestatie_indicatoren.PrestatieIndicator: (prestatie_indicatoren.regels,),
    paragrafen.Paragraaf: (paragrafen.regels,),
    themas.Thema: (themas.regels,),
    speerpunten.Speerpunt: (speerpunten.regels,),
}
"""Which rules apply to which class: its section's, and for a verslag those of the annual cycle."""


def check_model(document: Document, *, vandaag: dt.date | None = None) -> list[Bevinding]:
    """The findings of the model's rules, in document order (without the PDF's, see api.check).

    A verslag is checked as it prints (jaarcyclus.ingevuld): a doel naming a speerpunt with the
    plan's titel and deadline, so the rules on doelen hold for those too.
    """
    cyclus = attrs.evolve(document.cyclus, vandaag=vandaag or dt.date.today())
    getoond = jaarcyclus.ingevuld(document) if isinstance(document, Kwaliteitsverslag) else document
    bron = document.bron
    bevindingen = list(bron.bevindingen if bron else ())  # what reading the file noticed
    bevindingen += _walk(getoond, "", cyclus)
    bevindingen += _plan(document)
    bevindingen += _logo(document)
    bevindingen += _teksten(document, gemeld={b.pad for b in bron.bevindingen} if bron else set())
    return bevindingen


def _plan(document: Document) -> list[Bevinding]:
    """A linked plan with fouten of its own is worth a look before the verslag leans on it."""
    plan = document.plan if isinstance(document, Kwaliteitsverslag) else None
    if plan is None:
        return []
    fouten = [b for b in check_model(plan) if b.is_fout]
    if not fouten:
        return []
    return [
        waarschuwing(
            "meerjarenplan",
            f"het meerjarenplan heeft zelf {len(fouten)} {'fout' if len(fouten) == 1 else 'fouten'} (de eerste: "
            f"{fouten[0].pad}: {fouten[0].melding}); controleer het met 'kkfz-docs check' op het plan",
        )
    ]


def _walk(obj: object, pad: str, cyclus: Cyclus) -> Iterator[Bevinding]:
    """Each model object's rules, then those of the objects it holds, in field order."""
    for rule in RULES.get(type(obj), ()):
        yield from rule(obj, pad, cyclus)
    if attrs.has(type(obj)):
        for f in attrs.fields(type(obj)):  # type: ignore[arg-type]  # attrs.has() said so
            if f.eq:
                yield from _walk(getattr(obj, f.name), join_path(pad, f.name), cyclus)
    elif isinstance(obj, tuple):
        for i, item in enumerate(obj):
            yield from _walk(item, join_path(pad, i), cyclus)


def _logo(verslag: Document) -> list[Bevinding]:
    """A logo that cannot be placed is left out of both files, with this warning."""
    pad = verslag.logo_pad
    if pad is None:
        return []
    naam = verslag.organisatie.logo.strip()
    if not os.path.isfile(pad):
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


def _teksten(verslag: Document, gemeld: set[str]) -> list[Bevinding]:
    """Regels 13 and 14: control characters, list items pasted into one line (unless reading the file
    already named the line that YAML glued on), leftover editing notes; and texts carried over from
    last year by `kkfz-docs new --van` that still carry their review mark."""
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
        nalezen = jaarcyclus.nalezen(tekst)
        if nalezen:
            uit.append(waarschuwing(pad, nalezen))
        notitie = editing_note(tekst)
        if notitie:
            uit.append(
                waarschuwing(pad, f"de tekst bevat nog een werkaantekening ('{notitie}'); haal die weg voor publicatie")
            )
    return uit

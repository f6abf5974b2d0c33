"""check(): run every section's rules (domain.md section 7) and return Bevindingen."""

from __future__ import annotations

import datetime as dt

import attrs

from .findings import Bevinding, fout, waarschuwing
from .images import inspect
from .sections import algemene_informatie, organisatie, pijlers, prestatie_indicatoren
from .text import editing_note, has_control_characters, iter_texts
from .verslag import Kwaliteitsverslag

EERSTE_VERSLAGJAAR = 2022
"""The KKFZ took effect on 1 October 2022."""


def check(
    verslag: Kwaliteitsverslag,
    *,
    vandaag: dt.date | None = None,
    max_pages: int | None = 6,
) -> list[Bevinding]:
    """All findings for a verslag, in document order; a fout means: do not publish like this.

    With max_pages set, the verslag is laid out as the PDF would be (without drawing the chart)
    to count its pages (rule 10) and to find text the PDF's font cannot show.
    """
    vandaag = vandaag or dt.date.today()
    jaar = verslag.verslagjaar
    bevindingen: list[Bevinding] = []
    bevindingen += _jaar_en_data(verslag, vandaag)
    bevindingen += organisatie.regels(verslag.organisatie, "organisatie")
    bevindingen += algemene_informatie.regels(verslag.algemene_informatie, "algemene_informatie", jaar)
    for i, reflectie in enumerate(verslag.pijlers):
        bevindingen += pijlers.regels(reflectie, f"pijlers[{i}]", jaar)
    bevindingen += prestatie_indicatoren.regels(
        verslag.prestatie_indicatoren, verslag.prestatie_indicatoren_nvt, "prestatie_indicatoren"
    )
    bevindingen += _logo(verslag)
    bevindingen += _teksten(verslag)
    if max_pages is not None:
        bevindingen += _pdf(verslag, max_pages)
    if verslag.bron is not None:
        bevindingen = [attrs.evolve(b, regel=verslag.bron.regel(b.pad)) for b in bevindingen]
    return bevindingen


def _jaar_en_data(verslag: Kwaliteitsverslag, vandaag: dt.date) -> list[Bevinding]:
    jaar = verslag.verslagjaar
    uit: list[Bevinding] = []
    if jaar < EERSTE_VERSLAGJAAR:
        uit.append(
            fout(
                "verslagjaar",
                f"het KKFZ geldt sinds 1 oktober 2022; een verslag over {jaar} is niet "
                "mogelijk. Controleer het verslagjaar",
            )
        )
    elif jaar == EERSTE_VERSLAGJAAR:
        uit.append(
            waarschuwing(
                "verslagjaar",
                "het KKFZ geldt sinds 1 oktober 2022, dus 2022 is een gedeeltelijk jaar; zeg dat in de inleiding",
            )
        )
    if vandaag <= dt.date(jaar, 12, 31):
        uit.append(
            waarschuwing(
                "verslagjaar",
                f"het verslagjaar {jaar} is nog niet voorbij; de aantallen op de "
                "peildatum 31 december zijn dan nog niet bekend",
            )
        )
    if verslag.vastgesteld_op is not None and verslag.vastgesteld_op > verslag.deadline:
        uit.append(
            waarschuwing(
                "vastgesteld_op",
                f"het verslag moet uiterlijk 31 mei {jaar + 1} op de website staan; de vaststellingsdatum ligt later",
            )
        )
    return uit


def _logo(verslag: Kwaliteitsverslag) -> list[Bevinding]:
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


def _pdf(verslag: Kwaliteitsverslag, max_pages: int) -> list[Bevinding]:
    from .render.pdf import layout, unprintable_texts

    uit = [
        waarschuwing(
            pad,
            f"de PDF kan deze tekens niet goed weergeven: {' '.join(tekens)} (emoji of een "
            "schrift dat van rechts naar links loopt); in Word staan ze er wel goed. Laat ze weg of "
            "controleer de PDF",
        )
        for pad, tekens in unprintable_texts(verslag)
    ]
    _, info = layout(verslag, max_pages, draw_chart=False)
    if info.pages > max_pages:
        uit.append(waarschuwing("", info.melding()))
    return uit


def _teksten(verslag: Kwaliteitsverslag) -> list[Bevinding]:
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
        notitie = editing_note(tekst)
        if notitie:
            uit.append(
                waarschuwing(pad, f"de tekst bevat nog een werkaantekening ('{notitie}'); haal die weg voor publicatie")
            )
    return uit

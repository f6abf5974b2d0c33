"""The annual cycle: a verslag beside its meerjarenplan and last year's verslag.

load() reads the linked files (koppelingen.py) into `verslag.plan` and `verslag.vorig`; this module
only looks at what is loaded. It fills in what a verslag leaves to its plan and to last year
(`ingevuld`), checks the links (`regels`), and knows the mark `kkfz-docs new --van` puts on texts
it carries over from last year, so check() warns until someone has read them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import attrs

from .findings import Bevinding, fout, waarschuwing
from .meerjarenplan import Meerjarenplan
from .paths import join_path
from .sections.pijlers import DoelStatus, DoelVoortgang, PijlerReflectie
from .sections.speerpunten import Speerpunt
from .values import Cyclus, Pijler
from .verslag import Kwaliteitsverslag

__all__ = ["ingevuld", "markering", "nalezen", "regels"]

AFGEROND = (DoelStatus.BEHAALD, DoelStatus.VERVALLEN)


def ingevuld(verslag: Kwaliteitsverslag) -> Kwaliteitsverslag:
    """The verslag as it prints: each doel naming a speerpunt has its titel and gepland (the
    speerpunt's deadline) from the plan where it leaves them out, and the spinnenweb has last
    year's scores as vorig_jaar unless it gives them itself."""
    plan, vorig = verslag.plan, verslag.vorig
    wijzigingen: dict[str, object] = {}
    if plan is not None and any(d.speerpunt.strip() for p in verslag.pijlers for d in p.doelen):
        wijzigingen["pijlers"] = tuple(
            attrs.evolve(p, doelen=tuple(_doel(d, plan) for d in p.doelen))  # type: ignore[misc]  # a model class
            for p in verslag.pijlers
        )
    web = verslag.spinnenweb
    if web is not None and web.vorig_jaar is None and vorig is not None and vorig.spinnenweb is not None:
        wijzigingen["spinnenweb"] = attrs.evolve(web, vorig_jaar=vorig.spinnenweb.scores)  # type: ignore[misc]
    return attrs.evolve(verslag, **wijzigingen) if wijzigingen else verslag  # type: ignore[misc]  # model classes


def _doel(doel: DoelVoortgang, plan: Meerjarenplan) -> DoelVoortgang:
    gevonden = plan.speerpunt(doel.speerpunt) if doel.speerpunt.strip() else None
    if gevonden is None:
        return doel
    sp = gevonden[1]
    return attrs.evolve(  # type: ignore[misc]  # a model class
        doel,
        titel=doel.titel if doel.titel.strip() else sp.titel,
        gepland=doel.gepland if doel.gepland is not None else sp.deadline,
    )


def regels(verslag: Kwaliteitsverslag, _pad: str, cyclus: Cyclus) -> Iterator[Bevinding]:
    """The links: the plan covers the verslagjaar, every code is the plan's, every speerpunt due by
    the end of the verslagjaar is among the doelen; last year's verslag is of the year before.

    With last year's verslag linked, a due speerpunt it reported behaald or vervallen is not asked
    for again, nor one due before last year that it no longer named (its own check asked for it then);
    one it named with another status stays asked for until a verslag reports it done.
    """
    yield from _plan(verslag, cyclus)
    yield from _vorig(verslag, cyclus)


def _plan(verslag: Kwaliteitsverslag, cyclus: Cyclus) -> Iterator[Bevinding]:
    plan, jaar = verslag.plan, cyclus.verslagjaar
    if plan is None:
        if verslag.meerjarenplan.strip():
            yield waarschuwing(
                "meerjarenplan",
                "het meerjarenplan is niet ingelezen, dus de doelen zijn er niet mee vergeleken; lees het "
                "verslag in met kkfz_docs.load(...) of geef het plan mee als Kwaliteitsverslag(plan=...)",
            )
        for i, p in enumerate(verslag.pijlers):
            for j, doel in enumerate(p.doelen):
                if doel.speerpunt.strip() and not doel.titel.strip():
                    yield fout(
                        join_path("pijlers", i, "doelen", j, "speerpunt"),
                        f"het doel noemt speerpunt {doel.speerpunt.strip()}, maar het verslag is niet aan een "
                        "meerjarenplan gekoppeld; vul bovenaan 'meerjarenplan:' in met het pad van het plan, "
                        "of geef het doel een titel",
                    )
        return
    if not plan.periode.eerste_jaar <= jaar <= plan.periode.laatste_jaar:
        yield waarschuwing(
            "meerjarenplan",
            f"het meerjarenplan loopt over {plan.periode} en dekt {jaar} dus niet; koppel het plan dat over "
            f"{jaar} gaat",
        )
    codes = [sp.code.strip() for _p, sp in plan.speerpunten]
    genoemd: set[str] = set()
    eerder: dict[str, str] = {}  # code -> the doel that named it first
    for i, p in enumerate(verslag.pijlers):
        for j, doel in enumerate(p.doelen):
            code = doel.speerpunt.strip()
            if not code:
                genoemd.add(_sleutel(doel.titel))
                continue
            genoemd.add(code)
            pad = join_path("pijlers", i, "doelen", j)
            gevonden = plan.speerpunt(code)
            if gevonden is None:
                yield fout(join_path(pad, "speerpunt"), _onbekend(code, codes))
                continue
            pp, sp = gevonden
            if code in eerder:
                yield waarschuwing(
                    join_path(pad, "speerpunt"),
                    f"speerpunt {code} staat al bij {eerder[code]}; het verslag toont het dan twee keer, misschien "
                    "met een andere status. Houd één doel per speerpunt over",
                )
            eerder.setdefault(code, pad)
            if pp.nummer is not p.nummer:
                yield waarschuwing(
                    join_path(pad, "speerpunt"),
                    f"speerpunt {code} hoort in het meerjarenplan bij pijler {pp.nummer.value}, maar staat hier bij "
                    f"pijler {p.nummer.value}; zet het doel bij pijler {pp.nummer.value}, of controleer de code",
                )
            genoemd.add(_sleutel(sp.titel))
            if doel.gepland is not None and sp.deadline is not None and doel.gepland != sp.deadline:
                yield waarschuwing(
                    join_path(pad, "gepland"),
                    f"het doel noemt als gepland {doel.gepland}, het meerjarenplan geeft {sp.naam} de deadline "
                    f"{sp.deadline}; laat 'gepland' weg om de deadline uit het plan te gebruiken, of pas het plan aan",
                )
    vorig = _vorige_doelen(verslag.vorig)
    per_pijler: dict[Pijler, list[Speerpunt]] = {}
    for pp, sp in plan.speerpunten:
        if sp.deadline is None or sp.deadline.laatste_jaar > jaar:
            continue
        sleutels = {sp.code.strip(), _sleutel(sp.titel)} - {""}
        if sleutels & genoemd:
            continue
        if verslag.vorig is not None:
            status = next((vorig[k] for k in sleutels if k in vorig), "niet genoemd")
            if status in AFGEROND:
                continue  # last year's verslag reported it behaald or vervallen
            if status == "niet genoemd" and sp.deadline.laatste_jaar < verslag.vorig.verslagjaar:
                continue  # due before last year, and last year's verslag no longer carried it
        per_pijler.setdefault(pp.nummer, []).append(sp)
    for nummer, ontbrekend in per_pijler.items():
        yield _niet_genoemd(verslag.pijlers, nummer, ontbrekend, jaar)


def _sleutel(titel: str) -> str:
    """A title as compared: case and spacing do not count."""
    return "titel:" + " ".join(titel.casefold().split()) if titel.strip() else ""


def _vorige_doelen(vorig: Kwaliteitsverslag | None) -> dict[str, DoelStatus | None]:
    """The status last year's verslag gave each doel, by speerpunt code and by titel."""
    uit: dict[str, DoelStatus | None] = {}
    for p in vorig.pijlers if vorig is not None else ():
        for d in p.doelen:
            for sleutel in {d.speerpunt.strip(), _sleutel(d.titel)} - {""}:
                uit[sleutel] = d.status
    return uit


def _onbekend(code: str, codes: list[str]) -> str:
    import difflib

    dichtbij = difflib.get_close_matches(code, codes, n=1, cutoff=0.5)
    hint = f"; bedoelt u {dichtbij[0]}?" if dichtbij else ""
    lijst = ", ".join(codes) if len(codes) <= 30 else ", ".join(codes[:30]) + ", ..."
    return (
        f"het meerjarenplan heeft geen speerpunt met de code {code}{hint} De codes in het plan zijn: {lijst or 'geen'}"
    )


def _niet_genoemd(pijlers: tuple[PijlerReflectie, ...], nummer: Pijler, ontbrekend: list[Speerpunt], jaar: int):
    lijst = "; ".join(f"{sp.code.strip()} {sp.titel.strip()} ({sp.deadline})" for sp in ontbrekend)
    voorbeeld = f'- speerpunt: "{ontbrekend[0].code.strip()}" met een status'
    index = next((i for i, p in enumerate(pijlers) if p.nummer is nummer), None)
    if index is None:
        return waarschuwing(
            "pijlers",
            f"{nummer.titel}: het meerjarenplan had voor of in {jaar} deze speerpunten gepland: {lijst}. Het "
            f"verslag heeft geen reflectie op pijler {nummer.value}; voeg die toe met deze speerpunten als "
            f"doelen ({voorbeeld})",
        )
    return waarschuwing(
        join_path("pijlers", index, "doelen"),
        f"{nummer.titel}: deze speerpunten uit het meerjarenplan hadden hun deadline in of voor {jaar}, maar "
        f"staan niet bij de doelen: {lijst}. De handreiking vraagt te reflecteren op de doelen van het "
        f"meerjarenplan; voeg ze toe onder 'doelen' ({voorbeeld} en een toelichting)",
    )


def _vorig(verslag: Kwaliteitsverslag, cyclus: Cyclus) -> Iterator[Bevinding]:
    vorig, jaar = verslag.vorig, cyclus.verslagjaar
    if vorig is None:
        if verslag.vorig_verslag.strip():
            yield waarschuwing(
                "vorig_verslag",
                "het verslag van vorig jaar is niet ingelezen, dus de cijfers van vorig jaar ontbreken; lees het "
                "verslag in met kkfz_docs.load(...) of geef het mee als Kwaliteitsverslag(vorig=...)",
            )
        return
    if vorig.verslagjaar != jaar - 1:
        yield fout(
            "vorig_verslag",
            f"het vorige verslag gaat over {vorig.verslagjaar}, niet over {jaar - 1}; koppel het verslag over "
            f"{jaar - 1}, of laat 'vorig_verslag' weg",
        )


# --- carried texts, marked for review --------------------------------------------------------------

_MARKERING = re.compile(r"\[overgenomen uit (\d{4})\b[^\]\n]*\]")


def markering(jaar: int) -> str:
    """The line `new --van` puts above a text it carries over from the verslag over jaar."""
    return f"[overgenomen uit {jaar}: nalezen, bijwerken en deze regel weghalen]"


def nalezen(tekst: str) -> str | None:
    """The warning for a text that still carries the review mark, or None."""
    match = _MARKERING.search(tekst)
    if match is None:
        return None
    return (
        f"deze tekst is overgenomen uit het verslag over {match.group(1)}; lees hem na, werk hem bij en haal "
        f"daarna de regel '{match.group(0)}' weg"
    )

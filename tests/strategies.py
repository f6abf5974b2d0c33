"""Hypothesis strategies that build any valid Kwaliteitsverslag."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import strategies as st

import kkfz_docs as kd
from kkfz_docs.values import Kwartaal, Periode, Pijler

tekst = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
naam = tekst.filter(str.strip)
"""The name of a value in a group (a financieringsvorm, a kengetal): never empty."""

VIJANDIG = [
    "R&D",
    "<b>vet</b>",
    "a<b",
    "{{ x }}",
    "{% if %}",
    "{_{ y }_}",
    "\x0b",
    "\x00",
    "\t",
    "🎉",
    "👩🏽‍⚕️",
    "مرحبا",
    "שלום",
    "&amp;",
    "]]>",
    "\u202e",
    "x" * 300,
    "\n\n",
    " ",
]
vijandige_tekst = st.lists(st.one_of(st.sampled_from(VIJANDIG), tekst), max_size=6).map("".join)
"""Text from all of Unicode mixed with what breaks renderers: markup, template braces, control
characters, emoji, right-to-left script, a very long word."""

aantal = st.integers(0, 10_000)
jaar = st.integers(2022, 2030)


def periodes() -> st.SearchStrategy[Periode]:
    punt = st.one_of(jaar, st.builds(Kwartaal, jaar, st.integers(1, 4)))

    def ordered(pair):
        a, b = pair
        try:
            return Periode(a, b)
        except ValueError:
            return Periode(b, a)

    return st.one_of(punt.map(Periode), st.tuples(punt, punt).map(ordered))


def pijler_reflectie(nummer: int, tekst=tekst) -> st.SearchStrategy[kd.PijlerReflectie]:
    regels = st.lists(tekst, max_size=3).map(tuple)
    return st.builds(
        kd.PijlerReflectie,
        nummer=st.just(Pijler(nummer)),
        algemeen_beeld=tekst,
        reflectie=tekst,
        successen=regels,
        aandachtspunten=regels,
        doelen=st.lists(
            st.builds(
                kd.DoelVoortgang,
                titel=tekst,
                gepland=st.none() | periodes(),
                status=st.none() | st.sampled_from(kd.DoelStatus),
                toelichting=tekst,
            ),
            max_size=2,
        ).map(tuple),
        ontwikkelpunten=st.lists(
            st.builds(kd.Ontwikkelpunt, omschrijving=tekst, wanneer=st.none() | periodes(), verantwoordelijke=tekst),
            max_size=2,
        ).map(tuple),
    )


scores = st.fixed_dictionaries({p: st.integers(0, 4) for p in Pijler})
getal = st.one_of(st.integers(-(10**9), 10**9), st.floats(-(2.0**39), 2.0**39, allow_nan=False, width=32))
kengetal = st.one_of(getal, st.sampled_from(["<5", "n.b.", "1.234", "12,5"]))
"""A kengetal: a number (NaN, infinity and numbers of 16 digits or more are refused), or a short text."""


@st.composite
def tabellen(draw, tekst=tekst) -> kd.Tabel:
    kolommen = draw(st.lists(tekst, min_size=1, max_size=4).map(tuple))
    cel = st.one_of(st.none(), st.integers(0, 500), tekst)
    rijen = draw(
        st.lists(
            st.builds(
                kd.TabelRij,
                label=tekst,
                waarden=st.lists(cel, min_size=len(kolommen), max_size=len(kolommen)).map(tuple),
            ),
            max_size=4,
        ).map(tuple)
    )
    return kd.Tabel(kolommen=kolommen, rijen=rijen)


@st.composite
def verslagen(draw, tekst=tekst) -> kd.Kwaliteitsverslag:
    nummers = [1, 2, 3, 4, *draw(st.sampled_from([[], [5]]))]
    pijlers = tuple(draw(st.permutations([draw(pijler_reflectie(n, tekst)) for n in nummers])))
    return kd.Kwaliteitsverslag(
        verslagjaar=draw(jaar),
        organisatie=draw(st.builds(kd.Organisatie, naam=tekst, plaats=tekst, website=tekst)),
        algemene_informatie=draw(
            st.builds(
                kd.AlgemeneInformatie,
                visie=tekst,
                zorgtypen=st.lists(
                    st.builds(
                        kd.Zorgtype, setting=tekst, beveiligingsniveau=st.none() | st.integers(1, 4), toelichting=tekst
                    ),
                    max_size=3,
                ).map(tuple),
                clienten=st.builds(
                    kd.Clienten,
                    forensische_zorg=st.none() | aantal,
                    anders_gefinancierd=st.dictionaries(naam, aantal, max_size=3),
                    peildatum=st.none() | st.dates(dt.date(2022, 1, 1), dt.date(2031, 1, 1)),
                ),
                omzet=st.dictionaries(naam, st.decimals(0, 10**9, places=2).map(Decimal), max_size=3),
            )
        ),
        pijlers=pijlers,
        opgesteld_door=draw(tekst),
        vastgesteld_op=draw(st.none() | st.dates(dt.date(2022, 1, 1), dt.date(2031, 12, 31))),
        inleiding=draw(tekst),
        terugblik=draw(tekst),
        vooruitblik=draw(tekst),
        prestatie_indicatoren_nvt=draw(tekst),
        prestatie_indicatoren=draw(
            st.lists(
                st.builds(
                    kd.PrestatieIndicator,
                    nummer=tekst,
                    naam=tekst,
                    toelichting=tekst,
                    kengetallen=st.dictionaries(naam, kengetal, max_size=3),
                    tabel=st.none() | tabellen(tekst),
                ),
                max_size=2,
            ).map(tuple)
        ),
        spinnenweb=draw(
            st.none() | st.builds(kd.Spinnenweb, scores=scores, vorig_jaar=st.none() | scores, toelichting=tekst)
        ),
        themas=draw(
            st.lists(
                st.builds(
                    kd.Thema,
                    nummer=st.integers(1, 14),
                    toelichting=tekst,
                    planning=st.dictionaries(jaar, st.sampled_from(kd.Planning), max_size=3),
                ),
                max_size=3,
            ).map(tuple)
        ),
    )
